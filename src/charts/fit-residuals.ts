import type { FitPeriod } from '../engine/fit/fit-result.ts';

/** One period's miss: what the fit got wrong, in money and as a share of the fitted value. */
export interface FitResidual {
  /** actual − fitted. */
  residual: number;
  /**
   * (actual − fitted) / fitted: the fit works on log revenue, so a miss reads best as a share
   * (a 5 % miss in a big week is the same miss as in a small one). null when fitted is 0.
   */
  share: number | null;
  /** The 90 % interval as shares of the fitted value: (lower − fitted) / fitted, (upper − fitted) / fitted. */
  lowerShare: number | null;
  upperShare: number | null;
  /** The actual lies outside the 90 % interval (about one period in ten should). */
  outside: boolean;
}

/**
 * Each period's residual, actual − fitted, and the same as a share of fitted, with the 90 %
 * interval on that scale (the residual panel's band: a residual outside it is a surprise).
 * @example fitResiduals([{ actual: 110, fitted: 100, lower: 90, upper: 108 }])[0]
 *   // { residual: 10, share: 0.1, lowerShare: -0.1, upperShare: 0.08, outside: true }
 */
export function fitResiduals(periods: readonly Pick<FitPeriod, 'actual' | 'fitted' | 'lower' | 'upper'>[]): FitResidual[] {
  return periods.map(({ actual, fitted, lower, upper }) => {
    const relative = (value: number) => (fitted === 0 ? null : (value - fitted) / fitted);
    return {
      residual: actual - fitted,
      share: relative(actual),
      lowerShare: relative(lower),
      upperShare: relative(upper),
      outside: actual < lower || actual > upper,
    };
  });
}
