import { format } from 'd3';
import { periodLabel } from '../engine/io/period-label.ts';

/**
 * Every number the app shows goes through here, so money and percentages look the same in
 * figures, tooltips, tables and chart axes. Models have no currency, so money has none either.
 * Nothing here ever returns "NaN" or "undefined": a missing or non-finite value shows as "—".
 */

const wholeMoney = format(',.0f');
const compactMoney = format('.3~s');
const percentOneDecimal = format('.1%');
const percentWhole = format('.0%');
const equityFormat = format('.3f');

export const MISSING = '—';

function guard(value: number | null | undefined, formatter: (value: number) => string): string {
  return value === null || value === undefined || !Number.isFinite(value) ? MISSING : formatter(value);
}

/** 1,234,568 — money in full, for figures and tables. A minus sign for losses. */
export function formatMoney(value: number | null | undefined): string {
  return guard(value, (number) => wholeMoney(number).replace('−', '-'));
}

/** 1.23M, 450k — money on chart axes where space is short. */
export function formatMoneyShort(value: number | null | undefined): string {
  return guard(value, (number) => compactMoney(number).replace('G', 'B').replace('−', '-'));
}

/** 12.3 % — ratios such as ROI and shares. */
export function formatPercent(value: number | null | undefined): string {
  return guard(value, (number) => percentOneDecimal(number).replace('−', '-'));
}

/** 40 % — shares on axes and sliders. */
export function formatPercentWhole(value: number | null | undefined): string {
  return guard(value, (number) => percentWhole(number).replace('−', '-'));
}

/** 0.371 — brand equity on its 0…1 scale. */
export function formatEquity(value: number | null | undefined): string {
  return guard(value, (number) => equityFormat(number).replace('−', '-'));
}

const PERIOD_NAMES: Record<number, string> = { 12: 'month', 4: 'quarter', 52: 'week' };

/** "month", "quarter" or "week". */
export function periodName(periodsPerYear: number): string {
  return PERIOD_NAMES[periodsPerYear] ?? 'period';
}

/** "Month 14" for period 14 of a monthly model. */
export function formatPeriod(t: number | null | undefined, periodsPerYear: number): string {
  if (t === null || t === undefined || !Number.isFinite(t)) return MISSING;
  const name = periodName(periodsPerYear);
  return `${name[0].toUpperCase()}${name.slice(1)} ${t}`;
}

/** "2027-03" or "Y2-M03": where a period falls, the same label as the CSV export's. */
export function formatPeriodOfYear(t: number, periodsPerYear: number, startYear?: number): string {
  return periodLabel(t, periodsPerYear, startYear);
}

/** How a key figure is shown: money, a ratio (ROI), a period number (payback) or equity. */
export type FigureKind = 'money' | 'ratio' | 'period' | 'equity';

/**
 * A change in a key figure, in words: "+123,456 (+4.5%)" for money (the percentage against
 * `base` where it is not 0), "+2.3 pts" for a ratio, "-2 months" for a period, "+0.012" for equity.
 */
export function formatDifference(kind: FigureKind, delta: number, base: number | null, periodsPerYear: number): string {
  const sign = delta > 0 ? '+' : '';
  if (kind === 'money') return `${sign}${formatMoney(delta)}${base !== null && base !== 0 ? ` (${sign}${formatPercent(delta / Math.abs(base))})` : ''}`;
  if (kind === 'ratio') return `${sign}${(delta * 100).toFixed(1)} pts`;
  if (kind === 'period') return `${sign}${delta} ${periodName(periodsPerYear)}${Math.abs(delta) === 1 ? '' : 's'}`;
  return `${sign}${formatEquity(delta)}`;
}

/** Whether a change is for the better ('up'), worse ('down') or neither: higher is better, except payback, where sooner is. */
export function differenceTone(kind: FigureKind, delta: number): 'up' | 'down' | '' {
  if (delta === 0) return '';
  return (kind === 'period' ? delta < 0 : delta > 0) ? 'up' : 'down';
}
