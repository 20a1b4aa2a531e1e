import { compileModel } from './compile-model.ts';
import type { Model, Side } from '../model/model.ts';
import { objectiveGradientAt } from './objective-gradient.ts';
import { OBJECTIVES } from './objectives.ts';
import { channelSpend, sideTotals } from './plan-spend.ts';

/** What the next unit of money returns in one channel (see `marginalRoi`). */
export interface ChannelMarginalRoi {
  name: string;
  side: Side;
  marginalRoi: number;
}

/** The return on the next unit of money on each side and in each channel (see `marginalRoi`). */
export interface MarginalRoi {
  /**
   * −1 for a side without channels (a channel-form model may leave a side empty): money put
   * there buys nothing, as `tradeoffCurve` also counts it.
   */
  upstream: number;
  downstream: number;
  /** One entry per channel, upstream channels first, each side in file order (as `summary.channels`). */
  channels: ChannelMarginalRoi[];
}

/**
 * What the next unit of money returns on each side and in each channel, at the model's plan:
 * the extra discounted contribution (over the horizon and the carryover years) per extra
 * discounted unit spent, minus 1, as ROI is (return − spend) / spend.
 *
 * Where the extra money goes:
 * - a side: over the horizon as the plan spreads its own (in proportion to each period's total
 *   spend; evenly when the plan spends nothing), so it answers "what if this side's budget were
 *   a little larger", phasing unchanged; within a period, over the side's channels in proportion
 *   to their spend in that period (as their shares split the side's budget), or to their spend
 *   over the horizon when the side spends nothing that period, or evenly when the side spends
 *   nothing at all. With one channel a side this is the two-lever definition, unchanged.
 * - a channel: over the horizon as the channel spreads its own spend; as its side spreads its
 *   spend when the channel spends nothing; as the plan does when the side spends nothing either;
 *   evenly when nothing is spent at all.
 *
 * Valued as NPV with carryover values money, so:
 * - below 0: spending a little less there would raise NPV with carryover;
 * - at the best split of a fixed budget between sides, and between a side's channels, the
 *   marginal ROIs are equal (the optimiser's first-order condition), as
 *   tests/engine/marginal-roi.test.ts and tests/engine/marginal-roi-channels.test.ts check;
 * - for a plan whose channels keep the same shares all horizon long, a side's marginal ROI is
 *   the spend-weighted mean of its channels'.
 *
 * Method: one run and one reverse pass of the adjoint (`objectiveGradientAt`), so the
 * derivative is exact, not a finite difference: Σₜ Σ_c gc,ₜ·wc,ₜ / Σₜ discₜ·wₜ with
 * gc,ₜ = ∂NPVwc/∂(spend of channel c in period t) (which already counts the spend's own
 * discounted cost), wc,ₜ the extra money's spread (summing to 1), wₜ = Σ_c wc,ₜ and
 * discₜ = (1 + r)^(−t/P).
 *
 * @param model a model returned by `parseModel`
 * @example marginalRoi(defaultModel).downstream // 0.8: the next unit of downstream returns 1.8
 */
export function marginalRoi(model: Model): MarginalRoi {
  const compiled = compileModel(model);
  const { periods, discountFactor, upstreamChannels, downstreamChannels } = compiled;
  const spend = channelSpend(model);
  const totals = sideTotals(model, spend);
  const gradient = objectiveGradientAt(compiled, OBJECTIVES.npvWithCarryover, spend);
  const upstreamCount = upstreamChannels.length;
  const channelsOf = (side: Side) => (side === 'upstream'
    ? Array.from({ length: upstreamCount }, (_, channel) => channel)
    : Array.from({ length: downstreamChannels.length }, (_, channel) => upstreamCount + channel));

  const planPerPeriod = new Float64Array(periods);
  for (let index = 0; index < periods; index += 1) planPerPeriod[index] = totals.upstream[index] + totals.downstream[index];
  const planSpread = spreadLike(planPerPeriod, null);

  /** Σₜ wₜ·gₜ / Σₜ wₜ·discₜ − 0 (g already nets out the cost), for a spread w over time. */
  const perDiscountedUnit = (gain: number, spread: Float64Array) => {
    let discountedSpend = 0;
    for (let index = 0; index < periods; index += 1) discountedSpend += discountFactor[index] * spread[index];
    return gain / discountedSpend;
  };

  const sideRoi = (side: Side): number => {
    const channels = channelsOf(side);
    if (channels.length === 0) return -1;
    const sidePerPeriod = side === 'upstream' ? totals.upstream : totals.downstream;
    const channelTotals = channels.map((channel) => sum(spend[channel]));
    const sideTotal = sum(sidePerPeriod);
    let gain = 0;
    for (let index = 0; index < periods; index += 1) {
      let periodGain = 0;
      channels.forEach((channel, position) => {
        const proportion = sidePerPeriod[index] > 0 ? spend[channel][index] / sidePerPeriod[index]
          : sideTotal > 0 ? channelTotals[position] / sideTotal
            : 1 / channels.length;
        periodGain += proportion * gradient[channel][index];
      });
      gain += periodGain * planSpread[index];
    }
    return perDiscountedUnit(gain, planSpread);
  };

  const names = [...upstreamChannels, ...downstreamChannels].map((channel) => channel.name);
  const channels = names.map((name, channel): ChannelMarginalRoi => {
    const side: Side = channel < upstreamCount ? 'upstream' : 'downstream';
    const sideSpread = spreadLike(side === 'upstream' ? totals.upstream : totals.downstream, planSpread);
    const spread = spreadLike(spend[channel], sideSpread);
    let gain = 0;
    for (let index = 0; index < periods; index += 1) gain += gradient[channel][index] * spread[index];
    return { name, side, marginalRoi: perDiscountedUnit(gain, spread) };
  });

  return { upstream: sideRoi('upstream'), downstream: sideRoi('downstream'), channels };
}

/**
 * Weights over the periods in proportion to `amounts` (summing to 1); `fallback` when they sum
 * to 0, or even weights without one.
 */
function spreadLike(amounts: Float64Array, fallback: Float64Array | null): Float64Array {
  const total = sum(amounts);
  if (total > 0) return amounts.map((amount) => amount / total);
  return fallback ?? new Float64Array(amounts.length).fill(1 / amounts.length);
}

function sum(values: Float64Array): number {
  let total = 0;
  for (let index = 0; index < values.length; index += 1) total += values[index];
  return total;
}
