import { compileModel } from '../sim/compile-model.ts';
import type { Model } from '../model/model.ts';
import { settingOf } from '../model/model-fields.ts';
import { createPlanEvaluator } from '../sim/plan-evaluator.ts';
import { planSpend } from '../sim/plan-spend.ts';
import { uncertainFields } from '../uncertainty/uncertain-fields.ts';
import { compileDraws } from './compiled-draws.ts';
import { maximiseOnInterval } from './line-search-1d.ts';
import type { OptimizeOptions, OptimizeSettings, RobustSettings } from './optimize-options.ts';
import { optimizeForBudgets, sharesByYear } from './optimize-for-budgets.ts';
import type { OptimizeResult, RobustOutcome } from './optimize-result.ts';
import { type PhasingOutcome, phasingChain } from './phasings/index.ts';
import { createPlanSpace } from './plan-space.ts';
import { notesForPlan } from './plan-notes.ts';
import { createRobustObjective } from './robust-objective.ts';
import { createRobustObjectiveGradient } from './robust-objective-gradient.ts';

/** Share grid intervals of the constant search (0.02 apart: a bump narrower than that is noise at 1,000 draws). */
const GRID_INTERVALS = 50;
/** Golden-section stops when the bracket is this narrow, in share (far below the sampling error of a statistic over draws). */
const SHARE_TOLERANCE = 1e-6;
/** The first sweep of the yearly search looks this far either side of each year's share. */
const FIRST_REACH = 0.2;
/** Later sweeps look at least this far. */
const MIN_REACH = 0.005;
/** Grid intervals of each one-year search, before golden-section refinement. */
const YEAR_GRID_INTERVALS = 4;
/** The yearly search stops when a sweep gains less than this share of the money at stake. */
const SWEEP_TOLERANCE = 1e-10;
const MAX_SWEEPS = 30;
/**
 * The gradient phasings stop when 20 iterations gain less than this share of the money at
 * stake. A statistic over 1,000 draws is itself only known to about 1e-3 of it (its sampling
 * error), so settling further buys nothing. Measured on the 3-year default (mean, 200 draws):
 * 1e-7 rather than 1e-10 took flighting from 6.5 s to 1.1 s, for a statistic 3e-7 lower.
 */
const GRADIENT_TOLERANCE = 1e-7;

/**
 * The plan that maximises the mean or the 10th percentile of the objective across draws of the
 * model's `uncertainty` (risk-averse planning), for every phasing.
 *
 * - With no spread anywhere (no `uncertainty`, or every range of zero spread at the model's own
 *   values) every draw is the central model: the non-robust search runs, and the result is
 *   exactly the non-robust one, with `robust.value` equal to `value`.
 * - Otherwise the draws are fixed once (`createRobustObjective`) and every plan is scored on them.
 *   `constant`: the statistic on a 0.02 grid of shares, then golden-section search to 1e-6.
 *   `yearly`: from the better (by the statistic) of the robust constant plan and the central
 *   yearly optimum, cyclic coordinate search: each year's share in turn by a 5-point grid
 *   around it and golden-section search to 1e-6, sweeps repeated until one gains less than
 *   1e-10 of the money at stake (at most 30 sweeps). Derivative-free: one share per year is
 *   few enough to search directly, and the 10th percentile has kinks where draws change rank.
 *   A point is only ever replaced by a better one.
 *   `period` and `flighting`: from the better of the robust constant plan and the central
 *   optimum (itself a period or flighting plan, usually the better start), the same
 *   projected-gradient searches as without `robust`, on the statistic
 *   (`createRobustObjectiveGradient`: a reverse pass per draw for the mean, two for p10),
 *   stopping at 1e-7 of the money at stake (`GRADIENT_TOLERANCE`). The yearly search is
 *   skipped for them: on the default its plan scored below the central optimum and tripled
 *   the time.
 * - The central optimum (the non-robust answer) is computed too, and kept if the search ends
 *   below it, so the robust plan's statistic is never below the central plan's on these draws.
 *
 * Cost: about 70 (constant) or 300–900 (yearly) plans scored × `draws` runs; ≈ 0.5 s (constant)
 * and 2–5 s (yearly) for the 5-year monthly default at 1,000 draws. Period and flighting add a
 * few hundred ascent iterations, each a value (`draws` runs) and a gradient (`draws` reverse
 * passes for the mean, 2 for p10): measured 1.1–1.5 s (period) and 4.1–4.3 s (flighting) in
 * all on the 3-year monthly default at 1,000 draws.
 */
