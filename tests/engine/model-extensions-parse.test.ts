import { Ajv2020 } from 'ajv/dist/2020.js';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type ModelIssue, ModelError, type TwoLeverModel, parseModel } from '../../src/engine/index.ts';
import { modelJsonSchema } from '../../src/engine/model/model-schema.ts';
import { SHORT_TERM, baseModelJson } from './extension-fixtures.ts';

// Validation of the optional extensions (docs/model.md): upstream.shortTerm, economics.carryoverBaseline,
// brand.initialEquity "history" and 12 monthly seasonality values. Each rule is named in its message.

function issuesFor(change: (json: Record<string, any>) => void): readonly ModelIssue[] {
  const json = baseModelJson();
  change(json);
  try {
    parseModel(json);
  } catch (error) {
    expect(error).toBeInstanceOf(ModelError);
    return (error as ModelError).issues;
  }
  throw new Error('expected parseModel to refuse the model');
}

function parsedWith(change: (json: Record<string, any>) => void): TwoLeverModel {
  const json = baseModelJson();
  change(json);
  return parseModel(json) as TwoLeverModel;
}

const validateWithSchema = new Ajv2020({ allErrors: true, strict: true, strictRequired: false }).compile(modelJsonSchema());

function schemaAccepts(change: (json: Record<string, any>) => void): boolean {
  const json = baseModelJson();
  change(json);
  return validateWithSchema(json);
}

describe('upstream.shortTerm', () => {
  it('is optional, and kept as given when present', () => {
    expect(parsedWith(() => {}).upstream).not.toHaveProperty('shortTerm');
    expect(parsedWith((json) => { json.upstream.shortTerm = { ...SHORT_TERM }; }).upstream.shortTerm).toEqual(SHORT_TERM);
  });

  it('names the field and the rule for a negative half-life (the spec example sentence)', () => {
    const issues = issuesFor((json) => { json.upstream.shortTerm = { ...SHORT_TERM, halfLifeMonths: -3 }; });
    expect(issues).toEqual([{ path: 'upstream.shortTerm.halfLifeMonths', message: 'upstream.shortTerm.halfLifeMonths must be > 0, got -3' }]);
  });

  it('refuses an unknown key inside it, with a suggestion', () => {
    const issues = issuesFor((json) => { json.upstream.shortTerm = { ...SHORT_TERM, halfLife: 2 }; });
    expect(issues).toEqual([{
      path: 'upstream.shortTerm.halfLife',
      message: 'upstream.shortTerm.halfLife is not a known field; did you mean upstream.shortTerm.halfLifeMonths?',
    }]);
  });

  it('requires each of its four fields', () => {
    const issues = issuesFor((json) => {
      const { shape: _shape, ...rest } = SHORT_TERM;
      json.upstream.shortTerm = rest;
    });
    expect(issues).toEqual([{ path: 'upstream.shortTerm.shape', message: 'upstream.shortTerm.shape is required' }]);
  });

  it('must be an object', () => {
    const issues = issuesFor((json) => { json.upstream.shortTerm = 0.004; });
    expect(issues).toEqual([{ path: 'upstream.shortTerm', message: 'upstream.shortTerm must be an object, got 0.004' }]);
  });

  it('refuses a negative maximum lift and a zero shape, each by its own path', () => {
    const issues = issuesFor((json) => { json.upstream.shortTerm = { ...SHORT_TERM, shape: 0, maxConversionLift: -0.1 }; });
    expect(issues.map((issue) => issue.path)).toEqual(['upstream.shortTerm.shape', 'upstream.shortTerm.maxConversionLift']);
    expect(issues[0].message).toMatch(/^upstream\.shortTerm\.shape must be > 0.*, got 0$/);
    expect(issues[1].message).toMatch(/^upstream\.shortTerm\.maxConversionLift must be .*0.*, got -0\.1$/);
  });

  it('may be given ranges in uncertainty only when the model has one', () => {
    const range = { dist: 'lognormal', median: 0.75, sigma: 0.3 };
    const parsed = parsedWith((json) => {
      json.upstream.shortTerm = { ...SHORT_TERM };
      json.uncertainty = { 'upstream.shortTerm.halfLifeMonths': range };
    });
    expect(parsed.uncertainty).toEqual({ 'upstream.shortTerm.halfLifeMonths': range });
    const issues = issuesFor((json) => { json.uncertainty = { 'upstream.shortTerm.halfLifeMonths': range }; });
    expect(issues).toEqual([{
      path: 'uncertainty.upstream.shortTerm.halfLifeMonths',
      message: 'uncertainty.upstream.shortTerm.halfLifeMonths: the model has no upstream.shortTerm, so upstream.shortTerm.halfLifeMonths cannot have a range',
    }]);
  });

  it('is described by the JSON Schema: accepted when whole, refused with an unknown key or a missing one', () => {
    expect(schemaAccepts((json) => { json.upstream.shortTerm = { ...SHORT_TERM }; })).toBe(true);
    expect(schemaAccepts((json) => { json.upstream.shortTerm = { ...SHORT_TERM, halfLife: 2 }; })).toBe(false);
    expect(schemaAccepts((json) => { json.upstream.shortTerm = { halfLifeMonths: 1 }; })).toBe(false);
  });
});

