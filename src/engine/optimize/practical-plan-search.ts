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

  // With channels or channel bounds, the gradient's part that only changes a flight's total
  // (period) or a year's total (flighting), which every allowed plan keeps, is taken out: the
  // projection of a point and of its part along the budgets are the same point (the allowed set
  // lies in that affine set), but Dykstra's iteration converges far faster from the latter (the
  // cost of money, the same in every channel, otherwise pushes the trial point far off).
  const tangent = space.bounded || channelCount !== 2 || upstreamCount !== 1;
  const flightsPerYear = periodsPerYear / minFlight;
  const alongBudgets = (out: Float64Array) => {
    const groups = flighting ? years : flights;
    const groupOf = (flight: number) => (flighting ? Math.floor(flight / flightsPerYear) : flight);
    const means = new Float64Array(groups);
    const counts = new Float64Array(groups);
    for (let channel = 0; channel < channelCount; channel += 1) {
      for (let flight = 0; flight < flights; flight += 1) { means[groupOf(flight)] += out[channel * flights + flight]; counts[groupOf(flight)] += 1; }
    }
    for (let group = 0; group < groups; group += 1) means[group] /= counts[group];
    for (let channel = 0; channel < channelCount; channel += 1) {
      for (let flight = 0; flight < flights; flight += 1) out[channel * flights + flight] -= means[groupOf(flight)];
    }
  };

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

  // With channels or bounds the search runs on the objective scaled so that the start's gradient
  // is at most 1 in any variable: its first step (by a length that moves the point about 1) then
  // stays near the allowed set, where Dykstra's iteration settles; from a point far outside, the
  // cost of money common to every channel pushing it, it does not, and the search would stall.
  // Scaling value and gradient alike leaves the search's path otherwise as it was.
  let scale = 1;
  if (tangent) {
    const startGradient = new Float64Array(channelCount * flights);
    computeGradient(startGradient);
    let largest = 0;
    for (const entry of startGradient) largest = Math.max(largest, Math.abs(entry));
    if (largest > 0) scale = 1 / largest;
  }
  const settings = ascentSettings(space, startValue, control);

  const result = projectedGradientAscent({
    size: channelCount * flights,
    value(point) {
      fill(point);
      return scale * space.value(spend);
    },
    gradient(out) {
      computeGradient(out);
      if (scale !== 1) for (let index = 0; index < out.length; index += 1) out[index] *= scale;
    },
    project: (point) => projection.project(point),
  }, startPoint, { ...settings, scale: scale * settings.scale });

  fill(result.point);
  const value = scale === 1 ? result.value : space.value(spend);
  return { spend, value, converged: result.converged, cancelled: result.cancelled };

  /** ∂objective/∂zᶜᵦ at the plan last scored (along the budgets, with channels or bounds). */
  function computeGradient(out: Float64Array): void {
    space.gradient(gradient);
    out.fill(0);
    for (let channel = 0; channel < channelCount; channel += 1) {
      const row = gradient[channel];
      for (let index = 0; index < periods; index += 1) {
        const flight = Math.floor(index / minFlight);
        out[channel * flights + flight] += flightBudget[flight] * row[index];
      }
    }
    if (tangent) alongBudgets(out);
  }
}