export function optimizeRobust(
  model: Model, budgets: readonly number[], settings: OptimizeSettings & { robust: RobustSettings },
  control: Pick<OptimizeOptions, 'onProgress' | 'shouldStop'>,
): OptimizeResult {
  const { robust, objective, minShare, maxShare } = settings;
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
  const gradientPhasings = phasingChain(settings.phasing).filter((phasing) => phasing.name === 'period' || phasing.name === 'flighting');
  // Share of the progress bar the share searches take; the gradient phasings take the rest.
  const shareSearchesEnd = gradientPhasings.length > 0 ? 0.5 : 0.95;
  const periodsPerYear = model.periodsPerYear;
  const periods = central.plan.upstream.length;
  const years = budgets.length;
  const averagePeriodBudget = new Float64Array(periods);
  for (let index = 0; index < periods; index += 1) averagePeriodBudget[index] = budgets[Math.floor(index / periodsPerYear)] / periodsPerYear;
  const scale = Math.abs(central.value) + budgets.reduce((total, budget) => total + budget, 0);

  const upstream = new Float64Array(periods);
  const downstream = new Float64Array(periods);
  const fill = (shares: Float64Array) => {
    for (let index = 0; index < periods; index += 1) {
      const share = shares[Math.floor(index / periodsPerYear)];
      upstream[index] = share * averagePeriodBudget[index];
      downstream[index] = (1 - share) * averagePeriodBudget[index];
    }
  };
  let cancelled = central.cancelled;
  let progress = 0.1;
  const score = (shares: Float64Array) => {
    if (cancelled || control.shouldStop?.()) {
      cancelled = true;
      return -Infinity;
    }
    fill(shares);
    return robustObjective.value(upstream, downstream);
  };
  const report = (fraction: number) => {
    if (fraction > progress) {
      progress = fraction;
      control.onProgress?.(fraction);
    }
  };

  // The central optimum's shares and its statistic on the draws (shares from its plan, so that
  // this is the same plan it is scored as).
  const centralShares = Float64Array.from(central.upstreamShareByYear, (share) => share ?? (minShare + maxShare) / 2);
  const centralStatistic = robustObjective.value(Float64Array.from(central.plan.upstream), Float64Array.from(central.plan.downstream));

  // Constant: one share for every year.
  const shares = new Float64Array(years);
  const constant = maximiseOnInterval((share) => score(shares.fill(share)), minShare, maxShare, GRID_INTERVALS, SHARE_TOLERANCE);
  let best = Float64Array.from({ length: years }, () => constant.argument);
  let bestValue = constant.value;
  let converged = true;
  report(settings.phasing === 'yearly' ? 0.3 : shareSearchesEnd);
  if (settings.phasing === 'yearly') {
    if (centralStatistic > bestValue) {
      best = centralShares.slice();
      bestValue = centralStatistic;
    }
    const reach = new Float64Array(years).fill(FIRST_REACH);
    converged = false;
    for (let sweep = 0; sweep < MAX_SWEEPS && !cancelled; sweep += 1) {
      const sweepStart = bestValue;
      for (let year = 0; year < years && !cancelled; year += 1) {
        if (budgets[year] === 0) continue;
        const point = best.slice();
        const before = best[year];
        const low = Math.max(minShare, before - reach[year]);
        const high = Math.min(maxShare, before + reach[year]);
        const found = maximiseOnInterval((share) => {
          point[year] = share;
          return score(point);
        }, low, high, YEAR_GRID_INTERVALS, SHARE_TOLERANCE);
        if (found.value > bestValue) {
          best[year] = found.argument;
          bestValue = found.value;
        }
        // Next time, look a few times as far as this year's share moved; further if it hit the edge.
        const moved = Math.abs(best[year] - before);
        const atEdge = (found.argument === low && low > minShare) || (found.argument === high && high < maxShare);
        reach[year] = atEdge ? 2 * reach[year] : Math.min(FIRST_REACH, Math.max(MIN_REACH, 3 * moved));
      }
      report(0.3 + (shareSearchesEnd - 0.3) * Math.min(1, (sweep + 1) / 8));
      if (bestValue - sweepStart <= SWEEP_TOLERANCE * scale) {
        converged = true;
        break;
      }
    }
  }
  // The best plan so far: the share search's, or the central optimum's if that scores higher.
  fill(best);
  let plan: { upstream: Float64Array; downstream: Float64Array } = { upstream: upstream.slice(), downstream: downstream.slice() };
  if (centralStatistic >= bestValue) {
    plan = { upstream: Float64Array.from(central.plan.upstream), downstream: Float64Array.from(central.plan.downstream) };
    bestValue = centralStatistic;
  }

  // Period and flighting: projected-gradient ascent of the statistic, from that plan.
  let gradientRuns = 0;
  if (gradientPhasings.length > 0 && !cancelled) {
    const statistic = createRobustObjectiveGradient(draws, objective, robust.statistic, robustObjective);
    const space = createPlanSpace(compileModel(model), budgets, settings, statistic, GRADIENT_TOLERANCE);
    let found: PhasingOutcome = { ...plan, value: space.value(plan.upstream, plan.downstream), converged: true, cancelled: false };
    for (const [stage, phasing] of gradientPhasings.entries()) {
      found = phasing.search(space, found, {
        shouldStop: control.shouldStop,
        onProgress: (fraction) => report(shareSearchesEnd + (0.95 - shareSearchesEnd) * ((stage + fraction) / gradientPhasings.length)),
      });
      converged &&= found.converged;
      cancelled ||= found.cancelled;
      if (cancelled) break;
    }
    gradientRuns = space.runs;
    // The space scores plans with robustObjective's own statistic, so found.value compares like for like.
    if (found.value > bestValue) {
      plan = { upstream: found.upstream, downstream: found.downstream };
      bestValue = found.value;
    }
  }

  // The plan, with its central figures computed as `optimize` computes them.
  const planUpstream = plan.upstream;
  const planDownstream = plan.downstream;
  const evaluator = createPlanEvaluator(model);
  const summary = evaluator.evaluate(planUpstream, planDownstream);
  const own = planSpend(model);
  const ownStatistic = robustObjective.value(own.upstream, own.downstream);
  const outcome: RobustOutcome = {
    ...robust,
    value: bestValue,
    current: ownStatistic,
    centralOptimum: { value: centralStatistic, centralValue: central.value },
  };
  report(1);
  return {
    objective: objective.name,
    phasing: settings.phasing,
    value: summary[objective.name],
    plan: { upstream: Array.from(planUpstream), downstream: Array.from(planDownstream) },
    budgetPerYear: [...budgets],
    upstreamShareByYear: sharesByYear({ upstream: planUpstream, downstream: planDownstream }, periodsPerYear, years),
    summary,
    current: central.current,
    evaluations: central.evaluations + robustObjective.runs + gradientRuns + 2,
    converged: converged && central.converged && !cancelled,
    cancelled,
    // The robust search keeps its best plan (the smoothing step is the central search's).
    notes: notesForPlan(compileModel(model), objective, budgets, planUpstream, planDownstream),
    robust: outcome,
  };
}
