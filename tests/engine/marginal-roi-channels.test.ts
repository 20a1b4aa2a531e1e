import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Model } from '../../src/engine/model/model.ts';
import { parseModel } from '../../src/engine/model/parse-model.ts';
import { compileModel } from '../../src/engine/sim/compile-model.ts';
import { marginalRoi } from '../../src/engine/sim/marginal-roi.ts';
import { createPlanEvaluator } from '../../src/engine/sim/plan-evaluator.ts';
import { channelSpend } from '../../src/engine/sim/plan-spend.ts';
import { channelForm, channelModel } from './objective-gradient-models.ts';

/**
 * Marginal ROI in the channel form, checked against its definition (src/engine/sim/marginal-roi.ts)
 * re-derived here: extra money spread over periods and channels, valued by central differences
 * of NPV with carryover through the plan evaluator, per discounted unit, (return − cost) / cost.
 */

/** Weights over periods in proportion to `amounts`, or `fallback` when they sum to 0. */
function spread(amounts: number[], fallback: () => number[]): number[] {
  const total = amounts.reduce((sum, amount) => sum + amount, 0);
  return total > 0 ? amounts.map((amount) => amount / total) : fallback();
}

/** The extra money's spread for a channel, or for a side, per channel and period (summing to 1). */
function extraMoney(model: Model, target: { channel: number } | { side: 'upstream' | 'downstream' }): number[][] {
  const compiled = compileModel(model);
  const rows = channelSpend(model).map((row) => Array.from(row));
  const periods = compiled.periods;
  const upstreamCount = compiled.upstreamChannels.length;
  const sideOf = (channel: number) => (channel < upstreamCount ? 'upstream' : 'downstream');
  const members = (side: string) => rows.map((_, channel) => channel).filter((channel) => sideOf(channel) === side);
  const perPeriod = (channels: number[]) => Array.from({ length: periods }, (_, index) => channels.reduce((sum, channel) => sum + rows[channel][index], 0));
  const even = () => new Array(periods).fill(1 / periods);
  const planSpread = () => spread(perPeriod(rows.map((_, channel) => channel)), even);
  const extra = rows.map(() => new Array(periods).fill(0));
  if ('channel' in target) {
    const own = spread(rows[target.channel], () => spread(perPeriod(members(sideOf(target.channel))), planSpread));
    extra[target.channel] = own;
    return extra;
  }
  const channels = members(target.side);
  const sidePerPeriod = perPeriod(channels);
  const sideTotal = sidePerPeriod.reduce((sum, amount) => sum + amount, 0);
  const overTime = planSpread();
  for (let index = 0; index < periods; index += 1) {
    for (const channel of channels) {
      const total = rows[channel].reduce((sum, amount) => sum + amount, 0);
      const proportion = sidePerPeriod[index] > 0 ? rows[channel][index] / sidePerPeriod[index]
        : sideTotal > 0 ? total / sideTotal : 1 / channels.length;
      extra[channel][index] = overTime[index] * proportion;
    }
  }
  return extra;
}

/**
 * (d NPVwc / d extra) / (discounted extra per unit), by central differences of the evaluator;
 * with `oneSided`, by the second-order forward difference (−3f(0) + 4f(h) − f(2h)) / 2h, for a
 * plan where some spend is 0 (no spend below 0 to difference with).
 */
function finiteDifference(model: Model, extra: number[][], oneSided = false, relativeStep = 1e-5): number {
  const compiled = compileModel(model);
  const evaluator = createPlanEvaluator(model);
  const rows = channelSpend(model);
  const total = rows.reduce((sum, row) => sum + row.reduce((rowSum, amount) => rowSum + amount, 0), 0);
  const step = Math.max(1, total * relativeStep);
  const shifted = (sign: number) => evaluator.evaluate(rows.map((row, channel) => row.map((amount, index) => amount + sign * step * extra[channel][index]))).npvWithCarryover;
  let discounted = 0;
  extra.forEach((row) => row.forEach((amount, index) => { discounted += amount * compiled.discountFactor[index]; }));
  const derivative = oneSided ? (-3 * shifted(0) + 4 * shifted(1) - shifted(2)) / (2 * step) : (shifted(1) - shifted(-1)) / (2 * step);
  return derivative / discounted;
}

