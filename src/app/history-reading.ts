import { type Model, channelList, modelChannels } from '../engine/index.ts';
import { type ColumnRole, HistoryError, type HistoryOptions } from '../engine/fit/history-table.ts';
import type { PeriodsPerYear } from '../engine/model/model.ts';
import { quoted } from '../engine/fit/history-cells.ts';
import { HISTORY_FREQUENCIES, MAX_HISTORY_BYTES, historyColumns, readHistory } from '../engine/fit/read-history.ts';
import { type ColumnChoice, historyOptionsFor, withChoice } from './fit-columns.ts';
import { modelAtGranularity } from './fit-start.ts';

/**
 * What the fit view knows about the history on screen, and every change of it, as pure
 * functions of the state before (so each is tested in Node, and the view only renders): the
 * file, the starting model when it is not the current one, how each column is read and the
 * reader's options for it, and why the history cannot be fitted as read.
 *
 * Every failure keeps the last good state: a file that cannot be read at all leaves the previous
 * one on screen with a message; a choice in the table the reader cannot make leaves the table as
 * it was, explained; a history that reads but cannot be fitted (a gap, a bad cell) is shown with
 * the reader's message, its row and its column, and cannot be fitted until it is fixed.
 */

/** A problem with the history as read: the reader's message, with its row and column where it has them. */
export interface ReadProblem {
  message: string;
  row: number | null;
  column: string | null;
}

/** The starting model when it is not the current model, and what to tell the person about it. */
export interface StartOverride {
  model: Model;
  note: string;
}

export interface HistoryReading {
  /** The history on screen: its text and its file's name. */
  file: { text: string; source: string } | undefined;
  /** The starting model when it is not the current model. */
  start: StartOverride | undefined;
  /** How each column is read, as the reader reports it for `options`. */
  roles: ColumnRole[];
  options: HistoryOptions;
  /** Why the history cannot be fitted as read, or undefined when it can. */
  problem: ReadProblem | undefined;
  /** What the history holds when it reads: "156 weekly rows, 2023-01-02 to 2025-12-22, 6 channels and 2 drivers". */
  summary: string;
  /** Why the last choice in the table could not be made (the table stays as it was). */
  choiceProblem: string | undefined;
  /** Why the last file could not be opened at all (the previous one stays). */
  fileMessage: string | undefined;
  /** The history's own granularity, when the starting model's is not it and the history reads at it. */
  granularity: { periodsPerYear: PeriodsPerYear; model: Model } | undefined;
  /** `readerKey` of the model the columns were last read for. */
  readFor: string;
}

/** The reader's messages tell the person to choose a role in the column table, not to use the command's options. */
const TABLE_ADVICE: HistoryOptions = { advice: 'table' };

export const NO_HISTORY: HistoryReading = {
  file: undefined, start: undefined, roles: [], options: TABLE_ADVICE, problem: undefined, summary: '',
  choiceProblem: undefined, fileMessage: undefined, granularity: undefined, readFor: '',
};

const GRANULARITIES: readonly PeriodsPerYear[] = [52, 12, 4];

/** The model the fit starts from: the override, or the current model. */
export function startModelOf(reading: HistoryReading, current: Model | undefined): Model | undefined {
  return reading.start?.model ?? current;
}

/** What the reader reads a history by, of a starting model: its granularity and its channels. */
export function readerKey(model: Model | undefined): string {
  if (model === undefined) return '';
  return JSON.stringify([model.periodsPerYear, channelList(modelChannels(model)).map((channel) => [channel.name, channel.side])]);
}

/** Why a file the person chose is refused before it is read (over 10 MB), or undefined. */
export function refusedFile(name: string, bytes: number): string | undefined {
  if (bytes <= MAX_HISTORY_BYTES) return undefined;
  return `${name} is too large (${(bytes / 1024 / 1024).toFixed(1)} MB); a history file is at most ${MAX_HISTORY_BYTES / 1024 / 1024} MB. Nothing was changed.`;
}

/** The state with a message about a file that could not be opened; everything else as it was. */
export function withFileMessage(reading: HistoryReading, message: string): HistoryReading {
  return { ...reading, fileMessage: message };
}

/**
 * A new history, read with no options: shown if its columns can be read at all. An empty file,
 * or a header with a nameless or repeated column, keeps the previous history with the message.
 * @param start the starting model to use instead of the current one (the example's), or undefined
 */
export function openHistory(reading: HistoryReading, text: string, source: string, start: StartOverride | undefined,
  current: Model | undefined): HistoryReading {
  const model = start?.model ?? current;
  if (model === undefined) return reading;
  let roles: ColumnRole[];
  try {
    roles = historyColumns(text, model, TABLE_ADVICE);
  } catch (error) {
    return withFileMessage(reading, `${source} could not be read: ${messageOf(error)}. Nothing was changed.`);
  }
  return checked({ ...NO_HISTORY, file: { text, source }, start, roles }, model);
}

