/** What the optimiser tests share: the engine's optimiser API and plan checks. */
import { expect } from 'vitest';
import { yearlyBudgets, type Model } from '../../../src/engine/index.ts';
import type { OptimizeResult, OptimizeSettings } from '../../../src/engine/optimize/index.ts';

export { OBJECTIVE_NAMES, PHASING_NAMES, optimize, type ObjectiveName, type PhasingName } from '../../../src/engine/optimize/index.ts';

export const yearlyBudgetsOf = (model: Model): number[] => yearlyBudgets(model);

/** The tolerance for budgets and bounds: 1e-9 relative. */
export const PLAN_TOLERANCE = 1e-9;

/**
 * Asserts that a plan spends each year's budget and keeps to every bound, to 1e-9 relative:
 * spend per period within [minPeriodMultiple, maxPeriodMultiple] × the year's average period
 * budget (exactly that average for every phasing but flighting), shares within
 * [minShare, maxShare], nothing negative.
 */
export function expectPlanWithinBounds(
  result: OptimizeResult, periodsPerYear: number,
  bounds: Pick<OptimizeSettings, 'minShare' | 'maxShare' | 'minPeriodMultiple' | 'maxPeriodMultiple'> & Partial<Pick<OptimizeSettings, 'maxStep' | 'minFlight'>>,
): void {
  const { upstream, downstream } = result.sides;
  const flighting = result.phasing === 'flighting';
  result.budgetPerYear.forEach((budget, year) => {
    const average = budget / periodsPerYear;
    const slack = PLAN_TOLERANCE * average + 1e-300;
    let total = 0;
    for (let index = year * periodsPerYear; index < (year + 1) * periodsPerYear; index += 1) {
      const spend = upstream[index] + downstream[index];
      expect(upstream[index]).toBeGreaterThanOrEqual(0);
      expect(downstream[index]).toBeGreaterThanOrEqual(0);
      expect(spend).toBeGreaterThanOrEqual((flighting ? bounds.minPeriodMultiple : 1) * average - slack);
      const highest = flighting ? bounds.maxPeriodMultiple : 1;
      expect(spend).toBeLessThanOrEqual(highest === Infinity ? Infinity : highest * average + slack);
      expect(upstream[index]).toBeGreaterThanOrEqual(bounds.minShare * spend - PLAN_TOLERANCE * spend);
      expect(upstream[index]).toBeLessThanOrEqual(bounds.maxShare * spend + PLAN_TOLERANCE * spend);
      total += spend;
    }
    // (The floor only matters for budgets so tiny, e.g. 5e-324, that a period's share underflows.)
    expect(Math.abs(total - budget)).toBeLessThanOrEqual(PLAN_TOLERANCE * budget + 1e-300);
  });
  expectPracticalLimits(result, periodsPerYear, bounds.maxStep ?? Infinity, bounds.minFlight ?? 1);
}

/**
 * Asserts `maxStep` and `minFlight` (to 1e-9 relative): each side's change between consecutive
 * periods within maxStep × the larger of the two periods' average budgets plus the change of that
 * average; each side's spend the same in every period of a flight (blocks of minFlight periods
 * from the start of each year), so every run of spending or not spending lasts at least
 * minFlight periods.
 */
export function expectPracticalLimits(result: OptimizeResult, periodsPerYear: number, maxStep: number, minFlight: number): void {
  const averageOf = (index: number) => result.budgetPerYear[Math.floor(index / periodsPerYear)] / periodsPerYear;
  // Every channel's row (for a two-lever model, the sides).
  for (const side of Object.values(result.plan)) {
    for (let index = 1; index < side.length; index += 1) {
      const before = averageOf(index - 1);
      const now = averageOf(index);
      const limit = maxStep === Infinity ? Infinity : maxStep * Math.max(before, now) + Math.abs(now - before);
      expect(Math.abs(side[index] - side[index - 1])).toBeLessThanOrEqual(limit + PLAN_TOLERANCE * Math.max(before, now));
      if (index % minFlight !== 0) expect(Math.abs(side[index] - side[index - 1])).toBeLessThanOrEqual(PLAN_TOLERANCE * now);
    }
    if (minFlight > 1) {
      // Runs of "spends" / "spends nothing" (to 1e-9 of the period's budget), each ≥ minFlight.
      let run = 1;
      for (let index = 1; index <= side.length; index += 1) {
        const on = (position: number) => side[position] > PLAN_TOLERANCE * averageOf(position);
        if (index < side.length && on(index) === on(index - 1)) { run += 1; continue; }
        expect(run).toBeGreaterThanOrEqual(minFlight);
        run = 1;
      }
    }
  }
}