/** A channel model with a plan: each channel's row its budget spend times a factor per period, some channels idle. */
function withPlan(model: Model, factor: (channel: number, index: number) => number): Model {
  const rows = channelSpend(model);
  const compiled = compileModel(model);
  const names = [...compiled.upstreamChannels, ...compiled.downstreamChannels].map((channel) => channel.name);
  const { budget: _budget, ...rest } = model as Model & { budget?: unknown };
  return parseModel({
    ...rest,
    upstream: { ...rest.upstream, channels: Object.fromEntries(Object.entries((rest.upstream as { channels: Record<string, object> }).channels).map(([name, channel]) => [name, { ...channel, share: undefined }])) },
    downstream: { ...rest.downstream, channels: Object.fromEntries(Object.entries((rest.downstream as { channels: Record<string, object> }).channels).map(([name, channel]) => [name, { ...channel, share: undefined }])) },
    plan: Object.fromEntries(names.map((name, channel) => [name, Array.from(rows[channel], (amount, index) => amount * factor(channel, index))])),
  });
}

describe('marginalRoi with channels', () => {
  it('is each channel\'s and each side\'s derivative per discounted unit of extra spend on random channel models (central differences, fast-check)', () => {
    let worst = 0;
    fc.assert(fc.property(channelModel(), (model) => {
      const result = marginalRoi(model);
      const compiled = compileModel(model);
      expect(result.channels.map((channel) => channel.name)).toEqual([...compiled.upstreamChannels, ...compiled.downstreamChannels].map((channel) => channel.name));
      result.channels.forEach((channel, index) => {
        const numeric = finiteDifference(model, extraMoney(model, { channel: index }));
        worst = Math.max(worst, Math.abs(channel.marginalRoi - numeric) / Math.max(1, Math.abs(numeric)));
        expect(Math.abs(channel.marginalRoi - numeric)).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(numeric)));
      });
      for (const side of ['upstream', 'downstream'] as const) {
        const count = side === 'upstream' ? compiled.upstreamChannels.length : compiled.downstreamChannels.length;
        if (count === 0) {
          expect(result[side]).toBe(-1);
          continue;
        }
        const numeric = finiteDifference(model, extraMoney(model, { side }));
        worst = Math.max(worst, Math.abs(result[side] - numeric) / Math.max(1, Math.abs(numeric)));
        expect(Math.abs(result[side] - numeric)).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(numeric)));
      }
    }), { numRuns: 30 });
    console.info(`marginal ROI, random channel models: worst central-difference error ${worst.toExponential(2)} (relative to max(1, |value|))`);
  });

  // Idle channels sit at the Hill curve's kink at 0 (once their history has worn off): S = 2
  // there, short-term effect included, so that the one-sided difference converges (with S near 1
  // the slope grows like x^(S − 1) away from 0, and `hillSlope` takes it a billionth of K from 0).
  // An idle S = 2 channel's difference converges only linearly in the step (measured: 1e-4 of the
  // spend off by 1e-4, 1e-6 by 1.3e-6), hence the small step.
  it('follows its definition when channels spend unevenly, some periods or whole channels idle (forward differences)', () => {
    const base = channelForm({ upstream: 2, downstream: 3 }) as Model & {
      upstream: { channels: Record<string, { shape: number; shortTerm: { shape: number } }> }; downstream: { channels: Record<string, { shape: number }> };
    };
    base.upstream.channels.Brand2.shape = 2;
    base.upstream.channels.Brand2.shortTerm.shape = 2;
    base.downstream.channels.Sales2.shape = 2;
    const model = withPlan(parseModel(base), (channel, index) => {
      if (channel === 1) return 0; // an upstream channel that spends nothing: spread like its side
      if (channel === 4) return 0; // a downstream channel that spends nothing
      if (channel >= 2 && index % 6 === 0) return 0; // the downstream side idle every sixth month
      return 0.5 + ((channel * 7 + index * 3) % 5) / 4;
    });
    const result = marginalRoi(model);
    result.channels.forEach((channel, index) => {
      expect(channel.marginalRoi).toBeCloseTo(finiteDifference(model, extraMoney(model, { channel: index }), true, 1e-7), 5);
    });
    expect(result.upstream).toBeCloseTo(finiteDifference(model, extraMoney(model, { side: 'upstream' }), true, 1e-7), 5);
    expect(result.downstream).toBeCloseTo(finiteDifference(model, extraMoney(model, { side: 'downstream' }), true, 1e-7), 5);
  });

  it('is the same for identical channels with the same spend, on both sides', () => {
    const { channels } = marginalRoi(channelForm({ upstream: 3, downstream: 2, identical: true }));
    expect(channels[1].marginalRoi).toBeCloseTo(channels[0].marginalRoi, 12);
    expect(channels[2].marginalRoi).toBeCloseTo(channels[0].marginalRoi, 12);
    expect(channels[4].marginalRoi).toBeCloseTo(channels[3].marginalRoi, 12);
  });

  it('is a side\'s channels\' spend-weighted mean when their shares are the same all horizon long', () => {
    const model = channelForm({ upstream: 3, downstream: 3 });
    const result = marginalRoi(model);
    const spend = channelSpend(model).map((row) => row.reduce((sum, amount) => sum + amount, 0));
    for (const [side, channels] of [['upstream', [0, 1, 2]], ['downstream', [3, 4, 5]]] as const) {
      const sideSpend = channels.reduce<number>((sum, channel) => sum + spend[channel], 0);
      const mean = channels.reduce<number>((sum, channel) => sum + (spend[channel] / sideSpend) * result.channels[channel].marginalRoi, 0);
      expect(result[side]).toBeCloseTo(mean, 12);
    }
  });

  // The first-order condition of the best split of a side between two channels: the optimiser's
  // KKT condition at an interior optimum, found here by a golden-section search of the evaluator.
  it('is equal for two different channels at the best split of their side\'s budget, and points back to it away from it', () => {
    const withSplit = (share: number) => {
      const json = structuredClone(channelForm({ upstream: 1, downstream: 2 })) as Model & { downstream: { channels: Record<string, { share: number }> } };
      json.downstream.channels.Sales1.share = share;
      json.downstream.channels.Sales2.share = 1 - share;
      return parseModel(json);
    };
    const value = (share: number) => {
      const model = withSplit(share);
      return createPlanEvaluator(model).evaluate(channelSpend(model)).npvWithCarryover;
    };
    let low = 0.02;
    let high = 0.98;
    const golden = (Math.sqrt(5) - 1) / 2;
    while (high - low > 1e-7) {
      const left = high - golden * (high - low);
      const right = low + golden * (high - low);
      if (value(left) >= value(right)) high = right; else low = left;
    }
    const best = (low + high) / 2;
    expect(best).toBeGreaterThan(0.1);
    expect(best).toBeLessThan(0.9);
    const atBest = marginalRoi(withSplit(best)).channels;
    expect(Math.abs(atBest[1].marginalRoi - atBest[2].marginalRoi)).toBeLessThan(1e-4);
    const moreInFirst = marginalRoi(withSplit(best + 0.2)).channels;
    expect(moreInFirst[1].marginalRoi).toBeLessThan(moreInFirst[2].marginalRoi);
  });

  it('is −1 for a side without channels: money there buys nothing', () => {
    const result = marginalRoi(channelForm({ upstream: 0, downstream: 2 }));
    expect(result.upstream).toBe(-1);
    expect(result.channels.map((channel) => channel.side)).toEqual(['downstream', 'downstream']);
    expect(Number.isFinite(result.downstream)).toBe(true);
  });
});
