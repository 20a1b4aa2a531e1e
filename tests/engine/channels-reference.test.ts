import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { type ChannelModel, type TwoLeverModel, isChannelModel } from '../../src/engine/model/model.ts';
import { parseModel } from '../../src/engine/model/parse-model.ts';
import { simulate } from '../../src/engine/sim/simulate.ts';
import { anyChannelModel, channelModelArbitrary } from './channel-arbitraries.ts';
import { channelExampleModel } from './channel-example-model.ts';
import { describeWorstErrors, expectMatchesReference, resetWorstErrors } from './reference/expect-matches-reference.ts';
import { referenceSimulateChannels } from './reference/reference-channels.ts';
import { referenceSimulate } from './reference/reference-simulate.ts';

// simulate on channel-form models (spec §9) against reference-channels.ts, an independent literal
// transcription of §9.1–9.4 with plain loops (every run from scratch, the lag sum over the whole
// window every period), to the spec's tolerance of 1e-9 relative.

const MODELS_DIR = new URL('../../models/', import.meta.url);

/** The presets in the channel form. */
const channelPresets = readdirSync(MODELS_DIR)
  .filter((file) => file.endsWith('.json') && file !== 'model.schema.json')
  .sort()
  .map((file) => [file, JSON.parse(readFileSync(new URL(file, MODELS_DIR), 'utf8'))] as const)
  .filter(([, json]) => json.upstream?.channels !== undefined);

function namesOf(model: ChannelModel): string[] {
  return [...Object.keys(model.upstream.channels), ...Object.keys(model.downstream.channels)];
}

function expectChannelModelMatchesReference(model: ChannelModel): void {
  expectMatchesReference(simulate(model), referenceSimulateChannels(model), model.horizonYears, namesOf(model));
}

/** A short-term effect of upstream spend with realistic settings (as extension-fixtures.ts's). */
const SHORT_TERM = { halfLifeMonths: 0.75, halfSaturation: 40000, shape: 1.3, maxConversionLift: 0.006 };

/** The two-lever default model as extension-fixtures.ts fixes it, changed by `change` (the references need no parsing). */
function twoLever(change: (model: TwoLeverModel) => void = () => {}): TwoLeverModel {
  const model: TwoLeverModel = {
    name: 'two-lever',
    periodsPerYear: 12,
    horizonYears: 3,
    budget: { perYear: 1200000, upstreamShare: 0.5 },
    history: { upstreamPerMonth: 50000, downstreamPerMonth: 50000 },
    market: { inMarketPerMonth: 200000, growthPerYear: 0, seasonality: null },
    brand: { initialEquity: 0.3, maxEquity: 0.9, halfLifeMonths: 24, demandLift: 2, conversionLift: 0.5 },
    upstream: { lagMonths: 4, lagConcentration: 0.6, lagWindowMonths: 12, halfSaturation: 60000, shape: 1, insightFeedback: 0 },
    downstream: { halfLifeMonths: 0.5, halfSaturation: 15000, shape: 1.5, maxConversionLift: 0.015 },
    economics: { baseConversion: 0.01, valuePerSale: 60, margin: 0.5, discountRatePerYear: 0.08, carryoverYears: 2 },
  };
  change(model);
  return model;
}

/** The spec's §9.1 example, changed by `change`. */
function example(change: (model: ChannelModel) => void = () => {}): ChannelModel {
  const model = channelExampleModel();
  change(model);
  return model;
}

