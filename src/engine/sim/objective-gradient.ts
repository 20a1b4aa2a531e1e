import type { CompiledModel } from './compile-model.ts';
import { hill } from './hill.ts';
import { createRunTrace, downstreamFor, runTwoLeverModel, spendAfterHorizon, upstreamWithHistory } from './run-model.ts';
import type { Objective } from './objectives.ts';

/**
 * An objective and its gradient with respect to every period's spend, for gradient-based
 * optimisers. `value` runs the equations once and keeps what the backward pass needs;
 * `gradient` then differentiates that run in reverse (the adjoint method).
 */
export interface ObjectiveGradient {
  /** T: the plan's length in periods. */
  readonly periods: number;
  /**
   * The objective for spend per period over the horizon (index t − 1): the same number as
   * `createPlanEvaluator(model).evaluate(upstream, downstream)[objective.name]`, computed in the
   * same order. One run of the equations; remembers the run for `gradient`.
   */
  value(upstream: Float64Array, downstream: Float64Array): number;
  /**
   * Writes ∂objective/∂Uₜ and ∂objective/∂Dₜ at the plan last passed to `value`.
   * Costs less than one run of the equations (measured 0.2–0.6 of a plan evaluation for
   * 5-year models), with no allocation.
   * At the kink of the conversion cap min(1, ·), the derivative from below the cap is used
   * when conversion is under 1, and 0 when it is capped.
   * @throws {Error} when called before `value`
   */
  gradient(upstreamOut: Float64Array, downstreamOut: Float64Array): void;
}

/** An objective gradient that also counts its cost in runs of the equations. */
export interface CountedObjectiveGradient extends ObjectiveGradient {
  /** Runs of the equations so far (a value or a gradient pass is counted as one run). */
  readonly runs: number;
}

/**
 * Prepares reverse-mode differentiation of an objective through the recurrence of spec §4
 * (lag window, downstream adstock, insight feedback, equity stock, demand, capped conversion),
 * §5 (NPV, discounting) and §6 (the carryover periods, with zero spend, or with the history's
 * spend under `economics.carryoverBaseline` "history": the model's, not a decision, so it has no
 * gradient), and upstream's short-term effect on conversion when the model has one.
 *
 * Backward pass, per period i from the last to the first, with x̄ = ∂objective/∂x:
 *   R̄ᵢ = objective weight (1, or margin · discount)
 *   Ēᵢ = R̄ᵢ·v·(cᵢ·N'ᵢλ + Nᵢ·[qᵢ<1]·(c₀ + c_lift·hᵢ)μ) + ρ_E·Ēᵢ₊₁
 *   x̄ᵢ = Ēᵢ·(1 − ρ_E)·maxEquity·Hill'(xᵢ)          b̄ᵢ = x̄ᵢ·(1 + κhᵢ)
 *   h̄ᵢ = R̄ᵢ·v·Nᵢ·[qᵢ<1]·c_lift·(1 + μEᵢ) + x̄ᵢ·bᵢκ     āᵢ = h̄ᵢ·Hill'(aᵢ) + ρ_D·āᵢ₊₁
 *   D̄ᵢ = (1 − ρ_D)·āᵢ,   Ū₍ᵢ₋ₗ₎ += b̄ᵢ·wₗ / Σw
 * with a short-term effect gᵢ = c_liftˢ·Hill(aˢᵢ) in the conversion (and (c₀ + c_lift·hᵢ + gᵢ)
 * in Ēᵢ above):
 *   āˢᵢ = R̄ᵢ·v·Nᵢ·[qᵢ<1]·(1 + μEᵢ)·c_liftˢ·Hill'(aˢᵢ) + ρˢ·āˢᵢ₊₁,   Ūᵢ += (1 − ρˢ)·āˢᵢ
 * and the spend's own cost, −discount, for the NPV objectives.
 * Cost: O((T + k) · L) per call of either method, like one run.
 */
