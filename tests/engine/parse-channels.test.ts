import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type ModelIssue, ModelError, parseModel } from '../../src/engine/model/parse-model.ts';
import { type ChannelModel, isChannelModel } from '../../src/engine/model/model.ts';
import { CHANNEL_BAD_INPUTS, channelExample, downstreamChannel, renamed } from './channel-bad-inputs.ts';

// The channel form of a model file (spec §9.1): what parseModel accepts and, rule by rule, what it
// refuses, each refusal one message naming the field by its path.

type Json = Record<string, any>;

const fixture: Json = channelExample();

function issuesOf(input: unknown): ModelIssue[] {
  try {
    parseModel(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ModelError);
    return [...(error as ModelError).issues];
  }
  return [];
}

/** The one issue a broken file gives (fails the test when it gives none or several). */
function onlyIssue(input: unknown): ModelIssue {
  const issues = issuesOf(input);
  expect(issues, JSON.stringify(issues, null, 1)).toHaveLength(1);
  return issues[0];
}

const upstreamChannel = (share: number, maxEquityShare: number): Json => ({
  share, historyPerMonth: 1000, lagMonths: 2, lagConcentration: 0.5, lagWindowMonths: 6, halfSaturation: 20000, shape: 1, maxEquityShare,
});

describe('parseModel: the channel form (spec 9.1)', () => {
  it('reads the spec example (channel-example.json) field for field, channels in the file order', () => {
    const model = parseModel(channelExample());
    expect(isChannelModel(model)).toBe(true);
    const channels = model as ChannelModel;
    expect(channels).toEqual({
      $schema: '../../../models/model.schema.json',
      name: 'Consumer brand by channel (spec example)',
      description: fixture.description,
      periodsPerYear: 12,
      horizonYears: 3,
      budget: { perYear: 1200000, upstreamShare: 0.5 },
      market: { inMarketPerMonth: 200000, growthPerYear: 0, seasonality: null },
      brand: { initialEquity: 0.3, maxEquity: 0.9, halfLifeMonths: 24, demandLift: 2, conversionLift: 0.5 },
      upstream: {
        insightFeedback: 0,
        channels: {
          TV: { share: 0.7, historyPerMonth: 35000, lagMonths: 4, lagConcentration: 0.6, lagWindowMonths: 12, halfSaturation: 45000, shape: 1, maxEquityShare: 0.7 },
          Sponsorship: { share: 0.3, historyPerMonth: 15000, lagMonths: 6, lagConcentration: 0.7, lagWindowMonths: 18, halfSaturation: 25000, shape: 1, maxEquityShare: 0.3 },
        },
      },
      downstream: {
        channels: {
          Search: { share: 0.6, historyPerMonth: 30000, halfLifeMonths: 0.3, halfSaturation: 9000, shape: 1.5, maxConversionLift: 0.009 },
          Social: { share: 0.4, historyPerMonth: 20000, halfLifeMonths: 0.5, halfSaturation: 7000, shape: 1.2, maxConversionLift: 0.006 },
        },
      },
      economics: { baseConversion: 0.01, valuePerSale: 60, margin: 0.5, discountRatePerYear: 0.08, carryoverYears: 2 },
    });
    expect(Object.keys(channels.upstream.channels)).toEqual(['TV', 'Sponsorship']);
    expect(Object.keys(channels.downstream.channels)).toEqual(['Search', 'Social']);
    expect(Object.keys(channels)).toEqual(['$schema', 'name', 'description', 'periodsPerYear', 'horizonYears', 'budget', 'market', 'brand', 'upstream', 'downstream', 'economics']);
  });

  it('keeps the user\'s order of channels, even against the alphabet', () => {
    const input = channelExample();
    input.downstream.channels = { Zeta: downstreamChannel(0.5), Alpha: downstreamChannel(0.25), Mid: downstreamChannel(0.25) };
    const model = parseModel(input) as ChannelModel;
    expect(Object.keys(model.downstream.channels)).toEqual(['Zeta', 'Alpha', 'Mid']);
  });

  it('reads a plan keyed by channel (upstream channels first), shortTerm and bounds, with no share needed', () => {
    const input = channelExample();
    const row = (value: number) => Array.from({ length: 36 }, () => value);
    for (const side of ['upstream', 'downstream']) for (const channel of Object.values(input[side].channels) as Json[]) delete channel.share;
    delete input.budget;
    input.plan = { Social: row(4), Search: row(3), Sponsorship: row(2), TV: row(1) };
    input.upstream.channels.TV.shortTerm = { halfLifeMonths: 0.5, halfSaturation: 40000, shape: 1, maxConversionLift: 0.004 };
    input.downstream.channels.Search.bounds = { minPerYear: 10000, maxPerYear: 500000 };
    input.upstream.channels.Sponsorship.bounds = { maxPerYear: 0 };
    const model = parseModel(input) as ChannelModel;
    expect(Object.keys(model.plan!)).toEqual(['TV', 'Sponsorship', 'Search', 'Social']);
    expect(model.plan!.Social).toEqual(row(4));
    expect(model.upstream.channels.TV.shortTerm).toEqual({ halfLifeMonths: 0.5, halfSaturation: 40000, shape: 1, maxConversionLift: 0.004 });
    expect(model.downstream.channels.Search.bounds).toEqual({ minPerYear: 10000, maxPerYear: 500000 });
    expect(model.upstream.channels.Sponsorship.bounds).toEqual({ maxPerYear: 0 });
    expect('share' in model.upstream.channels.TV).toBe(false);
    expect(model.budget).toBeUndefined();
  });

  it('reads yearly shares, and shares that sum to 1 within 1e-9', () => {
    const input = channelExample();
    input.upstream.channels.TV.share = [0.7, 0.5, 0.1 + 0.2];
    input.upstream.channels.Sponsorship.share = [0.3, 0.5, 0.7 + 5e-10];
    expect(issuesOf(input)).toEqual([]);
  });

  it('reads a side with no channels when the budget gives it nothing', () => {
    const input = channelExample();
    input.upstream.channels = {};
    input.budget.upstreamShare = 0;
    const model = parseModel(input) as ChannelModel;
    expect(model.upstream).toEqual({ insightFeedback: 0, channels: {} });
    const downstreamless = channelExample();
    downstreamless.downstream.channels = {};
    downstreamless.budget.upstreamShare = [1, 1, 1];
    expect(issuesOf(downstreamless)).toEqual([]);
  });

  it('reads 12 channels a side', () => {
    const input = channelExample();
    input.upstream.channels = Object.fromEntries(Array.from({ length: 12 }, (_, index) => [`Up${index}`, upstreamChannel(index === 0 ? 1 - 11 / 16 : 1 / 16, index === 0 ? 1 - 11 / 16 : 1 / 16)]));
    input.downstream.channels = Object.fromEntries(Array.from({ length: 12 }, (_, index) => [`Down${index}`, downstreamChannel(index === 0 ? 1 - 11 / 16 : 1 / 16)]));
    expect(issuesOf(input)).toEqual([]);
  });

  it('accepts any valid names: letters of any alphabet, spaces, 60 characters, names of Object.prototype methods', () => {
    const input = channelExample();
    const names = ['Télé', 'Онлайн видео', 'x'.repeat(60), 'toString', 'hasOwnProperty'];
    input.upstream.channels = Object.fromEntries(names.map((name) => [name, upstreamChannel(0.2, 0.2)]));
    const model = parseModel(input) as ChannelModel;
    expect(Object.keys(model.upstream.channels)).toEqual(names);
    expect(Object.hasOwn(model.upstream.channels, 'toString')).toBe(true);
  });

  it('accepts uncertainty on channel settings by path, and on the shared settings', () => {
    const input = channelExample();
    input.uncertainty = {
      'upstream.channels.TV.halfSaturation': { dist: 'lognormal', median: 45000, sigma: 0.3 },
      'downstream.channels.Social.maxConversionLift': { dist: 'uniform', min: 0.004, max: 0.008 },
      'brand.halfLifeMonths': { dist: 'lognormal', median: 24, sigma: 0.4 },
      'upstream.insightFeedback': { dist: 'uniform', min: 0, max: 0.5 },
    };
    const model = parseModel(input);
    expect(Object.keys(model.uncertainty!)).toEqual(['brand.halfLifeMonths', 'upstream.insightFeedback', 'upstream.channels.TV.halfSaturation', 'downstream.channels.Social.maxConversionLift']);
  });

  it('builds every channel from its own keys, so a file cannot reach Object.prototype', () => {
    const text = JSON.stringify(channelExample()).replace('"Social":', '"__proto__":');
    const issues = issuesOf(JSON.parse(text));
    expect(issues.map((issue) => issue.path)).toContain('downstream.channels.__proto__');
    expect(({} as Json).historyPerMonth).toBeUndefined();
    expect(({} as Json).halfSaturation).toBeUndefined();
  });

  it('reads random valid channel files with the channels in their order (fast-check)', () => {
    const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9 _-]{0,20}$/);
    const weights = (count: number) => fc.array(fc.integer({ min: 1, max: 100 }), { minLength: count, maxLength: count })
      .map((list) => list.map((weight) => weight / list.reduce((sum, value) => sum + value, 0)));
    const counts = fc.tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 12 })).filter(([up, down]) => up + down > 0);
    const files = counts.chain(([up, down]) => fc.record({
      names: fc.uniqueArray(name, { minLength: up + down, maxLength: up + down }),
      upShares: weights(up), betas: weights(up), downShares: weights(down),
    }).map((parts) => ({ up, down, ...parts })));
    fc.assert(fc.property(files, ({ up, down, names, upShares, betas, downShares }) => {
      const input = channelExample();
      input.upstream.channels = Object.fromEntries(names.slice(0, up).map((channel, index) => [channel, upstreamChannel(upShares[index], betas[index])]));
      input.downstream.channels = Object.fromEntries(names.slice(up).map((channel, index) => [channel, downstreamChannel(downShares[index])]));
      input.budget.upstreamShare = up === 0 ? 0 : down === 0 ? 1 : 0.4;
      const model = parseModel(input) as ChannelModel;
      expect(Object.keys(model.upstream.channels)).toEqual(names.slice(0, up));
      expect(Object.keys(model.downstream.channels)).toEqual(names.slice(up));
    }), { numRuns: 200 });
  });
});

