// Shared by the command, the app and the charts, so an amount, a percentage or a rate reads the
// same in a terminal table, a figure card, a tooltip and a chart axis: keep this file free of
// Node and DOM APIs.
import { formatLocale } from 'd3';
import { currencySymbol } from '../model/currency.ts';
import type { FigureUnit } from '../key-figures.ts';
import { MAX_REPORTED_RATE } from '../sim/internal-rate-of-return.ts';
import { periodLabel, yearLabel } from './period-label.ts';

/** What a missing value (a null ROI, no payback, no IRR) shows as: never "null", "NaN" or "undefined". */
export const MISSING = '—';

/** Rates above this (1,000 % a year) are shown as "> 1,000%": beyond it the number says nothing more. */
export const LARGEST_SHOWN_RATE = 10;

/** What the formats depend on: the model's currency and calendar. */
export interface NumberFormatOptions {
  /** ISO 4217 code ("EUR"); undefined: money has no symbol. */
  currency?: string;
  /** 12, 4 or 52; default 12. */
  periodsPerYear?: number;
  /** Calendar year of period 1, for period labels. */
  startYear?: number;
  /** Calendar month (1–12) the plan's years begin in; default 1. */
  fiscalYearStartMonth?: number;
}

/**
 * Every way a number is written for people, for one model: money carries the model's currency
 * symbol everywhere (figures, tables, tooltips, axes). Every function returns `MISSING` ("—")
 * for null, undefined, NaN or ±Infinity, so no display ever shows "NaN".
 *
 * Money is whole units with thousands separators; an ASCII "-" rather than d3's typographic
 * "−" keeps text easy to grep, paste and parse. The sign comes before the symbol ("-€1,234").
 */
export interface NumberFormats {
  /** The ISO code, if the model has one. */
  readonly currency: string | undefined;
  /** "€", "$", "CHF", or "" without a currency. */
  readonly symbol: string;
  readonly periodsPerYear: number;
  /** "€1,234,568". */
  money(value: number | null | undefined): string;
  /** "€1.18": small amounts to the cent, such as what the next €1 returns. */
  moneyCents(value: number | null | undefined): string;
  /** "€1.23M", "€450k", "€1.5B": chart axes and tight spaces. */
  moneyShort(value: number | null | undefined): string;
  /** "+€12,345", "-€500", "€0" when it rounds to nothing. */
  moneyChange(value: number | null | undefined): string;
  /** "12.3%": ratios (ROI) and shares. */
  percent(value: number | null | undefined): string;
  /** "40%": shares on axes. */
  percentWhole(value: number | null | undefined): string;
  /** "+4.5%", "0.0%" when it rounds to nothing. */
  percentChange(value: number | null | undefined): string;
  /** A change in a ratio in percentage points: 0.023 → "+2.3 pts". */
  pointsChange(value: number | null | undefined): string;
  /** A yearly rate (IRR): "23.4%", and "> 1,000%" above `LARGEST_SHOWN_RATE`. */
  rate(value: number | null | undefined): string;
  /** Brand equity on its 0–1 scale: "0.371". */
  equity(value: number | null | undefined): string;
  /** "+0.012". */
  equityChange(value: number | null | undefined): string;
  /** "month", "quarter" or "week". */
  readonly periodName: string;
  /** "Month 14": a period by its number, as payback is given; "—" when missing. */
  period(t: number | null | undefined): string;
  /** "2027-03", "FY2027-Q1" or "Y1-M03": the same label as the CSV export's. */
  periodLabel(t: number): string;
  /** "Year 2 (Apr 2028 – Mar 2029)". */
  yearLabel(year: number): string;
}

const PERIOD_NAMES: Readonly<Record<number, string>> = { 12: 'month', 4: 'quarter', 52: 'week' };

const locale = formatLocale({ decimal: '.', thousands: ',', grouping: [3], currency: ['', ''], minus: '-' });
const wholeMoney = locale.format(',.0f');
const centsMoney = locale.format(',.2f');
const compactMoney = locale.format('.3~s');
const percentOneDecimal = locale.format(',.1%');
const percentWholeFormat = locale.format('.0%');
const signedPercent = locale.format('+.1%');
const signedPoints = locale.format('+.1f');
const equityFormat = locale.format('.3f');
const signedEquity = locale.format('+.3f');

function orMissing(value: number | null | undefined, format: (value: number) => string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  // A finite number can still overflow on the way (1e308 as a percentage is 1e310).
  const text = format(value);
  return /Infinity|NaN/.test(text) ? MISSING : text;
}

