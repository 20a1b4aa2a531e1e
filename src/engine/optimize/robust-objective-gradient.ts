import type { CompiledDraws } from './compiled-draws.ts';
import { type CountedObjectiveGradient, type ObjectiveGradient, createObjectiveGradient } from '../sim/objective-gradient.ts';
import type { Objective } from '../sim/objectives.ts';
import type { RobustStatistic } from './optimize-options.ts';
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
 *   slow them but not mislead them.
 *
 * Cost: a value is `draws` fast runs (counted in `robustObjective.runs`, not in `runs`); a gradient is a run and a reverse pass for each draw it
 * needs (every draw for the mean, two for p10). Memory: a run's record for each draw whose
 * gradient has been needed, measured 17 KB for 5 years monthly and 61 KB weekly; for the mean
 * that is every draw, hence `MAX_ROBUST_GRADIENT_DRAWS`.
 */
export function createRobustObjectiveGradient(
  draws: CompiledDraws, objective: Objective, statistic: RobustStatistic, robustObjective: RobustObjective,
): CountedObjectiveGradient {
  const count = draws.models.length;
  const { periods } = draws.models[0];
  const values = new Float64Array(count);
  const order = new Int32Array(count);
  const lastUpstream = new Float64Array(periods);
  const lastDownstream = new Float64Array(periods);
  const upstreamPart = new Float64Array(periods);
  const downstreamPart = new Float64Array(periods);
  const perDraw: (ObjectiveGradient | undefined)[] = new Array(count);
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

  const addGradient = (draw: number, weight: number, upstreamOut: Float64Array, downstreamOut: Float64Array) => {
    let gradient = perDraw[draw];
    if (gradient === undefined) {
      gradient = createObjectiveGradient(draws.models[draw], objective);
      perDraw[draw] = gradient;
      runs += 1; // its zero-spend run
    }
    gradient.value(lastUpstream, lastDownstream);
    gradient.gradient(upstreamPart, downstreamPart);
    runs += 2;
    for (let index = 0; index < periods; index += 1) {
      upstreamOut[index] += weight * upstreamPart[index];
      downstreamOut[index] += weight * downstreamPart[index];
    }
  };

  return {
    periods,
    value(upstream, downstream) {
      robustObjective.valuesPerDraw(upstream, downstream, values); // counted in robustObjective.runs
      lastUpstream.set(upstream.subarray(0, periods));
      lastDownstream.set(downstream.subarray(0, periods));
      scored = true;
      return robustObjective.statisticOf(values);
    },
    gradient(upstreamOut, downstreamOut) {
      if (!scored) throw new Error('gradient needs a plan scored by value first');
      upstreamOut.fill(0);
      downstreamOut.fill(0);
      if (statistic === 'mean') {
        for (let draw = 0; draw < count; draw += 1) addGradient(draw, 1 / count, upstreamOut, downstreamOut);
        return;
      }
      const { lower, upper, weight } = percentileDraws();
      addGradient(lower, 1 - weight, upstreamOut, downstreamOut);
      if (weight > 0 && upper !== lower) addGradient(upper, weight, upstreamOut, downstreamOut);
    },
    get runs() { return runs; },
  };
}