describe('parseModel refuses each rule of spec 9.1 broken on its own, with one message naming the field', () => {
  // The issue's list of bad inputs, each made from the valid spec example by one change.
  it.each(CHANNEL_BAD_INPUTS)('%s', (_, change, path, message) => {
    const input = channelExample();
    change(input);
    expect(onlyIssue(input)).toEqual({ path, message });
  });

  // More rules of 9.1, each on its own.
  const more: [string, (input: Json) => void, string, string][] = [
    ['a name that does not start with a letter', (input) => { input.upstream.channels = renamed(input.upstream.channels, 'TV', '1TV'); },
      'upstream.channels.1TV', 'upstream.channels: the channel name "1TV" must start with a letter'],
    ['an empty name', (input) => { input.upstream.channels = renamed(input.upstream.channels, 'TV', ''); },
      'upstream.channels.', 'upstream.channels has a channel with an empty name; a channel name must be 1 to 60 characters'],
    ['constructor as a name', (input) => { input.upstream.channels = renamed(input.upstream.channels, 'TV', 'constructor'); },
      'upstream.channels.constructor', 'upstream.channels: the channel name "constructor" is not allowed (names must not be __proto__, constructor, prototype)'],
    ['no channels at all', (input) => { input.upstream.channels = {}; input.downstream.channels = {}; },
      'upstream.channels', 'upstream.channels and downstream.channels are both empty; a model needs at least one channel'],
    ['budget for a side with no upstream channels', (input) => {
      input.upstream.channels = {};
    }, 'budget.upstreamShare', 'budget.upstreamShare must be 0, as there are no upstream channels (a side without channels takes no budget), got 0.5'],
    ['budget in year 2 for a side with no downstream channels', (input) => {
      input.downstream.channels = {};
      input.budget.upstreamShare = [1, 0.9, 1];
    }, 'budget.upstreamShare[1]', 'budget.upstreamShare[1] must be 1, as there are no downstream channels (a side without channels takes no budget), got 0.9'],
    ['yearly shares that do not sum to 1 in year 2', (input) => {
      input.downstream.channels.Search.share = [0.6, 0.5, 0.6];
    }, 'downstream.channels.Search.share', 'downstream.channels.Search.share must sum to 1 with the other downstream shares in year 2, got 0.9 (Search 0.5 + Social 0.4)'],
    ['the only channel of a side with a share below 1', (input) => {
      delete input.downstream.channels.Social;
      input.downstream.channels.Search.share = 0.6;
    }, 'downstream.channels.Search.share', 'downstream.channels.Search.share must be 1, as Search is the only downstream channel, got 0.6'],
    ['a share above 1', (input) => { input.upstream.channels.TV.share = 1.2; },
      'upstream.channels.TV.share', 'upstream.channels.TV.share must be between 0 and 1, got 1.2'],
    ['a missing share without a plan', (input) => { delete input.downstream.channels.Social.share; },
      'downstream.channels.Social.share', 'downstream.channels.Social.share is required (or give a plan with spend per period)'],
    ['a share list of the wrong length', (input) => { input.downstream.channels.Search.share = [0.6, 0.6]; },
      'downstream.channels.Search.share', 'downstream.channels.Search.share must have one value per year (3), got 2'],
    ['a negative historyPerMonth', (input) => { input.downstream.channels.Search.historyPerMonth = -5; },
      'downstream.channels.Search.historyPerMonth', 'downstream.channels.Search.historyPerMonth must be ≥ 0, got -5'],
    ['lagMonths beyond the lag window', (input) => { input.upstream.channels.Sponsorship.lagMonths = 20; },
      'upstream.channels.Sponsorship.lagMonths', 'upstream.channels.Sponsorship.lagMonths must be ≤ upstream.channels.Sponsorship.lagWindowMonths (18), got 20'],
    ['a lagConcentration of 1', (input) => { input.upstream.channels.TV.lagConcentration = 1; },
      'upstream.channels.TV.lagConcentration', 'upstream.channels.TV.lagConcentration must be > 0 and < 1, got 1'],
    ['a missing setting', (input) => { delete input.downstream.channels.Social.halfSaturation; },
      'downstream.channels.Social.halfSaturation', 'downstream.channels.Social.halfSaturation is required'],
    ['a misspelt setting', (input) => { input.upstream.channels.TV.lagMonth = 4; }, 'upstream.channels.TV.lagMonth', 'upstream.channels.TV.lagMonth is not a known field; did you mean upstream.channels.TV.lagMonths?'],
    ['a two-lever field beside channels', (input) => { input.upstream.lagMonths = 4; },
      'upstream.lagMonths', 'upstream.lagMonths is not a known field (known here: insightFeedback, channels)'],
    ['a shortTerm on a downstream channel', (input) => {
      input.downstream.channels.Search.shortTerm = { halfLifeMonths: 0.5, halfSaturation: 40000, shape: 1, maxConversionLift: 0.004 };
    }, 'downstream.channels.Search.shortTerm', 'downstream.channels.Search.shortTerm is not a known field: only upstream channels have a short-term effect of their own (a downstream channel\'s effect is short-term already)'],
    ['a shortTerm without one of its fields', (input) => { input.upstream.channels.TV.shortTerm = { halfLifeMonths: 0.5, halfSaturation: 40000, shape: 1 }; },
      'upstream.channels.TV.shortTerm.maxConversionLift', 'upstream.channels.TV.shortTerm.maxConversionLift is required'],
    ['bounds with min above max', (input) => { input.upstream.channels.TV.bounds = { minPerYear: 500000, maxPerYear: 100000 }; },
      'upstream.channels.TV.bounds.minPerYear', 'upstream.channels.TV.bounds.minPerYear must be ≤ upstream.channels.TV.bounds.maxPerYear (100000), got 500000'],
    ['a negative bound', (input) => { input.downstream.channels.Social.bounds = { minPerYear: -1 }; },
      'downstream.channels.Social.bounds.minPerYear', 'downstream.channels.Social.bounds.minPerYear must be ≥ 0, got -1'],
    ['a negative insightFeedback', (input) => { input.upstream.insightFeedback = -0.1; },
      'upstream.insightFeedback', 'upstream.insightFeedback must be ≥ 0, got -0.1'],
    ['a side without channels given', (input) => { input.downstream = {}; },
      'downstream.channels', 'downstream.channels is required (an empty object {} for a side with no channels)'],
    ['channels that are not an object', (input) => { input.downstream.channels = ['Search']; },
      'downstream.channels', 'downstream.channels must be an object of channel name → settings, got a list'],
    ['a plan with a misspelt channel', (input) => {
      const row = Array.from({ length: 36 }, () => 10000);
      input.plan = { TV: row, Sponsorship: row, Search: row, Social: row, Socail: row };
    }, 'plan.Socail', 'plan.Socail is not a known field; did you mean plan.Social?'],
    ['a plan of the two-lever form', (input) => {
      const row = Array.from({ length: 36 }, () => 10000);
      input.plan = { upstream: row, downstream: row };
    }, 'plan', 'plan must give each channel\'s spend by its name in the channel form (plan.TV, plan.Sponsorship, plan.Search, …), not plan.upstream and plan.downstream'],
    ['a plan row of the wrong length', (input) => {
      const row = Array.from({ length: 36 }, () => 10000);
      input.plan = { TV: row, Sponsorship: row, Search: row, Social: row.slice(1) };
    }, 'plan.Social', 'plan.Social must have one value per period (36), got 35'],
    ['a negative spend in a plan', (input) => {
      const row = Array.from({ length: 36 }, () => 10000);
      input.plan = { TV: row, Sponsorship: row, Search: row, Social: row.map((value, index) => (index === 4 ? -1 : value)) };
    }, 'plan.Social[4]', 'plan.Social[4] must be ≥ 0, got -1'],
    ['a year of a channel\'s plan spending less than a cent', (input) => {
      const row = Array.from({ length: 36 }, () => 10000);
      input.plan = { TV: row, Sponsorship: row, Search: row, Social: row.map((value, index) => (index < 12 ? 0 : value)).map((value, index) => (index === 3 ? 1e-300 : value)) };
    }, 'plan.Social', 'plan.Social: year 1 spends 1e-300 in all; a channel\'s spend in a year must be 0 or at least 0.01'],
    ['uncertainty on a two-lever path in the channel form', (input) => {
      input.uncertainty = { 'upstream.halfSaturation': { dist: 'lognormal', median: 45000, sigma: 0.3 } };
    }, 'uncertainty.upstream.halfSaturation', 'uncertainty.upstream.halfSaturation: the model is in the channel form, so give each channel\'s range by its path, such as upstream.channels.<name>.halfSaturation'],
    ['uncertainty on the history in the channel form', (input) => {
      input.uncertainty = { 'history.downstreamPerMonth': { dist: 'lognormal', median: 45000, sigma: 0.3 } };
    }, 'uncertainty.history.downstreamPerMonth', 'uncertainty.history.downstreamPerMonth: the model is in the channel form, so give each channel\'s range by its path, such as downstream.channels.<name>.historyPerMonth'],
    ['uncertainty on a misspelt channel path', (input) => {
      input.uncertainty = { 'upstream.channels.Tv.halfSaturation': { dist: 'lognormal', median: 45000, sigma: 0.3 } };
    }, 'uncertainty.upstream.channels.Tv.halfSaturation', 'uncertainty.upstream.channels.Tv.halfSaturation is not a known field; did you mean uncertainty.upstream.channels.TV.halfSaturation?'],
    ['uncertainty on the short-term effect of a channel without one', (input) => {
      input.uncertainty = { 'upstream.channels.TV.shortTerm.shape': { dist: 'uniform', min: 1, max: 2 } };
    }, 'uncertainty.upstream.channels.TV.shortTerm.shape', 'uncertainty.upstream.channels.TV.shortTerm.shape: the channel TV has no shortTerm, so upstream.channels.TV.shortTerm.shape cannot have a range'],
    ['uncertainty on a channel\'s share', (input) => {
      input.uncertainty = { 'upstream.channels.TV.share': { dist: 'uniform', min: 0.5, max: 0.8 } };
    }, 'uncertainty.upstream.channels.TV.share', 'uncertainty.upstream.channels.TV.share: upstream.channels.TV.share cannot be uncertain: the split between channels is the plan, a decision rather than an assumption'],
  ];

  it.each(more)('%s', (_, change, path, message) => {
    const input = channelExample();
    change(input);
    const issue = onlyIssue(input);
    expect(issue.path).toBe(path);
    expect(issue.message).toBe(message);
  });
});

