import { compileModel } from './compile-model.ts';
import type { Model } from '../model/model.ts';
import { channelSpend, sideTotals } from './plan-spend.ts';
import type { ChannelSummary, PeriodResult, SimulationResult } from './results.ts';
import { type RunTrace, runModel } from './run-model.ts';
import { spendWith, workspaceFor } from './simulation-workspace.ts';
import { summarise } from './summarise.ts';
import type { CompiledModel } from './compile-model.ts';

/**
 * Simulates a validated model (spec §3–§7 and §9).
 *
 * Runs of the equations: as planned and with no spend at all, each continued past the horizon
 * for the carryover (§6; both then spend nothing, or the history's spend with
 * `economics.carryoverBaseline` "history", docs/model.md) — the no-spend run is both the ROI
 * counterfactual and the decomposition's base —; with each side switched off, for the revenue
 * decomposition (§7); and with each channel switched off, continued past the horizon, for the
 * per-channel results (§9.4). A side with a single channel reuses its side's run as the
 * channel's (the same spend), so a two-lever model costs four runs.
 *
 * Cost: O((T + k) · (channels + 4) · L) for T periods, k carryover periods and lag windows of L periods.
 * For the key figures alone, many times over, `createPlanEvaluator` is several times faster.
 *
 * @param model a model returned by `parseModel` (an unvalidated one gives undefined results)
 * @returns plain, JSON-serialisable data
 */
export function simulate(model: Model): SimulationResult {
  const compiled = compileModel(model);
  const { periods, carryoverPeriods, upstreamChannels, downstreamChannels, channelCount } = compiled;
  const extended = periods + carryoverPeriods;
  const spend = channelSpend(model);
  const totals = sideTotals(model, spend);
  const upstreamCount = upstreamChannels.length;
  const isUpstream = (channel: number) => channel < upstreamCount;

  const work = workspaceFor(compiled, spend);
  const { plannedRun: planned, noSpendRun: noSpend, withoutUpstreamRun: noUpstream, withoutDownstreamRun: noDownstream } = work;
  const upstreamRunLength = upstreamCount === 1 ? extended : periods;
  const downstreamRunLength = downstreamChannels.length === 1 ? extended : periods;
  runModel(compiled, spendWith(compiled, work, () => false), extended, planned);
  runModel(compiled, spendWith(compiled, work, () => true), extended, noSpend);
  runModel(compiled, spendWith(compiled, work, isUpstream), upstreamRunLength, noUpstream);
  runModel(compiled, spendWith(compiled, work, (channel) => !isUpstream(channel)), downstreamRunLength, noDownstream);
  const withoutChannel: RunTrace[] = new Array(channelCount);
  for (let channel = 0; channel < channelCount; channel += 1) {
    if (isUpstream(channel) && upstreamCount === 1) withoutChannel[channel] = noUpstream;
    else if (!isUpstream(channel) && downstreamChannels.length === 1) withoutChannel[channel] = noDownstream;
    else {
      withoutChannel[channel] = work.withoutChannelRuns[channel];
      runModel(compiled, spendWith(compiled, work, (other) => other === channel), extended, withoutChannel[channel]);
    }
  }

  const names = [...upstreamChannels, ...downstreamChannels].map((channel) => channel.name);
  const periodResults: PeriodResult[] = new Array(periods);
  for (let index = 0; index < periods; index += 1) {
    const upstream = totals.upstream[index];
    const downstream = totals.downstream[index];
    const revenue = planned.revenue[index];
    const contribution = planned.contribution[index];
    const base = noSpend.revenue[index];
    const withoutUpstream = noUpstream.revenue[index];
    const withoutDownstream = noDownstream.revenue[index];
    const channelSpendInPeriod: Record<string, number> = {};
    for (let channel = 0; channel < channelCount; channel += 1) channelSpendInPeriod[names[channel]] = spend[channel][index];
    periodResults[index] = {
      t: index + 1,
      upstream,
      downstream,
      equity: planned.equity[index],
      demand: planned.demand[index],
      conversion: planned.conversion[index],
      sales: planned.sales[index],
      revenue,
      contribution,
      profit: contribution - upstream - downstream,
      revenueBase: base,
      revenueUpstream: withoutDownstream - base,
      revenueDownstream: withoutUpstream - base,
      revenueSynergy: revenue - withoutUpstream - withoutDownstream + base,
      spend: channelSpendInPeriod,
    };
  }

  const channels = names.map((name, channel) => channelSummary(
    compiled, name, isUpstream(channel) ? 'upstream' : 'downstream', spend[channel], planned, withoutChannel[channel],
  ));
  return { periods: periodResults, summary: { ...summarise(compiled, totals.upstream, totals.downstream, planned, noSpend), channels } };
}

/**
 * One channel's results (spec §9.4) from the planned run and the run without the channel's
 * spend, both continued past the horizon.
 */
export function channelSummary(
  model: CompiledModel, name: string, side: 'upstream' | 'downstream', spend: Float64Array, planned: RunTrace, without: RunTrace,
): ChannelSummary {
  let totalSpend = 0;
  let incrementalRevenue = 0;
  let incrementalContribution = 0;
  for (let index = 0; index < model.periods; index += 1) {
    totalSpend += spend[index];
    incrementalRevenue += planned.revenue[index] - without.revenue[index];
    incrementalContribution += planned.contribution[index] - without.contribution[index];
  }
  return {
    name,
    side,
    spend: totalSpend,
    incrementalRevenue,
    roi: totalSpend === 0 ? null : (incrementalContribution - totalSpend) / totalSpend,
    valueAdded: channelValueAdded(model, spend, planned, without),
  };
}

/**
 * A channel's value added (spec §9.4): how much npvWithCarryover falls without its spend, from
 * the planned run and the run without the channel's spend, both continued over the carryover.
 * Simulate and each Monte Carlo draw (`channelValues`) sum it here.
 */
export function channelValueAdded(model: CompiledModel, spend: Float64Array, planned: RunTrace, without: RunTrace): number {
  const { periods, carryoverPeriods, discountFactor } = model;
  let valueAdded = 0;
  for (let index = 0; index < periods; index += 1) {
    // πₜ − π⁻ⁱₜ: the runs differ in contribution and in this channel's spend.
    valueAdded += (planned.contribution[index] - without.contribution[index] - spend[index]) * discountFactor[index];
  }
  for (let index = periods; index < periods + carryoverPeriods; index += 1) {
    valueAdded += (planned.contribution[index] - without.contribution[index]) * discountFactor[index];
  }
  return valueAdded;
}
