import { projectOntoCappedSimplex } from '../capped-simplex.ts';
import { projectedGradientAscent } from '../projected-gradient-ascent.ts';
import { type PlanSpace, planRows } from '../plan-space.ts';
import { projectOntoBoxedSimplex } from '../split-projection.ts';
import { ascentSettings, type Phasing, type PhasingOutcome, type SearchControl } from './phasing.ts';

/**
 * Spend per period and its split over the channels all free, each year spending exactly its
 * budget: when to spend as well as where.
 *
 * Variables: each period's spend as a multiple mₜ of its year's average period budget B̄ₜ (so
 * every variable is of order 1 whatever the currency), its upstream share sₜ, and, on a side
 * with two or more channels, each channel's share wᶜₜ of its side. Upstream channel c spends
 * mₜ·B̄ₜ·sₜ·wᶜₜ and downstream channel c mₜ·B̄ₜ·(1 − sₜ)·wᶜₜ (wᶜₜ = 1 for a side's only channel).
 * The feasible set is, for each year, the capped simplex { Σ mₜ = P, minPeriodMultiple ≤ mₜ ≤
 * maxPeriodMultiple } times the box of shares [minShare, maxShare] times, per period and side,
 * the simplex of within-side shares: every projection cheap and exact, so projected-gradient
 * ascent applies. With gᶜ = ∂objective/∂spend of channel c from one gradient run, and
 * Gᵤ = Σ_upstream wᶜgᶜ, G_d = Σ_downstream wᶜgᶜ:
 *   ∂/∂mₜ = B̄ₜ·(sₜGᵤ + (1 − sₜ)G_d),   ∂/∂sₜ = mₜB̄ₜ·(Gᵤ − G_d),
 *   ∂/∂wᶜₜ = mₜB̄ₜ·sₜ·gᶜₜ (upstream), mₜB̄ₜ·(1 − sₜ)·gᶜₜ (downstream).
 * With one channel a side the variables are (m, s) as they always were, the same search.
 *
 * Channels' bounds per year are not in this set (they bind the product of the variables): a
 * space with bounds is searched by `searchPracticalPlan` instead, and this returns its start.
 */
export function searchFlighting(space: PlanSpace, start: PhasingOutcome, control: SearchControl): PhasingOutcome {
  if (space.bounded) return start;
  const { periods, periodsPerYear, years, averagePeriodBudget, channelCount, upstreamCount } = space;
  const { minPeriodMultiple, maxPeriodMultiple } = space.settings;
  const minShare = upstreamCount === 0 ? 0 : channelCount === upstreamCount ? 1 : space.settings.minShare;
  const maxShare = upstreamCount === 0 ? 0 : channelCount === upstreamCount ? 1 : space.settings.maxShare;
  const upperMultiple = Math.min(maxPeriodMultiple, periodsPerYear);
  const spend = planRows(space);
  const gradient = planRows(space);
  // Within-side shares are variables only on a side with two or more channels.
  const sides = [
    { from: 0, to: upstreamCount },
    { from: upstreamCount, to: channelCount },
  ].filter((side) => side.to - side.from >= 2);
  const shared = sides.reduce((count, side) => count + side.to - side.from, 0);
  const wOffset = new Int32Array(channelCount).fill(-1);
  let next = 0;
  for (const side of sides) for (let channel = side.from; channel < side.to; channel += 1) wOffset[channel] = next++;
  const wStart = 2 * periods;
  const size = wStart + periods * shared;
  const unbounded = { lower: new Float64Array(channelCount), upper: new Float64Array(channelCount).fill(Infinity) };

  const within = (point: Float64Array, channel: number, index: number) => (wOffset[channel] < 0 ? 1 : point[wStart + index * shared + wOffset[channel]]);
  const fill = (point: Float64Array) => {
    for (let index = 0; index < periods; index += 1) {
      const total = point[index] * averagePeriodBudget[index];
      const upstream = point[periods + index] * total;
      const downstream = (1 - point[periods + index]) * total;
      for (let channel = 0; channel < channelCount; channel += 1) {
        spend[channel][index] = (channel < upstreamCount ? upstream : downstream) * within(point, channel, index);
      }
    }
  };

  const startPoint = new Float64Array(size);
  for (let index = 0; index < periods; index += 1) {
    let upstream = 0;
    let downstream = 0;
    for (let channel = 0; channel < channelCount; channel += 1) {
      if (channel < upstreamCount) upstream += start.spend[channel][index];
      else downstream += start.spend[channel][index];
    }
    const total = upstream + downstream;
    startPoint[index] = averagePeriodBudget[index] > 0 ? total / averagePeriodBudget[index] : 1;
    startPoint[periods + index] = total > 0 ? upstream / total : (minShare + maxShare) / 2;
    for (let channel = 0; channel < channelCount; channel += 1) {
      if (wOffset[channel] < 0) continue;
      const side = channel < upstreamCount ? upstream : downstream;
      startPoint[wStart + index * shared + wOffset[channel]] = side > 0 ? start.spend[channel][index] / side : space.withinSide[channel];
    }
  }

  // The gradient is taken at the point last scored (the ascent always asks in that order).
  let lastPoint: Float64Array = startPoint;
  const result = projectedGradientAscent({
    size,
    value(point) {
      lastPoint = point;
      fill(point);
      return space.value(spend);
    },
    gradient(out) {
      space.gradient(gradient);
      for (let index = 0; index < periods; index += 1) {
        const share = lastPoint[periods + index];
        const multiple = lastPoint[index];
        let upstream = 0;
        let downstream = 0;
        for (let channel = 0; channel < channelCount; channel += 1) {
          const part = within(lastPoint, channel, index) * gradient[channel][index];
          if (channel < upstreamCount) upstream += part;
          else downstream += part;
          if (wOffset[channel] >= 0) {
            out[wStart + index * shared + wOffset[channel]] = multiple * averagePeriodBudget[index] * (channel < upstreamCount ? share : 1 - share) * gradient[channel][index];
          }
        }
        out[index] = averagePeriodBudget[index] * (share * upstream + (1 - share) * downstream);
        out[periods + index] = multiple * averagePeriodBudget[index] * (upstream - downstream);
      }
    },
    project(point) {
      for (let year = 0; year < years; year += 1) {
        projectOntoCappedSimplex(point, year * periodsPerYear, periodsPerYear, periodsPerYear, minPeriodMultiple, upperMultiple);
      }
      for (let index = periods; index < 2 * periods; index += 1) point[index] = Math.min(maxShare, Math.max(minShare, point[index]));
      for (let index = 0; index < periods; index += 1) {
        for (const side of sides) {
          projectOntoBoxedSimplex(point, wStart + index * shared + wOffset[side.from], side.to - side.from, 1, unbounded.lower, unbounded.upper, side.from);
        }
      }
    },
  }, startPoint, ascentSettings(space, start.value, control));

  if (!(result.value > start.value)) return { ...start, converged: result.converged, cancelled: result.cancelled };
  fill(result.point);
  return { spend, value: result.value, converged: result.converged, cancelled: result.cancelled };
}

/** Spend per period and its split both free, each year's total fixed; see `searchFlighting`. */
export const flightingPhasing: Phasing = {
  name: 'flighting',
  description: 'spend per period and its split over the channels free, each year spending its budget',
  refines: 'period',
  search(space, start, control) {
    if (start === null) throw new Error('flighting starts from the best plan of the phasing it refines');
    return searchFlighting(space, start, control);
  },
};
