import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChannelModel, DownstreamChannel, UpstreamChannel } from '../../src/engine/model/model.ts';
import { PERIOD_FIELDS, SUMMARY_FIELDS, type SimulationResult } from '../../src/engine/sim/results.ts';
import { simulate } from '../../src/engine/sim/simulate.ts';
import { anyChannelModel } from './channel-arbitraries.ts';
import { channelExampleModel } from './channel-example-model.ts';
import { expectClose } from './expect-close.ts';
import { referenceCarryoverScale } from './reference/reference-channels.ts';

// Properties of the channel form (spec §9) that follow from its equations, each derived in the
// comment above its test. They need no reference: they compare simulate with itself on models
// that must give the same (or ordered) results.

const RUNS = 40;

/** The channels' names, upstream first, each side in file order. */
function namesOf(model: ChannelModel): string[] {
  return [...Object.keys(model.upstream.channels), ...Object.keys(model.downstream.channels)];
}

function isUpstreamChannel(model: ChannelModel, name: string): boolean {
  return Object.hasOwn(model.upstream.channels, name);
}

/** The model with its spend given as a plan by channel (the spend simulate reads from its budget, or its plan). */
function asPlan(model: ChannelModel): ChannelModel {
  const periods = simulate(model).periods;
  const planned = structuredClone(model);
  delete planned.budget;
  planned.plan = Object.fromEntries(namesOf(model).map((name) => [name, periods.map((period) => period.spend[name])]));
  return planned;
}

/** A name that no channel of the model has, ignoring case. */
function freshName(model: ChannelModel, stem: string): string {
  const taken = new Set(namesOf(model).map((name) => name.toLowerCase()));
  let index = 0;
  while (taken.has(`${stem}${index}`.toLowerCase())) index += 1;
  return `${stem}${index}`;
}

/**
 * Results agree to 1e-9 relative, with differences of runs judged against the numbers they are
 * differences of (as in the spec's tolerance rule): revenue per period; contribution and spend
 * over the horizon; each year's for its ROI; after the horizon, the contributions there
 * (`referenceCarryoverScale`, of the model `scaleOf`).
 */
function expectSameFigures(actual: SimulationResult, expected: SimulationResult, label: string, scaleOf: ChannelModel): void {
  actual.periods.forEach((period, index) => {
    const want = expected.periods[index];
    for (const field of PERIOD_FIELDS) {
      const scale = field === 'profit' ? period.contribution + period.upstream + period.downstream : field.startsWith('revenue') ? period.revenue : 0;
      expectClose(period[field] as number, want[field] as number, `${label}: period ${index + 1} ${field}`, scale);
    }
  });
  const profitScale = scaleOfPeriods(actual.periods);
  const carryoverScale = profitScale + referenceCarryoverScale(scaleOf);
  for (const field of SUMMARY_FIELDS) {
    // irr and paybackPeriod: a root and a threshold crossing, not continuous in rounding; roiByYear below.
    if (field === 'irr' || field === 'paybackPeriod' || field === 'roiByYear') continue;
    const value = actual.summary[field] as number | null;
    const want = expected.summary[field] as number | null;
    const scale = field === 'finalEquity' || field === 'totalSpend' ? 0
      : field === 'roi' ? (actual.summary.totalSpend === 0 ? 0 : profitScale / actual.summary.totalSpend)
      : field.includes('arryover') ? carryoverScale : profitScale;
    expectClose(value, want, `${label}: ${field}`, scale);
  }
  const periodsPerYear = actual.periods.length / actual.summary.roiByYear.length;
  actual.summary.roiByYear.forEach((roi, year) => {
    const periods = actual.periods.slice(year * periodsPerYear, (year + 1) * periodsPerYear);
    const spend = periods.reduce((sum, period) => sum + period.upstream + period.downstream, 0);
    expectClose(roi, expected.summary.roiByYear[year], `${label}: roiByYear[${year}]`, spend === 0 ? 0 : scaleOfPeriods(periods) / spend);
  });
}

/** Σ (|contribution| + spend): the scale of the differences of runs over these periods. */
function scaleOfPeriods(periods: SimulationResult['periods']): number {
  return periods.reduce((sum, period) => sum + Math.abs(period.contribution) + period.upstream + period.downstream, 0);
}

/** Channel results by name. */
function channelResult(result: SimulationResult, name: string) {
  const found = result.summary.channels.find((channel) => channel.name === name);
  if (found === undefined) throw new Error(`no channel ${name}`);
  return found;
}

