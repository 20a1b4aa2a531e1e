import type { Model } from './model/model.ts';
import { simulate } from './sim/simulate.ts';
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
 * Cost: one run of the equations per horizon.
 * @param curve `tradeoffCurve(model)`
 * @param model the model the curve was computed for
 */
export function marketingTradeoffCurve(curve: TradeoffCurve, model: Model): TradeoffCurve {
  return {
    shares: curve.shares,
    lines: curve.lines.map((line) => {
      const { plan: _plan, ...rest } = model;
      // Any spend gives the same zero-spend run; none is the cheapest to describe.
      const noSpendNpv = simulate({ ...rest, horizonYears: line.horizonYears, budget: { perYear: 0, upstreamShare: 0 } }).summary.noSpendNpv;
      return {
        ...line,
        values: line.values.map((value) => value - noSpendNpv),
        bestValue: line.bestValue - noSpendNpv,
      };
    }),
  };
}
