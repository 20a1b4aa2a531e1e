import { compileModel } from '../compile-model.ts';
import type { Model } from '../model.ts';
import { createPlanEvaluator } from '../plan-evaluator.ts';
import { planSpend } from '../plan-spend.ts';
import type { Summary } from '../results.ts';
import { yearlyBudgets } from '../tradeoff-curve.ts';
import type { ObjectiveName } from './objectives.ts';
import {
  type OptimizeOptions, type OptimizeSettings, type PhasingName, type RobustSettings, resolveOptions,
} from './optimize-options.ts';
import { optimizeRobust } from './optimize-robust.ts';
import { type PhasingOutcome, phasingChain } from './phasings/index.ts';
import { OptimizeError } from './optimize-error.ts';
import { searchFlighting } from './phasings/flighting.ts';
import { searchShareSchedule } from './phasings/share-schedule.ts';
import { type PlanNote, notesForPlan } from './plan-notes.ts';
import { createPlanSpace } from './plan-space.ts';
import { searchPracticalPlan } from './practical-plan-search.ts';
import { type PlanSearch, type Smoothing, smoothestWithinTolerance } from './smoothest-plan.ts';

/** Spend per period, t = 1 … T: what a model's `plan` field holds. */
export interface OptimizedPlan {
  upstream: number[];
  downstream: number[];
}

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
  /** The key figures of `plan`. */
  summary: Summary;
  /** The model's own plan, for comparison. */
  current: { value: number; summary: Summary };
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

/**
 * Finds the plan that maximises an objective (`npvWithCarryover` by default) over the model's
 * horizon, keeping each year's budget (from `budget.perYear`, or the yearly totals of a model
 * given as a `plan`) and the bounds in `options`.
 *
 * Phasings, from the coarsest: `constant` (one upstream share), `yearly` (one share per
 * year), `period` (one share per period), `flighting` (spend per period and its split both
 * free). A richer phasing starts from the best plan of the coarser one before it, so it never
 * scores lower. See docs/optimiser.md for the method and its measured accuracy.
 *
 * Cost: `constant` about 140 runs of the equations; `flighting` a few hundred to a few
 * thousand (≈ 50–150 ms for a 5-year monthly model). Cancellation (`shouldStop`) returns the
 * best plan so far with `cancelled: true`; it never throws.
 *
 * With `robust`, the plan maximises the mean or the 10th percentile of the objective across
 * draws of the model's `uncertainty` instead (see `optimizeRobust`).
 *
 * @param model a model returned by `parseModel`
 * @throws {OptimizeError} for invalid options (see `resolveOptions`), or (option `robust`) a
 *   model whose uncertain settings cannot be drawn
 * @example optimize(model, { phasing: 'yearly', minShare: 0.2, maxShare: 0.8 }).plan
 * @example optimize(model, { robust: { statistic: 'p10', draws: 1000, seed: 1 } }).robust?.value
 */
export function optimize(model: Model, options: OptimizeOptions = {}): OptimizeResult {
  const settings = resolveOptions(options);
  const { robust } = settings;
  if (robust !== undefined) return optimizeRobust(model, yearlyBudgets(model), { ...settings, robust }, options);
  return optimizeForBudgets(model, yearlyBudgets(model), settings, options);
}

/**
 * `optimize` with the yearly budgets given instead of read from the model (the frontier and the
 * target-ROI search scale them); `current` is still the model's own plan.
 */
