import type { Model } from '../model/model.ts';
import { type MonteCarloOptions, checkMonteCarloOptions } from './monte-carlo-options.ts';
import { mergeMonteCarloParts, runMonteCarloPart } from './monte-carlo-parts.ts';
import type { MonteCarloResult, MonteCarloRun } from './monte-carlo-result.ts';

// The result types have a module of their own, which the worker parts and the figures use too.
export type { ChannelValueStatistics, MonteCarloResult, MonteCarloRun, MonteCarloSummary } from './monte-carlo-result.ts';

/**
 * Monte Carlo over the model's `uncertainty`: in each draw every uncertain setting takes a
 * value from its distribution (truncated to the field's valid range by redrawing), the plan is
 * simulated with those values, and the key figures and per-period series are recorded.
 *
 * Draw d's value of a field depends only on (seed, d, field path), so the same seed gives the
 * same result, and models that share an uncertain field share its values draw by draw (common
 * random numbers; see `compareMonteCarlo`). A model without `uncertainty`, or whose ranges all
 * have zero spread, gives its deterministic figures as every statistic.
 *
 * Cost: two runs of the equations per draw (about 5 µs for 5 years monthly, with drawing the
 * values and recording the figures about 8 µs), plus percentiles by selection, not sorting:
 * O(N (T + k) L'), L' the lags whose weights count (a handful, however long the window; see
 * `fillKeptLagWeights`). `createRunTimeEstimator` says how long a run will take, from `onProgress`.
 * Memory: 11 + Y doubles per draw, plus 3T per banded draw (at most 2,000 by default).
 *
 * @param model a model returned by `parseModel`
 * @param onProgress called every 250 draws with the number of draws done (and once at the end)
 * @throws {UncertaintyError} for invalid options, or when a field finds no valid value
 * @example monteCarlo(model, { draws: 10000, seed: 1 }).summary.npv.p10
 */
export function monteCarlo(model: Model, options: MonteCarloOptions, onProgress?: (done: number) => void): MonteCarloResult {
  return runMonteCarlo(model, options, onProgress).result;
}

/** `monteCarlo`, also returning each draw's incremental and total NPV, with and without carryover. */
export function runMonteCarlo(model: Model, options: MonteCarloOptions, onProgress?: (done: number) => void): MonteCarloRun {
  const { draws, seed, bandDraws, channelValues } = checkMonteCarloOptions(options);
  // One part covering every draw: the Web Workers' parts merge into exactly this.
  const whole = runMonteCarloPart(model, {
    draws, seed, bandDraws, channelValues, start: 0, end: draws, onProgress: onProgress && ((fraction) => onProgress(Math.round(fraction * draws))),
  });
  return mergeMonteCarloParts(model, [whole], { draws, seed });
}
