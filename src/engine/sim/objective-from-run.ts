import type { CompiledModel } from './compile-model.ts';
import type { Objective } from './objectives.ts';
import { type PlanSpend, addSideTotals } from './plan-spend.ts';
import type { RunTrace } from './run-model.ts';

/**
 * The objectives from a run of the equations, written once: the summary (`summarise`), the
 * adjoint's value (`createObjectiveGradient`) and the robust search (`createRobustObjective`)
 * all compute their figures with these functions, so a plan scores the same to the last bit
 * whichever of them scores it (tests/engine/objective-gradient.test.ts checks it).
 *
 * Each sums over periods in time order, as the spec writes the sums (§5–§6).
 */

/**
 * npv = Σ_{t ≤ T} (Cₜ − Uₜ − Dₜ) · (1 + r)^(−t/P) (spec §5), with Uₜ and Dₜ the side totals (§9.2).
 * @param upstream, downstream side totals of spend per period over the horizon (index t − 1)
 * @param contribution the planned run's contribution per period (at least T entries)
 */
export function discountedProfit(model: CompiledModel, upstream: Float64Array, downstream: Float64Array, contribution: Float64Array): number {
  const { periods, discountFactor } = model;
  let npv = 0;
  for (let index = 0; index < periods; index += 1) {
    npv += (contribution[index] - upstream[index] - downstream[index]) * discountFactor[index];
  }
  return npv;
}

/**
 * carryoverValue = Σ_{T < t ≤ T + k} (Cₜ − C⁰ₜ) · (1 + r)^(−t/P) (spec §6): what the plan's
 * spend still earns after the horizon, above the zero-spend run.
 * @param contribution the planned run's contribution per period (T + k entries)
 * @param noSpendCarryover the zero-spend run's contribution after the horizon: entry
 *   `carryoverStart + (t − T − 1)` is C⁰ₜ. A whole zero-spend run passes its contribution with
 *   `carryoverStart` = T; a store of many draws' carryovers passes the draw's offset.
 */
export function carryoverValue(model: CompiledModel, contribution: Float64Array, noSpendCarryover: Float64Array, carryoverStart: number): number {
  const { periods, carryoverPeriods, discountFactor } = model;
  const shift = carryoverStart - periods;
  let value = 0;
  for (let index = periods; index < periods + carryoverPeriods; index += 1) {
    value += (contribution[index] - noSpendCarryover[shift + index]) * discountFactor[index];
  }
  return value;
}

/** totalRevenue = Σ_{t ≤ T} Rₜ (spec §5). */
export function horizonRevenue(model: CompiledModel, revenue: Float64Array): number {
  const { periods } = model;
  let total = 0;
  for (let index = 0; index < periods; index += 1) total += revenue[index];
  return total;
}

/**
 * An objective (`OBJECTIVES`) of one planned run: npv, npv + carryoverValue, or totalRevenue,
 * each the summary's own number for that plan.
 *
 * @param spend side totals of spend per period over the horizon (`sumSides`, `addSideTotals`)
 * @param planned the planned run, continued over the carryover periods when the objective counts them
 * @param noSpendCarryover, carryoverStart the zero-spend run's contribution after the horizon,
 *   as `carryoverValue` takes it (read only when the objective counts the carryover)
 * @example objectiveFromRun(compiled, OBJECTIVES.npv, totals, trace, noSpend.contribution, compiled.periods)
 */
export function objectiveFromRun(
  model: CompiledModel, objective: Objective, spend: PlanSpend, planned: RunTrace,
  noSpendCarryover: Float64Array, carryoverStart: number,
): number {
  if (!objective.spendIsCost) return horizonRevenue(model, planned.revenue);
  const npv = discountedProfit(model, spend.upstream, spend.downstream, planned.contribution);
  if (!objective.includesCarryover) return npv;
  return npv + carryoverValue(model, planned.contribution, noSpendCarryover, carryoverStart);
}

/** `addSideTotals` for a compiled model's channels over its horizon. */
export function sumSides(model: CompiledModel, spend: readonly Float64Array[], out: PlanSpend): void {
  addSideTotals(model.upstreamChannels.length, model.periods, spend, out);
}