/** A change that rounds to zero reads better as "0" than as "+0" or "-0". */
function withoutSignedZero(text: string): string {
  return text.replace(/^[+-](0(\.0+)?)(%?)$/, '$1$3');
}

/**
 * Puts the symbol after any sign: ("-1,234", "€") → "-€1,234"; a symbol that is letters
 * ("CHF") gets a space: "CHF 1,234".
 */
export function withCurrencySymbol(amount: string, symbol: string): string {
  if (symbol === '') return amount;
  const sign = amount.startsWith('-') || amount.startsWith('+') ? amount[0] : '';
  const separator = /\p{L}$/u.test(symbol) ? ' ' : '';
  return `${sign}${symbol}${separator}${amount.slice(sign.length)}`;
}

/**
 * The number formats for a model (see `NumberFormats`).
 * @example createNumberFormats({ currency: 'EUR' }).money(-1234.5) // "-€1,235"
 * @example createNumberFormats({}).rate(12) // "> 1,000%"
 */
export function createNumberFormats(options: NumberFormatOptions = {}): NumberFormats {
  const symbol = currencySymbol(options.currency);
  const periodsPerYear = options.periodsPerYear ?? 12;
  const fiscalYearStartMonth = options.fiscalYearStartMonth ?? 1;
  const periodName = PERIOD_NAMES[periodsPerYear] ?? 'period';
  return {
    currency: options.currency,
    symbol,
    periodsPerYear,
    money: (value) => orMissing(value, (number) => withCurrencySymbol(wholeMoney(number), symbol)),
    moneyCents: (value) => orMissing(value, (number) => withCurrencySymbol(centsMoney(number), symbol)),
    moneyShort: (value) => orMissing(value, (number) => withCurrencySymbol(compactMoney(number).replace('G', 'B'), symbol)),
    moneyChange: (value) => orMissing(value, (number) => {
      const text = wholeMoney(number);
      const signed = text === '0' || text === '-0' ? '0' : number > 0 ? `+${text}` : text;
      return withCurrencySymbol(signed, symbol);
    }),
    percent: (value) => orMissing(value, percentOneDecimal),
    percentWhole: (value) => orMissing(value, percentWholeFormat),
    percentChange: (value) => orMissing(value, (number) => withoutSignedZero(signedPercent(number))),
    pointsChange: (value) => orMissing(value, (number) => `${withoutSignedZero(signedPoints(number * 100))} pts`),
    rate: (value) => orMissing(value, (number) => (number > LARGEST_SHOWN_RATE || number >= MAX_REPORTED_RATE ? `> ${wholeMoney(LARGEST_SHOWN_RATE * 100)}%` : percentOneDecimal(number))),
    equity: (value) => orMissing(value, equityFormat),
    equityChange: (value) => orMissing(value, (number) => withoutSignedZero(signedEquity(number))),
    periodName,
    period: (t) => orMissing(t, (number) => `${periodName[0].toUpperCase()}${periodName.slice(1)} ${number}`),
    periodLabel: (t) => periodLabel(t, periodsPerYear, options.startYear, fiscalYearStartMonth),
    yearLabel: (year) => yearLabel(year, options.startYear, fiscalYearStartMonth),
  };
}

/** Formats for numbers with no currency and a plain calendar: the default until a model's are given. */
export const PLAIN_NUMBER_FORMATS: NumberFormats = createNumberFormats();

/**
 * A key figure's value as its unit shows it (`KEY_FIGURES`, src/engine/key-figures.ts): money
 * with the model's symbol, ROI as a percentage, IRR as a yearly rate ("> 1,000%" when huge),
 * payback as a period ("Month 14" by default; the command passes its own lower-case wording),
 * equity with three decimals; "—" where it is missing. The app and the command both show
 * figures through this one function.
 */
export function formatFigureValue(
  unit: FigureUnit, value: number | null | undefined, formats: NumberFormats,
  period: (t: number | null | undefined) => string = formats.period,
): string {
  switch (unit) {
    case 'money': return formats.money(value);
    case 'ratio': return formats.percent(value);
    case 'rate': return formats.rate(value);
    case 'period': return period(value);
    default: return formats.equity(value);
  }
}

/** A marginal ROI, signed: 0.183 → "+18.3%" (the next unit of money returns 1.183); "—" when missing. */
export function formatSignedRatio(value: number | null | undefined, formats: NumberFormats = PLAIN_NUMBER_FORMATS): string {
  const text = formats.percent(value);
  return value !== null && value !== undefined && value > 0 && text !== MISSING ? `+${text}` : text;
}
