import {
  type IncrementalProfitPoint, type Model, type SimulationResult, type TradeoffCurve, incrementalProfit, planSpend, simulate, tradeoffCurve,
} from '../engine/index.ts';
import { type AfterHorizonPoint, afterHorizon } from '../engine/after-horizon.ts';
import { type BaseFall, baseFall } from '../engine/base-fall.ts';
import { marketingTradeoffCurve } from '../engine/marketing-tradeoff-curve.ts';
import { type MarginalRoi, marginalRoi } from '../engine/sim/marginal-roi.ts';
import { type NumberFormats, formatsFor } from './format.ts';

/** Grid steps of the trade-off curve: 2-point steps, refined around each best share. */
const TRADEOFF_STEPS = 50;

/** Everything the results side shows for one valid model, computed by the engine. */
export interface PlanResults {
  result: SimulationResult;
  /** The model's number formats (currency symbol, calendar), passed to the figures and every chart. */
  formats: NumberFormats;
  /** What the next unit of money returns on each side (and channel), for the key figures. */
  marginal: MarginalRoi;
  profit: IncrementalProfitPoint[];
  /** The carryover years period by period, for the after-horizon chart. */
  carryover: AfterHorizonPoint[];
  /** The base's early fall, for the revenue chart. */
  fall: BaseFall | undefined;
  /** The trade-off curve across shares and horizons, in the marketing's own value. */
  curve: TradeoffCurve;
}

/**
 * Computes a model's results, reusing the trade-off curve while nothing it depends on changes:
 * the curve covers every horizon and share, so moving the share slider or changing the horizon
 * reuses it, and anything else that changes the numbers recomputes it.
 */
export class PlanResultsCalculator {
  private curve: TradeoffCurve | undefined;
  private curveKey = '';

  compute(model: Model): PlanResults {
    const result = simulate(model);
    const key = JSON.stringify({ ...model, name: '', description: '', startYear: 0, horizonYears: 0, budget: model.budget && { perYear: model.budget.perYear } });
    if (key !== this.curveKey || this.curve === undefined) {
      // In the marketing's own value, as the key figures lead with (the best shares are the same).
      this.curve = marketingTradeoffCurve(tradeoffCurve(model, TRADEOFF_STEPS), model);
      this.curveKey = key;
    }
    return {
      result,
      formats: formatsFor(model),
      marginal: marginalRoi(model),
      profit: incrementalProfit(result.periods, model.economics.margin),
      carryover: afterHorizon(model),
      fall: baseFall(result.periods, model),
      curve: this.curve,
    };
  }
}

/** The plan's upstream share of all spend: the share itself, or a spend-weighted average. */
export function currentShare(model: Model): number {
  const share = model.budget?.upstreamShare;
  if (model.plan === undefined && typeof share === 'number') return share;
  const spend = planSpend(model);
  let upstream = 0;
  let total = 0;
  for (let index = 0; index < spend.upstream.length; index += 1) {
    upstream += spend.upstream[index];
    total += spend.upstream[index] + spend.downstream[index];
  }
  return total > 0 ? upstream / total : 0;
}