/**
 * The model with each channel in `names` split into two copies (`name` keeps its place, the copy
 * follows it), each with half the channel's spend (share or plan row) and history, half its
 * halfSaturation, half its maxConversionLift (downstream) or β (upstream), and an upstream
 * channel's shortTerm with half its halfSaturation and maxConversionLift.
 */
function splitChannels(model: ChannelModel, names: readonly string[]): { split: ChannelModel; copies: Map<string, string> } {
  const copies = new Map<string, string>();
  const taken = new Set(namesOf(model).map((name) => name.toLowerCase()));
  for (const name of names) {
    let index = 0;
    while (taken.has(`copy${index}`)) index += 1;
    taken.add(`copy${index}`);
    copies.set(name, `Copy${index}`);
  }
  let draft = structuredClone(model);
  const half = (share: number | number[] | undefined) => (share === undefined ? undefined : Array.isArray(share) ? share.map((value) => value / 2) : share / 2);
  const splitSide = <T extends UpstreamChannel | DownstreamChannel>(channels: Record<string, T>, halve: (channel: T) => T): Record<string, T> => {
    const out: Record<string, T> = {};
    for (const [name, channel] of Object.entries(channels)) {
      if (!copies.has(name)) {
        out[name] = channel;
        continue;
      }
      const halved = halve(structuredClone(channel));
      if (halved.share !== undefined) halved.share = half(halved.share);
      halved.historyPerMonth = channel.historyPerMonth / 2;
      halved.halfSaturation = channel.halfSaturation / 2;
      out[name] = halved;
      out[copies.get(name)!] = structuredClone(halved);
    }
    return out;
  };
  draft = {
    ...draft,
    upstream: {
      insightFeedback: draft.upstream.insightFeedback,
      channels: splitSide(draft.upstream.channels, (channel) => {
        channel.maxEquityShare = channel.maxEquityShare / 2;
        if (channel.shortTerm !== undefined) {
          channel.shortTerm.halfSaturation /= 2;
          channel.shortTerm.maxConversionLift /= 2;
        }
        return channel;
      }),
    },
    downstream: {
      channels: splitSide(draft.downstream.channels, (channel) => {
        channel.maxConversionLift = channel.maxConversionLift / 2;
        return channel;
      }),
    },
  };
  if (draft.plan !== undefined) {
    const plan: Record<string, number[]> = {};
    for (const name of namesOf(draft)) {
      const original = copies.has(name) ? name : [...copies.entries()].find(([, copy]) => copy === name)?.[0];
      plan[name] = original === undefined ? draft.plan[name] : model.plan![original].map((spend) => spend / 2);
    }
    draft.plan = plan;
  }
  return { split: draft, copies };
}

/** A model, a channel of it (by index into its channel list) and whether it is upstream. */
const modelAndChannel = anyChannelModel.chain((model) => fc.record({
  model: fc.constant(model),
  channel: fc.constantFrom(...namesOf(model)),
}));

