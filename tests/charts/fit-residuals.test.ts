import { describe, expect, it } from 'vitest';
import { fitResiduals } from '../../src/charts/fit-residuals.ts';
import { fitResultFixture } from '../fixtures/fit-result-fixture.ts';

describe('fitResiduals', () => {
  it('gives actual − fitted in money and as a share of fitted, with the interval on the share scale', () => {
    const [inside, above, below] = fitResiduals([
      { actual: 104, fitted: 100, lower: 90, upper: 108 },
      { actual: 110, fitted: 100, lower: 90, upper: 108 },
      { actual: 150, fitted: 200, lower: 180, upper: 230 },
    ]);
    expect(inside.residual).toBe(4);
    expect(inside.share).toBeCloseTo(0.04, 15);
    expect(inside.lowerShare).toBeCloseTo(-0.1, 15);
    expect(inside.upperShare).toBeCloseTo(0.08, 15);
    expect(inside.outside).toBe(false);
    expect(above.residual).toBe(10);
    expect(above.outside).toBe(true);
    // 150 against 200: −50, −25 %; the interval 180 … 230 is −10 % … +15 %.
    expect(below).toEqual({ residual: -50, share: -0.25, lowerShare: -0.1, upperShare: 0.15, outside: true });
  });

  it('has no share where the fitted value is 0 (rather than ±Infinity or NaN)', () => {
    expect(fitResiduals([{ actual: 5, fitted: 0, lower: -1, upper: 1 }])[0]).toEqual({ residual: 5, share: null, lowerShare: null, upperShare: null, outside: true });
  });

  it('finds the fixture’s misses by its closed form: outside exactly where |0.06 sin 1.7t + 0.03 cos 0.3t| > 0.07', () => {
    const periods = fitResultFixture().periods;
    const residuals = fitResiduals(periods);
    residuals.forEach((residual, t) => {
      const miss = 0.06 * Math.sin(1.7 * t) + 0.03 * Math.cos(0.3 * t);
      expect(residual.share).toBeCloseTo(miss, 12);
      expect(residual.lowerShare).toBeCloseTo(-0.07, 12);
      expect(residual.outside, `week ${t}`).toBe(Math.abs(miss) > 0.07);
    });
    // The fixture is meant to have some actuals outside the band, and most inside.
    const outside = residuals.filter((residual) => residual.outside).length;
    expect(outside).toBeGreaterThan(5);
    expect(outside).toBeLessThan(periods.length / 2);
  });
});