describe('parseModel on hostile channel files', () => {
  it('cuts a very long channel name in the path and the message', () => {
    const input = channelExample();
    input.upstream.channels = renamed(input.upstream.channels, 'Sponsorship', 'S'.repeat(100_000));
    expect(onlyIssue(input)).toEqual({
      path: `upstream.channels.${'S'.repeat(99)}…`,
      message: `upstream.channels: the channel name "${'S'.repeat(99)}…" must be at most 60 characters, got 100000`,
    });
  });

  it('refuses 100,000 channels on a side and a plan of 100,000 keys quickly, with a short list of problems', () => {
    const input = channelExample();
    const settings = input.downstream.channels.Search;
    input.downstream.channels = Object.fromEntries(Array.from({ length: 100_000 }, (_, index) => [`C${index}`, settings]));
    input.plan = Object.fromEntries(Array.from({ length: 100_000 }, (_, index) => [`P${index}`, [1]]));
    const started = performance.now();
    const issues = issuesOf(input);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(issues[0]).toEqual({ path: 'downstream.channels', message: 'downstream.channels must have at most 12 channels, got 100000 (only the first 100 are checked)' });
    expect(issues.length).toBeLessThanOrEqual(51);
    expect(issues.map((issue) => issue.message).join('\n').length).toBeLessThan(20_000);
  });
});

