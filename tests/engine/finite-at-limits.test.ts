import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findNonFinite } from '../../src/engine/sim/finite-results.ts';
import { parseModel } from '../../src/engine/model/parse-model.ts';
import { simulate } from '../../src/engine/sim/simulate.ts';
import { modelAtLimits } from './arbitrary-extreme-model.ts';

// The promise of docs/model-limits.md: every model that parseModel accepts, at the limits
// themselves included, simulates to finite numbers everywhere (each period's figures and every
// key figure), so that no valid model ever shows NaN or Infinity (or null in JSON).

describe('every valid model simulates to finite numbers, up to the limits', () => {
  it('fast-check over models with settings at and between their limits', () => {
    fc.assert(fc.property(modelAtLimits, (input) => {
      const model = parseModel(input);
      const found = findNonFinite(simulate(model));
      expect(found, `${JSON.stringify(found)} in ${JSON.stringify(input)}`).toBeUndefined();
    }), { numRuns: 300 });
  });

  it('the generator reaches the limits (so the property above is about them)', () => {
    const samples = fc.sample(modelAtLimits, { numRuns: 300, seed: 42 });
    const share = (test: (model: Model) => boolean) => samples.filter(test).length / samples.length;
    type Model = (typeof samples)[number];
    expect(share((model) => model.economics.valuePerSale === 1e12)).toBeGreaterThan(0.1);
    expect(share((model) => model.market.inMarketPerMonth === 1e12)).toBeGreaterThan(0.1);
    expect(share((model) => model.market.growthPerYear === 10)).toBeGreaterThan(0.1);
    expect(share((model) => model.brand.demandLift === 100)).toBeGreaterThan(0.1);
    expect(share((model) => model.economics.discountRatePerYear < -0.9999)).toBeGreaterThan(0.1);
    expect(share((model) => model.brand.halfLifeMonths === Number.MIN_VALUE)).toBeGreaterThan(0.1);
  });
});
