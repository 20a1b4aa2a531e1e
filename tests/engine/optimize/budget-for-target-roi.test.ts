import { describe, expect, it } from 'vitest';
import { OptimizeError, budgetForTargetRoi, resolveOptions, scaledBudgets } from '../../../src/engine/optimize/index.ts';
import { optimizeForBudgets } from '../../../src/engine/optimize/optimize.ts';
import { issue10DefaultModel } from './model-files.ts';

// The default model as the issue measured it: these figures (80 % at 1.13 million a year, while
// the model's own 1.2 million earns 73 %) are that model's.
const model = issue10DefaultModel();
const revenueSettings = resolveOptions({ objective: 'totalRevenue' });
/** The best plan (for revenue) at an average budget per year, and its ROI. */
const bestAt = (budgetPerYear: number) => optimizeForBudgets(model, scaledBudgets(model, budgetPerYear), revenueSettings, {});

describe('budgetForTargetRoi', () => {
  it('finds the largest budget whose best plan keeps ROI at the target: a little more falls below it', () => {
    const found = budgetForTargetRoi(model, { targetRoi: 0.8 });
    expect(found.feasible).toBe(true);
    expect(found.capReached).toBe(false);
    expect(found.budgetCap).toBe(3 * 1_200_000);
    expect(found.result.summary.roi).toBeGreaterThanOrEqual(0.8);
    expect(found.result.summary.roi).toBeLessThan(0.8 + 1e-3);
    expect(bestAt(found.budgetPerYear * 1.001).summary.roi).toBeLessThan(0.8);
    // The default spends 1.2 million a year at 73 % ROI; an 80 % floor means spending less.
    expect(found.budgetPerYear).toBeLessThan(1_200_000);
    expect(found.result.budgetPerYear).toEqual([found.budgetPerYear, found.budgetPerYear, found.budgetPerYear].map((budget) => expect.closeTo(budget, 6)));
    expect(found.result.objective).toBe('totalRevenue');
  });

  it('looks at small budgets however large the cap: 80 % is met at about 1.13 million a year with a cap of 1e9 too', () => {
    // Before the fix the 12 budgets tried were cap / 12 … cap, all far above 1.13 million, and the
    // peak search started at cap / 768 ≈ 1.3 million: "no budget reaches 80 %" (the issue's model).
    const found = budgetForTargetRoi(model, { targetRoi: 0.8, budgetCap: 1e9 });
    expect(found.feasible).toBe(true);
    expect(found.capReached).toBe(false);
    const usual = budgetForTargetRoi(model, { targetRoi: 0.8 }); // cap 3.6 million: 1,129,742 measured
    expect(found.budgetPerYear).toBeCloseTo(usual.budgetPerYear, -2); // within 50 of each other
    expect(found.budgetPerYear).toBeGreaterThan(1.12e6);
    expect(found.budgetPerYear).toBeLessThan(1.14e6);
    expect(found.result.summary.roi).toBeGreaterThanOrEqual(0.8);
    expect(bestAt(found.budgetPerYear * 1.001).summary.roi).toBeLessThan(0.8);
  });

  it('finds the best ROI near the bottom of a large cap: 396 % at about 110,000 a year', () => {
    const found = budgetForTargetRoi(issue10DefaultModel(), { targetRoi: 3, budgetCap: 1e9 });
    expect(found.feasible).toBe(true);
    expect(found.bestRoi).toBeGreaterThan(3.96);
    expect(found.bestRoiBudgetPerYear).toBeGreaterThan(90_000);
    expect(found.bestRoiBudgetPerYear).toBeLessThan(130_000);
  });

  it('earns more revenue with a lower target, by spending more', () => {
    const strict = budgetForTargetRoi(model, { targetRoi: 1.2 });
    const loose = budgetForTargetRoi(model, { targetRoi: 0.5 });
    expect(loose.budgetPerYear).toBeGreaterThan(strict.budgetPerYear);
    expect(loose.result.value).toBeGreaterThan(strict.result.value);
  });

  it('reports the best ROI reachable, at least the best of a grid of budgets', () => {
    const found = budgetForTargetRoi(model, { targetRoi: 0.8 });
    const gridBest = Math.max(...Array.from({ length: 40 }, (_, index) => bestAt((3_600_000 * (index + 1)) / 40).summary.roi ?? -Infinity));
    expect(found.bestRoi).toBeGreaterThanOrEqual(gridBest - 1e-9);
    expect(bestAt(found.bestRoiBudgetPerYear).summary.roi).toBe(found.bestRoi);
  });

  it('says when no budget up to the cap reaches the target, and gives the plan with the best ROI', () => {
    const found = budgetForTargetRoi(model, { targetRoi: 10 });
    expect(found.feasible).toBe(false);
    expect(found.bestRoi).toBeLessThan(10);
    expect(found.budgetPerYear).toBe(found.bestRoiBudgetPerYear);
    expect(found.result.summary.roi).toBe(found.bestRoi);
  });

  it('stops at the cap when even the cap keeps ROI above the target', () => {
    const found = budgetForTargetRoi(model, { targetRoi: -0.5, budgetCap: 2_000_000 });
    expect(found).toMatchObject({ feasible: true, capReached: true, budgetPerYear: 2_000_000 });
  });

  it('keeps a per-year budget profile while scaling it', () => {
    const profiled = issue10DefaultModel({ budget: { perYear: [1e6, 2e6, 3e6], upstreamShare: 0.5 } });
    const found = budgetForTargetRoi(profiled, { targetRoi: 0.5 });
    const [first, second, third] = found.result.budgetPerYear;
    expect(second / first).toBeCloseTo(2, 12);
    expect(third / first).toBeCloseTo(3, 12);
    expect((first + second + third) / 3).toBeCloseTo(found.budgetPerYear, 6);
  });

  it.each([
    ['another objective', { targetRoi: 0.5, objective: 'npv' as const }, 'objective'],
    ['a target that is not a number', { targetRoi: Number.NaN }, 'targetRoi'],
    ['a negative cap', { targetRoi: 0.5, budgetCap: -1 }, 'budgetCap'],
    ['a zero cap', { targetRoi: 0.5, budgetCap: 0 }, 'budgetCap'],
  ])('refuses %s', (_, options, option) => {
    expect(() => budgetForTargetRoi(model, options)).toThrow(OptimizeError);
    try { budgetForTargetRoi(model, options); } catch (error) { expect((error as OptimizeError).option).toBe(option); }
  });
});
