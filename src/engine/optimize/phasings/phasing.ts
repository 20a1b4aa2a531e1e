import type { PhasingName } from '../optimize-options.ts';
import type { AscentSettings } from '../projected-gradient-ascent.ts';
import type { PlanSpace } from '../plan-space.ts';

/** A plan a phasing found: spend per channel and period (rows as `PlanSpace`'s) and its objective value. */
export interface PhasingOutcome {
  spend: Float64Array[];
  value: number;
  /** False when the search hit its iteration limit or was stopped before its value settled. */
  converged: boolean;
  cancelled: boolean;
}

/** Progress and cancellation, passed through to the search loops. */
export interface SearchControl {
  shouldStop?: () => boolean;
  onProgress?: (fraction: number) => void;
}

/** A way of letting the plan vary over time, and how to search for its best plan. */
export interface Phasing {
  name: PhasingName;
  /** One line for help texts and the app. */
  description: string;
  /**
   * The coarser phasing whose best plan this one starts from (every plan of that phasing is
   * also a plan of this one, so the finer search can only improve on it), or null.
   */
  refines: PhasingName | null;
  /**
   * The best plan found. Never worse than `start` (the refined phasing's best), which the
   * search begins from.
   */
  search(space: PlanSpace, start: PhasingOutcome | null, control: SearchControl): PhasingOutcome;
}

/**
 * The projected-gradient settings all gradient phasings use. Tuned on the default model and
 * the presets (see docs/optimiser.md): relative tolerance 1e-10 of the money at stake
 * (`space.tolerance`; looser for a robust search)
 * over 20 iterations without progress, at most 1000 iterations; `effort` scales both. At the
 * limit, a search whose value rose by less than 1e-7 of the money at stake over its last 20
 * iterations still counts as converged (the bench shows such a result within 2e-6 of a run
 * 10 times longer).
 */
export function ascentSettings(space: PlanSpace, value: number, control: SearchControl): AscentSettings {
  const effort = space.settings.effort;
  return {
    maxIterations: Math.round(1000 * effort),
    tolerance: space.tolerance / effort,
    scale: Math.abs(value) + space.totalBudget,
    patience: Math.round(20 * effort),
    settledTolerance: 1e-7,
    shouldStop: control.shouldStop,
    onProgress: control.onProgress,
  };
}
