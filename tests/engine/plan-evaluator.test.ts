import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPlanEvaluator, parseModel, planSpend, simulate } from '../../src/engine/index.ts';
import { validModel } from './arbitrary-model.ts';

describe('createPlanEvaluator', () => {
  it('gives exactly simulate’s summary for any valid model and its plan (fast-check)', () => {
    fc.assert(fc.property(validModel, (raw) => {
      const model = parseModel(raw);
      const spend = planSpend(model);
      // The evaluator gives the key figures (SummaryFigures); simulate adds the per-channel results.
      const { channels: _channels, ...figures } = simulate(model).summary;
      expect(createPlanEvaluator(model).evaluate(spend.upstream, spend.downstream)).toEqual(figures);
    }), { numRuns: 150 });
  });

  it('gives the same answer however many plans it scored before (buffers are reused safely)', () => {
    const model = parseModel(fc.sample(validModel, { numRuns: 1, seed: 7 })[0]);
    const evaluator = createPlanEvaluator(model);
    const spend = planSpend(model);
    const first = evaluator.evaluate(spend.upstream, spend.downstream);
    evaluator.evaluate(new Float64Array(evaluator.periods).fill(1e5), new Float64Array(evaluator.periods));
    expect(evaluator.evaluate(spend.upstream, spend.downstream)).toEqual(first);
  });

  it('refuses a plan of the wrong length', () => {
    const model = parseModel(fc.sample(validModel, { numRuns: 1, seed: 3 })[0]);
    const evaluator = createPlanEvaluator(model);
    expect(() => evaluator.evaluate(new Float64Array(1), new Float64Array(1))).toThrow(/needs \d+ periods/);
  });
});
