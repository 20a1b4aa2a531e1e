import { compileModel } from './sim/compile-model.ts';
import type { Model } from './model/model.ts';
import { channelSpend } from './sim/plan-spend.ts';
import { runModel } from './sim/run-model.ts';
import { spendWith, workspaceFor } from './sim/simulation-workspace.ts';

/** One period after the horizon (T < t ≤ T + k), in the model's currency per period. */
export interface AfterHorizonPoint {
  /** Period number, counting on from the horizon: T + 1 … T + k. */
  t: number;
  /** Contribution of the plan's run minus the zero-spend run's, this period (undiscounted). */
  incrementalContribution: number;
  /** The same, discounted to today: these add up to `Summary.carryoverValue`. */
  discountedIncrementalContribution: number;
  /** Brand equity in the plan's run. */
  equity: number;
  /** Brand equity in the zero-spend run: what the brand would be had nothing been spent. */
  equityWithoutSpend: number;
}

/**
 * What the plan keeps earning after the horizon, period by period: the carryover years of spec
 * §6, which the summary adds up into `carryoverValue`.
 *
 * Runs the plan and the zero-spend counterfactual over T + k periods exactly as `simulate` does
 * for its summary (the same compiled model, spend layout, workspace and kernel, so the spend
 * after the horizon is the model's own: nothing by default, the history's spend with
 * `economics.carryoverBaseline` "history"), and reports each carryover period's incremental
 * contribution and both runs' brand equity. Summed in period order, the discounted increments
 * are `simulate(model).summary.carryoverValue` (tests/engine/after-horizon.test.ts checks 1e-9).
 *
 * Cost: two runs, O((T + k) · L). Empty when the model has no carryover years.
 *
 * @param model a model returned by `parseModel`
 * @example afterHorizon(model).reduce((sum, p) => sum + p.discountedIncrementalContribution, 0) // = carryoverValue
 */
export function afterHorizon(model: Model): AfterHorizonPoint[] {
  const compiled = compileModel(model);
  const { periods, carryoverPeriods, discountFactor } = compiled;
  if (carryoverPeriods === 0) return [];
  const extended = periods + carryoverPeriods;
  const work = workspaceFor(compiled, channelSpend(model));
  runModel(compiled, spendWith(compiled, work, () => false), extended, work.plannedRun);
  runModel(compiled, spendWith(compiled, work, () => true), extended, work.noSpendRun);
  const points: AfterHorizonPoint[] = new Array(carryoverPeriods);
  for (let index = periods; index < extended; index += 1) {
    const incremental = work.plannedRun.contribution[index] - work.noSpendRun.contribution[index];
    points[index - periods] = {
      t: index + 1,
      incrementalContribution: incremental,
      discountedIncrementalContribution: incremental * discountFactor[index],
      equity: work.plannedRun.equity[index],
      equityWithoutSpend: work.noSpendRun.equity[index],
    };
  }
  return points;
}
