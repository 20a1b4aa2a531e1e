import type { Model } from '../model.ts';
import type { Band } from './band-reservoir.ts';
import { DEFAULT_BAND_DRAWS } from './band-reservoir.ts';
import { checkDrawable } from './check-uncertainty.ts';
import { createDrawRunner } from './draw-runner.ts';
import { PERCENTILES, figureStatistics } from './figure-statistics.ts';
import type { MonteCarloResult, MonteCarloRun } from './monte-carlo.ts';
import { checkMonteCarloOptions } from './monte-carlo-options.ts';
import { selectPercentiles } from './select-percentiles.ts';
import { drawValues, uncertainFields } from './uncertain-fields.ts';

/**
 * Monte Carlo split into parts that run side by side (the app gives each core a Web Worker a
 * part) and merge into the same result as one `monteCarlo` run.
 *
 * Draw d's values depend only on (seed, d, field), so any range of draws can run anywhere. Each
 * part keeps every draw's key figures, and the per-period series of every `bandStride`-th draw
 * (at most DEFAULT_BAND_DRAWS draws in all). Merged, the summary figures are exactly
 * `monteCarlo`'s; so are the bands whenever all draws fit (up to 5,000), and beyond that they
 * come from an evenly spaced subset of draws instead of a random one.
 */

const FIGURES = ['totalSpend', 'totalRevenue', 'finalEquity', 'npv', 'roi', 'paybackPeriod', 'carryoverValue', 'npvWithCarryover'] as const;
type FigureName = (typeof FIGURES)[number];

export interface MonteCarloPart {
  start: number;
  end: number;
  /** Each figure for draws start … end − 1; ROI NaN with no spend, payback Infinity when never. */
  figures: Record<FigureName, Float64Array>;
  roiByYear: Float64Array[];
  /** Equity, revenue and cumulative incremental profit over the horizon, for each banded draw in order. */
  bandSeries: Float64Array;
  bandCount: number;
  /** False when `shouldStop` ended it early; `end` is then the first draw not run. */
  complete: boolean;
}

export interface MonteCarloPartOptions {
  /** The whole run's draws and seed, as for `monteCarlo`. */
  draws: number;
  seed: number;
  /** This part's draws: start … end − 1. */
  start: number;
  end: number;
  /** Called now and then with the share of this part done. */
  onProgress?: (fraction: number) => void;
  /** Checked every 250 draws; true ends the part early (incomplete). */
  shouldStop?: () => boolean;
}

/** Every how many draws a draw's series are kept for the bands. */
export function bandStride(draws: number): number {
  return Math.max(1, Math.ceil(draws / DEFAULT_BAND_DRAWS));
}

/**
 * Runs draws start … end − 1 of a Monte Carlo run.
 * @throws {UncertaintyError} as `monteCarlo` does
 */
export function runMonteCarloPart(model: Model, options: MonteCarloPartOptions): MonteCarloPart {
  const { draws, seed } = checkMonteCarloOptions({ draws: options.draws, seed: options.seed });
  const start = Math.max(0, Math.min(draws, options.start));
  const end = Math.max(start, Math.min(draws, options.end));
  const fields = uncertainFields(model);
  checkDrawable(fields);
  const certain = fields.every((field) => field.fixed !== undefined);
  const runner = createDrawRunner(model, fields.map((field) => field.path), certain);
  const { periods, spend } = runner;
  const count = end - start;
  const figures = Object.fromEntries(FIGURES.map((name) => [name, new Float64Array(count)])) as Record<FigureName, Float64Array>;
  const roiByYear = Array.from({ length: model.horizonYears }, () => new Float64Array(count));
  const stride = bandStride(draws);
  const firstBanded = Math.ceil(start / stride) * stride;
  const bandCount = firstBanded >= end ? 0 : Math.floor((end - 1 - firstBanded) / stride) + 1;
  const bandSeries = new Float64Array(bandCount * 3 * periods);
  const values = new Float64Array(fields.length);
  const certainSummary = certain ? runner.run(Float64Array.from(fields, (field) => field.fixed!)) : undefined;
  let banded = 0;

  for (let draw = start; draw < end; draw += 1) {
    if ((draw - start) % 250 === 0 && draw > start) {
      options.onProgress?.((draw - start) / count);
      if (options.shouldStop?.()) return trimmed({ start, end: draw, figures, roiByYear, bandSeries, bandCount: banded, complete: false }, draw - start, periods);
    }
    if (!certain) drawValues(fields, seed, draw, values);
    const summary = certainSummary ?? runner.run(values);
    const index = draw - start;
    figures.totalSpend[index] = summary.totalSpend;
    figures.totalRevenue[index] = summary.totalRevenue;
    figures.finalEquity[index] = summary.finalEquity;
    figures.npv[index] = summary.npv;
    figures.roi[index] = summary.roi ?? Number.NaN;
    figures.paybackPeriod[index] = summary.paybackPeriod ?? Infinity;
    figures.carryoverValue[index] = summary.carryoverValue;
    figures.npvWithCarryover[index] = summary.npvWithCarryover;
    for (let year = 0; year < roiByYear.length; year += 1) roiByYear[year][index] = summary.roiByYear[year] ?? Number.NaN;
    if (draw % stride === 0) {
      const offset = banded * 3 * periods;
      const { planned, noSpend } = runner;
      let running = 0;
      for (let period = 0; period < periods; period += 1) {
        // Cumulative incremental profit, summed as `summarise` sums it for payback.
        running += planned.contribution[period] - noSpend.contribution[period] - spend.upstream[period] - spend.downstream[period];
        bandSeries[offset + period] = planned.equity[period];
        bandSeries[offset + periods + period] = planned.revenue[period];
        bandSeries[offset + 2 * periods + period] = running;
      }
      banded += 1;
    }
  }
  options.onProgress?.(1);
  return { start, end, figures, roiByYear, bandSeries, bandCount, complete: true };
}

