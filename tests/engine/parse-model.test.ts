/**
 * parseModel: the model file validator (spec §2).
 *
 * Every rejection test checks the exact path(s) reported and that each message is a sentence
 * naming the path, the rule and what was found. Messages are matched on meaningful fragments
 * ("> 0", "got -3"), not whole sentences, so rewording does not break the suite.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Model } from '../../src/engine/model/model.ts';
import { MAX_LAG_WINDOW_MONTHS, MAX_NAME_LENGTH, NUMBER_FIELDS } from '../../src/engine/model/model-fields.ts';
import { type ModelIssue, ModelError, parseModel } from '../../src/engine/model/parse-model.ts';

const DEFAULT_MODEL_TEXT = readFileSync(new URL('../../models/default.json', import.meta.url), 'utf8');

/** A model as raw, mutable JSON data: tests put deliberately wrong values in it. */
type RawModel = Record<string, any>;

/** A fresh deep copy of models/default.json (3 years, monthly, so T = 36). */
function defaultModel(): RawModel {
  return JSON.parse(DEFAULT_MODEL_TEXT) as RawModel;
}

const DEFAULT_PERIODS = 36;

/** Parses `input`, expecting a ModelError; returns its issues (fails the test otherwise). */
function issuesOf(input: unknown): readonly ModelIssue[] {
  let thrown: unknown;
  try {
    parseModel(input);
  } catch (error) {
    thrown = error;
  }
  if (thrown === undefined) throw new Error('expected parseModel to throw a ModelError, but it accepted the input');
  expect(thrown).toBeInstanceOf(ModelError);
  return (thrown as ModelError).issues;
}

/** Deep-clones the default model, applies `mutate`, and returns the issues parseModel reports. */
function issuesFor(mutate: (model: RawModel) => void): readonly ModelIssue[] {
  const model = defaultModel();
  mutate(model);
  return issuesOf(model);
}

/** Deep-clones the default model, applies `mutate`, and parses it (which must succeed). */
function parseWith(mutate: (model: RawModel) => void): Model {
  const model = defaultModel();
  mutate(model);
  return parseModel(model);
}

/** Sets a dotted path such as `brand.halfLifeMonths` (or `horizonYears`) on a raw model. */
function setAt(model: RawModel, path: string, value: unknown): void {
  const keys = path.split('.');
  let target = model;
  for (const key of keys.slice(0, -1)) target = target[key];
  target[keys[keys.length - 1]] = value;
}

/** Removes a dotted path from a raw model. */
function deleteAt(model: RawModel, path: string): void {
  const keys = path.split('.');
  let target = model;
  for (const key of keys.slice(0, -1)) target = target[key];
  delete target[keys[keys.length - 1]];
}

const paths = (issues: readonly ModelIssue[]) => issues.map((issue) => issue.path);

/** The issue at `path`; fails when there is none. */
function issueAt(issues: readonly ModelIssue[], path: string): ModelIssue {
  const issue = issues.find((candidate) => candidate.path === path);
  if (issue === undefined) {
    throw new Error(`expected an issue at "${path}", got issues at ${JSON.stringify(paths(issues))}`);
  }
  return issue;
}

/** The message names its path (when it has one) and contains every fragment. */
function expectMessage(issue: ModelIssue, ...fragments: (string | RegExp)[]): void {
  if (issue.path !== '') expect(issue.message).toContain(issue.path);
  for (const fragment of fragments) {
    if (typeof fragment === 'string') expect(issue.message).toContain(fragment);
    else expect(issue.message).toMatch(fragment);
  }
}

/** Exactly one issue, at `path`, whose message names the path and holds every fragment. */
function expectOnlyIssue(issues: readonly ModelIssue[], path: string, ...fragments: (string | RegExp)[]): void {
  expect(paths(issues)).toEqual([path]);
  expectMessage(issues[0], ...fragments);
}

/** A spend list of `length` equal amounts. */
const list = (length: number, value = 1000) => Array.from({ length }, () => value);

// ---------------------------------------------------------------------------------------------

