import type { Model } from '../model/model.ts';
import { hill } from './hill.ts';
import { modelChannels } from '../model/model-channels.ts';

/**
 * Brand equity at the start of the plan, E₀: `brand.initialEquity` when it is a number, and when
 * it is `"history"` the equity that the history's constant spend sustains (docs/model.md,
 * "Equity implied by history"):
 *
 *   E* = maxEquity · Hill(x*; K'_U, S_U),   x* = u · (1 + κ · Hill(d; K'_D, S_D)),
 *
 * with u = history.upstreamPerMonth / pm and d = history.downstreamPerMonth / pm per period.
 * Constant spend u gives a lagged upstream of u (the lag weights are normalised) and an adstock
 * of d (the adstock is too), so E* is the fixed point of spec §4 step 4 under the history's spend:
 * a run that starts at E* and keeps spending the history stays at E*. Like the steady state of
 * spec §8, it is the same at every period length (pm cancels inside each Hill curve).
 *
 * @param model a model returned by `parseModel`
 * @returns 0 … maxEquity
 * @example startingEquity(parseModel({ ...model, brand: { ...model.brand, initialEquity: 'history' } }))
 */
export function startingEquity(model: Model): number {
  const { initialEquity } = model.brand;
  if (initialEquity !== 'history') return initialEquity;
  const periodsPerMonth = model.periodsPerYear / 12;
  const channels = modelChannels(model);
  return equityImpliedByChannelHistory(
    channels.upstream.map((channel) => ({
      history: channel.historyPerMonth / periodsPerMonth, halfSaturation: channel.halfSaturation / periodsPerMonth,
      shape: channel.shape, equityShare: channel.maxEquityShare,
    })),
    channels.downstream.map((channel) => ({
      history: channel.historyPerMonth / periodsPerMonth, halfSaturation: channel.halfSaturation / periodsPerMonth, shape: channel.shape,
    })),
    model.brand.maxEquity,
    channels.insightFeedback,
  );
}

/**
 * E* with channels (spec §9.3 under each channel's history, constant): with A* the mean over
 * downstream channels of Hill(dⱼ; K'ⱼ, Sⱼ),
 *   E* = maxEquity · Σᵢ βᵢ · Hill(uᵢ · (1 + κ·A*); K'ᵢ, Sᵢ).
 * With one channel a side this is maxEquity · Hill(u · (1 + κ·Hill(d; K'_D, S_D)); K'_U, S_U),
 * operation for operation (Σ has one term, β = 1 and the mean of one response is itself).
 * @param upstream each upstream channel's history, K' (per period), S and β
 * @param downstream each downstream channel's history, K' (per period) and S
 */
export function equityImpliedByChannelHistory(
  upstream: readonly { history: number; halfSaturation: number; shape: number; equityShare: number }[],
  downstream: readonly { history: number; halfSaturation: number; shape: number }[],
  maxEquity: number,
  insightFeedback: number,
): number {
  let activity = 0;
  for (const channel of downstream) activity += hill(channel.history, channel.halfSaturation, channel.shape);
  if (downstream.length > 0) activity /= downstream.length;
  let response = 0;
  for (const channel of upstream) {
    response += channel.equityShare * hill(channel.history * (1 + insightFeedback * activity), channel.halfSaturation, channel.shape);
  }
  return maxEquity * response;
}
