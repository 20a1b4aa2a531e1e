/**
 * The quality bar for the richest phasing: on the default model and every preset,
 * `flighting` at its normal effort reaches within 0.1 % of the best value found by a long,
 * many-start run. The reference is the best of (a) the same chained search allowed 5 times the
 * iterations and a 5 times tighter stop, and (b) searches from random feasible plans, each
 * allowed twice the iterations. (Measured
 * when written: the worst gap was 0.016 %, brand-repositioning; random starts alone end up to
 * 2.4 % lower, which is why the optimiser starts from the best coarser plan.)
 */
import { describe, expect, it } from 'vitest';
import { type Model } from '../../../src/engine/index.ts';
import { compileModel } from '../../../src/engine/sim/compile-model.ts';
import { resolveOptions, type ObjectiveName } from '../../../src/engine/optimize/index.ts';
import { searchFlighting } from '../../../src/engine/optimize/phasings/flighting.ts';
import { createPlanSpace } from '../../../src/engine/optimize/plan-space.ts';
import { optimize, yearlyBudgetsOf } from './optimize-test-kit.ts';
import { MODEL_FILES, defaultModel } from './model-files.ts';
import { fourByFourChannelModel } from './channel-bench-model.ts';

/** A random plan that spends each year's budget exactly: period weights from an exponential draw, channel shares uniform. */
function randomFeasibleStart(periodsPerYear: number, budgets: readonly number[], channels: number, seed: number): Float64Array[] {
  let state = seed;
  const next = () => { state = (state * 16807) % 2147483647; return state / 2147483647; };
  const periods = periodsPerYear * budgets.length;
  const spend = Array.from({ length: channels }, () => new Float64Array(periods));
  budgets.forEach((budget, year) => {
    const weights = Array.from({ length: periodsPerYear }, () => -Math.log(next()));
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    weights.forEach((weight, period) => {
      const amount = (budget * weight) / total;
      const shares = Array.from({ length: channels }, () => next());
      const sum = shares.reduce((a, b) => a + b, 0);
      shares.forEach((share, channel) => { spend[channel][year * periodsPerYear + period] = (share / sum) * amount; });
    });
  });
  return spend;
}

function referenceValue(model: Model, objective: ObjectiveName, randomStarts: number): number {
  const long = optimize(model, { objective, phasing: 'flighting', effort: 5, exactBest: true }).value;
  const space = createPlanSpace(compileModel(model), yearlyBudgetsOf(model), resolveOptions({ objective, phasing: 'flighting', effort: 2 }));
  let best = long;
  for (let start = 0; start < randomStarts; start += 1) {
    const spend = randomFeasibleStart(model.periodsPerYear, space.budgets, space.channelCount, 1000 + start);
    const found = searchFlighting(space, { spend, value: space.value(spend), converged: false, cancelled: false }, {});
    best = Math.max(best, found.value);
  }
  return best;
}

describe('flighting against a long many-start reference', () => {
  it.each(MODEL_FILES)('reaches within 0.1 % of the reference for npvWithCarryover on $file', ({ model }) => {
    const found = optimize(model, { phasing: 'flighting', exactBest: true }).value;
    const reference = referenceValue(model, 'npvWithCarryover', 5);
    expect(found).toBeGreaterThanOrEqual(reference - 1e-3 * Math.abs(reference));
  });

  it.each(['npv', 'totalRevenue'] as const)('reaches within a thousandth of the reference for %s on the 5-year default', (objective) => {
    const model = defaultModel({ horizonYears: 5 });
    const found = optimize(model, { objective, phasing: 'flighting', exactBest: true }).value;
    const reference = referenceValue(model, objective, 3);
    expect(found).toBeGreaterThanOrEqual(reference - 1e-3 * Math.abs(reference));
  });

  it('reaches within 0.1 % of the reference with practical bounds (shares 0.2–0.8, periods 0.5–2)', () => {
    const model = defaultModel({ horizonYears: 5 });
    const bounds = { minShare: 0.2, maxShare: 0.8, minPeriodMultiple: 0.5, maxPeriodMultiple: 2 };
    const found = optimize(model, { ...bounds, phasing: 'flighting', exactBest: true }).value;
    const long = optimize(model, { ...bounds, phasing: 'flighting', effort: 5, exactBest: true }).value;
    expect(found).toBeGreaterThanOrEqual(long - 1e-3 * Math.abs(long));
  });

  it('reaches within 0.1 % of a 10 times longer many-start run across 4 + 4 channels, 5 years monthly (the issue\'s speed case)', () => {
    const model = fourByFourChannelModel();
    const found = optimize(model, { phasing: 'flighting', exactBest: true }).value;
    const long = optimize(model, { phasing: 'flighting', effort: 10, exactBest: true }).value;
    const space = createPlanSpace(compileModel(model), yearlyBudgetsOf(model), resolveOptions({ phasing: 'flighting', effort: 2 }));
    let reference = long;
    for (let start = 0; start < 2; start += 1) {
      const spend = randomFeasibleStart(model.periodsPerYear, space.budgets, space.channelCount, 2000 + start);
      reference = Math.max(reference, searchFlighting(space, { spend, value: space.value(spend), converged: false, cancelled: false }, {}).value);
    }
    expect(found).toBeGreaterThanOrEqual(reference - 1e-3 * Math.abs(reference));
  }, 120_000);
});
