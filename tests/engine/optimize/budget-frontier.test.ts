import { describe, expect, it } from 'vitest';
import { OptimizeError, budgetFrontier, optimize } from '../../../src/engine/optimize/index.ts';
import { defaultModel } from './model-files.ts';

describe('budgetFrontier', () => {
  const model = defaultModel();
  const revenue = budgetFrontier(model, { from: 0.25, to: 3, steps: 12, objective: 'totalRevenue' });

  it('uses the best plan at each budget (not the smoother one optimize returns), and refuses smoothing options', () => {
    const flighting = budgetFrontier(model, { from: 1, to: 1, steps: 2, phasing: 'flighting' });
    expect(flighting.points[0].value).toBe(optimize(model, { phasing: 'flighting', exactBest: true }).value);
    expect(() => budgetFrontier(model, { from: 1, to: 2, steps: 2, phasing: 'flighting', smoothTolerance: 0.01 })).toThrow(/smoothTolerance cannot be used with the frontier/);
    expect(() => budgetFrontier(model, { from: 1, to: 2, steps: 2, exactBest: false })).toThrow(OptimizeError);
  });

  it('spaces budgets evenly from A to B times the model\'s, both ends exact', () => {
    expect(revenue.points.map((point) => point.multiplier)).toEqual([0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2, 2.25, 2.5, 2.75, 3]);
    expect(revenue.points[3].budgetPerYear).toBe(1_200_000);
    expect(revenue.points[3].totalSpend).toBe(3_600_000);
  });

  it('gives at the model\'s own budget exactly what optimize gives', () => {
    expect(revenue.points[3].value).toBe(optimize(model, { objective: 'totalRevenue' }).value);
  });

  it('shows revenue rising with budget at a falling marginal return (diminishing returns)', () => {
    const { points } = revenue;
    expect(points[0].marginalValue).toBeNull();
    expect(points[0].marginalRoi).toBeNull();
    for (let index = 1; index < points.length; index += 1) {
      expect(points[index].value).toBeGreaterThan(points[index - 1].value);
      expect(points[index].marginalValue).toBeGreaterThan(0);
      if (index > 1) {
        expect(points[index].marginalValue!).toBeLessThan(points[index - 1].marginalValue!);
        expect(points[index].marginalRoi!).toBeLessThan(points[index - 1].marginalRoi!);
      }
    }
  });

  it('computes the marginal figures from neighbouring points', () => {
    const [a, b] = revenue.points;
    expect(b.marginalValue).toBeCloseTo((b.value - a.value) / (b.totalSpend - a.totalSpend), 12);
    const incremental = (point: typeof a) => (point.roi! + 1) * point.totalSpend;
    expect(b.marginalRoi).toBeCloseTo((incremental(b) - incremental(a)) / (b.totalSpend - a.totalSpend) - 1, 12);
  });

  it('for NPV with carryover, peaks where the marginal value crosses 0 (the last money no longer pays)', () => {
    const { points } = budgetFrontier(model, { from: 0.5, to: 2, steps: 7 });
    const peak = points.reduce((best, point) => (point.value > best.value ? point : best));
    for (const point of points.slice(1)) {
      if (point.multiplier <= peak.multiplier) expect(point.marginalValue).toBeGreaterThan(0);
      else expect(point.marginalValue).toBeLessThan(0);
    }
  });

  it('starts from no spend at all when asked: no share, no ROI', () => {
    const [zero, next] = budgetFrontier(model, { from: 0, to: 0.5, steps: 2 }).points;
    expect(zero).toMatchObject({ multiplier: 0, totalSpend: 0, upstreamShare: null, roi: null, marginalValue: null });
    expect(next.marginalRoi).toBeCloseTo(next.roi!, 12); // from zero, the marginal ROI is the ROI
  });

  it.each([
    ['a negative multiple', { from: -1, to: 2, steps: 3 }, 'from'],
    ['one step', { from: 0.5, to: 2, steps: 1 }, 'steps'],
    ['a fractional step count', { from: 0.5, to: 2, steps: 2.5 }, 'steps'],
  ])('refuses %s', (_, options, option) => {
    try {
      budgetFrontier(model, options);
      expect.fail('expected an OptimizeError');
    } catch (error) {
      expect(error).toBeInstanceOf(OptimizeError);
      expect((error as OptimizeError).option).toBe(option);
    }
  });

  it('refuses a model with no budget to multiply', () => {
    expect(() => budgetFrontier(defaultModel({ budget: { perYear: 0, upstreamShare: 0.5 } }), { from: 0.5, to: 2, steps: 3 })).toThrow(/no budget to multiply/);
  });
});
