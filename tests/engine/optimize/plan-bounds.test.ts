import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseModel, type Model } from '../../../src/engine/index.ts';
import { createPlanEvaluator } from '../../../src/engine/sim/plan-evaluator.ts';
import { between, validModel } from '../arbitrary-model.ts';
import { expectPlanWithinBounds, optimize, PHASING_NAMES, type PhasingName } from './optimize-test-kit.ts';
import { defaultModel } from './model-files.ts';

type Bounds = { minShare: number; maxShare: number; minPeriodMultiple?: number; maxPeriodMultiple?: number };

/** Any valid set of bounds: shares ordered within 0…1, period multiples around 1 or absent. */
const bounds: fc.Arbitrary<Bounds> = fc.record({
  shares: fc.tuple(between(0, 1), between(0, 1)).map(([a, b]) => [Math.min(a, b), Math.max(a, b)]),
  minPeriodMultiple: fc.oneof(fc.constant(undefined), fc.constant(1), between(0, 1)),
  maxPeriodMultiple: fc.oneof(fc.constant(undefined), fc.constant(1), between(1, 6)),
}).map(({ shares, ...periods }) => ({ minShare: shares[0], maxShare: shares[1], ...periods }));

function checkPlan(model: Model, options: Bounds & { phasing: PhasingName }, effort: number) {
  const result = optimize(model, { ...options, effort });
  expectPlanWithinBounds(result, model.periodsPerYear, {
    minShare: options.minShare,
    maxShare: options.maxShare,
    minPeriodMultiple: options.minPeriodMultiple ?? 0,
    maxPeriodMultiple: options.maxPeriodMultiple ?? Infinity,
  });
  // Scored as simulate scores a plan (parseModel would refuse the sub-cent amounts a tiny
  // random budget splits into: "must be 0 or at least 0.01").
  const evaluator = createPlanEvaluator(model);
  expect(evaluator.evaluate([Float64Array.from(result.plan.upstream), Float64Array.from(result.plan.downstream)])[result.objective]).toBe(result.value);
}

describe('every returned plan meets its budgets and bounds to 1e-9 relative', () => {
  it('on the 5-year default model, for any bounds and phasing (fast-check)', () => {
    const model = defaultModel({ horizonYears: 5 });
    fc.assert(fc.property(bounds, fc.constantFrom(...PHASING_NAMES), (options, phasing) => {
      checkPlan(model, { ...options, phasing }, 0.3);
    }), { numRuns: 40 });
  });

  // Short searches: the bounds must hold however far the search got.
  it('on random valid models, for any bounds and phasing (fast-check)', () => {
    fc.assert(fc.property(validModel, bounds, fc.constantFrom(...PHASING_NAMES), (raw, options, phasing) => {
      checkPlan(parseModel(raw), { ...options, phasing }, 0.05);
    }), { numRuns: 40 });
  });
});