describe('valid models', () => {
  it('parses the default model into the same data as the file', () => {
    const parsed = parseModel(defaultModel());
    expect(parsed).toEqual(defaultModel());
  });

  it('round-trips: parsing the JSON of a parsed model gives an equal model', () => {
    const parsed = parseModel(defaultModel());
    expect(parseModel(JSON.parse(JSON.stringify(parsed)))).toEqual(parsed);
  });

  it('round-trips a model with per-year budgets, seasonality and a plan', () => {
    const parsed = parseWith((m) => {
      m.budget = { perYear: [1e6, 1.1e6, 1.2e6], upstreamShare: [0.3, 0.5, 0.7] };
      m.market.seasonality = list(12, 1);
      m.plan = { upstream: list(DEFAULT_PERIODS, 40000), downstream: list(DEFAULT_PERIODS, 60000) };
    });
    expect(parseModel(JSON.parse(JSON.stringify(parsed)))).toEqual(parsed);
  });

  it('accepts and keeps "$schema"', () => {
    const parsed = parseWith((m) => { m.$schema = '../schema/model.schema.json'; });
    expect(parsed.$schema).toBe('../schema/model.schema.json');
  });

  it('accepts a model without the optional description', () => {
    const parsed = parseWith((m) => { delete m.description; });
    expect(parsed.description).toBeUndefined();
  });

  it('accepts a plan without a budget, keeping the plan and no budget', () => {
    const plan = { upstream: list(DEFAULT_PERIODS, 40000), downstream: list(DEFAULT_PERIODS, 0) };
    const parsed = parseWith((m) => {
      delete m.budget;
      m.plan = plan;
    });
    expect(parsed.budget).toBeUndefined();
    expect(parsed.plan).toEqual(plan);
  });

  it('accepts a plan alongside a budget', () => {
    const parsed = parseWith((m) => {
      m.plan = { upstream: list(DEFAULT_PERIODS), downstream: list(DEFAULT_PERIODS) };
    });
    expect(parsed.plan?.upstream).toHaveLength(DEFAULT_PERIODS);
    expect(parsed.budget).toEqual({ perYear: 1200000, upstreamShare: 0.5 });
  });

  it('accepts budget arrays with one value per year of the horizon', () => {
    const parsed = parseWith((m) => {
      m.budget = { perYear: [1e6, 0, 2e6], upstreamShare: [0, 0.5, 1] };
    });
    expect(parsed.budget).toEqual({ perYear: [1e6, 0, 2e6], upstreamShare: [0, 0.5, 1] });
  });

  it('accepts seasonality null and seasonality with one positive index per month', () => {
    expect(parseWith((m) => { m.market.seasonality = null; }).market.seasonality).toBeNull();
    const seasonality = [0.8, 0.9, 1, 1.1, 1.2, 1, 1, 0.9, 1, 1.1, 1.3, 0.7];
    expect(parseWith((m) => { m.market.seasonality = seasonality; }).market.seasonality).toEqual(seasonality);
  });

  it('accepts a quarterly model with 4 seasonal indices and a plan of 4·Y periods', () => {
    const parsed = parseWith((m) => {
      m.periodsPerYear = 4;
      m.horizonYears = 2;
      m.market.seasonality = [0.9, 1, 1.1, 1];
      m.plan = { upstream: list(8), downstream: list(8) };
    });
    expect(parsed.periodsPerYear).toBe(4);
    expect(parsed.plan?.downstream).toHaveLength(8);
  });

  it('accepts a weekly model with 52 seasonal indices and a plan of 52·Y periods', () => {
    const parsed = parseWith((m) => {
      m.periodsPerYear = 52;
      m.horizonYears = 1;
      m.market.seasonality = list(52, 1);
      m.plan = { upstream: list(52), downstream: list(52) };
    });
    expect(parsed.periodsPerYear).toBe(52);
    expect(parsed.market.seasonality).toHaveLength(52);
  });

  it.each([
    { label: 'initialEquity == maxEquity', mutate: (m: RawModel) => { m.brand.initialEquity = m.brand.maxEquity; } },
    { label: 'initialEquity 0', mutate: (m: RawModel) => { m.brand.initialEquity = 0; } },
    { label: 'maxEquity 1', mutate: (m: RawModel) => { m.brand.maxEquity = 1; } },
    { label: 'lagMonths == lagWindowMonths', mutate: (m: RawModel) => { m.upstream.lagMonths = m.upstream.lagWindowMonths; } },
    { label: 'lagMonths 0 and lagWindowMonths 0', mutate: (m: RawModel) => { m.upstream.lagMonths = 0; m.upstream.lagWindowMonths = 0; } },
    { label: 'lagWindowMonths at MAX_LAG_WINDOW_MONTHS', mutate: (m: RawModel) => { m.upstream.lagWindowMonths = MAX_LAG_WINDOW_MONTHS; } },
    { label: 'lagConcentration just inside (0, 1)', mutate: (m: RawModel) => { m.upstream.lagConcentration = 0.999; } },
    { label: 'horizonYears 1', mutate: (m: RawModel) => { m.horizonYears = 1; } },
    { label: 'horizonYears 5', mutate: (m: RawModel) => { m.horizonYears = 5; } },
    { label: 'carryoverYears 0', mutate: (m: RawModel) => { m.economics.carryoverYears = 0; } },
    { label: 'carryoverYears 5', mutate: (m: RawModel) => { m.economics.carryoverYears = 5; } },
    { label: 'growthPerYear just above -1', mutate: (m: RawModel) => { m.market.growthPerYear = -0.99; } },
    { label: 'discountRatePerYear 0', mutate: (m: RawModel) => { m.economics.discountRatePerYear = 0; } },
    { label: 'baseConversion and margin at 0 and 1', mutate: (m: RawModel) => { m.economics.baseConversion = 1; m.economics.margin = 0; } },
    { label: 'zero budget and zero history', mutate: (m: RawModel) => { m.budget.perYear = 0; m.history.upstreamPerMonth = 0; m.history.downstreamPerMonth = 0; } },
    { label: `name of exactly MAX_NAME_LENGTH characters`, mutate: (m: RawModel) => { m.name = 'n'.repeat(MAX_NAME_LENGTH); } },
  ])('accepts the boundary case $label', ({ mutate }) => {
    expect(() => parseWith(mutate)).not.toThrow();
  });

  it('returns a fresh object: mutating the result leaves the input unchanged', () => {
    const input = defaultModel();
    input.budget = { perYear: [1e6, 1e6, 1e6], upstreamShare: [0.5, 0.5, 0.5] };
    input.market.seasonality = list(12, 1);
    input.plan = { upstream: list(DEFAULT_PERIODS), downstream: list(DEFAULT_PERIODS) };
    const snapshot = structuredClone(input);

    const parsed = parseModel(input);
    expect(parsed).not.toBe(input);
    expect(parsed.brand).not.toBe(input.brand);
    (parsed.budget!.perYear as number[])[0] = -1;
    parsed.market.seasonality![0] = 99;
    parsed.plan!.upstream[0] = -1;
    parsed.brand.halfLifeMonths = -3;
    parsed.name = 'changed';

    expect(input).toEqual(snapshot);
  });

  it('returns a fresh object: mutating the input afterwards leaves the result unchanged', () => {
    const input = defaultModel();
    input.market.seasonality = list(12, 1);
    const parsed = parseModel(input);
    const snapshot = structuredClone(parsed);
    input.market.seasonality[0] = 5;
    input.brand.maxEquity = 0.1;
    expect(parsed).toEqual(snapshot);
  });
});

// ---------------------------------------------------------------------------------------------

