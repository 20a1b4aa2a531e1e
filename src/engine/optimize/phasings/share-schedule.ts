import { projectedGradientAscent } from '../projected-gradient-ascent.ts';
import type { PlanSpace } from '../plan-space.ts';
import { ascentSettings, type PhasingOutcome, type SearchControl } from './phasing.ts';

/**
 * The best upstream shares when each period spends its year's average period budget and
 * periods are grouped, one share per group (a group is a year, or a single period).
 *
 * Variables: the groups' shares, each in [minShare, maxShare] (a box, so projection is
 * clamping). With Bₜ the period's budget, Uₜ = s·Bₜ and Dₜ = (1 − s)·Bₜ, so
 * ∂objective/∂s_g = Σ_{t in g} Bₜ · (∂objective/∂Uₜ − ∂objective/∂Dₜ): one gradient run per
 * step whatever the number of groups. Searched by projected-gradient ascent from the start's
 * shares, so the result is never worse than the start.
 *
 * @param groupOf the group of each period (index t − 1), 0 … groups − 1
 */
export function searchShareSchedule(
  space: PlanSpace, groupOf: (period: number) => number, groups: number, start: PhasingOutcome, control: SearchControl,
): PhasingOutcome {
  const { periods, averagePeriodBudget } = space;
  const { minShare, maxShare } = space.settings;
  const upstream = new Float64Array(periods);
  const downstream = new Float64Array(periods);
  const upstreamGradient = new Float64Array(periods);
  const downstreamGradient = new Float64Array(periods);
  const group = Int32Array.from({ length: periods }, (_, period) => groupOf(period));

  const fill = (shares: Float64Array) => {
    for (let index = 0; index < periods; index += 1) {
      const share = shares[group[index]];
      upstream[index] = share * averagePeriodBudget[index];
      downstream[index] = (1 - share) * averagePeriodBudget[index];
    }
  };

  // The start's share in each group; a group with nothing to spend keeps the middle of the range.
  const startShares = new Float64Array(groups).fill((minShare + maxShare) / 2);
  const groupSpend = new Float64Array(groups);
  const groupUpstream = new Float64Array(groups);
  for (let index = 0; index < periods; index += 1) {
    groupSpend[group[index]] += start.upstream[index] + start.downstream[index];
    groupUpstream[group[index]] += start.upstream[index];
  }
  for (let index = 0; index < groups; index += 1) {
    if (groupSpend[index] > 0) startShares[index] = groupUpstream[index] / groupSpend[index];
  }

  const result = projectedGradientAscent({
    size: groups,
    value(shares) {
      fill(shares);
      return space.value(upstream, downstream);
    },
    gradient(out) {
      space.gradient(upstreamGradient, downstreamGradient);
      out.fill(0);
      for (let index = 0; index < periods; index += 1) {
        out[group[index]] += averagePeriodBudget[index] * (upstreamGradient[index] - downstreamGradient[index]);
      }
    },
    project(shares) {
      for (let index = 0; index < groups; index += 1) shares[index] = Math.min(maxShare, Math.max(minShare, shares[index]));
    },
  }, startShares, ascentSettings(space, start.value, control));

  if (!(result.value > start.value)) return { ...start, converged: result.converged, cancelled: result.cancelled };
  fill(result.point);
  return { upstream, downstream, value: result.value, converged: result.converged, cancelled: result.cancelled };
}