describe('economics.carryoverBaseline', () => {
  it('is optional and takes "zero" or "history"', () => {
    expect(parsedWith(() => {}).economics).not.toHaveProperty('carryoverBaseline');
    expect(parsedWith((json) => { json.economics.carryoverBaseline = 'zero'; }).economics.carryoverBaseline).toBe('zero');
    expect(parsedWith((json) => { json.economics.carryoverBaseline = 'history'; }).economics.carryoverBaseline).toBe('history');
  });

  it.each([
    ['none', 'got text "none"'],
    [0, 'got 0'],
    [null, 'got null'],
  ])('refuses %j, naming both choices', (value, got) => {
    const issues = issuesFor((json) => { json.economics.carryoverBaseline = value; });
    expect(issues).toHaveLength(1);
    expect(issues[0].path).toBe('economics.carryoverBaseline');
    expect(issues[0].message).toBe(`economics.carryoverBaseline must be "zero" (no spend after the horizon) or "history" (the history's spend), got ${got.slice(4)}`);
  });

  it('is in the JSON Schema as the two choices', () => {
    expect(schemaAccepts((json) => { json.economics.carryoverBaseline = 'history'; })).toBe(true);
    expect(schemaAccepts((json) => { json.economics.carryoverBaseline = 'usual'; })).toBe(false);
  });
});

describe('brand.initialEquity "history"', () => {
  it('is kept as the text "history" (so a saved file keeps it)', () => {
    const parsed = parsedWith((json) => { json.brand.initialEquity = 'history'; });
    expect(parsed.brand.initialEquity).toBe('history');
    expect(parseModel(JSON.parse(JSON.stringify(parsed))).brand.initialEquity).toBe('history');
  });

  it('refuses other text, naming the choice', () => {
    const issues = issuesFor((json) => { json.brand.initialEquity = 'History'; });
    expect(issues).toEqual([{
      path: 'brand.initialEquity',
      message: 'brand.initialEquity must be a number or "history" (the equity the history\'s spend sustains), got text "History"',
    }]);
  });

  it('cannot be given a range in uncertainty, naming the path', () => {
    const issues = issuesFor((json) => {
      json.brand.initialEquity = 'history';
      json.uncertainty = { 'brand.initialEquity': { dist: 'uniform', min: 0.1, max: 0.3 } };
    });
    expect(issues).toHaveLength(1);
    expect(issues[0].path).toBe('uncertainty.brand.initialEquity');
    expect(issues[0].message).toMatch(/^uncertainty\.brand\.initialEquity: brand\.initialEquity is "history" .* cannot have a range/);
  });

  it('still takes a range when it is a number', () => {
    expect(() => parsedWith((json) => { json.uncertainty = { 'brand.initialEquity': { dist: 'uniform', min: 0.1, max: 0.3 } }; })).not.toThrow();
  });

  it('is in the JSON Schema', () => {
    expect(schemaAccepts((json) => { json.brand.initialEquity = 'history'; })).toBe(true);
    expect(schemaAccepts((json) => { json.brand.initialEquity = 'past'; })).toBe(false);
  });
});

describe('market.seasonality as 12 monthly values', () => {
  const list = (length: number) => Array.from({ length }, () => 1);

  it.each([4, 52] as const)('accepts 12 values for P = %i, as well as P values', (periodsPerYear) => {
    for (const length of [12, periodsPerYear]) {
      const parsed = parsedWith((json) => { json.periodsPerYear = periodsPerYear; json.market.seasonality = list(length); });
      expect(parsed.market.seasonality).toHaveLength(length);
    }
  });

  it('refuses 11 values with P = 52, naming the rule "P or 12 values"', () => {
    const issues = issuesFor((json) => { json.periodsPerYear = 52; json.market.seasonality = list(11); });
    expect(issues).toEqual([{
      path: 'market.seasonality',
      message: 'market.seasonality must have P or 12 values: one index per period of the year (52) or one per month (12), got 11',
    }]);
  });

  it('refuses 4 values for a monthly model, as before (P = 12 is already one per month)', () => {
    const issues = issuesFor((json) => { json.market.seasonality = list(4); });
    expect(issues).toEqual([{ path: 'market.seasonality', message: 'market.seasonality must have one index per period of the year (12), got 4' }]);
  });
});

describe('a file without the extensions', () => {
  it('parses to the same object (the extensions add no field to it)', () => {
    const raw = baseModelJson();
    expect(parseModel(raw)).toEqual(raw);
  });

  it('is described by the generated JSON Schema file', () => {
    const file = JSON.parse(readFileSync(new URL('../../models/model.schema.json', import.meta.url), 'utf8'));
    expect(file).toEqual(modelJsonSchema());
  });
});
