import type { CompiledModel } from './compile-model.ts';
import { type ChannelSpendBuffers, type RunTrace, channelHistory, channelSpendBuffers, createRunTrace } from './run-model.ts';

/**
 * The buffers one `simulate` needs: the spend inputs of its runs and their traces.
 *
 * Allocating the typed arrays per call cost about a sixth of a call, so the last workspace is
 * kept and reused by the next call with the same shape (the app and the optimisers simulate one
 * model shape many times). `simulate` is synchronous and copies every number out before
 * returning, so no two calls ever share a workspace at once.
 */
export interface SimulationWorkspace {
  /** Each channel: its history in the lag window, then the plan, then zeros (or the model's spend after the horizon). */
  planned: ChannelSpendBuffers;
  /** Each channel: its history in the lag window, then zeros: the channel switched off. */
  switchedOff: ChannelSpendBuffers;
  /** Spend buffers for one run, pointing into `planned` and `switchedOff` channel by channel. */
  runSpend: ChannelSpendBuffers;
  /** Over the horizon and the carryover. */
  plannedRun: RunTrace;
  noSpendRun: RunTrace;
  /** Over the horizon and the carryover (a side with one channel reuses them as that channel's run). */
  withoutUpstreamRun: RunTrace;
  withoutDownstreamRun: RunTrace;
  /** One per channel, over the horizon and the carryover: the run without that channel's spend (spec §9.4). */
  withoutChannelRuns: RunTrace[];
}

let cached: { periods: number; extended: number; lagWindow: number; channels: number; workspace: SimulationWorkspace } | undefined;

/** A workspace for this model, filled with each channel's history and the given spend per channel and period. */
export function workspaceFor(model: CompiledModel, spend: readonly Float64Array[]): SimulationWorkspace {
  const { periods, lagWindow, channelCount } = model;
  const extended = periods + model.carryoverPeriods;
  if (cached === undefined || cached.periods !== periods || cached.extended !== extended || cached.lagWindow !== lagWindow
    || cached.channels !== channelCount) {
    cached = {
      periods,
      extended,
      lagWindow,
      channels: channelCount,
      workspace: {
        planned: channelSpendBuffers(model, null, extended),
        switchedOff: channelSpendBuffers(model, null, extended),
        runSpend: new Array<Float64Array>(channelCount),
        plannedRun: createRunTrace(extended),
        noSpendRun: createRunTrace(extended),
        withoutUpstreamRun: createRunTrace(extended),
        withoutDownstreamRun: createRunTrace(extended),
        withoutChannelRuns: Array.from({ length: channelCount }, () => createRunTrace(extended)),
      },
    };
  }
  const workspace = cached.workspace;
  for (let channel = 0; channel < channelCount; channel += 1) {
    const history = channelHistory(model, channel);
    const planned = workspace.planned[channel];
    planned.fill(history, 0, lagWindow);
    planned.set(spend[channel], lagWindow);
    planned.fill(0, lagWindow + periods);
    const switchedOff = workspace.switchedOff[channel];
    switchedOff.fill(history, 0, lagWindow);
    switchedOff.fill(0, lagWindow);
  }
  return workspace;
}

/**
 * Points `workspace.runSpend` at the planned spend of every channel except those for which
 * `off(channel)` holds, which spend nothing over the horizon; returns it.
 */
export function spendWith(model: CompiledModel, workspace: SimulationWorkspace, off: (channel: number) => boolean): ChannelSpendBuffers {
  for (let channel = 0; channel < model.channelCount; channel += 1) {
    workspace.runSpend[channel] = off(channel) ? workspace.switchedOff[channel] : workspace.planned[channel];
  }
  return workspace.runSpend;
}
