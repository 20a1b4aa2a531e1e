import type { CompiledModel } from './compile-model.ts';
import { hillSlope } from './hill.ts';
import { objectiveFromRun, sumSides } from './objective-from-run.ts';
import type { Objective } from './objectives.ts';
import type { PlanSpend } from './plan-spend.ts';
import { type RunTape, channelSpendBuffers, createRunTape, createRunTrace, runModel } from './run-model.ts';

/**
 * An objective and its gradient with respect to every channel's spend in every period, for
 * gradient-based optimisers. `value` runs the equations once (`runModel`) and keeps the run;
 * `gradient` then differentiates that run in reverse (the adjoint method).
 *
 * A plan is one row per channel (upstream channels first, each side in file order, as
 * `channelSpend`), index t − 1.
 */
export interface ObjectiveGradient {
  /** T: the plan's length in periods. */
  readonly periods: number;
  /** Rows of a plan: the model's channels, upstream ones first. */
  readonly channels: number;
  /**
   * The objective for a plan (each row's first T entries): the same number as
   * `createPlanEvaluator(model).evaluate(spend)[objective.name]`, to the last bit (both sum it
   * with `objectiveFromRun`). One run of the equations; remembers the run for `gradient`.
   * @throws {RangeError} when the plan has not one row of at least T periods per channel
   */
  value(spend: readonly Float64Array[]): number;
  /**
   * Writes ∂objective/∂(spend of channel c in period t) into `out[c][t − 1]` for t ≤ T, at the
   * plan last passed to `value`. Costs about one run of the equations (a forward pass that
   * records what the reverse pass needs, then the reverse pass), with no allocation after the
   * first call. The record is made here, not during `value`, so that `value` is the one kernel
   * (`runModel`) and line searches, which call `value` far more often, pay nothing for it.
   * At the kink of the conversion cap min(1, ·), the derivative from below the cap is used
   * when conversion is under 1, and 0 when it is capped.
   * @throws {Error} when called before `value`
   */
  gradient(out: Float64Array[]): void;
}

/** An objective gradient that also counts its cost in runs of the equations. */
export interface CountedObjectiveGradient extends ObjectiveGradient {
  /** Runs of the equations so far (a value or a gradient pass is counted as one run). */
  readonly runs: number;
}

/**
 * Prepares reverse-mode differentiation of an objective through the recurrence of spec §9.3
 * (every channel's lag window or adstock and Hill curve, insight feedback, equity, demand, the
 * capped conversion, each upstream channel's optional short-term effect), §5 (NPV, discounting)
 * and §6 (the carryover periods, with zero spend, or with each channel's history under
 * `economics.carryoverBaseline` "history": the model's spend, not a decision, so it has no
 * gradient). With one channel a side these are the equations of spec §4.
 *
 * The forward equations, per period t (spec §9.3; i upstream, j downstream channels):
 *   bᵢ,ₜ = Σₗ wᵢ,ₗ·Uᵢ,ₜ₋ₗ / Wᵢ                 dⱼ,ₜ = ρⱼ·dⱼ,ₜ₋₁ + (1 − ρⱼ)·Dⱼ,ₜ,  hⱼ,ₜ = Hillⱼ(dⱼ,ₜ)
 *   Aₜ = (1/n_D)·Σⱼ hⱼ,ₜ                      xᵢ,ₜ = bᵢ,ₜ·(1 + κAₜ)
 *   Eₜ = ρ_E·Eₜ₋₁ + (1 − ρ_E)·M·Σᵢ βᵢ·Hillᵢ(xᵢ,ₜ)
 *   aᵢ,ₜ = ρˢᵢ·aᵢ,ₜ₋₁ + (1 − ρˢᵢ)·Uᵢ,ₜ,  gᵢ,ₜ = ℓˢᵢ·Hillˢᵢ(aᵢ,ₜ)   (channels with a shortTerm)
 *   Bₜ = c₀ + Σⱼ ℓⱼ·hⱼ,ₜ + Σᵢ gᵢ,ₜ,  qₜ = Bₜ·(1 + μEₜ),  cₜ = min(1, qₜ)
 *   Nₜ = N'ₜ·(1 + λEₜ),  Rₜ = Nₜ·cₜ·v
 * and the objective J = Σₜ ωₜ·Rₜ − Σ_{t ≤ T} σₜ·(Uₜ + Dₜ) + (terms without spend), with
 * ωₜ = margin·(1 + r)^(−t/P) and σₜ = (1 + r)^(−t/P) for the NPV objectives (t ≤ T + k with the
 * carryover, the zero-spend run's part being a constant), ωₜ = 1 and σₜ = 0 for revenue.
 *
 * Backward pass, per period t from the last to the first, with x̄ = ∂J/∂x (the recursions carry
 * the adjoint of the next period's stock; all are 0 after the last period):
 *   c̄ₜ = ωₜ·v·Nₜ·[qₜ < 1]   (the cap's kink: no response above it)     N̄ₜ = ωₜ·v·cₜ
 *   B̄ₜ = c̄ₜ·(1 + μEₜ)
 *   Ēₜ = N̄ₜ·N'ₜ·λ + c̄ₜ·Bₜ·μ + ρ_E·Ēₜ₊₁
 *   x̄ᵢ,ₜ = Ēₜ·(1 − ρ_E)·M·βᵢ·Hillᵢ'(xᵢ,ₜ)        b̄ᵢ,ₜ = x̄ᵢ,ₜ·(1 + κAₜ)
 *   Āₜ = κ·Σᵢ x̄ᵢ,ₜ·bᵢ,ₜ   (every upstream channel's insight feeds on the same Aₜ)
 *   h̄ⱼ,ₜ = B̄ₜ·ℓⱼ + Āₜ / n_D
 *   d̄ⱼ,ₜ = h̄ⱼ,ₜ·Hillⱼ'(dⱼ,ₜ) + ρⱼ·d̄ⱼ,ₜ₊₁          D̄ⱼ,ₜ = (1 − ρⱼ)·d̄ⱼ,ₜ − σₜ
 *   āᵢ,ₜ = B̄ₜ·ℓˢᵢ·Hillˢᵢ'(aᵢ,ₜ) + ρˢᵢ·āᵢ,ₜ₊₁
 *   Ūᵢ,ₛ = Σ_{t = s + l} b̄ᵢ,ₜ·wᵢ,ₗ / Wᵢ + (1 − ρˢᵢ)·āᵢ,ₛ − σₛ
 * Only spend at 1 ≤ t ≤ T is a variable: the lag sum skips the history (t − l ≤ 0) and the
 * spend after the horizon, and the adstocks' adjoints are read only for t ≤ T.
 *
 * Cost: O((T + k)·(Σᵢ Lᵢ + n_D)) per call of either method, like a run.
 */
