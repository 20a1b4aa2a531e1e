import {
  DEFAULT_ROBUST_DRAWS, DEFAULT_ROBUST_SEED, MAX_ROBUST_DRAWS, OBJECTIVE_NAMES, OptimizeError, PHASING_NAMES, ROBUST_STATISTICS,
  type ObjectiveName, type OptimizeOptions, type PhasingName, type RobustOptions, type RobustStatistic,
} from '../engine/optimize/index.ts';
import type { ChannelBounds } from '../engine/model/model.ts';
import { type OptionSpec, type ParsedArgs, optionValue } from './args.ts';
import { CliError } from './cli-error.ts';
import { closestName } from './closest-name.ts';
import { parseNumberOption, parseWholeNumberOption } from './number-option.ts';

/** The options `optimize` and `frontier` share: what to maximise, the phasing, the bounds. */
export const OPTIMIZER_OPTIONS: readonly OptionSpec[] = [
  { name: 'objective', valueName: OBJECTIVE_NAMES.join('|') },
  { name: 'phasing', valueName: PHASING_NAMES.join('|') },
  { name: 'min-share', valueName: 'a' },
  { name: 'max-share', valueName: 'b' },
  { name: 'min-period', valueName: 'x' },
  { name: 'max-period', valueName: 'y' },
  { name: 'max-step', valueName: 's' },
  { name: 'min-flight', valueName: 'N' },
  { name: 'bound', valueName: 'channel=min:max', repeatable: true },
];

/** `--exact-best | --smooth-tolerance t`: optimize only (the frontier compares best plans). */
export const SMOOTHING_OPTIONS: readonly OptionSpec[] = [
  { name: 'exact-best' },
  { name: 'smooth-tolerance', valueName: 't' },
];

/** `--robust mean|p10 [--draws N] [--seed S]`: risk-averse planning, optimize only. */
export const ROBUST_OPTIONS: readonly OptionSpec[] = [
  { name: 'robust', valueName: ROBUST_STATISTICS.join('|') },
  { name: 'draws', valueName: 'N' },
  { name: 'seed', valueName: 'S' },
];

/**
 * `--robust`, `--draws` and `--seed` as the engine takes them; undefined without --robust.
 * @throws {CliError} for an unknown statistic, draws or a seed that is not a whole number in
 *   range, or --draws / --seed without --robust
 */
export function robustOptionsFrom(args: ParsedArgs): RobustOptions | undefined {
  const statistic = optionValue(args, 'robust');
  const drawsText = optionValue(args, 'draws');
  const seedText = optionValue(args, 'seed');
  if (statistic === undefined) {
    const stray = drawsText !== undefined ? 'draws' : seedText !== undefined ? 'seed' : undefined;
    if (stray !== undefined) throw new CliError(`--${stray} only applies with --robust mean|p10 (the draws a risk-averse plan is judged on)`);
    return undefined;
  }
  return {
    statistic: chooseName('robust statistic', statistic, ROBUST_STATISTICS) as RobustStatistic,
    draws: drawsText === undefined ? DEFAULT_ROBUST_DRAWS : parseWholeNumberOption('draws', drawsText, 1, MAX_ROBUST_DRAWS),
    seed: seedText === undefined ? DEFAULT_ROBUST_SEED : parseWholeNumberOption('seed', seedText, 0, Number.MAX_SAFE_INTEGER),
  };
}

/** The command-line spelling of each engine option, for messages. */
const FLAGS: Readonly<Record<string, string>> = {
  objective: '--objective',
  phasing: '--phasing',
  minShare: '--min-share',
  maxShare: '--max-share',
  minPeriodMultiple: '--min-period',
  maxPeriodMultiple: '--max-period',
  maxStep: '--max-step',
  minFlight: '--min-flight',
  smoothTolerance: '--smooth-tolerance',
  targetRoi: '--target-roi',
  budgetCap: '--budget-cap',
  from: '--from',
  to: '--to',
  steps: '--steps',
  robust: '--robust',
  bounds: '--bound',
  'robust.statistic': '--robust',
  'robust.draws': '--draws',
  'robust.seed': '--seed',
};

/**
 * The optimiser options given on the command line, as the engine takes them. Numbers are
 * checked here only for being numbers; ranges and combinations are the engine's to check
 * (see `withOptimizerErrors`).
 * @throws {CliError} for an unknown objective or phasing (with a suggestion), a value that is not
 *   a number, or a period bound with a phasing other than flighting
 */
