import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  MAX_HALF_LIFE_MONTHS, MAX_HILL_SHAPE, MAX_IN_MARKET_PER_MONTH, MAX_MONEY, MAX_MULTIPLIER, MAX_RATE_PER_YEAR,
  MAX_SEASONAL_INDEX, MAX_VALUE_PER_SALE, NUMBER_FIELDS, describeRule,
} from '../../src/engine/model/model-fields.ts';
import { type ModelIssue, ModelError, parseModel } from '../../src/engine/model/parse-model.ts';
import { simulate } from '../../src/engine/sim/simulate.ts';

// The limits of docs/model-limits.md: values a real business never reaches, refused with a
// message that names the field and the limit, so that no valid model overflows to Infinity or NaN.

type RawModel = Record<string, any>;
const defaultText = readFileSync(new URL('../../models/default.json', import.meta.url), 'utf8');
const defaultModel = (): RawModel => JSON.parse(defaultText) as RawModel;

function issuesFor(mutate: (model: RawModel) => void): readonly ModelIssue[] {
  const model = defaultModel();
  mutate(model);
  try {
    parseModel(model);
  } catch (error) {
    expect(error).toBeInstanceOf(ModelError);
    return (error as ModelError).issues;
  }
  throw new Error('expected parseModel to refuse the model');
}

const messages = (issues: readonly ModelIssue[]) => issues.map((issue) => issue.message);

describe('limits a real business never reaches', () => {
  it('every field the spec leaves unbounded above has a limit now, except lagMonths (bounded by lagWindowMonths)', () => {
    const unbounded = NUMBER_FIELDS.filter((field) => field.rule.max === undefined).map((field) => field.path);
    expect(unbounded).toEqual(['upstream.lagMonths']);
  });

  it.each([
    ['economics.valuePerSale', 1e308, 'economics.valuePerSale must be ≤ 1e12, got 1e+308'],
    ['market.inMarketPerMonth', 1e308, 'market.inMarketPerMonth must be ≤ 1e12, got 1e+308'],
    ['brand.demandLift', 1e305, 'brand.demandLift must be ≤ 100, got 1e+305'],
    ['market.growthPerYear', 1e104, 'market.growthPerYear must be ≤ 10, got 1e+104'],
  ])('refuses the fuzzed overflow %s = %s, naming the field and its limit', (path, value, message) => {
    const [section, key] = path.split('.');
    expect(messages(issuesFor((model) => { model[section][key] = value; }))).toEqual([message]);
  });

  it('refuses a seasonal index above 100 and a planned spend above 1e13, naming the element', () => {
    expect(messages(issuesFor((model) => { model.market.seasonality = [...Array(11).fill(1), 1e300]; })))
      .toEqual(['market.seasonality[11] must be ≤ 100, got 1e+300']);
    expect(messages(issuesFor((model) => {
      delete model.budget;
      model.plan = { upstream: Array(36).fill(1000), downstream: [...Array(35).fill(1000), 2e13] };
    }))).toEqual(['plan.downstream[35] must be ≤ 1e13, got 20000000000000']);
  });

  it('refuses a year\'s spend of a fraction of a cent, which made ROI (per unit spent) overflow, and keeps 0 valid', () => {
    expect(messages(issuesFor((model) => { model.budget.perYear = 1e-300; }))).toEqual(['budget.perYear must be 0 or at least 0.01, got 1e-300']);
    expect(messages(issuesFor((model) => {
      delete model.budget;
      model.plan = { upstream: Array(36).fill(0), downstream: [...Array(12).fill(1000), 5e-324, ...Array(23).fill(0)] };
    }))).toEqual(['plan: year 2 spends 5e-324 in all; a year\'s spend must be 0 or at least 0.01']);
    // Single periods may spend less than a cent: a yearly cent spread over 52 weeks does.
    expect(() => parseModel({ ...defaultModel(), periodsPerYear: 52, horizonYears: 1, budget: undefined,
      plan: { upstream: Array(52).fill(0.01 / 104), downstream: Array(52).fill(0.01 / 104) } })).not.toThrow();
    expect(() => parseModel({ ...defaultModel(), history: { upstreamPerMonth: 1e-300, downstreamPerMonth: 0 } })).not.toThrow();
    expect(() => parseModel({ ...defaultModel(), budget: { perYear: 0, upstreamShare: 0.5 } })).not.toThrow();
    expect(() => parseModel({ ...defaultModel(), budget: { perYear: 0.01, upstreamShare: 0.5 } })).not.toThrow();
  });

  it('still words a value below the lower bound as the spec does, and describes the whole rule without a value', () => {
    expect(messages(issuesFor((model) => { model.brand.halfLifeMonths = -3; }))).toEqual(['brand.halfLifeMonths must be > 0, got -3']);
    expect(describeRule({ min: 0, minExclusive: true, max: 1200, maxIsLimit: true })).toBe('> 0 and ≤ 1200');
    expect(describeRule({ min: 0, max: 1e13, maxIsLimit: true })).toBe('between 0 and 1e13');
  });

  it('accepts a model with every setting at its limit, and simulates it to finite numbers', () => {
    // Everything that multiplies revenue at its largest at once: the worst case for overflow.
    const model = parseModel({
      ...defaultModel(),
      periodsPerYear: 4,
      horizonYears: 5,
      budget: { perYear: MAX_MONEY, upstreamShare: 0.5 },
      history: { upstreamPerMonth: MAX_MONEY, downstreamPerMonth: MAX_MONEY },
      market: { inMarketPerMonth: MAX_IN_MARKET_PER_MONTH, growthPerYear: MAX_RATE_PER_YEAR, seasonality: [MAX_SEASONAL_INDEX, MAX_SEASONAL_INDEX, MAX_SEASONAL_INDEX, MAX_SEASONAL_INDEX] },
      brand: { initialEquity: 1, maxEquity: 1, halfLifeMonths: MAX_HALF_LIFE_MONTHS, demandLift: MAX_MULTIPLIER, conversionLift: MAX_MULTIPLIER },
      upstream: { lagMonths: 600, lagConcentration: 0.999, lagWindowMonths: 600, halfSaturation: MAX_MONEY, shape: MAX_HILL_SHAPE, insightFeedback: MAX_MULTIPLIER },
      downstream: { halfLifeMonths: MAX_HALF_LIFE_MONTHS, halfSaturation: MAX_MONEY, shape: MAX_HILL_SHAPE, maxConversionLift: 1 },
      economics: { baseConversion: 1, valuePerSale: MAX_VALUE_PER_SALE, margin: 1, discountRatePerYear: -0.99, carryoverYears: 5 },
    });
    const result = simulate(model);
    const numbers = [...result.periods.flatMap((period) => Object.values(period)), ...Object.values(result.summary).flat()]
      .filter((value): value is number => typeof value === 'number');
    expect(numbers.every(Number.isFinite)).toBe(true);
    // Demand per quarter at the end: 3e12 · 100 · 11^(19/4) · 101 ≈ 2.7e21; revenue is that times 1e12.
    const last = result.periods[result.periods.length - 1];
    expect(last.demand).toBeCloseTo(3e12 * 100 * 11 ** (19 / 4) * 101, -8);
    expect(last.revenue).toBeLessThan(1e40);
  });
});

