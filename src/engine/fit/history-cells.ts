import { previewJson, SHOWN_VALUE_LENGTH } from '../model/show-value.ts';
import { HistoryError } from './history-table.ts';

/**
 * A plain decimal number as a spreadsheet writes one: an optional sign, digits with an optional
 * decimal point, an optional exponent. Stricter than `Number()`, which also reads "" and " " as
 * 0, "0x1F" as 31 and "Infinity": none of those is a spend or a revenue.
 */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * The number in a (trimmed) cell, or undefined when it holds anything else or overflows to
 * ±Infinity ("1e999").
 * @example cellNumber('1.5e3') // 1500
 * @example cellNumber('12,500') // undefined
 */
export function cellNumber(cell: string): number | undefined {
  if (!DECIMAL.test(cell)) return undefined;
  const value = Number(cell);
  return Number.isFinite(value) ? value : undefined;
}

/**
 * Text from the file (a cell, a column name) for a message: quoted and escaped as JSON, so that
 * a quote, a line break or a terminal control character cannot break or forge the message, and
 * cut to 40 characters.
 * @example quoted('12,5O0') // '"12,5O0"'
 */
export function quoted(text: string): string {
  return previewJson(text, SHOWN_VALUE_LENGTH);
}

/** Where a cell is, for messages: row as a spreadsheet numbers it (the header is row 1) and column by name. */
export interface CellPlace {
  row: number;
  column: string;
}

/** "row 7, column "tv_S"": the start of every message about one cell. */
export function cellPlace({ row, column }: CellPlace): string {
  return `row ${row}, column ${quoted(column)}`;
}

/** What a column of numbers must hold, with the words for its messages. */
export interface NumberRule {
  /** "spend must be a number ≥ 0". */
  text: string;
  minimum: number;
  /** Whether the minimum itself is refused (a target > 0). */
  above: boolean;
  /** The largest value taken, a limit no business reaches, so that a slip such as 1e300 is caught. */
  maximum: number;
  /** "spend must be at most 1e13": the message for a value above `maximum`. */
  tooLarge: string;
  /** What to do about a blank cell ("no spend is 0"). */
  whenEmpty: string;
}

/**
 * The number in a cell that must hold one, at least `minimum` (inclusive, or exclusive when
 * `above`): spend ≥ 0, a target > 0.
 * @throws HistoryError naming the row and column, with the cell's text
 */
export function requiredNumber(cell: string, place: CellPlace, rule: NumberRule): number {
  if (cell === '') throw emptyCell(place, rule.whenEmpty);
  const value = cellNumber(cell);
  const inRange = value !== undefined && (rule.above ? value > rule.minimum : value >= rule.minimum);
  if (value === undefined || !inRange) {
    const hint = value === undefined && /\d[,\s']\d/.test(cell)
      ? '; write numbers without thousands separators and with a decimal point (12500.5)'
      : '';
    throw new HistoryError(`${cellPlace(place)}: ${rule.text}, got ${quoted(cell)}${hint}`, place.row, place.column);
  }
  if (value > rule.maximum) throw new HistoryError(`${cellPlace(place)}: ${rule.tooLarge}, got ${quoted(cell)}`, place.row, place.column);
  // −0 reads as 0: it is no spend, and would print as "-0".
  return value + 0;
}

/** The error for a blank cell, with what to do about it. */
export function emptyCell(place: CellPlace, advice: string): HistoryError {
  return new HistoryError(`${cellPlace(place)} is empty; ${advice}`, place.row, place.column);
}
