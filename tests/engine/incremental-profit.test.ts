import fc from 'fast-check';
import { expect, it } from 'vitest';
import { incrementalProfit, parseModel, simulate } from '../../src/engine/index.ts';
import { validModel } from './arbitrary-model.ts';

it('crosses zero exactly at the summary’s payback period, for any valid model (fast-check)', () => {
  fc.assert(fc.property(validModel, (raw) => {
    const model = parseModel(raw);
    const result = simulate(model);
    const points = incrementalProfit(result.periods, model.economics.margin);
    // Payback counts only once something has been spent (spec §5).
    let spentSoFar = 0;
    const spentBy = result.periods.map((period) => (spentSoFar += period.upstream + period.downstream));
    const firstNonNegative = points.find((point, index) => spentBy[index] > 0 && point.cumulative >= 0)?.t ?? null;
    expect(firstNonNegative).toBe(result.summary.paybackPeriod);
  }), { numRuns: 200 });
});

it('sums to ROI × spend over the horizon', () => {
  const model = parseModel(fc.sample(validModel.filter((m) => m.budget !== undefined && m.budget.perYear !== 0), { numRuns: 1, seed: 11 })[0]);
  const result = simulate(model);
  const points = incrementalProfit(result.periods, model.economics.margin);
  const total = points[points.length - 1].cumulative;
  if (result.summary.roi !== null) expect(total).toBeCloseTo(result.summary.roi * result.summary.totalSpend, 3);
});
