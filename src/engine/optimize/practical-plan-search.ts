import { ascentSettings, type PhasingOutcome, type SearchControl } from './phasings/phasing.ts';
import { type PlanSpace, planRows } from './plan-space.ts';
import { createPracticalPlanProjection } from './practical-plan-projection.ts';
import { projectedGradientAscent } from './projected-gradient-ascent.ts';

/**
 * The best plan a buyer can execute: `period` or `flighting` with `maxStep` (the largest change
 * of a channel's spend between consecutive periods), `minFlight` (spend bought in flights of
 * that many periods) and the channels' bounds per year kept exactly, as well as the budgets and
 * the share and period bounds.
 *
 * Variables: each flight's spend per period of each channel as multiples of its year's average
 * period budget (see `createPracticalPlanProjection`, whose projection keeps every constraint).
 * For `period` every flight spends exactly the average (multiples sum to 1); for `flighting` the
 * totals move within the period bounds. With gᶜ = ∂objective/∂spend of channel c from one
 * gradient run, ∂/∂zᶜᵦ = B̄ᵦ · Σ_{t in flight b} gᶜₜ.
 *
 * Searched by projected-gradient ascent from `start` made allowed by the projection (the
 * unconstrained optimum usually breaks the limits), so the result is never worse than that.
 */
export function searchPracticalPlan(space: PlanSpace, start: Pick<PhasingOutcome, 'spend'>, control: SearchControl): PhasingOutcome {
  const { periods, periodsPerYear, years, budgets, channelCount, upstreamCount } = space;
  const { phasing, minShare, maxShare, minPeriodMultiple, maxPeriodMultiple, maxStep, minFlight } = space.settings;
  const flighting = phasing === 'flighting';
  const projection = createPracticalPlanProjection({
    periodsPerYear, years, budgets, minShare, maxShare, maxStep, minFlight,
    lowerMultiple: flighting ? minPeriodMultiple : 1,
    upperMultiple: flighting ? maxPeriodMultiple : 1,
    upstreamCount,
    channelCount,
    minPerYear: space.channels.map((channel) => channel.minPerYear),
    maxPerYear: space.channels.map((channel) => channel.maxPerYear),
    withinSide: space.withinSide,
  });
  const { flights, flightBudget } = projection;
  const spend = planRows(space);
  const gradient = planRows(space);

  const fill = (point: Float64Array) => {
    for (let channel = 0; channel < channelCount; channel += 1) {
      const row = spend[channel];
      for (let index = 0; index < periods; index += 1) {
        const flight = Math.floor(index / minFlight);
        row[index] = point[channel * flights + flight] * flightBudget[flight];
      }
    }
  };

  // The start's average multiples over each flight; a flight with no budget keeps the even plan.
  const startPoint = projection.evenPlan();
  for (let flight = 0; flight < flights; flight += 1) {
    if (!(flightBudget[flight] > 0)) continue;
    for (let channel = 0; channel < channelCount; channel += 1) {
      let total = 0;
      for (let index = flight * minFlight; index < (flight + 1) * minFlight; index += 1) total += start.spend[channel][index];
      startPoint[channel * flights + flight] = total / (minFlight * flightBudget[flight]);
    }
  }
  projection.project(startPoint);
  fill(startPoint);
  const startValue = space.value(spend);

  const result = projectedGradientAscent({
    size: channelCount * flights,
    value(point) {
      fill(point);
      return space.value(spend);
    },
    gradient(out) {
      space.gradient(gradient);
      out.fill(0);
      for (let channel = 0; channel < channelCount; channel += 1) {
        const row = gradient[channel];
        for (let index = 0; index < periods; index += 1) {
          const flight = Math.floor(index / minFlight);
          out[channel * flights + flight] += flightBudget[flight] * row[index];
        }
      }
    },
    project: (point) => projection.project(point),
  }, startPoint, ascentSettings(space, startValue, control));

  fill(result.point);
  return { spend, value: result.value, converged: result.converged, cancelled: result.cancelled };
}
