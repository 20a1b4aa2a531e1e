import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseModel } from '../../../src/engine/index.ts';
import { createPlanEvaluator } from '../../../src/engine/sim/plan-evaluator.ts';
import { OptimizeError } from '../../../src/engine/optimize/index.ts';
import { between, validModel } from '../arbitrary-model.ts';
import { issue10DefaultModel as defaultModel } from './model-files.ts';
import { expectPlanWithinBounds, optimize } from './optimize-test-kit.ts';

/** Flight lengths that divide 4, 12 and 52 periods a year alike. */
const flights = fc.constantFrom(1, 2, 4);

describe('practical limits: the largest change between periods (maxStep) and the shortest flight (minFlight)', () => {
  it('are kept exactly, with every other bound, on random models and bounds (fast-check)', () => {
    fc.assert(fc.property(
      validModel, fc.constantFrom('period' as const, 'flighting' as const), between(0.01, 1), flights,
      fc.tuple(between(0, 1), between(0, 1)), fc.oneof(fc.constant(undefined), between(0, 1)), fc.oneof(fc.constant(undefined), between(1, 4)),
      (raw, phasing, maxStep, minFlight, [shareA, shareB], minPeriodMultiple, maxPeriodMultiple) => {
        const model = parseModel(raw);
        const minShare = Math.min(shareA, shareB);
        const maxShare = Math.max(shareA, shareB);
        const result = optimize(model, { phasing, maxStep, minFlight, minShare, maxShare, minPeriodMultiple, maxPeriodMultiple, effort: 0.05 });
        expectPlanWithinBounds(result, model.periodsPerYear, {
          minShare, maxShare, minPeriodMultiple: minPeriodMultiple ?? 0, maxPeriodMultiple: maxPeriodMultiple ?? Infinity, maxStep, minFlight,
        });
        // Scored as simulate scores a plan (parseModel would refuse the sub-cent amounts a tiny
        // random budget splits into: "must be 0 or at least 0.01").
        const evaluator = createPlanEvaluator(model);
        expect(evaluator.evaluate([Float64Array.from(result.plan.upstream), Float64Array.from(result.plan.downstream)])[result.objective]).toBe(result.value);
      },
    ), { numRuns: 40 });
  });

  it('turn the default model\'s zig-zag into a plan within 25 % steps, quarterly flights, at a small cost', () => {
    const model = defaultModel();
    const free = optimize(model, { phasing: 'flighting', exactBest: true });
    const limited = optimize(model, { phasing: 'flighting', maxStep: 0.25, minFlight: 3, exactBest: true });
    expectPlanWithinBounds(limited, 12, { minShare: 0, maxShare: 1, minPeriodMultiple: 0, maxPeriodMultiple: Infinity, maxStep: 0.25, minFlight: 3 });
    // Measured: 6,286,986 free and 6,250,761 with the limits (−0.6 %); still above the yearly plan's 6,227,872.
    expect(limited.value).toBeLessThan(free.value);
    expect(limited.value).toBeGreaterThan(optimize(model, { phasing: 'yearly' }).value);
  });

  it('break the free optimum\'s plan before, as the issue reports (62,500 to 416,667 a month, upstream 117,728 / 0 / 119,389)', () => {
    const free = optimize(defaultModel(), { phasing: 'flighting', exactBest: true, minPeriodMultiple: 0.5, maxPeriodMultiple: 2 });
    let largestStep = 0;
    for (let index = 1; index < 36; index += 1) largestStep = Math.max(largestStep, Math.abs(free.plan.upstream[index] - free.plan.upstream[index - 1]));
    expect(largestStep).toBeGreaterThan(0.25 * 100_000);
  });

  it('are refused when they cannot apply or make no sense, naming the option', () => {
    const cases: [object, string, RegExp][] = [
      [{ phasing: 'yearly', maxStep: 0.2 }, 'maxStep', /period and flighting/],
      [{ phasing: 'flighting', maxStep: 0 }, 'maxStep', /above 0/],
      [{ phasing: 'flighting', maxStep: Number.NaN }, 'maxStep', /above 0/],
      [{ phasing: 'constant', minFlight: 3 }, 'minFlight', /period and flighting/],
      [{ phasing: 'flighting', minFlight: 2.5 }, 'minFlight', /whole number/],
      [{ phasing: 'flighting', minFlight: 5 }, 'minFlight', /divide the 12 periods/],
      [{ phasing: 'flighting', minFlight: 3, robust: { statistic: 'mean' } }, 'minFlight', /robust/],
      [{ phasing: 'flighting', smoothTolerance: 0.5 }, 'smoothTolerance', /0 to 0.1/],
    ];
    for (const [options, option, message] of cases) {
      let error: unknown;
      try { optimize(defaultModel(), options); } catch (caught) { error = caught; }
      expect(error).toBeInstanceOf(OptimizeError);
      expect((error as OptimizeError).option).toBe(option);
      expect((error as OptimizeError).message).toMatch(message);
    }
  });
});
