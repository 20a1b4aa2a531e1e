import type { KeyFigure } from '../engine/key-figures.ts';
import {
  LARGEST_SHOWN_RATE, MISSING, type NumberFormats, PLAIN_NUMBER_FORMATS, createNumberFormats, formatFigureValue, formatSignedRatio,
} from '../engine/io/number-formats.ts';
import type { Model } from '../engine/index.ts';

/**
 * Every number the app shows goes through here, so money and percentages look the same in
 * figures, tooltips, tables and chart axes. The formats themselves live in
 * src/engine/io/number-formats.ts, shared with the command and handed to the charts as a
 * property (`formatsFor(model)`), so money carries the model's currency symbol everywhere.
 * Nothing here ever returns "NaN" or "undefined": a missing or non-finite value shows as "—".
 *
 * The free functions below (`formatMoney`, …) are the plain formats, with no currency: for
 * places that have no model at hand. Where a model is shown, use `formatsFor(model)`.
 */

export { MISSING };
export type { NumberFormats };

/** The number formats for a model: its currency symbol on money, its calendar on period labels. Build once per model. */
export function formatsFor(model: Pick<Model, 'currency' | 'periodsPerYear' | 'startYear' | 'fiscalYearStartMonth'>): NumberFormats {
  return createNumberFormats(model);
}

const plain = PLAIN_NUMBER_FORMATS;

/** 1,234,568 — money in full, for figures and tables. A minus sign for losses. */
export function formatMoney(value: number | null | undefined): string {
  return plain.money(value);
}

/** 1.23M, 450k — money on chart axes where space is short. */
export function formatMoneyShort(value: number | null | undefined): string {
  return plain.moneyShort(value);
}

/** 12.3% — ratios such as ROI and shares. */
export function formatPercent(value: number | null | undefined): string {
  return plain.percent(value);
}

/** 40% — shares on axes and sliders. */
export function formatPercentWhole(value: number | null | undefined): string {
  return plain.percentWhole(value);
}

/** 0.371 — brand equity on its 0…1 scale. */
export function formatEquity(value: number | null | undefined): string {
  return plain.equity(value);
}

const PERIOD_NAMES: Record<number, string> = { 12: 'month', 4: 'quarter', 52: 'week' };

/** "month", "quarter" or "week". */
export function periodName(periodsPerYear: number): string {
  return PERIOD_NAMES[periodsPerYear] ?? 'period';
}

/** "Month 14" for period 14 of a monthly model. */
export function formatPeriod(t: number | null | undefined, periodsPerYear: number): string {
  return createNumberFormats({ periodsPerYear }).period(t);
}

/** "2027-03" or "Y2-M03": where a period falls, the same label as the CSV export's. */
export function formatPeriodOfYear(t: number, periodsPerYear: number, startYear?: number, fiscalYearStartMonth?: number): string {
  return createNumberFormats({ periodsPerYear, startYear, fiscalYearStartMonth }).periodLabel(t);
}

/** How a key figure is shown: money, a ratio (ROI), a yearly rate (IRR), a period number (payback) or equity. */
export type FigureKind = KeyFigure['unit'];

/**
 * A key figure's value as its unit shows it: money with the model's symbol, ROI as a
 * percentage, IRR as a yearly rate ("> 1,000%" when huge), payback as "Month 14", equity with
 * three decimals; "—" where it is missing.
 */
export function formatFigure(figure: Pick<KeyFigure, 'unit'>, value: number | null | undefined, formats: NumberFormats): string {
  return formatFigureValue(figure.unit, value, formats);
}

/** A marginal ROI, signed: 0.183 → "+18.3%" (the next unit of money returns 1.183). */
export function formatMarginalRoi(value: number | null | undefined, formats: NumberFormats = plain): string {
  return formatSignedRatio(value, formats);
}

/**
 * A change in a key figure, in words: "+€123,456 (+4.5%)" for money (the percentage against
 * `base` where it is not 0), "+2.3 pts" for a ratio or a rate, "-2 months" for a period,
 * "+0.012" for equity; "—" where it cannot be said (an IRR beyond 1,000 % is shown only as
 * "> 1,000%", so no difference is given for it).
 */
export function formatDifference(kind: FigureKind, delta: number, base: number | null, periodsPerYear: number, formats: NumberFormats = plain): string {
  if (!Number.isFinite(delta)) return MISSING;
  const sign = delta > 0 ? '+' : '';
  if (kind === 'money') return `${formats.moneyChange(delta)}${base !== null && base !== 0 ? ` (${formats.percentChange(delta / Math.abs(base))})` : ''}`;
  if (kind === 'ratio') return formats.pointsChange(delta);
  if (kind === 'rate') return base !== null && Math.abs(base) <= LARGEST_SHOWN_RATE && Math.abs(base + delta) <= LARGEST_SHOWN_RATE ? formats.pointsChange(delta) : MISSING;
  if (kind === 'period') return `${sign}${delta} ${periodName(periodsPerYear)}${Math.abs(delta) === 1 ? '' : 's'}`;
  return formats.equityChange(delta);
}

/** Whether a change is for the better ('up'), worse ('down') or neither: higher is better, except payback, where sooner is. */
export function differenceTone(kind: FigureKind, delta: number): 'up' | 'down' | '' {
  if (delta === 0) return '';
  return (kind === 'period' ? delta < 0 : delta > 0) ? 'up' : 'down';
}

/** The same, by a key figure's own better direction (spend and no-spend NPV are neither). */
export function figureTone(figure: Pick<KeyFigure, 'better'>, delta: number): 'up' | 'down' | '' {
  if (delta === 0 || figure.better === 'neither') return '';
  return (figure.better === 'lower' ? delta < 0 : delta > 0) ? 'up' : 'down';
}
