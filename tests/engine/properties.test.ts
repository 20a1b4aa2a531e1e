import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Model, PERIOD_FIELDS, parseModel, simulate } from '../../src/engine/index.ts';
import { planSpend } from '../../src/engine/sim/plan-spend.ts';
import { between, validModel } from './arbitrary-model.ts';

// Properties that must hold for any valid model, checked over random ones.

/** The same model with its spend written out as an explicit plan, so one period can be changed. */
function withExplicitPlan(model: Model): Model {
  const spend = planSpend(model);
  const { budget: _budget, ...rest } = model;
  return { ...rest, plan: { upstream: Array.from(spend.upstream), downstream: Array.from(spend.downstream) } };
}

const modelWithExtraSpend = validModel.chain((model) => {
  const periods = model.periodsPerYear * model.horizonYears;
  return fc.record({
    model: fc.constant(withExplicitPlan(model)),
    period: fc.integer({ min: 0, max: periods - 1 }),
    extra: between(1, 5e5),
    side: fc.constantFrom<'upstream' | 'downstream'>('upstream', 'downstream'),
  });
});

describe('properties of any valid model', () => {
  it('gives finite numbers everywhere', () => {
    fc.assert(fc.property(validModel, (model) => {
      const { periods, summary } = simulate(parseModel(model));
      for (const period of periods) for (const field of PERIOD_FIELDS) expect(Number.isFinite(period[field]), field).toBe(true);
      for (const value of [summary.totalSpend, summary.totalRevenue, summary.finalEquity, summary.npv, summary.carryoverValue, summary.npvWithCarryover]) {
        expect(Number.isFinite(value)).toBe(true);
      }
      for (const roi of [summary.roi, ...summary.roiByYear]) expect(roi === null || Number.isFinite(roi)).toBe(true);
    }), { numRuns: 200 });
  });

  it('keeps equity within 0 … maxEquity and conversion within 0 … 1', () => {
    fc.assert(fc.property(validModel, (model) => {
      for (const period of simulate(parseModel(model)).periods) {
        expect(period.equity).toBeGreaterThanOrEqual(0);
        expect(period.equity).toBeLessThanOrEqual(model.brand.maxEquity);
        expect(period.conversion).toBeGreaterThanOrEqual(0);
        expect(period.conversion).toBeLessThanOrEqual(1);
      }
    }), { numRuns: 200 });
  });

  it('never lowers any period’s demand or conversion when one period gets more spend on one side', () => {
    fc.assert(fc.property(modelWithExtraSpend, ({ model, period, extra, side }) => {
      const before = simulate(parseModel(model)).periods;
      const more = structuredClone(model);
      more.plan![side][period] += extra;
      const after = simulate(parseModel(more)).periods;
      after.forEach((result, index) => {
        // Allow for rounding in the last bits only.
        expect(result.demand).toBeGreaterThanOrEqual(before[index].demand * (1 - 1e-12));
        expect(result.conversion).toBeGreaterThanOrEqual(before[index].conversion * (1 - 1e-12));
      });
    }), { numRuns: 200 });
  });

  it('spends exactly the budget: totalSpend is the sum of the yearly budgets', () => {
    fc.assert(fc.property(validModel.filter((model) => model.budget !== undefined), (model) => {
      const perYear = model.budget!.perYear;
      const expected = typeof perYear === 'number' ? perYear * model.horizonYears : perYear.reduce((sum, value) => sum + value, 0);
      const { totalSpend } = simulate(parseModel(model)).summary;
      expect(Math.abs(totalSpend - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, expected));
    }), { numRuns: 100 });
  });

  it('returns plain data that survives a JSON round trip unchanged', () => {
    fc.assert(fc.property(validModel, (model) => {
      const result = simulate(parseModel(model));
      expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    }), { numRuns: 50 });
  });
});
