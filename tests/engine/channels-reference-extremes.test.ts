import fc from 'fast-check';
import { afterAll, describe, it } from 'vitest';
import type { ChannelModel } from '../../src/engine/model/model.ts';
import { parseModel } from '../../src/engine/model/parse-model.ts';
import { simulate } from '../../src/engine/sim/simulate.ts';
import { anyChannelModel, between, logBetween } from './channel-arbitraries.ts';
import { describeWorstErrors, expectMatchesReference, resetWorstErrors } from './reference/expect-matches-reference.ts';
import { referenceSimulateChannels } from './reference/reference-channels.ts';

// The channel form against the reference (reference-channels.ts) at the edges of the settings the
// parser accepts (docs/model-limits.md): Hill shapes up to 10 (a step), half-saturations from a
// cent to a billion a month, half-lives from a hundredth of a month to a century, lag weights
// concentrated to one period (α near 0) or spread flat (α near 1), growth to 1,000 % a year,
// insight feedback and demand lift far above any evidence. Every model is first checked valid.

const extremes = fc.record({
  model: anyChannelModel,
  shape: logBetween(0.05, 10),
  halfSaturation: logBetween(1e-2, 1e9),
  downstreamScale: logBetween(1e-3, 1e4),
  halfLife: logBetween(0.01, 1200),
  concentration: between(1e-6, 0.999999),
  growth: between(-0.99, 10),
  lift: between(0, 100),
}).map(({ model, shape, halfSaturation, downstreamScale, halfLife, concentration, growth, lift }): ChannelModel => {
  for (const channel of Object.values(model.upstream.channels)) {
    channel.shape = shape;
    channel.halfSaturation = halfSaturation;
    channel.lagConcentration = concentration;
    if (channel.shortTerm !== undefined) {
      channel.shortTerm.halfLifeMonths = halfLife;
      channel.shortTerm.shape = shape;
    }
  }
  for (const channel of Object.values(model.downstream.channels)) {
    channel.shape = shape;
    channel.halfSaturation = halfSaturation * downstreamScale;
    channel.halfLifeMonths = halfLife;
  }
  model.brand.halfLifeMonths = halfLife;
  model.market.growthPerYear = growth;
  model.upstream.insightFeedback = lift;
  model.brand.demandLift = lift / 3;
  return model;
});

describe('simulate on the channel form at the edges of the valid settings matches the reference', () => {
  resetWorstErrors();
  afterAll(() => console.log(`worst relative errors, channel models at the edges:\n${describeWorstErrors()}`));

  it('for channel models with extreme settings (fast-check)', () => {
    fc.assert(fc.property(extremes, (model) => {
      parseModel(JSON.parse(JSON.stringify(model)));
      const names = [...Object.keys(model.upstream.channels), ...Object.keys(model.downstream.channels)];
      expectMatchesReference(simulate(model), referenceSimulateChannels(model), model.horizonYears, names);
    }), { numRuns: 100 });
  });
});
