import type { CompiledDraws } from './compiled-draws.ts';
import type { Objective } from '../sim/objectives.ts';
import { type RowsObjective, createRowsObjective } from './plan-objective.ts';
import { MAX_ROBUST_GRADIENT_DRAWS, type RobustStatistic } from './optimize-options.ts';
import type { RobustObjective } from './robust-objective.ts';

/** Position of the 10th percentile among n sorted values (R's type 7): h = (n − 1) · 0.1. */
const P10 = 0.1;

/**
 * The mean or 10th percentile across draws of an objective, with its gradient with respect to
 * every period's spend, for the gradient phasings (`period`, `flighting`) of a robust search.
 *
 * - `value` is the Monte Carlo loop's (`robustObjective`: one `fastRun` per draw), so a plan
 *   scores exactly what every other robust search and `montecarlo` give it: the mean, or the
 *   10th percentile x₍ₗ₎ + f·(x₍ₗ₊₁₎ − x₍ₗ₎) of the sorted values, with (n − 1)·0.1 = l + f.
 * - `gradient` reruns the draws it needs at the plan last scored with a record of the run
 *   (`createObjectiveGradient`, one per draw, made when first needed) and differentiates them
 *   in reverse. The mean's gradient is the mean of every draw's. The 10th percentile is, near a
 *   plan, the value of the draws at ranks l and l + 1, so its gradient is
 *   (1 − f)·∇x₍ₗ₎ + f·∇x₍ₗ₊₁₎: two draws. Where two draws swap ranks it has a kink, and this is
 *   one of its one-sided gradients; the searches only ever keep a better value, so a kink can
 *   slow them but not mislead them. With `window` > 0 (a share of the draws), the gradient is
 *   instead a triangular-weighted mean of the draws ranked within window · draws (at least 5) of h: the
 *   gradient of a smoothed percentile, a direction that does not stall where ranks swap (the
 *   robust search uses 0.01; measured on the default, 1,000 draws, the yearly p10 search then
 *   moves off the constant plan, where the two-draw gradient stalled at once).
 *
 * Cost: a value is `draws` fast runs (`runs` counts them with the gradients' runs); a gradient is a run and a reverse pass for each draw it
 * needs (every draw for the mean, two for p10). Memory: a run's record for each draw whose
 * gradient has been needed, measured 17 KB for 5 years monthly and 61 KB weekly; for the mean
 * that is every draw, hence `MAX_ROBUST_GRADIENT_DRAWS`.
 */
export function createRobustObjectiveGradient(
  draws: CompiledDraws, objective: Objective, statistic: RobustStatistic, robustObjective: RobustObjective, window = 0,
): RowsObjective {
  const count = draws.models.length;
  const { periods, channelCount } = draws.models[0];
  const values = new Float64Array(count);
  const order = new Int32Array(count);
  const last = Array.from({ length: channelCount }, () => new Float64Array(periods));
  const part = Array.from({ length: channelCount }, () => new Float64Array(periods));
  const perDraw: (RowsObjective | undefined)[] = new Array(count);
  let scored = false;
  let runs = 0;

  /** The draws at ranks l and l + 1 of the last values, and the weight f of the second. */
  const percentileDraws = () => {
    for (let index = 0; index < count; index += 1) order[index] = index;
    order.sort((a, b) => values[a] - values[b]);
    const h = (count - 1) * P10;
    const low = Math.floor(h);
    return { lower: order[low], upper: order[Math.ceil(h)], weight: h - low };
  };

  const addGradient = (draw: number, weight: number, out: Float64Array[]) => {
    let gradient = perDraw[draw];
    if (gradient === undefined) {
      gradient = createRowsObjective(draws.models[draw], objective);
      // Beyond MAX_ROBUST_GRADIENT_DRAWS records are not kept: each is made again when needed.
      if (count <= MAX_KEPT) perDraw[draw] = gradient;
      runs += 1; // its zero-spend run
    }
    gradient.value(last);
    gradient.gradient(part);
    runs += 2;
    for (let channel = 0; channel < channelCount; channel += 1) {
      const target = out[channel];
      const source = part[channel];
      for (let index = 0; index < periods; index += 1) target[index] += weight * source[index];
    }
  };

  return {
    value(spend) {
      robustObjective.valuesPerDraw(spend, values); // counted in robustObjective.runs
      for (let channel = 0; channel < channelCount; channel += 1) last[channel].set(spend[channel].subarray(0, periods));
      scored = true;
      return robustObjective.statisticOf(values);
    },
    gradient(out) {
      if (!scored) throw new Error('gradient needs a plan scored by value first');
      for (const row of out) row.fill(0);
      if (statistic === 'mean') {
        for (let draw = 0; draw < count; draw += 1) addGradient(draw, 1 / count, out);
        return;
      }
      const { lower, upper, weight } = percentileDraws();
      const reach = window > 0 ? Math.max(MIN_REACH, Math.round(window * count)) : 0;
      if (reach < 1) {
        addGradient(lower, 1 - weight, out);
        if (weight > 0 && upper !== lower) addGradient(upper, weight, out);
        return;
      }
      // Across a window of ranks around h, triangular weights: a direction that sees past the
      // kinks where draws swap ranks (the value stays the exact percentile).
      const h = (count - 1) * P10;
      const from = Math.max(0, Math.ceil(h - reach));
      const to = Math.min(count - 1, Math.floor(h + reach));
      let total = 0;
      for (let rank = from; rank <= to; rank += 1) total += reach + 1 - Math.abs(rank - h);
      for (let rank = from; rank <= to; rank += 1) addGradient(order[rank], (reach + 1 - Math.abs(rank - h)) / total, out);
    },
    get runs() { return runs + robustObjective.runs; },
  };
}

/** The smoothed percentile's window reaches at least this many ranks either side of h. */
const MIN_REACH = 5;

/** Draws whose run records are kept between gradients (see `MAX_ROBUST_GRADIENT_DRAWS`). */
const MAX_KEPT = MAX_ROBUST_GRADIENT_DRAWS;