/**
 * Puts parts covering draws 0 … N − 1 (in any order) together into `monteCarlo`'s result.
 * @throws {RangeError} when the parts do not cover every draw exactly once
 */
export function mergeMonteCarloParts(model: Model, parts: readonly MonteCarloPart[], options: { draws: number; seed: number }): MonteCarloRun {
  const { draws, seed } = options;
  const ordered = [...parts].sort((a, b) => a.start - b.start);
  let next = 0;
  for (const part of ordered) {
    if (part.start !== next) throw new RangeError(`Monte Carlo parts must cover draws 0 to ${draws - 1} once; draw ${next} is ${part.start > next ? 'missing' : 'repeated'}`);
    next = part.end;
  }
  if (next !== draws) throw new RangeError(`Monte Carlo parts must cover draws 0 to ${draws - 1}; they end at ${next - 1}`);
  const join = (pick: (part: MonteCarloPart) => Float64Array) => {
    const joined = new Float64Array(draws);
    for (const part of ordered) joined.set(pick(part), part.start);
    return joined;
  };
  const figures = Object.fromEntries(FIGURES.map((name) => [name, join((part) => part.figures[name])])) as Record<FigureName, Float64Array>;
  const roiByYear = Array.from({ length: model.horizonYears }, (_, year) => join((part) => part.roiByYear[year]));
  let roiPositive = 0;
  let paysBack = 0;
  for (let draw = 0; draw < draws; draw += 1) {
    if (figures.roi[draw] > 0) roiPositive += 1;
    if (figures.paybackPeriod[draw] !== Infinity) paysBack += 1;
  }

  const periods = model.periodsPerYear * model.horizonYears;
  const bandCount = ordered.reduce((sum, part) => sum + part.bandCount, 0);
  const column = new Float64Array(bandCount);
  const out = new Float64Array(PERCENTILES.length);
  const band = (series: number): Band => {
    const result: Band = { p5: [], p10: [], p50: [], p90: [], p95: [] };
    for (let period = 0; period < periods; period += 1) {
      let index = 0;
      for (const part of ordered) {
        for (let draw = 0; draw < part.bandCount; draw += 1) column[index++] = part.bandSeries[(draw * 3 + series) * periods + period];
      }
      selectPercentiles(column, bandCount, PERCENTILES, out);
      result.p5.push(out[0]); result.p10.push(out[1]); result.p50.push(out[2]); result.p90.push(out[3]); result.p95.push(out[4]);
    }
    return result;
  };

  const result: MonteCarloResult = {
    draws,
    seed,
    summary: {
      totalSpend: figureStatistics(figures.totalSpend),
      totalRevenue: figureStatistics(figures.totalRevenue),
      finalEquity: figureStatistics(figures.finalEquity),
      npv: figureStatistics(figures.npv),
      roi: figureStatistics(figures.roi),
      roiByYear: roiByYear.map(figureStatistics),
      paybackPeriod: figureStatistics(figures.paybackPeriod),
      carryoverValue: figureStatistics(figures.carryoverValue),
      npvWithCarryover: figureStatistics(figures.npvWithCarryover),
    },
    probabilityRoiPositive: Number.isNaN(figures.roi[0]) ? null : roiPositive / draws,
    probabilityPaysBack: paysBack / draws,
    bands: { equity: band(0), revenue: band(1), cumulativeIncrementalProfit: band(2) },
    bandDraws: bandCount,
    uncertainFields: uncertainFields(model).map((field) => field.path),
  };
  return { result, npv: figures.npv, npvWithCarryover: figures.npvWithCarryover };
}

/** A part cut short at `count` draws, its arrays shortened to match. */
function trimmed(part: MonteCarloPart, count: number, periods: number): MonteCarloPart {
  const figures = Object.fromEntries(FIGURES.map((name) => [name, part.figures[name].slice(0, count)])) as Record<FigureName, Float64Array>;
  return { ...part, figures, roiByYear: part.roiByYear.map((values) => values.slice(0, count)), bandSeries: part.bandSeries.slice(0, part.bandCount * 3 * periods) };
}
