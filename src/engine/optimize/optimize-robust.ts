import { compileModel } from '../sim/compile-model.ts';
import type { Model } from '../model/model.ts';
import { settingOf } from '../model/model-fields.ts';
import { createPlanEvaluator } from '../sim/plan-evaluator.ts';
import { channelSpend } from '../sim/plan-spend.ts';
import { uncertainFields } from '../uncertainty/uncertain-fields.ts';
import { compileDraws } from './compiled-draws.ts';
import type { OptimizeOptions, OptimizeSettings, RobustSettings } from './optimize-options.ts';
import { optimizeForBudgets, searchForBudgets } from './optimize-for-budgets.ts';
import type { OptimizeResult, RobustOutcome } from './optimize-result.ts';
import { readPlan } from './plan-form.ts';
import { notesForPlan } from './plan-notes.ts';
import { createRobustObjective } from './robust-objective.ts';
import { createRobustObjectiveGradient } from './robust-objective-gradient.ts';

/**
 * The searches stop when 20 iterations gain less than this share of the money at
 * stake. A statistic over 1,000 draws is itself only known to about 1e-3 of it (its sampling
 * error), so settling further buys nothing. Measured on the 3-year default (mean, 200 draws):
 * 1e-7 rather than 1e-10 took flighting from 6.5 s to 1.1 s, for a statistic 3e-7 lower.
 */
const GRADIENT_TOLERANCE = 1e-7;
/**
 * For `constant` and `yearly`, the 10th percentile's search direction averages the draws ranked
 * within 1 % of the draws of it (`createRobustObjectiveGradient`'s window): there the two-draw
 * gradient stalled where ranks swap (default model, 1,000 draws: yearly ended on the constant
 * plan). `period` and `flighting` keep the two-draw gradient, along which they climb further
 * (measured: flighting's p10 stalled at the yearly plan's with the window).
 */
const P10_WINDOW = 0.01;

/**
 * The plan that maximises the mean or the 10th percentile of the objective across draws of the
 * model's `uncertainty` (risk-averse planning), for every phasing.
 *
 * - With no spread anywhere (no `uncertainty`, or every range of zero spread at the model's own
 *   values) every draw is the central model: the non-robust search runs, and the result is
 *   exactly the non-robust one, with `robust.value` equal to `value`.
 * - Otherwise the draws are fixed once (`createRobustObjective`) and the same search as without
 *   `robust` (`searchForBudgets`: every phasing, over the channels, with the channels' bounds)
 *   runs on a plan space whose objective is the statistic (`createRobustObjectiveGradient`: a
 *   reverse pass per draw for the mean, two for p10), stopping at 1e-7 of the money at stake
 *   (`GRADIENT_TOLERANCE`) and returning the best plan found (no smoothing). `constant`'s
 *   search of the upstream share is derivative-free (a grid and golden sections), so the
 *   10th percentile's kinks, where draws change rank, do not mislead it.
 * - The central optimum (the non-robust answer) is computed too, and kept if the search ends
 *   below it, so the robust plan's statistic is never below the central plan's on these draws.
 *
 * Cost: each plan scored is `draws` runs; each gradient `draws` reverse passes (mean) or 2 (p10).
 */
export function optimizeRobust(
  model: Model, budgets: readonly number[], settings: OptimizeSettings & { robust: RobustSettings },
  control: Pick<OptimizeOptions, 'onProgress' | 'shouldStop'>,
): OptimizeResult {
  const { robust, objective } = settings;
  const centralSettings: OptimizeSettings = { ...settings };
  delete centralSettings.robust;
  const fields = uncertainFields(model);
  const atCentral = fields.every((field) => field.fixed !== undefined && field.fixed === settingOf(model, field.path));
  if (atCentral) {
    const result = optimizeForBudgets(model, budgets, centralSettings, control);
    return {
      ...result,
      robust: {
        ...robust,
        value: result.value,
        current: result.current.value,
        centralOptimum: { value: result.value, centralValue: result.value },
      },
    };
  }

  const central = optimizeForBudgets(model, budgets, centralSettings, {
    shouldStop: control.shouldStop,
    onProgress: control.onProgress === undefined ? undefined : (fraction) => control.onProgress?.(0.1 * fraction),
  });
  const draws = compileDraws(model, robust.draws, robust.seed);
  const robustObjective = createRobustObjective(model, objective, robust, draws);
  const statistic = createRobustObjectiveGradient(draws, objective, robust.statistic, robustObjective);
  // The few shares of constant and yearly splits search along the smoothed percentile's gradient.
  const smoothed = robust.statistic === 'p10' ? createRobustObjectiveGradient(draws, objective, robust.statistic, robustObjective, P10_WINDOW) : undefined;
  const centralSpend = channelSpend({ ...model, plan: central.plan } as Model);
  const centralStatistic = robustObjective.value(centralSpend);

  let plan = centralSpend;
  let bestValue = centralStatistic;
  let converged = central.converged;
  let cancelled = central.cancelled;
  if (!cancelled) {
    const found = searchForBudgets(model, budgets, { ...settings, exactBest: true }, {
      shouldStop: control.shouldStop,
      onProgress: control.onProgress === undefined ? undefined : (fraction) => control.onProgress?.(0.1 + 0.85 * fraction),
    }, {
      objective: statistic,
      tolerance: GRADIENT_TOLERANCE,
      objectiveFor: (phasing) => (phasing === 'constant' || phasing === 'yearly' ? smoothed : undefined),
    });
    converged &&= found.converged;
    cancelled = found.cancelled;
    // The space scores plans with robustObjective's own statistic, so the values compare like for like.
    if (found.plan.value > bestValue) {
      plan = found.plan.spend;
      bestValue = found.plan.value;
    }
  }

  // The plan, with its central figures computed as `optimize` computes them.
  const compiled = compileModel(model);
  const evaluator = createPlanEvaluator(model);
  const summary = evaluator.evaluate(plan);
  const ownStatistic = robustObjective.value(channelSpend(model));
  const outcome: RobustOutcome = {
    ...robust,
    value: bestValue,
    current: ownStatistic,
    centralOptimum: { value: centralStatistic, centralValue: central.value },
  };
  control.onProgress?.(1);
  const names = [...compiled.upstreamChannels, ...compiled.downstreamChannels].map((channel) => channel.name);
  return {
    objective: objective.name,
    phasing: settings.phasing,
    value: summary[objective.name],
    ...readPlan(model, names, compiled.upstreamChannels.length, plan),
    budgetPerYear: [...budgets],
    summary,
    current: central.current,
    // Each statistic's runs include the draws' scoring runs (robustObjective's), counted once here.
    evaluations: central.evaluations + statistic.runs + (smoothed === undefined ? 0 : smoothed.runs - robustObjective.runs) + 2,
    converged: converged && !cancelled,
    cancelled,
    // The robust search keeps its best plan (the smoothing step is the central search's).
    notes: notesForPlan(compiled, objective, budgets, plan),
    robust: outcome,
  };
}
