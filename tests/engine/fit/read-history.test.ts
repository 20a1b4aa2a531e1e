import { csvFormatRows, median as d3median } from 'd3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HISTORY_FREQUENCIES, isoDate } from '../../../src/engine/fit/history-dates.ts';
import { holdsWholeRow, unclosedQuote } from '../../../src/engine/fit/history-quotes.ts';
import { HistoryError, type HistoryOptions } from '../../../src/engine/fit/history-table.ts';
import {
  MAX_HISTORY_BYTES, MAX_TEXT_DRIVER_VALUES, historyColumns, readHistory,
} from '../../../src/engine/fit/read-history.ts';
import type { ChannelModel, PeriodsPerYear } from '../../../src/engine/model/model.ts';
import { channelExampleModel } from '../channel-example-model.ts';

// The history reader of issue 12 (Input, Bad input). Every history here is built in the test:
// dates stepped by hand, spends and revenue chosen so that each expected number is visible.

/** The spec's example channel model (TV and Sponsorship upstream, Search and Social downstream) at a granularity. */
function modelAt(periodsPerYear: PeriodsPerYear): ChannelModel {
  return { ...channelExampleModel(), periodsPerYear };
}

const weekly = modelAt(52);
const monthly = modelAt(12);
const quarterly = modelAt(4);

/** ISO date `days` after 2024-01-01. */
function dayAfterNewYear(days: number): string {
  return new Date(Date.UTC(2024, 0, 1 + days)).toISOString().slice(0, 10);
}

/** Weekly starts from 2024-01-01. */
function weeklyDates(count: number): string[] {
  return Array.from({ length: count }, (_, index) => dayAfterNewYear(7 * index));
}

