import type { ChannelPlan, Plan } from '../model/model.ts';
import type { SummaryFigures } from '../sim/results.ts';
import type { ObjectiveName } from '../sim/objectives.ts';
import type { PhasingName, RobustSettings } from './optimize-options.ts';
import type { PlanNote } from './plan-notes.ts';
import type { Smoothing } from './smoothest-plan.ts';

/**
 * Spend per period, t = 1 … T, in the model file's form, so `{ ...model, plan }` is a valid
 * model: `{ upstream, downstream }` for a two-lever model, channel name → spend for a channel model.
 */
export type OptimizedPlan = Plan | ChannelPlan;

/** What `optimize` found. Every figure is the engine's, for the plan in `plan`. */
export interface OptimizeResult {
  objective: ObjectiveName;
  phasing: PhasingName;
  /**
   * The objective for `plan`: `simulate({ ...model, plan }).summary[objective]`, exactly.
   */
  value: number;
  /** The best plan found; it spends each year's budget exactly and keeps to every bound. */
  plan: OptimizedPlan;
  /** The budget each year, as the plan spends it. */
  budgetPerYear: number[];
  /** Each year's upstream spend over its total spend; null for a year with no budget. */
  upstreamShareByYear: (number | null)[];
  /**
   * Channel name → its share of its side's spend in each year (null for a year in which the
   * side spends nothing). A two-lever model's channels, `upstream` and `downstream`, have 1.
   */
  channelShareByYear: Record<string, (number | null)[]>;
  /** Side totals of `plan` per period (for either form). */
  sides: { upstream: number[]; downstream: number[] };
  /** The key figures of `plan`. */
  summary: SummaryFigures;
  /** The model's own plan, for comparison. */
  current: { value: number; summary: SummaryFigures };
  /**
   * Runs of the model's equations used, the cost measure of the optimiser: scoring a plan is
   * one run (as `createPlanEvaluator().evaluate` costs; `simulate` costs four), and a gradient
   * is counted as one more run (its reverse pass costs about as much as a forward run).
   */
  evaluations: number;
  /**
   * False when a search stopped on its iteration limit while its value was still rising by more
   * than 1e-7 of the money at stake per 20 iterations (on the presets such a plan is within
   * 0.005 % of a long many-start run), or was cancelled.
   */
  converged: boolean;
  /** True when `shouldStop` stopped the search; `plan` is then the best found so far. */
  cancelled: boolean;
  /**
   * What a planner should know about the plan: a smoother plan chosen, brand spend stopping
   * before the end under an objective without carryover, spending less paying better.
   * Word them with `describePlanNote`.
   */
  notes: PlanNote[];
  /**
   * Present when the smoothest plan within the tolerance was returned instead of the best found
   * (`period` and `flighting` without `exactBest`): both values, the tolerance and the roughness.
   */
  smoothing?: Smoothing;
  /**
   * Present with the `robust` option: the statistic maximised across draws. `value` and
   * `summary` stay the plan's figures at the central settings, for context.
   */
  robust?: RobustOutcome;
}

/** What a robust (risk-averse) optimisation maximised and reached, on its fixed set of draws. */
export interface RobustOutcome extends RobustSettings {
  /** The statistic (mean or 10th percentile) of the objective across the draws, for `plan`. */
  value: number;
  /** The same statistic for the model's own plan. */
  current: number;
  /**
   * The plan that is best at the central settings (what `optimize` gives without `robust`):
   * its statistic on the same draws, and its objective at the central settings.
   */
  centralOptimum: { value: number; centralValue: number };
}