export function createObjectiveGradient(model: CompiledModel, objective: Objective): ObjectiveGradient {
  const { periods, lagWindow, channelCount, discountFactor } = model;
  const length = objective.includesCarryover ? periods + model.carryoverPeriods : periods;

  // The zero-spend run: only the carryover value subtracts it, but computing it always is cheap
  // (and optimisers count it as one run).
  const noSpend = createRunTrace(length);
  runModel(model, channelSpendBuffers(model, null, length), length, noSpend);

  const buffers = channelSpendBuffers(model, null, length);
  const trace = createRunTrace(length);
  const totals: PlanSpend = { upstream: new Float64Array(periods), downstream: new Float64Array(periods) };
  let tape: RunTape | undefined;
  let recorded = false;

  /** ω: ∂J/∂Rₜ; σ: the discounted cost of a unit of spend in period t ≤ T (see above). */
  const revenueWeight = new Float64Array(length);
  const spendWeight = new Float64Array(periods);
  for (let index = 0; index < length; index += 1) {
    revenueWeight[index] = objective.spendIsCost ? model.margin * discountFactor[index] : 1;
    if (index < periods && objective.spendIsCost) spendWeight[index] = discountFactor[index];
  }

  return {
    periods,
    channels: channelCount,
    value(spend) {
      recorded = false;
      if (spend.length !== channelCount) throw new RangeError(`a plan needs ${channelCount} rows, one per channel; got ${spend.length}`);
      for (let channel = 0; channel < channelCount; channel += 1) {
        const row = spend[channel];
        if (row.length < periods) throw new RangeError(`a plan needs ${periods} periods of spend per channel; row ${channel} has ${row.length}`);
        const buffer = buffers[channel];
        for (let index = 0; index < periods; index += 1) buffer[lagWindow + index] = row[index];
      }
      runModel(model, buffers, length, trace);
      sumSides(model, spend, totals);
      recorded = true;
      return objectiveFromRun(model, objective, totals, trace, noSpend.contribution, periods);
    },
    gradient(out) {
      if (!recorded) throw new Error('gradient needs a plan: call value first');
      tape ??= createRunTape(model, length);
      // The run again, taping what the reverse pass reads (value does not tape: line searches
      // call it far more often than gradient). Same kernel, same buffers: the same numbers.
      runModel(model, buffers, length, trace, tape);
      backward(model, trace, tape, revenueWeight, spendWeight, length, out);
    },
  };
}

/** Per-model scratch for the reverse pass's stocks' adjoints, so a gradient allocates nothing. */
const adjointScratch = new WeakMap<CompiledModel, { adstock: Float64Array; shortTerm: Float64Array }>();

