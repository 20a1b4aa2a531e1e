import type { CompiledModel } from '../sim/compile-model.ts';
import type { Objective, ObjectiveName } from '../sim/objectives.ts';
import { createRowsObjective } from './plan-objective.ts';
import type { Smoothing } from './smoothest-plan.ts';

/**
 * Something a planner should know about the plan the optimiser returns, beyond its figures.
 * Structured, so the command and the app word them with their own number formats
 * (`describePlanNote`).
 */
export type PlanNote =
  /** The smoothest plan within the tolerance of the best was returned, not the best itself. */
  | ({ kind: 'smoother-plan' } & Smoothing)
  /**
   * Upstream (brand) spend stops before the horizon ends, under an objective that does not
   * count what happens after it: `periodsWithout` periods at the end spend (almost) nothing
   * upstream; `lastPeriod` is the last that does (1 = the first period).
   */
  | { kind: 'brand-stops'; objective: ObjectiveName; lastPeriod: number; periodsWithout: number }
  /**
   * The return on the next unit of money, spread over the horizon as this plan spends it, is
   * below zero: spending less would raise the objective. `marginalRoi` is the discounted
   * contribution it adds (with carryover when the objective counts it) per discounted unit
   * spent, minus 1.
   */
  | { kind: 'spending-less-pays'; objective: ObjectiveName; marginalRoi: number };

/** A period's upstream spend up to this share of its year's average period budget counts as none. */
const NEGLIGIBLE_SHARE = 0.01;

/**
 * The notes that apply to a plan (besides `smoother-plan`, which the smoothing step adds):
 * `brand-stops` when the objective does not count carryover and upstream spend stops before the
 * end; `spending-less-pays` when spend is a cost and its marginal ROI (`marginalRoiOfPlan`) is
 * below zero. Costs one run and one gradient pass.
 */
export function notesForPlan(
  model: CompiledModel, objective: Objective, budgets: readonly number[], spend: readonly Float64Array[],
): PlanNote[] {
  const notes: PlanNote[] = [];
  const { periods, periodsPerYear } = model;
  const upstreamCount = model.upstreamChannels.length;
  const upstream = new Float64Array(periods);
  for (let channel = 0; channel < upstreamCount; channel += 1) for (let index = 0; index < periods; index += 1) upstream[index] += spend[channel][index];
  if (!objective.includesCarryover) {
    let periodsWithout = 0;
    for (let index = periods - 1; index >= 0; index -= 1) {
      const average = budgets[Math.floor(index / periodsPerYear)] / periodsPerYear;
      if (upstream[index] > NEGLIGIBLE_SHARE * average) break;
      periodsWithout += 1;
    }
    if (upstreamCount > 0 && periodsWithout > 0 && periodsWithout < periods) {
      notes.push({ kind: 'brand-stops', objective: objective.name, lastPeriod: periods - periodsWithout, periodsWithout });
    }
  }
  const marginalRoi = marginalRoiOfPlan(model, objective, spend);
  if (marginalRoi !== null && marginalRoi < 0) notes.push({ kind: 'spending-less-pays', objective: objective.name, marginalRoi });
  return notes;
}

/**
 * The return on the next unit of money for an objective where spend is a cost (`npv`,
 * `npvWithCarryover`), spread over the horizon as the plan spends it: with g = ∂objective/∂spend
 * per period (`createObjectiveGradient`, which already nets out each unit's discounted cost),
 *
 *   marginal ROI = Σ_c Σₜ gᶜₜ·Xᶜₜ / Σ_c Σₜ δₜ·Xᶜₜ      (Xᶜₜ channel c's spend in period t)
 *
 * the derivative of the objective as every period's spend grows in proportion, per discounted
 * unit of money (δₜ the discount factor). For `npvWithCarryover` this is the discounted
 * contribution with carryover per discounted unit spent, minus 1. Below zero, spending less (in
 * the same pattern) would raise the objective. Null for `totalRevenue` (spend is not a cost there,
 * so more never lowers it) and for a plan that spends nothing.
 */
export function marginalRoiOfPlan(model: CompiledModel, objective: Objective, spend: readonly Float64Array[]): number | null {
  if (!objective.spendIsCost) return null;
  const gradient = spend.map((row) => new Float64Array(row.length));
  const rows = createRowsObjective(model, objective);
  rows.value(spend);
  rows.gradient(gradient);
  let change = 0;
  let discountedSpend = 0;
  for (let index = 0; index < model.periods; index += 1) {
    for (let channel = 0; channel < spend.length; channel += 1) {
      change += gradient[channel][index] * spend[channel][index];
      discountedSpend += model.discountFactor[index] * spend[channel][index];
    }
  }
  return discountedSpend > 0 ? change / discountedSpend : null;
}

/** How the command and the app format the numbers in a note. */
export interface NoteFormats {
  money(value: number): string;
  percent(value: number): string;
  /** The period as people name it, e.g. "month 31". */
  period(period: number): string;
  /** A count of periods, e.g. "5 months". */
  periods(count: number): string;
  /** The objective's name in a sentence, e.g. "NPV with carryover". */
  objective(name: ObjectiveName): string;
}

/** A note in plain words, for the command's report and the app's result panel. */
export function describePlanNote(note: PlanNote, formats: NoteFormats): string {
  switch (note.kind) {
    case 'smoother-plan': {
      const givenUp = note.bestValue - note.value;
      const roughness = note.bestRoughness > 0 ? note.roughness / note.bestRoughness : 0;
      return `A smoother plan was chosen: the best plan found scores ${formats.money(note.bestValue)}, but its spend swings from period to period `
        + `for almost no gain. This plan is the smoothest found within ${formats.money(note.tolerance)} of it: it gives up ${formats.money(givenUp)}, `
        + `and its spend moves ${formats.percent(roughness)} as much from period to period. Ask for the exact best plan to get the best plan itself.`;
    }
    case 'brand-stops':
      return `Brand (upstream) spend stops after ${formats.period(note.lastPeriod)}: `
        + `${note.periodsWithout === 1 ? `${formats.period(note.lastPeriod + 1)} spends` : `the last ${formats.periods(note.periodsWithout)} spend`} nothing upstream. `
        + `${formats.objective(note.objective)} does not count what happens after the horizon, so spend whose effect on brand equity lands there earns nothing in it. `
        + 'Maximise NPV with carryover to value the brand equity left at the end.';
    case 'spending-less-pays':
      return `Spending less would beat this plan: the next unit of money, spread as this plan spends it, returns ${formats.percent(note.marginalRoi)} `
        + `(marginal ROI below zero), so a smaller budget would raise ${formats.objective(note.objective)}. `
        + 'The frontier, or a target ROI, shows how much to spend.';
  }
}
