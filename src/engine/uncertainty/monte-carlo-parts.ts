import type { Model } from '../model.ts';
import type { Band } from './band-reservoir.ts';
import { DEFAULT_BAND_DRAWS } from './band-reservoir.ts';
import { checkDrawable } from './check-uncertainty.ts';
import { createDrawRunner } from './draw-runner.ts';
import { DRAW_FIGURES, type DrawFigures, createDrawFigures, drawStatistics, recordDraw, writeCumulativeProfit } from './draw-figures.ts';
import { PERCENTILES } from './figure-statistics.ts';
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

export interface MonteCarloPart extends DrawFigures {
  /** This part's draws: start … end − 1 (index 0 of each figure is draw `start`). */
  start: number;
  end: number;
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
  const { periods } = runner;
  const count = end - start;
  const drawn = createDrawFigures(count, model.horizonYears);
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
      if (options.shouldStop?.()) return trimmed({ start, end: draw, ...drawn, bandSeries, bandCount: banded, complete: false }, draw - start, periods);
    }
    if (!certain) drawValues(fields, seed, draw, values);
    recordDraw(drawn, draw - start, certainSummary ?? runner.run(values));
    if (draw % stride === 0) {
      const offset = banded * 3 * periods;
      bandSeries.set(runner.planned.equity.subarray(0, periods), offset);
      bandSeries.set(runner.planned.revenue.subarray(0, periods), offset + periods);
      writeCumulativeProfit(runner, bandSeries, offset + 2 * periods);
      banded += 1;
    }
  }
  options.onProgress?.(1);
  return { start, end, ...drawn, bandSeries, bandCount, complete: true };
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
  const drawn: DrawFigures = {
    figures: Object.fromEntries(DRAW_FIGURES.map((name) => [name, join((part) => part.figures[name])])) as DrawFigures['figures'],
    roiByYear: Array.from({ length: model.horizonYears }, (_, year) => join((part) => part.roiByYear[year])),
  };

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
    ...drawStatistics(drawn),
    bands: { equity: band(0), revenue: band(1), cumulativeIncrementalProfit: band(2) },
    bandDraws: bandCount,
    uncertainFields: uncertainFields(model).map((field) => field.path),
  };
  return { result, npv: drawn.figures.npv, npvWithCarryover: drawn.figures.npvWithCarryover };
}

/** A part cut short at `count` draws, its arrays shortened to match. */
function trimmed(part: MonteCarloPart, count: number, periods: number): MonteCarloPart {
  const figures = Object.fromEntries(DRAW_FIGURES.map((name) => [name, part.figures[name].slice(0, count)])) as DrawFigures['figures'];
  return { ...part, figures, roiByYear: part.roiByYear.map((values) => values.slice(0, count)), bandSeries: part.bandSeries.slice(0, part.bandCount * 3 * periods) };
}
