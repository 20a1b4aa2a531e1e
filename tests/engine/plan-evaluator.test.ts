import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseModel } from '../../src/engine/model/parse-model.ts';
import { channelSpend } from '../../src/engine/sim/plan-spend.ts';
import { createPlanEvaluator } from '../../src/engine/sim/plan-evaluator.ts';
import { simulate } from '../../src/engine/sim/simulate.ts';
import { validModel } from './arbitrary-model.ts';
import { anyChannelModel } from './channel-arbitraries.ts';

describe('createPlanEvaluator', () => {
  it('gives exactly simulate’s summary for any valid model and its plan (fast-check)', () => {
    fc.assert(fc.property(validModel, (raw) => {
      const model = parseModel(raw);
      // The evaluator gives the key figures (SummaryFigures); simulate adds the per-channel results.
      const { channels: _channels, ...figures } = simulate(model).summary;
      expect(createPlanEvaluator(model).evaluate(channelSpend(model))).toEqual(figures);
    }), { numRuns: 150 });
  });

  it('gives exactly simulate’s summary for any valid channel model and its plan (fast-check)', () => {
    fc.assert(fc.property(anyChannelModel, (model) => {
      const { channels: _channels, ...figures } = simulate(model).summary;
      expect(createPlanEvaluator(model).evaluate(channelSpend(model))).toEqual(figures);
    }), { numRuns: 100 });
  });

  it('gives the same answer however many plans it scored before (buffers are reused safely)', () => {
    const model = parseModel(fc.sample(validModel, { numRuns: 1, seed: 7 })[0]);
    const evaluator = createPlanEvaluator(model);
    const spend = channelSpend(model);
    const first = evaluator.evaluate(spend);
    evaluator.evaluate([new Float64Array(evaluator.periods).fill(1e5), new Float64Array(evaluator.periods)]);
    expect(evaluator.evaluate(spend)).toEqual(first);
  });

  it('refuses a plan of the wrong length', () => {
    const model = parseModel(fc.sample(validModel, { numRuns: 1, seed: 3 })[0]);
    const evaluator = createPlanEvaluator(model);
    expect(() => evaluator.evaluate([new Float64Array(1), new Float64Array(1)])).toThrow(/needs \d+ periods/);
    expect(() => evaluator.evaluate([new Float64Array(evaluator.periods)])).toThrow(/needs \d+ periods of spend for each of 2 channels/);
  });
});
