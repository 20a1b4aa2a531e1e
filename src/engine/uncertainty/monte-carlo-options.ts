import { DEFAULT_BAND_DRAWS } from './bands.ts';
import { UncertaintyError } from './uncertainty-error.ts';

/** How many draws, and from which seed. */
export interface MonteCarloOptions {
  /** Number of draws, a whole number from 1 to 1,000,000. */
  draws: number;
  /** Seed of the random numbers, a whole number from 0 to 2^53 − 1: the same seed gives the same result. */
  seed: number;
  /**
   * Most draws the per-period bands rest on (evenly spaced draws beyond it), a whole number
   * ≥ 1; default 2,000. The memory budget may lower it further (see `bandSelection`).
   */
  bandDraws?: number;
  /**
   * Also each channel's value added (spec §9.4) in every draw, for its percentiles
   * (`MonteCarloResult.channels`). Off by default: it costs one more run of the equations per
   * channel and draw (a 4 + 4 channel model's draws then take about five times as long).
   */
  channelValues?: boolean;
}

export const MAX_DRAWS = 1_000_000;

/**
 * Checks Monte Carlo options.
 * @throws {UncertaintyError} naming `draws`, `seed` or `bandDraws` when it is not a whole number in range
 * @example checkMonteCarloOptions({ draws: 10000, seed: 1 })
 */
export function checkMonteCarloOptions(options: MonteCarloOptions): Required<MonteCarloOptions> {
  const { draws, seed, bandDraws = DEFAULT_BAND_DRAWS, channelValues = false } = options;
  if (!(Number.isInteger(bandDraws) && bandDraws >= 1)) {
    throw new UncertaintyError('bandDraws', `bandDraws must be a whole number ≥ 1, got ${bandDraws}`);
  }
  if (!(Number.isInteger(draws) && draws >= 1 && draws <= MAX_DRAWS)) {
    throw new UncertaintyError('draws', `draws must be a whole number from 1 to ${MAX_DRAWS}, got ${draws}`);
  }
  if (!(Number.isSafeInteger(seed) && seed >= 0)) {
    throw new UncertaintyError('seed', `seed must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}, got ${seed}`);
  }
  return { draws, seed, bandDraws, channelValues };
}
