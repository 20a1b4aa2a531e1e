import type { Model } from '../model.ts';
import { type Band, createBandReservoir } from './band-reservoir.ts';
import { checkDrawable } from './check-uncertainty.ts';
import { createDrawRunner } from './draw-runner.ts';
import { createDrawFigures, drawStatistics, recordDraw, writeCumulativeProfit } from './draw-figures.ts';
import type { FigureStatistics } from './figure-statistics.ts';
import { type MonteCarloOptions, checkMonteCarloOptions } from './monte-carlo-options.ts';
import { drawValues, uncertainFields } from './uncertain-fields.ts';

/** The summary figures across draws (spec §5–§6 names); `roiByYear` has one entry per year. */
export interface MonteCarloSummary {
  totalSpend: FigureStatistics;
  totalRevenue: FigureStatistics;
  finalEquity: FigureStatistics;
  npv: FigureStatistics;
  roi: FigureStatistics;
  roiByYear: FigureStatistics[];
  /** In periods; percentiles that fall on draws that never pay back are null, and so is the mean if any draw never does. */
  paybackPeriod: FigureStatistics;
  carryoverValue: FigureStatistics;
  npvWithCarryover: FigureStatistics;
}

/** What `monteCarlo` returns: plain, JSON-serialisable data. */
export interface MonteCarloResult {
  draws: number;
  seed: number;
  summary: MonteCarloSummary;
  /** Share of draws with ROI over the horizon above 0; null when nothing is spent. */
  probabilityRoiPositive: number | null;
  /** Share of draws that pay back within the horizon. */
  probabilityPaysBack: number;
  /**
   * Per-period bands over the horizon (index t − 1): brand equity, revenue and cumulative
   * incremental profit Σ (Cₛ − C⁰ₛ − Uₛ − Dₛ), the curve that crosses 0 at payback.
   */
  bands: { equity: Band; revenue: Band; cumulativeIncrementalProfit: Band };
  /** How many draws the bands rest on: all of them, or a uniform random subset (at most `bandDraws`, default 5,000). */
  bandDraws: number;
  /** The uncertain fields' paths, in drawing order. */
  uncertainFields: string[];
}

/** A Monte Carlo run with the per-draw NPVs kept, for comparing scenarios draw by draw. */
export interface MonteCarloRun {
  result: MonteCarloResult;
  npv: Float64Array;
  npvWithCarryover: Float64Array;
}

/**
 * Monte Carlo over the model's `uncertainty`: in each draw every uncertain setting takes a
 * value from its distribution (truncated to the field's valid range by redrawing), the plan is
 * simulated with those values, and the key figures and per-period series are recorded.
 *
 * Draw d's value of a field depends only on (seed, d, field path), so the same seed gives the
 * same result, and models that share an uncertain field share its values draw by draw (common
 * random numbers; see `compareMonteCarlo`). A model without `uncertainty`, or whose ranges all
 * have zero spread, gives its deterministic figures as every statistic.
 *
 * Cost: two runs of the equations per draw (≈ 5–15 µs for 5 years monthly), plus sorting:
 * O(N (T + k) L + N log N). Memory: 9 + Y doubles per draw plus the bounded band store.
 *
 * @param model a model returned by `parseModel`
 * @throws {UncertaintyError} for invalid options, or when a field finds no valid value
 * @example monteCarlo(model, { draws: 10000, seed: 1 }).summary.npv.p10
 */
export function monteCarlo(model: Model, options: MonteCarloOptions): MonteCarloResult {
  return runMonteCarlo(model, options).result;
}

/** `monteCarlo`, also returning each draw's NPV and NPV with carryover. */
export function runMonteCarlo(model: Model, options: MonteCarloOptions): MonteCarloRun {
  const { draws, seed, bandDraws } = checkMonteCarloOptions(options);
  const fields = uncertainFields(model);
  checkDrawable(fields);
  // With no spread anywhere every draw is the same model: run it once, exactly as simulate does.
  const certain = fields.every((field) => field.fixed !== undefined);
  const runner = createDrawRunner(model, fields.map((field) => field.path), certain);
  const { periods } = runner;

  const drawn = createDrawFigures(draws, model.horizonYears);
  const reservoir = createBandReservoir(3, periods, draws, seed, bandDraws);
  const cumulative = new Float64Array(periods);
  const series = [runner.planned.equity, runner.planned.revenue, cumulative];
  const values = new Float64Array(fields.length);

  const certainSummary = certain ? runner.run(Float64Array.from(fields, (field) => field.fixed!)) : undefined;
  for (let draw = 0; draw < draws; draw += 1) {
    if (!certain) drawValues(fields, seed, draw, values);
    recordDraw(drawn, draw, certainSummary ?? runner.run(values));
    // Only draws the band store keeps need their series (most do not, beyond its capacity).
    const slot = reservoir.slotFor(draw);
    if (slot >= 0) {
      writeCumulativeProfit(runner, cumulative);
      reservoir.write(slot, series);
    }
  }

  const result: MonteCarloResult = {
    draws,
    seed,
    ...drawStatistics(drawn),
    bands: { equity: reservoir.band(0), revenue: reservoir.band(1), cumulativeIncrementalProfit: reservoir.band(2) },
    bandDraws: Math.min(draws, reservoir.capacity),
    uncertainFields: fields.map((field) => field.path),
  };
  const { npv, npvWithCarryover } = drawn.figures;
  return { result, npv, npvWithCarryover };
}
