import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  channelsOf, isChannelDraft, splitIntoChannels, withChannelAmount, withChannelPart, withMovedChannel, withNewChannel, withRenamedChannel, withoutChannel,
} from '../../src/app/channel-draft.ts';
import { type Draft, draftFromModel, readField } from '../../src/app/model-draft.ts';
import type { Model } from '../../src/engine/model/model.ts';
import { parseModel } from '../../src/engine/model/parse-model.ts';
import { simulate } from '../../src/engine/sim/simulate.ts';
import { channelExampleModel } from '../engine/channel-example-model.ts';

const example = (): Draft => draftFromModel(channelExampleModel());
const shares = (draft: Draft, side: 'upstream' | 'downstream', key = 'share') => Object.fromEntries(Object.entries(channelsOf(draft, side)).map(([name, channel]) => [name, channel[key]]));

/** Three downstream channels at 50 %, 30 % and 20 %. */
function threeDownstream(): Draft {
  const base = channelExampleModel();
  const search = base.downstream.channels.Search;
  return draftFromModel({
    ...base,
    downstream: { channels: { Search: { ...search, share: 0.5 }, Social: { ...search, share: 0.3 }, Retail: { ...search, share: 0.2 } } },
  });
}

describe('channel shares that always sum to 100 %', () => {
  it('rescales the other channels of the side in proportion when one share is set', () => {
    expect(shares(withChannelPart(example(), 'upstream', 'TV', 'share', 0.8), 'upstream')).toEqual({ TV: 0.8, Sponsorship: expect.closeTo(0.2, 12) });
    const three = withChannelPart(threeDownstream(), 'downstream', 'Search', 'share', 0.6);
    // The other two keep their 3 : 2 ratio in the remaining 40 %.
    expect(shares(three, 'downstream')).toEqual({ Search: 0.6, Social: expect.closeTo(0.24, 12), Retail: expect.closeTo(0.16, 12) });
  });

  it('keeps every side summing to 1 whatever share is set', () => {
    fc.assert(fc.property(fc.constantFrom('Search', 'Social', 'Retail'), fc.double({ min: 0, max: 1, noNaN: true }), (name, share) => {
      const next = shares(withChannelPart(threeDownstream(), 'downstream', name, 'share', share), 'downstream') as Record<string, number>;
      expect(next[name]).toBe(share);
      expect(Math.abs(Object.values(next).reduce((sum, value) => sum + value, 0) - 1)).toBeLessThan(1e-12);
    }));
  });

  it('spreads the rest evenly when the other channels had nothing', () => {
    const allInSearch = withChannelPart(threeDownstream(), 'downstream', 'Search', 'share', 1);
    expect(shares(withChannelPart(allInSearch, 'downstream', 'Search', 'share', 0.4), 'downstream'))
      .toEqual({ Search: 0.4, Social: expect.closeTo(0.3, 12), Retail: expect.closeTo(0.3, 12) });
  });

  it('writes a share that is not one (120 %, text) as typed and leaves the others alone, for the message to name it', () => {
    for (const typed of [1.2, -0.1, 'abc']) {
      const next = withChannelPart(example(), 'upstream', 'TV', 'share', typed);
      expect(shares(next, 'upstream')).toEqual({ TV: typed, Sponsorship: 0.3 });
    }
  });

  it('rescales the others again once a share typed out of range is brought back', () => {
    const typedTooHigh = withChannelPart(withChannelPart(example(), 'upstream', 'TV', 'share', 0.8), 'upstream', 'TV', 'share', 1.2);
    expect(shares(typedTooHigh, 'upstream')).toEqual({ TV: 1.2, Sponsorship: expect.closeTo(0.2, 12) });
    expect(shares(withChannelPart(typedTooHigh, 'upstream', 'TV', 'share', 0.7), 'upstream')).toEqual({ TV: 0.7, Sponsorship: expect.closeTo(0.3, 12) });
  });

  it('rescales yearly shares year by year', () => {
    const base = channelExampleModel();
    const draft = draftFromModel({
      ...base,
      upstream: { ...base.upstream, channels: { TV: { ...base.upstream.channels.TV, share: [0.7, 0.5, 0.6] }, Sponsorship: { ...base.upstream.channels.Sponsorship, share: [0.3, 0.5, 0.4] } } },
    });
    const next = shares(withChannelPart(draft, 'upstream', 'TV', 'share', 0.9), 'upstream');
    expect(next.TV).toBe(0.9);
    expect((next.Sponsorship as number[]).map((value) => Number(value.toFixed(12)))).toEqual([0.1, 0.1, 0.1]);
  });

  it('rescales upstream shares of maximum equity the same way', () => {
    expect(shares(withChannelPart(example(), 'upstream', 'Sponsorship', 'maxEquityShare', 0.5), 'upstream', 'maxEquityShare'))
      .toEqual({ TV: expect.closeTo(0.5, 12), Sponsorship: 0.5 });
  });

  it('takes money per year within the side’s budget (the side split stays)', () => {
    // 1,200,000 a year, half upstream: TV at 480,000 is 80 % of the upstream 600,000.
    const next = withChannelAmount(example(), 'upstream', 'TV', 480000)!;
    expect(shares(next, 'upstream')).toEqual({ TV: expect.closeTo(0.8, 12), Sponsorship: expect.closeTo(0.2, 12) });
    expect(readField(next, 'budget')).toEqual(readField(example(), 'budget'));
    const byYear = draftFromModel({ ...channelExampleModel(), budget: { perYear: [1, 2, 3], upstreamShare: 0.5 } });
    expect(withChannelAmount(byYear, 'upstream', 'TV', 1)).toBeUndefined();
  });
});

