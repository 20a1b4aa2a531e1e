import type { SummaryFigures } from '../sim/results.ts';
import type { DrawRunner } from './draw-runner.ts';
import { figureStatistics } from './figure-statistics.ts';
import type { MonteCarloSummary } from './monte-carlo-result.ts';

/**
 * The key figures Monte Carlo keeps for every draw, in the order of `KEY_FIGURES` (the value
 * of the marketing itself first, the business's total NPV after it).
 *
 * IRR is not among them: finding it is a root search per draw that cost several times the
 * draw's two runs of the equations (measured: 10,000 draws of the 5-year monthly default took
 * about 1.1 s with it, about 0.1 s without).
 */
export const DRAW_FIGURES = [
  'incrementalNpvWithCarryover', 'incrementalNpv', 'roi', 'paybackPeriod', 'npvWithCarryover', 'npv',
  'noSpendNpv', 'carryoverValue', 'totalRevenue', 'totalSpend', 'finalEquity',
] as const;
export type DrawFigureName = (typeof DRAW_FIGURES)[number];

/**
 * Each draw's key figures, one array per figure (index: draw). ROI is NaN where nothing was
 * spent and payback Infinity where it never comes, so `figureStatistics` can tell them apart.
 */
export interface DrawFigures {
  figures: Record<DrawFigureName, Float64Array>;
  roiByYear: Float64Array[];
  /** Each channel's value added per draw (option `channelValues`; empty without it). */
  channelValueAdded: Float64Array[];
}

/** @param channels how many channels' values added to keep (0 unless the option `channelValues` is on) */
export function createDrawFigures(draws: number, years: number, channels = 0): DrawFigures {
  return {
    figures: Object.fromEntries(DRAW_FIGURES.map((name) => [name, new Float64Array(draws)])) as Record<DrawFigureName, Float64Array>,
    roiByYear: Array.from({ length: years }, () => new Float64Array(draws)),
    channelValueAdded: Array.from({ length: channels }, () => new Float64Array(draws)),
  };
}

/** Stores one draw's summary at `index` (a model with no spread: `simulate`'s own figures). */
export function recordDraw(target: DrawFigures, index: number, summary: SummaryFigures): void {
  for (const name of DRAW_FIGURES) {
    const value = summary[name];
    target.figures[name][index] = value ?? (name === 'paybackPeriod' ? Infinity : Number.NaN);
  }
  for (let year = 0; year < target.roiByYear.length; year += 1) target.roiByYear[year][index] = summary.roiByYear[year] ?? Number.NaN;
}

/**
 * Stores the key figures of the runner's last run at `index`, computed straight from its two
 * series (plan Cₜ and zero-spend C⁰ₜ, over the horizon and the carryover) with `summarise`'s
 * formulas and in its order of summation, except:
 * - incremental NPV is Σ (Cₜ − C⁰ₜ − Uₜ − Dₜ)·discₜ over the horizon, each period's difference
 *   taken before discounting and adding (summarise subtracts two totals, npv − noSpendNpv; the
 *   two agree to rounding, about 1e-16 of the totals);
 * - no IRR (see `DRAW_FIGURES`), and no Summary object per draw.
 * Allocates nothing. Cost: O(T + k).
 */
