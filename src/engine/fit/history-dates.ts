import type { PeriodsPerYear } from '../model/model.ts';
import { quoted } from './history-cells.ts';
import { HistoryError } from './history-table.ts';

/** How a history at each of the model's granularities is described, stepped and bounded. */
export interface HistoryFrequency {
  /** "weekly": the history's frequency in messages. */
  name: string;
  /** "week": one period, in messages ("the next week starts …"). */
  period: string;
  /** Calendar months between period starts; 0 for weeks, which step by days. */
  months: number;
  /** Days between period starts, for weeks; 0 for months and quarters. */
  days: number;
  /**
   * The fewest rows the fit accepts. Below this the settings a fit estimates outnumber what the
   * rows can tell apart; the fit itself decides how many of them to hold out.
   */
  minimumRows: number;
  /** `minimumRows` in words, for the message. */
  minimumSpan: string;
}

/** The model's three granularities (`periodsPerYear`), as a history's dates follow them. */
export const HISTORY_FREQUENCIES: Readonly<Record<PeriodsPerYear, HistoryFrequency>> = {
  52: { name: 'weekly', period: 'week', months: 0, days: 7, minimumRows: 26, minimumSpan: 'half a year' },
  12: { name: 'monthly', period: 'month', months: 1, days: 0, minimumRows: 12, minimumSpan: 'a year' },
  4: { name: 'quarterly', period: 'quarter', months: 3, days: 0, minimumRows: 8, minimumSpan: 'two years' },
};

/** A calendar date read from an ISO yyyy-mm-dd cell. */
export interface HistoryDate {
  text: string;
  year: number;
  /** 1 … 12. */
  month: number;
  /** 1 … 31. */
  day: number;
  /** Days since 1970-01-01, for gaps and order. */
  dayNumber: number;
}

const MS_PER_DAY = 86_400_000;

/**
 * The date in an ISO yyyy-mm-dd cell, or undefined when the text is not one or names no real
 * day (2023-02-29, 2024-13-01). Times, other separators and day-first orders are refused rather
 * than guessed: 03/04/2024 is the 3rd of April in one country and the 4th of March in another.
 * @example isoDate('2024-02-29')?.dayNumber // 19782
 */
export function isoDate(text: string): HistoryDate | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match === null) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { text, year, month, day, dayNumber: Date.UTC(year, month - 1, day) / MS_PER_DAY };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The ISO text of the date `months` calendar months after `date`, on the same day of the month (which must exist). */
function addMonths(date: HistoryDate, months: number): string {
  const index = date.year * 12 + (date.month - 1) + months;
  return isoText(Math.floor(index / 12), (index % 12) + 1, date.day);
}

function addDays(date: HistoryDate, days: number): string {
  const moved = new Date((date.dayNumber + days) * MS_PER_DAY);
  return isoText(moved.getUTCFullYear(), moved.getUTCMonth() + 1, moved.getUTCDate());
}

