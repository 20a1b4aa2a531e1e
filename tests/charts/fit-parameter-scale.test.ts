import { describe, expect, it } from 'vitest';
import { formatSettingValue, parameterRowScale } from '../../src/charts/fit-parameter-scale.ts';
import { FIXTURE_PARAMETERS } from '../fixtures/fit-result-fixture.ts';

const byPath = (path: string) => FIXTURE_PARAMETERS.find((parameter) => parameter.path === path)!;
const POSITIVE = { scale: 'log', min: 0, max: Infinity } as const;
const SHARE = { scale: 'logit', min: 0, max: 1 } as const;
const EITHER_SIGN = { scale: 'identity', min: -Infinity, max: Infinity } as const;
const row = (lower: number, median: number, upper: number) => ({ prior: { lower, median, upper, source: 'uncertainty' as const }, start: median, value: median, lower: median, upper: median });

describe('parameterRowScale', () => {
  it('puts a positive setting on a log scale over the union of its ranges', () => {
    // Brand half-life: prior 6 … 24, posterior 11 … 20: the row spans 6 … 24, 4×.
    const scale = parameterRowScale(byPath('brand.halfLifeMonths'), POSITIVE);
    expect(scale.kind).toBe('log');
    expect(scale.domain).toEqual([6, 24]);
    // On a log scale 12 is halfway between 6 and 24 (both a factor 2 away).
    expect(scale.position(12)).toBeCloseTo(0.5, 14);
    expect(scale.position(6)).toBe(0);
    expect(scale.position(24)).toBe(1);
    // 15: ln(15/6) / ln 4 = 0.660964…
    expect(scale.position(15)).toBeCloseTo(Math.log(2.5) / Math.log(4), 14);
  });

  it('puts every positive setting on a log scale whatever its span, so a lognormal prior’s median sits mid-row on each', () => {
    // The reviewer's Demand lift: a prior 0.8 … 2 (2.5×, median √1.6 = 1.2649…) was linear, its median at 38 %.
    const demand = row(0.8, Math.sqrt(0.8 * 2), 2);
    expect(parameterRowScale(demand).kind).toBe('linear');
    expect(parameterRowScale(demand).position(demand.prior.median)).toBeCloseTo((Math.sqrt(1.6) - 0.8) / 1.2, 14);
    const logged = parameterRowScale(demand, POSITIVE);
    expect(logged.kind).toBe('log');
    expect(logged.position(demand.prior.median)).toBeCloseTo(0.5, 14);
    // As for a 10× prior: the same place on every positive row.
    expect(parameterRowScale(row(2, Math.sqrt(200), 100), POSITIVE).position(Math.sqrt(200))).toBeCloseTo(0.5, 14);
    // Search's maximum conversion lift, a share far below its ceiling of 1: 0.004 … 0.012 (3×) on a log scale too.
    const lift = parameterRowScale(byPath('downstream.channels.Search.maxConversionLift'), SHARE);
    expect(lift.kind).toBe('log');
    expect(lift.domain).toEqual([0.004, 0.012]);
    // 0.008 / 0.004 = 2 of the row's 3: ln 2 / ln 3.
    expect(lift.position(0.008)).toBeCloseTo(Math.log(2) / Math.log(3), 14);
  });

  it('keeps linear a share across its range, a quantity of either sign even when its values are all > 0, and a row that cannot be placed spanning 3×', () => {
    // A concentration 0.3 … 0.8 (logit over [0, 1], but not small against its ceiling).
    expect(parameterRowScale(row(0.3, 0.5, 0.8), SHARE).kind).toBe('linear');
    // A driver's effect 0.05 … 0.5 (10×, all > 0): still an effect that could have been negative.
    expect(parameterRowScale(row(0.05, 0.2, 0.5), EITHER_SIGN).kind).toBe('linear');
    // Without the setting's scale: 0.004 … 0.012 is 3×, not more.
    const lift = parameterRowScale(byPath('downstream.channels.Search.maxConversionLift'));
    expect(lift.kind).toBe('linear');
    expect(lift.position(0.0095)).toBeCloseTo((0.0095 - 0.004) / 0.008, 14);
    // A "positive" row with a value ≤ 0, which the fit never gives, is drawn linear rather than lose it.
    expect(parameterRowScale({ ...row(1, 2, 4), start: 0 }, POSITIVE).kind).toBe('linear');
    // Growth: −0.05 … 0.11.
    const growth = parameterRowScale(byPath('market.growthPerYear'), EITHER_SIGN);
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
    // σ is positive (flat on log σ): on its log scale 0.051 is ln(0.051/0.045) / ln(0.06/0.045) along.
    const logged = parameterRowScale(byPath('noise.sigma'), POSITIVE);
    expect(logged.kind).toBe('log');
    expect(logged.position(0.051)).toBeCloseTo(Math.log(0.051 / 0.045) / Math.log(0.06 / 0.045), 14);
  });

  it('gives a row whose values all coincide ±10 % (±1 at 0) so its marks sit in the middle, and clamps', () => {
    const at = (value: number) => parameterRowScale({ prior: { lower: value, median: value, upper: value, source: 'default' }, start: value, value, lower: value, upper: value });
    expect(at(5).domain).toEqual([4.5, 5.5]);
    expect(at(5).position(5)).toBeCloseTo(0.5, 14);
    expect(at(0).domain).toEqual([-1, 1]);
    expect(at(5).position(100)).toBe(1);
    expect(at(5).position(-100)).toBe(0);
    // On a log row: ÷1.1 … ×1.1, the value in the middle.
    const logged = parameterRowScale(row(5, 5, 5), POSITIVE);
    expect(logged.kind).toBe('log');
    expect(logged.domain[0]).toBeCloseTo(5 / 1.1, 14);
    expect(logged.domain[1]).toBeCloseTo(5.5, 14);
    expect(logged.position(5)).toBeCloseTo(0.5, 14);
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
