import type { Model } from '../model.ts';
import { checkDrawable } from './check-uncertainty.ts';
import { createDrawFigures, recordRuns } from './draw-figures.ts';
import { createDrawRunner } from './draw-runner.ts';
import { drawValues, uncertainFields } from './uncertain-fields.ts';

/** How long a Monte Carlo run should take, and of what. */
export interface RunTimeEstimate {
  /** Expected wall time of the whole run on one core, in seconds. */
  seconds: number;
  draws: number;
  /** T: periods per draw over the horizon (the carryover runs too, but people think in T). */
  periods: number;
  /** The measured cost of one draw, in milliseconds. */
  msPerDraw: number;
}

export interface RunTimeEstimateOptions {
  /** Milliseconds now (default `performance.now`). */
  clock?: () => number;
  /** Time spent measuring, at most (default 150 ms, plus one block of draws); usually 40–60 ms. */
  budgetMs?: number;
}

/**
 * The real run's costs beyond the draws the calibration times: recording into arrays of N
 * figures, the bands' series, percentiles, and the garbage of N draws. Measured on this
 * machine: a run of 10,000 to 100,000 draws took 1.1 to 1.6 times the calibration's rate
 * (5-year monthly and weekly models), so the estimate adds 30 %.
 */
const OVERHEAD = 1.3;

/**
 * Estimates how long `monteCarlo(model, { draws })` will take, from a cheap calibration: it
 * times the draws the run itself would make (drawing the values, the two runs of the
 * equations, recording the figures) on this model (`calibrateMsPerDraw`), then scales:
 *
 *   seconds = ms per draw × draws × 1.3 / 1000.
 *
 * A draw's cost does not depend on which draw it is, but on the model (periods, kept lags,
 * where spend stops), which is why the calibration runs this model rather than using a
 * formula. A run in Web Workers takes about this divided by the number of workers. A later
 * run is unaffected (the calibration has a runner and buffers of its own).
 *
 * Cost: 40–60 ms usually, at most `budgetMs` plus one block of draws.
 * @throws {UncertaintyError} as `monteCarlo` does, when a setting cannot be drawn
 * @example estimateMonteCarloSeconds(model, 100000).seconds // 4.2
 */
export function estimateMonteCarloSeconds(model: Model, draws: number, options: RunTimeEstimateOptions = {}): RunTimeEstimate {
  const clock = options.clock ?? (() => performance.now());
  const periods = model.periodsPerYear * model.horizonYears;
  const fields = uncertainFields(model);
  checkDrawable(fields);
  // Without a spread, Monte Carlo runs the model once: nothing worth estimating.
  if (fields.every((field) => field.fixed !== undefined)) return { seconds: 0, draws, periods, msPerDraw: 0 };

  const runner = createDrawRunner(model, fields.map((field) => field.path));
  const figures = createDrawFigures(1, model.horizonYears);
  const values = new Float64Array(fields.length);
  let draw = 0;
  const timeBlock = (count: number) => {
    const start = clock();
    for (let index = 0; index < count; index += 1, draw += 1) {
      drawValues(fields, 0, draw, values);
      runner.runTraces(values);
      recordRuns(figures, 0, runner);
    }
    return clock() - start;
  };
  const msPerDraw = calibrateMsPerDraw(timeBlock, options.budgetMs);
  return { seconds: (msPerDraw * draws * OVERHEAD) / 1000, draws, periods, msPerDraw };
}

/**
 * Draws are timed in blocks of about BLOCK_MS; the calibration ends once it has spent MIN_MS
 * and the fastest block has not improved by more than 10 % for STEADY_BLOCKS blocks, or after
 * the budget.
 */
const BLOCK_MS = 2;
const MIN_MS = 40;
const STEADY_BLOCKS = 5;

/**
 * The cost of one draw once the code is warm, in milliseconds. In a fresh process the first
 * draws are many times slower (V8 has not compiled the loop yet: measured 0.6 ms a draw against
 * 0.02 ms warm), so draws are timed in blocks of about 2 ms (one draw first), for at least
 * 40 ms and until the fastest block's rate has settled (5 blocks in a row without a 10 %
 * improvement), at most `budgetMs`. The fastest block's rate is the answer: other work on the
 * machine only ever slows a block down.
 *
 * @param timeBlock runs `count` draws and returns the milliseconds they took
 * @example calibrateMsPerDraw((count) => count * 0.05) // 0.05
 */
export function calibrateMsPerDraw(timeBlock: (count: number) => number, budgetMs = 150): number {
  let spent = 0;
  let blockSize = 1;
  let fastest = Infinity;
  // Blocks since the fastest rate last improved by more than 10 %.
  let steadyBlocks = 0;
  for (;;) {
    const ms = timeBlock(blockSize);
    spent += ms;
    const rate = ms / blockSize;
    steadyBlocks = rate < 0.9 * fastest ? 0 : steadyBlocks + 1;
    fastest = Math.min(fastest, rate);
    if ((spent >= MIN_MS && steadyBlocks >= STEADY_BLOCKS) || spent >= budgetMs) return fastest;
    // Blocks of about BLOCK_MS, well above the clock's resolution.
    blockSize = Math.max(1, Math.min(100_000, Math.round(BLOCK_MS / Math.max(fastest, 1e-6))));
  }
}

/**
 * The estimate in words, for the command's stderr and the app's risk panel:
 * "About 4 s for 100,000 draws of 260 periods", "About 0.3 s for …", "About 2 min 10 s for …".
 * @param workers how many cores share the run (the app's Web Workers); the time is divided by it
 */
export function describeRunTime(estimate: RunTimeEstimate, workers = 1): string {
  const seconds = estimate.seconds / Math.max(1, workers);
  const what = `${estimate.draws.toLocaleString('en-US')} draws of ${estimate.periods.toLocaleString('en-US')} periods`;
  const cores = workers > 1 ? ` on ${workers} cores` : '';
  return `About ${durationText(seconds)} for ${what}${cores}`;
}

/** 0.04 → "0.04 s" (two significant digits below 1 s), 4.26 → "4 s", 130 → "2 min 10 s". */
function durationText(seconds: number): string {
  if (seconds < 1) return `${Number(seconds.toPrecision(seconds < 0.01 ? 1 : 2))} s`;
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const whole = Math.round(seconds);
  const minutes = Math.floor(whole / 60);
  const rest = whole % 60;
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}
