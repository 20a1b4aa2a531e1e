import { describe, expect, it } from 'vitest';
import { parseModel, simulate } from '../../../src/engine/index.ts';
import { expectPlanWithinBounds, optimize, PHASING_NAMES } from './optimize-test-kit.ts';
import { defaultModel, issue10DefaultModel } from './model-files.ts';

const UNBOUNDED = { minShare: 0, maxShare: 1, minPeriodMultiple: 0, maxPeriodMultiple: Infinity };

describe('progress and cancellation', () => {
  it.each(PHASING_NAMES)('%s reports rising progress from 0 to 1, in steps of at least a hundredth', (phasing) => {
    const fractions: number[] = [];
    const result = optimize(defaultModel(), { phasing, onProgress: (fraction) => fractions.push(fraction) });
    expect(result.cancelled).toBe(false);
    expect(fractions.at(-1)).toBe(1);
    // Every step but the last (to exactly 1) moves on by at least a hundredth.
    for (let index = 1; index < fractions.length - 1; index += 1) {
      expect(fractions[index]).toBeGreaterThanOrEqual(fractions[index - 1] + 0.01 - 1e-12);
    }
    expect(fractions.at(-1)).toBeGreaterThan(fractions.at(-2) ?? 0);
    expect(fractions.every((fraction) => fraction >= 0 && fraction <= 1)).toBe(true);
  });

  it.each([0, 1, 5, 40])('stopped after %i checks, returns the best valid plan so far with cancelled: true', (checks) => {
    const model = defaultModel({ horizonYears: 5 });
    let calls = 0;
    const result = optimize(model, { phasing: 'flighting', shouldStop: () => { calls += 1; return calls > checks; } });
    expect(result.cancelled).toBe(true);
    expect(result.converged).toBe(false);
    expectPlanWithinBounds(result, 12, UNBOUNDED);
    expect(simulate(parseModel({ ...model, plan: result.plan })).summary.npvWithCarryover).toBe(result.value);
  });

  it('stopped while smoothing (or within the practical limits), says so and returns a valid plan within the tolerance', () => {
    const model = issue10DefaultModel();
    let searchChecks = 0;
    optimize(model, { phasing: 'flighting', exactBest: true, shouldStop: () => { searchChecks += 1; return false; } });
    for (const limits of [{}, { maxStep: 0.25, minFlight: 3 }]) {
      let calls = 0;
      const result = optimize(model, { phasing: 'flighting', ...limits, shouldStop: () => { calls += 1; return calls > searchChecks + 30; } });
      expect(result.cancelled).toBe(true);
      expect(result.converged).toBe(false);
      expectPlanWithinBounds(result, 12, { ...UNBOUNDED, ...limits });
      if (result.smoothing !== undefined) expect(result.value).toBeGreaterThanOrEqual(result.smoothing.bestValue - result.smoothing.tolerance);
    }
  });

  it('a later stop never gives a worse plan than an earlier one', () => {
    const model = defaultModel({ horizonYears: 5 });
    const valueAfter = (checks: number) => {
      let calls = 0;
      // The best found so far: a smoother plan, returned by default, may score a little lower.
      return optimize(model, { phasing: 'flighting', exactBest: true, shouldStop: () => { calls += 1; return calls > checks; } }).value;
    };
    const values = [1, 10, 100, 1000].map(valueAfter);
    for (let index = 1; index < values.length; index += 1) expect(values[index]).toBeGreaterThanOrEqual(values[index - 1]);
  });
});
