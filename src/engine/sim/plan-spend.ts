import type { Model } from '../model/model.ts';

/** Upstream and downstream spend for each period t = 1 … T (index t − 1). */
export interface PlanSpend {
  upstream: Float64Array;
  downstream: Float64Array;
}

/**
 * Spend per period (spec §3). Without `plan`, period t of year y = ⌈t / P⌉ spends
 * perYear_y / P, split by upstreamShare_y; with `plan`, the spend is taken from it as given.
 */
export function planSpend(model: Model): PlanSpend {
  const periodsPerYear = model.periodsPerYear;
  const periods = periodsPerYear * model.horizonYears;
  const upstream = new Float64Array(periods);
  const downstream = new Float64Array(periods);
  if (model.plan !== undefined) {
    upstream.set(model.plan.upstream);
    downstream.set(model.plan.downstream);
    return { upstream, downstream };
  }
  const budget = model.budget;
  if (budget === undefined) throw new Error('the model has neither budget nor plan');
  for (let year = 0; year < model.horizonYears; year += 1) {
    const perYear = valueForYear(budget.perYear, year);
    const share = valueForYear(budget.upstreamShare, year);
    const perPeriod = perYear / periodsPerYear;
    for (let index = year * periodsPerYear; index < (year + 1) * periodsPerYear; index += 1) {
      upstream[index] = share * perPeriod;
      downstream[index] = (1 - share) * perPeriod;
    }
  }
  return { upstream, downstream };
}

/** A yearly setting: one number for every year, or the number for this year (0-based). */
export function valueForYear(setting: number | readonly number[], year: number): number {
  return typeof setting === 'number' ? setting : setting[year];
}