export function optimizeForBudgets(
  model: Model, budgets: readonly number[], settings: OptimizeSettings, control: Pick<OptimizeOptions, 'onProgress' | 'shouldStop'>,
): OptimizeResult {
  const compiled = compileModel(model);
  if (compiled.periodsPerYear % settings.minFlight !== 0) {
    throw new OptimizeError('minFlight', `minFlight ${settings.minFlight} must divide the ${compiled.periodsPerYear} periods in a year (flights start with each year)`);
  }
  const space = createPlanSpace(compiled, budgets, settings);
  const chain = phasingChain(settings.phasing);
  const practical = Number.isFinite(settings.maxStep) || settings.minFlight > 1;
  const smooths = !settings.exactBest && (settings.phasing === 'period' || settings.phasing === 'flighting');
  // The progress bar's stages: each phasing, then the practical limits, then the smoothing.
  const stages = chain.length + (practical ? 1 : 0) + (smooths ? 1 : 0);

  // Progress is passed on in steps of at least 1 %, so a worker does not post a message per iteration.
  let reported = 0;
  const report = (fraction: number) => {
    if (fraction > reported && (fraction >= reported + 0.01 || fraction === 1)) {
      reported = fraction;
      control.onProgress?.(fraction);
    }
  };

  let found: PhasingOutcome | null = null;
  /** The best yearly plan's value: the smoothing keeps most of what the per-period plan adds to it. */
  let yearlyValue = -Infinity;
  let converged = true;
  let cancelled = false;
  for (const [stage, phasing] of chain.entries()) {
    found = phasing.search(space, found, {
      shouldStop: control.shouldStop,
      onProgress: control.onProgress === undefined ? undefined : (fraction) => report((stage + fraction) / stages),
    });
    converged &&= found.converged;
    cancelled = found.cancelled;
    if (phasing.name === 'yearly') yearlyValue = found.value;
    if (cancelled) break;
  }
  if (found === null) throw new Error('a phasing chain is never empty');
  const stageControl = (stage: number) => ({
    shouldStop: control.shouldStop,
    onProgress: control.onProgress === undefined ? undefined : (fraction: number) => report((stage + fraction) / stages),
  });
  const search = planSearchFor(settings, practical);
  if (practical && !cancelled) {
    // The unconstrained best, made executable, starts the search within the limits.
    found = searchPracticalPlan(space, found, stageControl(chain.length));
    converged &&= found.converged;
    cancelled = found.cancelled;
  }
  const notes: PlanNote[] = [];
  let smoothing: Smoothing | undefined;
  if (smooths && !cancelled) {
    const smoothed = smoothestWithinTolerance(space, found, search, smoothingTolerance(settings.smoothTolerance, found.value, yearlyValue), stageControl(stages - 1));
    found = smoothed.plan;
    cancelled = smoothed.cancelled;
    converged &&= !cancelled;
    if (smoothed.plan.value !== smoothed.smoothing.bestValue || smoothed.smoothing.roughness !== smoothed.smoothing.bestRoughness) {
      smoothing = smoothed.smoothing;
      notes.push({ kind: 'smoother-plan', ...smoothing });
    }
  }
  notes.push(...notesForPlan(compiled, settings.objective, budgets, found.upstream, found.downstream));

  const evaluator = createPlanEvaluator(model);
  const summary = evaluator.evaluate(found.upstream, found.downstream);
  const own = planSpend(model);
  const currentSummary = evaluator.evaluate(own.upstream, own.downstream);
  report(1);

  const name = settings.objective.name;
  return {
    objective: name,
    phasing: settings.phasing,
    value: summary[name],
    plan: { upstream: Array.from(found.upstream), downstream: Array.from(found.downstream) },
    budgetPerYear: [...budgets],
    upstreamShareByYear: sharesByYear(found, compiled.periodsPerYear, budgets.length),
    summary,
    current: { value: currentSummary[name], summary: currentSummary },
    evaluations: space.runs + 3 + 3, // + the evaluator's zero-spend run, the plan's and the model's own; the notes' three
    converged,
    cancelled,
    notes,
    ...(smoothing === undefined ? {} : { smoothing }),
  };
}

/** Of what the per-period plan adds to the best yearly plan, the most the smoother plan may give up. */
export const SMOOTHING_SHARE_OF_GAIN = 0.25;

/**
 * How much value the smoother plan may give up: `smoothTolerance` of |best value|, but at most a
 * quarter of what the best per-period plan gains over the best yearly plan, so the smoother plan
 * keeps three quarters of that gain and always beats the yearly plan. (When a model's value is
 * mostly a base that marketing does not move, 0.1 % of it can exceed all that per-period
 * planning adds.) When the limits leave the best below the yearly plan, the share alone.
 */
export function smoothingTolerance(smoothTolerance: number, bestValue: number, yearlyValue: number): number {
  const share = smoothTolerance * Math.abs(bestValue);
  const gain = bestValue - yearlyValue;
  return gain > 0 ? Math.min(share, SMOOTHING_SHARE_OF_GAIN * gain) : share;
}

/** The search the smoothing step reruns: the practical one within limits, else the phasing's own. */
function planSearchFor(settings: OptimizeSettings, practical: boolean): PlanSearch {
  if (practical) return (space, start, control) => searchPracticalPlan(space, start, control);
  if (settings.phasing === 'flighting') return searchFlighting;
  return (space, start, control) => searchShareSchedule(space, (period) => period, space.periods, start, control);
}

/** Each year's upstream spend over its spend; null for a year with none. */
export function sharesByYear(plan: Pick<PhasingOutcome, 'upstream' | 'downstream'>, periodsPerYear: number, years: number): (number | null)[] {
  return Array.from({ length: years }, (_, year) => {
    let upstream = 0;
    let total = 0;
    for (let index = year * periodsPerYear; index < (year + 1) * periodsPerYear; index += 1) {
      upstream += plan.upstream[index];
      total += plan.upstream[index] + plan.downstream[index];
    }
    return total > 0 ? upstream / total : null;
  });
}
