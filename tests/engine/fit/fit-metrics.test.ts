import { describe, expect, it } from 'vitest';
import { fitMetrics } from '../../../src/engine/fit/fit-metrics.ts';

describe('fitMetrics', () => {
  it('actuals 1, 2, 3 fitted as 1, 2, 4: R² 1 − 1/2, NRMSE √(1/3) / 2, MAPE (1/3) / 3', () => {
    // Σ (a − f)² = 1; Σ (a − ā)² = 2; range 2; relative errors 0, 0, 1/3.
    const metrics = fitMetrics([1, 2, 3], [1, 2, 4]);
    expect(metrics.r2).toBeCloseTo(0.5, 15);
    expect(metrics.nrmse).toBeCloseTo(Math.sqrt(1 / 3) / 2, 15);
    expect(metrics.mape).toBeCloseTo(1 / 9, 15);
  });

  it('a perfect fit: R² 1, NRMSE 0, MAPE 0', () => {
    expect(fitMetrics(Float64Array.of(5, 7, 6), [5, 7, 6])).toEqual({ r2: 1, nrmse: 0, mape: 0 });
  });

  it('flat actuals: 1 / 0 / 0 when matched, −∞ / ∞ when missed', () => {
    expect(fitMetrics([4, 4], [4, 4])).toEqual({ r2: 1, nrmse: 0, mape: 0 });
    expect(fitMetrics([4, 4], [4, 6])).toEqual({ r2: -Infinity, nrmse: Infinity, mape: 0.25 });
  });

  it('fitting the mean gives R² 0', () => {
    expect(fitMetrics([1, 2, 3, 6], [3, 3, 3, 3]).r2).toBe(0);
  });

  it('refuses no rows and mismatched lengths', () => {
    expect(() => fitMetrics([], [])).toThrow(/at least one row/);
    expect(() => fitMetrics([1, 2], [1])).toThrow(/as many fitted values as actuals \(1 against 2\)/);
  });
});
