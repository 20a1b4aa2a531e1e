import { type CompiledModel, compileModel } from './compile-model.ts';
import type { Model } from '../model/model.ts';
import { sumSides } from './objective-from-run.ts';
import type { PlanSpend } from './plan-spend.ts';
import type { SummaryFigures } from './results.ts';
import { channelSpendBuffers, createRunTrace, runModel } from './run-model.ts';
import { summarise } from './summarise.ts';

/** Scores many spend plans for one model, fast: for the trade-off curve and the optimisers. */
export interface PlanEvaluator {
  readonly model: CompiledModel;
  /** T: the plan's length in periods. */
  readonly periods: number;
  /**
   * The key figures for a plan: spend per channel and period, one row per channel (upstream
   * channels first, each side in file order, as `channelSpend`), index t − 1, T entries each.
   * Identical to `simulate(modelWithThatPlan).summary` without its `channels`. Reuses its
   * buffers: one run of the equations per call.
   * @throws {RangeError} when the plan does not have one row of T periods per channel
   */
  evaluate(spend: readonly Float64Array[]): SummaryFigures;
}

/**
 * Prepares a model for scoring plans. The zero-spend counterfactual does not depend on the plan,
 * so it runs once here; each `evaluate` then runs the equations once (`runModel`), where
 * `simulate` also runs the side and channel counterfactuals and builds per-period objects.
 */
export function createPlanEvaluator(model: Model): PlanEvaluator {
  const compiled = compileModel(model);
  const { periods, lagWindow, channelCount } = compiled;
  const extended = periods + compiled.carryoverPeriods;
  const noSpend = createRunTrace(extended);
  runModel(compiled, channelSpendBuffers(compiled, null, extended), extended, noSpend);

  const buffers = channelSpendBuffers(compiled, null, extended);
  const planned = createRunTrace(extended);
  const totals: PlanSpend = { upstream: new Float64Array(periods), downstream: new Float64Array(periods) };

  return {
    model: compiled,
    periods,
    evaluate(spend) {
      checkPlanShape(compiled, spend);
      for (let channel = 0; channel < channelCount; channel += 1) buffers[channel].set(spend[channel], lagWindow);
      runModel(compiled, buffers, extended, planned);
      sumSides(compiled, spend, totals);
      return summarise(compiled, totals.upstream, totals.downstream, planned, noSpend);
    },
  };
}

/**
 * Throws unless `spend` has one row of exactly T periods per channel of the model.
 * @throws {RangeError} naming the expected and the given shape
 */
export function checkPlanShape(model: CompiledModel, spend: readonly Float64Array[]): void {
  const { periods, channelCount } = model;
  let fits = spend.length === channelCount;
  for (let channel = 0; fits && channel < channelCount; channel += 1) fits = spend[channel].length === periods;
  if (!fits) {
    throw new RangeError(
      `a plan needs ${periods} periods of spend for each of ${channelCount} channels, got ${spend.length} rows of ${spend.map((row) => row.length).join(', ')} periods`,
    );
  }
}
