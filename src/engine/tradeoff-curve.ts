import type { Model } from './model/model.ts';
import { createPlanEvaluator } from './sim/plan-evaluator.ts';
import { planSpend, valueForYear } from './sim/plan-spend.ts';

/** One horizon's line on the trade-off curve. */
export interface TradeoffLine {
  horizonYears: number;
  /** npvWithCarryover at each share of `TradeoffCurve.shares`. */
  values: number[];
  /** The share (0…1) that maximises npvWithCarryover, refined between grid points to within 1e-4. */
  bestShare: number;
  bestValue: number;
}

export interface TradeoffCurve {
  /** Upstream shares evaluated, 0 … 1. */
  shares: number[];
  lines: TradeoffLine[];
}

export const HORIZON_CHOICES = [1, 2, 3, 4, 5] as const;

/**
 * NPV with carryover against one upstream share for the whole horizon, for each horizon from 1
 * to 5 years: the picture of why the best split depends on how far ahead you look.
 *
 * Each year keeps the model's budget for that year; a horizon longer than the model's repeats
 * its last year's budget. A model given as an explicit plan contributes its yearly spend totals.
 * Only the share varies; everything else is the model as it is.
 *
 * Cost: horizons × (steps + 1 + ~25 refinement) runs of the equations, ~5 ms for the default.
 *
 * @param steps grid intervals between 0 and 1 (100 gives 1-point steps)
 */
export function tradeoffCurve(model: Model, steps = 100): TradeoffCurve {
  const shares = Array.from({ length: steps + 1 }, (_, index) => index / steps);
  const yearly = yearlyBudgets(model);
  const lines = HORIZON_CHOICES.map((horizonYears) => {
    const budgets = Array.from({ length: horizonYears }, (_, year) => yearly[Math.min(year, yearly.length - 1)]);
    const atHorizon: Model = { ...model, horizonYears, budget: { perYear: budgets, upstreamShare: 0 } };
    delete atHorizon.plan;
    const evaluator = createPlanEvaluator(atHorizon);
    const perPeriod = new Float64Array(evaluator.periods);
    for (let index = 0; index < perPeriod.length; index += 1) {
      perPeriod[index] = budgets[Math.floor(index / model.periodsPerYear)] / model.periodsPerYear;
    }
    const upstream = new Float64Array(evaluator.periods);
    const downstream = new Float64Array(evaluator.periods);
    const valueAt = (share: number) => {
      for (let index = 0; index < perPeriod.length; index += 1) {
        upstream[index] = share * perPeriod[index];
        downstream[index] = (1 - share) * perPeriod[index];
      }
      return evaluator.evaluate(upstream, downstream).npvWithCarryover;
    };
    const values = shares.map(valueAt);
    let bestIndex = 0;
    values.forEach((value, index) => { if (value > values[bestIndex]) bestIndex = index; });
    const best = refineMaximum(valueAt, shares[Math.max(0, bestIndex - 1)], shares[Math.min(steps, bestIndex + 1)], shares[bestIndex], values[bestIndex]);
    return { horizonYears, values, bestShare: best.share, bestValue: best.value };
  });
  return { shares, lines };
}

/** The model's budget for each of its years, from `budget.perYear` or from the plan's totals. */
export function yearlyBudgets(model: Model): number[] {
  if (model.plan === undefined && model.budget !== undefined) {
    const perYear = model.budget.perYear;
    return Array.from({ length: model.horizonYears }, (_, year) => valueForYear(perYear, year));
  }
  const spend = planSpend(model);
  return Array.from({ length: model.horizonYears }, (_, year) => {
    let total = 0;
    for (let index = year * model.periodsPerYear; index < (year + 1) * model.periodsPerYear; index += 1) {
      total += spend.upstream[index] + spend.downstream[index];
    }
    return total;
  });
}

const GOLDEN = (Math.sqrt(5) - 1) / 2;

/**
 * Golden-section search for the maximum of `value` on [low, high], starting from the best grid
 * point. Returns the grid point if the search finds nothing better (a flat or kinked curve).
 */
function refineMaximum(value: (share: number) => number, low: number, high: number, gridShare: number, gridValue: number) {
  let a = low;
  let b = high;
  let c = b - GOLDEN * (b - a);
  let d = a + GOLDEN * (b - a);
  let valueC = value(c);
  let valueD = value(d);
  for (let iteration = 0; iteration < 30 && b - a > 1e-4; iteration += 1) {
    if (valueC >= valueD) {
      b = d; d = c; valueD = valueC; c = b - GOLDEN * (b - a); valueC = value(c);
    } else {
      a = c; c = d; valueC = valueD; d = a + GOLDEN * (b - a); valueD = value(d);
    }
  }
  const share = valueC >= valueD ? c : d;
  const found = Math.max(valueC, valueD);
  return found > gridValue ? { share, value: found } : { share: gridShare, value: gridValue };
}