describe('adding, renaming, removing and moving channels', () => {
  it('adds a channel with no budget and no share of maximum equity, copying the side’s last curve, so the figures stay', () => {
    const { draft, name } = withNewChannel(example(), 'upstream');
    expect(name).toBe('Channel 5');
    expect(Object.keys(channelsOf(draft, 'upstream'))).toEqual(['TV', 'Sponsorship', 'Channel 5']);
    expect(channelsOf(draft, 'upstream')[name]).toMatchObject({ share: 0, maxEquityShare: 0, lagMonths: 6, halfSaturation: 25000 });
    const before = simulate(channelExampleModel()).summary;
    const after = simulate(draft as unknown as Model).summary;
    expect(after.npvWithCarryover).toBeCloseTo(before.npvWithCarryover, 6);
  });

  it('renames in place, with the channel’s plan row and uncertainty ranges', () => {
    const model = channelExampleModel();
    const draft = draftFromModel({
      ...model,
      plan: { TV: new Array(36).fill(1), Sponsorship: new Array(36).fill(2), Search: new Array(36).fill(3), Social: new Array(36).fill(4) },
      uncertainty: { 'upstream.channels.TV.halfSaturation': { dist: 'lognormal', median: 45000, sigma: 0.3 } },
    });
    const next = withRenamedChannel(draft, 'upstream', 'TV', 'Television');
    expect(Object.keys(channelsOf(next, 'upstream'))).toEqual(['Television', 'Sponsorship']);
    expect(Object.keys(readField(next, 'plan') as object)).toEqual(['Television', 'Sponsorship', 'Search', 'Social']);
    expect(readField(next, 'plan.Television')).toEqual(new Array(36).fill(1));
    expect(Object.keys(readField(next, 'uncertainty') as object)).toEqual(['upstream.channels.Television.halfSaturation']);
    // As typed, even when it breaks the name rule: the engine names the problem.
    expect(Object.keys(channelsOf(withRenamedChannel(draft, 'upstream', 'TV', 'T.V'), 'upstream'))).toEqual(['T.V', 'Sponsorship']);
  });

  it('removes a channel, giving its share to the others in proportion; the last one of a side takes the side’s budget with it', () => {
    const three = withoutChannel(threeDownstream(), 'downstream', 'Search');
    expect(shares(three, 'downstream')).toEqual({ Social: expect.closeTo(0.6, 12), Retail: expect.closeTo(0.4, 12) });
    let draft = withoutChannel(example(), 'upstream', 'TV');
    expect(shares(draft, 'upstream')).toEqual({ Sponsorship: expect.closeTo(1, 12) });
    expect(shares(draft, 'upstream', 'maxEquityShare')).toEqual({ Sponsorship: expect.closeTo(1, 12) });
    draft = withoutChannel(draft, 'upstream', 'Sponsorship');
    expect(channelsOf(draft, 'upstream')).toEqual({});
    expect(readField(draft, 'budget.upstreamShare')).toBe(0);
  });

  it('moves a downstream channel upstream, keeping its conversion effect as its own short-term effect', () => {
    const draft = withMovedChannel(example(), 'downstream', 'Search');
    expect(Object.keys(channelsOf(draft, 'upstream'))).toEqual(['TV', 'Sponsorship', 'Search']);
    expect(channelsOf(draft, 'upstream').Search).toMatchObject({
      share: 0, maxEquityShare: 0, historyPerMonth: 30000, lagMonths: 4, halfSaturation: 9000, shape: 1.5,
      shortTerm: { halfLifeMonths: 0.3, halfSaturation: 9000, shape: 1.5, maxConversionLift: 0.009 },
    });
    expect(shares(draft, 'downstream')).toEqual({ Social: expect.closeTo(1, 12) });
    const back = withMovedChannel(draft, 'upstream', 'Search');
    expect(channelsOf(back, 'downstream').Search).toMatchObject({ halfLifeMonths: 0.3, halfSaturation: 9000, shape: 1.5, maxConversionLift: 0.009 });
  });
});

