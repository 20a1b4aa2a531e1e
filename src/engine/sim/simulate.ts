import { compileModel } from './compile-model.ts';
import type { Model } from '../model/model.ts';
import { planSpend } from './plan-spend.ts';
import type { PeriodResult, SimulationResult } from './results.ts';
import { runModel } from './run-model.ts';
import { workspaceFor } from './simulation-workspace.ts';
import { summarise } from './summarise.ts';

/**
 * Simulates a validated model (spec §3–§7).
 *
 * Four runs of the equations: as planned and with no spend at all, each continued past the
 * horizon for the carryover (§6; both then spend nothing, or the history's spend with
 * `economics.carryoverBaseline` "history", docs/model.md) — the no-spend run is both the ROI counterfactual and the
 * decomposition's base — and with only upstream or only downstream switched off, over the
 * horizon, for the revenue decomposition (§7).
 *
 * Cost: O((T + k) · L) for T periods, k carryover periods and a lag window of L periods.
 * For the key figures alone, many times over, `createPlanEvaluator` is about twice as fast.
 *
 * @param model a model returned by `parseModel` (an unvalidated one gives undefined results)
 * @returns plain, JSON-serialisable data
 */
export function simulate(model: Model): SimulationResult {
  const compiled = compileModel(model);
  const { periods, carryoverPeriods } = compiled;
  const extended = periods + carryoverPeriods;
  const spend = planSpend(model);

  const work = workspaceFor(compiled, spend.upstream, spend.downstream);
  const { planned, noSpend, withoutUpstream: noUpstream, withoutDownstream: noDownstream } = work;
  runModel(compiled, work.plannedUpstream, work.plannedDownstream, extended, planned);
  runModel(compiled, work.noUpstream, work.noDownstream, extended, noSpend);
  runModel(compiled, work.noUpstream, work.plannedDownstream, periods, noUpstream);
  runModel(compiled, work.plannedUpstream, work.noDownstream, periods, noDownstream);

  const periodResults: PeriodResult[] = new Array(periods);
  for (let index = 0; index < periods; index += 1) {
    const upstream = spend.upstream[index];
    const downstream = spend.downstream[index];
    const revenue = planned.revenue[index];
    const contribution = planned.contribution[index];
    const base = noSpend.revenue[index];
    const withoutUpstream = noUpstream.revenue[index];
    const withoutDownstream = noDownstream.revenue[index];
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
    };
  }

  return { periods: periodResults, summary: summarise(compiled, spend.upstream, spend.downstream, planned, noSpend) };
}
