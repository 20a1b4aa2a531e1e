import { type Objective, type ObjectiveName, objectiveByName } from '../sim/objectives.ts';
import type { ChannelBounds } from '../model/model.ts';
import { OptimizeError } from './optimize-error.ts';

/** How freely the plan may vary over time; see `PHASINGS`. */
export type PhasingName = 'constant' | 'yearly' | 'period' | 'flighting';

/** What a risk-averse plan maximises across draws: the mean or the 10th percentile. */
export type RobustStatistic = 'mean' | 'p10';

/**
 * Risk-averse planning: maximise a statistic of the objective across Monte Carlo draws of the
 * model's `uncertainty` rather than its value at the central settings. Every candidate plan is
 * scored on the same draws (common random numbers).
 */
export interface RobustOptions {
  /** `mean` or `p10` (the 10th percentile, R's type 7, as `montecarlo` reports it). */
  statistic: RobustStatistic;
  /** Draws, a whole number from 1 to 20,000; default 1,000. */
  draws?: number;
  /** Seed of the draws, a whole number from 0 to 2^53 − 1; default 1. */
  seed?: number;
}

/** The robust options checked, with defaults filled in. */
export type RobustSettings = Required<RobustOptions>;

export const ROBUST_STATISTICS: readonly RobustStatistic[] = ['mean', 'p10'];
export const DEFAULT_ROBUST_DRAWS = 1000;
export const DEFAULT_ROBUST_SEED = 1;
/** Each draw keeps its own compiled model (about 2 KB for 5 years monthly), so draws are capped. */
export const MAX_ROBUST_DRAWS = 20_000;
/**
 * `period` and `flighting` also keep, per draw, the record of a run that the gradient's reverse
 * pass reads (measured 17 KB per draw for 5 years monthly, 61 KB weekly): at most 2,000 draws,
 * 34 MB monthly and 122 MB weekly.
 */
export const MAX_ROBUST_GRADIENT_DRAWS = 2_000;

/** What `optimize` takes besides the model. Every field is optional. */
export interface OptimizeOptions {
  /** The key figure to maximise; default `npvWithCarryover`. */
  objective?: ObjectiveName;
  /** Default `constant`. */
  phasing?: PhasingName;
  /** Lowest upstream (side) share allowed in any period, 0…1; default 0. */
  minShare?: number;
  /**
   * Least and most each named channel may spend in every year (`{ TV: { minPerYear: 100000 } }`;
   * a two-lever model's channels are `upstream` and `downstream`). Each field given replaces the
   * model file's `bounds` of that channel; channels not named keep the file's. Checked against the
   * model by `optimize` (unknown names, a minimum above the maximum, bounds no split of a year's
   * budget can meet: `OptimizeError` with option `bounds`, naming the channel and year).
   */
  bounds?: Readonly<Record<string, ChannelBounds>>;
  /** Highest upstream share allowed in any period, 0…1; default 1. */
  maxShare?: number;
  /**
   * Lowest spend in a period, as a multiple of the year's average period budget
   * (budget per year / periods per year), 0…1; default 0. Only `flighting` moves spend
   * between periods; the other phasings spend the average (multiple 1) every period.
   */
  minPeriodMultiple?: number;
  /** Highest spend in a period, as such a multiple, ≥ 1; default unbounded. */
  maxPeriodMultiple?: number;
  /**
   * Largest change of a channel's spend (in a two-lever model, a side's) from one period to the next, as
   * a share of the period's average budget (budget per year / periods per year; at a year
   * boundary the larger of the two years', plus the change of that average itself, so a plan
   * that keeps its split may always follow its budgets). A number > 0; default no limit.
   * `period` and `flighting` only (the phasings that choose spend period by period).
   * E.g. 0.25: a month may differ from the month before by at most a quarter of the average month.
   */
  maxStep?: number;
  /**
   * Shortest flight, in periods: each channel's spend is bought in flights of this many periods
   * (blocks starting with each year), the same in every period of a flight, so whatever is
   * switched on or off stays so for at least this long. A whole number ≥ 1 that divides the
   * periods in a year; default 1 (no limit). `period` and `flighting` only.
   */
  minFlight?: number;
  /**
   * False (default): for `period` and `flighting`, return the smoothest plan whose value is
   * within `smoothTolerance` of the best found (the objective is nearly flat along
   * period-to-period alternations, so the best plan is one of many almost as good, often a
   * zig-zag); the result's `smoothing` reports both values. True: return the best plan found.
   */
  exactBest?: boolean;
  /**
   * How much value the smoother plan may give up, as a share of |best value|; default 0.001
   * (0.1 %), a number from 0 to 0.1. It never gives up more than a quarter of what the per-period
   * plan gains over the best yearly plan (see `smoothingTolerance`).
   */
  smoothTolerance?: number;
  /** Called now and then with the share of the work done (0…1, rising), e.g. for a progress bar. */
  onProgress?: (fraction: number) => void;
  /**
   * Checked about once per iteration; when it returns true the optimiser stops and returns the
   * best plan found so far with `cancelled: true` (it does not throw), e.g. for a Cancel button.
   */
  shouldStop?: () => boolean;
  /**
   * How hard to search: 1 (default) is the tuned effort; larger values allow proportionally
   * more iterations and demand a tighter stop (tests use this for long reference runs).
   */
  effort?: number;
  /**
   * Maximise the mean or the 10th percentile of the objective across draws of the model's
   * `uncertainty` (risk-averse planning) instead of its value at the central settings.
   * Absent (the default): the central settings. Every phasing; not with `maxStep` or `minFlight`.
   */
  robust?: RobustOptions;
}

