import { describe, expect, it } from 'vitest';
import { parseModel, simulate } from '../../../src/engine/index.ts';
import type { OptimizedPlan } from '../../../src/engine/optimize/index.ts';
import { planRoughness, turningPoints } from '../../../src/engine/optimize/plan-roughness.ts';
import { smoothingTolerance } from '../../../src/engine/optimize/optimize.ts';
import { MODEL_FILES, issue10DefaultModel as defaultModel } from './model-files.ts';
import { expectPlanWithinBounds, optimize } from './optimize-test-kit.ts';

const AVERAGE_MONTH = 100_000; // 1.2 million a year over 12 months

describe('the smoothest plan within tolerance of the best (the default)', () => {
  const model = defaultModel();
  const best = optimize(model, { phasing: 'flighting', exactBest: true });
  const smooth = optimize(model, { phasing: 'flighting' });
  const roughness = (plan: OptimizedPlan) => planRoughness(plan.upstream, plan.downstream, AVERAGE_MONTH);
  // Changes under 1 % of the average month are rounding in a buyer's terms, not a turn.
  const turns = (values: number[]) => turningPoints(values, 0.01 * AVERAGE_MONTH);

  it('is far less rough than the best plan found, on the default model with flighting', () => {
    // Measured: roughness 21.4 for the best plan, 4.3 for the plan returned.
    expect(roughness(best.plan)).toBeGreaterThan(15);
    expect(roughness(smooth.plan)).toBeLessThan(0.3 * roughness(best.plan));
    expect(smooth.smoothing?.roughness).toBeCloseTo(roughness(smooth.plan), 9);
    expect(smooth.smoothing?.bestRoughness).toBeCloseTo(roughness(best.plan), 9);
  });

  it('hardly alternates from month to month: few turns where the best plan turns almost every month', () => {
    // Measured with the 1 % threshold: the best plan's upstream turns 25 times in 36 months.
    expect(turns(best.plan.upstream)).toBeGreaterThan(20);
    expect(turns(smooth.plan.upstream)).toBeLessThanOrEqual(8);
    expect(turns(smooth.plan.downstream)).toBeLessThanOrEqual(8);
  });

  it('is within the tolerance (0.1 % of the best value), and says so', () => {
    const { smoothing } = smooth;
    expect(smoothing).toBeDefined();
    expect(smoothing!.bestValue).toBeGreaterThanOrEqual(best.value - 1e-9 * best.value);
    expect(smoothing!.tolerance).toBeCloseTo(0.001 * smoothing!.bestValue, 6);
    expect(smooth.value).toBe(smoothing!.value);
    expect(smooth.value).toBeGreaterThanOrEqual(smoothing!.bestValue - smoothing!.tolerance);
    expect(smooth.value).toBeLessThan(smoothing!.bestValue);
    expect(smooth.notes.find((note) => note.kind === 'smoother-plan')).toEqual({ kind: 'smoother-plan', ...smoothing });
    expectPlanWithinBounds(smooth, 12, { minShare: 0, maxShare: 1, minPeriodMultiple: 0, maxPeriodMultiple: Infinity });
    expect(simulate(parseModel({ ...model, plan: smooth.plan })).summary.npvWithCarryover).toBe(smooth.value);
  });

  it('is the best plan itself with exactBest, with no smoothing note', () => {
    expect(best.smoothing).toBeUndefined();
    expect(best.notes.some((note) => note.kind === 'smoother-plan')).toBe(false);
  });

  it('gives up at most 0.1 % of the best value and a quarter of what the plan gains over the yearly plan', () => {
    expect(smoothingTolerance(0.001, 6e6, 5.9e6)).toBe(6000); // 0.1 % binds: a quarter of 100,000 is 25,000
    expect(smoothingTolerance(0.001, 40_181_550, 40_171_327)).toBeCloseTo(0.25 * 10_223, 6); // the gain binds
    expect(smoothingTolerance(0.001, 6e6, 6.1e6)).toBe(6000); // limits left the best below the yearly plan
  });

  it.each(MODEL_FILES)('stays above the best yearly plan on $file (per period and flighting)', ({ model: preset }) => {
    const yearly = optimize(preset, { phasing: 'yearly' }).value;
    for (const phasing of ['period', 'flighting'] as const) {
      const result = optimize(preset, { phasing });
      const best = result.smoothing?.bestValue ?? result.value;
      if (best > yearly) expect(result.value).toBeGreaterThanOrEqual(yearly + 0.75 * (best - yearly) - 1e-9 * Math.abs(best));
    }
  });

  it('leaves constant and yearly plans alone (nothing to smooth within a year)', () => {
    expect(optimize(model, { phasing: 'yearly' }).smoothing).toBeUndefined();
    expect(optimize(model, { phasing: 'yearly' }).value).toBe(optimize(model, { phasing: 'yearly', exactBest: true }).value);
  });

  it('measures roughness as the pseudo-Huber total variation, closed form on small cases', () => {
    // |Δ| = 1 twice upstream, 0 downstream: 2·(√(1 + 1e-4) − 0.01) = 1.98010 (…); flat: 0.
    expect(planRoughness([0, 1, 0], [1, 1, 1], 1)).toBeCloseTo(2 * (Math.sqrt(1.0001) - 0.01), 12);
    expect(planRoughness([5, 5, 5], [2, 2, 2], 3)).toBe(0);
    expect(turningPoints([1, 3, 1, 3, 1], 0)).toBe(3);
    expect(turningPoints([1, 2, 3, 2.99999, 4], 0.001)).toBe(0);
  });
});
