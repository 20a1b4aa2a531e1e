import type { PeriodsPerYear } from '../engine/index.ts';
import type { KeyFigure } from '../engine/key-figures.ts';
import {
  LARGEST_SHOWN_RATE, MISSING, type NumberFormats, PLAIN_NUMBER_FORMATS, createNumberFormats, formatFigureValue, formatSignedRatio,
} from '../engine/io/number-formats.ts';
import { currencySymbol } from '../engine/model/currency.ts';

export { MISSING };

// The formats themselves are shared with the app (src/engine/io/number-formats.ts): money in
// whole units with thousands separators, an ASCII minus, "—" for anything missing. These plain
// ones have no currency symbol; a model's own (`formatsFor`) carry its currency.
const plain = PLAIN_NUMBER_FORMATS;
const multiple = (times: number) => `${times.toFixed(2)}×`;

/** The number formats for a model: money with its currency's symbol when it has one. */
export function formatsFor(model: { currency?: string; periodsPerYear: number; startYear?: number; fiscalYearStartMonth?: number }): NumberFormats {
  return createNumberFormats(model);
}

/** "Money in EUR (€)", or undefined when the model has no currency. */
export function currencyNote(currency: string | undefined): string | undefined {
  if (currency === undefined) return undefined;
  const symbol = currencySymbol(currency);
  return symbol === currency ? `Money in ${currency}` : `Money in ${currency} (${symbol})`;
}

/** Money in whole units with thousands separators: 1234567.8 → "1,234,568". */
export function formatMoney(value: number | null): string {
  return plain.money(value);
}

/** A ratio as a percentage with one decimal: 0.1234 → "12.3%". */
export function formatPercent(value: number | null): string {
  return plain.percent(value);
}

/** Brand equity on its 0–1 scale, three decimals: 0.41234 → "0.412". */
export function formatEquity(value: number | null): string {
  return plain.equity(value);
}

/** A multiple of some amount, two decimals: 1.5 → "1.50×". */
export function formatMultiple(value: number | null): string {
  return orMissing(value, multiple);
}

/** A money difference with its sign: "+12,345", "-500", and "0" when it rounds to nothing. */
export function formatMoneyChange(value: number | null): string {
  return plain.moneyChange(value);
}

/** A relative change as a signed percentage: 0.045 → "+4.5%". */
export function formatPercentChange(value: number | null): string {
  return plain.percentChange(value);
}

/** A change in a ratio, in percentage points: 0.023 → "+2.3 pts". */
export function formatPointsChange(value: number | null): string {
  return plain.pointsChange(value);
}

/** A change in brand equity, three decimals: "+0.012". */
export function formatEquityChange(value: number | null): string {
  return plain.equityChange(value);
}

/** A marginal ROI, signed: 0.183 → "+18.3%" (the next unit of money returns 1.183). */
export function formatMarginalRoi(value: number | null, formats: NumberFormats = plain): string {
  return formatSignedRatio(value, formats);
}

/**
 * A key figure's value as its unit shows it (`KEY_FIGURES`): money with the model's symbol, ROI
 * as a percentage, IRR as a yearly rate ("> 1,000%" when huge), payback as "month 14", equity
 * with three decimals; "—" where it is missing.
 */
export function formatFigure(figure: KeyFigure, value: number | null, formats: NumberFormats, periodsPerYear: PeriodsPerYear): string {
  return formatFigureValue(figure.unit, value, formats, (t) => formatPeriod(t ?? null, periodsPerYear));
}

/**
 * A key figure's difference from a baseline's: money as an amount and a percentage of the
 * baseline ("+€12,345 (+4.5%)"; the amount alone when the baseline is 0), ROI and IRR in
 * percentage points, payback in periods, equity on its scale; "—" where it cannot be said
 * (either side missing, or an IRR above 1,000 %, shown only as "> 1,000%").
 */
export function formatFigureChange(
  figure: KeyFigure, difference: number | null, baselineValue: number | null, formats: NumberFormats, periodsPerYear: PeriodsPerYear,
): string {
  if (difference === null || !Number.isFinite(difference)) return MISSING;
  switch (figure.unit) {
    case 'money': {
      const amount = formats.moneyChange(difference);
      // A percentage of nothing has no meaning; show the amount alone.
      return baselineValue === null || baselineValue === 0 ? amount : `${amount} (${formats.percentChange(difference / Math.abs(baselineValue))})`;
    }
    case 'ratio': return formats.pointsChange(difference);
    case 'rate': {
      // Beyond 1,000 % a year both are shown as "> 1,000%", and so is any difference between them.
      const shownBoth = baselineValue !== null && Math.abs(baselineValue) <= LARGEST_SHOWN_RATE && Math.abs(baselineValue + difference) <= LARGEST_SHOWN_RATE;
      return shownBoth ? formats.pointsChange(difference) : MISSING;
    }
    case 'period': return formatPeriodChange(difference, periodsPerYear);
    default: return formats.equityChange(difference);
  }
}

/** The word for one period at a granularity: "month", "quarter" or "week". */
export function periodName(periodsPerYear: PeriodsPerYear): string {
  return periodsPerYear === 4 ? 'quarter' : periodsPerYear === 52 ? 'week' : 'month';
}

/** The granularity as an adjective: "monthly", "quarterly" or "weekly". */
export function granularityName(periodsPerYear: PeriodsPerYear): string {
  return periodsPerYear === 4 ? 'quarterly' : periodsPerYear === 52 ? 'weekly' : 'monthly';
}

/** A period number in words: (14, 12) → "month 14"; null → "—". */
export function formatPeriod(period: number | null, periodsPerYear: PeriodsPerYear): string {
  return period === null ? MISSING : `${periodName(periodsPerYear)} ${period}`;
}

/** A signed number of periods: (3, 12) → "+3 months", (-1, 4) → "-1 quarter". */
export function formatPeriodChange(periods: number | null, periodsPerYear: PeriodsPerYear): string {
  return orMissing(periods, (change) => {
    const unit = periodName(periodsPerYear);
    const whole = Math.round(change);
    return `${whole > 0 ? '+' : ''}${whole === 0 ? 0 : whole} ${Math.abs(whole) === 1 ? unit : `${unit}s`}`;
  });
}

// A setting's value in the units of its field, four significant digits: 24, 0.015, 60,000.
const settingValue = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 4 });
const threeDecimals = new Intl.NumberFormat('en-US', { minimumFractionDigits: 3, maximumFractionDigits: 3 });

/** A setting's value, four significant digits, whatever its scale: 24, 0.01523, 45,230; "—" when missing. */
export function formatSettingValue(value: number | null): string {
  return orMissing(value, (number) => settingValue.format(number));
}

/** A coefficient of determination (R²), three decimals: 0.91234 → "0.912"; "—" when missing. */
export function formatRSquared(value: number | null): string {
  return orMissing(value, (number) => threeDecimals.format(number));
}

/** A count with its noun, pluralised: (1, 'year') → "1 year", (3, 'year') → "3 years". */
export function countOf(count: number, noun: string): string {
  return `${count} ${count === 1 ? noun : `${noun}s`}`;
}

function orMissing(value: number | null | undefined, format: (value: number) => string): string {
  return value === null || value === undefined || !Number.isFinite(value) ? MISSING : format(value);
}