/** The options checked, with defaults filled in. */
export interface OptimizeSettings {
  objective: Objective;
  phasing: PhasingName;
  minShare: number;
  maxShare: number;
  minPeriodMultiple: number;
  /** Infinity when unbounded. */
  maxPeriodMultiple: number;
  /** Infinity when there is no limit. */
  maxStep: number;
  /** 1 when there is no limit. */
  minFlight: number;
  exactBest: boolean;
  smoothTolerance: number;
  effort: number;
  /** Absent when the objective is taken at the central settings. */
  robust?: RobustSettings;
  /** The channel bounds given to the optimiser (checked against the model by `optimize`). */
  bounds?: Readonly<Record<string, ChannelBounds>>;
}

export const PHASING_NAMES: readonly PhasingName[] = ['constant', 'yearly', 'period', 'flighting'];

/** The value a smoother plan may give up by default: 0.1 % of the best value. */
export const DEFAULT_SMOOTH_TOLERANCE = 0.001;

/**
 * Checks optimiser options and fills in the defaults.
 * @throws {OptimizeError} naming the option: a share bound outside 0…1 or crossed with the other;
 *   a period multiple that is negative, not a number, or impossible to meet (the minimum above 1
 *   or the maximum below 1: the year's periods must average exactly 1); an unknown objective or
 *   phasing; an effort that is not a positive number; with `robust`, an unknown statistic,
 *   draws or a seed out of range (option `robust.statistic`, `robust.draws`, `robust.seed`;
 *   draws at most 2,000 for `period` and `flighting`); `maxStep` not above 0, `minFlight` not a
 *   whole number ≥ 1, either with a phasing other than `period` and `flighting` or with
 *   `robust`; `smoothTolerance` outside 0…0.1. (Whether `minFlight` divides the periods in a
 *   year depends on the model: `optimize` checks that.)
 * @example resolveOptions({ minShare: 0.2 }).maxShare // 1
 */
