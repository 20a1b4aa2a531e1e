import { compileModel } from '../sim/compile-model.ts';
import type { Model } from '../model/model.ts';
import { createPlanEvaluator } from '../sim/plan-evaluator.ts';
import { channelSpend } from '../sim/plan-spend.ts';
import { checkBoundsFeasible, planChannels } from './channel-bounds.ts';
import type { OptimizeOptions, OptimizeSettings, PhasingName } from './optimize-options.ts';
import { OptimizeError } from './optimize-error.ts';
import type { OptimizeResult } from './optimize-result.ts';
import { type PhasingOutcome, phasingChain } from './phasings/index.ts';
import { searchFlighting } from './phasings/flighting.ts';
import { searchSplitSchedule } from './phasings/split-schedule.ts';
import { readPlan } from './plan-form.ts';
import { type PlanNote, notesForPlan } from './plan-notes.ts';
import { type PlanSpace, type PlanSpaceParts, createPlanSpace, withObjective, yearShareBounds } from './plan-space.ts';
import type { RowsObjective } from './plan-objective.ts';
import { searchPracticalPlan } from './practical-plan-search.ts';
import { type PlanSearch, type Smoothing, smoothestWithinTolerance } from './smoothest-plan.ts';

/** What the search for given budgets found, before it is written up as a result. */
export interface FoundPlan {
  plan: PhasingOutcome;
  space: PlanSpace;
  converged: boolean;
  cancelled: boolean;
  notes: PlanNote[];
  smoothing?: Smoothing;
}

/**
 * `optimize` with the yearly budgets given instead of read from the model (the frontier and the
 * target-ROI search scale them); `current` is still the model's own plan.
 */
export function optimizeForBudgets(
  model: Model, budgets: readonly number[], settings: OptimizeSettings, control: Pick<OptimizeOptions, 'onProgress' | 'shouldStop'>,
): OptimizeResult {
  const compiled = compileModel(model);
  const found = searchForBudgets(model, budgets, settings, control);
  const { space } = found;
  const evaluator = createPlanEvaluator(model);
  const summary = evaluator.evaluate(found.plan.spend);
  const currentSummary = evaluator.evaluate(channelSpend(model));
  const name = settings.objective.name;
  return {
    objective: name,
    phasing: settings.phasing,
    value: summary[name],
    ...readPlan(model, space.channels.map((channel) => channel.name), space.upstreamCount, found.plan.spend),
    budgetPerYear: [...budgets],
    summary,
    current: { value: currentSummary[name], summary: currentSummary },
    evaluations: space.runs + 3 + 3, // + the evaluator's zero-spend run, the plan's and the model's own; the notes' three
    converged: found.converged,
    cancelled: found.cancelled,
    notes: [...found.notes, ...notesForPlan(compiled, settings.objective, budgets, found.plan.spend)],
    ...(found.smoothing === undefined ? {} : { smoothing: found.smoothing }),
  };
}

/**
 * The search of `optimizeForBudgets` on a plan space built from `parts` (by default the objective
 * at the model's own settings; a robust search passes a statistic across draws and its looser
 * tolerance): the phasing chain, then the practical limits and channel bounds, then the smoothing.
 * @throws {OptimizeError} for a `minFlight` that does not divide the periods in a year, and
 *   channel bounds the model cannot meet (see `planChannels`, `checkBoundsFeasible`)
 */
export function searchForBudgets(
  model: Model, budgets: readonly number[], settings: OptimizeSettings, control: Pick<OptimizeOptions, 'onProgress' | 'shouldStop'>,
  parts: Omit<PlanSpaceParts, 'channels' | 'ownPlan'> & {
    /** A different objective for some phasings' searches (the same function, another gradient). */
    objectiveFor?: (phasing: PhasingName) => RowsObjective | undefined;
  } = {},
): FoundPlan {
  const compiled = compileModel(model);
  if (compiled.periodsPerYear % settings.minFlight !== 0) {
    throw new OptimizeError('minFlight', `minFlight ${settings.minFlight} must divide the ${compiled.periodsPerYear} periods in a year (flights start with each year)`);
  }
  const channels = planChannels(model, settings.bounds);
  checkBoundsFeasible(channels, budgets, settings.minShare, settings.maxShare);
  const space = createPlanSpace(compiled, budgets, settings, { ...parts, channels, ownPlan: channelSpend(model) });
  const chain = phasingChain(settings.phasing);
  const perPeriod = settings.phasing === 'period' || settings.phasing === 'flighting';
  const practical = Number.isFinite(settings.maxStep) || settings.minFlight > 1 || (space.bounded && perPeriod);
  const smooths = !settings.exactBest && perPeriod;
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
    const own = parts.objectiveFor?.(phasing.name);
    found = phasing.search(own === undefined ? space : withObjective(space, own), found, {
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
    const limited = searchPracticalPlan(space, found, stageControl(chain.length));
    // With channel bounds alone the start is already allowed: never end below it.
    found = limited.value >= found.value || Number.isFinite(settings.maxStep) || settings.minFlight > 1 ? limited : { ...found, cancelled: limited.cancelled };
    converged &&= limited.converged;
    cancelled = limited.cancelled;
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
  report(1);
  return { plan: found, space, converged, cancelled, notes, ...(smoothing === undefined ? {} : { smoothing }) };
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
  return (space, start, control) => searchSplitSchedule(
    space, (period) => period, space.periods, (period) => yearShareBounds(space, Math.floor(period / space.periodsPerYear)), start, control,
  );
}
