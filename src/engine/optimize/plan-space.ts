import type { CompiledModel } from '../sim/compile-model.ts';
import { type CountedObjectiveGradient, createObjectiveGradient } from '../sim/objective-gradient.ts';
import type { OptimizeSettings } from './optimize-options.ts';

/**
 * Everything a phasing needs to search for a plan: the model's periods and years, each year's
 * budget, the bounds, and the objective with its gradient, each run counted.
 */
export interface PlanSpace {
  settings: OptimizeSettings;
  periodsPerYear: number;
  years: number;
  /** T = years · periodsPerYear. */
  periods: number;
  /** The budget of each year. */
  budgets: readonly number[];
  /** Each period's share of its year's budget if spread evenly: budget / periodsPerYear. */
  averagePeriodBudget: Float64Array;
  /** Σ budgets: the money scale of the problem (stopping tolerances are relative to it). */
  totalBudget: number;
  /** The objective for a plan (index t − 1); one run of the equations. */
  value(upstream: Float64Array, downstream: Float64Array): number;
  /** ∂objective/∂Uₜ, ∂objective/∂Dₜ at the plan last scored; about one run. */
  gradient(upstreamOut: Float64Array, downstreamOut: Float64Array): void;
  /** Runs of the equations so far (a value is one, a gradient is counted as one more). */
  readonly runs: number;
  /**
   * How closely a search must settle, relative to the money at stake: 1e-10 for the objective
   * itself; looser for a statistic across draws, whose own sampling error is far larger.
   */
  tolerance: number;
}

/**
 * Sets up the search space for a compiled model with the given yearly budgets.
 * @param budgets one per year of the model's horizon, each ≥ 0
 * @param objective what to maximise: by default `settings.objective` at the model's own
 *   settings; a robust search gives a statistic across draws instead
 * @param tolerance see `PlanSpace.tolerance`
 */
export function createPlanSpace(
  model: CompiledModel, budgets: readonly number[], settings: OptimizeSettings,
  objective: CountedObjectiveGradient = countedObjectiveGradient(model, settings),
  tolerance = 1e-10,
): PlanSpace {
  const { periodsPerYear, periods } = model;
  const years = periods / periodsPerYear;
  if (budgets.length !== years) throw new RangeError(`need ${years} yearly budgets, got ${budgets.length}`);
  const averagePeriodBudget = new Float64Array(periods);
  for (let index = 0; index < periods; index += 1) averagePeriodBudget[index] = budgets[Math.floor(index / periodsPerYear)] / periodsPerYear;
  return {
    settings,
    periodsPerYear,
    years,
    periods,
    budgets,
    averagePeriodBudget,
    totalBudget: budgets.reduce((sum, budget) => sum + budget, 0),
    value: (upstream, downstream) => objective.value(upstream, downstream),
    gradient: (upstreamOut, downstreamOut) => objective.gradient(upstreamOut, downstreamOut),
    get runs() { return objective.runs; },
    tolerance,
  };
}

/** The objective at the model's own settings, counting a value or a gradient as one run each. */
function countedObjectiveGradient(model: CompiledModel, settings: OptimizeSettings): CountedObjectiveGradient {
  const objective = createObjectiveGradient(model, settings.objective);
  let runs = 1; // the zero-spend run inside createObjectiveGradient
  return {
    periods: objective.periods,
    value(upstream, downstream) {
      runs += 1;
      return objective.value(upstream, downstream);
    },
    gradient(upstreamOut, downstreamOut) {
      runs += 1;
      objective.gradient(upstreamOut, downstreamOut);
    },
    get runs() { return runs; },
  };
}
