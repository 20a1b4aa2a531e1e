import type { CompiledModel } from '../sim/compile-model.ts';
import { createObjectiveGradient } from '../sim/objective-gradient.ts';
import type { Objective } from '../sim/objectives.ts';

/**
 * An objective over a plan given as channel rows (one row per channel, upstream channels first,
 * index t − 1) with its gradient, counted in runs: what a `PlanSpace` searches, whether it is
 * the objective at the model's settings or a statistic across draws.
 */
export interface RowsObjective {
  /** The objective for a plan; one run of the equations; remembers the plan for `gradient`. */
  value(spend: readonly Float64Array[]): number;
  /** ∂objective/∂spend of each channel and period at the plan last scored, into `out` (rows as `spend`). */
  gradient(out: Float64Array[]): void;
  /** Runs of the equations so far (a value is one, a gradient is counted as one more). */
  readonly runs: number;
}

/**
 * The objective at the model's own settings (the engine's adjoint, `createObjectiveGradient`),
 * counting a value or a gradient as one run each.
 */
export function createRowsObjective(model: CompiledModel, objective: Objective): RowsObjective {
  const adjoint = createObjectiveGradient(model, objective);
  let runs = 1; // the zero-spend run inside createObjectiveGradient
  return {
    value(spend) {
      runs += 1;
      return adjoint.value(spend);
    },
    gradient(out) {
      runs += 1;
      adjoint.gradient(out);
    },
    get runs() { return runs; },
  };
}
