import type { Summary } from '../results.ts';
import type { DrawRunner } from './draw-runner.ts';
import { figureStatistics } from './figure-statistics.ts';
import type { MonteCarloSummary } from './monte-carlo.ts';

/** The key figures Monte Carlo keeps for every draw. */
export const DRAW_FIGURES = ['totalSpend', 'totalRevenue', 'finalEquity', 'npv', 'roi', 'paybackPeriod', 'carryoverValue', 'npvWithCarryover'] as const;
export type DrawFigureName = (typeof DRAW_FIGURES)[number];

/**
 * Each draw's key figures, one array per figure (index: draw). ROI is NaN where nothing was
 * spent and payback Infinity where it never comes, so `figureStatistics` can tell them apart.
 */
export interface DrawFigures {
  figures: Record<DrawFigureName, Float64Array>;
  roiByYear: Float64Array[];
}

export function createDrawFigures(draws: number, years: number): DrawFigures {
  return {
    figures: Object.fromEntries(DRAW_FIGURES.map((name) => [name, new Float64Array(draws)])) as Record<DrawFigureName, Float64Array>,
    roiByYear: Array.from({ length: years }, () => new Float64Array(draws)),
  };
}

/** Stores one draw's summary at `index`. */
export function recordDraw(target: DrawFigures, index: number, summary: Summary): void {
  const { figures } = target;
  figures.totalSpend[index] = summary.totalSpend;
  figures.totalRevenue[index] = summary.totalRevenue;
  figures.finalEquity[index] = summary.finalEquity;
  figures.npv[index] = summary.npv;
  figures.roi[index] = summary.roi ?? Number.NaN;
  figures.paybackPeriod[index] = summary.paybackPeriod ?? Infinity;
  figures.carryoverValue[index] = summary.carryoverValue;
  figures.npvWithCarryover[index] = summary.npvWithCarryover;
  for (let year = 0; year < target.roiByYear.length; year += 1) target.roiByYear[year][index] = summary.roiByYear[year] ?? Number.NaN;
}

/** Mean and percentiles of every figure, and the chances of a positive ROI and of payback. */
export function drawStatistics(target: DrawFigures): { summary: MonteCarloSummary; probabilityRoiPositive: number | null; probabilityPaysBack: number } {
  const { figures } = target;
  const draws = figures.npv.length;
  let roiPositive = 0;
  let paysBack = 0;
  for (let draw = 0; draw < draws; draw += 1) {
    if (figures.roi[draw] > 0) roiPositive += 1;
    if (figures.paybackPeriod[draw] !== Infinity) paysBack += 1;
  }
  return {
    summary: {
      totalSpend: figureStatistics(figures.totalSpend),
      totalRevenue: figureStatistics(figures.totalRevenue),
      finalEquity: figureStatistics(figures.finalEquity),
      npv: figureStatistics(figures.npv),
      roi: figureStatistics(figures.roi),
      roiByYear: target.roiByYear.map(figureStatistics),
      paybackPeriod: figureStatistics(figures.paybackPeriod),
      carryoverValue: figureStatistics(figures.carryoverValue),
      npvWithCarryover: figureStatistics(figures.npvWithCarryover),
    },
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
