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
import { createPlanSpace } from './plan-space.ts';

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
 * scores lower. See README, "The optimiser", for the method and its measured accuracy.
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
  const space = createPlanSpace(compiled, budgets, settings);
  const chain = phasingChain(settings.phasing);

  // Progress is passed on in steps of at least 1 %, so a worker does not post a message per iteration.
  let reported = 0;
  const report = (fraction: number) => {
    if (fraction > reported && (fraction >= reported + 0.01 || fraction === 1)) {
      reported = fraction;
      control.onProgress?.(fraction);
    }
  };

  let found: PhasingOutcome | null = null;
  let converged = true;
  let cancelled = false;
  for (const [stage, phasing] of chain.entries()) {
    found = phasing.search(space, found, {
      shouldStop: control.shouldStop,
      onProgress: control.onProgress === undefined ? undefined : (fraction) => report((stage + fraction) / chain.length),
    });
    converged &&= found.converged;
    cancelled = found.cancelled;
    if (cancelled) break;
  }
  if (found === null) throw new Error('a phasing chain is never empty');

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
    evaluations: space.runs + 3, // + the evaluator's zero-spend run, the plan's and the model's own
    converged,
    cancelled,
  };
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
