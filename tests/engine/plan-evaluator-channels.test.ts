import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPlanEvaluator } from '../../src/engine/sim/plan-evaluator.ts';
import { channelSpend } from '../../src/engine/sim/plan-spend.ts';
import { simulate } from '../../src/engine/sim/simulate.ts';
import { channelModel, modelFiles, positiveRows } from './objective-gradient-models.ts';

describe('createPlanEvaluator with channels', () => {
  it('gives exactly simulate’s key figures for random channel models and their plans (fast-check)', () => {
    fc.assert(fc.property(channelModel(), (model) => {
      const { channels: _channels, ...figures } = simulate(model).summary;
      expect(createPlanEvaluator(model).evaluate(channelSpend(model))).toEqual(figures);
    }), { numRuns: 80 });
  });

  it.each(modelFiles())('gives exactly simulate’s key figures for $file', ({ model }) => {
    const { channels: _channels, ...figures } = simulate(model).summary;
    expect(createPlanEvaluator(model).evaluate(channelSpend(model))).toEqual(figures);
  });

  it('gives the same answer however many plans it scored before, and refuses a plan without a row per channel', () => {
    const model = fc.sample(channelModel({ upstream: { min: 2, max: 3 }, downstream: { min: 2, max: 3 } }), { numRuns: 1, seed: 5 })[0];
    const evaluator = createPlanEvaluator(model);
    const spend = channelSpend(model);
    const first = evaluator.evaluate(spend);
    evaluator.evaluate(positiveRows(spend.length, evaluator.periods, 1e5, 3));
    expect(evaluator.evaluate(spend)).toEqual(first);
    expect(() => evaluator.evaluate(spend.slice(1))).toThrow(`a plan needs ${evaluator.periods} periods of spend for each of ${spend.length} channels`);
  });
});
