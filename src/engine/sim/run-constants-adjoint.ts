import type { CompiledModel } from './compile-model.ts';
import { hillHalfSaturationSlope, hillShapeSlope, hillSlope } from './hill.ts';
import type { ChannelSpendBuffers, RunTape, RunTrace } from './run-model.ts';

/** ∂J/∂(an upstream channel's constants): see `runConstantsAdjoint`. */
export interface UpstreamConstantsAdjoint {
  /** The spend per period before the horizon: the lag window's history and the short-term adstock's start. */
  history: number;
  /** One per lag (0 … Lᵢ); 0 for the lags that do not count. Each weight as if the others stayed put (Σ w changes with it). */
  lagWeights: Float64Array;
  halfSaturation: number;
  shape: number;
  equityShare: number;
  shortTermRetention: number;
  shortTermHalfSaturation: number;
  shortTermShape: number;
  shortTermMaxConversionLift: number;
}

/** ∂J/∂(a downstream channel's constants). */
export interface DownstreamConstantsAdjoint {
  /** The spend per period before the horizon, which is also the adstock's start dⱼ,₀. */
  history: number;
  retention: number;
  halfSaturation: number;
  shape: number;
  maxConversionLift: number;
}

/**
 * ∂J/∂(each constant of a compiled model that a run reads), for the J of `runConstantsAdjoint`.
 * Per-period arrays (demand before the brand, discount factors) are not included.
 */
export interface ConstantsAdjoint {
  initialEquity: number;
  equityRetention: number;
  maxEquity: number;
  demandLift: number;
  conversionLift: number;
  insightFeedback: number;
  baseConversion: number;
  valuePerSale: number;
  upstream: UpstreamConstantsAdjoint[];
  downstream: DownstreamConstantsAdjoint[];
}

/** A zeroed adjoint for `model`'s channels, for `runConstantsAdjoint` to write into again and again. */
export function createConstantsAdjoint(model: CompiledModel): ConstantsAdjoint {
  return {
    initialEquity: 0, equityRetention: 0, maxEquity: 0, demandLift: 0, conversionLift: 0, insightFeedback: 0, baseConversion: 0, valuePerSale: 0,
    upstream: model.upstreamChannels.map((channel) => ({
      history: 0, lagWeights: new Float64Array(channel.lagWeights.length), halfSaturation: 0, shape: 0, equityShare: 0,
      shortTermRetention: 0, shortTermHalfSaturation: 0, shortTermShape: 0, shortTermMaxConversionLift: 0,
    })),
    downstream: model.downstreamChannels.map(() => ({ history: 0, retention: 0, halfSaturation: 0, shape: 0, maxConversionLift: 0 })),
  };
}

/** What J weighs: ∂J/∂Rₜ and, optionally, ∂J/∂Eₜ (index t − 1), each used up to `last`. */
export interface RunSeeds {
  revenue: Float64Array;
  equity?: Float64Array;
}

/** Per-model scratch for the stocks' adjoints, so that a pass allocates nothing. */
const scratchFor = new WeakMap<CompiledModel, { adstock: Float64Array; shortTerm: Float64Array }>();

/**
 * The adjoint of one run with respect to the model's constants (the settings, once compiled):
 * the reverse pass of `createObjectiveGradient` (objective-gradient.ts) extended from the spend
 * to everything the equations of spec §9.3 multiply by, for
 *
 *   J = Σ_{t ≤ last} (R̄ₜ·Rₜ + Ēˢₜ·Eₜ),   R̄ = seeds.revenue, Ēˢ = seeds.equity (0 when absent).
 *
 * With R̄ₜ = wₜ / Rₜ this is ∂(Σ wₜ·log Rₜ)/∂constants, the gradient a fit needs; with one
 * nonzero seed it is one row of the Jacobian (and the pass only walks t = last … 1).
 *
 * On top of the spend's backward equations (objective-gradient.ts), with x̄ = ∂J/∂x:
 *   λ̄ += N̄ₜ·N'ₜ·Eₜ            μ̄ += c̄ₜ·Bₜ·Eₜ            c̄₀ += B̄ₜ            v̄ += R̄ₜ·Nₜ·cₜ
 *   ρ̄_E += Ēₜ·(Eₜ₋₁ − M·Σᵢ βᵢhᵢ,ₜ)   M̄ += Ēₜ·(1 − ρ_E)·Σᵢ βᵢhᵢ,ₜ   β̄ᵢ += Ēₜ·(1 − ρ_E)·M·hᵢ,ₜ
 *   K̄ᵢ, S̄ᵢ += h̄ᵢ,ₜ·∂Hill/∂K, ∂Hill/∂S   (h̄ᵢ,ₜ = Ēₜ·(1 − ρ_E)·M·βᵢ; likewise each Hill curve)
 *   κ̄ += Σᵢ x̄ᵢ,ₜ·bᵢ,ₜ·Aₜ
 *   w̄ᵢ,ₗ += b̄ᵢ,ₜ·(Uᵢ,ₜ₋ₗ − bᵢ,ₜ) / Wᵢ   (bᵢ,ₜ = Σₗ wₗUₜ₋ₗ / Σₗ wₗ)
 *   ρ̄ⱼ += d̄ⱼ,ₜ·(dⱼ,ₜ₋₁ − Dⱼ,ₜ)          ρ̄ˢᵢ += āᵢ,ₜ·(aᵢ,ₜ₋₁ − Uᵢ,ₜ)
 *   ℓ̄ⱼ += B̄ₜ·hⱼ,ₜ                       ℓ̄ˢᵢ += B̄ₜ·Hillˢᵢ(aᵢ,ₜ)
 * and at the start: Ē₀ = ρ_E·Ē₁; a history feeds the lags before t = 1 (Σ b̄·wₗ/W over them)
 * and starts each adstock (ρ·d̄₁, ρˢ·ā₁).
 *
 * Spend after the horizon (the "history" carryover baseline) is taken as given: it is not
 * differentiated with respect to the history it copies. The fit runs without carryover.
 *
 * @param spend, trace, tape those of a `runModel(model, spend, length, trace, tape)` with `last` < length
 * @param out overwritten
 * Cost: O(last · (Σᵢ Lᵢ + n_D)), about one run.
 */