describe('simulate on the channel form matches the reference transcription of spec §9', () => {
  resetWorstErrors();
  afterAll(() => console.log(`worst relative errors, channel models:\n${describeWorstErrors()}`));

  it.each<[string, ChannelModel]>([
    ['the §9.1 example (TV, Sponsorship / Search, Social)', example()],
    ['per-year shares on both sides', example((model) => {
      model.budget = { perYear: [900000, 1200000, 1500000], upstreamShare: [0.3, 0.5, 0.7] };
      model.upstream.channels.TV.share = [0.9, 0.5, 0.2];
      model.upstream.channels.Sponsorship.share = [0.1, 0.5, 0.8];
      model.downstream.channels.Search.share = [1, 0.25, 0];
      model.downstream.channels.Social.share = [0, 0.75, 1];
    })],
    ['an explicit plan by channel name', example((model) => {
      delete model.budget;
      model.plan = {
        TV: Array.from({ length: 36 }, (_, index) => (index % 6 === 0 ? 300000 : 0)),
        Sponsorship: Array.from({ length: 36 }, () => 12000),
        Search: Array.from({ length: 36 }, (_, index) => 20000 + 1000 * index),
        Social: Array.from({ length: 36 }, (_, index) => (index < 18 ? 0 : 30000)),
      };
    })],
    ['a short-term effect on one upstream channel, insight feedback, weekly', example((model) => {
      model.periodsPerYear = 52;
      model.upstream.insightFeedback = 0.8;
      model.upstream.channels.TV.shortTerm = { ...SHORT_TERM };
    })],
    ['no upstream channels', example((model) => {
      model.upstream.channels = {};
      model.budget = { perYear: 600000, upstreamShare: 0 };
      model.brand.initialEquity = 'history';
    })],
    ['no downstream channels, equity from history, insight feedback', example((model) => {
      model.downstream.channels = {};
      model.budget = { perYear: 600000, upstreamShare: 1 };
      model.brand.initialEquity = 'history';
      model.upstream.insightFeedback = 1.2;
    })],
    ['the "history" carryover baseline, quarterly, 5 carryover years, 12 monthly seasonal values', example((model) => {
      model.periodsPerYear = 4;
      model.economics.carryoverYears = 5;
      model.economics.carryoverBaseline = 'history';
      model.market.seasonality = [0.8, 0.8, 0.9, 1, 1, 1.1, 1.2, 1.2, 1, 0.9, 1, 1.3];
      model.market.growthPerYear = 0.05;
    })],
    ['a channel with zero share and one with β = 0', example((model) => {
      model.upstream.channels.Sponsorship.share = 0;
      model.upstream.channels.TV.share = 1;
      model.upstream.channels.TV.maxEquityShare = 0;
      model.upstream.channels.Sponsorship.maxEquityShare = 1;
    })],
    ['conversion capped at 1', example((model) => { model.economics.baseConversion = 0.9; model.brand.conversionLift = 2; })],
  ])('%s', (_name, model) => {
    expectChannelModelMatchesReference(model);
  });

  it.each(channelPresets)('the preset %s', (_file, json) => {
    expectChannelModelMatchesReference(parseModel(json) as ChannelModel);
  });

  it('with 12 channels a side (the most the spec allows)', () => {
    for (const model of fc.sample(channelModelArbitrary(12, 12, false), { numRuns: 3, seed: 11 })) expectChannelModelMatchesReference(model);
  });

  it('for any valid channel model (fast-check: 0 to 4 channels a side, shares by year, plans, short-term effects, seasonality, both baselines)', () => {
    fc.assert(fc.property(anyChannelModel, (model) => {
      expectChannelModelMatchesReference(model);
    }), { numRuns: 150 });
  });
});

describe('the random channel models are valid model files', () => {
  // simulate takes a validated model; the arbitrary builds them directly, so parseModel must accept
  // every one and give back a model that simulates to the same numbers.
  it('parseModel accepts every model of the arbitrary and changes none of its results (fast-check)', () => {
    fc.assert(fc.property(anyChannelModel, (model) => {
      const parsed = parseModel(JSON.parse(JSON.stringify(model)));
      expect(isChannelModel(parsed)).toBe(true);
      expect(simulate(parsed)).toEqual(simulate(model));
    }), { numRuns: 150 });
  });
});

describe('the two references agree with each other', () => {
  // The channel reference on a two-lever file's one-channel-a-side reading (§9.1) gives what the
  // two-lever reference (written from sections 3–7) gives: a check of the references themselves.
  it.each<[string, TwoLeverModel]>([
    ['the default model as the extensions tests fix it', twoLever()],
    ['with a short-term effect, equity and carryover from history, weekly', twoLever((model) => {
      model.periodsPerYear = 52;
      model.upstream.insightFeedback = 0.7;
      model.upstream.shortTerm = { ...SHORT_TERM };
      model.brand.initialEquity = 'history';
      model.economics.carryoverBaseline = 'history';
    })],
  ])('%s', (_name, twoLever) => {
    const { history, plan: _plan, upstream, downstream, ...common } = twoLever;
    const { insightFeedback, ...upstreamSettings } = upstream;
    const asChannels: ChannelModel = {
      ...common,
      upstream: { insightFeedback, channels: { upstream: { share: 1, historyPerMonth: history.upstreamPerMonth, maxEquityShare: 1, ...upstreamSettings } } },
      downstream: { channels: { downstream: { share: 1, historyPerMonth: history.downstreamPerMonth, ...downstream } } },
    };
    const fromChannels = referenceSimulateChannels(asChannels);
    const fromTwoLever = referenceSimulate(twoLever);
    expect(fromChannels.periods.length).toBe(fromTwoLever.periods.length);
    fromChannels.periods.forEach((period, index) => {
      for (const [field, value] of Object.entries(fromTwoLever.periods[index])) {
        expect(period[field], `period ${index + 1} ${field}`).toEqual(value);
      }
    });
    expect(fromChannels.summary).toEqual(fromTwoLever.summary);
  });
});
