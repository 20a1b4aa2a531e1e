import { compileModel } from '../sim/compile-model.ts';
import type { Model } from '../model/model.ts';
import { createPlanEvaluator } from '../sim/plan-evaluator.ts';
import { planSpend } from '../sim/plan-spend.ts';
import type { OptimizeOptions, OptimizeSettings } from './optimize-options.ts';
import { OptimizeError } from './optimize-error.ts';
import type { OptimizeResult } from './optimize-result.ts';
import { type PhasingOutcome, phasingChain } from './phasings/index.ts';
import { searchFlighting } from './phasings/flighting.ts';
import { searchShareSchedule } from './phasings/share-schedule.ts';
import { type PlanNote, notesForPlan } from './plan-notes.ts';
import { createPlanSpace } from './plan-space.ts';
import { searchPracticalPlan } from './practical-plan-search.ts';
import { type PlanSearch, type Smoothing, smoothestWithinTolerance } from './smoothest-plan.ts';

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
