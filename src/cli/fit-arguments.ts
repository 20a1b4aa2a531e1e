import type { FitOptions } from '../engine/fit/fit-result.ts';
import type { HistoryOptions } from '../engine/fit/history-table.ts';
import { type OptionSpec, type ParsedArgs, optionValue } from './args.ts';
import { CliError } from './cli-error.ts';
import { parseWholeNumberOption } from './number-option.ts';
import { STANDARD_INPUT } from './read-model-file.ts';

/** The options of `budget-sim fit`, besides --format. */
export const FIT_OPTIONS: readonly OptionSpec[] = [
  { name: 'model', valueName: 'START.json' },
  { name: 'holdout', valueName: 'N' },
  { name: 'out', valueName: 'FITTED.json' },
  { name: 'target', valueName: 'NAME' },
  { name: 'map', valueName: 'column=channel,...', repeatable: true },
  { name: 'ignore', valueName: 'column,...', repeatable: true },
  { name: 'free', valueName: 'path,...', repeatable: true },
  { name: 'fixed', valueName: 'path,...', repeatable: true },
  { name: 'starts', valueName: 'N' },
  { name: 'seed', valueName: 'S' },
];

/** Largest --holdout: far beyond any history (200 years of weeks); the fit refuses one longer than its history. */
export const MAX_HOLDOUT = 10_000;
/** Largest --starts: each start is a whole search, and beyond a few dozen they find nothing new. */
export const MAX_STARTS = 100;

/** What `budget-sim fit` was asked to do, checked, before any file is read. */
export interface FitArguments {
  /** The history CSV, as typed. */
  historyFile: string;
  /** The starting model, as typed (`-` reads standard input). */
  modelFile: string;
  /** Where to write the fitted model; undefined: nowhere. */
  out: string | undefined;
  /** How the CSV's columns are read: --target, --map, --ignore. */
  history: HistoryOptions;
  /** --holdout, --free, --fixed, --starts, --seed; options not given are left out (the engine's defaults apply). */
  fit: Pick<FitOptions, 'holdout' | 'free' | 'fixed' | 'starts' | 'seed'>;
}

const MAP_EXAMPLE = 'write column=channel pairs separated by commas, e.g. --map "tv_S=TV,search_S=Search"';

/**
 * Reads and checks fit's arguments: one history file, --model, and each option's value.
 * @throws {CliError} naming the option and what is wrong with it
 * @example fitArgumentsFrom(parseCommandArgs(['h.csv', '--model', 'm.json', '--holdout', '8'], FIT_OPTIONS, 'fit')).fit.holdout // 8
 */
export function fitArgumentsFrom(args: ParsedArgs): FitArguments {
  const history: HistoryOptions = {};
  const target = optionValue(args, 'target');
  if (target !== undefined) {
    if (target.trim() === '') throw new CliError('--target needs a column name, got an empty one');
    history.target = target;
  }
  if (args.values.has('map')) history.map = parseColumnMap(args.values.get('map')!);
  if (args.values.has('ignore')) history.ignore = parseNameList('ignore', 'column', args.values.get('ignore')!);

  const fit: FitArguments['fit'] = {};
  const holdout = optionValue(args, 'holdout');
  if (holdout !== undefined) fit.holdout = parseWholeNumberOption('holdout', holdout, 0, MAX_HOLDOUT);
  const starts = optionValue(args, 'starts');
  if (starts !== undefined) fit.starts = parseWholeNumberOption('starts', starts, 1, MAX_STARTS);
  const seed = optionValue(args, 'seed');
  if (seed !== undefined) fit.seed = parseWholeNumberOption('seed', seed, 0, Number.MAX_SAFE_INTEGER);
  if (args.values.has('free')) fit.free = parseNameList('free', 'path', args.values.get('free')!);
  if (args.values.has('fixed')) fit.fixed = parseNameList('fixed', 'path', args.values.get('fixed')!);
  const both = (fit.free ?? []).filter((path) => fit.fixed?.includes(path));
  if (both.length > 0) {
    throw new CliError(`--free and --fixed both name ${both.map((path) => `'${path}'`).join(', ')}; a setting is either estimated or kept, give it to one of them`);
  }

  const modelFile = optionValue(args, 'model');
  if (modelFile === undefined) {
    throw new CliError('fit needs the starting model: --model START.json (its channels name the spend columns; see budget-sim fit --help)');
  }
  const out = optionValue(args, 'out');
  if (out !== undefined && out.trim() === '') throw new CliError('--out needs a file name, got an empty one');
  if (out === STANDARD_INPUT) throw new CliError('--out needs a file name; to print the fitted model, leave --out out and give --format json');

  if (args.positionals.length !== 1) {
    throw new CliError(args.positionals.length === 0
      ? 'fit needs a history file: budget-sim fit <history.csv> --model <start.json>'
      : `fit takes one history file, got ${args.positionals.length} (${args.positionals.join(', ')})`);
  }
  const historyFile = args.positionals[0];
  if (historyFile === STANDARD_INPUT) throw new CliError('fit reads the history from a file; - (standard input) is for model files only');
  return { historyFile, modelFile, out, history, fit };
}