describe('parseModel: the two-lever form is read as before', () => {
  it('reads the spec example in the two-lever form, with history and no channels', () => {
    const twoLever = JSON.parse(readFileSync(new URL('./fixtures/spec-example.json', import.meta.url), 'utf8'));
    const model = parseModel(twoLever);
    expect(isChannelModel(model)).toBe(false);
    expect(Object.keys(model)).toEqual(['$schema', 'name', 'description', 'periodsPerYear', 'horizonYears', 'budget', 'history', 'market', 'brand', 'upstream', 'downstream', 'economics', 'uncertainty']);
    const { $schema: _schema, description: _description, ...rest } = model;
    const { $schema: _s, description: _d, ...expected } = twoLever;
    expect(rest).toEqual(expected);
  });

  it('still refuses channels on one side of a two-lever file as a mixed file', () => {
    const twoLever = JSON.parse(readFileSync(new URL('./fixtures/spec-example.json', import.meta.url), 'utf8'));
    delete twoLever.uncertainty;
    twoLever.downstream = { channels: { Search: downstreamChannel(1) } };
    const issues = issuesOf(twoLever);
    expect(issues.map((issue) => issue.path)).toEqual(['history', 'upstream']);
    expect(issues[1].message).toBe('upstream must be in the channel form too (a "channels" object, as downstream has): a file is either all two-lever or all channel form');
  });
});
