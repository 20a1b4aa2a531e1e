import type { Model, Side } from '../model/model.ts';
import { channelList, modelChannels } from '../model/model-channels.ts';
import type { ObjectiveName } from '../sim/objectives.ts';
import { optimizeForBudgets } from './optimize-for-budgets.ts';
import { OptimizeError } from './optimize-error.ts';
import { type OptimizeOptions, type PhasingName, bestPlansOnly, resolveOptions } from './optimize-options.ts';
import { averageBudgetPerYear, scaledBudgets } from './scaled-budgets.ts';

/** `optimize`'s options plus the budgets to try, as multiples of the model's. */
export interface FrontierOptions extends OptimizeOptions {
  /** First multiple of the model's budget, ≥ 0 (e.g. 0.5). */
  from: number;
  /** Last multiple, ≥ 0 (e.g. 2); may be below `from`. */
  to: number;
  /** How many budgets, evenly spaced, both ends included: a whole number from 2 to 1000. */
  steps: number;
}

/** The best plan at one budget. */
export interface FrontierPoint {
  /** The budget as a multiple of the model's. */
  multiplier: number;
  /** Average budget per year (the model's yearly profile scaled by `multiplier`). */
  budgetPerYear: number;
  totalSpend: number;
  /** The objective at the best plan for this budget. */
  value: number;
  /** Upstream spend over total spend, over the horizon; null with no spend. */
  upstreamShare: number | null;
  /** Each year's upstream share; null for a year with no spend. */
  upstreamShareByYear: (number | null)[];
  /**
   * Each channel's spend over the horizon in the best plan at this budget, upstream channels
   * first (a two-lever model's are `upstream` and `downstream`): where the extra money goes.
   */
  channels: { name: string; side: Side; spend: number }[];
  /** ROI over the horizon; null with no spend. */
  roi: number | null;
  /**
   * Δvalue / Δspend from the previous point: what the last extra unit of money added to the
   * objective (for the NPV objectives, net of the money itself; for revenue, gross). Null at
   * the first point or when spend did not change.
   */
  marginalValue: number | null;
  /** Δ(incremental contribution − spend) / Δspend from the previous point: the marginal ROI. */
  marginalRoi: number | null;
}

export interface Frontier {
  objective: ObjectiveName;
  phasing: PhasingName;
  points: FrontierPoint[];
  evaluations: number;
  cancelled: boolean;
}

export const MAX_FRONTIER_STEPS = 1000;

/**
 * The best objective, and the split that reaches it, for budgets from `from` to `to` times the
 * model's (its yearly profile kept): how much each extra unit of money is worth as the budget
 * grows. One optimisation per point, with the chosen phasing and bounds.
 *
 * Each point is the best plan found at its budget (`exactBest`): the marginal figures are
 * differences of best values, which a smoother plan's small, uneven give-up would blur.
 *
 * Cost: `steps` optimisations (constant: ~5 ms each for a 3-year monthly model).
 * @throws {OptimizeError} for invalid options, a negative or non-numeric multiple, or steps
 *   that are not a whole number from 2 to 1000
 * @example budgetFrontier(model, { from: 0.5, to: 2, steps: 7 }).points.map((point) => point.marginalRoi)
 */
export function budgetFrontier(model: Model, options: FrontierOptions): Frontier {
  if (options.robust !== undefined) throw new OptimizeError('robust', 'the frontier optimises at the central settings; robust (risk-averse) planning applies to optimize alone');
  const settings = resolveOptions(bestPlansOnly(options, 'the frontier'));
  for (const option of ['from', 'to'] as const) {
    const multiple = options[option];
    if (!(multiple >= 0 && Number.isFinite(multiple))) throw new OptimizeError(option, `${option} must be a multiple of the budget ≥ 0, got ${multiple}`);
  }
  const { from, to, steps } = options;
  if (!Number.isInteger(steps) || steps < 2 || steps > MAX_FRONTIER_STEPS) {
    throw new OptimizeError('steps', `steps must be a whole number from 2 to ${MAX_FRONTIER_STEPS}, got ${steps}`);
  }
  const average = averageBudgetPerYear(model);
  if (average === 0) throw new OptimizeError('from', 'the model has no budget to multiply; give it a budget first');

  let evaluations = 0;
  let cancelled = false;
  const points: FrontierPoint[] = [];
  const channels = channelList(modelChannels(model));
  let previous: { spend: number; value: number; incremental: number } | null = null;
  for (let index = 0; index < steps; index += 1) {
    // The product before the division gives clean decimals (0.5 to 2 in 7 steps: 0.75, not 0.7500…01).
    const multiplier = index === steps - 1 ? to : from + ((to - from) * index) / (steps - 1);
    const result = optimizeForBudgets(model, scaledBudgets(model, multiplier * average), settings, {
      shouldStop: options.shouldStop,
      onProgress: options.onProgress === undefined ? undefined : (fraction) => options.onProgress?.((index + fraction) / steps),
    });
    evaluations += result.evaluations;
    cancelled ||= result.cancelled;
    const { totalSpend, roi } = result.summary;
    let upstream = 0;
    for (const spend of result.sides.upstream) upstream += spend;
    const rows = result.plan as Readonly<Record<string, readonly number[]>>;
    // ROI · spend + spend is the incremental contribution; with no spend it is exactly 0.
    const incremental = roi === null ? 0 : (roi + 1) * totalSpend;
    const change = previous === null ? 0 : totalSpend - previous.spend;
    points.push({
      multiplier,
      budgetPerYear: multiplier * average,
      totalSpend,
      value: result.value,
      upstreamShare: totalSpend > 0 ? upstream / totalSpend : null,
      upstreamShareByYear: result.upstreamShareByYear,
      channels: channels.map((channel) => ({ name: channel.name, side: channel.side, spend: rows[channel.name].reduce((total, spend) => total + spend, 0) })),
      roi,
      marginalValue: previous === null || change === 0 ? null : (result.value - previous.value) / change,
      marginalRoi: previous === null || change === 0 ? null : (incremental - previous.incremental) / change - 1,
    });
    previous = { spend: totalSpend, value: result.value, incremental };
    if (cancelled) break;
  }
  return { objective: settings.objective.name, phasing: settings.phasing, points, evaluations, cancelled };
}
