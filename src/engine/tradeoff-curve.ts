import { channelList, modelChannels } from './model/model-channels.ts';
import type { Model } from './model/model.ts';
import { compileModel } from './sim/compile-model.ts';
import { createObjectiveGradient } from './sim/objective-gradient.ts';
import { OBJECTIVES } from './sim/objectives.ts';
import { channelSpend, planSpend, valueForYear } from './sim/plan-spend.ts';

/** One horizon's line on the trade-off curve. */
export interface TradeoffLine {
  horizonYears: number;
  /** npvWithCarryover at each share of `TradeoffCurve.shares`. */
  values: number[];
  /** The share (0…1) that maximises npvWithCarryover, refined between grid points to within 1e-4. */
  bestShare: number;
  bestValue: number;
}

export interface TradeoffCurve {
  /** Upstream shares evaluated, 0 … 1. */
  shares: number[];
  lines: TradeoffLine[];
}

export const HORIZON_CHOICES = [1, 2, 3, 4, 5] as const;

/**
 * NPV with carryover against one upstream share for the whole horizon, for each horizon from 1
 * to 5 years: the picture of why the best split depends on how far ahead you look.
 *
 * Each year keeps the model's budget for that year; a horizon longer than the model's repeats
 * its last year's budget. A model given as an explicit plan contributes its yearly spend totals.
 * Only the share varies; everything else is the model as it is. Within a side, each year's
 * money goes to the side's channels as the model splits it that year (`channelProportions`).
 * A side without channels (channel form) buys nothing: money put there is spent for nothing,
 * so only its cost counts.
 *
 * Cost: horizons × (steps + 1 + ~25 refinement) runs of the equations, ~5 ms for the default.
 *
 * @param steps grid intervals between 0 and 1 (100 gives 1-point steps)
 */
export function tradeoffCurve(model: Model, steps = 100): TradeoffCurve {
  const shares = Array.from({ length: steps + 1 }, (_, index) => index / steps);
  const yearly = yearlyBudgets(model);
  const proportions = channelProportions(model);
  const lines = HORIZON_CHOICES.map((horizonYears) => {
    const budgets = Array.from({ length: horizonYears }, (_, year) => yearly[Math.min(year, yearly.length - 1)]);
    const atHorizon = { ...model, horizonYears, budget: { perYear: budgets, upstreamShare: 0 } } as Model;
    delete atHorizon.plan;
    const compiled = compileModel(atHorizon);
    // npvWithCarryover alone, summed as the summary sums it (`objectiveFromRun`), without the
    // summary's other figures (its IRR alone costs as much as the run).
    const objective = createObjectiveGradient(compiled, OBJECTIVES.npvWithCarryover);
    const { periods, periodsPerYear, discountFactor, upstreamChannels } = compiled;
    const upstreamCount = upstreamChannels.length;
    const perPeriod = new Float64Array(periods);
    for (let index = 0; index < periods; index += 1) perPeriod[index] = budgets[Math.floor(index / periodsPerYear)] / periodsPerYear;
    const rows = proportions.map(() => new Float64Array(periods));
    const emptySide = { upstream: upstreamCount === 0, downstream: compiled.downstreamChannels.length === 0 };
    const valueAt = (share: number) => {
      let wasted = 0;
      for (let index = 0; index < periods; index += 1) {
        const year = Math.floor(index / periodsPerYear);
        const upstream = share * perPeriod[index];
        const downstream = (1 - share) * perPeriod[index];
        proportions.forEach((byYear, channel) => {
          rows[channel][index] = (channel < upstreamCount ? upstream : downstream) * byYear[Math.min(year, byYear.length - 1)];
        });
        if (emptySide.upstream) wasted += upstream * discountFactor[index];
        if (emptySide.downstream) wasted += downstream * discountFactor[index];
      }
      return objective.value(rows) - wasted;
    };
    const values = shares.map(valueAt);
    let bestIndex = 0;
    values.forEach((value, index) => { if (value > values[bestIndex]) bestIndex = index; });
    const best = refineMaximum(valueAt, shares[Math.max(0, bestIndex - 1)], shares[Math.min(steps, bestIndex + 1)], shares[bestIndex], values[bestIndex]);
    return { horizonYears, values, bestShare: best.share, bestValue: best.value };
  });
  return { shares, lines };
}

/**
 * Each channel's share of its side's spend in each of the model's years (rows in channel order,
 * upstream channels first): its spend that year over the side's. In a year its side spends
 * nothing, the channel's `share` for that year when the file gives one, else an even split.
 * A two-lever model's channels are their sides: 1 in every year.
 */
export function channelProportions(model: Model): number[][] {
  const spend = channelSpend(model);
  const channels = channelList(modelChannels(model));
  const periodsPerYear = model.periodsPerYear;
  return channels.map((channel, index) => Array.from({ length: model.horizonYears }, (_, year) => {
    const inYear = (row: Float64Array) => {
      let total = 0;
      for (let period = year * periodsPerYear; period < (year + 1) * periodsPerYear; period += 1) total += row[period];
      return total;
    };
    const sameSide = channels.flatMap((other, otherIndex) => (other.side === channel.side ? [otherIndex] : []));
    const sideTotal = sameSide.reduce((total, otherIndex) => total + inYear(spend[otherIndex]), 0);
    if (sideTotal > 0) return inYear(spend[index]) / sideTotal;
    return channel.share === undefined ? 1 / sameSide.length : valueForYear(channel.share, year);
  }));
}

/** The model's budget for each of its years, from `budget.perYear` or from the plan's totals. */
export function yearlyBudgets(model: Model): number[] {
  if (model.plan === undefined && model.budget !== undefined) {
    const perYear = model.budget.perYear;
    return Array.from({ length: model.horizonYears }, (_, year) => valueForYear(perYear, year));
  }
  const spend = planSpend(model);
  return Array.from({ length: model.horizonYears }, (_, year) => {
    let total = 0;
    for (let index = year * model.periodsPerYear; index < (year + 1) * model.periodsPerYear; index += 1) {
      total += spend.upstream[index] + spend.downstream[index];
    }
    return total;
  });
}

const GOLDEN = (Math.sqrt(5) - 1) / 2;

/**
 * Golden-section search for the maximum of `value` on [low, high], starting from the best grid
 * point. Returns the grid point if the search finds nothing better (a flat or kinked curve).
 */
function refineMaximum(value: (share: number) => number, low: number, high: number, gridShare: number, gridValue: number) {
  let a = low;
  let b = high;
  let c = b - GOLDEN * (b - a);
  let d = a + GOLDEN * (b - a);
  let valueC = value(c);
  let valueD = value(d);
  for (let iteration = 0; iteration < 30 && b - a > 1e-4; iteration += 1) {
    if (valueC >= valueD) {
      b = d; d = c; valueD = valueC; c = b - GOLDEN * (b - a); valueC = value(c);
    } else {
      a = c; c = d; valueC = valueD; d = a + GOLDEN * (b - a); valueD = value(d);
    }
  }
  const share = valueC >= valueD ? c : d;
  const found = Math.max(valueC, valueD);
  return found > gridValue ? { share, value: found } : { share: gridShare, value: gridValue };
}
