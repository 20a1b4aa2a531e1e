import { projectedGradientAscent } from '../projected-gradient-ascent.ts';
import { type PlanSpace, planRows } from '../plan-space.ts';
import { projectOntoSplit } from '../split-projection.ts';
import { ascentSettings, type PhasingOutcome, type SearchControl } from './phasing.ts';

/** Lower and upper bounds on each channel's share of a group's period budget. */
export interface GroupBounds {
  lower: Float64Array;
  upper: Float64Array;
}

/**
 * The best split of each period's budget over the channels when every period spends its year's
 * average period budget and periods are grouped, one split per group (the whole horizon, a year,
 * or a single period).
 *
 * Variables: xᶜ_g, channel c's share of the budget in the periods of group g (C per group).
 * Channel c spends xᶜ_g·B̄ₜ in period t of group g, so ∂objective/∂xᶜ_g = Σ_{t in g} B̄ₜ·gᶜₜ
 * (gᶜₜ = ∂objective/∂spend of channel c in period t): one gradient run per step whatever the
 * number of groups. Each group's split lies in { Σ xᶜ = 1, lowerᶜ ≤ xᶜ ≤ upperᶜ, minShare ≤
 * Σ_upstream xᶜ ≤ maxShare }, projected onto exactly (`projectOntoSplit`). With one channel a side
 * this is the search over one upstream share per group that it has always been (the same
 * iterates, in exact arithmetic). Searched by projected-gradient ascent from the start's
 * splits, so the result is never worse than the start.
 *
 * @param groupOf the group of each period (index t − 1), 0 … groups − 1
 * @param boundsOf each group's bounds on the channels' shares (from their bounds per year)
 */
export function searchSplitSchedule(
  space: PlanSpace, groupOf: (period: number) => number, groups: number, boundsOf: (group: number) => GroupBounds,
  start: PhasingOutcome, control: SearchControl,
): PhasingOutcome {
  const { periods, averagePeriodBudget, channelCount, upstreamCount } = space;
  if (upstreamCount === 1 && channelCount === 2) return searchShareSchedule(space, groupOf, groups, boundsOf, start, control);
  const { minShare, maxShare } = space.settings;
  const spend = planRows(space);
  const gradient = planRows(space);
  const group = Int32Array.from({ length: periods }, (_, period) => groupOf(period));
  const bounds = Array.from({ length: groups }, (_, index) => boundsOf(index));

  const fill = (point: Float64Array) => {
    for (let channel = 0; channel < channelCount; channel += 1) {
      const row = spend[channel];
      for (let index = 0; index < periods; index += 1) row[index] = point[group[index] * channelCount + channel] * averagePeriodBudget[index];
    }
  };
  const project = (point: Float64Array) => {
    for (let index = 0; index < groups; index += 1) {
      projectOntoSplit(point, index * channelCount, upstreamCount, 1, bounds[index].lower, bounds[index].upper, minShare, maxShare);
    }
  };

  // The start's split in each group; a group with nothing to spend starts from the reference split.
  const startPoint = startSplits(space, group, groups, start.spend);
  project(startPoint);

  const result = projectedGradientAscent({
    size: groups * channelCount,
    value(point) {
      fill(point);
      return space.value(spend);
    },
    gradient(out) {
      space.gradient(gradient);
      out.fill(0);
      for (let channel = 0; channel < channelCount; channel += 1) {
        const row = gradient[channel];
        for (let index = 0; index < periods; index += 1) out[group[index] * channelCount + channel] += averagePeriodBudget[index] * row[index];
      }
    },
    project,
  }, startPoint, ascentSettings(space, start.value, control));

  if (!(result.value > start.value)) return { ...start, converged: result.converged, cancelled: result.cancelled };
  fill(result.point);
  return { spend, value: result.value, converged: result.converged, cancelled: result.cancelled };
}

/**
 * Each group's channel shares in `plan`; where a group spends nothing, the middle upstream share
 * split within each side by `space.withinSide`. Not projected.
 */
