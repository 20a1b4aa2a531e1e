import { type Model, isChannelModel } from '../model/model.ts';
import { channelList, modelChannels } from '../model/model-channels.ts';

/** Upstream and downstream spend for each period t = 1 … T (index t − 1). */
export interface PlanSpend {
  upstream: Float64Array;
  downstream: Float64Array;
}

/**
 * Side totals of the spend per period (spec §3, §9.2): Uₜ = Σᵢ Uᵢ,ₜ and Dₜ = Σⱼ Dⱼ,ₜ, the
 * spend that profit, ROI and payback count.
 */
export function planSpend(model: Model): PlanSpend {
  return sideTotals(model, channelSpend(model));
}

/** The side totals of spend per channel (index c as `channelSpend`'s). */
export function sideTotals(model: Model, channels: readonly Float64Array[]): PlanSpend {
  const periods = model.periodsPerYear * model.horizonYears;
  const totals = { upstream: new Float64Array(periods), downstream: new Float64Array(periods) };
  addSideTotals(modelChannels(model).upstream.length, periods, channels, totals);
  return totals;
}

/**
 * Writes the side totals Uₜ = Σᵢ Uᵢ,ₜ and Dₜ = Σⱼ Dⱼ,ₜ (spec §9.2) of spend per channel into
 * `out` for the first `periods` periods, adding channels in order from 0: the one loop every
 * side total comes from (`sideTotals`, the plan evaluator, the gradient, the robust objective),
 * so they agree to the last bit. Allocates nothing.
 * @param upstreamCount how many of the rows, the first ones, are upstream channels
 * @param spend one row per channel, upstream channels first (index t − 1; at least `periods` entries)
 */
export function addSideTotals(upstreamCount: number, periods: number, spend: readonly Float64Array[], out: PlanSpend): void {
  out.upstream.fill(0, 0, periods);
  out.downstream.fill(0, 0, periods);
  for (let channel = 0; channel < spend.length; channel += 1) {
    const side = channel < upstreamCount ? out.upstream : out.downstream;
    const row = spend[channel];
    for (let index = 0; index < periods; index += 1) side[index] += row[index];
  }
}

/**
 * Spend per channel and period (spec §3, §9.2), upstream channels first, each side in file
 * order (index t − 1 within a row). Without `plan`, in year y, upstream channel i spends
 * upstreamShare_y · shareᵢ,y · Bₜ and downstream channel j (1 − upstreamShare_y) · shareⱼ,y · Bₜ,
 * with Bₜ = perYear_y / P; with `plan`, each channel's row as given.
 */
export function channelSpend(model: Model): Float64Array[] {
  const periodsPerYear = model.periodsPerYear;
  const periods = periodsPerYear * model.horizonYears;
  const channels = channelList(modelChannels(model));
  const plan = model.plan;
  if (plan !== undefined) {
    const rows = plan as unknown as Record<string, readonly number[]>;
    return channels.map((channel) => Float64Array.from(isChannelModel(model) ? rows[channel.name] : rows[channel.side]));
  }
  const budget = model.budget;
  if (budget === undefined) throw new Error('the model has neither budget nor plan');
  return channels.map((channel) => {
    const row = new Float64Array(periods);
    const channelShare = channel.share ?? 0;
    for (let year = 0; year < model.horizonYears; year += 1) {
      const upstreamShare = valueForYear(budget.upstreamShare, year);
      const sideShare = channel.side === 'upstream' ? upstreamShare : 1 - upstreamShare;
      const share = sideShare * valueForYear(channelShare, year);
      const perPeriod = valueForYear(budget.perYear, year) / periodsPerYear;
      for (let index = year * periodsPerYear; index < (year + 1) * periodsPerYear; index += 1) row[index] = share * perPeriod;
    }
    return row;
  });
}

/** A yearly setting: one number for every year, or the number for this year (0-based). */
export function valueForYear(setting: number | readonly number[], year: number): number {
  return typeof setting === 'number' ? setting : setting[year];
}