/** The reverse pass of `createObjectiveGradient` (equations in its doc comment). */
function backward(
  model: CompiledModel, trace: ReturnType<typeof createRunTrace>, tape: RunTape,
  revenueWeight: Float64Array, spendWeight: Float64Array, length: number, out: Float64Array[],
): void {
  const {
    upstreamChannels, downstreamChannels, periods, equityRetention, maxEquity, insightFeedback, demandLift, conversionLift,
    valuePerSale, demandBeforeBrand,
  } = model;
  const upstreamCount = upstreamChannels.length;
  const downstreamCount = downstreamChannels.length;
  let scratch = adjointScratch.get(model);
  if (scratch === undefined) {
    scratch = { adstock: new Float64Array(downstreamCount), shortTerm: new Float64Array(upstreamCount) };
    adjointScratch.set(model, scratch);
  }
  const adstockAdjoint = scratch.adstock; // d̄ⱼ,ₜ₊₁, carried backwards
  const shortTermAdjoint = scratch.shortTerm; // āᵢ,ₜ₊₁
  adstockAdjoint.fill(0);
  shortTermAdjoint.fill(0);
  for (let channel = 0; channel < upstreamCount; channel += 1) out[channel].fill(0, 0, periods);
  const equityInflow = (1 - equityRetention) * maxEquity;
  let equityAdjoint = 0; // Ēₜ₊₁, carried backwards

  for (let index = length - 1; index >= 0; index -= 1) {
    const revenueAdjoint = revenueWeight[index] * valuePerSale;
    const equity = trace.equity[index];
    // Above the cap, conversion no longer responds to anything.
    const conversionAdjoint = trace.conversion[index] < 1 ? revenueAdjoint * trace.demand[index] : 0;
    const demandAdjoint = revenueAdjoint * trace.conversion[index];
    equityAdjoint = demandAdjoint * demandBeforeBrand[index] * demandLift
      + conversionAdjoint * tape.conversionBeforeBrand[index] * conversionLift
      + equityRetention * equityAdjoint;
    const liftAdjoint = conversionAdjoint * (1 + conversionLift * equity); // B̄ₜ
    const activityFactor = 1 + insightFeedback * tape.activity[index];
    const isVariable = index < periods;

    let activityAdjoint = 0;
    for (let channel = 0; channel < upstreamCount; channel += 1) {
      const settings = upstreamChannels[channel];
      const row = out[channel];
      const effectiveAdjoint = equityAdjoint * equityInflow * settings.equityShare
        * hillSlope(tape.effective[channel][index], tape.equityResponse[channel][index], settings.halfSaturation, settings.shape);
      activityAdjoint += effectiveAdjoint * tape.lagged[channel][index];
      // Spend in period index − lag fed this period's lagged spend; history (before t = 1) and
      // the spend after the horizon are not variables. Only the lags whose weights count (the
      // others are 0: see `fillKeptLagWeights`).
      const spread = (effectiveAdjoint * activityFactor) / settings.lagWeightSum;
      const { lagWeights } = settings;
      const lastLag = Math.min(settings.lagLast, index);
      for (let lag = Math.max(settings.lagFirst, index - periods + 1); lag <= lastLag; lag += 1) {
        row[index - lag] += lagWeights[lag] * spread;
      }
      // The channel's short-term effect: this period's spend feeds its own adstock directly.
      if (settings.shortTerm) {
        shortTermAdjoint[channel] = liftAdjoint * settings.shortTermMaxConversionLift
          * hillSlope(tape.shortTermAdstock[channel][index], tape.shortTermResponse[channel][index], settings.shortTermHalfSaturation, settings.shortTermShape)
          + settings.shortTermRetention * shortTermAdjoint[channel];
        if (isVariable) row[index] += (1 - settings.shortTermRetention) * shortTermAdjoint[channel];
      }
    }
    const activityShare = downstreamCount > 0 ? (insightFeedback * activityAdjoint) / downstreamCount : 0;

    for (let channel = 0; channel < downstreamCount; channel += 1) {
      const settings = downstreamChannels[channel];
      const responseAdjoint = liftAdjoint * settings.maxConversionLift + activityShare;
      adstockAdjoint[channel] = responseAdjoint
        * hillSlope(tape.adstock[channel][index], tape.response[channel][index], settings.halfSaturation, settings.shape)
        + settings.retention * adstockAdjoint[channel];
      if (isVariable) out[upstreamCount + channel][index] = (1 - settings.retention) * adstockAdjoint[channel] - spendWeight[index];
    }
  }
  for (let channel = 0; channel < upstreamCount; channel += 1) {
    const row = out[channel];
    for (let index = 0; index < periods; index += 1) row[index] -= spendWeight[index];
  }
}

/**
 * ∂objective/∂(spend of each channel in each period) at one plan, in new arrays (one row of T
 * per channel): one run and one reverse pass. For a single question about a plan (its marginal
 * ROI); optimisers keep an `ObjectiveGradient` and reuse its buffers instead.
 * @param spend one row per channel, upstream channels first (index t − 1)
 */
export function objectiveGradientAt(model: CompiledModel, objective: Objective, spend: readonly Float64Array[]): Float64Array[] {
  const gradient = createObjectiveGradient(model, objective);
  gradient.value(spend);
  const result = Array.from({ length: model.channelCount }, () => new Float64Array(model.periods));
  gradient.gradient(result);
  return result;
}
