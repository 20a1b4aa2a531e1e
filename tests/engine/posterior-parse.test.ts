/**
 * A model file's `posterior` (docs/model-files.md, "Posterior"): each rule of `readPosterior`
 * reported by its field, a valid posterior read back unchanged, and the JSON Schema agreeing on
 * what it can say.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { type ModelIssue, ModelError, parseModel } from '../../src/engine/model/parse-model.ts';

const DEFAULT_TEXT = readFileSync(new URL('../../models/default.json', import.meta.url), 'utf8');
const CHANNELS_TEXT = readFileSync(new URL('../../models/consumer-channels.json', import.meta.url), 'utf8');
const schema = JSON.parse(readFileSync(new URL('../../models/model.schema.json', import.meta.url), 'utf8'));
const validateWithSchema = new Ajv2020({ allErrors: true, strict: true, strictRequired: false }).compile(schema);

type Raw = Record<string, any>;

/** models/default.json (whose uncertainty names halfLifeMonths, demandLift, growth, margin …) with a 2-D posterior. */
function withPosterior(posterior: unknown, change: (model: Raw) => void = () => {}): Raw {
  const model = JSON.parse(DEFAULT_TEXT) as Raw;
  model.posterior = posterior;
  change(model);
  return model;
}

const VALID = { paths: ['brand.halfLifeMonths', 'brand.demandLift'], mean: [-4.5, -5], cholesky: [[0.4], [0.27, 0.13]] };

function issuesOf(model: unknown): readonly ModelIssue[] {
  try {
    parseModel(model);
  } catch (error) {
    expect(error).toBeInstanceOf(ModelError);
    return (error as ModelError).issues;
  }
  throw new Error('expected parseModel to refuse the model');
}

/** The one issue a model has, checked to be at `path`. */
function onlyIssue(model: unknown, path: string): string {
  const issues = issuesOf(model);
  expect(issues.map((issue) => issue.path)).toEqual([path]);
  return issues[0].message;
}

describe('posterior: a valid one', () => {
  it('is read into the model and survives JSON unchanged', () => {
    const model = parseModel(withPosterior(VALID));
    expect(model.posterior).toEqual(VALID);
    expect(parseModel(JSON.parse(JSON.stringify(model)))).toEqual(model);
  });

  it('is accepted in the channel form, with channel paths', () => {
    const raw = JSON.parse(CHANNELS_TEXT) as Raw;
    raw.uncertainty['upstream.channels.TV.halfSaturation'] = { dist: 'lognormal', median: 60000, sigma: 0.3 };
    raw.posterior = { paths: ['upstream.channels.TV.halfSaturation', 'brand.halfLifeMonths'], mean: [-18.9, -4.5], cholesky: [[0.3], [0.1, 0.2]] };
    expect(parseModel(raw).posterior?.paths).toEqual(['upstream.channels.TV.halfSaturation', 'brand.halfLifeMonths']);
    expect(validateWithSchema(raw)).toBe(true);
  });

  it('is accepted by the JSON Schema, which refuses an unknown key in it', () => {
    expect(validateWithSchema(withPosterior(VALID))).toBe(true);
    expect(validateWithSchema(withPosterior({ ...VALID, covariance: [] }))).toBe(false);
    expect(validateWithSchema(withPosterior({ ...VALID, paths: ['brand.halfLifeMonths', 'brand.halfLifeMonths'] }))).toBe(false);
  });
});

