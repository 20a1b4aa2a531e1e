import type { CompiledModel } from './compile-model.ts';
import { hill } from './hill.ts';

/** What one run of the equations produces, per period (index t − 1). */
export interface RunTrace {
  equity: Float64Array;
  demand: Float64Array;
  conversion: Float64Array;
  sales: Float64Array;
  revenue: Float64Array;
  contribution: Float64Array;
}

export function createRunTrace(length: number): RunTrace {
  return {
    equity: new Float64Array(length),
    demand: new Float64Array(length),
    conversion: new Float64Array(length),
    sales: new Float64Array(length),
    revenue: new Float64Array(length),
    contribution: new Float64Array(length),
  };
}

/**
 * Upstream spend laid out for the lag window: entries 0 … L − 1 hold the history's spend per
 * period (t = 1 − L … 0), entry L + i holds period t = i + 1. `spend` may be shorter than
 * `length` (the rest is zero, as after the horizon; the kernels write the history's spend there
 * under the "history" carryover baseline, see `spendAfterHorizon`) or null (no spend at all).
 */
export function upstreamWithHistory(model: CompiledModel, spend: Float64Array | null, length: number): Float64Array {
  const buffer = new Float64Array(model.lagWindow + length);
  buffer.fill(model.historyUpstream, 0, model.lagWindow);
  if (spend !== null) buffer.set(spend.subarray(0, Math.min(spend.length, length)), model.lagWindow);
  return buffer;
}

/** Downstream spend for `length` periods: `spend` followed by zeros, or all zeros when null. */
export function downstreamFor(spend: Float64Array | null, length: number): Float64Array {
  const buffer = new Float64Array(length);
  if (spend !== null) buffer.set(spend.subarray(0, Math.min(spend.length, length)));
  return buffer;
}

/**
 * Writes the spend after the horizon (T < t ≤ length) into a run's spend buffers when the model
 * spends there: with `economics.carryoverBaseline` "history", both the plan and the zero-spend
 * run spend the history's amount per period after T (docs/model.md, "Carryover after the
 * horizon"). That spend belongs to the model, not to the plan, so the kernels write it
 * themselves at the start of every run (a Monte Carlo draw may change the history); with the
 * default "zero" they leave the buffers alone, and the layout (`upstreamWithHistory`,
 * `downstreamFor`) already holds zeros there.
 */
export function spendAfterHorizon(model: CompiledModel, upstream: Float64Array, downstream: Float64Array, length: number): void {
  if (!model.spendsAfterHorizon || length <= model.periods) return;
  upstream.fill(model.upstreamAfterHorizon, model.lagWindow + model.periods, model.lagWindow + length);
  downstream.fill(model.downstreamAfterHorizon, model.periods, length);
}

/**
 * Runs the equations of spec §4 for periods t = 1 … length and writes each period into `trace`.
 * Allocates nothing: the caller owns every buffer, so optimisers can call this in a loop.
 * Positions after the horizon are the model's: see `spendAfterHorizon`.
 *
 * With `upstream.shortTerm` (spec §9.3 for one upstream channel), conversion also adds
 * gₜ = c_liftˢ · Hill(aₜ; K'ˢ, Sˢ) of the upstream spend's own short-term adstock aₜ, which does
 * not enter insight feedback; without it the term is skipped and nothing else changes.
 *
 * @param upstream laid out by `upstreamWithHistory` (history first, for the lag window)
 * @param downstream spend per period, index t − 1
 */
export function runModel(
  model: CompiledModel,
  upstream: Float64Array,
  downstream: Float64Array,
  length: number,
  trace: RunTrace,
): void {
  const {
    lagWindow, lagWeights, lagFirst, lagLast, lagWeightSum, equityRetention, adstockRetention, maxEquity,
    upstreamHalfSaturation, upstreamShape, downstreamHalfSaturation, downstreamShape,
    insightFeedback, demandLift, conversionLift, baseConversion, maxConversionLift,
    valuePerSale, margin, demandBeforeBrand,
    shortTerm, shortTermRetention, shortTermHalfSaturation, shortTermShape, shortTermMaxConversionLift,
  } = model;
  spendAfterHorizon(model, upstream, downstream, length);
  const equityInflow = (1 - equityRetention) * maxEquity;
  const adstockInflow = 1 - adstockRetention;
  const shortTermInflow = 1 - shortTermRetention;
  const { equity, demand, conversion, sales, revenue, contribution } = trace;

  let equityStock = model.initialEquity;
  let adstock = model.initialAdstock;
  let shortTermAdstock = model.historyUpstream;
  for (let index = 0; index < length; index += 1) {
    // 1. Lagged upstream: a weighted average of spend over the last L + 1 periods (the lags
    // whose weights count: see `fillKeptLagWeights`).
    let laggedUpstream = 0;
    const current = lagWindow + index;
    for (let lag = lagFirst; lag <= lagLast; lag += 1) laggedUpstream += lagWeights[lag] * upstream[current - lag];
    laggedUpstream /= lagWeightSum;

    // 2. Downstream adstock, normalised so constant spend D holds it at D.
    adstock = adstockRetention * adstock + adstockInflow * downstream[index];
    const downstreamResponse = hill(adstock, downstreamHalfSaturation, downstreamShape);

    // 3–4. Insight feedback makes upstream work harder; equity is a slowly decaying stock.
    const effectiveUpstream = laggedUpstream * (1 + insightFeedback * downstreamResponse);
    equityStock = equityRetention * equityStock + equityInflow * hill(effectiveUpstream, upstreamHalfSaturation, upstreamShape);

    // 5–7. Brand enlarges demand and lifts conversion; downstream (and upstream's short-term
    // effect, when the model has one) adds conversion on top.
    const periodDemand = demandBeforeBrand[index] * (1 + demandLift * equityStock);
    let conversionBeforeBrand = baseConversion + maxConversionLift * downstreamResponse;
    if (shortTerm) {
      shortTermAdstock = shortTermRetention * shortTermAdstock + shortTermInflow * upstream[current];
      conversionBeforeBrand += shortTermMaxConversionLift * hill(shortTermAdstock, shortTermHalfSaturation, shortTermShape);
    }
    const periodConversion = Math.min(1, conversionBeforeBrand * (1 + conversionLift * equityStock));
    const periodSales = periodDemand * periodConversion;
    const periodRevenue = periodSales * valuePerSale;

    equity[index] = equityStock;
    demand[index] = periodDemand;
    conversion[index] = periodConversion;
    sales[index] = periodSales;
    revenue[index] = periodRevenue;
    contribution[index] = periodRevenue * margin;
  }
}
