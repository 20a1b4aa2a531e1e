import { describe, expect, it } from 'vitest';
import {
  UncertaintyError, createDrawRunner, drawValues, monteCarlo, simulate, uncertainFields, type FigureStatistics, type Summary,
} from '../../../src/engine/index.ts';
import { defaultJson, defaultWith, relativelyClose, withSettings } from './fixtures.ts';

const FIXED = {
  'brand.halfLifeMonths': { dist: 'lognormal', median: 30, sigma: 0 },
  'market.growthPerYear': { dist: 'normal', mean: 0.02, sd: 0 },
  'upstream.lagMonths': { dist: 'uniform', min: 5, max: 5 },
  'economics.margin': { dist: 'triangular', min: 0.45, mode: 0.45, max: 0.45 },
  'downstream.shape': { dist: 'normal', mean: 1.3, sd: 0 },
};

const every = (statistics: FigureStatistics) => [statistics.mean, statistics.p5, statistics.p10, statistics.p50, statistics.p90, statistics.p95];

describe('monteCarlo', () => {
  it('with zero spread everywhere gives exactly the deterministic result, in every statistic and band', () => {
    const model = defaultWith(FIXED, { horizonYears: 5 });
    const expected = simulate(withSettings(model, {
      'brand.halfLifeMonths': 30, 'market.growthPerYear': 0.02, 'upstream.lagMonths': 5, 'economics.margin': 0.45, 'downstream.shape': 1.3,
    }));
    const result = monteCarlo(model, { draws: 300, seed: 1 });
    for (const figure of ['totalSpend', 'totalRevenue', 'finalEquity', 'npv', 'roi', 'carryoverValue', 'npvWithCarryover'] as const) {
      for (const value of every(result.summary[figure])) expect(value, figure).toBe(expected.summary[figure]);
    }
    result.summary.roiByYear.forEach((statistics, year) => every(statistics).forEach((value) => expect(value).toBe(expected.summary.roiByYear[year])));
    every(result.summary.paybackPeriod).forEach((value) => expect(value).toBe(expected.summary.paybackPeriod));
    expect(result.probabilityRoiPositive).toBe(expected.summary.roi! > 0 ? 1 : 0);
    for (const band of Object.values(result.bands.equity)) expect(band).toEqual(expected.periods.map((period) => period.equity));
    for (const band of Object.values(result.bands.revenue)) expect(band).toEqual(expected.periods.map((period) => period.revenue));
  });

  it('with no uncertainty at all gives the deterministic result too', () => {
    const model = defaultWith(undefined);
    const result = monteCarlo(model, { draws: 10, seed: 3 });
    expect(every(result.summary.npvWithCarryover)).toEqual(Array(6).fill(simulate(model).summary.npvWithCarryover));
    expect(result.uncertainFields).toEqual([]);
  });

  it('gives identical output for the same seed and different output for different seeds', () => {
    const model = defaultWith(defaultJson().uncertainty);
    const a = monteCarlo(model, { draws: 500, seed: 42 });
    const b = monteCarlo(model, { draws: 500, seed: 42 });
    const c = monteCarlo(model, { draws: 500, seed: 43 });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(c.summary.npv.mean).not.toBe(a.summary.npv.mean);
    expect(c.bands.equity.p50).not.toEqual(a.bands.equity.p50);
    // Seeds beyond 32 bits are distinct too.
    expect(monteCarlo(model, { draws: 50, seed: 2 ** 40 }).summary.npv.mean).not.toBe(monteCarlo(model, { draws: 50, seed: 0 }).summary.npv.mean);
  });

  it('each draw\'s figures are simulate\'s for the model with that draw\'s values (to 1e-11)', () => {
    for (const file of [defaultJson()]) {
      const model = defaultWith({
        ...file.uncertainty,
        'downstream.shape': { dist: 'uniform', min: 0.8, max: 2.5 },
        'upstream.shape': { dist: 'lognormal', median: 1.2, sigma: 0.2 },
        'upstream.lagConcentration': { dist: 'beta', alpha: 6, beta: 4 },
        'economics.discountRatePerYear': { dist: 'normal', mean: 0.08, sd: 0.02 },
        'history.upstreamPerMonth': { dist: 'uniform', min: 20000, max: 80000 },
        'upstream.insightFeedback': { dist: 'uniform', min: 0, max: 1 },
      }, { horizonYears: 4 });
      const fields = uncertainFields(model);
      const runner = createDrawRunner(model, fields.map((field) => field.path));
      const values = new Float64Array(fields.length);
      for (const draw of [0, 1, 7, 99, 1234]) {
        drawValues(fields, 11, draw, values);
        const fast = runner.run(values);
        const settings = Object.fromEntries(fields.map((field, index) => [field.path, values[index]]));
        const exact: Summary = simulate(withSettings(model, settings)).summary;
        for (const figure of ['totalRevenue', 'finalEquity', 'npv', 'roi', 'carryoverValue', 'npvWithCarryover'] as const) {
          expect(relativelyClose(fast[figure]!, exact[figure]!, 1e-11), `${figure} in draw ${draw}: ${fast[figure]} vs ${exact[figure]}`).toBe(true);
        }
        expect(fast.paybackPeriod).toBe(exact.paybackPeriod);
      }
    }
  });

  it('passes an input straight through: totalRevenue is proportional to valuePerSale, so its percentiles are the lognormal\'s', () => {
    const model = defaultWith({ 'economics.valuePerSale': { dist: 'lognormal', median: 60, sigma: 0.3 } });
    const draws = 20000;
    const result = monteCarlo(model, { draws, seed: 5 });
    const revenuePerUnitValue = simulate(withSettings(model, { 'economics.valuePerSale': 1 })).summary.totalRevenue;
    const z = { p5: -1.6448536269514722, p10: -1.2815515655446004, p50: 0, p90: 1.2815515655446004, p95: 1.6448536269514722 };
    for (const [key, zp] of Object.entries(z) as [keyof typeof z, number][]) {
      const p = key === 'p5' ? 0.05 : key === 'p10' ? 0.1 : key === 'p50' ? 0.5 : key === 'p90' ? 0.9 : 0.95;
      const sampled = result.summary.totalRevenue[key]! / revenuePerUnitValue;
      // 5 standard errors of a sample quantile, in log space: sigma · √(p(1 − p)/n) / φ(z).
      const tolerance = (5 * 0.3 * Math.sqrt((p * (1 - p)) / draws)) / (Math.exp(-zp * zp / 2) / Math.sqrt(2 * Math.PI));
      expect(Math.abs(Math.log(sampled / (60 * Math.exp(0.3 * zp)))), key).toBeLessThan(tolerance);
    }
    // Mean of a lognormal: median · e^(σ²/2); standard error σ_X / √n.
    const mean = 60 * Math.exp(0.045);
    const sd = mean * Math.sqrt(Math.exp(0.09) - 1);
    expect(Math.abs(result.summary.totalRevenue.mean! / revenuePerUnitValue - mean)).toBeLessThan((5 * sd) / Math.sqrt(draws));
  });

  it('reports percentiles in order, probabilities between 0 and 1, and one band value per period', () => {
    const model = defaultWith(defaultJson().uncertainty, { horizonYears: 5 });
    const result = monteCarlo(model, { draws: 2000, seed: 8 });
    for (const figure of ['totalRevenue', 'npv', 'npvWithCarryover', 'finalEquity'] as const) {
      const { p5, p10, p50, p90, p95 } = result.summary[figure];
      expect([p5!, p10!, p50!, p90!, p95!]).toEqual([p5!, p10!, p50!, p90!, p95!].sort((a, b) => a - b));
      expect(p95!).toBeGreaterThan(p5!);
    }
    expect(result.probabilityRoiPositive).toBeGreaterThan(0.5);
    expect(result.probabilityRoiPositive).toBeLessThanOrEqual(1);
    for (const band of Object.values(result.bands)) {
      expect(band.p5).toHaveLength(60);
      band.p5.forEach((low, index) => expect(low).toBeLessThanOrEqual(band.p95[index]));
    }
    expect(result.bandDraws).toBe(2000);
    expect(result.draws).toBe(2000);
    // The bands' median at the end of the horizon is the final equity's median when every draw is kept.
    expect(result.bands.equity.p50[59]).toBe(result.summary.finalEquity.p50);
  });

  it('keeps the bands\' memory bounded: beyond the budget, bands rest on a fixed number of evenly spaced draws', () => {
    const model = defaultWith(defaultJson().uncertainty, { periodsPerYear: 52, horizonYears: 5 });
    const result = monteCarlo(model, { draws: 3000, seed: 1, bandDraws: 100_000 });
    expect(result.bandDraws).toBe(Math.floor(2_000_000 / (3 * 260)));
    expect(result.bands.equity.p50).toHaveLength(260);
    const monthly = monteCarlo(defaultWith(defaultJson().uncertainty), { draws: 6000, seed: 1 });
    expect(monthly.bandDraws).toBe(2000);
    // A subset of the draws: close to, not equal to, the percentiles of all of them.
    expect(Math.abs(monthly.bands.equity.p50[35] / monthly.summary.finalEquity.p50! - 1)).toBeLessThan(0.01);
    expect(() => monteCarlo(model, { draws: 10, seed: 1, bandDraws: 0 })).toThrow(/bandDraws must be a whole number/);
  });

  it('refuses bad options and a range that cannot be drawn with the other fields\' values', () => {
    const model = defaultWith(defaultJson().uncertainty);
    expect(() => monteCarlo(model, { draws: 0, seed: 1 })).toThrow(UncertaintyError);
    expect(() => monteCarlo(model, { draws: 10, seed: -1 })).toThrow(/seed must be a whole number/);
    expect(() => monteCarlo(model, { draws: 2.5, seed: 1 })).toThrow(/draws must be a whole number/);
    const json = defaultJson();
    json.upstream.lagMonths = 0;
    json.upstream.lagWindowMonths = 0; // none of the default's lagMonths range (a triangle over 0 to 3 months) fits
    const narrow = defaultWith(json.uncertainty, { upstream: json.upstream });
    expect(() => monteCarlo(narrow, { draws: 10, seed: 1 })).toThrow(/uncertainty.upstream.lagMonths: only 0.0 %.*between 0 and 0/);
  });
});
