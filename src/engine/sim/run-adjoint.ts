import type { CompiledModel } from './compile-model.ts';
import { hillHalfSaturationSlope, hillShapeSlope, hillSlope } from './hill.ts';
import type { ChannelSpendBuffers, RunTape, RunTrace } from './run-model.ts';

/** ∂J/∂(an upstream channel's constants): see `runAdjoint`. */
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
 * ∂J/∂(each constant of a compiled model that a run reads), for the J of `runAdjoint`.
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

/** A zeroed adjoint for `model`'s channels, for `runAdjoint` to write into again and again. */
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

/** What J weighs (index t − 1): ∂J/∂Rₜ and, optionally, ∂J/∂Eₜ, each used up to `last`. */
export interface RunSeeds {
  revenue: Float64Array;
  equity?: Float64Array;
  /**
   * σₜ: what a unit of any channel's spend in period t ≤ T costs J directly, outside the run
   * (the discounted spend of an NPV); 0 when absent.
   */
  spendCost?: Float64Array;
}

/** What a reverse pass writes; each output given is overwritten. */
export interface RunAdjointOutputs {
  /** ∂J/∂(spend of channel c in period t) for t ≤ T (the plan's periods), one row per channel (upstream first). */
  spend?: Float64Array[];
  /** ∂J/∂(each constant the run reads). */
  constants?: ConstantsAdjoint;
}

/** Per-model scratch for the stocks' adjoints, so that a pass allocates nothing. */
const scratchFor = new WeakMap<CompiledModel, { adstock: Float64Array; shortTerm: Float64Array }>();

