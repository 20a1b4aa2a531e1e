import { closestName } from '../io/closest-name.ts';
import type { Model } from '../model/model.ts';
import { type ChannelSettings, channelList, modelChannels } from '../model/model-channels.ts';
import { type AdvicePhrases, advicePhrases } from './column-advice.ts';
import { quoted } from './history-cells.ts';
import { historyCsv } from './history-csv.ts';
import { driverKind } from './history-drivers.ts';
import { type ColumnRole, HistoryError, type HistoryOptions } from './history-table.ts';

/**
 * Keys of a fitted period in the fit's output (`FitPeriod`, and the columns of its CSV), beside
 * which each channel and driver gets a contribution of its own: a driver may not take one of
 * these names, nor a channel's.
 */
export const RESERVED_DRIVER_NAMES: readonly string[] = ['date', 'actual', 'fitted', 'lower', 'upper', 'holdout', 'base', 'interaction'];

/** The target column when the options name none. */
export const DEFAULT_TARGET = 'revenue';

/** Which column (by index in the header) plays which part. */
export interface ColumnMatch {
  date: number;
  /** −1 when there is no target column (only in a lenient reading). */
  target: number;
  /** Each channel of the model in compiled order with its column, −1 when it has none (only in a lenient reading). */
  channels: { channel: ChannelSettings; column: number }[];
  /** Demand driver columns, in file order. */
  drivers: number[];
  ignored: ReadonlySet<number>;
}

/**
 * Reads which column is what, from the header and the options (spec: issue 12, Input).
 *
 * Names match exactly, or ignoring case when that finds one column (`Revenue` is the target,
 * `tv` is channel TV's spend): one rule for the date, the target, the channels, --map and
 * --ignore. The date column is `date`, or else the first; the target `revenue` or
 * `options.target`; each channel's spend the column mapped to it by `options.map` (column →
 * channel), or else the column named as it; `options.ignore` leaves columns out; every other
 * column is a demand driver, whose name must not clash with a key of the fit's output or a
 * channel's name.
 *
 * Every problem goes to `report`, which throws for `readHistory` and ignores it for
 * `historyColumns` (the matching screen shows what it can); after a problem the reading goes on
 * as best it can (an unknown --map entry is skipped, a channel without a column gets −1).
 */
export function matchColumns(header: readonly string[], model: Model, options: HistoryOptions,
  report: (problem: HistoryError) => void): ColumnMatch {
  const problem = (message: string, column: string | null = null) => report(new HistoryError(message, null, column));
  const advice = advicePhrases(options.advice);
  const channels = channelList(modelChannels(model));
  const channelNames = channels.map((channel) => channel.name);
  const taken = new Set<number>();

  const dateMatches = namesMatching('date', header);
  if (dateMatches.length > 1) problem(`columns ${quoteList(dateMatches.map((index) => header[index]))} are all "date" when case is ignored; rename all but one`);
  const date = dateMatches.length > 0 ? dateMatches[0] : 0;
  taken.add(date);

  const ignored = new Set<number>();
  for (const name of options.ignore ?? []) {
    const index = uniqueColumn(name, header, problem, advice.ignoreEntry(name));
    if (index === undefined) continue;
    if (index === date) problem(`${advice.ignoreEntry(name)}: column ${quoted(header[index])} holds the dates and cannot be left out`, header[index]);
    else ignored.add(index);
  }
  for (const index of ignored) taken.add(index);

  const targetName = options.target ?? DEFAULT_TARGET;
  const targetHint = options.target === undefined ? ` (${advice.otherTarget})` : '';
  let target = uniqueColumn(targetName, header, problem, `the target ${quoted(targetName)}${targetHint}`) ?? -1;
  if (target !== -1 && taken.has(target)) {
    problem(`the target ${quoted(targetName)} is column ${quoted(header[target])}, which ${target === date ? 'holds the dates' : `is ${advice.leftOut}`}`, header[target]);
    target = -1;
  }
  if (target !== -1) taken.add(target);

  const mapped = new Map<string, number>();
  for (const [column, channel] of Object.entries(options.map ?? {})) {
    const entry = advice.mapEntry(column, channel);
    const index = uniqueColumn(column, header, problem, entry);
    const channelIndex = uniqueName(channel, channelNames, problem, entry, 'the model has no channel', 'channels');
    if (index === undefined || channelIndex === undefined) continue;
    const channelName = channelNames[channelIndex];
    if (taken.has(index)) {
      problem(`${entry}: column ${quoted(header[index])} is already ${roleInWords(index, date, target, advice)}`, header[index]);
    } else if (mapped.has(channelName)) {
      problem(`${entry}: channel ${quoted(channelName)} already reads column ${quoted(header[mapped.get(channelName)!])}; a channel has one spend column`, header[index]);
    } else {
      mapped.set(channelName, index);
      taken.add(index);
    }
  }

  // Channels named by their column first, all of them, so that a missing channel's suggestion
  // is chosen among the columns no channel reads.
  const channelColumns = channels.map((channel) => {
    const fromMap = mapped.get(channel.name);
    if (fromMap !== undefined) return { channel, column: fromMap };
    const matches = namesMatching(channel.name, header.map((name, index) => (taken.has(index) ? null : name)));
    if (matches.length > 1) {
      problem(`columns ${quoteList(matches.map((index) => header[index]))} all match channel ${quoted(channel.name)} when case is ignored; `
        + `name one exactly ${quoted(channel.name)} or ${advice.readAs(null, channel.name)}`);
    }
    if (matches.length > 0) taken.add(matches[0]);
    return { channel, column: matches.length > 0 ? matches[0] : -1 };
  });
  for (const { channel, column } of channelColumns) {
    if (column === -1) {
      const free = header.map((name, index) => (taken.has(index) ? null : name));
      problem(mappedAway(channel.name, header, mapped, free, options.map ?? {}, advice)
        ?? givenAnotherRole(channel.name, header, { target, ignored }, advice)
        ?? missingChannel(channel.name, header.filter((_, index) => !taken.has(index)), advice), channelColumn(channel.name, header));
    }
  }

  const drivers = header.flatMap((_, index) => (taken.has(index) ? [] : [index]));
  for (const index of drivers) {
    const clash = driverNameClash(header[index], channelColumns.map(({ channel, column }) => ({ name: channel.name, column: header[column] })), advice);
    if (clash !== undefined) problem(clash, header[index]);
  }
  return { date, target, channels: channelColumns, drivers, ignored };
}

