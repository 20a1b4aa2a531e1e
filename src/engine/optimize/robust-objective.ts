import type { CompiledModel } from '../sim/compile-model.ts';
import type { Model } from '../model/model.ts';
import { fastRun } from '../sim/fast-run.ts';
import { objectiveFromRun, sumSides } from '../sim/objective-from-run.ts';
import type { Objective } from '../sim/objectives.ts';
import type { PlanSpend } from '../sim/plan-spend.ts';
import { type RunTrace, channelHistory, channelSpendBuffers, createRunTrace } from '../sim/run-model.ts';
import { selectPercentiles } from '../uncertainty/select-percentiles.ts';
import { type CompiledDraws, compileDraws } from './compiled-draws.ts';
import type { RobustSettings } from './optimize-options.ts';

/** An objective scored across a fixed set of draws of the model's uncertain settings. */
export interface RobustObjective {
  readonly draws: number;
  /**
   * The objective in each draw for a plan (channel rows, upstream channels first, index t − 1),
   * into `out` (length `draws`): draw d's value is `monteCarlo`'s for the same plan and seed (the
   * same runs, summed by the same `objectiveFromRun`), which agrees with `simulate` of the model
   * with draw d's values to about 1e-13 relative. One run of the equations per draw.
   */
  valuesPerDraw(spend: readonly Float64Array[], out: Float64Array): void;
  /** The chosen statistic (mean or 10th percentile) of `valuesPerDraw`. */
  value(spend: readonly Float64Array[]): number;
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
 * carryover for `npvWithCarryover`, and the objective from it by `objectiveFromRun` (the
 * summary's own sums); the zero-spend counterfactual does not depend on the plan, so its
 * carryover contribution is computed once per draw here.
 *
 * The statistic: the mean x₀ + Σ(xᵢ − x₀)/n, or the 10th percentile (R's type 7, by
 * `selectPercentiles`), both as `figureStatistics` computes them for `montecarlo`.
 *
 * Cost: set-up, `draws` recompiles and (for npvWithCarryover) zero-spend runs; then `draws` runs
 * per plan scored. Memory: per draw the rebuilt arrays and k carryover values, about 2 KB for 5
 * years monthly.
 *
 * @param compiled the draws, when the caller already has them (they must be `robust`'s draws and seed)
 * @throws {OptimizeError} (option `robust`) when a setting cannot be drawn within its range
 *   (see `checkDrawable`)
 * @example createRobustObjective(model, OBJECTIVES.npv, { statistic: 'p10', draws: 1000, seed: 1 }).value(spend)
 */
export function createRobustObjective(
  model: Model, objective: Objective, robust: RobustSettings, compiled: CompiledDraws = compileDraws(model, robust.draws, robust.seed),
): RobustObjective {
  const { draws, statistic } = robust;
  const base = compiled.models[0];
  const { periods, lagWindow, carryoverPeriods, channelCount } = base;
  const length = objective.includesCarryover ? periods + carryoverPeriods : periods;
  const trace: RunTrace = createRunTrace(length);
  const buffers = channelSpendBuffers(base, null, length);

  // The zero-spend run's carryover contribution, once per draw.
  const noSpendCarryover = new Float64Array(draws * carryoverPeriods);
  let runs = 0;
  if (objective.includesCarryover) {
    const noSpend = channelSpendBuffers(base, null, length);
    for (let draw = 0; draw < draws; draw += 1) {
      const drawModel = compiled.models[draw];
      fillHistory(drawModel, noSpend);
      for (const buffer of noSpend) buffer.fill(0, lagWindow);
      fastRun(drawModel, compiled.powers[draw], noSpend, length, -1, trace);
      noSpendCarryover.set(trace.contribution.subarray(periods, length), draw * carryoverPeriods);
      runs += 1;
    }
  }

  const totals: PlanSpend = { upstream: new Float64Array(periods), downstream: new Float64Array(periods) };
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

  const valuesPerDraw = (spend: readonly Float64Array[], out: Float64Array) => {
    sumSides(base, spend, totals);
    for (let draw = 0; draw < draws; draw += 1) {
      const drawModel = compiled.models[draw];
      fillHistory(drawModel, buffers);
      for (let channel = 0; channel < channelCount; channel += 1) {
        buffers[channel].set(spend[channel].subarray(0, periods), lagWindow);
        buffers[channel].fill(0, lagWindow + periods);
      }
      fastRun(drawModel, compiled.powers[draw], buffers, length, periods - 1, trace);
      out[draw] = objectiveFromRun(drawModel, objective, totals, trace, noSpendCarryover, draw * carryoverPeriods);
    }
    runs += draws;
  };

  return {
    draws,
    valuesPerDraw,
    value(spend) {
      valuesPerDraw(spend, perDraw);
      return statisticOf(perDraw);
    },
    statisticOf,
    get runs() { return runs; },
  };
}

/** Each channel's history per period (this draw's) in the lag window of its buffer. */
function fillHistory(model: CompiledModel, buffers: Float64Array[]): void {
  for (let channel = 0; channel < model.channelCount; channel += 1) buffers[channel].fill(channelHistory(model, channel), 0, model.lagWindow);
}
