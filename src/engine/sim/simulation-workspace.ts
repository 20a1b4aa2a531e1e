import type { CompiledModel } from './compile-model.ts';
import { type RunTrace, createRunTrace } from './run-model.ts';

/**
 * The buffers one `simulate` needs: the spend inputs of its four runs and their traces.
 *
 * Allocating some thirty typed arrays per call cost about a sixth of a call, so the last
 * workspace is kept and reused by the next call with the same sizes (the app and the
 * optimisers simulate one model shape many times). `simulate` is synchronous and copies every
 * number out before returning, so no two calls ever share a workspace at once.
 */
export interface SimulationWorkspace {
  /**
   * Upstream with the history's spend in the lag window, then the plan, then zeros (which
   * `runModel` replaces with the history's spend under the "history" carryover baseline).
   */
  plannedUpstream: Float64Array;
  /** Upstream with the history's spend in the lag window, then zeros. */
  noUpstream: Float64Array;
  plannedDownstream: Float64Array;
  noDownstream: Float64Array;
  /** Over the horizon and the carryover. */
  planned: RunTrace;
  noSpend: RunTrace;
  /** Over the horizon only. */
  withoutUpstream: RunTrace;
  withoutDownstream: RunTrace;
}

let cached: { periods: number; extended: number; lagWindow: number; workspace: SimulationWorkspace } | undefined;

/** A workspace for this model, filled with its history and the given spend per period. */
export function workspaceFor(model: CompiledModel, upstream: Float64Array, downstream: Float64Array): SimulationWorkspace {
  const { periods, lagWindow } = model;
  const extended = periods + model.carryoverPeriods;
  if (cached === undefined || cached.periods !== periods || cached.extended !== extended || cached.lagWindow !== lagWindow) {
    cached = {
      periods,
      extended,
      lagWindow,
      workspace: {
        plannedUpstream: new Float64Array(lagWindow + extended),
        noUpstream: new Float64Array(lagWindow + extended),
        plannedDownstream: new Float64Array(extended),
        noDownstream: new Float64Array(extended),
        planned: createRunTrace(extended),
        noSpend: createRunTrace(extended),
        withoutUpstream: createRunTrace(periods),
        withoutDownstream: createRunTrace(periods),
      },
    };
  }
  const workspace = cached.workspace;
  workspace.plannedUpstream.fill(model.historyUpstream, 0, lagWindow);
  workspace.plannedUpstream.set(upstream, lagWindow);
  workspace.plannedUpstream.fill(0, lagWindow + periods);
  workspace.noUpstream.fill(model.historyUpstream, 0, lagWindow);
  workspace.noUpstream.fill(0, lagWindow);
  workspace.plannedDownstream.set(downstream);
  workspace.plannedDownstream.fill(0, periods);
  workspace.noDownstream.fill(0);
  return workspace;
}