export function optimizerOptionsFrom(args: ParsedArgs): OptimizeOptions {
  const options: OptimizeOptions = {};
  const objective = optionValue(args, 'objective');
  if (objective !== undefined) options.objective = chooseName('objective', objective, OBJECTIVE_NAMES) as ObjectiveName;
  const phasing = optionValue(args, 'phasing');
  if (phasing !== undefined) options.phasing = chooseName('phasing', phasing, PHASING_NAMES) as PhasingName;
  const numbers = [
    ['min-share', 'minShare'], ['max-share', 'maxShare'], ['min-period', 'minPeriodMultiple'], ['max-period', 'maxPeriodMultiple'],
    ['max-step', 'maxStep'], ['min-flight', 'minFlight'], ['smooth-tolerance', 'smoothTolerance'],
  ] as const;
  for (const [flag, field] of numbers) {
    const text = optionValue(args, flag);
    if (text !== undefined) options[field] = parseNumberOption(flag, text);
  }
  const bounds = channelBoundsFrom(args.values.get('bound') ?? []);
  if (bounds !== undefined) options.bounds = bounds;
  if (args.flags.has('exact-best')) options.exactBest = true;
  if (options.exactBest === true && options.smoothTolerance !== undefined) {
    throw new CliError('--smooth-tolerance sets how far the smoother plan may fall below the best; with --exact-best there is no smoother plan, so give one or the other');
  }
  // Only flighting moves spend between periods; a bound that could not act is a mistake to say.
  const periodFlag = ['min-period', 'max-period'].find((flag) => optionValue(args, flag) !== undefined);
  if (periodFlag !== undefined && (options.phasing ?? 'constant') !== 'flighting') {
    throw new CliError(`--${periodFlag} applies only to --phasing flighting (the only phasing that moves spend between periods); the phasing here is ${options.phasing ?? 'constant'}`);
  }
  return options;
}

/**
 * Runs an optimiser call, turning an `OptimizeError` into a `CliError` (exit status 2) whose
 * message names the command-line flag (`--min-share`) where the engine names its option (`minShare`).
 */
export function withOptimizerErrors<Result>(action: () => Result): Result {
  try {
    return action();
  } catch (error) {
    if (!(error instanceof OptimizeError)) throw error;
    // Engine names in camelCase cannot be mistaken for ordinary words, so each is replaced
    // wherever it appears; a plain-word name (from, steps) only where it opens the message.
    const flag = FLAGS[error.option];
    // The robust options' messages open with their words ("robust draws must …").
    const name = error.option.replace('.', ' ');
    const opening = flag !== undefined && error.message.startsWith(`${name} `) ? `${flag}${error.message.slice(name.length)}` : error.message;
    throw new CliError(opening
      .replace(/\b(minShare|maxShare|minPeriodMultiple|maxPeriodMultiple|maxStep|minFlight|smoothTolerance|targetRoi|budgetCap)\b/g, (word) => FLAGS[word])
      .replace('with robust (risk-averse)', 'with --robust (risk-averse)'));
  }
}

/**
 * `--bound NAME=MIN:MAX` (repeatable): a channel's least and most spend per year, either side
 * may be left out (`TV=100000:`, `Search=:250000`). A two-lever model's channels are `upstream`
 * and `downstream`. Whether the channel exists, and whether the bounds can be met, is the
 * engine's to check (`planChannels`, `checkBoundsFeasible`).
 * @throws {CliError} for a value without `=` or `:`, an amount that is not a number, or a
 *   channel bounded twice
 * @example channelBoundsFrom(['TV=100000:400000', 'Search=:250000'])
 */
export function channelBoundsFrom(texts: readonly string[]): Record<string, ChannelBounds> | undefined {
  if (texts.length === 0) return undefined;
  const bounds: Record<string, ChannelBounds> = Object.create(null) as Record<string, ChannelBounds>;
  for (const text of texts) {
    const equals = text.lastIndexOf('=');
    const colon = text.indexOf(':', equals + 1);
    if (equals <= 0 || colon < 0) {
      throw new CliError(`--bound takes channel=min:max (a minimum or a maximum spend per year may be left out, e.g. TV=100000:400000 or Search=:250000), got '${text}'`);
    }
    const name = text.slice(0, equals);
    if (Object.hasOwn(bounds, name)) throw new CliError(`--bound names channel '${name}' twice; give its minimum and maximum in one --bound ${name}=min:max`);
    const minText = text.slice(equals + 1, colon).trim();
    const maxText = text.slice(colon + 1).trim();
    if (minText === '' && maxText === '') throw new CliError(`--bound ${name}= gives neither a minimum nor a maximum; write ${name}=min:max, ${name}=min: or ${name}=:max`);
    const channel: ChannelBounds = {};
    if (minText !== '') channel.minPerYear = parseNumberOption('bound', minText);
    if (maxText !== '') channel.maxPerYear = parseNumberOption('bound', maxText);
    bounds[name] = channel;
  }
  return { ...bounds };
}

function chooseName(option: string, value: string, names: readonly string[]): string {
  if (names.includes(value)) return value;
  const suggestion = closestName(value, names);
  const hint = suggestion === undefined ? '' : ` (did you mean ${suggestion}?)`;
  const choices = `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
  throw new CliError(`unknown ${option} '${value}'${hint}; choose ${choices}`);
}