export function resolveOptions(options: OptimizeOptions): OptimizeSettings {
  const objective = objectiveByName(options.objective ?? 'npvWithCarryover');
  const phasing = options.phasing ?? 'constant';
  if (!PHASING_NAMES.includes(phasing)) {
    throw new OptimizeError('phasing', `invalid phasing "${phasing}"; choose constant, yearly, period or flighting`);
  }
  const minShare = share('minShare', options.minShare, 0);
  const maxShare = share('maxShare', options.maxShare, 1);
  if (minShare > maxShare) {
    throw new OptimizeError('minShare', `minShare (${minShare}) is above maxShare (${maxShare}); the share cannot be both`);
  }

  const minPeriodMultiple = multiple('minPeriodMultiple', options.minPeriodMultiple, 0);
  const maxPeriodMultiple = multiple('maxPeriodMultiple', options.maxPeriodMultiple, Infinity);
  if (minPeriodMultiple > 1) {
    throw new OptimizeError('minPeriodMultiple', `minPeriodMultiple ${minPeriodMultiple} cannot be met: if every period spent more than the year's average period budget, the year would spend more than its budget; use at most 1`);
  }
  if (maxPeriodMultiple < 1) {
    throw new OptimizeError('maxPeriodMultiple', `maxPeriodMultiple ${maxPeriodMultiple} cannot be met: if every period spent less than the year's average period budget, the year would spend less than its budget; use at least 1`);
  }

  const perPeriod = phasing === 'period' || phasing === 'flighting';
  const maxStep = options.maxStep ?? Infinity;
  if (options.maxStep !== undefined) {
    if (!(maxStep > 0)) throw new OptimizeError('maxStep', `maxStep must be a share of the period's average budget above 0, got ${maxStep} (for no change within a year, use the yearly phasing)`);
    if (!perPeriod) throw new OptimizeError('maxStep', `maxStep applies to the period and flighting phasings (the ones that choose spend period by period); the phasing here is ${phasing}`);
  }
  const minFlight = options.minFlight ?? 1;
  if (options.minFlight !== undefined) {
    if (!(Number.isInteger(minFlight) && minFlight >= 1)) throw new OptimizeError('minFlight', `minFlight must be a whole number of periods ≥ 1, got ${minFlight}`);
    if (!perPeriod && minFlight > 1) throw new OptimizeError('minFlight', `minFlight applies to the period and flighting phasings (the ones that choose spend period by period); the phasing here is ${phasing}`);
  }
  const smoothTolerance = options.smoothTolerance ?? DEFAULT_SMOOTH_TOLERANCE;
  if (!(smoothTolerance >= 0 && smoothTolerance <= 0.1)) throw new OptimizeError('smoothTolerance', `smoothTolerance must be a share from 0 to 0.1 of the best value, got ${smoothTolerance}`);
  const exactBest = options.exactBest ?? false;

  const effort = options.effort ?? 1;
  if (!(effort > 0 && Number.isFinite(effort))) throw new OptimizeError('effort', `effort must be a positive number, got ${effort}`);
  const settings: OptimizeSettings = {
    objective, phasing, minShare, maxShare, minPeriodMultiple, maxPeriodMultiple, maxStep, minFlight, exactBest, smoothTolerance, effort,
  };
  if (options.bounds !== undefined) settings.bounds = options.bounds;
  if (options.robust !== undefined) {
    settings.robust = robustSettings(options.robust, phasing);
    const practical = options.maxStep !== undefined ? 'maxStep' : minFlight > 1 ? 'minFlight' : undefined;
    if (practical !== undefined) throw new OptimizeError(practical, `${practical} cannot yet be combined with robust (risk-averse) planning; plan at the settings themselves, or drop ${practical}`);
  }
  return settings;
}

/**
 * The options for a search that compares best values across budgets (the frontier, the
 * target-ROI search): `exactBest`, as smoothing gives up a little value, unevenly.
 * @throws {OptimizeError} (option `smoothTolerance` or `exactBest`) when smoothing was asked for
 */
export function bestPlansOnly<Options extends OptimizeOptions>(options: Options, search: string): Options {
  if (options.smoothTolerance !== undefined) throw new OptimizeError('smoothTolerance', `smoothTolerance cannot be used with ${search}: it compares the best plan at each budget; smoothing applies to optimize alone`);
  if (options.exactBest === false) throw new OptimizeError('exactBest', `${search} compares the best plan at each budget; exactBest cannot be false there`);
  return { ...options, exactBest: true };
}

function robustSettings(robust: RobustOptions, phasing: PhasingName): RobustSettings {
  const { statistic, draws = DEFAULT_ROBUST_DRAWS, seed = DEFAULT_ROBUST_SEED } = robust;
  if (!ROBUST_STATISTICS.includes(statistic)) {
    throw new OptimizeError('robust.statistic', `invalid robust statistic "${statistic}"; choose mean or p10`);
  }
  if (!(Number.isInteger(draws) && draws >= 1 && draws <= MAX_ROBUST_DRAWS)) {
    throw new OptimizeError('robust.draws', `robust draws must be a whole number from 1 to ${MAX_ROBUST_DRAWS}, got ${draws}`);
  }
  if ((phasing === 'period' || phasing === 'flighting') && draws > MAX_ROBUST_GRADIENT_DRAWS) {
    throw new OptimizeError('robust.draws', `robust draws for the ${phasing} phasing must be at most ${MAX_ROBUST_GRADIENT_DRAWS} (each keeps the record of a run for the gradient), got ${draws}`);
  }
  if (!(Number.isSafeInteger(seed) && seed >= 0)) {
    throw new OptimizeError('robust.seed', `robust seed must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}, got ${seed}`);
  }
  return { statistic, draws, seed };
}

function share(option: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!(value >= 0 && value <= 1)) throw new OptimizeError(option, `${option} must be a share from 0 to 1, got ${value}`);
  return value;
}

function multiple(option: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (Number.isNaN(value) || value < 0) throw new OptimizeError(option, `${option} must be a number ≥ 0, got ${value}`);
  return value;
}
