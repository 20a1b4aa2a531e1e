import { PERCENTILES } from './figure-statistics.ts';
import { selectPercentiles } from './select-percentiles.ts';

/** Per-period percentiles of one series across draws: each list has one value per period. */
export interface Band {
  p5: number[];
  p10: number[];
  p50: number[];
  p90: number[];
  p95: number[];
}

/** The series each banded draw keeps, in this order: equity, revenue, cumulative incremental profit. */
export const BAND_SERIES = 3;

/**
 * At most this many numbers are kept for bands (16 MB as doubles). With 3 series over T
 * periods, that is at most 2,000,000 / (3T) draws: 11,111 for 5 years monthly, 2,564 for 5 years weekly.
 */
export const BAND_VALUE_BUDGET = 2_000_000;

/**
 * Bands rest on at most this many draws by default. A fan chart's 5th percentile from 2,000
 * draws is within about ±0.5 percentile points (√(0.05 · 0.95 / 2000)), invisible at chart
 * scale, while keeping and sorting the per-period series of more draws was a large share of a
 * 10,000-draw run. Summary figures always use every draw.
 */
export const DEFAULT_BAND_DRAWS = 2_000;

/**
 * Which draws keep their per-period series for the bands: `count` evenly spaced draws, draw d
 * when ⌊(d + 1)·count / N⌋ > ⌊d·count / N⌋ (every draw when they all fit).
 *
 * Why evenly spaced rather than a random subset: draw d's values depend only on (seed, d,
 * field), so the draws are independent and identically distributed, and any subset chosen
 * without looking at them is a random sample. A fixed rule also lets parts of a run (one per
 * Web Worker) pick the same draws as one whole run, so their merged bands are identical, and
 * the kept draws are written one after another in memory, which is fast.
 */
export interface BandSelection {
  /** Draws kept in all: min(N, maxDraws, the memory budget's limit). */
  count: number;
  /** True when draw d (0 … N − 1) is kept. */
  isBanded(draw: number): boolean;
  /** How many kept draws come before draw d: the row of draw d, when it is kept. */
  keptBefore(draw: number): number;
}

/**
 * @param draws N, the run's number of draws
 * @param periods T, values per series per draw
 * @param maxDraws keep at most this many draws (and never more than the value budget allows)
 * @example bandSelection(10000, 60, 2000).count // 2000: every fifth draw
 */
export function bandSelection(draws: number, periods: number, maxDraws: number): BandSelection {
  const count = Math.max(1, Math.min(draws, maxDraws, Math.floor(BAND_VALUE_BUDGET / (BAND_SERIES * periods))));
  // d · count ≤ 10⁶ · 2·10⁶: exact in doubles, so the choice is the same on every machine.
  const keptBefore = (draw: number) => Math.floor((draw * count) / draws);
  return { count, keptBefore, isBanded: (draw) => keptBefore(draw + 1) > keptBefore(draw) };
}

/**
 * The 5/10/50/90/95 % band of one series from the kept draws' rows: row r holds
 * [equity over T periods, revenue over T, cumulative profit over T] of the r-th kept draw.
 * Cost O(T · count).
 */
export function bandOf(rows: Float64Array, count: number, series: number, periods: number): Band {
  const band: Band = { p5: [], p10: [], p50: [], p90: [], p95: [] };
  const percentiles = new Float64Array(PERCENTILES.length);
  const column = new Float64Array(count);
  for (let period = 0; period < periods; period += 1) {
    gatherColumn(rows, series * periods + period, BAND_SERIES * periods, count, column);
    selectPercentiles(column, count, PERCENTILES, percentiles);
    band.p5.push(percentiles[0]);
    band.p10.push(percentiles[1]);
    band.p50.push(percentiles[2]);
    band.p90.push(percentiles[3]);
    band.p95.push(percentiles[4]);
  }
  return band;
}

/**
 * column[r] = rows[first + r · stride] for r < count: one period of one series.
 * A constant stride is what the processor's prefetcher follows best (about 4 ns a value).
 */
function gatherColumn(rows: Float64Array, first: number, stride: number, count: number, column: Float64Array): void {
  for (let row = 0, at = first; row < count; row += 1, at += stride) column[row] = rows[at];
}