export function startSplits(space: PlanSpace, group: Int32Array, groups: number, plan: readonly Float64Array[]): Float64Array {
  const { channelCount, periods } = space;
  const point = new Float64Array(groups * channelCount);
  const totals = new Float64Array(groups);
  for (let channel = 0; channel < channelCount; channel += 1) {
    const row = plan[channel];
    for (let index = 0; index < periods; index += 1) {
      point[group[index] * channelCount + channel] += row[index];
      totals[group[index]] += row[index];
    }
  }
  const reference = referenceSplit(space);
  for (let index = 0; index < groups; index += 1) {
    for (let channel = 0; channel < channelCount; channel += 1) {
      const at = index * channelCount + channel;
      point[at] = totals[index] > 0 ? point[at] / totals[index] : reference[channel];
    }
  }
  return point;
}

/**
 * A split to start from when nothing better is known: the middle of the allowed upstream share
 * (0 or 1 when a side has no channels), shared within each side as `space.withinSide`.
 */
export function referenceSplit(space: PlanSpace): Float64Array {
  const { channelCount, upstreamCount, withinSide } = space;
  const { minShare, maxShare } = space.settings;
  const share = upstreamCount === 0 ? 0 : upstreamCount === channelCount ? 1 : (minShare + maxShare) / 2;
  return Float64Array.from(withinSide, (within, channel) => within * (channel < upstreamCount ? share : 1 - share));
}

/**
 * `searchSplitSchedule` for one channel a side (a two-lever model): the split is the upstream
 * share s_g of each group, in the box [minShare, maxShare] narrowed by the two channels' bounds
 * (s ≥ lower₀, s ≤ upper₀, 1 − s within [lower₁, upper₁]), projected by clamping. With
 * Uₜ = s·B̄ₜ and Dₜ = (1 − s)·B̄ₜ, ∂objective/∂s_g = Σ_{t in g} B̄ₜ·(∂objective/∂Uₜ − ∂objective/∂Dₜ).
 * The same variables and steps as the search over one upstream share per group has always been,
 * so two-lever models get the plans they always got.
 */
function searchShareSchedule(
  space: PlanSpace, groupOf: (period: number) => number, groups: number, boundsOf: (group: number) => GroupBounds,
  start: PhasingOutcome, control: SearchControl,
): PhasingOutcome {
  const { periods, averagePeriodBudget } = space;
  const spend = planRows(space);
  const gradient = planRows(space);
  const [upstream, downstream] = spend;
  const group = Int32Array.from({ length: periods }, (_, period) => groupOf(period));
  const low = new Float64Array(groups);
  const high = new Float64Array(groups);
  for (let index = 0; index < groups; index += 1) {
    const { lower, upper } = boundsOf(index);
    low[index] = Math.max(space.settings.minShare, lower[0], 1 - upper[1]);
    high[index] = Math.min(space.settings.maxShare, upper[0], 1 - lower[1]);
  }

  const fill = (shares: Float64Array) => {
    for (let index = 0; index < periods; index += 1) {
      const share = shares[group[index]];
      upstream[index] = share * averagePeriodBudget[index];
      downstream[index] = (1 - share) * averagePeriodBudget[index];
    }
  };

  // The start's share in each group; a group with nothing to spend keeps the middle of the range.
  const startShares = new Float64Array(groups);
  const groupSpend = new Float64Array(groups);
  const groupUpstream = new Float64Array(groups);
  for (let index = 0; index < periods; index += 1) {
    groupSpend[group[index]] += start.spend[0][index] + start.spend[1][index];
    groupUpstream[group[index]] += start.spend[0][index];
  }
  for (let index = 0; index < groups; index += 1) {
    startShares[index] = groupSpend[index] > 0 ? groupUpstream[index] / groupSpend[index] : (space.settings.minShare + space.settings.maxShare) / 2;
  }

  const result = projectedGradientAscent({
    size: groups,
    value(shares) {
      fill(shares);
      return space.value(spend);
    },
    gradient(out) {
      space.gradient(gradient);
      out.fill(0);
      for (let index = 0; index < periods; index += 1) {
        out[group[index]] += averagePeriodBudget[index] * (gradient[0][index] - gradient[1][index]);
      }
    },
    project(shares) {
      for (let index = 0; index < groups; index += 1) shares[index] = Math.min(high[index], Math.max(low[index], shares[index]));
    },
  }, startShares, ascentSettings(space, start.value, control));

  if (!(result.value > start.value)) return { ...start, converged: result.converged, cancelled: result.cancelled };
  fill(result.point);
  return { spend, value: result.value, converged: result.converged, cancelled: result.cancelled };
}
