import { formatLocale } from 'd3';
import type { PeriodsPerYear } from '../engine/index.ts';

/** What a missing value (a null ROI, no payback) shows as: never "null", "NaN" or "undefined". */
export const MISSING = '—';

// The model has no currency, so money has thousands separators and no symbol. An ASCII minus
// rather than d3's typographic "−" keeps output easy to grep, paste and parse.
const locale = formatLocale({ decimal: '.', thousands: ',', grouping: [3], currency: ['', ''], minus: '-' });
const money = locale.format(',.0f');
const signedMoney = locale.format('+,.0f');
const percent = locale.format('.1%');
const signedPercent = locale.format('+.1%');
const equity = locale.format('.3f');
const signedEquity = locale.format('+.3f');
const signedPoints = locale.format('+.1f');
const signedWhole = locale.format('+d');
const multiple = locale.format('.2f');

/** Money in whole units with thousands separators: 1234567.8 → "1,234,568". */
export function formatMoney(value: number | null): string {
  return orMissing(value, money);
}

/** A ratio as a percentage with one decimal: 0.1234 → "12.3%". */
export function formatPercent(value: number | null): string {
  return orMissing(value, percent);
}

/** Brand equity on its 0–1 scale, three decimals: 0.41234 → "0.412". */
export function formatEquity(value: number | null): string {
  return orMissing(value, equity);
}

/** A multiple of some amount, two decimals: 1.5 → "1.50×". */
export function formatMultiple(value: number | null): string {
  return orMissing(value, (times) => `${multiple(times)}×`);
}

/** A money difference with its sign: "+12,345", "-500", and "0" when it rounds to nothing. */
export function formatMoneyChange(value: number | null): string {
  return orMissing(value, (change) => withoutSignedZero(signedMoney(change)));
}

/** A relative change as a signed percentage: 0.045 → "+4.5%". */
export function formatPercentChange(value: number | null): string {
  return orMissing(value, (change) => withoutSignedZero(signedPercent(change)));
}

/** A change in a ratio, in percentage points: 0.023 → "+2.3 pts". */
export function formatPointsChange(value: number | null): string {
  return orMissing(value, (change) => `${withoutSignedZero(signedPoints(change * 100))} pts`);
}

/** A change in brand equity, three decimals: "+0.012". */
export function formatEquityChange(value: number | null): string {
  return orMissing(value, (change) => withoutSignedZero(signedEquity(change)));
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
    return `${withoutSignedZero(signedWhole(change))} ${Math.abs(change) === 1 ? unit : `${unit}s`}`;
  });
}

/** A count with its noun, pluralised: (1, 'year') → "1 year", (3, 'year') → "3 years". */
export function countOf(count: number, noun: string): string {
  return `${count} ${count === 1 ? noun : `${noun}s`}`;
}

function orMissing(value: number | null | undefined, format: (value: number) => string): string {
  return value === null || value === undefined || !Number.isFinite(value) ? MISSING : format(value);
}

// A change that rounds to zero reads better as "0" than as "+0" or "-0".
function withoutSignedZero(text: string): string {
  return text.replace(/^[+-](0(\.0+)?)(%?)$/, '$1$3');
}
