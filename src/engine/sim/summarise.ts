import type { CompiledModel } from './compile-model.ts';
import { internalRateOfReturn } from './internal-rate-of-return.ts';
import type { SummaryFigures } from './results.ts';
import { carryoverValue as carryoverValueOf, discountedProfit, horizonRevenue } from './objective-from-run.ts';
import type { RunTrace } from './run-model.ts';

/**
 * The key figures of spec §5–§6 from two runs of the equations, each continued past the horizon
 * for the carryover: the planned one and the zero-spend counterfactual. The figures an optimiser
 * can maximise (npv, npvWithCarryover, totalRevenue) come from the functions of
 * objective-from-run.ts, so they are the optimisers' numbers to the last bit.
 *
 * @param upstream, downstream side totals of spend per period over the horizon (index t − 1, spec §9.2)
 */
export function summarise(
  model: CompiledModel,
  upstream: Float64Array,
  downstream: Float64Array,
  planned: RunTrace,
  noSpend: RunTrace,
): SummaryFigures {
  const { periods, carryoverPeriods, periodsPerYear, discountFactor } = model;
  let totalSpend = 0;
  let noSpendNpv = 0;
  let incrementalContribution = 0;
  let cumulativeIncrementalProfit = 0;
  let paybackPeriod: number | null = null;
  const roiByYear: (number | null)[] = [];

  // Year by year (T is whole years), so each year's ROI needs no test per period.
  for (let yearStart = 0; yearStart < periods; yearStart += periodsPerYear) {
    let yearSpend = 0;
    let yearIncrementalContribution = 0;
    const yearEnd = Math.min(periods, yearStart + periodsPerYear);
    for (let index = yearStart; index < yearEnd; index += 1) {
      const periodSpend = upstream[index] + downstream[index];
      const contribution = planned.contribution[index];
      const incremental = contribution - noSpend.contribution[index];
      totalSpend += periodSpend;
      noSpendNpv += noSpend.contribution[index] * discountFactor[index];
      incrementalContribution += incremental;
      cumulativeIncrementalProfit += incremental - upstream[index] - downstream[index];
      // §5: payback counts only once something has been spent (null with no spend at all).
      if (paybackPeriod === null && totalSpend > 0 && cumulativeIncrementalProfit >= 0) paybackPeriod = index + 1;
      yearSpend += periodSpend;
      yearIncrementalContribution += incremental;
    }
    if (yearEnd - yearStart === periodsPerYear) roiByYear.push(returnOnSpend(yearIncrementalContribution, yearSpend));
  }

  const npv = discountedProfit(model, upstream, downstream, planned.contribution);
  const carryoverValue = carryoverValueOf(model, planned.contribution, noSpend.contribution, periods);
  const flows = cashFlowBuffer(periods + carryoverPeriods);
  for (let index = 0; index < periods; index += 1) {
    flows[index] = planned.contribution[index] - noSpend.contribution[index] - upstream[index] - downstream[index];
  }
  for (let index = periods; index < periods + carryoverPeriods; index += 1) {
    flows[index] = planned.contribution[index] - noSpend.contribution[index];
  }

  // The value of the marketing itself: profit above the zero-spend run, which earns from
  // history and starting equity alone (docs/model.md, "Incremental NPV").
  const incrementalNpv = npv - noSpendNpv;
  return {
    totalSpend,
    totalRevenue: horizonRevenue(model, planned.revenue),
    finalEquity: planned.equity[periods - 1],
    npv,
    roi: returnOnSpend(incrementalContribution, totalSpend),
    roiByYear,
    paybackPeriod,
    carryoverValue,
    npvWithCarryover: npv + carryoverValue,
    noSpendNpv,
    incrementalNpv,
    incrementalNpvWithCarryover: incrementalNpv + carryoverValue,
    irr: totalSpend === 0 ? null : internalRateOfReturn(flows, periods + carryoverPeriods, periodsPerYear),
  };
}

/**
 * The marketing's incremental cash flow per period, reused between calls (summaries are made
 * in optimiser loops; allocating per call showed in their profiles).
 */
let cashFlows = new Float64Array(0);
function cashFlowBuffer(length: number): Float64Array {
  if (cashFlows.length < length) cashFlows = new Float64Array(length);
  return cashFlows;
}

/** (incremental contribution − spend) / spend, or null when nothing was spent. */
function returnOnSpend(incrementalContribution: number, spend: number): number | null {
  return spend === 0 ? null : (incrementalContribution - spend) / spend;
}