/**
 * The reverse pass of one run (the adjoint method): ∂J/∂(each channel's spend in each period)
 * for the optimisers, and ∂J/∂(each constant of the model the run reads) for the fit, from one
 * pass over the equations of spec §9.3 backwards, for
 *
 *   J = Σ_{t ≤ last} (R̄ₜ·Rₜ + Ēˢₜ·Eₜ) − Σ_{t ≤ T} σₜ·(spend of every channel in t),
 *
 * R̄ = seeds.revenue, Ēˢ = seeds.equity, σ = seeds.spendCost (0 when absent). An objective's
 * gradient (objective-gradient.ts) seeds R̄ₜ = ωₜ; a fit's gradient of Σ wₜ·log Rₜ seeds
 * R̄ₜ = wₜ / Rₜ; one row of a Jacobian has a single nonzero seed, and the pass only walks
 * t = last … 1.
 *
 * The forward equations, per period t (spec §9.3; i upstream, j downstream channels):
 *   bᵢ,ₜ = Σₗ wᵢ,ₗ·Uᵢ,ₜ₋ₗ / Wᵢ                 dⱼ,ₜ = ρⱼ·dⱼ,ₜ₋₁ + (1 − ρⱼ)·Dⱼ,ₜ,  hⱼ,ₜ = Hillⱼ(dⱼ,ₜ)
 *   Aₜ = (1/n_D)·Σⱼ hⱼ,ₜ                      xᵢ,ₜ = bᵢ,ₜ·(1 + κAₜ)
 *   Eₜ = ρ_E·Eₜ₋₁ + (1 − ρ_E)·M·Σᵢ βᵢ·Hillᵢ(xᵢ,ₜ)
 *   aᵢ,ₜ = ρˢᵢ·aᵢ,ₜ₋₁ + (1 − ρˢᵢ)·Uᵢ,ₜ,  gᵢ,ₜ = ℓˢᵢ·Hillˢᵢ(aᵢ,ₜ)   (channels with a shortTerm)
 *   Bₜ = c₀ + Σⱼ ℓⱼ·hⱼ,ₜ + Σᵢ gᵢ,ₜ,  qₜ = Bₜ·(1 + μEₜ),  cₜ = min(1, qₜ)
 *   Nₜ = N'ₜ·(1 + λEₜ),  Rₜ = Nₜ·cₜ·v
 *
 * Backward, per period t from `last` to the first, with x̄ = ∂J/∂x (the recursions carry the
 * adjoint of the next period's stock; all are 0 after `last`):
 *   c̄ₜ = R̄ₜ·Nₜ·v·[qₜ < 1]   (the cap's kink: no response above it)     N̄ₜ = R̄ₜ·cₜ·v
 *   B̄ₜ = c̄ₜ·(1 + μEₜ)
 *   Ēₜ = N̄ₜ·N'ₜ·λ + c̄ₜ·Bₜ·μ + Ēˢₜ + ρ_E·Ēₜ₊₁
 *   h̄ᵢ,ₜ = Ēₜ·(1 − ρ_E)·M·βᵢ     x̄ᵢ,ₜ = h̄ᵢ,ₜ·Hillᵢ'(xᵢ,ₜ)        b̄ᵢ,ₜ = x̄ᵢ,ₜ·(1 + κAₜ)
 *   Āₜ = κ·Σᵢ x̄ᵢ,ₜ·bᵢ,ₜ   (every upstream channel's insight feeds on the same Aₜ)
 *   h̄ⱼ,ₜ = B̄ₜ·ℓⱼ + Āₜ / n_D
 *   d̄ⱼ,ₜ = h̄ⱼ,ₜ·Hillⱼ'(dⱼ,ₜ) + ρⱼ·d̄ⱼ,ₜ₊₁          D̄ⱼ,ₜ = (1 − ρⱼ)·d̄ⱼ,ₜ − σₜ
 *   āᵢ,ₜ = B̄ₜ·ℓˢᵢ·Hillˢᵢ'(aᵢ,ₜ) + ρˢᵢ·āᵢ,ₜ₊₁
 *   Ūᵢ,ₛ = Σ_{t = s + l} b̄ᵢ,ₜ·wᵢ,ₗ / Wᵢ + (1 − ρˢᵢ)·āᵢ,ₛ − σₛ
 * and for the constants:
 *   λ̄ += N̄ₜ·N'ₜ·Eₜ            μ̄ += c̄ₜ·Bₜ·Eₜ            c̄₀ += B̄ₜ            v̄ += R̄ₜ·Nₜ·cₜ
 *   ρ̄_E += Ēₜ·(Eₜ₋₁ − M·Σᵢ βᵢhᵢ,ₜ)   M̄ += Ēₜ·(1 − ρ_E)·Σᵢ βᵢhᵢ,ₜ   β̄ᵢ += Ēₜ·(1 − ρ_E)·M·hᵢ,ₜ
 *   K̄, S̄ += h̄·∂Hill/∂K, h̄·∂Hill/∂S   (each Hill curve with its own h̄)
 *   κ̄ += Σᵢ x̄ᵢ,ₜ·bᵢ,ₜ·Aₜ
 *   w̄ᵢ,ₗ += b̄ᵢ,ₜ·(Uᵢ,ₜ₋ₗ − bᵢ,ₜ) / Wᵢ   (a kept weight moves b towards the spend it weighs)
 *   ρ̄ⱼ += d̄ⱼ,ₜ·(dⱼ,ₜ₋₁ − Dⱼ,ₜ)          ρ̄ˢᵢ += āᵢ,ₜ·(aᵢ,ₜ₋₁ − Uᵢ,ₜ)
 *   ℓ̄ⱼ += B̄ₜ·hⱼ,ₜ                       ℓ̄ˢᵢ += B̄ₜ·Hillˢᵢ(aᵢ,ₜ)
 * and at the start: Ē₀ = ρ_E·Ē₁; a history feeds the lags before t = 1 (Σ b̄·wₗ/W over them)
 * and starts each adstock (ρ·d̄₁, ρˢ·ā₁).
 *
 * Only spend at 1 ≤ t ≤ T is a decision: the lag sum skips the history (t − l ≤ 0) and the
 * spend after the horizon. That spend (the "history" carryover baseline) is the model's, and is
 * not differentiated with respect to the history it copies either: the fit runs without carryover.
 * At the kink of the conversion cap min(1, ·), the derivative from below the cap is used when
 * conversion is under 1, and 0 when it is capped. Allocates nothing after the first pass.
 *
 * @param spend, trace, tape those of a `runModel(model, spend, length, trace, tape)` with `last` < length
 * Cost: O(last · (Σᵢ Lᵢ + n_D)), about one run.
 */