export function createObjectiveGradient(model: CompiledModel, objective: Objective): ObjectiveGradient {
  const { periods, lagWindow, lagWeights, lagFirst, lagLast, lagWeightSum, discountFactor, demandBeforeBrand } = model;
  const length = objective.includesCarryover ? periods + model.carryoverPeriods : periods;

  // The zero-spend run: only the carryover value subtracts it, but computing it always is cheap.
  const noSpend = createRunTrace(length);
  runTwoLeverModel(model, upstreamWithHistory(model, null, length), downstreamFor(null, length), length, noSpend);

  const upstreamBuffer = upstreamWithHistory(model, null, length);
  const downstreamBuffer = downstreamFor(null, length);
  const upstreamAdjoint = new Float64Array(periods);
  const tape = {
    laggedUpstream: new Float64Array(length),
    adstock: new Float64Array(length),
    downstreamResponse: new Float64Array(length),
    effectiveUpstream: new Float64Array(length),
    upstreamResponse: new Float64Array(length),
    equity: new Float64Array(length),
    demand: new Float64Array(length),
    uncappedConversion: new Float64Array(length),
    conversion: new Float64Array(length),
    // Upstream's short-term effect (all 0 without upstream.shortTerm): its adstock, Hill(adstock) and c_liftˢ·Hill.
    shortTermAdstock: new Float64Array(length),
    shortTermResponse: new Float64Array(length),
    shortTermEffect: new Float64Array(length),
  };
  let recorded = false;

  /** ∂objective/∂revenue in period index i. */
  const revenueWeight = new Float64Array(length);
  /** ∂objective/∂(its own spend) in period index i < T: the spend's discounted cost. */
  const spendWeight = new Float64Array(periods);
  for (let index = 0; index < length; index += 1) {
    revenueWeight[index] = objective.discounted ? model.margin * discountFactor[index] : 1;
    if (index < periods && objective.spendIsCost) spendWeight[index] = objective.discounted ? discountFactor[index] : 1;
  }

  return {
    periods,
    value(upstream, downstream) {
      upstreamBuffer.set(upstream, lagWindow);
      downstreamBuffer.set(downstream);
      forward();
      recorded = true;
      // Summed in the order `summarise` uses, so the value is the evaluator's to the last bit.
      const { conversion, demand } = tape;
      let total = 0;
      if (!objective.spendIsCost) {
        for (let index = 0; index < periods; index += 1) total += demand[index] * conversion[index] * model.valuePerSale;
        return total;
      }
      for (let index = 0; index < periods; index += 1) {
        const contribution = demand[index] * conversion[index] * model.valuePerSale * model.margin;
        total += (contribution - upstream[index] - downstream[index]) * discountFactor[index];
      }
      if (!objective.includesCarryover) return total;
      let carryover = 0;
      for (let index = periods; index < length; index += 1) {
        const contribution = demand[index] * conversion[index] * model.valuePerSale * model.margin;
        carryover += (contribution - noSpend.contribution[index]) * discountFactor[index];
      }
      return total + carryover;
    },
    gradient(upstreamOut, downstreamOut) {
      if (!recorded) throw new Error('gradient needs a plan: call value first');
      backward(upstreamOut, downstreamOut);
    },
  };

  /** runTwoLeverModel's loop, operation for operation, keeping the intermediate values. */
  function forward(): void {
    const {
      equityRetention, adstockRetention, maxEquity, upstreamHalfSaturation, upstreamShape,
      downstreamHalfSaturation, downstreamShape, insightFeedback, demandLift, conversionLift,
      baseConversion, maxConversionLift,
      shortTerm, shortTermRetention, shortTermHalfSaturation, shortTermShape, shortTermMaxConversionLift,
    } = model;
    spendAfterHorizon(model, upstreamBuffer, downstreamBuffer, length);
    const equityInflow = (1 - equityRetention) * maxEquity;
    const adstockInflow = 1 - adstockRetention;
    const shortTermInflow = 1 - shortTermRetention;
    let equityStock = model.initialEquity;
    let adstock = model.initialAdstock;
    let shortTermAdstock = model.historyUpstream;
    for (let index = 0; index < length; index += 1) {
      let laggedUpstream = 0;
      const current = lagWindow + index;
      for (let lag = lagFirst; lag <= lagLast; lag += 1) laggedUpstream += lagWeights[lag] * upstreamBuffer[current - lag];
      laggedUpstream /= lagWeightSum;
      adstock = adstockRetention * adstock + adstockInflow * downstreamBuffer[index];
      const downstreamResponse = hill(adstock, downstreamHalfSaturation, downstreamShape);
      const effectiveUpstream = laggedUpstream * (1 + insightFeedback * downstreamResponse);
      const upstreamResponse = hill(effectiveUpstream, upstreamHalfSaturation, upstreamShape);
      equityStock = equityRetention * equityStock + equityInflow * upstreamResponse;
      let conversionBeforeBrand = baseConversion + maxConversionLift * downstreamResponse;
      if (shortTerm) {
        shortTermAdstock = shortTermRetention * shortTermAdstock + shortTermInflow * upstreamBuffer[current];
        const shortTermResponse = hill(shortTermAdstock, shortTermHalfSaturation, shortTermShape);
        const shortTermEffect = shortTermMaxConversionLift * shortTermResponse;
        conversionBeforeBrand += shortTermEffect;
        tape.shortTermAdstock[index] = shortTermAdstock;
        tape.shortTermResponse[index] = shortTermResponse;
        tape.shortTermEffect[index] = shortTermEffect;
      }
      const uncapped = conversionBeforeBrand * (1 + conversionLift * equityStock);

      tape.laggedUpstream[index] = laggedUpstream;
      tape.adstock[index] = adstock;
      tape.downstreamResponse[index] = downstreamResponse;
      tape.effectiveUpstream[index] = effectiveUpstream;
      tape.upstreamResponse[index] = upstreamResponse;
      tape.equity[index] = equityStock;
      tape.demand[index] = demandBeforeBrand[index] * (1 + demandLift * equityStock);
      tape.uncappedConversion[index] = uncapped;
      tape.conversion[index] = Math.min(1, uncapped);
    }
  }

  function backward(upstreamOut: Float64Array, downstreamOut: Float64Array): void {
    const {
      equityRetention, adstockRetention, maxEquity, upstreamHalfSaturation, upstreamShape,
      downstreamHalfSaturation, downstreamShape, insightFeedback, demandLift, conversionLift,
      baseConversion, maxConversionLift, valuePerSale,
      shortTerm, shortTermRetention, shortTermHalfSaturation, shortTermShape, shortTermMaxConversionLift,
    } = model;
    const equityInflow = (1 - equityRetention) * maxEquity;
    const adstockInflow = 1 - adstockRetention;
    const shortTermInflow = 1 - shortTermRetention;
    upstreamAdjoint.fill(0);
    let equityAdjoint = 0; // ∂objective/∂Eᵢ₊₁, carried backwards
    let adstockAdjoint = 0; // ∂objective/∂aᵢ₊₁
    let shortTermAdjoint = 0; // ∂objective/∂aˢᵢ₊₁
    for (let index = length - 1; index >= 0; index -= 1) {
      const revenueAdjoint = revenueWeight[index] * valuePerSale;
      const demand = tape.demand[index];
      const equity = tape.equity[index];
      const downstreamResponse = tape.downstreamResponse[index];
      // Above the cap, conversion no longer responds to anything.
      const conversionAdjoint = tape.uncappedConversion[index] < 1 ? revenueAdjoint * demand : 0;
      const demandAdjoint = revenueAdjoint * tape.conversion[index];

      equityAdjoint = demandAdjoint * demandBeforeBrand[index] * demandLift
        + conversionAdjoint * (baseConversion + maxConversionLift * downstreamResponse + tape.shortTermEffect[index]) * conversionLift
        + equityRetention * equityAdjoint;
      const effectiveAdjoint = equityAdjoint * equityInflow
        * hillSlope(tape.effectiveUpstream[index], tape.upstreamResponse[index], upstreamHalfSaturation, upstreamShape);
      const laggedAdjoint = effectiveAdjoint * (1 + insightFeedback * downstreamResponse);
      const responseAdjoint = conversionAdjoint * maxConversionLift * (1 + conversionLift * equity)
        + effectiveAdjoint * tape.laggedUpstream[index] * insightFeedback;
      adstockAdjoint = responseAdjoint * hillSlope(tape.adstock[index], downstreamResponse, downstreamHalfSaturation, downstreamShape)
        + adstockRetention * adstockAdjoint;
      if (index < periods) downstreamOut[index] = adstockInflow * adstockAdjoint - spendWeight[index];

      // Upstream's short-term effect: this period's spend feeds its own adstock directly.
      if (shortTerm) {
        shortTermAdjoint = conversionAdjoint * (1 + conversionLift * equity) * shortTermMaxConversionLift
          * hillSlope(tape.shortTermAdstock[index], tape.shortTermResponse[index], shortTermHalfSaturation, shortTermShape)
          + shortTermRetention * shortTermAdjoint;
        if (index < periods) upstreamAdjoint[index] += shortTermInflow * shortTermAdjoint;
      }

      // Spend in period index − lag fed this period's lagged upstream; history (before t = 1)
      // and the spend after the horizon (zero, or the history's) are not variables.
      const spread = laggedAdjoint / lagWeightSum;
      // Only the lags whose weights count (the others are 0: see `fillKeptLagWeights`).
      const lastLag = Math.min(lagLast, index);
      for (let lag = Math.max(lagFirst, index - periods + 1); lag <= lastLag; lag += 1) {
        upstreamAdjoint[index - lag] += lagWeights[lag] * spread;
      }
    }
    for (let index = 0; index < periods; index += 1) upstreamOut[index] = upstreamAdjoint[index] - spendWeight[index];
  }
}

