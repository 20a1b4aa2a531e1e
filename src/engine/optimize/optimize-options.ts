import { type Objective, type ObjectiveName, objectiveByName } from './objectives.ts';
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
  /** Lowest upstream share allowed in any period, 0…1; default 0. */
  minShare?: number;
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
   * Absent (the default): the central settings. `constant` and `yearly` phasings only.
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
  effort: number;
  /** Absent when the objective is taken at the central settings. */
  robust?: RobustSettings;
}

export const PHASING_NAMES: readonly PhasingName[] = ['constant', 'yearly', 'period', 'flighting'];

/**
 * Checks optimiser options and fills in the defaults.
 * @throws {OptimizeError} naming the option: a share bound outside 0…1 or crossed with the other;
 *   a period multiple that is negative, not a number, or impossible to meet (the minimum above 1
 *   or the maximum below 1: the year's periods must average exactly 1); an unknown objective or
 *   phasing; an effort that is not a positive number; with `robust`, an unknown statistic,
 *   draws or a seed out of range (option `robust.statistic`, `robust.draws`, `robust.seed`;
 *   draws at most 2,000 for `period` and `flighting`)
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

  const effort = options.effort ?? 1;
  if (!(effort > 0 && Number.isFinite(effort))) throw new OptimizeError('effort', `effort must be a positive number, got ${effort}`);
  const settings: OptimizeSettings = { objective, phasing, minShare, maxShare, minPeriodMultiple, maxPeriodMultiple, effort };
  if (options.robust !== undefined) settings.robust = robustSettings(options.robust, phasing);
  return settings;
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
