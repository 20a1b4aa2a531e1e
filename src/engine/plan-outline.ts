import type { Model, PeriodsPerYear } from './model/model.ts';
import { modelChannels } from './model/model-channels.ts';
import { planSpend, valueForYear } from './sim/plan-spend.ts';

/**
 * How a plan sets its spend:
 * - `constant`: one budget and one upstream share for every year;
 * - `yearly`: a budget or a share (or both, or a channel's share) given year by year;
 * - `explicit`: spend given period by period (`plan`), as the optimiser's plans are.
 */
export type PhasingKind = 'constant' | 'yearly' | 'explicit';

/** What a plan is, in the terms a person compares plans by (see `planOutline`). */
export interface PlanOutline {
  horizonYears: number;
  periodsPerYear: PeriodsPerYear;
  phasing: PhasingKind;
  /** Total spend in each year of the horizon, year 1 first. */
  budgetByYear: number[];
  /** Upstream share of each year's spend, 0…1; null for a year that spends nothing. */
  upstreamShareByYear: (number | null)[];
}

/**
 * A plan's outline: horizon, periods, phasing, and each year's budget and upstream share, taken
 * from the spend the model actually makes (`planSpend`), so an explicit plan is described in the
 * same terms as a budget and split. Used where scenarios are set side by side (the comparison in
 * the app and `budget-sim compare`), so they describe a plan the same way.
 *
 * Cost: one pass over the periods.
 * @param model a model returned by `parseModel`
 * @example planOutline(defaultModel) // { phasing: 'constant', budgetByYear: [1.2e6, 1.2e6, 1.2e6], upstreamShareByYear: [0.5, 0.5, 0.5], ... }
 */
export function planOutline(model: Model): PlanOutline {
  const budget = model.budget;
  if (model.plan === undefined && budget !== undefined) {
    // The budget's own numbers: summing channels' spend would differ from them in the last bits.
    const years = Array.from({ length: model.horizonYears }, (_, year) => year);
    return {
      horizonYears: model.horizonYears,
      periodsPerYear: model.periodsPerYear,
      phasing: phasingKind(model),
      budgetByYear: years.map((year) => valueForYear(budget.perYear, year)),
      upstreamShareByYear: years.map((year) => (valueForYear(budget.perYear, year) > 0 ? valueForYear(budget.upstreamShare, year) : null)),
    };
  }
  const spend = planSpend(model);
  const periodsPerYear = model.periodsPerYear;
  const budgetByYear: number[] = [];
  const upstreamShareByYear: (number | null)[] = [];
  for (let year = 0; year < model.horizonYears; year += 1) {
    let upstream = 0;
    let total = 0;
    for (let index = year * periodsPerYear; index < (year + 1) * periodsPerYear; index += 1) {
      upstream += spend.upstream[index];
      total += spend.upstream[index] + spend.downstream[index];
    }
    budgetByYear.push(total);
    upstreamShareByYear.push(total > 0 ? upstream / total : null);
  }
  return {
    horizonYears: model.horizonYears,
    periodsPerYear,
    phasing: phasingKind(model),
    budgetByYear,
    upstreamShareByYear,
  };
}

function phasingKind(model: Model): PhasingKind {
  if (model.plan !== undefined || model.budget === undefined) return 'explicit';
  const channelSharesByYear = [...modelChannels(model).upstream, ...modelChannels(model).downstream].some((channel) => Array.isArray(channel.share));
  return typeof model.budget.perYear === 'number' && typeof model.budget.upstreamShare === 'number' && !channelSharesByYear ? 'constant' : 'yearly';
}

/** The phasing in words: "constant", "by year", "explicit plan". */
export const PHASING_WORDS: Readonly<Record<PhasingKind, string>> = {
  constant: 'constant',
  yearly: 'by year',
  explicit: 'explicit plan',
};
