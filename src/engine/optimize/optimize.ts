import type { Model } from '../model/model.ts';
import { yearlyBudgets } from '../tradeoff-curve.ts';
import { optimizeForBudgets } from './optimize-for-budgets.ts';
import { type OptimizeOptions, resolveOptions } from './optimize-options.ts';
import type { OptimizeResult } from './optimize-result.ts';
import { optimizeRobust } from './optimize-robust.ts';

// The result types and the search for given budgets live in modules of their own, which the
// risk-averse search (optimize-robust.ts) uses too: this file only chooses between the two.
export type { OptimizedPlan, OptimizeResult, RobustOutcome } from './optimize-result.ts';
export { SMOOTHING_SHARE_OF_GAIN, optimizeForBudgets, smoothingTolerance } from './optimize-for-budgets.ts';

/**
 * Finds the plan that maximises an objective (`npvWithCarryover` by default) over the model's
 * horizon, keeping each year's budget (from `budget.perYear`, or the yearly totals of a model
 * given as a `plan`) and the bounds in `options`.
 *
 * Phasings, from the coarsest: `constant` (one split: the upstream share and, with channels,
 * each channel's share of its side), `yearly` (one split per year), `period` (one split per
 * period), `flighting` (spend per period and its split both free). A richer phasing starts from
 * the best plan of the coarser one before it, so it never scores lower. Channels' bounds per
 * year (the model file's `bounds`, replaced by `options.bounds`) are kept exactly. The result's
 * `plan` is in the model file's form. See docs/optimiser.md for the method and its measured
 * accuracy.
 *
 * Cost: `constant` about 140 runs of the equations; `flighting` a few hundred to a few
 * thousand (≈ 50–150 ms for a two-lever 5-year monthly model; ≈ 120–150 ms of CPU across
 * 4 + 4 channels). Cancellation (`shouldStop`) returns the
 * best plan so far with `cancelled: true`; it never throws.
 *
 * With `robust`, the plan maximises the mean or the 10th percentile of the objective across
 * draws of the model's `uncertainty` instead (see `optimizeRobust`).
 *
 * @param model a model returned by `parseModel`
 * @throws {OptimizeError} for invalid options (see `resolveOptions`), channel bounds the model
 *   cannot meet (option `bounds`, naming the channel and the year: `checkBoundsFeasible`), or
 *   (option `robust`) a model whose uncertain settings cannot be drawn
 * @example optimize(model, { phasing: 'yearly', minShare: 0.2, maxShare: 0.8 }).plan
 * @example optimize(channelModel, { phasing: 'flighting', bounds: { TV: { minPerYear: 100000 } } }).channelShareByYear.TV
 * @example optimize(model, { robust: { statistic: 'p10', draws: 1000, seed: 1 } }).robust?.value
 */
export function optimize(model: Model, options: OptimizeOptions = {}): OptimizeResult {
  const settings = resolveOptions(options);
  const { robust } = settings;
  if (robust !== undefined) return optimizeRobust(model, yearlyBudgets(model), { ...settings, robust }, options);
  return optimizeForBudgets(model, yearlyBudgets(model), settings, options);
}