/**
 * The state after `column` is given `choice` in the table: the reader's options for the table
 * as chosen, the columns as the reader then reports them, and whether the history now reads; or,
 * for a choice the reader cannot make, the state as it was with the reason.
 */
export function chooseColumn(reading: HistoryReading, column: string, choice: ColumnChoice, current: Model | undefined): HistoryReading {
  const model = startModelOf(reading, current);
  const date = reading.roles.find((role) => role.role === 'date');
  if (model === undefined || date === undefined || reading.file === undefined) return reading;
  const wanted = withChoice(reading.roles, column, choice);
  const read = historyOptionsFor(wanted, date.column, channelList(modelChannels(model)).map((channel) => channel.name));
  if ('problem' in read) return { ...reading, choiceProblem: read.problem };
  return reread({ ...reading, options: { ...read.options, ...TABLE_ADVICE }, choiceProblem: undefined }, model);
}

/** The state once the person chose to fit at the history's own granularity (offered in `granularity`). */
export function useHistoryGranularity(reading: HistoryReading, current: Model | undefined): HistoryReading {
  const offer = reading.granularity;
  const model = startModelOf(reading, current);
  if (offer === undefined || model === undefined) return reading;
  const name = HISTORY_FREQUENCIES[offer.periodsPerYear].name;
  const start: StartOverride = {
    model: offer.model,
    note: `Fitting at ${name} granularity, as the history is: the starting model is “${model.name}” with ${offer.periodsPerYear} periods a year, for this fit only.`,
  };
  return reread({ ...reading, start }, offer.model);
}

/**
 * The state for a new current model: read again when the view follows the current model and
 * the reader would read differently (its channels or granularity changed), else the same object.
 */
export function followModel(reading: HistoryReading, current: Model | undefined): HistoryReading {
  if (reading.start !== undefined || reading.file === undefined || current === undefined) return reading;
  return readerKey(current) === reading.readFor ? reading : reread(reading, current);
}

/** The columns read again for the options and `model`, then checked. */
function reread(reading: HistoryReading, model: Model): HistoryReading {
  if (reading.file === undefined) return reading;
  let roles = reading.roles;
  try {
    roles = historyColumns(reading.file.text, model, reading.options);
  } catch {
    // The header read before, and neither the options nor the model change it.
  }
  return checked({ ...reading, roles }, model);
}

/** Whether the history reads for the fit as the table stands; if not, why, and whether it reads at another granularity. */
function checked(reading: HistoryReading, model: Model): HistoryReading {
  const text = reading.file?.text ?? '';
  const next: HistoryReading = { ...reading, readFor: readerKey(model), granularity: undefined, fileMessage: undefined };
  try {
    const history = readHistory(text, model, reading.options);
    const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
    return {
      ...next,
      problem: undefined,
      summary: `${history.dates.length} ${HISTORY_FREQUENCIES[history.periodsPerYear].name} rows, ${history.dates[0]} to ${history.dates[history.dates.length - 1]}, `
        + `${count(history.channels.length, 'channel')} and ${count(history.drivers.length, 'driver')}`,
    };
  } catch (error) {
    const problem = error instanceof HistoryError
      ? { message: error.message, row: error.row, column: error.column }
      : { message: messageOf(error), row: null, column: null };
    // Another granularity can help only when the dates are what failed against this one.
    const granularity = error instanceof HistoryError && error.ofGranularity ? otherGranularity(text, model, reading.options) : undefined;
    return { ...next, problem, summary: '', granularity };
  }
}

/**
 * The granularity the history's dates fit, when it is not the starting model's, with the model
 * converted to it: one at which the history reads, or fails only on something else (a cell), which
 * the person then sees at that granularity.
 */
function otherGranularity(text: string, model: Model, options: HistoryOptions): HistoryReading['granularity'] {
  for (const periodsPerYear of GRANULARITIES) {
    if (periodsPerYear === model.periodsPerYear) continue;
    const converted = modelAtGranularity(model, periodsPerYear);
    if (converted === undefined) continue;
    try {
      readHistory(text, converted, options);
      return { periodsPerYear, model: converted };
    } catch (error) {
      if (error instanceof HistoryError && !error.ofGranularity) return { periodsPerYear, model: converted };
      // Not this one either.
    }
  }
  return undefined;
}

/** A reader's message with its row and column up front when the message does not already name them. */
export function problemText(problem: ReadProblem): string {
  const place = [problem.row === null ? '' : `row ${problem.row}`, problem.column === null ? '' : `column “${problem.column}”`].filter(Boolean).join(', ');
  const named = problem.message.startsWith('row ') || (problem.column !== null && problem.message.includes(`column ${quoted(problem.column)}`));
  if (place === '' || named) return capitalise(problem.message);
  return `${capitalise(place)}: ${problem.message}`;
}

function capitalise(text: string): string {
  return text.length === 0 ? text : text[0].toUpperCase() + text.slice(1);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