describe('splitting a channel into two half-size copies changes nothing else (spec §9.3)', () => {
  // Split channel i into copies i₁, i₂ that each have half its spend and history, half its
  // halfSaturation, and half its weight in the sums it enters (β for upstream, c_lift for
  // downstream; c_liftˢ and the short-term halfSaturation for a shortTerm). Then, period by period:
  // - the lag sum and the adstocks are linear in spend with the history as the starting point,
  //   so b_{i₁,t} = b_{i,t}/2, d_{j₁,t} = d_{j,t}/2, a_{i₁,t} = a_{i,t}/2 (exactly, even in
  //   floating point: halving is exact);
  // - Hill(x/2; K/2, S) = (x/2)^S / ((x/2)^S + (K/2)^S) = x^S / (x^S + K^S) = Hill(x; K, S)
  //   (multiply through by 2^S);
  // - so for an upstream channel, x_{i₁,t} = b_{i,t}/2 · (1 + κA_t) and the equity inflow
  //   β/2·Hill(x/2; K/2) + β/2·Hill(x/2; K/2) = β·Hill(x; K): equity is unchanged; the
  //   short-term terms add to c_liftˢ/2·Hill + c_liftˢ/2·Hill = c_liftˢ·Hill: conversion too;
  // - for a downstream channel the conversion term c_lift/2·h + c_lift/2·h = c_lift·h is
  //   unchanged, but A_t is a MEAN over the n_D downstream channels: it becomes
  //   (n_D·A_t + h_j,t) / (n_D + 1), which is A_t only if h_j,t = A_t. So a downstream split
  //   changes nothing when κ = 0, or when it is the side's only channel (A = (h + h)/2 = h), or
  //   when every downstream channel is split (A = Σ 2h / 2n_D); and "history" starting equity's
  //   A* likewise.
  // Side spends are unchanged (U/2 + U/2 = U exactly), so every result of §5–§7 is, to rounding
  // in the Hill curve; and every other channel's §9.4 results too, since its run keeps both copies.
  function expectSplitChangesNothing(model: ChannelModel, names: readonly string[]): void {
    const { split, copies } = splitChannels(model, names);
    const before = simulate(model);
    const after = simulate(split);
    expectSameFigures(after, before, `split ${names.join(', ')}`, model);
    for (const name of namesOf(model)) {
      const want = channelResult(before, name);
      if (copies.has(name)) {
        const first = channelResult(after, name);
        const second = channelResult(after, copies.get(name)!);
        expect(first.spend).toBe(second.spend);
        expectClose(first.spend + second.spend, want.spend, `${name} spend`);
        continue;
      }
      const got = channelResult(after, name);
      const scale = Math.max(before.summary.totalRevenue, scaleOfPeriods(before.periods) + referenceCarryoverScale(model));
      expectClose(got.spend, want.spend, `${name} spend`);
      expectClose(got.incrementalRevenue, want.incrementalRevenue, `${name} incrementalRevenue`, scale);
      expectClose(got.valueAdded, want.valueAdded, `${name} valueAdded`, scale);
      expectClose(got.roi, want.roi, `${name} roi`, want.spend === 0 ? 0 : scale / want.spend);
    }
  }

  it('an upstream channel, whatever the model (fast-check)', () => {
    fc.assert(fc.property(modelAndChannel.filter(({ model, channel }) => isUpstreamChannel(model, channel)), ({ model, channel }) => {
      expectSplitChangesNothing(model, [channel]);
    }), { numRuns: RUNS });
  });

  it('a downstream channel, with no insight feedback or as its side\'s only channel (fast-check)', () => {
    fc.assert(fc.property(modelAndChannel.filter(({ model, channel }) => !isUpstreamChannel(model, channel)), fc.boolean(), ({ model, channel }, noFeedback) => {
      const alone = Object.keys(model.downstream.channels).length === 1;
      const changed = noFeedback || !alone ? { ...model, upstream: { ...model.upstream, insightFeedback: 0 } } : model;
      expectSplitChangesNothing(changed, [channel]);
    }), { numRuns: RUNS });
  });

  it('every channel at once, whatever the model (fast-check)', () => {
    fc.assert(fc.property(anyChannelModel, (model) => {
      expectSplitChangesNothing(model, namesOf(model));
    }), { numRuns: RUNS / 2 });
  });

  it('but one of two downstream channels split with insight feedback moves equity: A is the mean over channels', () => {
    const model = channelExampleModel();
    model.upstream.insightFeedback = 1;
    // Search's activity is above Social's (9000 vs 7000 half-saturation on more spend), so adding
    // a second copy of Search raises the mean A, hence x and equity.
    const before = simulate(model);
    const after = simulate(splitChannels(model, ['Search']).split);
    expect(after.summary.finalEquity).toBeGreaterThan(before.summary.finalEquity * (1 + 1e-6));
  });
});

describe('more spend on one channel (spec §8 for channels)', () => {
  // Every term of §9.3 is non-decreasing in each channel's spend: the lag sum and the adstocks
  // have non-negative weights, Hill is increasing, A_t and x_i,t have non-negative coefficients
  // (κ, β ≥ 0), equity's inflow has (1 − ρ_E)·maxEquity ≥ 0 and E_t is non-decreasing in E_t−1,
  // demand has λ ≥ 0, conversion μ, c_lift, c_liftˢ ≥ 0 and min(1, ·) is non-decreasing. So more
  // spend on any channel in any period never lowers equity, demand or conversion in any period.
  it('never lowers any period\'s equity, demand or conversion (fast-check)', () => {
    const input = modelAndChannel.chain(({ model, channel }) => fc.record({
      model: fc.constant(asPlan(model)),
      channel: fc.constant(channel),
      period: fc.integer({ min: 0, max: model.periodsPerYear * model.horizonYears - 1 }),
      extra: fc.double({ min: 1, max: 2e5, noNaN: true }),
    }));
    fc.assert(fc.property(input, ({ model, channel, period, extra }) => {
      const before = simulate(model).periods;
      const more = structuredClone(model);
      more.plan![channel][period] += extra;
      simulate(more).periods.forEach((result, index) => {
        // Rounding inside Hill may move a value by an ulp either way.
        expect(result.equity, `equity t=${index + 1}`).toBeGreaterThanOrEqual(before[index].equity * (1 - 1e-12));
        expect(result.demand, `demand t=${index + 1}`).toBeGreaterThanOrEqual(before[index].demand * (1 - 1e-12));
        expect(result.conversion, `conversion t=${index + 1}`).toBeGreaterThanOrEqual(before[index].conversion * (1 - 1e-12));
      });
    }), { numRuns: RUNS });
  });
});

