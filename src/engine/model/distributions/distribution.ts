import type { DistributionName } from '../model.ts';

/** A distribution's parameters by name, e.g. `{ median: 24, sigma: 0.4 }`. */
export type DistributionParameters = Readonly<Record<string, number>>;

/**
 * The valid range of the field a distribution describes (from its rule in `NUMBER_FIELDS`,
 * ±Infinity where unbounded). Only `beta` uses it for its values; every distribution's draws
 * are checked against it, and redrawn when outside.
 */
export interface ValueRange {
  min: number;
  max: number;
  minExclusive: boolean;
  maxExclusive: boolean;
}

/**
 * One kind of distribution, chosen by name from `DISTRIBUTIONS`. Each is pure: it builds
 * samplers on a given uniform source (d3-random), and knows its CDF and quantile function so
 * that sensitivity and validation can work with exact probabilities rather than samples.
 */
export interface Distribution {
  name: DistributionName;
  /** Parameter names in the order they are written: `["median", "sigma"]`. */
  parameters: readonly string[];
  /** One line for help and messages. */
  description: string;
  /**
   * Problems with the parameters themselves (each a phrase such as "sd must be ≥ 0, got -1"),
   * given that every parameter is a finite number. Empty when they are fine.
   */
  check(parameters: DistributionParameters, range: ValueRange): string[];
  /** The one value a zero-spread distribution always gives; undefined when it has a spread. */
  fixedValue(parameters: DistributionParameters, range: ValueRange): number | undefined;
  /**
   * Prepares sampling from `source` (uniform on [0, 1)): returns `start`, and each `start()` is
   * a new generator of values that remembers nothing of earlier ones (d3's normal keeps the
   * second value of each Box–Muller pair; a new generator per draw drops it), so that a draw's
   * values depend only on what `source` gives in that draw. The d3 factories are built once
   * here, since building them per draw cost more than the simulation. Only called with a spread.
   */
  sampler(parameters: DistributionParameters, range: ValueRange, source: () => number): () => () => number;
  /** P(value ≤ x); only called when there is a spread. */
  cdf(parameters: DistributionParameters, range: ValueRange, x: number): number;
  /** The value with P(value ≤ it) = probability, 0 < probability < 1; only called with a spread. */
  quantile(parameters: DistributionParameters, range: ValueRange, probability: number): number;
}