export function runAdjoint(
  model: CompiledModel, spend: ChannelSpendBuffers, trace: RunTrace, tape: RunTape, seeds: RunSeeds, last: number, outputs: RunAdjointOutputs,
): void {
  const {
    upstreamChannels, downstreamChannels, lagWindow, periods, equityRetention, maxEquity, insightFeedback, demandLift, conversionLift,
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
  const rows = outputs.spend;
  const out = outputs.constants;
  if (rows !== undefined) for (const row of rows) row.fill(0, 0, periods);
  if (out !== undefined) clear(out);
  const equityInflow = (1 - equityRetention) * maxEquity;
  const revenueSeed = seeds.revenue;
  const equitySeed = seeds.equity;
  let equityAdjoint = 0; // Ēₜ₊₁, carried backwards

  for (let index = last; index >= 0; index -= 1) {
    const current = lagWindow + index;
    const equity = trace.equity[index];
    const revenueAdjoint = revenueSeed[index];
    const conversion = trace.conversion[index];
    const demand = trace.demand[index];
    const conversionBeforeBrand = tape.conversionBeforeBrand[index];
    // Above the cap, conversion no longer responds to anything.
    const conversionAdjoint = conversion < 1 ? revenueAdjoint * valuePerSale * demand : 0;
    const demandAdjoint = revenueAdjoint * valuePerSale * conversion;
    equityAdjoint = demandAdjoint * demandBeforeBrand[index] * demandLift
      + conversionAdjoint * conversionBeforeBrand * conversionLift
      + (equitySeed === undefined ? 0 : equitySeed[index])
      + equityRetention * equityAdjoint;
    const liftAdjoint = conversionAdjoint * (1 + conversionLift * equity); // B̄ₜ
    const activity = tape.activity[index];
    const activityFactor = 1 + insightFeedback * activity;
    const isDecision = index < periods;
    if (out !== undefined) {
      out.valuePerSale += revenueAdjoint * demand * conversion;
      out.demandLift += demandAdjoint * demandBeforeBrand[index] * equity;
      out.conversionLift += conversionAdjoint * conversionBeforeBrand * equity;
      out.baseConversion += liftAdjoint;
    }

    let activityAdjoint = 0;
    let weightedResponse = 0; // Σᵢ βᵢ·hᵢ,ₜ
    for (let channel = 0; channel < upstreamCount; channel += 1) {
      const settings = upstreamChannels[channel];
      const response = tape.equityResponse[channel][index];
      const effective = tape.effective[channel][index];
      const lagged = tape.lagged[channel][index];
      const responseAdjoint = equityAdjoint * equityInflow * settings.equityShare; // h̄ᵢ,ₜ
      const effectiveAdjoint = responseAdjoint * hillSlope(effective, response, settings.halfSaturation, settings.shape); // x̄ᵢ,ₜ
      activityAdjoint += effectiveAdjoint * lagged;
      const spread = (effectiveAdjoint * activityFactor) / settings.lagWeightSum; // b̄ᵢ,ₜ / Wᵢ
      const { lagWeights } = settings;
      const channelSpend = spend[channel];
      if (rows !== undefined) {
        // Spend in period index − lag fed this period's lagged spend; only the lags whose weights
        // count (the others are 0: see `fillKeptLagWeights`) and only the plan's periods.
        const row = rows[channel];
        const lastLag = Math.min(settings.lagLast, index);
        for (let lag = Math.max(settings.lagFirst, index - periods + 1); lag <= lastLag; lag += 1) {
          row[index - lag] += lagWeights[lag] * spread;
        }
      }
      if (out !== undefined) {
        const channelOut = out.upstream[channel];
        weightedResponse += settings.equityShare * response;
        channelOut.equityShare += equityAdjoint * equityInflow * response;
        channelOut.halfSaturation += responseAdjoint * hillHalfSaturationSlope(response, settings.halfSaturation, settings.shape);
        channelOut.shape += responseAdjoint * hillShapeSlope(effective, response, settings.halfSaturation);
        out.insightFeedback += effectiveAdjoint * lagged * activity;
        const weightsOut = channelOut.lagWeights;
        for (let lag = settings.lagFirst; lag <= settings.lagLast; lag += 1) {
          weightsOut[lag] += spread * (channelSpend[current - lag] - lagged);
          if (lag > index) channelOut.history += spread * lagWeights[lag];
        }
      }
      // The channel's short-term effect: this period's spend feeds its own adstock directly.
      if (settings.shortTerm) {
        const stock = tape.shortTermAdstock[channel][index];
        const shortResponse = tape.shortTermResponse[channel][index];
        const shortResponseAdjoint = liftAdjoint * settings.shortTermMaxConversionLift;
        shortTermAdjoint[channel] = shortResponseAdjoint * hillSlope(stock, shortResponse, settings.shortTermHalfSaturation, settings.shortTermShape)
          + settings.shortTermRetention * shortTermAdjoint[channel];
        if (rows !== undefined && isDecision) rows[channel][index] += (1 - settings.shortTermRetention) * shortTermAdjoint[channel];
        if (out !== undefined) {
          const channelOut = out.upstream[channel];
          channelOut.shortTermMaxConversionLift += liftAdjoint * shortResponse;
          channelOut.shortTermHalfSaturation += shortResponseAdjoint * hillHalfSaturationSlope(shortResponse, settings.shortTermHalfSaturation, settings.shortTermShape);
          channelOut.shortTermShape += shortResponseAdjoint * hillShapeSlope(stock, shortResponse, settings.shortTermHalfSaturation);
          const previousStock = index > 0 ? tape.shortTermAdstock[channel][index - 1] : settings.history;
          channelOut.shortTermRetention += shortTermAdjoint[channel] * (previousStock - channelSpend[current]);
        }
      }
    }
    if (out !== undefined) {
      const previousEquity = index > 0 ? trace.equity[index - 1] : model.initialEquity;
      out.equityRetention += equityAdjoint * (previousEquity - maxEquity * weightedResponse);
      out.maxEquity += equityAdjoint * (1 - equityRetention) * weightedResponse;
    }
    const activityShare = downstreamCount > 0 ? (insightFeedback * activityAdjoint) / downstreamCount : 0;

    for (let channel = 0; channel < downstreamCount; channel += 1) {
      const settings = downstreamChannels[channel];
      const stock = tape.adstock[channel][index];
      const response = tape.response[channel][index];
      const responseAdjoint = liftAdjoint * settings.maxConversionLift + activityShare; // h̄ⱼ,ₜ
      adstockAdjoint[channel] = responseAdjoint * hillSlope(stock, response, settings.halfSaturation, settings.shape)
        + settings.retention * adstockAdjoint[channel];
      if (rows !== undefined && isDecision) rows[upstreamCount + channel][index] = (1 - settings.retention) * adstockAdjoint[channel];
      if (out !== undefined) {
        const channelOut = out.downstream[channel];
        channelOut.maxConversionLift += liftAdjoint * response;
        channelOut.halfSaturation += responseAdjoint * hillHalfSaturationSlope(response, settings.halfSaturation, settings.shape);
        channelOut.shape += responseAdjoint * hillShapeSlope(stock, response, settings.halfSaturation);
        const previousStock = index > 0 ? tape.adstock[channel][index - 1] : settings.history;
        channelOut.retention += adstockAdjoint[channel] * (previousStock - spend[upstreamCount + channel][current]);
      }
    }
  }
  const spendCost = seeds.spendCost;
  if (rows !== undefined && spendCost !== undefined) {
    for (const row of rows) {
      for (let index = 0; index < periods; index += 1) row[index] -= spendCost[index];
    }
  }
  if (out === undefined) return;
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
