import { describe, expect, it } from 'vitest';
import { createPlanEvaluator, isChannelModel, type Model } from '../../../src/engine/index.ts';
import { OBJECTIVE_NAMES, optimize, yearlyBudgetsOf, type ObjectiveName } from './optimize-test-kit.ts';
import { MODEL_FILES, defaultModel } from './model-files.ts';

/**
 * The reference: the objective on a 0.001 grid of shares, then ternary search over the two grid
 * steps around the best point down to 1e-9. Written independently of the optimiser's search.
 */
function bestShareByFineGrid(model: Model, objective: ObjectiveName, low = 0, high = 1): { share: number; value: number } {
  const evaluator = createPlanEvaluator(model);
  const budgets = yearlyBudgetsOf(model);
  const upstream = new Float64Array(evaluator.periods);
  const downstream = new Float64Array(evaluator.periods);
  const valueAt = (share: number) => {
    for (let index = 0; index < evaluator.periods; index += 1) {
      const perPeriod = budgets[Math.floor(index / model.periodsPerYear)] / model.periodsPerYear;
      upstream[index] = share * perPeriod;
      downstream[index] = (1 - share) * perPeriod;
    }
    return evaluator.evaluate([upstream, downstream])[objective];
  };
  const steps = Math.round((high - low) / 0.001);
  let best = { share: low, value: -Infinity };
  for (let step = 0; step <= steps; step += 1) {
    const share = low + ((high - low) * step) / steps;
    const value = valueAt(share);
    if (value > best.value) best = { share, value };
  }
  let a = Math.max(low, best.share - 0.001);
  let b = Math.min(high, best.share + 0.001);
  while (b - a > 1e-9) {
    const left = a + (b - a) / 3;
    const right = b - (b - a) / 3;
    if (valueAt(left) >= valueAt(right)) b = right;
    else a = left;
  }
  const refined = { share: (a + b) / 2, value: valueAt((a + b) / 2) };
  return refined.value >= best.value ? refined : best;
}

describe('constant phasing', () => {
  for (const objective of OBJECTIVE_NAMES) {
    // One channel a side: the upstream share is the whole split (channel models: channel-split.test.ts).
    it.each(MODEL_FILES.filter(({ model }) => !isChannelModel(model)))(`finds the ${objective} share of a 0.001 grid refined to 1e-9, within 1e-4, on $file`, ({ model }) => {
      const reference = bestShareByFineGrid(model, objective);
      const result = optimize(model, { objective, phasing: 'constant' });
      for (const share of result.upstreamShareByYear) expect(share).toBeCloseTo(result.upstreamShareByYear[0]!, 12);
      expect(Math.abs(result.upstreamShareByYear[0]! - reference.share)).toBeLessThan(1e-4);
      expect(result.value).toBeGreaterThanOrEqual(reference.value - 1e-9 * Math.abs(reference.value));
    });
  }

  it('keeps to share bounds, landing on the bound when the free best lies outside them', () => {
    const model = defaultModel();
    const free = optimize(model).upstreamShareByYear[0]!;
    expect(free).toBeGreaterThan(0.45);
    const bounded = optimize(model, { minShare: 0.2, maxShare: 0.45 });
    expect(bounded.upstreamShareByYear[0]).toBeCloseTo(0.45, 12);
    const reference = bestShareByFineGrid(model, 'npvWithCarryover', 0.2, 0.45);
    expect(bounded.upstreamShareByYear[0]! - reference.share).toBeLessThan(1e-4);
  });

  it('uses the only share allowed when minShare equals maxShare', () => {
    const result = optimize(defaultModel(), { minShare: 0.3, maxShare: 0.3 });
    expect(result.upstreamShareByYear).toEqual([0.3, 0.3, 0.3].map((share) => expect.closeTo(share, 15)));
  });
});
