import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { baseFall } from '../../src/engine/base-fall.ts';
import { type Model, parseModel, simulate } from '../../src/engine/index.ts';

const load = (file: string): Model => parseModel(JSON.parse(readFileSync(new URL(`../../models/${file}`, import.meta.url), 'utf8')));
const defaultModel = load('default.json');

describe('baseFall', () => {
  it('marks the default model’s base falling as past spend wears off', () => {
    const periods = simulate(defaultModel).periods;
    const fall = baseFall(periods, defaultModel)!;
    // With no seasonality and no growth, the fall is the base's own: 1 − base₁₂ / base₁.
    expect(fall.fall).toBeCloseTo(1 - periods[11].revenueBase / periods[0].revenueBase, 12);
    expect(periods[fall.lastT - 1].revenueBase).toBeLessThanOrEqual(periods[0].revenueBase * (1 - 0.8 * fall.fall));
    expect(periods[fall.lastT - 2].revenueBase).toBeGreaterThan(periods[0].revenueBase * (1 - 0.8 * fall.fall));
  });

  it('is undefined when there is no past spend to wear off and no starting brand', () => {
    const model = parseModel({ ...defaultModel, history: { upstreamPerMonth: 0, downstreamPerMonth: 0 }, brand: { ...defaultModel.brand, initialEquity: 0 } });
    expect(baseFall(simulate(model).periods, model)).toBeUndefined();
  });

  it('does not read a seasonal dip or a shrinking market as past spend wearing off', () => {
    const steady = { ...defaultModel, history: { upstreamPerMonth: 0, downstreamPerMonth: 0 }, brand: { ...defaultModel.brand, initialEquity: 0 } };
    const seasonal = parseModel({ ...steady, market: { ...steady.market, seasonality: [1.5, 1.4, 1.2, 1, 0.9, 0.8, 0.7, 0.6, 0.7, 1, 1.1, 1.1] } });
    const seasonalPeriods = simulate(seasonal).periods;
    expect(seasonalPeriods[7].revenueBase / seasonalPeriods[0].revenueBase).toBeLessThan(0.5);
    expect(baseFall(seasonalPeriods, seasonal)).toBeUndefined();
    const shrinking = parseModel({ ...steady, market: { ...steady.market, growthPerYear: -0.3 } });
    expect(baseFall(simulate(shrinking).periods, shrinking)).toBeUndefined();
  });

  it('uses the quarters made from 12 monthly values', () => {
    const quarterly = parseModel({
      ...defaultModel, periodsPerYear: 4, history: { upstreamPerMonth: 0, downstreamPerMonth: 0 }, brand: { ...defaultModel.brand, initialEquity: 0 },
      market: { ...defaultModel.market, seasonality: [2, 2, 2, 1, 1, 1, 0.5, 0.5, 0.5, 1, 1, 1] },
    });
    expect(baseFall(simulate(quarterly).periods, quarterly)).toBeUndefined();
  });
});
