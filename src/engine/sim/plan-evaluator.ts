import { type CompiledModel, compileModel } from './compile-model.ts';
import type { Model } from '../model/model.ts';
import type { SummaryFigures } from './results.ts';
import { createRunTrace, downstreamFor, runTwoLeverModel, upstreamWithHistory } from './run-model.ts';
import { summarise } from './summarise.ts';

/** Scores many spend plans for one model, fast: for the trade-off curve and the optimisers. */
export interface PlanEvaluator {
  readonly model: CompiledModel;
  /** T: the plan's length in periods. */
  readonly periods: number;
  /**
   * The key figures for spend per period over the horizon (index t − 1), identical to
   * `simulate(modelWithThatPlan).summary`. Reuses its buffers: one run of the equations per call.
   */
  evaluate(upstream: Float64Array, downstream: Float64Array): SummaryFigures;
}

/**
 * Prepares a model for scoring plans. The zero-spend counterfactual does not depend on the plan,
 * so it runs once here; each `evaluate` then runs the equations once, where `simulate` runs them
 * four times (it also decomposes revenue) and builds per-period objects.
 */
export function createPlanEvaluator(model: Model): PlanEvaluator {
  const compiled = compileModel(model);
  const periods = compiled.periods;
  const extended = periods + compiled.carryoverPeriods;
  const noSpend = createRunTrace(extended);
  runTwoLeverModel(compiled, upstreamWithHistory(compiled, null, extended), downstreamFor(null, extended), extended, noSpend);

  const upstreamBuffer = upstreamWithHistory(compiled, null, extended);
  const downstreamBuffer = downstreamFor(null, extended);
  const planned = createRunTrace(extended);
  const lagWindow = compiled.lagWindow;

  return {
    model: compiled,
    periods,
    evaluate(upstream, downstream) {
      if (upstream.length !== periods || downstream.length !== periods) {
        throw new RangeError(`a plan needs ${periods} periods of spend on each side, got ${upstream.length} and ${downstream.length}`);
      }
      upstreamBuffer.set(upstream, lagWindow);
      downstreamBuffer.set(downstream);
      runTwoLeverModel(compiled, upstreamBuffer, downstreamBuffer, extended, planned);
      return summarise(compiled, upstream, downstream, planned, noSpend);
    },
  };
}