/**
 * Reads --map values: `column=channel` pairs separated by commas, each value adding to the last.
 * Spaces around a pair are ignored. The record has no prototype, so a column named
 * "constructor" or "__proto__" is a column like any other.
 * @throws {CliError} for an empty pair, a pair without "=" or with two, an empty column or
 *   channel, a column mapped twice or a channel given two columns
 * @example parseColumnMap(['tv_S=TV,search_S=Search']) // { tv_S: 'TV', search_S: 'Search' }
 */
export function parseColumnMap(values: readonly string[]): Record<string, string> {
  const map: Record<string, string> = Object.create(null);
  const columnOf = new Map<string, string>();
  for (const value of values) {
    for (const piece of value.split(',')) {
      const pair = piece.trim();
      if (pair === '') throw new CliError(`--map '${value}' has an empty pair; ${MAP_EXAMPLE}`);
      const parts = pair.split('=');
      if (parts.length !== 2) {
        throw new CliError(`--map pair '${pair}' ${parts.length === 1 ? 'has no' : 'has more than one'} '='; ${MAP_EXAMPLE}`);
      }
      const [column, channel] = parts.map((part) => part.trim());
      if (column === '') throw new CliError(`--map pair '${pair}' has no column before '='; ${MAP_EXAMPLE}`);
      if (channel === '') throw new CliError(`--map pair '${pair}' has no channel after '='; ${MAP_EXAMPLE}`);
      if (Object.hasOwn(map, column)) {
        throw new CliError(`--map gives column '${column}' twice (to ${map[column]} and to ${channel}); a column is one channel's spend`);
      }
      const earlier = columnOf.get(channel);
      if (earlier !== undefined) {
        throw new CliError(`--map gives channel '${channel}' two columns ('${earlier}' and '${column}'); a channel's spend is one column`);
      }
      map[column] = channel;
      columnOf.set(channel, column);
    }
  }
  return map;
}

/**
 * Reads a list option (--ignore, --free, --fixed): names separated by commas, each value
 * adding to the last, spaces around a name ignored, repeats dropped.
 * @param what what each name is, for the message ("column", "path")
 * @throws {CliError} for an empty name ("a,,b", a trailing comma, an empty value)
 * @example parseNameList('ignore', 'column', ['week_no, notes']) // ['week_no', 'notes']
 */
export function parseNameList(option: string, what: string, values: readonly string[]): string[] {
  const names: string[] = [];
  for (const value of values) {
    for (const piece of value.split(',')) {
      const name = piece.trim();
      if (name === '') throw new CliError(`--${option} '${value}' has an empty ${what}; give names separated by commas, e.g. --${option} a,b`);
      if (!names.includes(name)) names.push(name);
    }
  }
  return names;
}
