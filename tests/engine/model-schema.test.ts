import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NUMBER_FIELDS, type NumberRule, parseModel } from '../../src/engine/index.ts';
import { modelJsonSchema } from '../../src/engine/model/model-schema.ts';
import { validModel } from './arbitrary-model.ts';

// models/model.schema.json is for editors; parseModel is what the app and the command trust.
// These tests keep the two in step: the file is the generated schema, and both accept and
// refuse the same models wherever a schema can express the rule.

const modelsFolder = new URL('../../models/', import.meta.url);
const schemaFile = JSON.parse(readFileSync(new URL('model.schema.json', modelsFolder), 'utf8'));
const validateWithSchema = new Ajv2020({ allErrors: true, strict: true, strictRequired: false }).compile(schemaFile);
const defaultModel = JSON.parse(readFileSync(new URL('default.json', modelsFolder), 'utf8'));

function parses(input: unknown): boolean {
  try {
    parseModel(input);
    return true;
  } catch {
    return false;
  }
}

/** Values just outside a rule, on each side it has. */
function valuesBreaking(rule: NumberRule): unknown[] {
  const values: unknown[] = ['12', null, true];
  if (rule.min !== undefined) values.push(rule.minExclusive ? rule.min : rule.min - 0.001);
  if (rule.max !== undefined) values.push(rule.maxExclusive ? rule.max : rule.max + 0.001);
  if (rule.integer) values.push((rule.min ?? 0) + 0.5);
  return values;
}

function withValue(path: string, value: unknown): Record<string, unknown> {
  const model = structuredClone(defaultModel);
  const [section, key] = path.split('.');
  model[section][key] = value;
  return model;
}

describe('models/model.schema.json', () => {
  it('is exactly the schema generated from the field table (regenerate with npm run schema)', () => {
    expect(schemaFile).toEqual(modelJsonSchema());
  });

  it('accepts every model file in models/', () => {
    const files = readdirSync(modelsFolder).filter((file) => file.endsWith('.json') && file !== 'model.schema.json');
    expect(files).toContain('default.json');
    for (const file of files) {
      const model = JSON.parse(readFileSync(new URL(file, modelsFolder), 'utf8'));
      expect(validateWithSchema(model), `${file}: ${JSON.stringify(validateWithSchema.errors)}`).toBe(true);
    }
  });

  it('accepts every model that parseModel accepts (fast-check)', () => {
    fc.assert(fc.property(validModel, (model) => {
      expect(parses(model)).toBe(true);
      expect(validateWithSchema(model), JSON.stringify(validateWithSchema.errors)).toBe(true);
    }), { numRuns: 200 });
  });

  it.each(NUMBER_FIELDS.map((field) => [field.path, field.rule] as const))(
    'refuses what parseModel refuses for %s',
    (path, rule) => {
      for (const value of valuesBreaking(rule)) {
        const model = withValue(path, value);
        expect(parses(model), `parseModel with ${path} = ${JSON.stringify(value)}`).toBe(false);
        expect(validateWithSchema(model), `schema with ${path} = ${JSON.stringify(value)}`).toBe(false);
      }
    },
  );

  it('refuses unknown fields, a missing section, a bad periodsPerYear and a model with neither budget nor plan, as parseModel does', () => {
    const broken: Record<string, unknown>[] = [
      { ...defaultModel, horizonYear: 3 },
      { ...defaultModel, brand: { ...defaultModel.brand, halfLife: 24 } },
      (({ economics: _economics, ...rest }) => rest)(defaultModel),
      { ...defaultModel, periodsPerYear: 6 },
      { ...defaultModel, horizonYears: 0 },
      { ...defaultModel, name: '' },
      (({ budget: _budget, ...rest }) => rest)(defaultModel),
      { ...defaultModel, market: { ...defaultModel.market, seasonality: [1, 0, 1, 1] } },
    ];
    for (const model of broken) {
      expect(parses(model)).toBe(false);
      expect(validateWithSchema(model)).toBe(false);
    }
  });
});

describe('models/model.schema.json: uncertainty', () => {
  const withUncertainty = (uncertainty: unknown) => ({ ...defaultModel, uncertainty });

  it('accepts what parseModel accepts: every distribution, a zero spread', () => {
    const good = withUncertainty({
      'brand.halfLifeMonths': { dist: 'lognormal', median: 24, sigma: 0 },
      'market.growthPerYear': { dist: 'normal', mean: 0, sd: 0.03 },
      'upstream.lagMonths': { dist: 'triangular', min: 2, mode: 4, max: 8 },
      'economics.margin': { dist: 'beta', alpha: 5, beta: 5 },
      'downstream.halfSaturation': { dist: 'uniform', min: 10000, max: 20000 },
    });
    expect(parses(good)).toBe(true);
    expect(validateWithSchema(good), JSON.stringify(validateWithSchema.errors)).toBe(true);
  });

  it('refuses what parseModel refuses where a schema can say it', () => {
    const broken = [
      { 'brand.halfLife': { dist: 'lognormal', median: 24, sigma: 0.4 } },
      { 'budget.perYear': { dist: 'normal', mean: 1e6, sd: 1e5 } },
      { 'economics.carryoverYears': { dist: 'uniform', min: 1, max: 2 } },
      { 'brand.halfLifeMonths': { dist: 'lognormla', median: 24, sigma: 0.4 } },
      { 'brand.halfLifeMonths': { dist: 'normal', mean: 24, sd: -1 } },
      { 'brand.halfLifeMonths': { dist: 'normal', mean: 24 } },
      { 'brand.halfLifeMonths': { dist: 'normal', mean: 24, sd: 1, extra: 1 } },
      { 'brand.halfLifeMonths': { dist: 'lognormal', median: 0, sigma: 1 } },
      { 'brand.halfLifeMonths': { dist: 'beta', alpha: 2, beta: 2 } },
      { 'economics.margin': { dist: 'beta', alpha: 0, beta: 2 } },
    ];
    for (const uncertainty of broken) {
      expect(parses(withUncertainty(uncertainty)), JSON.stringify(uncertainty)).toBe(false);
      expect(validateWithSchema(withUncertainty(uncertainty)), JSON.stringify(uncertainty)).toBe(false);
    }
  });
});
