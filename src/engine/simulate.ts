import { compileModel } from './compile-model.ts';
import type { Model } from './model.ts';
import { planSpend } from './plan-spend.ts';
import type { PeriodResult, SimulationResult, Summary } from './results.ts';
import { createRunTrace, downstreamFor, runModel, upstreamWithHistory } from './run-model.ts';

/**
 * Simulates a validated model (spec §3–§7).
 *
 * Four runs of the equations: as planned and with no spend at all, each continued past the
 * horizon for the carryover (§6) — the no-spend run is both the ROI counterfactual and the
 * decomposition's base — and with only upstream or only downstream switched off, over the
 * horizon, for the revenue decomposition (§7).
 *
 * Cost: O((T + k) · L) for T periods, k carryover periods and a lag window of L periods.
 *
 * @param model a model returned by `parseModel` (an unvalidated one gives undefined results)
 * @returns plain, JSON-serialisable data
 */
export function simulate(model: Model): SimulationResult {
  const compiled = compileModel(model);
  const { periods, carryoverPeriods, periodsPerYear, discountFactor } = compiled;
  const extended = periods + carryoverPeriods;
  const spend = planSpend(model);

  const planned = createRunTrace(extended);
  runModel(compiled, upstreamWithHistory(compiled, spend.upstream, extended), downstreamFor(spend.downstream, extended), extended, planned);
  const noSpend = createRunTrace(extended);
  runModel(compiled, upstreamWithHistory(compiled, null, extended), downstreamFor(null, extended), extended, noSpend);
  const noUpstream = createRunTrace(periods);
  runModel(compiled, upstreamWithHistory(compiled, null, periods), spend.downstream, periods, noUpstream);
  const noDownstream = createRunTrace(periods);
  runModel(compiled, upstreamWithHistory(compiled, spend.upstream, periods), downstreamFor(null, periods), periods, noDownstream);

  const periodResults: PeriodResult[] = new Array(periods);
  let totalSpend = 0;
  let totalRevenue = 0;
  let npv = 0;
  let cumulativeIncrementalProfit = 0;
  let paybackPeriod: number | null = null;
  const roiByYear: (number | null)[] = [];
  let yearSpend = 0;
  let yearIncrementalContribution = 0;
  let incrementalContribution = 0;

  for (let index = 0; index < periods; index += 1) {
    const t = index + 1;
    const upstream = spend.upstream[index];
    const downstream = spend.downstream[index];
    const revenue = planned.revenue[index];
    const contribution = planned.contribution[index];
    const periodSpend = upstream + downstream;
    const profit = contribution - upstream - downstream;
    const base = noSpend.revenue[index];
    const withoutUpstream = noUpstream.revenue[index];
    const withoutDownstream = noDownstream.revenue[index];

    periodResults[index] = {
      t,
      upstream,
      downstream,
      equity: planned.equity[index],
      demand: planned.demand[index],
      conversion: planned.conversion[index],
      sales: planned.sales[index],
      revenue,
      contribution,
      profit,
      revenueBase: base,
      revenueUpstream: withoutDownstream - base,
      revenueDownstream: withoutUpstream - base,
      revenueSynergy: revenue - withoutUpstream - withoutDownstream + base,
    };

    totalSpend += periodSpend;
    totalRevenue += revenue;
    npv += profit * discountFactor[index];
    const incremental = contribution - noSpend.contribution[index];
    incrementalContribution += incremental;
    cumulativeIncrementalProfit += incremental - upstream - downstream;
    if (paybackPeriod === null && cumulativeIncrementalProfit >= 0) paybackPeriod = t;

    yearSpend += periodSpend;
    yearIncrementalContribution += incremental;
    if (t % periodsPerYear === 0) {
      roiByYear.push(returnOnSpend(yearIncrementalContribution, yearSpend));
      yearSpend = 0;
      yearIncrementalContribution = 0;
    }
  }

  let carryoverValue = 0;
  for (let index = periods; index < extended; index += 1) {
    carryoverValue += (planned.contribution[index] - noSpend.contribution[index]) * discountFactor[index];
  }

  const summary: Summary = {
    totalSpend,
    totalRevenue,
    finalEquity: planned.equity[periods - 1],
    npv,
    roi: returnOnSpend(incrementalContribution, totalSpend),
    roiByYear,
    paybackPeriod,
    carryoverValue,
    npvWithCarryover: npv + carryoverValue,
  };
  return { periods: periodResults, summary };
}

/** (incremental contribution − spend) / spend, or null when nothing was spent. */
function returnOnSpend(incrementalContribution: number, spend: number): number | null {
  return spend === 0 ? null : (incrementalContribution - spend) / spend;
}
