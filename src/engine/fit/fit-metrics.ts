import type { FitMetrics } from './fit-result.ts';

/**
 * How well fitted values match actuals, as the fit reports them:
 * - r2 = 1 − Σ (a − f)² / Σ (a − ā)² (1 when the actuals are all equal and matched exactly,
 *   −Infinity when they are all equal and missed);
 * - nrmse = √(Σ (a − f)² / n) / (max a − min a), as Robyn reports it (0 over 0 is 0, a miss
 *   over a flat series Infinity);
 * - mape = (1 / n) · Σ |a − f| / |a|, as a fraction (actuals are revenue, > 0).
 *
 * Cost: O(n), one pass for the mean and one for the sums.
 * @param actual the observed values, n ≥ 1 of them
 * @param fitted the values the model gives for the same rows, as many as `actual`
 * @throws {RangeError} when the lengths differ or there are no rows
 * @example fitMetrics([1, 2, 3], [1, 2, 4]) // { r2: 0.5, nrmse: 0.2887, mape: 0.1111 }
 */
export function fitMetrics(actual: ArrayLike<number>, fitted: ArrayLike<number>): FitMetrics {
  const n = actual.length;
  if (n === 0) throw new RangeError('fitMetrics requires at least one row');
  if (fitted.length !== n) throw new RangeError(`fitMetrics requires as many fitted values as actuals (${fitted.length} against ${n})`);
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let index = 0; index < n; index += 1) {
    const value = actual[index];
    sum += value;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  const mean = sum / n;
  let squaredError = 0;
  let squaredSpread = 0;
  let relativeError = 0;
  for (let index = 0; index < n; index += 1) {
    const error = actual[index] - fitted[index];
    squaredError += error * error;
    squaredSpread += (actual[index] - mean) ** 2;
    relativeError += Math.abs(error) / Math.abs(actual[index]);
  }
  const rmse = Math.sqrt(squaredError / n);
  return {
    r2: squaredSpread > 0 ? 1 - squaredError / squaredSpread : squaredError === 0 ? 1 : -Infinity,
    nrmse: max > min ? rmse / (max - min) : rmse === 0 ? 0 : Infinity,
    mape: relativeError / n,
  };
}
