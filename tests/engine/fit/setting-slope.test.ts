import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { settingSlope, settingValue } from '../../../src/engine/fit/fit-settings.ts';
import { fromNormalScale, normalScaleSlope, toNormalScale } from '../../../src/engine/model/normal-scale.ts';

/**
 * The chain rule from a setting's units to its normal scale (the last link of the fit's exact
 * gradients): d(settingValue)/dy against a central difference of settingValue itself, on each
 * kind of scale, and 0 where the value is held to the field's limit.
 */
const SCALES = [
  { name: 'logit over [0.1, 0.9]', range: { min: 0.1, max: 0.9, minExclusive: true, maxExclusive: true } },
  { name: 'log above 0', range: { min: 0, max: Infinity, minExclusive: true, maxExclusive: false } },
  { name: 'log above −1 (growth)', range: { min: -1, max: Infinity, minExclusive: true, maxExclusive: false } },
  { name: 'identity', range: { min: -Infinity, max: Infinity, minExclusive: false, maxExclusive: false } },
] as const;

describe('settingSlope', () => {
  it.each(SCALES)('is the derivative of the value with respect to y on the $name scale', ({ range }) => {
    fc.assert(fc.property(fc.double({ min: -6, max: 6, noNaN: true }), (y) => {
      const setting = { range, limit: Infinity };
      const step = 1e-5;
      const difference = (settingValue(setting, y + step) - settingValue(setting, y - step)) / (2 * step);
      const slope = settingSlope(setting, y);
      expect(slope).toBeGreaterThan(0);
      // Truncation ~ step² · |x'''| / 6 and rounding ~ 1e-16 · |x| / step, both far below 1e-6 of the slope here.
      expect(Math.abs(slope - difference)).toBeLessThanOrEqual(1e-6 * Math.abs(slope) + 1e-10 * Math.abs(settingValue(setting, y)) + 1e-12);
    }), { numRuns: 200 });
  });

  it('matches closed forms: (max − min)·s·(1 − s) for the logit, e^y for the log, 1 for the identity', () => {
    expect(normalScaleSlope(0, SCALES[0].range)).toBeCloseTo(0.8 * 0.25, 15);
    expect(normalScaleSlope(Math.log(3), SCALES[1].range)).toBeCloseTo(3, 14);
    expect(normalScaleSlope(17, SCALES[3].range)).toBe(1);
  });

  it('is 0 where the value is held to the field’s limit, and the normal scale’s own slope below it', () => {
    const setting = { range: SCALES[1].range, limit: 100 };
    const above = toNormalScale(150, setting.range);
    expect(settingValue(setting, above)).toBe(100);
    expect(settingSlope(setting, above)).toBe(0);
    const below = toNormalScale(50, setting.range);
    expect(fromNormalScale(below, setting.range)).toBeCloseTo(50, 12);
    expect(settingSlope(setting, below)).toBeCloseTo(50, 10);
  });
});
