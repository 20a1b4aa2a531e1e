import { format, median } from 'd3';
import { advicePhrases } from './column-advice.ts';
import type { Model } from '../model/model.ts';
import { MAX_MONEY } from '../model/model-fields.ts';
import { cellPlace, emptyCell, type NumberRule, requiredNumber, quoted } from './history-cells.ts';
import { matchColumns } from './history-columns.ts';
import { checkRowLengths, historyCsv } from './history-csv.ts';
import { checkHistoryDates, HISTORY_FREQUENCIES, type HistoryDate, isoDate } from './history-dates.ts';
import { readDriver } from './history-drivers.ts';
import { type HistoryChannel, HistoryError, type HistoryOptions, type HistoryTable } from './history-table.ts';

export { historyColumns } from './history-columns.ts';
export { MAX_HISTORY_BYTES } from './history-csv.ts';
export { HISTORY_FREQUENCIES } from './history-dates.ts';
export { MAX_TEXT_DRIVER_VALUES } from './history-drivers.ts';

// The ceiling is the model's own for money (MAX_MONEY): a period's revenue or spend above it is a slip.
const TARGET_RULE: NumberRule = {
  text: 'the target must be a number > 0 (the fit takes its logarithm)', minimum: 0, above: true,
  whenEmpty: 'every period needs its target, above 0', maximum: MAX_MONEY, tooLarge: `the target must be at most ${MAX_MONEY.toExponential()} a period`,
};

const SPEND_RULE: NumberRule = {
  text: 'spend must be a number ≥ 0', minimum: 0, above: false, whenEmpty: 'every cell needs a value (no spend is 0)',
  maximum: MAX_MONEY, tooLarge: `spend must be at most ${MAX_MONEY.toExponential()} a period`,
};

/**
 * How far a target may stray from the column's median, as a factor either way: no business's
 * sales move a million-fold between periods of one history, while a slip of units or a lost
 * digit group (1e-300, 0.000352) does, and one such row would dominate a fit on the log scale.
 */
const TARGET_SPREAD_LIMIT = 1e6;

/**
 * The first target more than `TARGET_SPREAD_LIMIT` times above or below the column's median.
 * @throws HistoryError naming its row and column, with the median for comparison
 */
function checkTargetSpread(target: Float64Array, column: string, cells: readonly string[]): void {
  const middle = median(target)!;
  const index = target.findIndex((value) => value > middle * TARGET_SPREAD_LIMIT || value < middle / TARGET_SPREAD_LIMIT);
  if (index < 0) return;
  const place = { row: index + 2, column };
  const way = target[index] > middle ? 'above' : 'below';
  throw new HistoryError(`${cellPlace(place)}: ${quoted(cells[index])} is over a million times ${way} the column's median (${format(',.6~r')(middle)}); `
    + 'check the cell for a slip (only a period at the start or end can be left out: the dates must run without a gap)', place.row, place.column);
}

/**
 * Reads and checks a history of spend and revenue for the fit (issue 12, Input and Bad input).
 *
 * The checks run from the whole file to single cells, and the first problem found is thrown:
 * size and separator (before parsing), an empty file, a quote never closed, the header (a
 * column without a name or a name twice), which column is what (see `matchColumns`), cells per
 * row, each date (ISO yyyy-mm-dd), the dates' frequency against the model's `periodsPerYear`
 * and their sequence (no gap, no repeat, in order; swapped rows are out of order, not a gap),
 * the number of rows (`HISTORY_FREQUENCIES[…].minimumRows`), then the cells row by row
 * (target > 0, spend ≥ 0, no blanks), then each driver (not constant; text with at most
 * `MAX_TEXT_DRIVER_VALUES` values).
 *
 * Cost: one pass over the text and one over the cells; a 1 MB file reads in a few milliseconds.
 *
 * @returns the history, channels in the model's compiled order (upstream first, each side in
 *   file order), drivers in file order
 * @throws HistoryError with one message naming the row (the header is row 1) and the column
 *   where there is one: `row 7, column "tv_S": spend must be a number ≥ 0, got "12,5O0"`
 */
export function readHistory(text: string, model: Model, options: HistoryOptions = {}): HistoryTable {
  const csv = historyCsv(text);
  const { header, rows } = csv;
  const match = matchColumns(header, model, options, (problem) => { throw problem; });
  const advice = advicePhrases(options.advice);
  checkRowLengths(csv);

  const dateColumn = header[match.date];
  const dates = rows.map((cells, index) => readDate(cells[match.date], { row: index + 2, column: dateColumn }));
  checkHistoryDates(dates, model.periodsPerYear, dateColumn);
  checkRowCount(rows.length, model.periodsPerYear);

  const target = new Float64Array(rows.length);
  const channels: HistoryChannel[] = match.channels.map(({ channel, column }) => ({
    name: channel.name, side: channel.side, column: header[column], spend: new Float64Array(rows.length),
  }));
  // What each column holds, so that each row is checked left to right, as a person reads it.
  const spendOf = new Map(match.channels.map(({ column }, channel) => [column, channels[channel].spend]));
  const drivers = new Set(match.drivers);
  rows.forEach((cells, index) => {
    const row = index + 2;
    cells.forEach((cell, column) => {
      const place = { row, column: header[column] };
      const spend = spendOf.get(column);
      if (column === match.target) target[index] = requiredNumber(cell, place, TARGET_RULE);
      else if (spend !== undefined) spend[index] = requiredNumber(cell, place, SPEND_RULE);
      else if (drivers.has(column) && cell === '') throw emptyCell(place, `fill it in or ${advice.leaveOut(header[column])}`);
    });
  });
  checkTargetSpread(target, header[match.target], rows.map((cells) => cells[match.target]));
  return {
    dates: dates.map((date) => date.text),
    periodsPerYear: model.periodsPerYear,
    targetName: header[match.target],
    target,
    channels,
    drivers: match.drivers.map((column) => readDriver(header[column], rows.map((cells) => cells[column]), advice)),
  };
}

function readDate(cell: string, place: { row: number; column: string }): HistoryDate {
  if (cell === '') throw emptyCell(place, 'every row needs the date its period starts');
  const date = isoDate(cell);
  if (date === undefined) {
    throw new HistoryError(`${cellPlace(place)}: a date must be written yyyy-mm-dd (2024-01-29), the first day of the period, `
      + `got ${quoted(cell)}`, place.row, place.column);
  }
  return date;
}

function checkRowCount(count: number, periodsPerYear: Model['periodsPerYear']): void {
  const frequency = HISTORY_FREQUENCIES[periodsPerYear];
  if (count >= frequency.minimumRows) return;
  const has = count === 0 ? 'the file has a header but no rows' : `the history has ${count} row${count === 1 ? '' : 's'}`;
  throw new HistoryError(`${has}; a ${frequency.name} fit needs at least ${frequency.minimumRows} (${frequency.minimumSpan})`, null, null, true);
}
