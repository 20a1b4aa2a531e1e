import { describe, expect, it } from 'vitest';
import { formatSettingValue, parameterRowScale } from '../../src/charts/fit-parameter-scale.ts';
import { FIXTURE_PARAMETERS } from '../fixtures/fit-result-fixture.ts';

const byPath = (path: string) => FIXTURE_PARAMETERS.find((parameter) => parameter.path === path)!;

describe('parameterRowScale', () => {
  it('puts a row spanning more than 3× (all > 0) on a log scale over the union of its ranges', () => {
    // Brand half-life: prior 6 … 24, posterior 11 … 20: the row spans 6 … 24, 4×.
    const scale = parameterRowScale(byPath('brand.halfLifeMonths'));
    expect(scale.kind).toBe('log');
    expect(scale.domain).toEqual([6, 24]);
    // On a log scale 12 is halfway between 6 and 24 (both a factor 2 away).
    expect(scale.position(12)).toBeCloseTo(0.5, 14);
    expect(scale.position(6)).toBe(0);
    expect(scale.position(24)).toBe(1);
    // 15: ln(15/6) / ln 4 = 0.660964…
    expect(scale.position(15)).toBeCloseTo(Math.log(2.5) / Math.log(4), 14);
  });

  it('keeps a row spanning exactly 3× linear, and one with a value ≤ 0', () => {
    // Search's maximum conversion lift: 0.004 … 0.012 is 3×, not more.
    const lift = parameterRowScale(byPath('downstream.channels.Search.maxConversionLift'));
    expect(lift.kind).toBe('linear');
    expect(lift.domain).toEqual([0.004, 0.012]);
    expect(lift.position(0.0095)).toBeCloseTo((0.0095 - 0.004) / 0.008, 14);
    // Growth: −0.05 … 0.11.
    const growth = parameterRowScale(byPath('market.growthPerYear'));
    expect(growth.kind).toBe('linear');
    expect(growth.domain).toEqual([-0.05, 0.11]);
    expect(growth.position(0.03)).toBeCloseTo(0.5, 14);
  });

  it('spans the posterior and the start value where they reach beyond the prior', () => {
    const scale = parameterRowScale({ prior: { lower: 1, median: 2, upper: 3, source: 'default' }, start: 0.5, value: 3.2, lower: 2.9, upper: 3.6 });
    expect(scale.domain).toEqual([0.5, 3.6]);
    // 3.6 / 0.5 = 7.2 > 3: log.
    expect(scale.kind).toBe('log');
  });

  it('spans a quantity with no prior (the noise’s σ) by its start value and posterior alone', () => {
    const scale = parameterRowScale(byPath('noise.sigma'));
    expect(scale.domain).toEqual([0.045, 0.06]);
    expect(scale.kind).toBe('linear');
    expect(scale.position(0.051)).toBeCloseTo(0.4, 14);
  });

  it('gives a row whose values all coincide ±10 % (±1 at 0) so its marks sit in the middle, and clamps', () => {
    const at = (value: number) => parameterRowScale({ prior: { lower: value, median: value, upper: value, source: 'default' }, start: value, value, lower: value, upper: value });
    expect(at(5).domain).toEqual([4.5, 5.5]);
    expect(at(5).position(5)).toBeCloseTo(0.5, 14);
    expect(at(0).domain).toEqual([-1, 1]);
    expect(at(5).position(100)).toBe(1);
    expect(at(5).position(-100)).toBe(0);
  });
});

describe('formatSettingValue', () => {
  it('writes three significant figures, k and M above a thousand, and an ASCII minus', () => {
    expect(formatSettingValue(45_210)).toBe('45.2k');
    expect(formatSettingValue(1_234_567)).toBe('1.23M');
    expect(formatSettingValue(0.0123456)).toBe('0.0123');
    expect(formatSettingValue(12)).toBe('12');
    expect(formatSettingValue(-0.21)).toBe('-0.21');
    expect(formatSettingValue(Number.NaN)).toBe('—');
  });
});
