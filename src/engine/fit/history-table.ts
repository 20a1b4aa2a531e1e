import type { PeriodsPerYear } from '../model/model.ts';

/** A numeric demand driver: it acts on demand as exp(γ · (z − mean z)), the mean over the rows fitted. */
export interface NumericDriver {
  name: string;
  kind: 'numeric';
  values: Float64Array;
}

/**
 * A text demand driver: one effect per value other than its most common one (the baseline),
 * which the fitted model assumes for the future.
 */
export interface TextDriver {
  name: string;
  kind: 'text';
  values: string[];
  /** The distinct values, the baseline (most common; the first seen among equals) first. */
  levels: string[];
}

export type DriverColumn = NumericDriver | TextDriver;

/** One channel's spend per period, read from its column. */
export interface HistoryChannel {
  /** The channel's name in the model. */
  name: string;
  side: 'upstream' | 'downstream';
  /** The CSV column it came from. */
  column: string;
  /** Spend in each period (not per month), ≥ 0. */
  spend: Float64Array;
}

/** A validated history of spend and revenue, one row per period, ready to fit. */
export interface HistoryTable {
  /** ISO yyyy-mm-dd: the start of each period, consecutive at `periodsPerYear`. */
  dates: string[];
  periodsPerYear: PeriodsPerYear;
  /** The target column's name ("revenue" by default). */
  targetName: string;
  /** The target in each period, > 0 (the observation model takes its log). */
  target: Float64Array;
  /** One per channel of the model, upstream channels first, each side in file order (the compiled order). */
  channels: HistoryChannel[];
  drivers: DriverColumn[];
}

/**
 * Who reads the fit's messages, and so how they say to change how a column is read: with the
 * command's options (--ignore, --map, --target) or with the app's table of columns, where each
 * column has a role to choose (column-advice.ts words the remedies for each).
 */
export type ColumnAdvice = 'command' | 'table';

/** How the columns of a CSV are read (the command's --target, --map and --ignore). */
export interface HistoryOptions {
  /** Who reads the messages: the command (its options) by default, or the app's column table (column-advice.ts). */
  advice?: ColumnAdvice;
  /** The target column; "revenue" by default. */
  target?: string;
  /** Column name → channel name, for spend columns not named as their channel. */
  map?: Readonly<Record<string, string>>;
  /** Columns left out. */
  ignore?: readonly string[];
}

/** What one column of a history CSV is taken to be (shown in the app, where the user can change it). */
export type ColumnRole =
  | { column: string; role: 'date' }
  | { column: string; role: 'target' }
  | { column: string; role: 'channel'; channel: string }
  | { column: string; role: 'driver'; kind: 'numeric' | 'text' }
  | { column: string; role: 'ignored' };

/**
 * A problem with a history file: the message names the row (1-based data row, as a spreadsheet
 * shows it: the header is row 1) and the column where there is one. `ofGranularity`: the problem
 * is with the dates against the model's granularity (their step, their sequence, their number),
 * so the history may read at another one (the app offers it).
 */
export class HistoryError extends Error {
  constructor(message: string, readonly row: number | null = null, readonly column: string | null = null, readonly ofGranularity = false) {
    super(message);
    this.name = 'HistoryError';
  }
}
