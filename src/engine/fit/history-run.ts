import type { Model } from '../model/model.ts';
import { type CompiledModel } from '../sim/compile-model.ts';
import { createRecompiler } from '../sim/recompile.ts';
import { type ChannelSpendBuffers, type RunTrace, channelSpendBuffers, createRunTrace, runModel } from '../sim/run-model.ts';
import type { HistoryTable } from './history-table.ts';

/**
 * The engine's part of the fit: the starting model run over the history as an explicit plan
 * (each channel's spend as recorded), from the starting state (its channels' spend before the
 * horizon and its starting equity), with some of its settings replaced by the values being
 * tried.
 *
 * Market size, growth and seasonality are not run here: in spec §4 step 5 each multiplies
 * demand, and so revenue, by a factor that does not depend on anything else, so in the log they
 * are terms added to log Rₜ (linear-terms.ts). The run therefore uses growth 0 and no
 * seasonality, and the fit adds them; the result is the spec's revenue exactly.
 */
export interface HistoryRun {
  /** T: rows of the history. */
  readonly periods: number;
  /** The compiled model as last set by `run` (its equity per period is in `trace`). */
  readonly compiled: CompiledModel;
  /** The last run's trace (equity, revenue, …) over the T rows. */
  readonly trace: RunTrace;
  /** Runs with the settings at `values` (one per path, in their units) and writes log Rₜ into `out`. */
  logRevenue(values: Float64Array, out: Float64Array): void;
  /**
   * After `logRevenue`: revenue per period with channel `channel` (upstream channels first)
   * spending 0 over the history, or every channel with `channel` = -1; into `out`.
   */
  revenueWithout(channel: number, out: Float64Array): void;
}

/**
 * Prepares runs of `start` over `history` in which the settings at `paths` vary.
 * @param start a valid model whose channels are the history's (same names, same order)
 */
export function createHistoryRun(start: Model, history: HistoryTable, paths: readonly string[]): HistoryRun {
  const periods = history.dates.length;
  const runnable = structuredClone(start);
  // Enough horizon for every row (the compiled demand array covers it), no carryover, no market terms.
  runnable.horizonYears = Math.ceil(periods / start.periodsPerYear);
  runnable.economics.carryoverYears = 0;
  runnable.market.growthPerYear = 0;
  runnable.market.seasonality = null;
  const recompiler = createRecompiler(runnable, paths);
  const compiled = recompiler.compiled;
  const spend = channelSpendBuffers(compiled, history.channels.map((channel) => channel.spend), periods);
  const trace = createRunTrace(periods);
  const otherTrace = createRunTrace(periods);
  const historyIn = new Float64Array(compiled.channelCount).fill(Number.NaN);
  const zero = channelSpendBuffers(compiled, null, periods);

  // A setting such as a channel's historyPerMonth changes what fills the lag window.
  const refreshHistory = (buffers: ChannelSpendBuffers[]) => {
    const upstreamCount = compiled.upstreamChannels.length;
    for (let channel = 0; channel < compiled.channelCount; channel += 1) {
      const before = channel < upstreamCount ? compiled.upstreamChannels[channel].history : compiled.downstreamChannels[channel - upstreamCount].history;
      if (historyIn[channel] === before) continue;
      historyIn[channel] = before;
      for (const buffer of buffers) buffer[channel].fill(before, 0, compiled.lagWindow);
    }
  };

  return {
    periods,
    compiled,
    trace,
    logRevenue(values, out) {
      recompiler.apply(values);
      refreshHistory([spend, zero]);
      runModel(compiled, spend, periods, trace);
      for (let index = 0; index < periods; index += 1) out[index] = Math.log(trace.revenue[index]);
    },
    revenueWithout(channel, out) {
      const buffers = channel < 0 ? zero : spend.map((row, index) => (index === channel ? zero[index] : row));
      runModel(compiled, buffers, periods, otherTrace);
      out.set(otherTrace.revenue);
    },
  };
}
