import { quoted } from './history-cells.ts';
import type { ColumnAdvice } from './history-table.ts';

/*
 * The fit's messages for who reads them (`ColumnAdvice`): the command's options, or the app's
 * table of columns, where each column has a role to choose ("Spend of TV", "Ignored", "Target").
 * The engine's reasons are the same for both; only the remedy is worded for where the person is.
 */

/** The remedies a message may suggest, worded for one audience. */
export interface AdvicePhrases {
  /** How to leave column `column` out of the fit. */
  leaveOut(column: string): string;
  /** How to read `column` (any column when null) as channel `channel`'s spend. */
  readAs(column: string | null, channel: string): string;
  /** How to fit another column than the default target. */
  otherTarget: string;
  /** What the person asked for, when it was to read `column` as `channel`'s spend. */
  mapEntry(column: string, channel: string): string;
  /** What the person asked for, when it was to leave `column` out. */
  ignoreEntry(column: string): string;
  /** What the person asked for, when it was to fit `column` as the target. */
  targetEntry(column: string): string;
  /** How to read `column`, which the person left out, as channel `channel`'s spend after all. */
  keep(column: string, channel: string): string;
  /** A column the person left out, in "column X is already …". */
  leftOut: string;
  /** How to undo reading `column` (named as channel `named`) as another channel's spend. */
  undoMap(column: string, named: string): string;
  /** How to estimate fewer settings, keeping the others at their starting values. */
  fixSettings: string;
}

const COMMAND: AdvicePhrases = {
  leaveOut: (column) => `leave it out (--ignore ${quoted(column)})`,
  readAs: (column, channel) => `use --map ${quoted(`${column ?? 'COLUMN'}=${channel}`)}`,
  otherTarget: '--target NAME reads another column',
  mapEntry: (column, channel) => `--map ${quoted(`${column}=${channel}`)}`,
  ignoreEntry: (column) => `--ignore ${quoted(column)}`,
  targetEntry: (column) => `--target ${quoted(column)}`,
  keep: () => 'take it off --ignore',
  leftOut: 'left out (--ignore)',
  undoMap: () => 'drop the --map entry',
  fixSettings: 'fix some settings at their starting values (--fixed)',
};

const TABLE: AdvicePhrases = {
  leaveOut: (column) => `leave it out (choose “Ignored” for column ${quoted(column)} in the table)`,
  readAs: (column, channel) => (column === null ? `choose “Spend of ${channel}” for one of the columns in the table`
    : `choose “Spend of ${channel}” for column ${quoted(column)} in the table`),
  otherTarget: 'choose “Target” for another column in the table',
  mapEntry: (column, channel) => `column ${quoted(column)} as “Spend of ${channel}”`,
  ignoreEntry: (column) => `column ${quoted(column)} as “Ignored”`,
  targetEntry: (column) => `column ${quoted(column)} as “Target”`,
  keep: (_, channel) => `choose “Spend of ${channel}” for it in the table`,
  leftOut: 'ignored',
  undoMap: (column, named) => `choose “Spend of ${named}” for column ${quoted(column)} again`,
  // The app estimates what has a range in the starting model, and edits no ranges: the file does.
  fixSettings: 'fix some settings at their starting values (take their ranges out of the starting model’s uncertainty)',
};

export function advicePhrases(advice: ColumnAdvice = 'command'): AdvicePhrases {
  return advice === 'table' ? TABLE : COMMAND;
}
