import { projectOntoCappedSimplex } from '../capped-simplex.ts';
import { projectedGradientAscent } from '../projected-gradient-ascent.ts';
import type { PlanSpace } from '../plan-space.ts';
import { ascentSettings, type Phasing, type PhasingOutcome, type SearchControl } from './phasing.ts';

/**
 * Upstream and downstream spend per period both free, each year spending exactly its budget:
 * when to spend as well as where.
 *
 * Variables, 2T of them: each period's spend as a multiple mₜ of its year's average period
 * budget B̄ₜ (so every variable is of order 1 whatever the currency), and its upstream share sₜ.
 * Uₜ = sₜ·mₜ·B̄ₜ and Dₜ = (1 − sₜ)·mₜ·B̄ₜ. The feasible set is, for each year, the capped simplex
 * { Σ mₜ = P, minPeriodMultiple ≤ mₜ ≤ maxPeriodMultiple } times the box of shares
 * [minShare, maxShare]; both projections are cheap and exact, so projected-gradient ascent
 * applies. With g = ∂objective/∂U and h = ∂objective/∂D from one gradient run:
 *   ∂/∂mₜ = B̄ₜ·(sₜgₜ + (1 − sₜ)hₜ),   ∂/∂sₜ = mₜB̄ₜ·(gₜ − hₜ).
 */
export function searchFlighting(space: PlanSpace, start: PhasingOutcome, control: SearchControl): PhasingOutcome {
  const { periods, periodsPerYear, years, averagePeriodBudget } = space;
  const { minShare, maxShare, minPeriodMultiple, maxPeriodMultiple } = space.settings;
  const upperMultiple = Math.min(maxPeriodMultiple, periodsPerYear);
  const upstream = new Float64Array(periods);
  const downstream = new Float64Array(periods);
  const upstreamGradient = new Float64Array(periods);
  const downstreamGradient = new Float64Array(periods);

  const fill = (point: Float64Array) => {
    for (let index = 0; index < periods; index += 1) {
      const spend = point[index] * averagePeriodBudget[index];
      upstream[index] = point[periods + index] * spend;
      downstream[index] = (1 - point[periods + index]) * spend;
    }
  };

  const startPoint = new Float64Array(2 * periods);
  for (let index = 0; index < periods; index += 1) {
    const spend = start.upstream[index] + start.downstream[index];
    startPoint[index] = averagePeriodBudget[index] > 0 ? spend / averagePeriodBudget[index] : 1;
    startPoint[periods + index] = spend > 0 ? start.upstream[index] / spend : (minShare + maxShare) / 2;
  }

  // The gradient is taken at the point last scored (the ascent always asks in that order).
  let lastPoint: Float64Array = startPoint;
  const result = projectedGradientAscent({
    size: 2 * periods,
    value(point) {
      lastPoint = point;
      fill(point);
      return space.value(upstream, downstream);
    },
    gradient(out) {
      space.gradient(upstreamGradient, downstreamGradient);
      for (let index = 0; index < periods; index += 1) {
        const share = lastPoint[periods + index];
        out[index] = averagePeriodBudget[index] * (share * upstreamGradient[index] + (1 - share) * downstreamGradient[index]);
        out[periods + index] = lastPoint[index] * averagePeriodBudget[index] * (upstreamGradient[index] - downstreamGradient[index]);
      }
    },
    project(point) {
      for (let year = 0; year < years; year += 1) {
        projectOntoCappedSimplex(point, year * periodsPerYear, periodsPerYear, periodsPerYear, minPeriodMultiple, upperMultiple);
      }
      for (let index = periods; index < 2 * periods; index += 1) point[index] = Math.min(maxShare, Math.max(minShare, point[index]));
    },
  }, startPoint, ascentSettings(space, start.value, control));

  if (!(result.value > start.value)) return { ...start, converged: result.converged, cancelled: result.cancelled };
  fill(result.point);
  return { upstream, downstream, value: result.value, converged: result.converged, cancelled: result.cancelled };
}

/** Spend per period and its split both free, each year's total fixed; see `searchFlighting`. */
export const flightingPhasing: Phasing = {
  name: 'flighting',
  description: 'upstream and downstream spend per period free, each year spending its budget',
  refines: 'period',
  search(space, start, control) {
    if (start === null) throw new Error('flighting starts from the best plan of the phasing it refines');
    return searchFlighting(space, start, control);
  },
};
