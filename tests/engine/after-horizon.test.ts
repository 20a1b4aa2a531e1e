import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { afterHorizon } from '../../src/engine/after-horizon.ts';
import { type Model, hill, parseModel, simulate } from '../../src/engine/index.ts';
import { anyValidModel } from './arbitrary-model.ts';

const defaultModel = parseModel(JSON.parse(readFileSync(new URL('../../models/default.json', import.meta.url), 'utf8')));
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

describe('afterHorizon', () => {
  it('its discounted increments add up to the summary’s carryover value, for any valid model', () => {
    fc.assert(fc.property(anyValidModel, (model) => {
      const points = afterHorizon(model);
      const { carryoverValue } = simulate(model).summary;
      expect(points).toHaveLength(model.economics.carryoverYears * model.periodsPerYear);
      expect(Math.abs(sum(points.map((point) => point.discountedIncrementalContribution)) - carryoverValue))
        .toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(carryoverValue)));
    }), { numRuns: 200 });
  });

  it.each(['zero', 'history'] as const)('adds up to the carryover value of the default model with the "%s" baseline', (baseline) => {
    const model = parseModel({ ...defaultModel, economics: { ...defaultModel.economics, carryoverBaseline: baseline } });
    const points = afterHorizon(model);
    // models/default.json: 3 years of 12 months, then 1 carryover year (issue 10 re-grounding), t = 37 … 48.
    expect(points.map((point) => point.t)).toEqual(Array.from({ length: 12 }, (_, index) => 37 + index));
    expect(Math.abs(sum(points.map((point) => point.discountedIncrementalContribution)) - simulate(model).summary.carryoverValue)).toBeLessThanOrEqual(1e-9 * Math.abs(simulate(model).summary.carryoverValue));
  });

  it('the two baselines differ: with the history’s spend after the horizon the zero-spend run keeps a brand too', () => {
    const zero = afterHorizon(parseModel({ ...defaultModel, economics: { ...defaultModel.economics, carryoverBaseline: 'zero' } }));
    const history = afterHorizon(parseModel({ ...defaultModel, economics: { ...defaultModel.economics, carryoverBaseline: 'history' } }));
    expect(history.at(-1)!.equityWithoutSpend).toBeGreaterThan(zero.at(-1)!.equityWithoutSpend);
  });

  it('is empty without carryover years', () => {
    expect(afterHorizon(parseModel({ ...defaultModel, economics: { ...defaultModel.economics, carryoverYears: 0 } }))).toEqual([]);
  });

  it('matches the closed form of downstream adstock decaying after the horizon', () => {
    // Downstream only, no brand effect: equity stays 0, demand N per month, and conversion is
    // c₀ + c·H(d) with d the adstock. Over the horizon d_t = D + (d₀ − D)ρ^t for constant spend
    // D per month; after it, with nothing spent, d_{T+j} = ρ^j · d_T; with no spend at all,
    // d_t = d₀ρ^t. So each carryover month's increment is N · c · (H(d_plan) − H(d_none)) · v · m.
    const N = 100_000; const D = 40_000; const d0 = 10_000; const K = 50_000; const S = 1.3; const c = 0.01;
    const v = 80; const m = 0.4; const r = 0.1; const halfLife = 2;
    const model: Model = parseModel({
      name: 'closed form', periodsPerYear: 12, horizonYears: 1,
      budget: { perYear: 12 * D, upstreamShare: 0 },
      history: { upstreamPerMonth: 0, downstreamPerMonth: d0 },
      market: { inMarketPerMonth: N, growthPerYear: 0, seasonality: null },
      brand: { initialEquity: 0, maxEquity: 0.5, halfLifeMonths: 12, demandLift: 0, conversionLift: 0 },
      upstream: { lagMonths: 1, lagConcentration: 0.5, lagWindowMonths: 3, halfSaturation: 1000, shape: 1, insightFeedback: 0 },
      downstream: { halfLifeMonths: halfLife, halfSaturation: K, shape: S, maxConversionLift: c },
      economics: { baseConversion: 0.02, valuePerSale: v, margin: m, discountRatePerYear: r, carryoverYears: 1, carryoverBaseline: 'zero' },
    });
    const rho = 0.5 ** (1 / halfLife);
    const adstockAtEnd = D + (d0 - D) * rho ** 12;
    const points = afterHorizon(model);
    points.forEach((point, j) => {
      const t = 13 + j;
      const planned = adstockAtEnd * rho ** (j + 1);
      const none = d0 * rho ** t;
      const increment = N * c * (hill(planned, K, S) - hill(none, K, S)) * v * m;
      expect(point.incrementalContribution).toBeCloseTo(increment, 6);
      expect(point.discountedIncrementalContribution).toBeCloseTo(increment * (1 + r) ** (-t / 12), 6);
      expect(point.equity).toBe(0);
    });
  });
});