describe('a channel\'s results are those of the runs without it (spec §9.4)', () => {
  // valueAdded is "how much npvWithCarryover would fall without the channel's spend": simulate
  // the model with the channel's plan row set to 0 (history unchanged) and the fall is exactly
  // what §9.4 sums (π − π⁻ⁱ over the horizon and C − C⁻ⁱ after it, both discounted); likewise
  // incrementalRevenue is the fall in totalRevenue and roi the fall in contribution less the
  // spend, per unit spent.
  it('valueAdded, incrementalRevenue and roi are the falls when the channel spends nothing (fast-check)', () => {
    fc.assert(fc.property(modelAndChannel, ({ model, channel }) => {
      const planned = asPlan(model);
      const withChannel = simulate(planned);
      const without = structuredClone(planned);
      without.plan![channel] = without.plan![channel].map(() => 0);
      const withoutChannel = simulate(without);
      const result = channelResult(withChannel, channel);
      const scale = Math.max(withChannel.summary.totalRevenue, scaleOfPeriods(withChannel.periods) + referenceCarryoverScale(planned));
      expectClose(result.valueAdded, withChannel.summary.npvWithCarryover - withoutChannel.summary.npvWithCarryover, 'valueAdded', scale);
      expectClose(result.incrementalRevenue, withChannel.summary.totalRevenue - withoutChannel.summary.totalRevenue, 'incrementalRevenue', scale);
      const contribution = (result: SimulationResult) => result.periods.reduce((sum, period) => sum + period.contribution, 0);
      const expectedRoi = result.spend === 0 ? null : (contribution(withChannel) - contribution(withoutChannel) - result.spend) / result.spend;
      expectClose(result.roi, expectedRoi, 'roi', result.spend === 0 ? 0 : scale / result.spend);
      // And the channel that spends nothing adds nothing, whatever its history (next test).
      const idle = channelResult(withoutChannel, channel);
      expect(idle.spend).toBe(0);
      expect(idle.incrementalRevenue).toBe(0);
      expect(idle.valueAdded).toBe(0);
      expect(idle.roi).toBeNull();
    }), { numRuns: RUNS });
  });

  // A channel that spends nothing over the horizon: the run without its spend IS the planned run
  // (the same spend for every channel in every period, the history included, and after the
  // horizon both runs spend the same under either carryover baseline), so R⁻ⁱ = R and C⁻ⁱ = C in
  // every period: incrementalRevenue and valueAdded are exactly 0 and roi is null, however much
  // the channel spent before the horizon (its history still works in both runs alike).
  it('a channel with no spend over the horizon has incrementalRevenue 0, valueAdded 0 and roi null, whatever its history', () => {
    const model = channelExampleModel();
    model.upstream.channels.Sponsorship.share = 0;
    model.upstream.channels.TV.share = 1;
    model.upstream.channels.Sponsorship.historyPerMonth = 80000; // a big past, still working
    model.economics.carryoverBaseline = 'history';
    const result = simulate(model);
    expect(channelResult(result, 'Sponsorship')).toEqual({
      name: 'Sponsorship', side: 'upstream', spend: 0, incrementalRevenue: 0, roi: null, valueAdded: 0,
    });
  });
});

