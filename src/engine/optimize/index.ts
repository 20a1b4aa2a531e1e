/**
 * Optimisers: the engine's callers that search for the best plan (the split, its phasing over
 * years and periods, the budget). Pure, no DOM: the app runs them in a Web Worker.
 */
export { OptimizeError } from './optimize-error.ts';
export { OBJECTIVES, OBJECTIVE_NAMES, objectiveByName, type Objective, type ObjectiveName } from '../sim/objectives.ts';
export {
  DEFAULT_ROBUST_DRAWS, DEFAULT_ROBUST_SEED, DEFAULT_SMOOTH_TOLERANCE, MAX_ROBUST_DRAWS, MAX_ROBUST_GRADIENT_DRAWS, PHASING_NAMES, ROBUST_STATISTICS, resolveOptions,
  type OptimizeOptions, type OptimizeSettings, type PhasingName, type RobustOptions, type RobustSettings, type RobustStatistic,
} from './optimize-options.ts';
export { PHASINGS } from './phasings/index.ts';
export { optimize, type OptimizeResult, type OptimizedPlan, type RobustOutcome } from './optimize.ts';
export { createRobustObjective, type RobustObjective } from './robust-objective.ts';
export { checkBoundsFeasible, planChannels, type PlanChannel } from './channel-bounds.ts';
export { createObjectiveGradient, type ObjectiveGradient } from '../sim/objective-gradient.ts';
export { budgetForTargetRoi, type TargetRoiOptions, type TargetRoiResult } from './budget-for-target-roi.ts';
export { MAX_FRONTIER_STEPS, budgetFrontier, type Frontier, type FrontierOptions, type FrontierPoint } from './budget-frontier.ts';
export { averageBudgetPerYear, scaledBudgets } from './scaled-budgets.ts';
export { describePlanNote, marginalRoiOfPlan, type NoteFormats, type PlanNote } from './plan-notes.ts';
export { planRoughness, rowsRoughness, turningPoints } from './plan-roughness.ts';
export type { Smoothing } from './smoothest-plan.ts';
