import { selectPercentiles } from './select-percentiles.ts';

/** The percentiles every Monte Carlo figure reports, as fractions. */
export const PERCENTILES = [0.05, 0.1, 0.5, 0.9, 0.95] as const;

/**
 * One figure across the draws: its mean and percentiles. Null where the figure has no value
 * (ROI with nothing spent; payback in draws that never pay back within the horizon, see
 * `figureStatistics`).
 */
export interface FigureStatistics {
  mean: number | null;
  p5: number | null;
  p10: number | null;
  p50: number | null;
  p90: number | null;
  p95: number | null;
}

/**
 * Mean and 5th, 10th, 50th, 90th and 95th percentiles of one figure's values across draws.
 *
 * Percentiles are those of simple-statistics' `quantileSorted` (linear interpolation between
 * the values at ranks ⌊(n − 1)p⌋ and ⌈(n − 1)p⌉, R's type 7), found by `selectPercentiles`
 * without sorting. The mean is x₀ + Σ(xᵢ − x₀)/n, which is exact
 * when every value is the same (a model whose ranges all have zero spread gives precisely its
 * deterministic figures). A value of +Infinity stands for "never" (no payback): it sorts last,
 * a percentile that falls on it is null, and the mean is null if any draw has it. NaN stands
 * for "no value" (ROI with no spend): then every statistic is null.
 *
 * Cost: O(n) for n draws.
 * @throws {RangeError} with no values
 * @example figureStatistics(Float64Array.of(1, 2, 3)).p50 // 2
 */
export function figureStatistics(values: Float64Array): FigureStatistics {
  if (values.length === 0) throw new RangeError('figure statistics need at least one draw');
  const first = values[0];
  let shift = 0;
  for (let index = 0; index < values.length; index += 1) shift += values[index] - first;
  if (Number.isNaN(shift) && values.some(Number.isNaN)) return { mean: null, p5: null, p10: null, p50: null, p90: null, p95: null };
  const mean = first + shift / values.length;
  const percentiles = new Float64Array(PERCENTILES.length);
  selectPercentiles(values, values.length, PERCENTILES, percentiles);
  const [p5, p10, p50, p90, p95] = Array.from(percentiles, finiteOrNull);
  return { mean: finiteOrNull(mean), p5, p10, p50, p90, p95 };
}

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}