function isoText(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The start of the period after the one starting at `date`, at a frequency. */
function nextPeriodStart(date: HistoryDate, frequency: HistoryFrequency): string {
  return frequency.months > 0 ? addMonths(date, frequency.months) : addDays(date, frequency.days);
}

/** A history frequency the model does not have, recognised only to name it in a message. */
const OTHER_FREQUENCIES: readonly { name: string; matches: (from: HistoryDate, to: HistoryDate) => boolean }[] = [
  { name: 'daily', matches: (from, to) => to.dayNumber - from.dayNumber === 1 },
  { name: 'yearly', matches: (from, to) => to.month === from.month && to.day === from.day && to.year === from.year + 1 },
];

/**
 * The frequency two successive dates follow ("weekly", "monthly", …), or undefined when they
 * follow none (a gap of 10 days).
 */
function frequencyBetween(from: HistoryDate, to: HistoryDate): string | undefined {
  for (const frequency of Object.values(HISTORY_FREQUENCIES)) {
    const stepsExist = frequency.months === 0 || from.day <= 28;
    if (stepsExist && nextPeriodStart(from, frequency) === to.text) return frequency.name;
  }
  return OTHER_FREQUENCIES.find((other) => other.matches(from, to))?.name;
}

/**
 * Checks that a history's dates are the starts of consecutive periods at the model's
 * granularity: weekly 7 days apart; monthly the same day of each calendar month (2024-01-01,
 * 2024-02-01, …); quarterly the same day every three months.
 *
 * The history's own frequency is read from its first two gaps; when both show the same
 * frequency and it is not the model's, that is the message (a weekly file for a monthly
 * model), rather than "a gap" at the second row. Otherwise each date must be the one after
 * the previous row's: a repeated date, a date out of order and a gap each name their rows. A gap
 * whose missing period comes later in the file is rows out of order (two rows swapped), and is
 * reported as such at the first row whose date is earlier than the row before it.
 *
 * @param dates the date column, row by row, already read by `isoDate`
 * @param column the date column's header, for messages
 * @throws HistoryError naming the row (the header is row 1) and the dates involved
 */
export function checkHistoryDates(dates: readonly HistoryDate[], periodsPerYear: PeriodsPerYear, column: string): void {
  const frequency = HISTORY_FREQUENCIES[periodsPerYear];
  const fail = (index: number, message: string): never => {
    throw new HistoryError(`row ${index + 2}, column ${quoted(column)}: ${message}`, index + 2, column, true);
  };
  if (dates.length === 0) return;
  checkFrequency(dates, periodsPerYear, column);
  if (frequency.months > 0 && dates[0].day > 28) {
    fail(0, `${frequency.name} dates fall on the same day of each month, and not every month has a day ${dates[0].day} `
      + `(${dates[0].text}); date each ${frequency.period} by its first day`);
  }
  const seen = new Map<string, number>();
  seen.set(dates[0].text, 0);
  for (let index = 1; index < dates.length; index += 1) {
    const date = dates[index];
    const previous = dates[index - 1];
    const earlier = seen.get(date.text);
    if (earlier !== undefined) fail(index, `${date.text} appears twice, in rows ${earlier + 2} and ${index + 2}`);
    seen.set(date.text, index);
    if (date.dayNumber < previous.dayNumber) {
      fail(index, `${date.text} comes after ${previous.text} (row ${index + 1}); the rows must be in date order`);
    }
    const expected = nextPeriodStart(previous, frequency);
    if (date.text === expected) continue;
    // The "missing" period further down means rows out of order (two swapped), not a gap.
    const disorder = firstDescentBefore(dates, index, expected);
    if (disorder !== undefined) {
      fail(disorder, `${dates[disorder].text} comes after ${dates[disorder - 1].text} (row ${disorder + 1}); the rows must be in date order`);
    }
    const missing = periodsBetween(previous, date, frequency);
    fail(index, missing > 0
      ? `a gap: ${date.text} follows ${previous.text} (row ${index + 1}), but the next ${frequency.period} starts ${expected} `
        + `(${missing} ${frequency.period}${missing === 1 ? ' is' : 's are'} missing); the ${frequency.period}s must be consecutive`
      : `${date.text} follows ${previous.text} (row ${index + 1}), but the next ${frequency.period} starts ${expected}; `
        + `${frequency.name} dates are ${stepInWords(frequency)}`);
  }
}

/**
 * When the date `expected` is in a row after `from`, the first row between them whose date is
 * earlier than the row before it (there is one when `dates[from]` is after `expected`: the dates
 * go down to it); otherwise undefined.
 */
function firstDescentBefore(dates: readonly HistoryDate[], from: number, expected: string): number | undefined {
  const later = dates.findIndex((date, index) => index > from && date.text === expected);
  if (later === -1) return undefined;
  for (let index = from + 1; index <= later; index += 1) {
    if (dates[index].dayNumber < dates[index - 1].dayNumber) return index;
  }
  return undefined;
}

/** Throws when the first two gaps agree on a frequency other than the model's. */
function checkFrequency(dates: readonly HistoryDate[], periodsPerYear: PeriodsPerYear, column: string): void {
  if (dates.length < 2) return;
  const found = frequencyBetween(dates[0], dates[1]);
  const wanted = HISTORY_FREQUENCIES[periodsPerYear];
  if (found === undefined || found === wanted.name) return;
  if (dates.length > 2 && frequencyBetween(dates[1], dates[2]) !== found) return;
  const match = Object.entries(HISTORY_FREQUENCIES).find(([, frequency]) => frequency.name === found);
  const remedy = match === undefined
    ? `the history must be ${wanted.name} (${stepInWords(wanted)}): sum it by ${wanted.period}`
    : `fit it with a ${found} model (periodsPerYear ${match[0]}), or sum the history by ${wanted.period}`;
  throw new HistoryError(
    `the history is ${found} (column ${quoted(column)}: ${dates[0].text} in row 2, ${dates[1].text} in row 3: ${daysApart(dates[0], dates[1])}) `
    + `but the model has periodsPerYear ${periodsPerYear} (${wanted.name}); ${remedy}`,
    null, column, true,
  );
}

/** Whole periods missing between two dates, or 0 when the later one is not on the frequency's steps after the earlier. */
function periodsBetween(from: HistoryDate, to: HistoryDate, frequency: HistoryFrequency): number {
  if (frequency.months === 0) {
    const gap = to.dayNumber - from.dayNumber;
    return gap % frequency.days === 0 ? gap / frequency.days - 1 : 0;
  }
  const months = (to.year - from.year) * 12 + (to.month - from.month);
  return to.day === from.day && months % frequency.months === 0 ? months / frequency.months - 1 : 0;
}

function stepInWords(frequency: HistoryFrequency): string {
  if (frequency.months === 0) return `${frequency.days} days apart`;
  return frequency.months === 1
    ? 'on the same day of each month'
    : `on the same day every ${frequency.months} months`;
}

function daysApart(from: HistoryDate, to: HistoryDate): string {
  const days = to.dayNumber - from.dayNumber;
  return `${days} day${days === 1 ? '' : 's'} apart`;
}
