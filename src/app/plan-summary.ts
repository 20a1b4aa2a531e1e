import type { Model } from '../engine/index.ts';
import { planSpend } from '../engine/index.ts';
import { formatMoney, formatPercent } from './format.ts';

/**
 * What a plan spends each year, summed from its spend per period: the one account of a plan the
 * exports, the printed report and the controls give, so that none of them can state a budget or
 * split the figures did not come from.
 */
export interface YearOfPlan {
  /** 1-based year of the horizon. */
  year: number;
  /** Upstream plus downstream spend over the year. */
  total: number;
  upstream: number;
  /** upstream / total, 0…1; 0 for a year without spend. */
  upstreamShare: number;
}

/**
 * Sums spend per period into years. Periods past the last whole year are ignored (a valid model
 * has exactly periodsPerYear × horizonYears).
 */
export function yearsOfSpend(spend: { upstream: ArrayLike<number>; downstream: ArrayLike<number> }, periodsPerYear: number, horizonYears: number): YearOfPlan[] {
  return Array.from({ length: horizonYears }, (_, index) => {
    let upstream = 0;
    let downstream = 0;
    for (let period = index * periodsPerYear; period < (index + 1) * periodsPerYear; period += 1) {
      upstream += spend.upstream[period];
      downstream += spend.downstream[period];
    }
    const total = upstream + downstream;
    return { year: index + 1, total, upstream, upstreamShare: total > 0 ? upstream / total : 0 };
  });
}

/** Each year of the model's plan: its explicit plan if it has one, else its budget and split. */
export function yearsOfPlan(model: Model): YearOfPlan[] {
  return yearsOfSpend(planSpend(model), model.periodsPerYear, model.horizonYears);
}

/** The budget that states an explicit plan: its yearly totals and upstream shares. */
export function budgetOfPlan(years: readonly YearOfPlan[]): { perYear: number[]; upstreamShare: number[] } {
  return { perYear: years.map((year) => year.total), upstreamShare: years.map((year) => year.upstreamShare) };
}

const APPLIED_PREFIX = 'Optimised plan applied on ';
const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/**
 * The description of a model once the optimiser's plan is applied: when, to what, and where its
 * numbers are. It replaces the preset's lesson, which tells the story of the preset's own plan.
 */
export function appliedPlanDescription(name: string, when: Date): string {
  return `${APPLIED_PREFIX}${dayFormat.format(when)} to “${name}”${APPLIED_SUFFIX}`;
}

const APPLIED_SUFFIX = ': spend per period as in plan; budget gives its yearly totals and upstream shares.';

export function isAppliedPlanDescription(description: string | undefined): boolean {
  return description?.startsWith(APPLIED_PREFIX) === true;
}

/** "Optimised plan applied on 2 Dec 2026 to “Launch”", from an applied plan's description; undefined for any other. */
export function appliedPlanOrigin(description: string | undefined): string | undefined {
  if (description === undefined || !isAppliedPlanDescription(description)) return undefined;
  return description.endsWith(APPLIED_SUFFIX) ? description.slice(0, -APPLIED_SUFFIX.length) : description;
}

/** One line of the printed report's "Plan and assumptions". */
export interface PrintedRow {
  term: string;
  detail: string;
  /** Spans the report's width (a line per year does not fit a quarter of it). */
  wide?: boolean;
}

/**
 * The plan as the printed report states it: a budget and split as entered, or, for an explicit
 * plan, where it came from and each year's total and upstream share summed from its spend per
 * period (never the budget beside it, which the engine ignores).
 */
export function printedPlanRows(model: Model): PrintedRow[] {
  if (model.plan === undefined && model.budget !== undefined) {
    const { perYear, upstreamShare } = model.budget;
    return [
      { term: 'Budget per year', detail: typeof perYear === 'number' ? formatMoney(perYear) : perYear.map(formatMoney).join(' / ') },
      { term: 'Upstream share', detail: typeof upstreamShare === 'number' ? formatPercent(upstreamShare) : upstreamShare.map(formatPercent).join(' / ') },
    ];
  }
  const origin = appliedPlanOrigin(model.description);
  return [
    { term: 'Spend', detail: origin === undefined ? 'an explicit plan per period' : `${origin}, spend per period`, wide: true },
    { term: 'Per year', detail: yearsOfPlan(model).map((year) => `Y${year.year} ${formatMoney(year.total)} (${formatPercent(year.upstreamShare)} upstream)`).join(' · '), wide: true },
  ];
}