export function runConstantsAdjoint(
  model: CompiledModel, spend: ChannelSpendBuffers, trace: RunTrace, tape: RunTape, seeds: RunSeeds, last: number, out: ConstantsAdjoint,
): void {
  const {
    upstreamChannels, downstreamChannels, lagWindow, equityRetention, maxEquity, insightFeedback, demandLift, conversionLift,
    valuePerSale, demandBeforeBrand,
  } = model;
  const upstreamCount = upstreamChannels.length;
  const downstreamCount = downstreamChannels.length;
  let scratch = scratchFor.get(model);
  if (scratch === undefined) {
    scratch = { adstock: new Float64Array(downstreamCount), shortTerm: new Float64Array(upstreamCount) };
    scratchFor.set(model, scratch);
  }
  const adstockAdjoint = scratch.adstock; // d̄ⱼ,ₜ₊₁, carried backwards
  const shortTermAdjoint = scratch.shortTerm; // āᵢ,ₜ₊₁
  adstockAdjoint.fill(0);
  shortTermAdjoint.fill(0);
  clear(out);
  const equityInflow = (1 - equityRetention) * maxEquity;
  const revenueSeed = seeds.revenue;
  const equitySeed = seeds.equity;
  let equityAdjoint = 0; // Ēₜ₊₁, carried backwards

  for (let index = last; index >= 0; index -= 1) {
    const current = lagWindow + index;
    const equity = trace.equity[index];
    const previousEquity = index > 0 ? trace.equity[index - 1] : model.initialEquity;
    const revenueAdjoint = revenueSeed[index];
    const conversion = trace.conversion[index];
    const demand = trace.demand[index];
    const conversionBeforeBrand = tape.conversionBeforeBrand[index];
    // Above the cap, conversion no longer responds to anything.
    const conversionAdjoint = conversion < 1 ? revenueAdjoint * demand * valuePerSale : 0;
    const demandAdjoint = revenueAdjoint * conversion * valuePerSale;
    out.valuePerSale += revenueAdjoint * demand * conversion;
    out.demandLift += demandAdjoint * demandBeforeBrand[index] * equity;
    out.conversionLift += conversionAdjoint * conversionBeforeBrand * equity;
    equityAdjoint = demandAdjoint * demandBeforeBrand[index] * demandLift
      + conversionAdjoint * conversionBeforeBrand * conversionLift
      + (equitySeed === undefined ? 0 : equitySeed[index])
      + equityRetention * equityAdjoint;
    const liftAdjoint = conversionAdjoint * (1 + conversionLift * equity); // B̄ₜ
    out.baseConversion += liftAdjoint;
    const activity = tape.activity[index];
    const activityFactor = 1 + insightFeedback * activity;

    let activityAdjoint = 0;
    let weightedResponse = 0; // Σᵢ βᵢ·hᵢ,ₜ
    for (let channel = 0; channel < upstreamCount; channel += 1) {
      const settings = upstreamChannels[channel];
      const channelOut = out.upstream[channel];
      const response = tape.equityResponse[channel][index];
      const effective = tape.effective[channel][index];
      const lagged = tape.lagged[channel][index];
      weightedResponse += settings.equityShare * response;
      channelOut.equityShare += equityAdjoint * equityInflow * response;
      const responseAdjoint = equityAdjoint * equityInflow * settings.equityShare; // h̄ᵢ,ₜ
      channelOut.halfSaturation += responseAdjoint * hillHalfSaturationSlope(response, settings.halfSaturation, settings.shape);
      channelOut.shape += responseAdjoint * hillShapeSlope(effective, response, settings.halfSaturation);
      const effectiveAdjoint = responseAdjoint * hillSlope(effective, response, settings.halfSaturation, settings.shape); // x̄ᵢ,ₜ
      activityAdjoint += effectiveAdjoint * lagged;
      out.insightFeedback += effectiveAdjoint * lagged * activity;
      // b = Σ wₗ·Uₜ₋ₗ / Σ wₗ: each kept weight moves b towards the spend it weighs.
      const laggedAdjoint = effectiveAdjoint * activityFactor; // b̄ᵢ,ₜ
      const spread = laggedAdjoint / settings.lagWeightSum;
      const channelSpend = spend[channel];
      const weightsOut = channelOut.lagWeights;
      for (let lag = settings.lagFirst; lag <= settings.lagLast; lag += 1) {
        weightsOut[lag] += spread * (channelSpend[current - lag] - lagged);
        if (lag > index) channelOut.history += spread * settings.lagWeights[lag];
      }
      if (settings.shortTerm) {
        const stock = tape.shortTermAdstock[channel][index];
        const shortResponse = tape.shortTermResponse[channel][index];
        channelOut.shortTermMaxConversionLift += liftAdjoint * shortResponse;
        const shortResponseAdjoint = liftAdjoint * settings.shortTermMaxConversionLift;
        channelOut.shortTermHalfSaturation += shortResponseAdjoint * hillHalfSaturationSlope(shortResponse, settings.shortTermHalfSaturation, settings.shortTermShape);
        channelOut.shortTermShape += shortResponseAdjoint * hillShapeSlope(stock, shortResponse, settings.shortTermHalfSaturation);
        shortTermAdjoint[channel] = shortResponseAdjoint * hillSlope(stock, shortResponse, settings.shortTermHalfSaturation, settings.shortTermShape)
          + settings.shortTermRetention * shortTermAdjoint[channel];
        const previousStock = index > 0 ? tape.shortTermAdstock[channel][index - 1] : settings.history;
        channelOut.shortTermRetention += shortTermAdjoint[channel] * (previousStock - channelSpend[current]);
      }
    }
    out.equityRetention += equityAdjoint * (previousEquity - maxEquity * weightedResponse);
    out.maxEquity += equityAdjoint * (1 - equityRetention) * weightedResponse;
    const activityShare = downstreamCount > 0 ? (insightFeedback * activityAdjoint) / downstreamCount : 0;

    for (let channel = 0; channel < downstreamCount; channel += 1) {
      const settings = downstreamChannels[channel];
      const channelOut = out.downstream[channel];
      const stock = tape.adstock[channel][index];
      const response = tape.response[channel][index];
      channelOut.maxConversionLift += liftAdjoint * response;
      const responseAdjoint = liftAdjoint * settings.maxConversionLift + activityShare; // h̄ⱼ,ₜ
      channelOut.halfSaturation += responseAdjoint * hillHalfSaturationSlope(response, settings.halfSaturation, settings.shape);
      channelOut.shape += responseAdjoint * hillShapeSlope(stock, response, settings.halfSaturation);
      adstockAdjoint[channel] = responseAdjoint * hillSlope(stock, response, settings.halfSaturation, settings.shape)
        + settings.retention * adstockAdjoint[channel];
      const previousStock = index > 0 ? tape.adstock[channel][index - 1] : settings.history;
      channelOut.retention += adstockAdjoint[channel] * (previousStock - spend[upstreamCount + channel][current]);
    }
  }
  // The stocks before t = 1: E₀, and each adstock's start, the channel's history.
  out.initialEquity = equityRetention * equityAdjoint;
  for (let channel = 0; channel < downstreamCount; channel += 1) {
    out.downstream[channel].history += downstreamChannels[channel].retention * adstockAdjoint[channel];
  }
  for (let channel = 0; channel < upstreamCount; channel += 1) {
    const settings = upstreamChannels[channel];
    if (settings.shortTerm) out.upstream[channel].history += settings.shortTermRetention * shortTermAdjoint[channel];
  }
}

function clear(out: ConstantsAdjoint): void {
  out.initialEquity = 0; out.equityRetention = 0; out.maxEquity = 0; out.demandLift = 0; out.conversionLift = 0;
  out.insightFeedback = 0; out.baseConversion = 0; out.valuePerSale = 0;
  for (const channel of out.upstream) {
    channel.history = 0; channel.lagWeights.fill(0); channel.halfSaturation = 0; channel.shape = 0; channel.equityShare = 0;
    channel.shortTermRetention = 0; channel.shortTermHalfSaturation = 0; channel.shortTermShape = 0; channel.shortTermMaxConversionLift = 0;
  }
  for (const channel of out.downstream) {
    channel.history = 0; channel.retention = 0; channel.halfSaturation = 0; channel.shape = 0; channel.maxConversionLift = 0;
  }
}