describe('splitIntoChannels', () => {
  const twoLeverFiles = readdirSync('models').filter((file) => file.endsWith('.json') && file !== 'model.schema.json')
    .map((file) => ({ file, json: JSON.parse(readFileSync(`models/${file}`, 'utf8')) as Record<string, unknown> }))
    .filter(({ json }) => !('channels' in (json.upstream as object)));

  it.each(twoLeverFiles.map(({ file }) => file))('gives %s the same results in the channel form, one channel a side', (file) => {
    const model = parseModel(twoLeverFiles.find((entry) => entry.file === file)!.json);
    const split = splitIntoChannels(draftFromModel(model));
    expect(isChannelDraft(split)).toBe(true);
    expect(readField(split, 'history')).toBeUndefined();
    expect(Object.keys(channelsOf(split, 'upstream'))).toEqual(['upstream']);
    const before = simulate(model);
    const after = simulate(parseModel(split));
    expect(after.summary).toEqual(before.summary);
    expect(after.periods).toEqual(before.periods);
  });

  it('carries the short-term effect, the plan and the uncertainty ranges to the channels', () => {
    const model = parseModel(JSON.parse(readFileSync('models/default.json', 'utf8')));
    const split = splitIntoChannels(draftFromModel({ ...model, plan: { upstream: new Array(36).fill(40000), downstream: new Array(36).fill(60000) } }));
    expect(channelsOf(split, 'upstream').upstream.shortTerm).toEqual((model as { upstream: { shortTerm: unknown } }).upstream.shortTerm);
    expect(Object.keys(readField(split, 'plan') as object)).toEqual(['upstream', 'downstream']);
    expect(Object.keys(readField(split, 'uncertainty') as object)).toContain('upstream.channels.upstream.halfSaturation');
    expect(Object.keys(readField(split, 'uncertainty') as object)).toContain('downstream.channels.downstream.maxConversionLift');
    expect(splitIntoChannels(split)).toBe(split);
  });
});
