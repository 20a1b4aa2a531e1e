import { compileModel } from './compile-model.ts';
import type { Model } from '../model/model.ts';
import { objectiveGradientAt } from './objective-gradient.ts';
import { OBJECTIVES } from './objectives.ts';
import { planSpend } from './plan-spend.ts';

/** The return on the next unit of money on each side (see `marginalRoi`). */
export interface MarginalRoi {
  upstream: number;
  downstream: number;
}

/**
 * What the next unit of money returns on each side, at the model's plan: the extra discounted
 * contribution (over the horizon and the carryover years) per extra discounted unit spent,
 * minus 1, as ROI is (return − spend) / spend.
 *
 * The extra money is spread over the horizon as the plan spreads its own (in proportion to
 * each period's total spend; evenly when the plan spends nothing), so it answers "what if this
 * side's budget were a little larger", phasing unchanged. Valued as NPV with carryover values
 * money, so:
 * - below 0: spending less on that side would raise NPV with carryover;
 * - equal on both sides at the best split of a fixed budget (the optimiser's first-order
 *   condition), as tests/engine/marginal-roi.test.ts checks.
 *
 * Method: one run and one reverse pass of the adjoint (`objectiveGradientAt`), so the
 * derivative is exact, not a finite difference: Σₜ gₜ·wₜ / Σₜ discₜ·wₜ with gₜ = ∂NPVwc/∂spendₜ
 * (which already counts the spend's own discounted cost), wₜ the spread and discₜ = (1 + r)^(−t/P).
 *
 * @param model a model returned by `parseModel`
 * @example marginalRoi(defaultModel).downstream // 0.8: the next unit of downstream returns 1.8
 */
export function marginalRoi(model: Model): MarginalRoi {
  const compiled = compileModel(model);
  const { periods, discountFactor } = compiled;
  const spend = planSpend(model);
  const { upstream: upstreamGradient, downstream: downstreamGradient } = objectiveGradientAt(compiled, OBJECTIVES.npvWithCarryover, spend.upstream, spend.downstream);

  let total = 0;
  for (let index = 0; index < periods; index += 1) total += spend.upstream[index] + spend.downstream[index];
  let upstreamGain = 0;
  let downstreamGain = 0;
  let discountedSpend = 0;
  for (let index = 0; index < periods; index += 1) {
    const weight = total > 0 ? (spend.upstream[index] + spend.downstream[index]) / total : 1 / periods;
    upstreamGain += upstreamGradient[index] * weight;
    downstreamGain += downstreamGradient[index] * weight;
    discountedSpend += discountFactor[index] * weight;
  }
  return { upstream: upstreamGain / discountedSpend, downstream: downstreamGain / discountedSpend };
}