describe('limits on uncertainty distributions', () => {
  const range = (value: unknown, path = 'economics.valuePerSale') => (model: RawModel) => { model.uncertainty = { [path]: value }; };

  it.each([
    [{ dist: 'lognormal', median: 60, sigma: 300 }, 'sigma must be ≤ 5'],
    [{ dist: 'normal', mean: 1e308, sd: 1 }, 'mean must be between -1e13 and 1e13, got 1e+308'],
    [{ dist: 'normal', mean: 60, sd: 1e300 }, 'sd must be ≤ 1e13, got 1e+300'],
    [{ dist: 'lognormal', median: 1e300, sigma: 1 }, 'median must be between'],
    [{ dist: 'uniform', min: -1e308, max: 1e308 }, 'min must be between'],
    [{ dist: 'triangular', min: -1e308, mode: 0, max: 1e308 }, 'max must be between'],
  ])('refuses %j with a message naming the parameter', (value, message) => {
    const issues = issuesFor(range(value));
    expect(issues.map((issue) => issue.path)).toContain('uncertainty.economics.valuePerSale');
    expect(messages(issues).join('\n')).toContain(message);
  });

  it('refuses beta parameters above 1000, and keeps beta for share-like fields only', () => {
    expect(messages(issuesFor(range({ dist: 'beta', alpha: 1e4, beta: 2 }, 'economics.margin'))).join('\n'))
      .toContain('alpha must be ≤ 1000, got 10000');
    expect(messages(issuesFor(range({ dist: 'beta', alpha: 2, beta: 2 }, 'brand.halfLifeMonths'))).join('\n'))
      .toContain('beta needs a field with a bounded range');
    expect(() => parseModel({ ...defaultModel(), uncertainty: { 'downstream.maxConversionLift': { dist: 'beta', alpha: 2, beta: 50 } } })).not.toThrow();
  });

  it('accepts a lognormal at sigma 5, the limit', () => {
    expect(() => parseModel({ ...defaultModel(), uncertainty: { 'economics.valuePerSale': { dist: 'lognormal', median: 60, sigma: 5 } } })).not.toThrow();
  });
});
