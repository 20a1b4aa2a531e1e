import type { PeriodResult } from '../engine/index.ts';

/** One year of a simulation: the period results summed, and equity where the year ends. */
export interface YearTotals {
  /** 1 … horizonYears. */
  year: number;
  upstream: number;
  downstream: number;
  revenue: number;
  profit: number;
  /** Brand equity in the last period of the year. */
  equityAtYearEnd: number;
}

/**
 * Sums period results by year (periods (y − 1)·P + 1 … y·P form year y, spec §5).
 * @param periods one result per period, as `simulate` returns them
 * @example totalsByYear(result.periods, 12)[0].revenue // revenue of the first twelve months
 */
export function totalsByYear(periods: readonly PeriodResult[], periodsPerYear: number): YearTotals[] {
  const years: YearTotals[] = [];
  for (let start = 0; start < periods.length; start += periodsPerYear) {
    const yearPeriods = periods.slice(start, start + periodsPerYear);
    const sum = (field: 'upstream' | 'downstream' | 'revenue' | 'profit') =>
      yearPeriods.reduce((total, period) => total + period[field], 0);
    years.push({
      year: years.length + 1,
      upstream: sum('upstream'),
      downstream: sum('downstream'),
      revenue: sum('revenue'),
      profit: sum('profit'),
      equityAtYearEnd: yearPeriods[yearPeriods.length - 1].equity,
    });
  }
  return years;
}