/**
 * How each column of a history CSV would be read, in file order, for the app's column matching
 * screen: the date, the target, each channel's spend, demand drivers (numeric or text, judged
 * from the non-blank cells) and columns left out. A column the reading cannot place (a channel
 * missing, a --map entry that names nothing) does not stop it: those problems are for
 * `readHistory` to report.
 * @throws HistoryError only when the file cannot be split into cells (see `historyCsv`: too
 *   large, empty, not comma-separated, a quote never closed) or its header has a column without
 *   a name or a name twice
 */
export function historyColumns(text: string, model: Model, options: HistoryOptions = {}): ColumnRole[] {
  const { header, rows } = historyCsv(text);
  const match = matchColumns(header, model, options, () => {});
  const channelOf = new Map(match.channels.filter(({ column }) => column >= 0).map(({ channel, column }) => [column, channel.name]));
  return header.map((column, index): ColumnRole => {
    if (index === match.date) return { column, role: 'date' };
    if (index === match.target) return { column, role: 'target' };
    const channel = channelOf.get(index);
    if (channel !== undefined) return { column, role: 'channel', channel };
    if (match.ignored.has(index)) return { column, role: 'ignored' };
    return { column, role: 'driver', kind: driverKind(rows.map((cells) => cells[index] ?? '')) };
  });
}

/**
 * Indexes of the names equal to `name`: the exact one if there is one, else all those equal
 * ignoring case. Null entries (names already used) never match.
 */
function namesMatching(name: string, names: readonly (string | null)[]): number[] {
  const exact = names.indexOf(name);
  if (exact >= 0) return [exact];
  const lower = name.toLowerCase();
  return names.flatMap((candidate, index) => (candidate !== null && candidate.toLowerCase() === lower ? [index] : []));
}

/** The one column a name given in the options matches, or undefined (and a problem) when none or several do. */
function uniqueColumn(name: string, header: readonly string[], problem: (message: string) => void, what: string): number | undefined {
  return uniqueName(name, header, problem, what, 'there is no column', 'columns');
}

function uniqueName(name: string, names: readonly string[], problem: (message: string) => void, what: string,
  missing: string, plural: string): number | undefined {
  const matches = namesMatching(name, names);
  if (matches.length === 1) return matches[0];
  if (matches.length > 1) {
    problem(`${what}: ${plural} ${quoteList(matches.map((index) => names[index]))} all match ${quoted(name)} when case is ignored; write one exactly`);
    return undefined;
  }
  const suggestion = closestName(name, names);
  problem(`${what}: ${missing} ${quoted(name)}; ${suggestion === undefined ? `the ${plural} are ${quoteList(names)}` : `did you mean ${quoted(suggestion)}?`}`);
  return undefined;
}

/**
 * The message for a channel without a column, suggesting the free columns that contain its name
 * (tv_S, spend_TV for TV) or else the closest name (a typo).
 */
function missingChannel(channel: string, freeColumns: readonly string[], advice: AdvicePhrases): string {
  const lower = channel.toLowerCase();
  const containing = freeColumns.filter((name) => name.toLowerCase().includes(lower));
  const closest = closestName(channel, freeColumns);
  const suggestions = containing.length > 0 ? containing : closest === undefined ? [] : [closest];
  const start = `the model's channel ${quoted(channel)} has no spend column`;
  if (suggestions.length > 0) {
    return `${start}; did you mean ${quoteList(suggestions, 'or')}? Name it ${quoted(channel)} or ${advice.readAs(suggestions[0], channel)}`;
  }
  const left = freeColumns.length === 0 ? 'every column is read already' : `columns not yet read: ${quoteList(freeColumns)}`;
  return `${start}; name one ${quoted(channel)} or ${advice.readAs(null, channel)} (${left})`;
}

