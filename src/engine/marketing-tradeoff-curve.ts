import type { Model } from './model/model.ts';
import { createPlanEvaluator } from './sim/plan-evaluator.ts';
import type { TradeoffCurve } from './tradeoff-curve.ts';

/**
 * The trade-off curve in the marketing's own value: each horizon's line of NPV with carryover
 * less what the business would earn over that horizon with no marketing (`noSpendNpv`), so every
 * point is the marketing NPV with carryover of that share and horizon (`incrementalNpvWithCarryover`
 * = npvWithCarryover − noSpendNpv, spec §5–§6).
 *
 * Why: a longer horizon's total NPV is higher mostly because the business earns for longer, with
 * or without marketing; in the marketing's own value the lines compare what each horizon's plan
 * adds. The zero-spend run does not depend on the share, so each line moves by one amount and its
 * best share is unchanged.
 *
 * Cost: one zero-spend run of the equations per horizon (and one run of an empty plan).
 * @param curve `tradeoffCurve(model)`
 * @param model the model the curve was computed for
 */
export function marketingTradeoffCurve(curve: TradeoffCurve, model: Model): TradeoffCurve {
  return {
    shares: curve.shares,
    lines: curve.lines.map((line) => {
      const { plan: _plan, ...rest } = model;
      // The zero-spend run depends on the horizon only, not on the plan: score an empty plan.
      const evaluator = createPlanEvaluator({ ...rest, horizonYears: line.horizonYears, budget: { perYear: 0, upstreamShare: 0 } } as Model);
      const noSpendNpv = evaluator.evaluate(Array.from({ length: evaluator.model.channelCount }, () => new Float64Array(evaluator.periods))).noSpendNpv;
      return {
        ...line,
        values: line.values.map((value) => value - noSpendNpv),
        bestValue: line.bestValue - noSpendNpv,
      };
    }),
  };
}
