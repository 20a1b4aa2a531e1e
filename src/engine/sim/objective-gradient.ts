import type { CompiledModel } from './compile-model.ts';
import { objectiveFromRun, sumSides } from './objective-from-run.ts';
import type { Objective } from './objectives.ts';
import type { PlanSpend } from './plan-spend.ts';
import { runAdjoint } from './run-adjoint.ts';
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
 * The objective is J = Σₜ ωₜ·Rₜ − Σ_{t ≤ T} σₜ·(Uₜ + Dₜ) + (terms without spend), with
 * ωₜ = margin·(1 + r)^(−t/P) and σₜ = (1 + r)^(−t/P) for the NPV objectives (t ≤ T + k with the
 * carryover, the zero-spend run's part being a constant), ωₜ = 1 and σₜ = 0 for revenue. Its
 * gradient is the run's reverse pass (`runAdjoint`, run-adjoint.ts, which has the backward
 * equations) seeded with ω and σ.
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
  const seeds = { revenue: revenueWeight, spendCost: spendWeight };

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
      runAdjoint(model, buffers, trace, tape, seeds, length - 1, { spend: out });
    },
  };
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
