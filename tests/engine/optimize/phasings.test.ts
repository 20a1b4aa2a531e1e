import { describe, expect, it } from 'vitest';
import { parseModel, simulate } from '../../../src/engine/index.ts';
import { phasingChain } from '../../../src/engine/optimize/phasings/index.ts';
import { expectPlanWithinBounds, optimize, PHASING_NAMES, type ObjectiveName } from './optimize-test-kit.ts';
import { MODEL_FILES } from './model-files.ts';

const UNBOUNDED = { minShare: 0, maxShare: 1, minPeriodMultiple: 0, maxPeriodMultiple: Infinity };

describe('phasings', () => {
  it('chain from the coarsest, each starting from the one before', () => {
    expect(phasingChain('constant').map((phasing) => phasing.name)).toEqual(['constant']);
    expect(phasingChain('flighting').map((phasing) => phasing.name)).toEqual(['constant', 'yearly', 'period', 'flighting']);
  });

  describe.each(MODEL_FILES)('on $file', ({ model }) => {
    const objectives: ObjectiveName[] = ['npvWithCarryover', 'npv', 'totalRevenue'];
    // The best plans themselves: the smoother plan returned by default may give up to 0.1 % of
    // the best (smoothest-plan.test.ts), which a richer phasing's gain need not cover.
    const results = objectives.map((objective) => PHASING_NAMES.map((phasing) => optimize(model, { objective, phasing, exactBest: true })));

    it('scores every richer phasing at least as well as the coarser ones (within 1e-9 relative)', () => {
      for (const byPhasing of results) {
        for (let index = 1; index < byPhasing.length; index += 1) {
          const coarser = byPhasing[index - 1].value;
          expect(byPhasing[index].value).toBeGreaterThanOrEqual(coarser - 1e-9 * Math.abs(coarser));
        }
      }
    });

    it('returns a plan that, given to the model as its plan, reproduces the value and summary through simulate', () => {
      for (const result of results.flat()) {
        const summary = simulate(parseModel({ ...model, plan: result.plan })).summary;
        expect(summary[result.objective]).toBe(result.value);
        const { channels, ...figures } = summary;
        expect(channels).toHaveLength(Object.keys(result.plan).length);
        expect(figures).toEqual(result.summary);
      }
    });

    it('spends each year\'s budget and keeps every plan within bounds (1e-9 relative)', () => {
      for (const result of results.flat()) expectPlanWithinBounds(result, model.periodsPerYear, UNBOUNDED);
    });

    it('reports the model\'s own plan as current', () => {
      const own = simulate(model).summary;
      for (const result of results.flat()) expect(result.current.value).toBe(own[result.objective]);
    });
  });
});