describe('ModelError', () => {
  it('is an Error named ModelError whose message joins the issue messages', () => {
    let thrown: unknown;
    try {
      parseModel({ ...defaultModel(), horizonYears: 0, name: '' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect(thrown).toBeInstanceOf(ModelError);
    const error = thrown as ModelError;
    expect(error.name).toBe('ModelError');
    expect(error.issues).toHaveLength(2);
    expect(error.message).toBe(error.issues.map((issue) => issue.message).join('\n'));
    for (const issue of error.issues) expect(error.message).toContain(issue.message);
  });

  it('gives every issue a path string and a non-empty message', () => {
    for (const issue of issuesOf({})) {
      expect(typeof issue.path).toBe('string');
      expect(issue.message.length).toBeGreaterThan(10);
    }
  });
});

// ---------------------------------------------------------------------------------------------

describe('input that is not a model object', () => {
  it.each([
    { label: 'null', input: null, got: 'got null' },
    { label: 'undefined', input: undefined, got: /got (nothing|undefined)/ },
    { label: 'an array', input: [defaultModel()], got: /got (a list|an array)/ },
    { label: 'an empty array', input: [], got: /got (a list|an array)/ },
    { label: 'a string', input: DEFAULT_MODEL_TEXT.slice(0, 20), got: /got text/ },
    { label: 'a number', input: 3, got: 'got 3' },
    { label: 'a boolean', input: true, got: 'got true' },
  ])('rejects $label with one issue at the root path ""', ({ input, got }) => {
    const issues = issuesOf(input);
    expectOnlyIssue(issues, '', /model must be a JSON object/, got);
  });
});

// ---------------------------------------------------------------------------------------------

describe('wrong types where a number is required', () => {
  it.each([
    { label: 'a numeric string "24"', path: 'brand.halfLifeMonths', value: '24', got: 'got text "24"' },
    { label: 'the string "NaN"', path: 'brand.halfLifeMonths', value: 'NaN', got: 'got text "NaN"' },
    { label: 'the string "12" for horizonYears', path: 'horizonYears', value: '3', got: 'got text "3"' },
    { label: 'a boolean', path: 'economics.margin', value: false, got: 'got false' },
    { label: 'null', path: 'market.inMarketPerMonth', value: null, got: 'got null' },
    { label: 'an object', path: 'upstream.shape', value: { value: 1 }, got: 'got an object' },
    { label: 'an array', path: 'downstream.shape', value: [1.5], got: 'got a list' },
    { label: 'an empty string', path: 'history.upstreamPerMonth', value: '', got: 'got text ""' },
  ])('rejects $label at $path', ({ path, value, got }) => {
    const issues = issuesFor((m) => setAt(m, path, value));
    expectOnlyIssue(issues, path, 'must be a number', got);
  });

  it.each([
    { label: 'a numeric string', value: '1200000', got: 'got text "1200000"' },
    { label: 'null', value: null, got: 'got null' },
    { label: 'an object', value: { y1: 1 }, got: 'got an object' },
    { label: 'a boolean', value: true, got: 'got true' },
  ])('rejects $label for a yearly field (budget.perYear), saying a number or a list is expected', ({ value, got }) => {
    const issues = issuesFor((m) => { m.budget.perYear = value; });
    expectOnlyIssue(issues, 'budget.perYear', /must be a number or a list/, got);
  });
});

describe('wrong types where an object (a section) is required', () => {
  it.each([
    { label: 'an array', path: 'history', value: [50000, 50000], got: 'got a list' },
    { label: 'a number', path: 'brand', value: 0.3, got: 'got 0.3' },
    { label: 'null', path: 'market', value: null, got: 'got null' },
    { label: 'a string', path: 'economics', value: 'default', got: /got text "default"/ },
    { label: 'an array', path: 'budget', value: [1200000, 0.5], got: 'got a list' },
    { label: 'a string', path: 'plan', value: 'even', got: /got text "even"/ },
  ])('rejects $label as the $path section', ({ path, value, got }) => {
    const issues = issuesFor((m) => { m[path] = value; });
    expectOnlyIssue(issues, path, 'must be an object', got);
  });
});

// ---------------------------------------------------------------------------------------------

describe('numbers out of range, one case per rule kind and bound', () => {
  it.each([
    // > 0
    { path: 'brand.halfLifeMonths', value: -3, rule: '> 0' },
    { path: 'brand.halfLifeMonths', value: 0, rule: '> 0' },
    { path: 'market.inMarketPerMonth', value: 0, rule: '> 0' },
    { path: 'upstream.halfSaturation', value: 0, rule: '> 0' },
    { path: 'upstream.shape', value: -1, rule: '> 0' },
    { path: 'downstream.halfLifeMonths', value: 0, rule: '> 0' },
    { path: 'downstream.halfSaturation', value: -15000, rule: '> 0' },
    { path: 'downstream.shape', value: 0, rule: '> 0' },
    // ≥ 0
    { path: 'history.upstreamPerMonth', value: -1, rule: '≥ 0' },
    { path: 'history.downstreamPerMonth', value: -0.01, rule: '≥ 0' },
    { path: 'budget.perYear', value: -1200000, rule: '≥ 0' },
    { path: 'brand.demandLift', value: -0.5, rule: '≥ 0' },
    { path: 'brand.conversionLift', value: -1, rule: '≥ 0' },
    { path: 'upstream.lagMonths', value: -1, rule: '≥ 0' },
    { path: 'upstream.insightFeedback', value: -0.1, rule: '≥ 0' },
    { path: 'economics.valuePerSale', value: -60, rule: '≥ 0' },
    // 0 … 1, both ends
    { path: 'budget.upstreamShare', value: -0.01, rule: 'between 0 and 1' },
    { path: 'budget.upstreamShare', value: 1.01, rule: 'between 0 and 1' },
    { path: 'brand.initialEquity', value: -0.1, rule: 'between 0 and 1' },
    { path: 'economics.baseConversion', value: -0.01, rule: 'between 0 and 1' },
    { path: 'economics.baseConversion', value: 1.5, rule: 'between 0 and 1' },
    { path: 'economics.margin', value: -0.5, rule: 'between 0 and 1' },
    { path: 'economics.margin', value: 2, rule: 'between 0 and 1' },
    { path: 'downstream.maxConversionLift', value: -0.015, rule: 'between 0 and 1' },
    { path: 'downstream.maxConversionLift', value: 1.5, rule: 'between 0 and 1' },
    // limits no real business reaches (docs/model-limits.md): only the broken bound is named
    { path: 'economics.valuePerSale', value: 1e308, rule: '≤ 1e12' },
    { path: 'economics.valuePerSale', value: 1.0000001e12, rule: '≤ 1e12' },
    { path: 'market.inMarketPerMonth', value: 1e308, rule: '≤ 1e12' },
    { path: 'budget.perYear', value: 1e14, rule: '≤ 1e13' },
    { path: 'history.upstreamPerMonth', value: 1e300, rule: '≤ 1e13' },
    { path: 'history.downstreamPerMonth', value: 2e13, rule: '≤ 1e13' },
    { path: 'upstream.halfSaturation', value: 1e200, rule: '≤ 1e13' },
    { path: 'downstream.halfSaturation', value: 1e200, rule: '≤ 1e13' },
    { path: 'market.growthPerYear', value: 1e104, rule: '≤ 10' },
    { path: 'economics.discountRatePerYear', value: 11, rule: '≤ 10' },
    { path: 'brand.demandLift', value: 1e305, rule: '≤ 100' },
    { path: 'brand.conversionLift', value: 101, rule: '≤ 100' },
    { path: 'upstream.insightFeedback', value: 1e10, rule: '≤ 100' },
    { path: 'brand.halfLifeMonths', value: 1201, rule: '≤ 1200' },
    { path: 'downstream.halfLifeMonths', value: 1e308, rule: '≤ 1200' },
    { path: 'upstream.shape', value: 10.5, rule: '≤ 10' },
    { path: 'downstream.shape', value: 1e308, rule: '≤ 10' },
    // > −1
    { path: 'market.growthPerYear', value: -1, rule: '> -1' },
    { path: 'market.growthPerYear', value: -2, rule: '> -1' },
    { path: 'economics.discountRatePerYear', value: -1, rule: '> -1' },
    // (0, 1) exclusive
    { path: 'upstream.lagConcentration', value: 0, rule: /> 0 and < 1/ },
    { path: 'upstream.lagConcentration', value: 1, rule: /> 0 and < 1/ },
    // (0, 1]
    { path: 'brand.maxEquity', value: 0, rule: /> 0 and ≤ 1/ },
    { path: 'brand.maxEquity', value: 1.5, rule: /> 0 and ≤ 1/ },
    // whole number 1 … 5
    { path: 'horizonYears', value: 0, rule: 'a whole number from 1 to 5' },
    { path: 'horizonYears', value: 6, rule: 'a whole number from 1 to 5' },
    { path: 'horizonYears', value: 2.5, rule: 'a whole number from 1 to 5' },
    // whole number 0 … 5
    { path: 'economics.carryoverYears', value: 6, rule: 'a whole number from 0 to 5' },
    { path: 'economics.carryoverYears', value: 1.5, rule: 'a whole number from 0 to 5' },
    { path: 'economics.carryoverYears', value: -1, rule: 'a whole number from 0 to 5' },
    // lag window: ≥ 0 and capped
    { path: 'upstream.lagWindowMonths', value: MAX_LAG_WINDOW_MONTHS + 1, rule: `between 0 and ${MAX_LAG_WINDOW_MONTHS}` },
    { path: 'upstream.lagWindowMonths', value: 1e9, rule: `between 0 and ${MAX_LAG_WINDOW_MONTHS}` },
    { path: 'upstream.lagWindowMonths', value: -1, rule: `between 0 and ${MAX_LAG_WINDOW_MONTHS}` },
  ])('rejects $path = $value: must be $rule', ({ path, value, rule }) => {
    const issues = issuesFor((m) => setAt(m, path, value));
    expectOnlyIssue(issues, path, rule, `got ${value}`);
  });

  it('uses the example sentence of the spec for a negative half-life', () => {
    const issues = issuesFor((m) => { m.brand.halfLifeMonths = -3; });
    expect(issues[0].message).toMatch(/^brand\.halfLifeMonths must be > 0, got -3\b/);
  });
});

describe('non-finite numbers', () => {
  it('rejects Infinity from JSON.parse("1e400"), saying the number must be finite', () => {
    const issues = issuesOf(JSON.parse(DEFAULT_MODEL_TEXT.replace(/"halfLifeMonths": [\d.]+/, '"halfLifeMonths": 1e400')));
    expectOnlyIssue(issues, 'brand.halfLifeMonths', 'finite', 'Infinity');
  });

  it('rejects -Infinity in a yearly field', () => {
    const issues = issuesFor((m) => { m.budget.perYear = JSON.parse('-1e400'); });
    expectOnlyIssue(issues, 'budget.perYear', 'finite', '-Infinity');
  });

  it('rejects Infinity inside a per-year list, naming the element', () => {
    const issues = issuesFor((m) => { m.budget.perYear = [1e6, Infinity, 1e6]; });
    expectOnlyIssue(issues, 'budget.perYear[1]', 'finite', 'Infinity');
  });

  it('rejects the number NaN (a JavaScript caller, not JSON), saying it must be finite', () => {
    const issues = issuesFor((m) => { m.economics.margin = Number.NaN; });
    expectOnlyIssue(issues, 'economics.margin', 'finite', 'NaN');
  });

  it('rejects Infinity in a plan, naming the period', () => {
    const issues = issuesFor((m) => {
      m.plan = { upstream: list(DEFAULT_PERIODS), downstream: list(DEFAULT_PERIODS) };
      m.plan.upstream[7] = Infinity;
    });
    expectOnlyIssue(issues, 'plan.upstream[7]', 'finite', 'Infinity');
  });
});

// ---------------------------------------------------------------------------------------------

describe('periodsPerYear', () => {
  it.each([
    { label: '13', value: 13, got: 'got 13' },
    { label: 'the string "12"', value: '12', got: /got "12" \(text\)|got text "12"/ },
    { label: '0', value: 0, got: 'got 0' },
    { label: '1 (yearly is not offered)', value: 1, got: 'got 1' },
    { label: '12.5', value: 12.5, got: 'got 12.5' },
    { label: 'null', value: null, got: 'got null' },
  ])('rejects $label, listing the allowed choices 12, 4 and 52', ({ value, got }) => {
    const issues = issuesFor((m) => { m.periodsPerYear = value; });
    expectOnlyIssue(issues, 'periodsPerYear', '12', '4', '52', got);
  });
});

// ---------------------------------------------------------------------------------------------

describe('per-year lists (budget)', () => {
  it('rejects budget.perYear with 2 values for a 3-year horizon', () => {
    const issues = issuesFor((m) => { m.budget.perYear = [1e6, 1e6]; });
    expectOnlyIssue(issues, 'budget.perYear', 'one value per year (3)', 'got 2');
  });

  it('rejects budget.upstreamShare with 4 values for a 3-year horizon', () => {
    const issues = issuesFor((m) => { m.budget.upstreamShare = [0.5, 0.5, 0.5, 0.5]; });
    expectOnlyIssue(issues, 'budget.upstreamShare', 'one value per year (3)', 'got 4');
  });

  it('rejects an empty budget.perYear list', () => {
    const issues = issuesFor((m) => { m.budget.perYear = []; });
    expectOnlyIssue(issues, 'budget.perYear', 'one value per year (3)', 'got 0');
  });

  it('names the element budget.upstreamShare[1] when it is out of range', () => {
    const issues = issuesFor((m) => { m.budget.upstreamShare = [0.5, 1.5, 0.5]; });
    expectOnlyIssue(issues, 'budget.upstreamShare[1]', 'between 0 and 1', 'got 1.5');
  });

  it('names the element budget.perYear[2] when it is negative', () => {
    const issues = issuesFor((m) => { m.budget.perYear = [1e6, 1e6, -1]; });
    expectOnlyIssue(issues, 'budget.perYear[2]', '≥ 0', 'got -1');
  });

  it('names the element budget.perYear[0] when it is a string', () => {
    const issues = issuesFor((m) => { m.budget.perYear = ['1000000', 1e6, 1e6]; });
    expectOnlyIssue(issues, 'budget.perYear[0]', 'must be a number', 'got text "1000000"');
  });

  it('reports both a wrong length and a bad element of the same list', () => {
    const issues = issuesFor((m) => { m.budget.upstreamShare = [0.5, -0.5]; });
    expect(paths(issues)).toEqual(['budget.upstreamShare', 'budget.upstreamShare[1]']);
    expectMessage(issueAt(issues, 'budget.upstreamShare'), 'one value per year (3)', 'got 2');
    expectMessage(issueAt(issues, 'budget.upstreamShare[1]'), 'between 0 and 1', 'got -0.5');
  });

  it('does not also report list lengths when the horizon itself is invalid', () => {
    const issues = issuesFor((m) => {
      m.horizonYears = 2.5;
      m.budget.perYear = [1e6, 1e6, 1e6];
    });
    expectOnlyIssue(issues, 'horizonYears', 'a whole number from 1 to 5', 'got 2.5');
  });

  it('checks list lengths against the horizon of the model, not the default 3 years', () => {
    const issues = issuesFor((m) => {
      m.horizonYears = 5;
      m.budget.perYear = [1e6, 1e6, 1e6];
    });
    expectOnlyIssue(issues, 'budget.perYear', 'one value per year (5)', 'got 3');
  });
});

describe('seasonality', () => {
  it('rejects 11 indices for a monthly model', () => {
    const issues = issuesFor((m) => { m.market.seasonality = list(11, 1); });
    expectOnlyIssue(issues, 'market.seasonality', 'one index per period of the year (12)', 'got 11');
  });

  // 12 indices are one per month, valid for any granularity (docs/model.md, "Seasonality by month").
  it('rejects 5 indices for a quarterly model', () => {
    const issues = issuesFor((m) => {
      m.periodsPerYear = 4;
      m.market.seasonality = list(5, 1);
    });
    expectOnlyIssue(issues, 'market.seasonality', 'one index per period of the year (4)', 'got 5');
  });

  it.each([
    { label: 'zero', value: 0, fragments: ['> 0', 'got 0'] },
    { label: 'negative', value: -0.5, fragments: ['> 0', 'got -0.5'] },
    { label: 'a string', value: '1', fragments: ['must be a number', 'got text "1"'] },
    { label: 'null', value: null, fragments: ['must be a number', 'got null'] },
  ])('names the element market.seasonality[3] when it is $label', ({ value, fragments }) => {
    const issues = issuesFor((m) => {
      m.market.seasonality = list(12, 1);
      m.market.seasonality[3] = value;
    });
    expectOnlyIssue(issues, 'market.seasonality[3]', ...fragments);
  });

  it.each([
    { label: 'a number', value: 1, got: 'got 1' },
    { label: 'an object', value: { jan: 1 }, got: 'got an object' },
    { label: 'a string', value: 'none', got: 'got text "none"' },
  ])('rejects seasonality that is $label rather than null or a list', ({ value, got }) => {
    const issues = issuesFor((m) => { m.market.seasonality = value; });
    expectOnlyIssue(issues, 'market.seasonality', /null or a list/, got);
  });

  it('requires seasonality to be present, saying null means none', () => {
    const issues = issuesFor((m) => { delete m.market.seasonality; });
    expectOnlyIssue(issues, 'market.seasonality', 'is required', 'null');
  });
});

describe('plan', () => {
  const withPlan = (m: RawModel) => {
    m.plan = { upstream: list(DEFAULT_PERIODS), downstream: list(DEFAULT_PERIODS) };
  };

  it('rejects plan.upstream with 35 periods for a 36-period horizon', () => {
    const issues = issuesFor((m) => { withPlan(m); m.plan.upstream.pop(); });
    expectOnlyIssue(issues, 'plan.upstream', 'one value per period (36)', 'got 35');
  });

  it('rejects plan.downstream with 37 periods for a 36-period horizon', () => {
    const issues = issuesFor((m) => { withPlan(m); m.plan.downstream.push(1000); });
    expectOnlyIssue(issues, 'plan.downstream', 'one value per period (36)', 'got 37');
  });

  it('checks plan length against periodsPerYear × horizonYears (weekly, 2 years = 104)', () => {
    const issues = issuesFor((m) => {
      m.periodsPerYear = 52;
      m.horizonYears = 2;
      m.plan = { upstream: list(104), downstream: list(52) };
    });
    expectOnlyIssue(issues, 'plan.downstream', 'one value per period (104)', 'got 52');
  });

  it('names the period when a plan entry is negative', () => {
    const issues = issuesFor((m) => { withPlan(m); m.plan.downstream[5] = -1; });
    expectOnlyIssue(issues, 'plan.downstream[5]', '≥ 0', 'got -1');
  });

  it('names the period when a plan entry is a string', () => {
    const issues = issuesFor((m) => { withPlan(m); m.plan.upstream[0] = '1000'; });
    expectOnlyIssue(issues, 'plan.upstream[0]', 'must be a number', 'got text "1000"');
  });

  it('rejects a plan side that is a number rather than a list', () => {
    const issues = issuesFor((m) => { withPlan(m); m.plan.upstream = 40000; });
    expectOnlyIssue(issues, 'plan.upstream', /must be a list/, 'got 40000');
  });

  it('requires both sides of a plan', () => {
    const issues = issuesFor((m) => { withPlan(m); delete m.plan.downstream; });
    expectOnlyIssue(issues, 'plan.downstream', 'is required');
  });

  it('rejects an unknown key inside plan', () => {
    const issues = issuesFor((m) => { withPlan(m); m.plan.total = list(DEFAULT_PERIODS); });
    expectOnlyIssue(issues, 'plan.total', 'not a known field');
  });
});

// ---------------------------------------------------------------------------------------------

describe('rules between fields', () => {
  it('rejects initialEquity above maxEquity, naming both fields and values', () => {
    const issues = issuesFor((m) => { m.brand.initialEquity = 0.95; m.brand.maxEquity = 0.9; });
    expectOnlyIssue(issues, 'brand.initialEquity', 'brand.maxEquity', '0.9', 'got 0.95');
  });

  it('rejects lagMonths above lagWindowMonths, naming both fields and values', () => {
    const issues = issuesFor((m) => { m.upstream.lagMonths = 13; m.upstream.lagWindowMonths = 12; });
    expectOnlyIssue(issues, 'upstream.lagMonths', 'upstream.lagWindowMonths', '12', 'got 13');
  });

  it('does not report initialEquity > maxEquity when maxEquity is itself invalid', () => {
    const issues = issuesFor((m) => { m.brand.maxEquity = 0; });
    expectOnlyIssue(issues, 'brand.maxEquity', '> 0', 'got 0');
  });

  it('does not report lagMonths > lagWindowMonths when the window is over the cap', () => {
    const issues = issuesFor((m) => { m.upstream.lagMonths = 700; m.upstream.lagWindowMonths = 601; });
    expectOnlyIssue(issues, 'upstream.lagWindowMonths', `between 0 and ${MAX_LAG_WINDOW_MONTHS}`, 'got 601');
  });
});

// ---------------------------------------------------------------------------------------------

describe('unknown and misspelt fields', () => {
  it('rejects an unknown top-level field, listing the known ones', () => {
    const issues = issuesFor((m) => { m.colour = 'blue'; });
    expectOnlyIssue(issues, 'colour', 'not a known field', 'horizonYears', 'economics');
  });

  it('rejects an unknown field inside a section, with its dotted path', () => {
    const issues = issuesFor((m) => { m.brand.colour = 'blue'; });
    expectOnlyIssue(issues, 'brand.colour', 'not a known field', 'halfLifeMonths');
  });

  it('suggests horizonYears for the misspelt top-level field "horizonYear"', () => {
    const issues = issuesFor((m) => { m.horizonYear = m.horizonYears; delete m.horizonYears; });
    expect(paths(issues)).toEqual(['horizonYear', 'horizonYears']);
    expectMessage(issueAt(issues, 'horizonYear'), 'not a known field', 'did you mean horizonYears');
    expectMessage(issueAt(issues, 'horizonYears'), 'is required');
  });

  it('suggests the field for an extra misspelt copy even when the real one is present', () => {
    const issues = issuesFor((m) => { m.horizonYear = 3; });
    expectOnlyIssue(issues, 'horizonYear', 'did you mean horizonYears');
  });

  it('suggests brand.halfLifeMonths for "brand.halfLife"', () => {
    const issues = issuesFor((m) => { m.brand.halfLife = 24; delete m.brand.halfLifeMonths; });
    expect(paths(issues)).toEqual(['brand.halfLife', 'brand.halfLifeMonths']);
    expectMessage(issueAt(issues, 'brand.halfLife'), 'not a known field', 'did you mean brand.halfLifeMonths');
  });

  it.each([
    { wrong: 'economics.carryOverYears', right: 'economics.carryoverYears' },
    { wrong: 'downstream.halfLifeMonth', right: 'downstream.halfLifeMonths' },
    { wrong: 'upstream.lagMonth', right: 'upstream.lagMonths' },
    { wrong: 'market.seasonalty', right: 'market.seasonality' },
    { wrong: 'Budget', right: 'budget' },
  ])('suggests $right for the misspelt $wrong', ({ wrong, right }) => {
    const issues = issuesFor((m) => {
      const [section, key] = wrong.includes('.') ? wrong.split('.') : ['', wrong];
      const target = section === '' ? m : m[section];
      target[key] = 1;
    });
    expectOnlyIssue(issues, wrong, 'not a known field', `did you mean ${right}`);
  });

  it('makes no suggestion when nothing is close', () => {
    const issues = issuesFor((m) => { m.economics.xyz = 1; });
    expectOnlyIssue(issues, 'economics.xyz', 'not a known field');
    expect(issues[0].message).not.toContain('did you mean');
  });
});

// ---------------------------------------------------------------------------------------------

describe('prototype keys: __proto__ and constructor', () => {
  /** The default model's JSON with `extra` inserted right after the opening brace of `at`. */
  const jsonWith = (at: 'root' | 'brand' | 'plan', extra: string): unknown => {
    const text = JSON.stringify({
      ...defaultModel(),
      ...(at === 'plan' ? { plan: { upstream: list(DEFAULT_PERIODS), downstream: list(DEFAULT_PERIODS) } } : {}),
    });
    const anchor = at === 'root' ? '{' : `"${at}":{`;
    expect(text).toContain(anchor);
    return JSON.parse(text.replace(anchor, `${anchor}${extra},`));
  };

  const expectPrototypeClean = () => {
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(({} as RawModel).polluted).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  };

  it('the fixture really makes __proto__ an own property (JSON.parse), not a prototype', () => {
    const input = jsonWith('root', '"__proto__":{"polluted":"yes"}') as RawModel;
    expect(Object.keys(input)).toContain('__proto__');
    expect(Object.getPrototypeOf(input)).toBe(Object.prototype);
  });

  it.each([
    { at: 'root' as const, path: '__proto__' },
    { at: 'brand' as const, path: 'brand.__proto__' },
    { at: 'plan' as const, path: 'plan.__proto__' },
  ])('rejects a __proto__ key at $at as unknown, without polluting any prototype', ({ at, path }) => {
    const input = jsonWith(at, '"__proto__":{"polluted":"yes","halfLifeMonths":-3}');
    let thrown: unknown;
    try {
      parseModel(input);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ModelError);
    const error = thrown as ModelError;
    expectOnlyIssue(error.issues, path, 'not a known field');
    expectPrototypeClean();
    // Nothing the parser built or threw picked up the payload through its prototype.
    expect((error as unknown as RawModel).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(error.issues)).toBe(Array.prototype);
    for (const issue of error.issues) {
      expect(Object.getPrototypeOf(issue)).toBe(Object.prototype);
      expect((issue as unknown as RawModel).polluted).toBeUndefined();
    }
  });

  it('still returns clean objects afterwards: a valid model parsed after the attack has no polluted prototype', () => {
    issuesOf(jsonWith('root', '"__proto__":{"polluted":"yes"}'));
    issuesOf(jsonWith('brand', '"__proto__":{"polluted":"yes"}'));
    const parsed = parseModel(defaultModel()) as unknown as RawModel;
    for (const value of [parsed, parsed.brand, parsed.market, parsed.economics]) {
      expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
      expect(value.polluted).toBeUndefined();
    }
    expectPrototypeClean();
  });

  it.each([
    { at: 'root' as const, path: 'constructor' },
    { at: 'brand' as const, path: 'brand.constructor' },
  ])('rejects a constructor key at $at as unknown', ({ at, path }) => {
    const issues = issuesOf(jsonWith(at, '"constructor":{"prototype":{"polluted":"yes"}}'));
    expectOnlyIssue(issues, path, 'not a known field');
    expectPrototypeClean();
  });

  it.each(['toString', 'hasOwnProperty', 'prototype'])('rejects the Object.prototype-like key %s as unknown', (key) => {
    const issues = issuesFor((m) => { m[key] = 1; });
    expectOnlyIssue(issues, key, 'not a known field');
  });
});

// ---------------------------------------------------------------------------------------------

describe('missing fields and sections', () => {
  it.each([
    'name', 'periodsPerYear', 'horizonYears',
    'history.upstreamPerMonth', 'history.downstreamPerMonth',
    'market.inMarketPerMonth', 'market.growthPerYear',
    'brand.initialEquity', 'brand.maxEquity', 'brand.halfLifeMonths', 'brand.demandLift', 'brand.conversionLift',
    'upstream.lagMonths', 'upstream.lagConcentration', 'upstream.lagWindowMonths',
    'upstream.halfSaturation', 'upstream.shape', 'upstream.insightFeedback',
    'downstream.halfLifeMonths', 'downstream.halfSaturation', 'downstream.shape', 'downstream.maxConversionLift',
    'economics.baseConversion', 'economics.valuePerSale', 'economics.margin',
    'economics.discountRatePerYear', 'economics.carryoverYears',
    'budget.perYear', 'budget.upstreamShare',
  ])('reports the missing required field %s', (path) => {
    const issues = issuesFor((m) => deleteAt(m, path));
    expectOnlyIssue(issues, path, 'is required');
  });

  it.each(['history', 'market', 'brand', 'upstream', 'downstream', 'economics'])(
    'reports the missing section %s once, not once per field', (section) => {
      const issues = issuesFor((m) => { delete m[section]; });
      expectOnlyIssue(issues, section, 'is required');
    },
  );

  it('reports every field of an empty section', () => {
    const issues = issuesFor((m) => { m.brand = {}; });
    expect(paths(issues)).toEqual([
      'brand.initialEquity', 'brand.maxEquity', 'brand.halfLifeMonths', 'brand.demandLift', 'brand.conversionLift',
    ]);
    for (const issue of issues) expectMessage(issue, 'is required');
  });

  it('requires budget when there is no plan either', () => {
    const issues = issuesFor((m) => { delete m.budget; delete m.plan; });
    expectOnlyIssue(issues, 'budget', 'is required');
  });

  it('reports every part of an empty object, one issue per top-level field and section', () => {
    const issues = issuesOf({});
    const expected = [
      'name', 'periodsPerYear', 'horizonYears', 'budget',
      'history', 'market', 'brand', 'upstream', 'downstream', 'economics',
    ];
    expect(issues.length).toBeGreaterThanOrEqual(10);
    expect([...paths(issues)].sort()).toEqual([...expected].sort());
    for (const issue of issues) expectMessage(issue, 'is required');
  });
});

// ---------------------------------------------------------------------------------------------

describe('name, description and $schema', () => {
  it.each([
    { label: 'empty', value: '', fragments: ['must not be empty'] },
    { label: 'only spaces', value: '   ', fragments: ['must not be empty'] },
    { label: 'a number', value: 42, fragments: ['must be text', 'got 42'] },
    { label: 'null', value: null, fragments: ['must be text', 'got null'] },
    { label: 'a list', value: ['a'], fragments: ['must be text', 'got a list'] },
    {
      label: `longer than MAX_NAME_LENGTH (${MAX_NAME_LENGTH})`,
      value: 'n'.repeat(MAX_NAME_LENGTH + 1),
      fragments: [`at most ${MAX_NAME_LENGTH} characters`, `got ${MAX_NAME_LENGTH + 1}`],
    },
  ])('rejects a name that is $label', ({ value, fragments }) => {
    const issues = issuesFor((m) => { m.name = value; });
    expectOnlyIssue(issues, 'name', ...fragments);
  });

  it('rejects a description that is not text', () => {
    const issues = issuesFor((m) => { m.description = 7; });
    expectOnlyIssue(issues, 'description', 'must be text', 'got 7');
  });

  it('rejects a $schema that is not text', () => {
    const issues = issuesFor((m) => { m.$schema = { url: 'x' }; });
    expectOnlyIssue(issues, '$schema', 'must be text', 'got an object');
  });
});

// ---------------------------------------------------------------------------------------------

describe('several problems at once', () => {
  it('reports three broken fields in three sections as three issues', () => {
    const issues = issuesFor((m) => {
      m.brand.halfLifeMonths = -3;
      m.economics.margin = 1.5;
      m.upstream.shape = 'steep';
    });
    expect([...paths(issues)].sort()).toEqual(['brand.halfLifeMonths', 'economics.margin', 'upstream.shape']);
    expectMessage(issueAt(issues, 'brand.halfLifeMonths'), '> 0', 'got -3');
    expectMessage(issueAt(issues, 'economics.margin'), 'between 0 and 1', 'got 1.5');
    expectMessage(issueAt(issues, 'upstream.shape'), 'must be a number', 'got text "steep"');
  });

  it('reports unknown, missing, mistyped, out-of-range and cross-field problems together', () => {
    const issues = issuesFor((m) => {
      m.horizonYear = 3;                          // unknown (misspelt)
      delete m.history.upstreamPerMonth;          // missing
      m.periodsPerYear = '12';                    // wrong type
      m.upstream.lagConcentration = 1;            // out of range
      m.brand.initialEquity = 0.95;               // cross-field with maxEquity 0.9
      m.budget.upstreamShare = [0.5, 2, 0.5];     // bad list element
    });
    expect([...paths(issues)].sort()).toEqual([
      'brand.initialEquity', 'budget.upstreamShare[1]', 'history.upstreamPerMonth',
      'horizonYear', 'periodsPerYear', 'upstream.lagConcentration',
    ]);
  });

  it('reports each path only once per problem', () => {
    const issues = issuesFor((m) => {
      m.brand.halfLifeMonths = -3;
      m.downstream.halfLifeMonths = -3;
    });
    expect(paths(issues)).toEqual(['brand.halfLifeMonths', 'downstream.halfLifeMonths']);
  });
});

// ---------------------------------------------------------------------------------------------

describe('JavaScript values that JSON cannot produce (callers building models in code)', () => {
  it('rejects plan: undefined when there is no budget, instead of returning a model with no spend', () => {
    // `{ ...model, plan: undefined }` is a common way to drop a plan in code.
    // Either fix is fine: treat it as no plan (then budget is required) or refuse plan: undefined.
    const issues = issuesFor((m) => { delete m.budget; m.plan = undefined; });
    expect(paths(issues).some((path) => path === 'budget' || path === 'plan')).toBe(true);
  });

  it('rejects a sparse per-year list (a hole is not a number)', () => {
    const issues = issuesFor((m) => { m.budget.perYear = [1e6, , 1e6]; });
    expectOnlyIssue(issues, 'budget.perYear[1]', 'must be a number');
  });

  it('rejects a class instance such as a Date as the model', () => {
    expectOnlyIssue(issuesOf(new Date(0)), '', /model must be a JSON object/);
  });

  it('accepts a null-prototype object holding a valid model', () => {
    const input = Object.assign(Object.create(null) as RawModel, defaultModel());
    expect(parseModel(input)).toEqual(defaultModel());
  });
});

// ---------------------------------------------------------------------------------------------

describe('uncertainty', () => {
  const range = (value: unknown) => (m: RawModel) => { m.uncertainty = { 'brand.halfLifeMonths': value }; };

  it('accepts every distribution on a field it fits, and keeps only known keys', () => {
    const parsed = parseWith((m) => {
      m.uncertainty = {
        'brand.halfLifeMonths': { dist: 'lognormal', median: 24, sigma: 0.4 },
        'market.growthPerYear': { dist: 'normal', mean: 0, sd: 0.03 },
        'upstream.lagMonths': { dist: 'triangular', min: 2, mode: 4, max: 8 },
        'economics.margin': { dist: 'beta', alpha: 50, beta: 50 },
        'downstream.halfSaturation': { dist: 'uniform', min: 10000, max: 20000 },
      };
    });
    expect(Object.keys(parsed.uncertainty!)).toEqual([
      'brand.halfLifeMonths', 'market.growthPerYear', 'upstream.lagMonths', 'economics.margin', 'downstream.halfSaturation',
    ].sort((a, b) => NUMBER_PATHS.indexOf(a) - NUMBER_PATHS.indexOf(b)));
    expect(parsed.uncertainty!['upstream.lagMonths']).toEqual({ dist: 'triangular', min: 2, mode: 4, max: 8 });
  });

  it('accepts a zero spread (a fixed value) when the value is valid', () => {
    expect(() => parseWith(range({ dist: 'normal', mean: 24, sd: 0 }))).not.toThrow();
    expect(() => parseWith(range({ dist: 'uniform', min: 30, max: 30 }))).not.toThrow();
    expect(() => parseWith(range({ dist: 'triangular', min: 30, mode: 30, max: 30 }))).not.toThrow();
  });

  it('refuses a zero spread whose fixed value breaks the field\'s rule', () => {
    expectOnlyIssue(issuesFor(range({ dist: 'normal', mean: -3, sd: 0 })), 'uncertainty.brand.halfLifeMonths', 'fixed value -3', 'must be > 0');
  });

  it('suggests the field for a misspelt path, and refuses __proto__', () => {
    expectOnlyIssue(issuesFor((m) => { m.uncertainty = { 'brand.halfLife': { dist: 'lognormal', median: 24, sigma: 0.4 } }; }),
      'uncertainty.brand.halfLife', 'did you mean uncertainty.brand.halfLifeMonths?');
    const issues = issuesOf({ ...defaultModel(), uncertainty: JSON.parse('{"__proto__": {"dist": "normal", "mean": 1, "sd": 0}}') });
    expectOnlyIssue(issues, 'uncertainty.__proto__', 'not a known field');
  });

  it('refuses the plan and the fields that set the shape of the run, with the reason', () => {
    const issues = issuesFor((m) => {
      m.uncertainty = {
        'budget.perYear': { dist: 'normal', mean: 1e6, sd: 1e5 },
        'economics.carryoverYears': { dist: 'uniform', min: 1, max: 3 },
        'upstream.lagWindowMonths': { dist: 'uniform', min: 10, max: 14 },
      };
    });
    expect(paths(issues)).toEqual(['uncertainty.budget.perYear', 'uncertainty.upstream.lagWindowMonths', 'uncertainty.economics.carryoverYears']);
    expectMessage(issueAt(issues, 'uncertainty.budget.perYear'), 'cannot be uncertain', 'decision');
  });

  it('lists the distributions for an unknown dist, with a suggestion when close', () => {
    expectOnlyIssue(issuesFor(range({ dist: 'lognormla', median: 24, sigma: 0.4 })), 'uncertainty.brand.halfLifeMonths.dist',
      'must be one of normal, lognormal, uniform, triangular, beta', 'did you mean lognormal?');
    expectOnlyIssue(issuesFor(range({ median: 24, sigma: 0.4 })), 'uncertainty.brand.halfLifeMonths.dist', 'got nothing');
  });

  it('refuses unknown and missing parameters, and parameters that are not finite numbers', () => {
    const unknown = issuesFor(range({ dist: 'normal', mean: 24, sd: 2, sdd: 3 }));
    expectOnlyIssue(unknown, 'uncertainty.brand.halfLifeMonths.sdd', 'did you mean uncertainty.brand.halfLifeMonths.sd?');
    expectOnlyIssue(issuesFor(range({ dist: 'normal', mean: 24 })), 'uncertainty.brand.halfLifeMonths.sd', 'is required');
    expectOnlyIssue(issuesFor(range({ dist: 'normal', mean: '24', sd: 2 })), 'uncertainty.brand.halfLifeMonths.mean', 'must be a number');
    expectOnlyIssue(issuesFor(range('24 months')), 'uncertainty.brand.halfLifeMonths', 'must be an object');
  });

  it.each([
    [{ dist: 'normal', mean: 24, sd: -1 }, 'sd must be ≥ 0, got -1'],
    [{ dist: 'lognormal', median: 0, sigma: 0.4 }, 'median must be > 0, got 0'],
    [{ dist: 'lognormal', median: 24, sigma: -0.1 }, 'sigma must be ≥ 0, got -0.1'],
    [{ dist: 'uniform', min: 30, max: 20 }, 'min (30) must be ≤ max (20)'],
    [{ dist: 'triangular', min: 10, mode: 40, max: 30 }, 'needs min ≤ mode ≤ max'],
    [{ dist: 'beta', alpha: 0, beta: 2 }, 'beta needs a field with a bounded range'],
  ])('checks the parameters of %j', (value, message) => {
    const issues = issuesFor(range(value));
    expect(issues.length).toBeGreaterThan(0);
    issues.forEach((issue) => expect(issue.path).toBe('uncertainty.brand.halfLifeMonths'));
    expect(issues.map((issue) => issue.message).join('\n')).toContain(message);
  });

  it('refuses a distribution with (almost) nothing inside the field\'s valid range, so redrawing terminates', () => {
    expectOnlyIssue(issuesFor(range({ dist: 'uniform', min: -10, max: -1 })), 'uncertainty.brand.halfLifeMonths', 'only 0', 'at least 5 %');
    expectOnlyIssue(issuesFor(range({ dist: 'normal', mean: -30, sd: 10 })), 'uncertainty.brand.halfLifeMonths', 'at least 5 %');
    // A range that straddles the bound is fine: the part outside is redrawn.
    expect(() => parseWith(range({ dist: 'normal', mean: 1, sd: 2 }))).not.toThrow();
  });

  it('checks each range against its own field\'s rule only, so editing another field never invalidates it', () => {
    // lagMonths ≤ lagWindowMonths is checked when Monte Carlo starts (see the uncertainty tests).
    expect(() => parseWith((m) => {
      m.upstream.lagMonths = 0;
      m.upstream.lagWindowMonths = 0;
      m.uncertainty = { 'upstream.lagMonths': { dist: 'uniform', min: 13, max: 20 } };
    })).not.toThrow();
  });

  it('reports the other fields\' problems and the uncertainty\'s structure together', () => {
    const issues = issuesFor((m) => { m.brand.maxEquity = 2; m.uncertainty = { 'brand.halfLif': { dist: 'normal', mean: 1, sd: 1 } }; });
    expect([...paths(issues)].sort()).toEqual(['brand.maxEquity', 'uncertainty.brand.halfLif']);
  });
});

const NUMBER_PATHS = NUMBER_FIELDS.map((field) => field.path);
