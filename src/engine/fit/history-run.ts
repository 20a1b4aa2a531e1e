import type { Model } from '../model/model.ts';
import { type CompiledModel } from '../sim/compile-model.ts';
import { createRecompiler } from '../sim/recompile.ts';
import { type ChannelSpendBuffers, type RunTape, type RunTrace, channelSpendBuffers, createRunTape, createRunTrace, runModel } from '../sim/run-model.ts';
import { createConstantsAdjoint, runAdjoint } from '../sim/run-adjoint.ts';
import { createSettingDerivatives } from '../sim/setting-derivatives.ts';
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
   * At `values`: rows[t][k] = ∂log Rₜ/∂(setting k) for the first rows.length rows t (a search
   * needs only the rows it fits), and, when given, finalEquity[k] = ∂E_T/∂(setting k) at the
   * last row, in the settings' own units. Exact: the adjoint of the run (run-adjoint.ts) with
   * respect to its constants, then the chain rule back to the settings (setting-derivatives.ts);
   * one reverse pass per row, each over the rows up to it (the run is causal), so n²/2 periods
   * for n rows.
   */
  jacobian(values: Float64Array, rows: Float64Array[], finalEquity?: Float64Array): void;
  /**
   * At `values`: out[k] = Σₜ weights[t] · ∂log Rₜ/∂(setting k), exactly, in one
   * reverse pass (the gradient of a weighted sum of the log revenue, such as a fit's objective)
   * from the last row with a weight (held-out rows weigh 0).
   */
  gradient(values: Float64Array, weights: Float64Array, out: Float64Array): void;
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
  let tape: RunTape | undefined;
  const adjoint = createConstantsAdjoint(compiled);
  const derivatives = createSettingDerivatives(runnable, paths, compiled);
  const revenueSeed = new Float64Array(periods);
  const equitySeed = new Float64Array(periods);
  const setValues = (values: Float64Array) => {
    recompiler.apply(values);
    refreshHistory([spend, zero]);
  };
  // The run, taping what the reverse pass reads: `logRevenue` does not tape, since a line
  // search calls it far more often. Same kernel, same buffers: the same numbers.
  const tapedRun = (values: Float64Array) => {
    setValues(values);
    tape ??= createRunTape(compiled, periods);
    runModel(compiled, spend, periods, trace, tape);
    return tape;
  };

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
      setValues(values);
      runModel(compiled, spend, periods, trace);
      for (let index = 0; index < periods; index += 1) out[index] = Math.log(trace.revenue[index]);
    },
    jacobian(values, rows, finalEquity) {
      const taped = tapedRun(values);
      for (let row = 0; row < rows.length; row += 1) {
        revenueSeed[row] = 1 / trace.revenue[row];
        runAdjoint(compiled, spend, trace, taped, { revenue: revenueSeed }, row, { constants: adjoint });
        derivatives.fromConstants(adjoint, values, rows[row]);
        revenueSeed[row] = 0;
      }
      if (finalEquity === undefined) return;
      equitySeed[periods - 1] = 1;
      runAdjoint(compiled, spend, trace, taped, { revenue: revenueSeed, equity: equitySeed }, periods - 1, { constants: adjoint });
      derivatives.fromConstants(adjoint, values, finalEquity);
      equitySeed[periods - 1] = 0;
    },
    gradient(values, weights, out) {
      const taped = tapedRun(values);
      let last = 0;
      for (let row = 0; row < periods; row += 1) {
        revenueSeed[row] = weights[row] / trace.revenue[row];
        if (weights[row] !== 0) last = row;
      }
      runAdjoint(compiled, spend, trace, taped, { revenue: revenueSeed }, last, { constants: adjoint });
      derivatives.fromConstants(adjoint, values, out);
      revenueSeed.fill(0);
    },
    revenueWithout(channel, out) {
      const buffers = channel < 0 ? zero : spend.map((row, index) => (index === channel ? zero[index] : row));
      runModel(compiled, buffers, periods, otherTrace);
      out.set(otherTrace.revenue);
    },
  };
}
