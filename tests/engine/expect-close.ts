import { expect } from 'vitest';

/** The spec's accuracy contract: relative error below 1e-9 on every output. */
export const RELATIVE_TOLERANCE = 1e-9;

/**
 * Asserts |actual − expected| ≤ 1e-9 · max(1, |actual|, |expected|, scale).
 * The 1 is the spec's (relative error "measured against max(1, |value|)"): a value of 1e-95
 * (equity built by spend of 1e-200) need only agree to 1e-9 absolute; the engine drops lags whose
 * weights are negligible (src/engine/sim/lag-weights.ts), which may move such a value in its leading
 * digits and moves nothing of size.
 * `scale` is for values that are differences of larger numbers (profit, the revenue
 * decomposition): their error is relative to the numbers they were computed from.
 */
export function expectClose(actual: number | null, expected: number | null, label: string, scale = 0): void {
  if (actual === null || expected === null) {
    expect(actual, label).toBe(expected);
    return;
  }
  expect(Number.isFinite(actual), `${label} is finite`).toBe(Number.isFinite(expected));
  const size = Math.max(1, Math.abs(actual), Math.abs(expected), Math.abs(scale));
  const error = Math.abs(actual - expected);
  if (error > RELATIVE_TOLERANCE * size) {
    expect.fail(`${label}: got ${actual}, expected ${expected} (relative error ${size === 0 ? error : error / size})`);
  }
}