describe('posterior: each rule, reported by its field', () => {
  it('must be an object with paths, mean and cholesky, and nothing else', () => {
    expect(onlyIssue(withPosterior([1]), 'posterior')).toBe('posterior must be an object, got a list');
    expect(issuesOf(withPosterior({ paths: VALID.paths, mean: VALID.mean })).map((issue) => issue.message))
      .toEqual(['posterior.cholesky is required']);
    expect(onlyIssue(withPosterior({ ...VALID, choleski: [] }), 'posterior.choleski')).toMatch(/did you mean posterior\.cholesky\?/);
  });

  it('paths: a non-empty list of text', () => {
    expect(onlyIssue(withPosterior({ ...VALID, paths: 'brand.halfLifeMonths' }), 'posterior.paths')).toMatch(/must be a list of setting paths/);
    expect(onlyIssue(withPosterior({ paths: [], mean: [], cholesky: [] }), 'posterior.paths')).toBe('posterior.paths must name at least one setting, got an empty list');
    expect(onlyIssue(withPosterior({ ...VALID, paths: ['brand.halfLifeMonths', 7] }), 'posterior.paths[1]')).toMatch(/must be text .*, got 7$/);
  });

  it('paths: settings of this model that may be uncertain, with a hint for a typo', () => {
    expect(onlyIssue(withPosterior({ ...VALID, paths: ['brand.halfLife', 'brand.demandLift'] }), 'posterior.paths[0]'))
      .toBe('posterior.paths[0]: "brand.halfLife" is not a setting of this model that can be uncertain; did you mean brand.halfLifeMonths?');
    expect(onlyIssue(withPosterior({ ...VALID, paths: ['upstream.channels.TV.shape', 'brand.demandLift'] }), 'posterior.paths[0]'))
      .toMatch(/"upstream\.channels\.TV\.shape" is not a setting of this model/);
    expect(onlyIssue(withPosterior({ ...VALID, paths: ['budget.upstreamShare', 'brand.demandLift'] }), 'posterior.paths[0]'))
      .toBe('posterior.paths[0]: budget.upstreamShare cannot be uncertain: the split is the plan, a decision rather than an assumption');
  });

  it('paths: each at most once', () => {
    expect(onlyIssue(withPosterior({ ...VALID, paths: ['brand.demandLift', 'brand.demandLift'] }), 'posterior.paths[1]'))
      .toBe('posterior.paths[1]: brand.demandLift is listed twice (also posterior.paths[0]); each setting has one row');
  });

  it('paths: each also has a range in uncertainty, with a spread', () => {
    expect(onlyIssue(withPosterior({ ...VALID, paths: ['brand.halfLifeMonths', 'brand.conversionLift'] }), 'posterior.paths[1]'))
      .toBe('posterior.paths[1]: brand.conversionLift must also have a range in uncertainty (its marginal, which sensitivity and the ranges on screen use)');
    const fixed = withPosterior(VALID, (model) => { model.uncertainty['brand.demandLift'] = { dist: 'lognormal', median: 0.62, sigma: 0 }; });
    expect(onlyIssue(fixed, 'posterior.paths[1]'))
      .toBe('posterior.paths[1]: uncertainty.brand.demandLift is a fixed value (zero spread); a setting drawn from the posterior needs a range with a spread');
  });

  it('paths: a range refused on its own is reported once, there, not again as missing', () => {
    const refused = withPosterior(VALID, (model) => { model.uncertainty['brand.demandLift'] = { dist: 'lognormal', median: 0.62 }; });
    expect(issuesOf(refused).map((issue) => issue.path)).toEqual(['uncertainty.brand.demandLift.sigma']);
  });

  it('paths: not both brand.maxEquity and brand.initialEquity', () => {
    const both = withPosterior({ paths: ['brand.maxEquity', 'brand.initialEquity'], mean: [2, 0], cholesky: [[0.1], [0, 0.1]] }, (model) => {
      model.brand.initialEquity = 0.5;
      model.uncertainty['brand.maxEquity'] = { dist: 'uniform', min: 0.8, max: 1 };
      model.uncertainty['brand.initialEquity'] = { dist: 'uniform', min: 0.4, max: 0.6 };
    });
    expect(onlyIssue(both, 'posterior.paths')).toMatch(/must not hold both brand\.maxEquity and brand\.initialEquity/);
    // One of them alone is fine.
    const one = structuredClone(both);
    one.posterior = { paths: ['brand.initialEquity'], mean: [0], cholesky: [[0.1]] };
    expect(parseModel(one).posterior?.paths).toEqual(['brand.initialEquity']);
  });

  it('mean: one finite number per path, within ±1e13', () => {
    expect(onlyIssue(withPosterior({ ...VALID, mean: [1] }), 'posterior.mean')).toBe('posterior.mean must have one value per path (2), got 1');
    expect(onlyIssue(withPosterior({ ...VALID, mean: [1, '2'] }), 'posterior.mean[1]')).toBe('posterior.mean[1] must be a number, got text "2"');
    expect(onlyIssue(withPosterior({ ...VALID, mean: [1, 1e300] }), 'posterior.mean[1]')).toMatch(/between -1e13 and 1e13, got 1e\+300/);
    expect(onlyIssue(withPosterior({ ...VALID, mean: {} }), 'posterior.mean')).toMatch(/must be a list of numbers/);
  });

  it('cholesky: one row per path, row i with i + 1 entries', () => {
    expect(onlyIssue(withPosterior({ ...VALID, cholesky: [[0.4]] }), 'posterior.cholesky')).toBe('posterior.cholesky must have one row per path (2), got 1');
    expect(onlyIssue(withPosterior({ ...VALID, cholesky: [[0.4], [0.2]] }), 'posterior.cholesky[1]')).toBe('posterior.cholesky[1] must have 2 entries, got 1');
    expect(onlyIssue(withPosterior({ ...VALID, cholesky: [[0.4, 0], [0.2, 0.1]] }), 'posterior.cholesky[0]')).toBe('posterior.cholesky[0] must have 1 entry, got 2');
    expect(onlyIssue(withPosterior({ ...VALID, cholesky: [[0.4], 0.2] }), 'posterior.cholesky[1]')).toMatch(/must be a list of 2 numbers .*, got 0\.2$/);
  });

  it('cholesky: the message names the row and the count, three paths', () => {
    const three = withPosterior({
      paths: ['brand.halfLifeMonths', 'brand.demandLift', 'market.growthPerYear'], mean: [0, 0, 0], cholesky: [[1], [0, 1], [0, 1]],
    });
    expect(onlyIssue(three, 'posterior.cholesky[2]')).toBe('posterior.cholesky[2] must have 3 entries, got 2');
  });

  it('cholesky: finite entries and a diagonal > 0', () => {
    expect(onlyIssue(withPosterior({ ...VALID, cholesky: [[0.4], [null, 0.1]] }), 'posterior.cholesky[1][0]')).toBe('posterior.cholesky[1][0] must be a number, got null');
    expect(onlyIssue(withPosterior({ ...VALID, cholesky: [[0.4], [0.2, 0]] }), 'posterior.cholesky[1][1]'))
      .toBe('posterior.cholesky[1][1] must be > 0 (the diagonal of a Cholesky factor), got 0');
    expect(onlyIssue(withPosterior({ ...VALID, cholesky: [[-0.4], [0.2, 0.1]] }), 'posterior.cholesky[0][0]')).toMatch(/must be > 0 .*got -0\.4$/);
  });

  it('every problem is reported in one pass', () => {
    const issues = issuesOf(withPosterior({ paths: ['brand.halfLifeMonths', 'nope'], mean: [1], cholesky: [[0]] }));
    expect(issues.map((issue) => issue.path)).toEqual(['posterior.paths[1]', 'posterior.mean', 'posterior.cholesky', 'posterior.cholesky[0][0]']);
  });

  it('a posterior problem does not hide an uncertainty problem', () => {
    const model = withPosterior({ ...VALID, mean: [1] }, (raw) => { raw.uncertainty['economics.margin'] = { dist: 'uniform', min: 2, max: 3 }; });
    expect(issuesOf(model).map((issue) => issue.path).sort()).toEqual(['posterior.mean', 'uncertainty.economics.margin']);
  });

  it('a __proto__ key in it is refused as unknown and reaches no prototype', () => {
    const text = JSON.stringify(withPosterior(VALID)).replace('"paths"', '"__proto__": { "polluted": 1 }, "paths"');
    expect(onlyIssue(JSON.parse(text), 'posterior.__proto__')).toMatch(/posterior\.__proto__ is not a known field/);
    expect(({} as Raw).polluted).toBeUndefined();
  });
});
