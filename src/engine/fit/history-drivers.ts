import { type AdvicePhrases, advicePhrases } from './column-advice.ts';
import { format } from 'd3';
import { cellNumber, quoted } from './history-cells.ts';
import { type DriverColumn, HistoryError } from './history-table.ts';

/**
 * The most values a text driver may take. Each value but the baseline gets an effect of its own,
 * estimated from the rows that have it: past a handful, each rests on a few rows, and a column
 * with hundreds of values (an id, a free-text note) is not a driver at all.
 */
export const MAX_TEXT_DRIVER_VALUES = 20;

const thousands = format(',');

/**
 * How a driver column is read: numeric when every non-blank cell is a number, text otherwise.
 * Blank cells are skipped so that the column matching screen can show a kind before the cells
 * are checked.
 * @example driverKind(['1', '2.5', '']) // 'numeric'
 */
export function driverKind(cells: readonly string[]): 'numeric' | 'text' {
  return cells.every((cell) => cell === '' || cellNumber(cell) !== undefined) ? 'numeric' : 'text';
}

/**
 * A demand driver from its column's cells (none blank: the caller has checked). Numeric columns
 * keep their numbers; a text column's levels are its distinct values, the most common first
 * (the baseline the fitted model assumes for the future), ties in the order first seen.
 *
 * @throws HistoryError when the column never changes (it carries nothing to fit) or, as text,
 *   has more than `MAX_TEXT_DRIVER_VALUES` distinct values; both suggest leaving it out.
 * @example readDriver('promo', ['none', 'bundle', 'none']) // { kind: 'text', levels: ['none', 'bundle'], … }
 */
export function readDriver(name: string, cells: readonly string[], advice: AdvicePhrases = advicePhrases()): DriverColumn {
  const leaveOut = advice.leaveOut(name);
  if (cells.length > 0 && cells.every((cell) => cell === cells[0])) {
    throw new HistoryError(`column ${quoted(name)} has the same value (${quoted(cells[0])}) in every row, so it tells the fit `
      + `nothing as a demand driver; ${leaveOut}`, null, name);
  }
  if (driverKind(cells) === 'numeric') {
    return { name, kind: 'numeric', values: Float64Array.from(cells, (cell) => cellNumber(cell)!) };
  }
  const levels = levelsByCount(cells);
  if (levels.length > MAX_TEXT_DRIVER_VALUES) {
    throw new HistoryError(`column ${quoted(name)} has ${thousands(levels.length)} distinct values; a text driver may have at most `
      + `${MAX_TEXT_DRIVER_VALUES}${mostlyNumbersHint(cells)}; ${leaveOut}`, null, name);
  }
  return { name, kind: 'text', values: [...cells], levels };
}

/** Distinct values, the most common first; among equals, the first seen first (the sort is stable). */
function levelsByCount(cells: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const cell of cells) counts.set(cell, (counts.get(cell) ?? 0) + 1);
  return [...counts.keys()].sort((a, b) => counts.get(b)! - counts.get(a)!);
}

/**
 * When most cells are numbers, the few that are not ("NA", "n/a", "-") are what made the column
 * text: name the first so the person can fix it rather than drop a good driver.
 */
function mostlyNumbersHint(cells: readonly string[]): string {
  const notNumber = cells.findIndex((cell) => cellNumber(cell) === undefined);
  const numbers = cells.filter((cell) => cellNumber(cell) !== undefined).length;
  if (numbers * 2 < cells.length) return '';
  const others = cells.length - numbers - 1;
  const andOthers = others === 0 ? '' : ` and ${thousands(others)} other${others === 1 ? '' : 's'}`;
  return ` (its cells are numbers but for ${quoted(cells[notNumber])} in row ${notNumber + 2}${andOthers}, which make it text)`;
}
