import { describe, expect, it } from 'vitest';
import { compileModel } from '../../../src/engine/sim/compile-model.ts';
import { parseModel } from '../../../src/engine/index.ts';
import { marginalRoi } from '../../../src/engine/sim/marginal-roi.ts';
import { createPlanEvaluator } from '../../../src/engine/sim/plan-evaluator.ts';
import { OBJECTIVES } from '../../../src/engine/optimize/index.ts';
import { describePlanNote, marginalRoiOfPlan, type NoteFormats } from '../../../src/engine/optimize/plan-notes.ts';
import { issue10DefaultModel as defaultModel } from './model-files.ts';
import { optimize } from './optimize-test-kit.ts';

const formats: NoteFormats = {
  money: (value) => Math.round(value).toLocaleString('en-US'),
  percent: (value) => `${(value * 100).toFixed(1)}%`,
  period: (period) => `month ${period}`,
  periods: (count) => `${count} months`,
  objective: (name) => name,
};

describe('notes on the plan', () => {
  it('say when brand spend stops before the end under an objective without carryover, and why', () => {
    const result = optimize(defaultModel(), { phasing: 'flighting', objective: 'npv' });
    const note = result.notes.find((candidate) => candidate.kind === 'brand-stops');
    // Measured: nothing upstream in months 31–36 (the last 6).
    expect(note).toEqual({ kind: 'brand-stops', objective: 'npv', lastPeriod: 30, periodsWithout: 6 });
    for (let index = 30; index < 36; index += 1) expect(result.plan.upstream[index]).toBeLessThanOrEqual(0.01 * 100_000);
    expect(result.plan.upstream[29]).toBeGreaterThan(0.01 * 100_000);
    expect(describePlanNote(note!, formats)).toMatch(/stops after month 30: the last 6 months .*after the horizon.*NPV with carryover/);
  });

  it('word a single period without brand spend in the singular', () => {
    const text = describePlanNote({ kind: 'brand-stops', objective: 'npv', lastPeriod: 35, periodsWithout: 1 }, formats);
    expect(text).toMatch(/^Brand \(upstream\) spend stops after month 35: month 36 spends nothing upstream\. /);
  });

  it('do not say so when carryover counts (the brand spend then lasts to the end)', () => {
    const result = optimize(defaultModel(), { phasing: 'flighting' });
    expect(result.notes.some((note) => note.kind === 'brand-stops')).toBe(false);
  });

  it('say when spending less would beat the best plan at this budget: the default model, where the next unit returns below 0', () => {
    const result = optimize(defaultModel(), { phasing: 'yearly' });
    const note = result.notes.find((candidate) => candidate.kind === 'spending-less-pays');
    expect(note?.kind === 'spending-less-pays' && note.marginalRoi).toBeLessThan(0);
    expect(describePlanNote(note!, formats)).toMatch(/Spending less would beat this plan/);
  });

  it('do not say so at half the budget, where more money still pays (frontier: marginal ROI +0.40 there)', () => {
    const result = optimize(defaultModel({ budget: { perYear: 600_000, upstreamShare: 0.5 } }), { phasing: 'yearly' });
    expect(result.notes.some((note) => note.kind === 'spending-less-pays')).toBe(false);
  });

  it('agree with marginalRoi(model), the key figure: for a plan with one share s, the plan\'s marginal ROI is s · upstream + (1 − s) · downstream', () => {
    const model = defaultModel();
    const result = optimize(model, { phasing: 'constant' });
    const share = result.upstreamShareByYear[0]!;
    const sides = marginalRoi(parseModel({ ...model, plan: result.plan }));
    const note = result.notes.find((candidate) => candidate.kind === 'spending-less-pays');
    expect(note?.kind).toBe('spending-less-pays');
    if (note?.kind !== 'spending-less-pays') return;
    expect(note.marginalRoi).toBeCloseTo(share * sides.upstream + (1 - share) * sides.downstream, 9);
    // At the best share both sides return the same (the first-order condition), to the search's precision.
    expect(sides.upstream).toBeCloseTo(sides.downstream, 4);
  });

  it('compute the marginal ROI as the derivative of the objective along the plan\'s own spend, per discounted unit (central differences)', () => {
    const model = defaultModel();
    const compiled = compileModel(model);
    const evaluator = createPlanEvaluator(model);
    const { plan } = optimize(model, { phasing: 'period' });
    for (const objective of [OBJECTIVES.npv, OBJECTIVES.npvWithCarryover]) {
      const scaled = (factor: number) => evaluator.evaluate([Float64Array.from(plan.upstream, (x) => x * factor), Float64Array.from(plan.downstream, (x) => x * factor)])[objective.name];
      let discountedSpend = 0;
      for (let index = 0; index < 36; index += 1) discountedSpend += compiled.discountFactor[index] * (plan.upstream[index] + plan.downstream[index]);
      const step = 1e-4;
      const numeric = (scaled(1 + step) - scaled(1 - step)) / (2 * step * discountedSpend);
      const exact = marginalRoiOfPlan(compiled, objective, [Float64Array.from(plan.upstream), Float64Array.from(plan.downstream)]);
      expect(exact).toBeCloseTo(numeric, 6);
    }
    expect(marginalRoiOfPlan(compiled, OBJECTIVES.totalRevenue, [Float64Array.from(plan.upstream), Float64Array.from(plan.downstream)])).toBeNull();
  });
});
