import { ascentSettings, type PhasingOutcome, type SearchControl } from './phasings/phasing.ts';
import type { PlanSpace } from './plan-space.ts';
import { createPracticalPlanProjection } from './practical-plan-projection.ts';
import { projectedGradientAscent } from './projected-gradient-ascent.ts';

/**
 * The best plan a buyer can execute: `period` or `flighting` with `maxStep` (the largest change
 * of a side's spend between consecutive periods) and `minFlight` (spend bought in flights of
 * that many periods) kept exactly, as well as the budgets and the share and period bounds.
 *
 * Variables: each flight's upstream and downstream spend per period as multiples of its year's
 * average period budget (see `createPracticalPlanProjection`, whose projection keeps every
 * constraint). For `period` every flight spends exactly the average (multiples sum to 1); for
 * `flighting` the totals move within the period bounds. With g = ∂objective/∂U from one gradient
 * run, ∂/∂uᵦ = B̄ᵦ · Σ_{t in flight b} gₜ (and likewise downstream).
 *
 * Searched by projected-gradient ascent from `start` made allowed by the projection (the
 * unconstrained optimum usually breaks the limits), so the result is never worse than that.
 */
export function searchPracticalPlan(space: PlanSpace, start: Pick<PhasingOutcome, 'upstream' | 'downstream'>, control: SearchControl): PhasingOutcome {
  const { periods, periodsPerYear, years, budgets } = space;
  const { phasing, minShare, maxShare, minPeriodMultiple, maxPeriodMultiple, maxStep, minFlight } = space.settings;
  const flighting = phasing === 'flighting';
  const projection = createPracticalPlanProjection({
    periodsPerYear, years, budgets, minShare, maxShare, maxStep, minFlight,
    lowerMultiple: flighting ? minPeriodMultiple : 1,
    upperMultiple: flighting ? maxPeriodMultiple : 1,
  });
  const { flights, flightBudget } = projection;
  const upstream = new Float64Array(periods);
  const downstream = new Float64Array(periods);
  const upstreamGradient = new Float64Array(periods);
  const downstreamGradient = new Float64Array(periods);

  const fill = (point: Float64Array) => {
    for (let index = 0; index < periods; index += 1) {
      const flight = Math.floor(index / minFlight);
      upstream[index] = point[flight] * flightBudget[flight];
      downstream[index] = point[flights + flight] * flightBudget[flight];
    }
  };

  // The start's average multiples over each flight; a flight with no budget keeps the even plan.
  const startPoint = projection.evenPlan();
  for (let flight = 0; flight < flights; flight += 1) {
    if (!(flightBudget[flight] > 0)) continue;
    let up = 0;
    let down = 0;
    for (let index = flight * minFlight; index < (flight + 1) * minFlight; index += 1) {
      up += start.upstream[index];
      down += start.downstream[index];
    }
    startPoint[flight] = up / (minFlight * flightBudget[flight]);
    startPoint[flights + flight] = down / (minFlight * flightBudget[flight]);
  }
  projection.project(startPoint);
  fill(startPoint);
  const startValue = space.value(upstream, downstream);

  const result = projectedGradientAscent({
    size: 2 * flights,
    value(point) {
      fill(point);
      return space.value(upstream, downstream);
    },
    gradient(out) {
      space.gradient(upstreamGradient, downstreamGradient);
      out.fill(0);
      for (let index = 0; index < periods; index += 1) {
        const flight = Math.floor(index / minFlight);
        out[flight] += flightBudget[flight] * upstreamGradient[index];
        out[flights + flight] += flightBudget[flight] * downstreamGradient[index];
      }
    },
    project: (point) => projection.project(point),
  }, startPoint, ascentSettings(space, startValue, control));

  fill(result.point);
  return { upstream, downstream, value: result.value, converged: result.converged, cancelled: result.cancelled };
}