describe('a channel that never spends and has no history', () => {
  // Idle channel: zero spend for every t ≤ T and zero history. Upstream with β = 0: b = 0, its
  // Hill term is 0 and weighs 0, its short-term adstock stays 0: nothing changes. Downstream: its
  // h is 0, so it adds nothing to conversion, but it counts in n_D, so A_t = Σh / (n_D + 1) falls
  // (weakly): with κ = 0 nothing changes; with κ > 0 equity can only fall (x is non-decreasing in A).
  function withIdleChannel(model: ChannelModel, side: 'upstream' | 'downstream'): { idle: ChannelModel; name: string } {
    const idle = structuredClone(model);
    const name = freshName(model, 'Idle');
    const sideIsEmpty = Object.keys(model[side].channels).length === 0;
    // An idle channel on an empty side takes its side's whole share (the side gets no budget) and β.
    const share = idle.plan === undefined ? (sideIsEmpty ? 1 : 0) : undefined;
    const common = { ...(share === undefined ? {} : { share }), historyPerMonth: 0 };
    if (side === 'upstream') {
      idle.upstream.channels[name] = {
        ...common, lagMonths: 2, lagConcentration: 0.5, lagWindowMonths: 6, halfSaturation: 20000, shape: 1.2,
        maxEquityShare: sideIsEmpty ? 1 : 0, shortTerm: { halfLifeMonths: 1, halfSaturation: 10000, shape: 1, maxConversionLift: 0.01 },
      };
    } else {
      idle.downstream.channels[name] = { ...common, halfLifeMonths: 0.5, halfSaturation: 10000, shape: 1.3, maxConversionLift: 0.01 };
    }
    if (idle.plan !== undefined) idle.plan[name] = new Array(model.periodsPerYear * model.horizonYears).fill(0);
    return { idle, name };
  }

  it('upstream: changes nothing (fast-check)', () => {
    fc.assert(fc.property(anyChannelModel, (model) => {
      const { idle, name } = withIdleChannel(model, 'upstream');
      const result = simulate(idle);
      expectSameFigures(result, simulate(model), 'idle upstream channel', model);
      expect(channelResult(result, name)).toMatchObject({ spend: 0, incrementalRevenue: 0, valueAdded: 0, roi: null });
    }), { numRuns: RUNS });
  });

  it('downstream: changes nothing without insight feedback, and with it never raises equity (fast-check)', () => {
    fc.assert(fc.property(anyChannelModel, (model) => {
      const { idle } = withIdleChannel(model, 'downstream');
      const withFeedback = simulate(idle).periods;
      const before = simulate(model).periods;
      withFeedback.forEach((period, index) => expect(period.equity).toBeLessThanOrEqual(before[index].equity * (1 + 1e-12)));
      const noFeedback = (draft: ChannelModel) => ({ ...draft, upstream: { ...draft.upstream, insightFeedback: 0 } });
      expectSameFigures(simulate(noFeedback(idle)), simulate(noFeedback(model)), 'idle downstream channel, κ = 0', model);
    }), { numRuns: RUNS });
  });
});

describe('channel order within a side', () => {
  // §9.3 sums over channels and takes a mean; neither depends on the order, so reversing each
  // side's channels (and the plan's keys) only reorders the per-channel results.
  it('changes only the order of the results (fast-check)', () => {
    fc.assert(fc.property(anyChannelModel, (model) => {
      const reversed = structuredClone(model);
      reversed.upstream.channels = Object.fromEntries(Object.entries(model.upstream.channels).reverse());
      reversed.downstream.channels = Object.fromEntries(Object.entries(model.downstream.channels).reverse());
      const before = simulate(model);
      const after = simulate(reversed);
      expectSameFigures(after, before, 'reversed', model);
      expect(after.summary.channels.map((channel) => channel.name)).toEqual([
        ...Object.keys(model.upstream.channels).reverse(), ...Object.keys(model.downstream.channels).reverse(),
      ]);
      const scale = Math.max(before.summary.totalRevenue, scaleOfPeriods(before.periods) + referenceCarryoverScale(model));
      for (const want of before.summary.channels) {
        const got = channelResult(after, want.name);
        expectClose(got.spend, want.spend, `${want.name} spend`);
        expectClose(got.incrementalRevenue, want.incrementalRevenue, `${want.name} incrementalRevenue`, scale);
        expectClose(got.valueAdded, want.valueAdded, `${want.name} valueAdded`, scale);
      }
    }), { numRuns: RUNS });
  });
});

describe('spend by channel', () => {
  it('adds up to each period\'s side totals and to totalSpend (fast-check)', () => {
    fc.assert(fc.property(anyChannelModel, (model) => {
      const result = simulate(model);
      let total = 0;
      for (const period of result.periods) {
        let upstream = 0;
        let downstream = 0;
        for (const name of namesOf(model)) {
          if (isUpstreamChannel(model, name)) upstream += period.spend[name];
          else downstream += period.spend[name];
        }
        expectClose(upstream, period.upstream, `upstream t=${period.t}`);
        expectClose(downstream, period.downstream, `downstream t=${period.t}`);
        total += upstream + downstream;
      }
      expectClose(total, result.summary.totalSpend, 'totalSpend');
      result.summary.channels.forEach((channel) => expectClose(channel.spend, result.periods.reduce((sum, period) => sum + period.spend[channel.name], 0), `${channel.name} spend`));
    }), { numRuns: RUNS });
  });
});
