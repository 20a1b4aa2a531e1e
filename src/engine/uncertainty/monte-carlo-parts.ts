import type { Model } from '../model/model.ts';
import { BAND_SERIES, bandOf, bandSelection } from './bands.ts';
import { checkDrawable } from './check-uncertainty.ts';
import { createDrawRunner } from './draw-runner.ts';
import { DRAW_FIGURES, type DrawFigures, createDrawFigures, drawStatistics, recordDraw, recordRuns, writeCumulativeProfit } from './draw-figures.ts';
import type { MonteCarloResult, MonteCarloRun } from './monte-carlo-result.ts';
import { checkMonteCarloOptions } from './monte-carlo-options.ts';
import { drawValues, uncertainFields } from './uncertain-fields.ts';
import { figureStatistics } from './figure-statistics.ts';
import { channelList, modelChannels } from '../model/model-channels.ts';

/**
 * Monte Carlo split into parts that run side by side (the app gives each core a Web Worker a
 * part) and merge into the same result as one `monteCarlo` run.
 *
 * Draw d's values depend only on (seed, d, field), so any range of draws can run anywhere. Each
 * part keeps every draw's key figures, and the per-period series of the draws `bandSelection`
 * picks. Merged, everything is exactly what one part covering every draw gives, which is what
 * `monteCarlo` returns.
 */

export interface MonteCarloPart extends DrawFigures {
  /** This part's draws: start … end − 1 (index 0 of each figure is draw `start`). */
  start: number;
  end: number;
  /** Equity, revenue and cumulative incremental profit over the horizon, for each banded draw in order (see `bandOf`). */
  bandSeries: Float64Array;
  bandCount: number;
  /** False when `shouldStop` ended it early; `end` is then the first draw not run. */
  complete: boolean;
}

export interface MonteCarloPartOptions {
  /** The whole run's draws, seed and band draws, as for `monteCarlo`. */
  draws: number;
  seed: number;
  bandDraws?: number;
  /** This part's draws: start … end − 1. */
  start: number;
  end: number;
  /** Called now and then with the share of this part done. */
  onProgress?: (fraction: number) => void;
  /** Checked every 250 draws; true ends the part early (incomplete). */
  shouldStop?: () => boolean;
  /** Also each channel's value added per draw (see `MonteCarloOptions.channelValues`). */
  channelValues?: boolean;
}

/**
 * Runs draws start … end − 1 of a Monte Carlo run.
 * @throws {UncertaintyError} as `monteCarlo` does
 */
export function runMonteCarloPart(model: Model, options: MonteCarloPartOptions): MonteCarloPart {
  const { draws, seed, bandDraws, channelValues } = checkMonteCarloOptions({
    draws: options.draws, seed: options.seed, bandDraws: options.bandDraws, channelValues: options.channelValues,
  });
  const start = Math.max(0, Math.min(draws, options.start));
  const end = Math.max(start, Math.min(draws, options.end));
  const fields = uncertainFields(model);
  checkDrawable(fields);
  const certain = fields.every((field) => field.fixed !== undefined);
  const runner = createDrawRunner(model, fields.map((field) => field.path), certain);
  const { periods } = runner;
  const count = end - start;
  const channelCount = channelValues ? runner.compiled.channelCount : 0;
  const drawn = createDrawFigures(count, model.horizonYears, channelCount);
  const channelValue = new Float64Array(channelCount);
  const selection = bandSelection(draws, periods, bandDraws);
  const bandCount = selection.keptBefore(end) - selection.keptBefore(start);
  const bandSeries = new Float64Array(bandCount * BAND_SERIES * periods);
  const values = new Float64Array(fields.length);
  const certainSummary = certain ? runner.run(Float64Array.from(fields, (field) => field.fixed!)) : undefined;
  // With no spread every draw is the same model: its channels' values once, by simulate's own kernel.
  if (certain && channelCount > 0) runner.channelValues(channelValue);
  let banded = 0;

  for (let draw = start; draw < end; draw += 1) {
    if ((draw - start) % 250 === 0 && draw > start) {
      options.onProgress?.((draw - start) / count);
      if (options.shouldStop?.()) return trimmed({ start, end: draw, ...drawn, bandSeries, bandCount: banded, complete: false }, draw - start, periods);
    }
    if (certainSummary !== undefined) {
      recordDraw(drawn, draw - start, certainSummary);
    } else {
      drawValues(fields, seed, draw, values);
      runner.runTraces(values);
      recordRuns(drawn, draw - start, runner);
      if (channelCount > 0) runner.channelValues(channelValue);
    }
    for (let channel = 0; channel < channelCount; channel += 1) drawn.channelValueAdded[channel][draw - start] = channelValue[channel];
    if (selection.isBanded(draw)) {
      const offset = banded * BAND_SERIES * periods;
      const { equity, revenue } = runner.planned;
      for (let period = 0; period < periods; period += 1) {
        bandSeries[offset + period] = equity[period];
        bandSeries[offset + periods + period] = revenue[period];
      }
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
  const channelCount = ordered[0].channelValueAdded.length;
  const drawn: DrawFigures = {
    figures: Object.fromEntries(DRAW_FIGURES.map((name) => [name, join((part) => part.figures[name])])) as DrawFigures['figures'],
    roiByYear: Array.from({ length: model.horizonYears }, (_, year) => join((part) => part.roiByYear[year])),
    channelValueAdded: Array.from({ length: channelCount }, (_, channel) => join((part) => part.channelValueAdded[channel])),
  };

  const periods = model.periodsPerYear * model.horizonYears;
  const bandCount = ordered.reduce((sum, part) => sum + part.bandCount, 0);
  // The parts' series in draw order, in one array (a single part's as it is).
  let rows = ordered[0].bandSeries;
  if (ordered.length > 1) {
    rows = new Float64Array(bandCount * BAND_SERIES * periods);
    let offset = 0;
    for (const part of ordered) {
      rows.set(part.bandSeries.subarray(0, part.bandCount * BAND_SERIES * periods), offset);
      offset += part.bandCount * BAND_SERIES * periods;
    }
  }

  const result: MonteCarloResult = {
    draws,
    seed,
    ...drawStatistics(drawn),
    bands: {
      equity: bandOf(rows, bandCount, 0, periods),
      revenue: bandOf(rows, bandCount, 1, periods),
      cumulativeIncrementalProfit: bandOf(rows, bandCount, 2, periods),
    },
    bandDraws: bandCount,
    uncertainFields: uncertainFields(model).map((field) => field.path),
  };
  if (channelCount > 0) {
    result.channels = channelList(modelChannels(model)).map((channel, index) => ({
      name: channel.name, side: channel.side, valueAdded: figureStatistics(drawn.channelValueAdded[index]),
    }));
  }
  const { incrementalNpvWithCarryover, incrementalNpv, npv, npvWithCarryover } = drawn.figures;
  return { result, incrementalNpvWithCarryover, incrementalNpv, npv, npvWithCarryover };
}

/** A part cut short at `count` draws, its arrays shortened to match. */
function trimmed(part: MonteCarloPart, count: number, periods: number): MonteCarloPart {
  const figures = Object.fromEntries(DRAW_FIGURES.map((name) => [name, part.figures[name].slice(0, count)])) as DrawFigures['figures'];
  return {
    ...part, figures, roiByYear: part.roiByYear.map((values) => values.slice(0, count)),
    channelValueAdded: part.channelValueAdded.map((values) => values.slice(0, count)),
    bandSeries: part.bandSeries.slice(0, part.bandCount * BAND_SERIES * periods),
  };
}
