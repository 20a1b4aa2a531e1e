import { selectPercentiles } from './select-percentiles.ts';
import { PERCENTILES } from './figure-statistics.ts';
import { drawSource, pathKey } from './draw-seed.ts';

/** Per-period percentiles of one series across draws: each list has one value per period. */
export interface Band {
  p5: number[];
  p10: number[];
  p50: number[];
  p90: number[];
  p95: number[];
}

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
 * Per-period values of several series across draws, in bounded memory, for percentile bands.
 *
 * Keeps whole draws (every period of every series of one draw together), chosen by reservoir
 * sampling (Vitter's algorithm R, seeded from the Monte Carlo seed): while the draws fit they
 * are all kept and the bands are exact; beyond that each draw has the same chance to be kept,
 * so the bands are those of a uniform random subset of `capacity` draws. Memory:
 * capacity × series × T doubles, at most `BAND_VALUE_BUDGET`.
 */
export interface BandReservoir {
  /** Draws kept at most. */
  readonly capacity: number;
  /** Offers draw number `draw` (0, 1, 2, … in order); `series[s]` holds its values for series s, one per period. */
  offer(draw: number, series: readonly Float64Array[]): void;
  /**
   * `offer` in two steps, so a caller can skip computing the series of a draw that will not be
   * kept: the slot for draw number `draw` (0, 1, 2, … in order, each asked once), or −1.
   */
  slotFor(draw: number): number;
  /** Stores a draw's series in the slot `slotFor` gave. */
  write(slot: number, series: readonly Float64Array[]): void;
  /** The 5/10/50/90/95 % band of series s over the draws kept. Cost O(T · n). */
  band(series: number): Band;
}

/**
 * @param seriesCount how many series each draw has
 * @param periods values per series per draw
 * @param draws how many draws will be offered (for the capacity)
 * @param seed the Monte Carlo seed; the choice of draws depends only on it
 * @param maxDraws keep at most this many draws (and never more than the value budget allows)
 */
export function createBandReservoir(seriesCount: number, periods: number, draws: number, seed: number, maxDraws: number): BandReservoir {
  const capacity = Math.max(1, Math.min(draws, maxDraws, Math.floor(BAND_VALUE_BUDGET / (seriesCount * periods))));
  // Column by column (series, then period, then slot): a band reads each period's draws as one
  // contiguous run, rather than one value every series × T doubles across a store of megabytes.
  const store = new Float64Array(capacity * seriesCount * periods);
  const choose = drawSource(seed, 0, pathKey('band reservoir'));
  let kept = 0;
  return {
    capacity,
    slotFor(draw) {
      if (draw < capacity) return draw;
      const slot = Math.floor(choose() * (draw + 1));
      return slot < capacity ? slot : -1;
    },
    offer(draw, series) {
      const slot = this.slotFor(draw);
      if (slot >= 0) this.write(slot, series);
    },
    write(slot, series) {
      for (let index = 0; index < seriesCount; index += 1) {
        const values = series[index];
        let at = index * periods * capacity + slot;
        for (let period = 0; period < periods; period += 1, at += capacity) store[at] = values[period];
      }
      kept = Math.max(kept, slot + 1);
    },
    band(series) {
      const band: Band = { p5: [], p10: [], p50: [], p90: [], p95: [] };
      const percentiles = new Float64Array(PERCENTILES.length);
      for (let period = 0; period < periods; period += 1) {
        const start = (series * periods + period) * capacity;
        selectPercentiles(store.subarray(start, start + kept), kept, PERCENTILES, percentiles);
        band.p5.push(percentiles[0]);
        band.p10.push(percentiles[1]);
        band.p50.push(percentiles[2]);
        band.p90.push(percentiles[3]);
        band.p95.push(percentiles[4]);
      }
      return band;
    },
  };
}