/**
 * dHill/dx = S · h · (1 − h) / x, from h = Hill(x) already computed. At x = 0 the slope is
 * 0 (S > 1), 1/K (S = 1) or infinite (S < 1); it is taken a billionth of K away from 0, which
 * gives those limits where finite and a large finite slope where not, so a gradient never
 * holds NaN or ∞.
 */
function hillSlope(x: number, response: number, halfSaturation: number, shape: number): number {
  const floor = halfSaturation * 1e-9;
  if (x < floor) {
    const nearZero = hill(floor, halfSaturation, shape);
    return (shape * nearZero * (1 - nearZero)) / floor;
  }
  return (shape * response * (1 - response)) / x;
}

/**
 * ∂objective/∂Uₜ and ∂objective/∂Dₜ at one plan, in new arrays: one run and one reverse pass.
 * For a single question about a plan (its marginal ROI); optimisers keep an `ObjectiveGradient`
 * and reuse its buffers instead.
 */
export function objectiveGradientAt(
  model: CompiledModel, objective: Objective, upstream: Float64Array, downstream: Float64Array,
): { upstream: Float64Array; downstream: Float64Array } {
  const gradient = createObjectiveGradient(model, objective);
  gradient.value(upstream, downstream);
  const result = { upstream: new Float64Array(model.periods), downstream: new Float64Array(model.periods) };
  gradient.gradient(result.upstream, result.downstream);
  return result;
}
