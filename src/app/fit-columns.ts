import { DEFAULT_TARGET } from '../engine/fit/history-columns.ts';
import type { ColumnRole, HistoryOptions } from '../engine/fit/history-table.ts';

/**
 * The fit view's table of columns, as the person edits it: each column of the history CSV with
 * a select (date / target / a channel's spend / demand driver / ignored), and the edits turned
 * into the reader's options (`HistoryOptions`: the command's --target, --map and --ignore), so
 * the app reads a file exactly as `budget-sim fit` would with the same options.
 *
 * Pure: the component keeps the roles the reader reported (`historyColumns`), applies a choice
 * with `withChoice`, and asks `historyOptionsFor` what to read next; the reader's own report of
 * the columns then replaces the table, so what is shown is always what the reader will do.
 */

/** What one column's select holds: a role, or `channel:NAME` for a channel's spend. */
export type ColumnChoice = 'date' | 'target' | 'driver' | 'ignored' | `channel:${string}`;

/** One entry of a column's select. */
export interface ChoiceOption {
  value: ColumnChoice;
  label: string;
}

/** The select's value for a column's role. */
export function choiceOf(role: ColumnRole): ColumnChoice {
  return role.role === 'channel' ? `channel:${role.channel}` : role.role;
}

/** The choices every column offers: date, target, each channel of the model (in its order), driver, ignored. */
export function choiceOptions(channels: readonly string[]): ChoiceOption[] {
  return [
    { value: 'date', label: 'Date' },
    { value: 'target', label: 'Target' },
    ...channels.map((name): ChoiceOption => ({ value: `channel:${name}`, label: `Spend of ${name}` })),
    { value: 'driver', label: 'Demand driver' },
    { value: 'ignored', label: 'Ignored' },
  ];
}

/** A column's role once `choice` is made (a driver's kind is the reader's to say; numeric until it does). */
function roleOf(column: string, choice: ColumnChoice, previous: ColumnRole | undefined): ColumnRole {
  if (choice.startsWith('channel:')) return { column, role: 'channel', channel: choice.slice('channel:'.length) };
  if (choice === 'driver') return { column, role: 'driver', kind: previous?.role === 'driver' ? previous.kind : 'numeric' };
  return { column, role: choice as 'date' | 'target' | 'ignored' };
}

/** True for the roles that only one column can have: the date, the target and each channel's spend. */
function sameUniqueRole(a: ColumnRole, b: ColumnRole): boolean {
  if (a.role === 'channel' && b.role === 'channel') return a.channel === b.channel;
  return a.role === b.role && (a.role === 'date' || a.role === 'target');
}

/**
 * The roles after `column` takes `choice`. A role only one column can have (the date, the
 * target, a channel's spend) moves: the column that had it becomes ignored, so that choosing
 * `sales` as the target does not leave `revenue` read as a demand driver (that would fit revenue
 * with itself), and the table never holds two targets.
 */
export function withChoice(roles: readonly ColumnRole[], column: string, choice: ColumnChoice): ColumnRole[] {
  const previous = roles.find((role) => role.column === column);
  const chosen = roleOf(column, choice, previous);
  return roles.map((role) => {
    if (role.column === column) return chosen;
    return sameUniqueRole(role, chosen) ? { column: role.column, role: 'ignored' } : role;
  });
}

/**
 * The reader's options for the roles as chosen, or why they cannot be read that way. The
 * reader takes the date from the column named `date` or else the first column (`dateColumn`, as
 * it reported it), and reads a column named as a channel as that channel's spend; those two
 * cannot be changed by options, so a choice against them is explained rather than ignored.
 *
 * - target: the column chosen as the target (every fit names it, so a file whose target is not
 *   called `revenue` reads the same way as one whose is); none while no column is chosen and
 *   none is called `revenue` (the reader then says the target is missing);
 * - map: each channel's column whose name is not the channel's own (column → channel);
 * - ignore: the columns chosen as ignored, in the file's order.
 *
 * @param channels the starting model's channel names
 * @example historyOptionsFor([{ column: 'date', role: 'date' }, { column: 'sales', role: 'target' },
 *   { column: 'tv_S', role: 'channel', channel: 'TV' }, { column: 'revenue', role: 'ignored' }], 'date', ['TV'])
 *   // { options: { target: 'sales', map: { tv_S: 'TV' }, ignore: ['revenue'] } }
 */
export function historyOptionsFor(
  roles: readonly ColumnRole[], dateColumn: string, channels: readonly string[],
): { options: HistoryOptions } | { problem: string } {
  const dates = roles.filter((role) => role.role === 'date');
  if (dates.length !== 1 || dates[0].column !== dateColumn) {
    return { problem: `The date is read from the column named “date”, or else the first column (here “${dateColumn}”); rename the columns in the file to use another.` };
  }
  const targets = roles.filter((role) => role.role === 'target');
  // With no target chosen the reader looks for `revenue` and says what is missing; but a file
  // that has a revenue column would have it read as the target against the table's word.
  const hasDefault = roles.some((role) => role.column.toLowerCase() === DEFAULT_TARGET);
  if (targets.length > 1 || (targets.length === 0 && hasDefault)) {
    return { problem: 'Choose one column as the target: the revenue (or sales) the model is fitted to.' };
  }
  const channelNames = new Set(channels);
  const map: Record<string, string> = Object.create(null);
  const ignore: string[] = [];
  for (const role of roles) {
    if (role.role === 'channel' && role.column !== role.channel) map[role.column] = role.channel;
    else if (role.role === 'ignored') ignore.push(role.column);
  }
  // A column named as a channel is read as its spend unless another column is mapped to it.
  const mappedChannels = new Set(Object.values(map));
  for (const role of roles) {
    if ((role.role === 'driver' || role.role === 'target') && channelNames.has(role.column) && !mappedChannels.has(role.column)) {
      return { problem: `“${role.column}” is named as a channel, so it is read as ${role.column}’s spend; to read it as ${role.role === 'target' ? 'the target' : 'a demand driver'}, rename the column in the file.` };
    }
  }
  const options: HistoryOptions = targets.length === 1 ? { target: targets[0].column } : {};
  if (Object.keys(map).length > 0) options.map = { ...map };
  if (ignore.length > 0) options.ignore = ignore;
  return { options };
}