/**
 * The message for a channel without a column because the column named as it was made the target
 * or left out (`--target TV`, `--ignore Search`), or undefined when neither: the person chose
 * that role for it, so the message says so rather than that the column is missing.
 */
function givenAnotherRole(channel: string, header: readonly string[], roles: { target: number; ignored: ReadonlySet<number> },
  advice: AdvicePhrases): string | undefined {
  const own = namesMatching(channel, header);
  if (own.length !== 1) return undefined;
  const column = header[own[0]];
  const spend = `column ${quoted(column)} is channel ${quoted(channel)}'s spend, and every channel of the model needs its spend column`;
  if (own[0] === roles.target) return `${advice.targetEntry(column)}: ${spend}; ${advice.otherTarget}`;
  if (roles.ignored.has(own[0])) return `${advice.ignoreEntry(column)}: ${spend}; ${advice.keep(column, channel)}, or take the channel out of the starting model`;
  return undefined;
}

/** The column named as a channel, for a message's place, or null when none or several are. */
function channelColumn(channel: string, header: readonly string[]): string | null {
  const own = namesMatching(channel, header);
  return own.length === 1 ? header[own[0]] : null;
}

/**
 * The message for a channel without a column because --map gave the column of its name to
 * another channel (`--map "Search=TV"` with columns TV and Search), or undefined when no entry
 * did. When the other channel's own column is still there, the entry makes two columns for one
 * channel and none for this one: most likely the entry is the wrong way round or not needed.
 * @param mapped channel name → the column --map gave it
 * @param free the header with the columns already read as null
 */
function mappedAway(channel: string, header: readonly string[], mapped: ReadonlyMap<string, number>,
  free: readonly (string | null)[], map: Readonly<Record<string, string>>, advice: AdvicePhrases): string | undefined {
  const taker = [...mapped].find(([, index]) => namesMatching(channel, [header[index]]).length > 0);
  if (taker === undefined) return undefined;
  const [other, index] = taker;
  const column = header[index];
  const entry = Object.entries(map).find(([name, to]) => namesMatching(name, [column]).length > 0 && namesMatching(to, [other]).length > 0);
  const option = entry === undefined ? advice.mapEntry(column, other) : advice.mapEntry(entry[0], entry[1]);
  const own = namesMatching(other, free);
  if (own.length === 1) {
    return `${option}: columns ${quoted(header[own[0]])} and ${quoted(column)} would both give channel ${quoted(other)}'s spend `
      + `(${quoted(header[own[0]])} by its name), and channel ${quoted(channel)} would have none; a channel has one spend column. `
      + `${capitalise(advice.undoMap(column, channel))} to read each column as the channel it is named after`;
  }
  return `${option}: column ${quoted(column)} is named as channel ${quoted(channel)} but is mapped to channel ${quoted(other)}, `
    + `so channel ${quoted(channel)} has no spend column; ${advice.readAs(null, channel)} or ${advice.undoMap(column, channel)}`;
}

/** Why a driver column's name cannot be a driver's, or undefined when it can. */
function driverNameClash(name: string, channels: readonly { name: string; column: string | undefined }[], advice: AdvicePhrases): string | undefined {
  const lower = name.toLowerCase();
  const leaveOut = `rename the column or ${advice.leaveOut(name)}`;
  if (RESERVED_DRIVER_NAMES.includes(lower)) {
    return `column ${quoted(name)} would be a demand driver, but the fit's results already have a "${lower}" for each period `
      + `(${RESERVED_DRIVER_NAMES.join(', ')}); ${leaveOut}`;
  }
  const channel = channels.find((candidate) => candidate.name.toLowerCase() === lower);
  if (channel === undefined) return undefined;
  const source = channel.column === undefined ? '' : `, whose spend is column ${quoted(channel.column)}`;
  return `column ${quoted(name)} would be a demand driver named as channel ${quoted(channel.name)}${source}; ${leaveOut}`;
}

function roleInWords(index: number, date: number, target: number, advice: AdvicePhrases): string {
  if (index === date) return 'the date column';
  if (index === target) return 'the target';
  return `${advice.leftOut} or another channel's spend`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** '"a", "b" and "c"' ("or" for choices): the first 12, and a count of the rest. */
function quoteList(names: readonly string[], conjunction: 'and' | 'or' = 'and'): string {
  const shown = names.slice(0, 12).map(quoted);
  if (names.length > 12) shown.push(`${names.length - 12} more`);
  return shown.length <= 1 ? shown.join('') : `${shown.slice(0, -1).join(', ')} ${conjunction} ${shown[shown.length - 1]}`;
}