export function recordRuns(target: DrawFigures, index: number, runner: DrawRunner): void {
  const { planned, noSpend, spend, periods, extended } = runner;
  const { discountFactor, periodsPerYear } = runner.compiled;
  const { upstream, downstream } = spend;
  let totalSpend = 0;
  let totalRevenue = 0;
  let npv = 0;
  let noSpendNpv = 0;
  let incrementalNpv = 0;
  let incrementalContribution = 0;
  let cumulativeIncrementalProfit = 0;
  let paybackPeriod = Infinity;
  let year = 0;
  for (let yearStart = 0; yearStart < periods; yearStart += periodsPerYear) {
    let yearSpend = 0;
    let yearIncrementalContribution = 0;
    const yearEnd = Math.min(periods, yearStart + periodsPerYear);
    for (let period = yearStart; period < yearEnd; period += 1) {
      const periodSpend = upstream[period] + downstream[period];
      const contribution = planned.contribution[period];
      const incremental = contribution - noSpend.contribution[period];
      const discount = discountFactor[period];
      totalSpend += periodSpend;
      totalRevenue += planned.revenue[period];
      npv += (contribution - upstream[period] - downstream[period]) * discount;
      noSpendNpv += noSpend.contribution[period] * discount;
      incrementalNpv += (incremental - upstream[period] - downstream[period]) * discount;
      incrementalContribution += incremental;
      cumulativeIncrementalProfit += incremental - upstream[period] - downstream[period];
      if (paybackPeriod === Infinity && totalSpend > 0 && cumulativeIncrementalProfit >= 0) paybackPeriod = period + 1;
      yearSpend += periodSpend;
      yearIncrementalContribution += incremental;
    }
    if (yearEnd - yearStart === periodsPerYear && year < target.roiByYear.length) {
      target.roiByYear[year][index] = returnOnSpend(yearIncrementalContribution, yearSpend);
      year += 1;
    }
  }
  let carryoverValue = 0;
  for (let period = periods; period < extended; period += 1) {
    carryoverValue += (planned.contribution[period] - noSpend.contribution[period]) * discountFactor[period];
  }
  const { figures } = target;
  figures.incrementalNpvWithCarryover[index] = incrementalNpv + carryoverValue;
  figures.incrementalNpv[index] = incrementalNpv;
  figures.roi[index] = returnOnSpend(incrementalContribution, totalSpend);
  figures.paybackPeriod[index] = paybackPeriod;
  figures.npvWithCarryover[index] = npv + carryoverValue;
  figures.npv[index] = npv;
  figures.noSpendNpv[index] = noSpendNpv;
  figures.carryoverValue[index] = carryoverValue;
  figures.totalRevenue[index] = totalRevenue;
  figures.totalSpend[index] = totalSpend;
  figures.finalEquity[index] = planned.equity[periods - 1];
}

/** (incremental contribution − spend) / spend, or NaN (no value) when nothing was spent. */
function returnOnSpend(incrementalContribution: number, spend: number): number {
  return spend === 0 ? Number.NaN : (incrementalContribution - spend) / spend;
}

/**
 * Mean and percentiles of every figure, and the chances of a positive ROI and of payback
 * within the horizon (draws that never pay back are their own category: the payback
 * percentiles that fall on them are null).
 */
export function drawStatistics(target: DrawFigures): { summary: MonteCarloSummary; probabilityRoiPositive: number | null; probabilityPaysBack: number } {
  const { figures } = target;
  const draws = figures.npv.length;
  let roiPositive = 0;
  let paysBack = 0;
  for (let draw = 0; draw < draws; draw += 1) {
    if (figures.roi[draw] > 0) roiPositive += 1;
    if (figures.paybackPeriod[draw] !== Infinity) paysBack += 1;
  }
  const statistics = Object.fromEntries(DRAW_FIGURES.map((name) => [name, figureStatistics(figures[name])])) as Omit<MonteCarloSummary, 'roiByYear'>;
  // In KEY_FIGURES order, each year's ROI right after ROI over the horizon.
  const { incrementalNpvWithCarryover, incrementalNpv, roi, ...rest } = statistics;
  return {
    summary: { incrementalNpvWithCarryover, incrementalNpv, roi, roiByYear: target.roiByYear.map(figureStatistics), ...rest },
    probabilityRoiPositive: Number.isNaN(figures.roi[0]) ? null : roiPositive / draws,
    probabilityPaysBack: paysBack / draws,
  };
}

/**
 * The last run's cumulative incremental profit Σ (Cₛ − C⁰ₛ − Uₛ − Dₛ) over the horizon, summed
 * as `summarise` sums it for payback, written to `out` from `offset`.
 */
export function writeCumulativeProfit(runner: DrawRunner, out: Float64Array, offset = 0): void {
  const { planned, noSpend, spend, periods } = runner;
  let running = 0;
  for (let index = 0; index < periods; index += 1) {
    running += planned.contribution[index] - noSpend.contribution[index] - spend.upstream[index] - spend.downstream[index];
    out[offset + index] = running;
  }
}
