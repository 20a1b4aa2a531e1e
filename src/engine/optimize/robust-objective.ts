import type { CompiledModel } from '../sim/compile-model.ts';
import type { Model } from '../model/model.ts';
import { type RunTrace, createRunTrace, downstreamFor, upstreamWithHistory } from '../sim/run-model.ts';
import { fastRun } from '../sim/fast-run.ts';
import { selectPercentiles } from '../uncertainty/select-percentiles.ts';
import { type CompiledDraws, compileDraws } from './compiled-draws.ts';
import type { Objective } from '../sim/objectives.ts';
import type { RobustSettings } from './optimize-options.ts';

/** An objective scored across a fixed set of draws of the model's uncertain settings. */
export interface RobustObjective {
  readonly draws: number;
  /**
   * The objective in each draw for a plan (index t − 1), into `out` (length `draws`): draw d's
   * value is `monteCarlo`'s for the same plan and seed (the same runs, summed in the same order),
   * which agrees with `simulate` of the model with draw d's values to about 1e-13 relative.
   * One run of the equations per draw.
   */
  valuesPerDraw(upstream: Float64Array, downstream: Float64Array, out: Float64Array): void;
  /** The chosen statistic (mean or 10th percentile) of `valuesPerDraw`. */
  value(upstream: Float64Array, downstream: Float64Array): number;
  /** The chosen statistic of values per draw (length `draws`), as `value` computes it. */
  statisticOf(values: Float64Array): number;
  /** Runs of the equations so far, the zero-spend runs of the set-up included. */
  readonly runs: number;
}

/** 0.1 for p10, the only percentile a robust plan maximises. */
const P10 = [0.1];

/**
 * Scores plans on a fixed set of draws (`compileDraws`), so every plan meets the same draws
 * (common random numbers: the difference between two plans is not blurred by different luck).
 *
 * Per plan and draw, one `fastRun` (the Monte Carlo loop) over the horizon, continued over the
 * carryover for `npvWithCarryover`; the zero-spend counterfactual does not depend on the plan,
 * so its carryover contribution is computed once per draw here.
 *
 * The statistic: the mean x₀ + Σ(xᵢ − x₀)/n, or the 10th percentile (R's type 7, by
 * `selectPercentiles`), both as `figureStatistics` computes them for `montecarlo`.
 *
 * Cost: set-up, `draws` recompiles and (for npvWithCarryover) zero-spend runs; then `draws` runs
 * per plan scored. Memory: per draw the rebuilt arrays (demand, discount, lag weights; only
 * those an uncertain setting changes) and k carryover values, about 2 KB for 5 years monthly.
 *
 * @param compiled the draws, when the caller already has them (they must be `robust`'s draws and seed)
 * @throws {OptimizeError} (option `robust`) when a setting cannot be drawn within its range
 *   (see `checkDrawable`)
 * @example createRobustObjective(model, OBJECTIVES.npv, { statistic: 'p10', draws: 1000, seed: 1 }).value(upstream, downstream)
 */
export function createRobustObjective(
  model: Model, objective: Objective, robust: RobustSettings, compiled: CompiledDraws = compileDraws(model, robust.draws, robust.seed),
): RobustObjective {
  const { draws, statistic } = robust;
  const base = compiled.models[0];
  const { periods, lagWindow, carryoverPeriods } = base;
  const length = objective.includesCarryover ? periods + carryoverPeriods : periods;

  // The zero-spend run's carryover contribution, once per draw.
  const noSpendCarryover = new Float64Array(draws * carryoverPeriods);
  const noSpendUpstream = upstreamWithHistory(base, null, length);
  const noSpendDownstream = downstreamFor(null, length);
  const noSpendTrace = createRunTrace(length);
  let runs = 0;
  if (objective.includesCarryover) {
    for (let draw = 0; draw < draws; draw += 1) {
      const drawModel = compiled.models[draw];
      noSpendUpstream.fill(drawModel.historyUpstream, 0, lagWindow);
      fastRun(drawModel, compiled.powers[draw], noSpendUpstream, noSpendDownstream, length, lagWindow - 1, -1, noSpendTrace);
      noSpendCarryover.set(noSpendTrace.contribution.subarray(periods, length), draw * carryoverPeriods);
      runs += 1;
    }
  }

  const upstreamBuffer = upstreamWithHistory(base, null, length);
  const downstreamBuffer = downstreamFor(null, length);
  const trace: RunTrace = createRunTrace(length);
  const perDraw = new Float64Array(draws);
  const percentile = new Float64Array(1);

  const statisticOf = (values: Float64Array) => {
    if (statistic === 'mean') {
      const first = values[0];
      let shift = 0;
      for (let draw = 0; draw < draws; draw += 1) shift += values[draw] - first;
      return first + shift / draws;
    }
    selectPercentiles(values, draws, P10, percentile);
    return percentile[0];
  };

  const valuesPerDraw = (upstream: Float64Array, downstream: Float64Array, out: Float64Array) => {
    upstreamBuffer.set(upstream.subarray(0, periods), lagWindow);
    downstreamBuffer.set(downstream.subarray(0, periods));
    for (let draw = 0; draw < draws; draw += 1) {
      const drawModel = compiled.models[draw];
      upstreamBuffer.fill(drawModel.historyUpstream, 0, lagWindow);
      fastRun(drawModel, compiled.powers[draw], upstreamBuffer, downstreamBuffer, length, periods + lagWindow - 1, periods - 1, trace);
      out[draw] = objectiveOf(objective, drawModel, upstream, downstream, trace, noSpendCarryover, draw * carryoverPeriods);
    }
    runs += draws;
  };

  return {
    draws,
    valuesPerDraw,
    value(upstream, downstream) {
      valuesPerDraw(upstream, downstream, perDraw);
      return statisticOf(perDraw);
    },
    statisticOf,
    get runs() { return runs; },
  };
}

/** The objective from one run, summed as `summarise` sums it. */
function objectiveOf(
  objective: Objective, compiled: CompiledModel, upstream: Float64Array, downstream: Float64Array,
  trace: RunTrace, noSpendCarryover: Float64Array, carryoverStart: number,
): number {
  const { periods, discountFactor } = compiled;
  if (!objective.discounted) {
    let totalRevenue = 0;
    for (let index = 0; index < periods; index += 1) totalRevenue += trace.revenue[index];
    return totalRevenue;
  }
  let npv = 0;
  for (let index = 0; index < periods; index += 1) {
    npv += (trace.contribution[index] - upstream[index] - downstream[index]) * discountFactor[index];
  }
  if (!objective.includesCarryover) return npv;
  let carryoverValue = 0;
  for (let index = periods; index < periods + compiled.carryoverPeriods; index += 1) {
    carryoverValue += (trace.contribution[index] - noSpendCarryover[carryoverStart + index - periods]) * discountFactor[index];
  }
  return npv + carryoverValue;
}
