/**
 * How rough a plan is: the total change of spend from period to period, on both sides, in units
 * of the horizon's average period budget B̄ (Σ budgets / T), with each change smoothed below 1 %
 * of B̄ so that the measure has a gradient everywhere (a pseudo-Huber total variation):
 *
 *   R = Σₜ₌₂…T Σ_side [ √((ΔXₜ / B̄)² + ε²) − ε ],   ΔXₜ = Xₜ − Xₜ₋₁ for X = U and D, ε = 0.01
 *
 * ≈ Σ |ΔXₜ| / B̄ for changes above 1 % of B̄. A plan that keeps its spend scores 0; one that swings
 * each month between nothing and the average budget on one side scores about T − 1; a ramp from
 * 0 to B̄ scores about 1 however gradual. Total variation (rather than squared changes) is chosen
 * because it removes many small swings before it flattens one large, valuable step (a year-start
 * push, the last month's conversion spend): the property that made it the standard measure for
 * removing noise while keeping edges (Rudin, Osher & Fatemi 1992). Dimensionless, so models in any
 * currency compare. The smoothing step minimises it among the plans almost as good as the best
 * (see `smoothest-plan.ts`).
 *
 * Cost: O(T), no allocation.
 * @param averagePeriodBudget B̄: the horizon's budget over its periods; 0 gives 0
 * @example planRoughness([0, 1, 0], [1, 1, 1], 1) // ≈ 1.98 (two changes of 1, less 2ε)
 */
export function planRoughness(upstream: ArrayLike<number>, downstream: ArrayLike<number>, averagePeriodBudget: number): number {
  return rowsRoughness([upstream, downstream], averagePeriodBudget);
}

/**
 * `planRoughness` of a plan given as channel rows: the same sum over every channel's changes
 * (with one channel a side, exactly `planRoughness` of the two sides). Smoothing a channel plan
 * therefore flattens each channel's spend, not only the side totals.
 */
export function rowsRoughness(rows: readonly ArrayLike<number>[], averagePeriodBudget: number): number {
  if (!(averagePeriodBudget > 0) || rows.length === 0) return 0;
  let total = 0;
  for (let index = 1; index < rows[0].length; index += 1) {
    let term = 0;
    for (const row of rows) {
      const step = (row[index] - row[index - 1]) / averagePeriodBudget;
      term += Math.sqrt(step * step + SMOOTHING_SQUARED);
    }
    total += term - rows.length * SMOOTHING;
  }
  return total;
}

/** ε: changes below this share of the average period budget count roughly quadratically. */
const SMOOTHING = 0.01;
const SMOOTHING_SQUARED = SMOOTHING * SMOOTHING;

/**
 * Adds `weight` · ∂R/∂Xᶜₜ to `out` for every channel row c (R as in `rowsRoughness`):
 * with φ(z) = z / √(z² + ε²), ∂R/∂Xₜ = [φ(ΔXₜ / B̄) − φ(ΔXₜ₊₁ / B̄)] / B̄, the missing neighbour's
 * term left out at either end.
 */
export function addRoughnessGradient(
  rows: readonly ArrayLike<number>[], averagePeriodBudget: number, weight: number, out: readonly Float64Array[],
): void {
  if (!(averagePeriodBudget > 0)) return;
  const factor = weight / averagePeriodBudget;
  rows.forEach((row, channel) => {
    const target = out[channel];
    for (let index = 1; index < row.length; index += 1) {
      const step = (row[index] - row[index - 1]) / averagePeriodBudget;
      const slope = (factor * step) / Math.sqrt(step * step + SMOOTHING_SQUARED);
      target[index] += slope;
      target[index - 1] -= slope;
    }
  });
}

/**
 * How often a series turns: the number of sign changes of its first difference, ignoring
 * changes smaller than `threshold` (they are rounding, not a turn). A zig-zag over T periods
 * turns T − 2 times; a ramp never; one hump once.
 * @example turningPoints([1, 3, 1, 3, 1], 0) // 3
 */
export function turningPoints(values: ArrayLike<number>, threshold: number): number {
  let turns = 0;
  let lastSign = 0;
  for (let index = 1; index < values.length; index += 1) {
    const step = values[index] - values[index - 1];
    if (Math.abs(step) <= threshold) continue;
    const sign = Math.sign(step);
    if (lastSign !== 0 && sign !== lastSign) turns += 1;
    lastSign = sign;
  }
  return turns;
}