/** Starts of months (step 1) or quarters (step 3) from a first month of 2024, on day `day`. */
function monthlyDates(count: number, step: number, day = 1): string[] {
  return Array.from({ length: count }, (_, index) => {
    const month = index * step;
    return `${2024 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  });
}

interface TableOptions {
  dates?: string[];
  /** Extra columns: name → one cell per row (or a function of the row index). */
  extra?: Record<string, (index: number) => string>;
  header?: string[];
}

/**
 * A valid weekly history by default (30 rows): date, revenue, the four channels' spends in the
 * order Search, TV, Social, Sponsorship (downstream first, so that reading them in the model's
 * order is tested), then any extra columns. Revenue in row i is 1000 + i, TV spend 10·i, …
 */
function rowsOf({ dates = weeklyDates(30), extra = {} }: TableOptions = {}): string[][] {
  const header = ['date', 'revenue', 'Search', 'TV', 'Social', 'Sponsorship', ...Object.keys(extra)];
  const rows = dates.map((date, index) => [
    date, String(1000 + index), String(index), String(10 * index), String(2 * index), String(index % 3),
    ...Object.values(extra).map((cell) => cell(index)),
  ]);
  return [header, ...rows];
}

function csvOf(rows: string[][]): string {
  return csvFormatRows(rows);
}

/** The HistoryError thrown by reading `text`; fails the test when nothing or something else is thrown. */
function historyError(read: () => unknown): HistoryError {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(HistoryError);
    return error as HistoryError;
  }
  throw new Error('expected a HistoryError, and the history was read');
}

function errorReading(text: string, model: ChannelModel = weekly, options?: HistoryOptions): HistoryError {
  return historyError(() => readHistory(text, model, options));
}

/** Sets one cell (row as a spreadsheet numbers it: the header is row 1) of a table, returning the CSV. */
function withCell(rows: string[][], row: number, column: string, cell: string): string {
  const copy = rows.map((cells) => [...cells]);
  copy[row - 1][copy[0].indexOf(column)] = cell;
  return csvOf(copy);
}

describe('readHistory reads good histories', () => {
  it('reads a weekly history: dates, target, each channel in the model order (upstream first), drivers in file order', () => {
    const history = readHistory(csvOf(rowsOf({ extra: { price: (i) => String(2 + i / 10), promo: (i) => (i % 4 === 0 ? 'sale' : 'none') } })), weekly);
    expect(history.periodsPerYear).toBe(52);
    expect(history.dates).toHaveLength(30);
    expect(history.dates.slice(0, 3)).toEqual(['2024-01-01', '2024-01-08', '2024-01-15']);
    expect(history.targetName).toBe('revenue');
    expect(history.target[0]).toBe(1000);
    expect(history.target[29]).toBe(1029);
    expect(history.channels.map((channel) => [channel.name, channel.side, channel.column])).toEqual([
      ['TV', 'upstream', 'TV'], ['Sponsorship', 'upstream', 'Sponsorship'], ['Search', 'downstream', 'Search'], ['Social', 'downstream', 'Social'],
    ]);
    expect(Array.from(history.channels[0].spend.slice(0, 4))).toEqual([0, 10, 20, 30]);
    expect(Array.from(history.channels[1].spend.slice(0, 4))).toEqual([0, 1, 2, 0]);
    expect(history.drivers.map((driver) => [driver.name, driver.kind])).toEqual([['price', 'numeric'], ['promo', 'text']]);
    const price = history.drivers[0];
    expect(price.kind === 'numeric' && price.values[5]).toBe(2.5);
  });

  it.each([
    ['monthly, on the first', monthly, monthlyDates(12, 1)],
    ['monthly, mid-month, across a year end', monthly, monthlyDates(14, 1, 15).slice(2)],
    ['monthly through a leap February on the 28th', monthly, monthlyDates(12, 1, 28)],
    ['quarterly', quarterly, monthlyDates(8, 3)],
    ['weekly across a leap day', weekly, Array.from({ length: 26 }, (_, index) => dayAfterNewYear(49 + 7 * index))],
  ])('reads %s dates', (_, model, dates) => {
    expect(readHistory(csvOf(rowsOf({ dates })), model).dates).toEqual(dates);
  });

  it('matches names ignoring case when that finds one column, and takes the first column as the dates when none is "date"', () => {
    const rows = rowsOf();
    rows[0] = ['week_start', 'Revenue', 'SEARCH', 'tv', 'Social', 'sponsorship'];
    const history = readHistory(csvOf(rows), weekly);
    expect(history.targetName).toBe('Revenue');
    expect(history.channels.map((channel) => channel.column)).toEqual(['tv', 'sponsorship', 'SEARCH', 'Social']);
    expect(history.drivers).toEqual([]);
  });

  it('reads --map (column → channel), --ignore and --target', () => {
    const rows = rowsOf({ extra: { sales: (i) => String(50 + i), note: () => 'free text' } });
    rows[0][3] = 'tv_S';
    rows[0][2] = 'search_S';
    const history = readHistory(csvOf(rows), weekly, {
      map: { tv_S: 'TV', search_S: 'Search' }, ignore: ['note', 'revenue'], target: 'sales',
    });
    expect(history.targetName).toBe('sales');
    expect(history.target[3]).toBe(53);
    expect(history.channels.map((channel) => [channel.name, channel.column])).toEqual([
      ['TV', 'tv_S'], ['Sponsorship', 'Sponsorship'], ['Search', 'search_S'], ['Social', 'Social'],
    ]);
    expect(history.channels[0].spend[3]).toBe(30);
    expect(history.drivers).toEqual([]);
  });

  it('reads a text driver\'s levels with the most common value first (the baseline) and ties in the order first seen', () => {
    // b, c and a appear 10 times each, b first; d 0 … the cycle is b c a b c a …
    const cycle = ['b', 'c', 'a'];
    const history = readHistory(csvOf(rowsOf({ extra: { promo: (i) => cycle[i % 3], event: (i) => (i < 3 ? 'launch' : i < 20 ? 'none' : 'sale') } })), weekly);
    const [promo, event] = history.drivers;
    expect(promo).toEqual({ name: 'promo', kind: 'text', values: Array.from({ length: 30 }, (_, i) => cycle[i % 3]), levels: ['b', 'c', 'a'] });
    expect(event.kind === 'text' && event.levels).toEqual(['none', 'sale', 'launch']);
  });

  it('strips a byte-order mark, reads CRLF line ends, quoted fields with commas and quotes, and drops trailing blank lines', () => {
    const rows = rowsOf({ extra: { promo: (i) => (i % 2 === 0 ? 'Sale, 10% off' : 'none "regular"') } });
    const text = `\uFEFF${csvOf(rows).replaceAll('\n', '\r\n')}\r\n\r\n,,,,,,\r\n`;
    const history = readHistory(text, weekly);
    expect(history.dates[0]).toBe('2024-01-01');
    expect(history.drivers[0].kind === 'text' && history.drivers[0].levels).toEqual(['Sale, 10% off', 'none "regular"']);
    expect(history.channels[0].spend[29]).toBe(290);
    expect(readHistory(`\uFEFF${csvOf(rowsOf()).replace('date', '"date"')}`, weekly).dates[0]).toBe('2024-01-01');
  });

  it('reads spends written with signs, decimals and exponents, and −0 as 0', () => {
    const rows = rowsOf();
    rows[2][3] = '1.5e3';
    rows[3][3] = '+.5';
    rows[4][3] = '-0';
    const spend = readHistory(csvOf(rows), weekly).channels[0].spend;
    expect([spend[1], spend[2], spend[3]]).toEqual([1500, 0.5, 0]);
    expect(Object.is(spend[3], -0)).toBe(false);
  });

  it('keeps column names such as __proto__ as plain data: no prototype is touched', () => {
    const prototypeKeys = Object.getOwnPropertyNames(Object.prototype);
    const rows = rowsOf({ extra: { ['__proto__']: (i: number) => String(i), constructor: (i: number) => (i % 2 ? 'x' : 'y') } });
    rows[0][3] = 'toString';
    const options = JSON.parse('{"map": {"toString": "TV"}, "ignore": ["constructor"]}') as HistoryOptions;
    const history = readHistory(csvOf(rows), weekly, options);
    expect(rows[0]).toContain('__proto__');
    expect(history.drivers.map((driver) => driver.name)).toEqual(['__proto__']);
    expect(history.channels[0].column).toBe('toString');
    expect(Object.getOwnPropertyNames(Object.prototype)).toEqual(prototypeKeys);
    // A --map entry named __proto__ from JSON is an own key, read as a column name like any other.
    const error = errorReading(csvOf(rowsOf()), weekly, JSON.parse('{"map": {"__proto__": "TV"}}') as HistoryOptions);
    expect(error.message).toContain('there is no column "__proto__"');
  });

  it('reads a history written like the Robyn demo (quoted header, "DATE", renamed spends, exposures left out, a text driver)', () => {
    const header = ['"DATE"', '"revenue"', '"tv_S"', '"ooh_S"', '"facebook_I"', '"search_S"', '"competitor_sales_B"', '"facebook_S"', '"events"'];
    const lines = weeklyDates(30).map((date, i) => [date, 2754371.66666667 + i, 22358.3466666667 * (i % 2), 0, 24301284.2375304, i * 4133.33333333333,
      8125009 - i, 7607.1329148046, i === 5 ? '"event1"' : '"na"'].join(','));
    const text = [header.join(','), ...lines].join('\n');
    const history = readHistory(text, weekly, {
      map: { tv_S: 'TV', ooh_S: 'Sponsorship', search_S: 'Search', facebook_S: 'Social' }, ignore: ['facebook_I'],
    });
    expect(history.channels.map((channel) => channel.column)).toEqual(['tv_S', 'ooh_S', 'search_S', 'facebook_S']);
    expect(history.channels[0].spend[1]).toBe(22358.3466666667);
    expect(history.drivers.map((driver) => driver.kind === 'text' ? driver.levels : driver.name)).toEqual(['competitor_sales_B', ['na', 'event1']]);
  });
});

describe('readHistory refuses bad input with one message naming the row and column', () => {
  const good = rowsOf({ extra: { price: (i) => String(3 + (i % 5)) } });

  it('a channel without a column, suggesting the columns that contain its name, or else the closest', () => {
    const rows = rowsOf({ extra: { tv_I: (i) => String(i) } });
    rows[0][3] = 'TV_spend';
    expect(errorReading(csvOf(rows)).message).toBe(
      'the model\'s channel "TV" has no spend column; did you mean "TV_spend" or "tv_I"? Name it "TV" or use --map "TV_spend=TV"');
    rows[0][4] = 'Socal';
    expect(errorReading(csvOf(rows), weekly, { map: { TV_spend: 'TV' } }).message).toBe(
      'the model\'s channel "Social" has no spend column; did you mean "Socal"? Name it "Social" or use --map "Socal=Social"');
  });

  it('a channel without a column and nothing close: lists the columns left', () => {
    const rows = rowsOf();
    rows[0][3] = 'television';
    expect(errorReading(csvOf(rows)).message).toBe(
      'the model\'s channel "TV" has no spend column; name one "TV" or use --map "COLUMN=TV" (columns not yet read: "television")');
  });

  it('a misspelt target, and a --target that names no column', () => {
    const rows = rowsOf();
    rows[0][1] = 'revenu';
    expect(errorReading(csvOf(rows)).message).toBe(
      'the target "revenue" (--target NAME reads another column): there is no column "revenue"; did you mean "revenu"?');
    expect(errorReading(csvOf(rowsOf()), weekly, { target: 'sales' }).message).toContain('the target "sales": there is no column "sales"; the columns are "date", "revenue"');
  });

  it('--map and --ignore entries that name no column or no channel', () => {
    const text = csvOf(rowsOf());
    expect(errorReading(text, weekly, { map: { tv_spend: 'TV' } }).message).toBe(
      '--map "tv_spend=TV": there is no column "tv_spend"; the columns are "date", "revenue", "Search", "TV", "Social" and "Sponsorship"');
    expect(errorReading(text, weekly, { map: { Socail: 'Social' } }).message).toBe('--map "Socail=Social": there is no column "Socail"; did you mean "Social"?');
    expect(errorReading(text, weekly, { map: { TV: 'Television' } }).message).toBe(
      '--map "TV=Television": the model has no channel "Television"; the channels are "TV", "Sponsorship", "Search" and "Social"');
    expect(errorReading(text, weekly, { ignore: ['pric'] }).message).toContain('--ignore "pric": there is no column "pric"');
    expect(errorReading(text, weekly, { ignore: ['date'] }).message).toBe('--ignore "date": column "date" holds the dates and cannot be left out');
    expect(errorReading(text, weekly, { map: { revenue: 'TV' } }).message).toBe('--map "revenue=TV": column "revenue" is already the target');
    expect(errorReading(text, weekly, { map: { Social: 'Search', Search: 'Search' } }).message).toBe(
      '--map "Search=Search": channel "Search" already reads column "Social"; a channel has one spend column');
  });

  it('two columns that match a channel when case is ignored', () => {
    const rows = rowsOf({ extra: { tv: (i) => String(i) } });
    rows[0][3] = 'Tv';
    expect(errorReading(csvOf(rows)).message).toBe(
      'columns "Tv" and "tv" all match channel "TV" when case is ignored; name one exactly "TV" or use --map "COLUMN=TV"');
  });

  it('a channel\'s own column made the target or left out: says what was asked, at that column', () => {
    const asTarget = errorReading(csvOf(rowsOf()), weekly, { target: 'TV' });
    expect(asTarget.message).toBe('--target "TV": column "TV" is channel "TV"\'s spend, and every channel of the model needs its spend column; '
      + '--target NAME reads another column');
    expect(asTarget.column).toBe('TV');
    const ignored = errorReading(csvOf(rowsOf()), weekly, { ignore: ['search'] });
    expect(ignored.message).toBe('--ignore "Search": column "Search" is channel "Search"\'s spend, and every channel of the model needs its spend column; '
      + 'take it off --ignore, or take the channel out of the starting model');
    expect(ignored.column).toBe('Search');
  });

  it('a non-numeric spend, with the cell and a hint about separators', () => {
    const error = errorReading(withCell(good, 7, 'TV', '12,5O0'));
    expect(error.message).toBe('row 7, column "TV": spend must be a number ≥ 0, got "12,5O0"; '
      + 'write numbers without thousands separators and with a decimal point (12500.5)');
    expect([error.row, error.column]).toEqual([7, 'TV']);
    expect(error.ofGranularity).toBe(false);
    expect(errorReading(withCell(good, 4, 'Social', 'n/a')).message).toBe('row 4, column "Social": spend must be a number ≥ 0, got "n/a"');
    expect(errorReading(withCell(good, 4, 'Social', '1e999')).message).toBe('row 4, column "Social": spend must be a number ≥ 0, got "1e999"');
    expect(errorReading(withCell(good, 4, 'Social', '0x10')).message).toContain('got "0x10"');
  });

  it('a negative spend', () => {
    expect(errorReading(withCell(good, 12, 'Sponsorship', '-250')).message).toBe('row 12, column "Sponsorship": spend must be a number ≥ 0, got "-250"');
  });

  it('a long or hostile cell is quoted, escaped and cut to 40 characters', () => {
    const message = errorReading(withCell(good, 3, 'TV', `"\u001b[31m${'x'.repeat(500)}`)).message;
    expect(message).toContain('got "\\"\\u001b[31mxxx');
    expect(message).not.toContain('\u001b');
    expect(message.length).toBeLessThan(120);
  });

  it('a target that is not a number > 0', () => {
    expect(errorReading(withCell(good, 9, 'revenue', '0')).message).toBe(
      'row 9, column "revenue": the target must be a number > 0 (the fit takes its logarithm), got "0"');
    expect(errorReading(withCell(good, 2, 'revenue', 'abc')).message).toContain('row 2, column "revenue": the target must be a number > 0');
  });

  it('a spend or target beyond any business (1e300), refused at the model\'s ceiling for money', () => {
    expect(errorReading(withCell(good, 4, 'Social', '1e300')).message).toBe('row 4, column "Social": spend must be at most 1e+13 a period, got "1e300"');
    const error = errorReading(withCell(good, 20, 'revenue', '1e300'));
    expect(error.message).toBe('row 20, column "revenue": the target must be at most 1e+13 a period, got "1e300"');
    expect([error.row, error.column]).toEqual([20, 'revenue']);
    // The ceiling itself is taken.
    expect(() => readHistory(withCell(good, 4, 'Social', '1e13'), weekly)).not.toThrow();
  });

  it('a target a million times off the column\'s median (a slip), either way, with the median to compare', () => {
    const median = d3median(readHistory(csvOf(good), weekly).target)!;
    const below = errorReading(withCell(good, 20, 'revenue', '1e-300'));
    expect(below.message).toMatch(/^row 20, column "revenue": "1e-300" is over a million times below the column's median \([\d,.]+\); check the cell for a slip \(only a period at the start or end can be left out: the dates must run without a gap\)$/);
    expect([below.row, below.column]).toEqual([20, 'revenue']);
    expect(errorReading(withCell(good, 8, 'revenue', String(median * 1.01e6))).message).toContain('row 8, column "revenue"');
    expect(errorReading(withCell(good, 8, 'revenue', String(median * 1.01e6))).message).toContain('above the column\'s median');
    // Just inside the limit reads (one row does not move the median of many).
    expect(() => readHistory(withCell(good, 8, 'revenue', String(median / 0.99e6)), weekly)).not.toThrow();
  });

  it.each([
    ['date', 'row 5, column "date" is empty; every row needs the date its period starts'],
    ['revenue', 'row 5, column "revenue" is empty; every period needs its target, above 0'],
    ['Search', 'row 5, column "Search" is empty; every cell needs a value (no spend is 0)'],
    ['price', 'row 5, column "price" is empty; fill it in or leave it out (--ignore "price")'],
  ])('an empty cell in column %s', (column, message) => {
    const error = errorReading(withCell(good, 5, column, ''));
    expect(error.message).toBe(message);
    expect([error.row, error.column]).toEqual([5, column]);
  });

  it('an empty cell in an ignored column is not read', () => {
    expect(readHistory(withCell(good, 5, 'price', ''), weekly, { ignore: ['price'] }).drivers).toEqual([]);
  });

  it('a gap in the dates, naming both dates, the rows and how many periods are missing', () => {
    const dates = weeklyDates(31);
    dates.splice(9, 2); // 2024-03-04 and 2024-03-11 missing
    expect(errorReading(csvOf(rowsOf({ dates }))).message).toBe('row 11, column "date": a gap: 2024-03-18 follows 2024-02-26 (row 10), '
      + 'but the next week starts 2024-03-04 (2 weeks are missing); the weeks must be consecutive');
    const months = monthlyDates(13, 1);
    months.splice(4, 1);
    expect(errorReading(csvOf(rowsOf({ dates: months })), monthly).message).toBe('row 6, column "date": a gap: 2024-06-01 follows 2024-04-01 (row 5), '
      + 'but the next month starts 2024-05-01 (1 month is missing); the months must be consecutive');
  });

  it('a date off the weekly steps', () => {
    const dates = weeklyDates(30);
    dates[6] = '2024-02-09';
    expect(errorReading(csvOf(rowsOf({ dates }))).message).toBe(
      'row 8, column "date": 2024-02-09 follows 2024-02-05 (row 7), but the next week starts 2024-02-12; weekly dates are 7 days apart');
  });

  it('a duplicate date, naming both rows', () => {
    const dates = weeklyDates(30);
    dates[6] = dates[5];
    expect(errorReading(csvOf(rowsOf({ dates }))).message).toBe('row 8, column "date": 2024-02-05 appears twice, in rows 7 and 8');
  });

  it('dates out of order: two rows swapped are out of order, not a gap, since the "missing" date comes later', () => {
    const dates = weeklyDates(30);
    [dates[6], dates[7]] = [dates[7], dates[6]];
    const error = errorReading(csvOf(rowsOf({ dates })));
    expect(error.message).toBe('row 9, column "date": 2024-02-12 comes after 2024-02-19 (row 8); the rows must be in date order');
    expect([error.row, error.column]).toEqual([9, 'date']);
    // The reviewer's case: weekly 2023-10-02, 2023-10-16, 2023-10-09, 2023-10-23 in rows 41 to 44.
    const october = Array.from({ length: 45 }, (_, index) => new Date(Date.UTC(2023, 0, 2 + 7 * index)).toISOString().slice(0, 10));
    expect(october.slice(39, 43)).toEqual(['2023-10-02', '2023-10-09', '2023-10-16', '2023-10-23']);
    [october[40], october[41]] = [october[41], october[40]];
    expect(errorReading(csvOf(rowsOf({ dates: october }))).message).toBe(
      'row 43, column "date": 2023-10-09 comes after 2023-10-16 (row 42); the rows must be in date order');
    const months = monthlyDates(13, 1);
    [months[4], months[5]] = [months[5], months[4]];
    expect(errorReading(csvOf(rowsOf({ dates: months })), monthly).message).toBe(
      'row 7, column "date": 2024-05-01 comes after 2024-06-01 (row 6); the rows must be in date order');
    // A row moved far down: the first row whose date goes back is named.
    const moved = weeklyDates(30);
    moved.push(...moved.splice(6, 1));
    expect(errorReading(csvOf(rowsOf({ dates: moved }))).message).toBe(
      'row 31, column "date": 2024-02-12 comes after 2024-07-22 (row 30); the rows must be in date order');
    const reversed = weeklyDates(30).reverse();
    expect(errorReading(csvOf(rowsOf({ dates: reversed }))).message).toBe(
      'row 3, column "date": 2024-07-15 comes after 2024-07-22 (row 2); the rows must be in date order');
  });

  it('a date off the steps with the next period later in the file is still off the steps, not out of order', () => {
    const dates = weeklyDates(30);
    dates.splice(6, 0, '2024-02-07'); // rows 7 to 9: 2024-02-05, 2024-02-07, 2024-02-12: in order, 2 days off
    expect(errorReading(csvOf(rowsOf({ dates }))).message).toBe(
      'row 8, column "date": 2024-02-07 follows 2024-02-05 (row 7), but the next week starts 2024-02-12; weekly dates are 7 days apart');
  });

  it('a date not written yyyy-mm-dd, or no real day', () => {
    expect(errorReading(withCell(good, 4, 'date', '01/15/2024')).message).toBe(
      'row 4, column "date": a date must be written yyyy-mm-dd (2024-01-29), the first day of the period, got "01/15/2024"');
    expect(errorReading(withCell(good, 4, 'date', '2023-02-29')).message).toContain('row 4, column "date": a date must be written yyyy-mm-dd');
    expect(errorReading(withCell(good, 4, 'date', '2024-01-15T00:00')).message).toContain('got "2024-01-15T00:00"');
  });

  it.each([
    ['weekly history, monthly model', weeklyDates(30), monthly,
      'the history is weekly (column "date": 2024-01-01 in row 2, 2024-01-08 in row 3: 7 days apart) but the model has periodsPerYear 12 (monthly); '
      + 'fit it with a weekly model (periodsPerYear 52), or sum the history by month'],
    ['monthly history, weekly model', monthlyDates(30, 1), weekly,
      'the history is monthly (column "date": 2024-01-01 in row 2, 2024-02-01 in row 3: 31 days apart) but the model has periodsPerYear 52 (weekly); '
      + 'fit it with a monthly model (periodsPerYear 12), or sum the history by week'],
    ['quarterly history, monthly model', monthlyDates(12, 3), monthly,
      'the history is quarterly (column "date": 2024-01-01 in row 2, 2024-04-01 in row 3: 91 days apart) but the model has periodsPerYear 12 (monthly); '
      + 'fit it with a quarterly model (periodsPerYear 4), or sum the history by month'],
    ['daily history, weekly model', Array.from({ length: 30 }, (_, i) => dayAfterNewYear(i)), weekly,
      'the history is daily (column "date": 2024-01-01 in row 2, 2024-01-02 in row 3: 1 day apart) but the model has periodsPerYear 52 (weekly); '
      + 'the history must be weekly (7 days apart): sum it by week'],
  ])('a frequency that does not match the model: %s', (_, dates, model, message) => {
    const error = errorReading(csvOf(rowsOf({ dates })), model);
    expect(error.message).toBe(message);
    expect(error.column).toBe('date');
    // A problem of the dates against this granularity: the history may read at another.
    expect(error.ofGranularity).toBe(true);
  });

  it('monthly dates on a day not every month has', () => {
    expect(errorReading(csvOf(rowsOf({ dates: ['2024-01-31', '2024-02-29'] })), monthly).message).toBe(
      'row 2, column "date": monthly dates fall on the same day of each month, and not every month has a day 31 (2024-01-31); date each month by its first day');
  });

  it.each([
    [weekly, 25, 'the history has 25 rows; a weekly fit needs at least 26 (half a year)'],
    [monthly, 11, 'the history has 11 rows; a monthly fit needs at least 12 (a year)'],
    [quarterly, 7, 'the history has 7 rows; a quarterly fit needs at least 8 (two years)'],
    [quarterly, 1, 'the history has 1 row; a quarterly fit needs at least 8 (two years)'],
    [weekly, 0, 'the file has a header but no rows; a weekly fit needs at least 26 (half a year)'],
  ])('too few rows to fit (%#)', (model, count, message) => {
    const dates = model.periodsPerYear === 52 ? weeklyDates(count) : monthlyDates(count, 12 / model.periodsPerYear);
    expect(errorReading(csvOf(rowsOf({ dates })), model).message).toBe(message);
    expect(readHistory(csvOf(rowsOf({ dates: model.periodsPerYear === 52 ? weeklyDates(HISTORY_FREQUENCIES[52].minimumRows)
      : monthlyDates(HISTORY_FREQUENCIES[model.periodsPerYear].minimumRows, 12 / model.periodsPerYear) })), model).dates)
      .toHaveLength(HISTORY_FREQUENCIES[model.periodsPerYear].minimumRows);
  });

  it.each([[''], ['\uFEFF'], ['\n\n'], [' \r\n '], [',,,\n']])('an empty file (%j)', (text) => {
    expect(errorReading(text).message).toBe('the file is empty; a history needs a header row and one row per period');
    expect(() => historyColumns(text, weekly)).toThrow(HistoryError);
  });

  it('a 50 MB file, refused by its size at once, without parsing it', () => {
    const text = `date,revenue\n${'2024-01-01,1\n'.repeat(4_000_000)}`;
    expect(text.length).toBeGreaterThan(50_000_000);
    const started = performance.now();
    const error = errorReading(text);
    expect(performance.now() - started).toBeLessThan(50);
    expect(error.message).toBe('the file is too large (49.6 MB); a history file is at most 10 MB (twenty years of weekly rows with 50 columns is under 1 MB)');
    expect(() => historyColumns(text, weekly)).toThrow('too large');
    expect(errorReading('x'.repeat(MAX_HISTORY_BYTES + 1)).message).toContain('too large');
  });

  it('a text column with 10,000 distinct values', () => {
    const dates = Array.from({ length: 10_000 }, (_, index) => dayAfterNewYear(7 * index));
    const started = performance.now();
    const error = errorReading(csvOf(rowsOf({ dates, extra: { order_id: (i) => `A-${i}` } })));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(error.message).toBe('column "order_id" has 10,000 distinct values; a text driver may have at most 20; leave it out (--ignore "order_id")');
    expect(error.column).toBe('order_id');
  });

  it('a numeric column made text by a few cells: names the first of them', () => {
    const error = errorReading(csvOf(rowsOf({ extra: { price: (i) => (i === 7 || i === 12 ? 'NA' : String(i)) } })));
    expect(error.message).toBe('column "price" has 29 distinct values; a text driver may have at most 20 '
      + '(its cells are numbers but for "NA" in row 9 and 1 other, which make it text); leave it out (--ignore "price")');
  });

  it(`a text driver may have ${MAX_TEXT_DRIVER_VALUES} values but not ${MAX_TEXT_DRIVER_VALUES + 1}`, () => {
    const levels = (count: number) => ({ extra: { region: (i: number) => `r${i % count}` } });
    expect(readHistory(csvOf(rowsOf(levels(20))), weekly).drivers[0]).toMatchObject({ kind: 'text', levels: expect.arrayContaining(['r0', 'r19']) });
    expect(errorReading(csvOf(rowsOf(levels(21)))).message).toContain('has 21 distinct values');
  });

  it('a driver that never changes, numeric or text', () => {
    expect(errorReading(csvOf(rowsOf({ extra: { country: () => 'UK' } }))).message).toBe(
      'column "country" has the same value ("UK") in every row, so it tells the fit nothing as a demand driver; leave it out (--ignore "country")');
    expect(errorReading(csvOf(rowsOf({ extra: { vat: () => '0.2' } }))).message).toContain('column "vat" has the same value ("0.2") in every row');
  });

  it('duplicate column names, and a column without a name', () => {
    const rows = rowsOf({ extra: { price: (i) => String(i), Price: (i) => String(2 * i) } });
    expect(readHistory(csvOf(rows), weekly).drivers.map((driver) => driver.name)).toEqual(['price', 'Price']);
    rows[0][7] = 'price';
    const error = errorReading(csvOf(rows));
    expect(error.message).toBe('row 1: column "price" appears twice (columns 7 and 8); each column needs its own name');
    expect([error.row, error.column]).toEqual([1, 'price']);
    rows[0][7] = '';
    expect(errorReading(csvOf(rows)).message).toBe('row 1: column 8 has no name; name it or remove it');
  });

  it('a quote never closed: names the row and column where it opened, not "1 row"', () => {
    const lines = csvOf(good).split('\n');
    const cells = lines[6].split(',');
    cells[3] = `"${cells[3]}`;
    lines[6] = cells.join(',');
    const error = errorReading(lines.join('\n'));
    expect(error.message).toBe('row 7: a quote opened in column "TV" is never closed, so the rest of the file reads as one cell; '
      + 'close the quote at the end of the cell or remove it (a quote inside a quoted cell is written twice: "5"" screen")');
    expect([error.row, error.column]).toEqual([7, 'TV']);
    expect(() => historyColumns(lines.join('\n'), weekly)).toThrow('row 7: a quote opened in column "TV" is never closed');
    // In the header, the column is named by its number: its name is what the quote swallowed.
    const header = csvOf(good).replace('Search', '"Search');
    expect(errorReading(header).message).toMatch(/^row 1: a quote opened in column 3 is never closed/);
    expect(errorReading(header).column).toBe(null);
  });

  it('a quote never closed is counted in rows as a spreadsheet shows them, after quoted cells with line breaks, commas and quotes', () => {
    const rows = rowsOf({ extra: { note: (i) => ['two\nlines', 'a, b', 'say ""hi""', 'x'][i % 4] } });
    const lines = csvOf(rows).split('\n'); // the cells with a line break span two lines
    const row15 = lines.findIndex((line) => line.startsWith(`${rows[14][0]},`));
    expect([row15, rows[14][6]]).toEqual([14 + 4, 'a, b']); // after four cells with a line break
    lines[row15] = lines[row15].replace(',"a, b"', ',"a, b');
    const error = errorReading(lines.join('\n'));
    // The stray quote pairs with the next one, in row 17, so the file does read to its end.
    expect(error.message).toBe('row 15: a quote opened in column "note" is closed only in a later row, so the rows between read as one cell; '
      + 'close the quote at the end of the cell or remove it (a quote inside a quoted cell is written twice: "5"" screen")');
    expect([error.row, error.column]).toEqual([15, 'note']);
    // With the cells after it unquoted, it is never closed.
    const plain = lines.map((line, index) => (index > row15 ? line.replace(/"/g, '') : line)).join('\n');
    expect(errorReading(plain).message).toMatch(/^row 15: a quote opened in column "note" is never closed, so the rest of the file reads as one cell/);
  });

  it.each([
    [';', 'semicolons', '"date;revenue;Search;TV;Social;Sponso...'],
    ['\t', 'tabs', '"date\\trevenue\\tSearch\\tTV\\tSocial\\tS...'],
  ])('a file separated by %j is named as such, not as a missing "revenue" column', (separator, name, header) => {
    const rows = rowsOf();
    const text = rows.map((cells) => cells.join(separator)).join('\n');
    const error = errorReading(text);
    expect(error.message).toBe(`row 1: the file seems to be separated by ${name} (its header is ${header}); `
      + 'a history must be comma-separated: save it as CSV with commas between cells and a decimal point in numbers');
    expect(error.row).toBe(1);
    const quotedNames = rows.map((cells, row) => cells.map((cell) => (row === 0 ? `"${cell}"` : cell)).join(separator)).join('\n');
    expect(errorReading(quotedNames).message).toContain(`the file seems to be separated by ${name}`);
    expect(() => historyColumns(text, weekly)).toThrow(`separated by ${name}`);
  });

  it('a semicolon in a column name of a comma-separated file is only a name', () => {
    const rows = rowsOf({ extra: { 'price; net': (i) => String(i) } });
    expect(readHistory(csvOf(rows), weekly).drivers.map((driver) => driver.name)).toEqual(['price; net']);
    rows[0][6] = 'price;net';
    expect(readHistory(csvOf(rows), weekly).drivers.map((driver) => driver.name)).toEqual(['price;net']);
  });

  it('--map that gives a column named as one channel to another: both columns for one channel, none for the other', () => {
    const text = csvOf(rowsOf());
    expect(errorReading(text, weekly, { map: { Search: 'TV' } }).message).toBe(
      '--map "Search=TV": columns "TV" and "Search" would both give channel "TV"\'s spend ("TV" by its name), and channel "Search" '
      + 'would have none; a channel has one spend column. Drop the --map entry to read each column as the channel it is named after');
    expect(errorReading(text, weekly, { map: { search: 'tv' } }).message).toMatch(/^--map "search=tv": columns "TV" and "Search" would both give channel "TV"'s spend/);
    const rows = rowsOf();
    rows[0][3] = 'tv_S';
    expect(errorReading(csvOf(rows), weekly, { map: { Search: 'TV' } }).message).toBe(
      '--map "Search=TV": column "Search" is named as channel "Search" but is mapped to channel "TV", so channel "Search" has no spend column; '
      + 'use --map "COLUMN=Search" or drop the --map entry');
  });

  it('a row with too many or too few cells', () => {
    const lines = csvOf(good).split('\n');
    lines[6] += ',12';
    expect(errorReading(lines.join('\n')).message).toBe('row 7 has 8 cells but the header has 7 columns (a value with a comma needs quotes: "1,5")');
    lines[6] = lines[6].split(',').slice(0, 5).join(',');
    expect(errorReading(lines.join('\n')).message).toBe('row 7 has 5 cells but the header has 7 columns');
    lines[6] = '';
    expect(errorReading(lines.join('\n')).message).toBe('row 7 is empty; remove it or fill it in');
  });

  it.each(['actual', 'Fitted', 'interaction', 'holdout'])('a driver named as a key of the fit\'s output (%s)', (name) => {
    const error = errorReading(csvOf(rowsOf({ extra: { [name]: (i) => String(i) } })));
    expect(error.message).toBe(`column "${name}" would be a demand driver, but the fit's results already have a "${name.toLowerCase()}" for each period `
      + `(date, actual, fitted, lower, upper, holdout, base, interaction); rename the column or leave it out (--ignore "${name}")`);
    expect(error.column).toBe(name);
  });

  it('a driver named as a channel whose spend comes from another column', () => {
    const rows = rowsOf();
    rows[0][3] = 'tv_S';
    rows[0].push('TV');
    rows.slice(1).forEach((cells, i) => cells.push(String(i)));
    expect(errorReading(csvOf(rows), weekly, { map: { tv_S: 'TV' } }).message).toBe(
      'column "TV" would be a demand driver named as channel "TV", whose spend is column "tv_S"; rename the column or leave it out (--ignore "TV")');
  });
});

describe('historyColumns', () => {
  it('says how each column would be read, in file order, for the matching screen', () => {
    const rows = rowsOf({ extra: { price: (i) => String(i), promo: (i) => (i % 2 ? 'a' : 'b'), note: () => 'x' } });
    rows[0][3] = 'tv_S';
    expect(historyColumns(csvOf(rows), weekly, { map: { tv_S: 'TV' }, ignore: ['note'] })).toEqual([
      { column: 'date', role: 'date' },
      { column: 'revenue', role: 'target' },
      { column: 'Search', role: 'channel', channel: 'Search' },
      { column: 'tv_S', role: 'channel', channel: 'TV' },
      { column: 'Social', role: 'channel', channel: 'Social' },
      { column: 'Sponsorship', role: 'channel', channel: 'Sponsorship' },
      { column: 'price', role: 'driver', kind: 'numeric' },
      { column: 'promo', role: 'driver', kind: 'text' },
      { column: 'note', role: 'ignored' },
    ]);
  });

  it('does not stop at what readHistory refuses: a missing channel, an unknown --map entry, bad cells, ragged rows, no rows', () => {
    const rows = rowsOf({ extra: { price: (i) => (i === 3 ? '' : String(i)) } });
    rows[0][3] = 'tv_S';
    rows[5].push('extra');
    rows[6] = rows[6].slice(0, 3);
    const roles = historyColumns(csvOf(rows), monthly, { map: { nothing: 'TV', Search: 'Nothing' }, ignore: ['absent'] });
    expect(roles.map((role) => role.role)).toEqual(['date', 'target', 'channel', 'driver', 'channel', 'channel', 'driver']);
    expect(roles[3]).toEqual({ column: 'tv_S', role: 'driver', kind: 'numeric' });
    expect(historyColumns('date,revenue,TV,price', weekly).map((role) => role.role)).toEqual(['date', 'target', 'channel', 'driver']);
  });

  it('throws for a header it cannot show: duplicate or missing names', () => {
    expect(() => historyColumns('date,a,a\n2024-01-01,1,2', weekly)).toThrow('appears twice');
    expect(() => historyColumns('date,,a\n2024-01-01,1,2', weekly)).toThrow('has no name');
  });
});

describe('readHistory properties', () => {
  /** A table of valid cells for a model at a granularity, with a numeric and a text driver. */
  const arbitraryHistory = fc.record({
    periodsPerYear: fc.constantFrom<PeriodsPerYear>(52, 12, 4),
    start: fc.integer({ min: 0, max: 3000 }),
    rows: fc.integer({ min: 26, max: 60 }),
    // Any scale from 1e-6 to 1e12, each row within a factor of 2.5e5 of the others (a million-fold one is a slip: readHistory refuses it).
    target: fc.tuple(fc.double({ min: 2e-3, max: 2e9, noNaN: true }), fc.array(fc.double({ min: 5e-4, max: 5e2, noNaN: true }), { minLength: 60, maxLength: 60 }))
      .map(([scale, factors]) => factors.map((factor) => scale * factor)),
    spends: fc.array(fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e9, noNaN: true })), { minLength: 60, maxLength: 60 }), { minLength: 4, maxLength: 4 }),
    price: fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 60, maxLength: 60 }),
    promo: fc.array(fc.constantFrom('none', 'Sale, 10%', '"bundle"', '__proto__', 'x\ny'), { minLength: 60, maxLength: 60 }),
    order: fc.shuffledSubarray([0, 1, 2, 3, 4, 5, 6, 7], { minLength: 8, maxLength: 8 }),
  });

  function datesFor(periodsPerYear: PeriodsPerYear, start: number, count: number): string[] {
    if (periodsPerYear === 52) return Array.from({ length: count }, (_, index) => dayAfterNewYear(start + 7 * index));
    const step = 12 / periodsPerYear;
    const first = new Date(Date.UTC(2024, 0, 1 + start));
    return Array.from({ length: count }, (_, index) => new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + step * index, 1)).toISOString().slice(0, 10));
  }

  type History = typeof arbitraryHistory extends fc.Arbitrary<infer T> ? T : never;

  /** The table as CSV rows, its columns in a shuffled order; the numbers written as JavaScript writes them. */
  function tableRows(history: History): string[][] {
    const names = ['date', 'revenue', 'TV', 'Sponsorship', 'Search', 'Social', 'price', 'promo'];
    const count = history.rows;
    const dates = datesFor(history.periodsPerYear, history.start, count);
    const price = history.price.slice(0, count);
    const promo: string[] = history.promo.slice(0, count);
    if (price.every((value) => value === price[0])) price[0] += 1;
    if (promo.every((value) => value === promo[0])) promo[0] = promo[0] === 'none' ? 'other' : 'none';
    const columns = [dates, history.target.slice(0, count).map(String), ...history.spends.map((spend) => spend.slice(0, count).map(String)),
      price.map(String), promo];
    return [history.order.map((index) => names[index]),
      ...dates.map((_, row) => history.order.map((index) => columns[index][row]))];
  }

  it('reads back the numbers of any table written with csvFormatRows, whatever the column order', () => {
    fc.assert(fc.property(arbitraryHistory, (history) => {
      const rows = tableRows(history);
      const read = readHistory(csvFormatRows(rows), modelAt(history.periodsPerYear));
      const column = (name: string) => rows.slice(1).map((cells) => cells[rows[0].indexOf(name)]);
      expect(read.dates).toEqual(column('date'));
      expect(Array.from(read.target)).toEqual(column('revenue').map(Number));
      expect(read.channels.map((channel) => channel.name)).toEqual(['TV', 'Sponsorship', 'Search', 'Social']);
      for (const channel of read.channels) expect(Array.from(channel.spend)).toEqual(column(channel.name).map(Number));
      const price = read.drivers.find((driver) => driver.name === 'price')!;
      expect(price.kind === 'numeric' && Array.from(price.values)).toEqual(column('price').map(Number));
      const promo = read.drivers.find((driver) => driver.name === 'promo')!;
      expect(promo.kind === 'text' && promo.values).toEqual(column('promo'));
      expect(promo.kind === 'text' && new Set(promo.levels)).toEqual(new Set(column('promo')));
    }), { numRuns: 60 });
  });

  it('a blanked cell anywhere is reported at its row and column', () => {
    fc.assert(fc.property(arbitraryHistory, fc.nat(), fc.nat(), (history, rowPick, columnPick) => {
      const rows = tableRows(history);
      const row = 2 + (rowPick % (rows.length - 1));
      const column = rows[0][columnPick % rows[0].length];
      const error = errorReading(withCell(rows, row, column, ''), modelAt(history.periodsPerYear));
      expect([error.row, error.column]).toEqual([row, column]);
      expect(error.message.startsWith(`row ${row}, column "${column}" is empty; `)).toBe(true);
    }), { numRuns: 100 });
  });

  it('a gap anywhere is reported at the row after it, naming the missing period', () => {
    fc.assert(fc.property(fc.constantFrom<PeriodsPerYear>(52, 12, 4), fc.integer({ min: 1, max: 25 }), (periodsPerYear, cut) => {
      const dates = datesFor(periodsPerYear, 0, 40);
      const missing = dates.splice(cut, 1)[0];
      const error = errorReading(csvOf(rowsOf({ dates })), modelAt(periodsPerYear));
      expect(error.row).toBe(cut + 2);
      expect(error.message).toContain(`starts ${missing} (1 ${HISTORY_FREQUENCIES[periodsPerYear].period} is missing)`);
    }));
  });

  it('two adjacent rows swapped anywhere are reported as out of order at the second of them', () => {
    fc.assert(fc.property(fc.constantFrom<PeriodsPerYear>(52, 12, 4), fc.integer({ min: 0, max: 38 }), (periodsPerYear, first) => {
      const dates = datesFor(periodsPerYear, 0, 40);
      [dates[first], dates[first + 1]] = [dates[first + 1], dates[first]];
      const error = errorReading(csvOf(rowsOf({ dates })), modelAt(periodsPerYear));
      expect(error.message).toBe(`row ${first + 3}, column "date": ${dates[first + 1]} comes after ${dates[first]} (row ${first + 2}); `
        + 'the rows must be in date order');
    }));
  });

  it('unclosedQuote finds no open quote in any table csvFormatRows writes, and finds one opened anywhere', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', ' ', '1'), maxLength: 6 });
    const table = fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 });
    fc.assert(fc.property(table, fc.string({ unit: fc.constantFrom('a', ',', '\n', '1'), maxLength: 8 }), (rows, rest) => {
      const text = csvFormatRows(rows);
      expect(unclosedQuote(text)).toBe(undefined);
      // A quote opening a new last cell of the last row, followed by text with no quote.
      const record = rows.length - 1;
      const field = rows[record].length;
      expect(unclosedQuote(`${text},"${rest}`)).toEqual({ record, field });
      // Or a new row's first cell, after any row.
      expect(unclosedQuote(`${text}\n"${rest}`)).toEqual({ record: record + 1, field: 0 });
    }));
    expect(unclosedQuote('a,b\n1,"2\n3,4')).toEqual({ record: 1, field: 1 });
    expect(unclosedQuote('a,b\r\n"x\r\ny",z\r\n1,"2')).toEqual({ record: 2, field: 1 });
    expect(unclosedQuote('a,b"c\n1,2')).toBe(undefined); // a quote inside an unquoted cell is data
  });

  it('holdsWholeRow: a cell with a line after a line break as long as a row, and not a note with a line break', () => {
    expect(holdsWholeRow('a, b\n2024-04-08,1013,12,', 4)).toBe(true);
    expect(holdsWholeRow('a, b\r\n2024-04-08,1013,12', 3)).toBe(true);
    expect(holdsWholeRow('a, b\n2024-04-08,1013', 3)).toBe(false);
    expect(holdsWholeRow('12 High St, Leeds,\nLS1, UK', 4)).toBe(false);
    expect(holdsWholeRow('a,b,c,d', 4)).toBe(false); // commas without a line break are a quoted cell's own
  });

  it('isoDate accepts exactly the days of the calendar', () => {
    fc.assert(fc.property(fc.date({ min: new Date('1900-01-01'), max: new Date('2200-12-31'), noInvalidDate: true }), (date) => {
      const text = date.toISOString().slice(0, 10);
      expect(isoDate(text)?.dayNumber).toBe(Math.floor(date.getTime() / 86_400_000));
    }));
    expect(['2023-02-29', '2024-04-31', '2024-00-10', '2024-1-01', '2024-01-01 '].map(isoDate)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});

describe('the reader’s remedies for the app’s column table (advice: "table")', () => {
  const table: HistoryOptions = { advice: 'table' };
  const messageOf = (text: string, options: HistoryOptions = {}) => errorReading(text, weekly, { ...options, ...table }).message;

  it('names the role to choose in the table, never a command option, for each problem the table can fix', () => {
    const rows = rowsOf({ extra: { tv_I: (i) => String(i) } });
    rows[0][3] = 'TV_spend';
    const messages = [
      [messageOf(csvOf(rows)), 'the model\'s channel "TV" has no spend column; did you mean "TV_spend" or "tv_I"? '
        + 'Name it "TV" or choose “Spend of TV” for column "TV_spend" in the table'],
      [messageOf(csvOf(rowsOf().map((cells) => cells.map((cell) => (cell === 'TV' ? 'television' : cell))))),
        'the model\'s channel "TV" has no spend column; name one "TV" or choose “Spend of TV” for one of the columns in the table '
        + '(columns not yet read: "television")'],
      [messageOf(withCell(rowsOf({ extra: { price: (i) => String(3 + (i % 5)) } }), 5, 'price', '')),
        'row 5, column "price" is empty; fill it in or leave it out (choose “Ignored” for column "price" in the table)'],
      [messageOf(csvOf(rowsOf().map((cells) => cells.map((cell) => (cell === 'revenue' ? 'sales' : cell))))),
        'the target "revenue" (choose “Target” for another column in the table): there is no column "revenue"; the columns are '
        + '"date", "sales", "Search", "TV", "Social" and "Sponsorship"'],
      [messageOf(csvOf(rowsOf()), { map: { Search: 'TV' } }),
        'column "Search" as “Spend of TV”: columns "TV" and "Search" would both give channel "TV"\'s spend ("TV" by its name), '
        + 'and channel "Search" would have none; a channel has one spend column. Choose “Spend of Search” for column "Search" again '
        + 'to read each column as the channel it is named after'],
      [messageOf(csvOf(rowsOf({ extra: { base: (i) => String(i) } }))),
        'column "base" would be a demand driver, but the fit\'s results already have a "base" for each period (date, actual, fitted, '
        + 'lower, upper, holdout, base, interaction); rename the column or leave it out (choose “Ignored” for column "base" in the table)'],
      [messageOf(csvOf(rowsOf()), { target: 'TV' }),
        'column "TV" as “Target”: column "TV" is channel "TV"\'s spend, and every channel of the model needs its spend column; '
        + 'choose “Target” for another column in the table'],
      [messageOf(csvOf(rowsOf()), { ignore: ['Search'] }),
        'column "Search" as “Ignored”: column "Search" is channel "Search"\'s spend, and every channel of the model needs its spend column; '
        + 'choose “Spend of Search” for it in the table, or take the channel out of the starting model'],
      [messageOf(csvOf(rowsOf({ extra: { country: () => 'UK' } }))),
        'column "country" has the same value ("UK") in every row, so it tells the fit nothing as a demand driver; '
        + 'leave it out (choose “Ignored” for column "country" in the table)'],
    ];
    for (const [message, expected] of messages) {
      expect(message).toBe(expected);
      expect(message).not.toMatch(/--[a-z]/);
    }
  });
});
