import { projectOntoCappedSimplex } from './capped-simplex.ts';
import { projectOntoSplit } from './split-projection.ts';

/**
 * The plans a buyer can execute, as a set the optimiser can project onto: spend per flight (a
 * block of `minFlight` periods within a year) of each channel, each year on budget, every
 * flight's spend within the period bounds, its upstream share within the share bounds, each
 * channel's change from one flight to the next within `maxStep`, and each channel's spend in a
 * year within its bounds per year.
 *
 * Variables, C·S for C channels and S flights: zᶜᵦ, channel c's spend per period in flight b as
 * a multiple of its year's average period budget B̄ᵦ (so every variable is of order 1), stored
 * channel by channel (c·S + b; with one channel a side, upstream then downstream as before).
 * The allowed set is the intersection of convex sets (with the box 0 ≤ zᶜᵦ ≤ upper, which they
 * imply, projected onto first to keep the numbers in range):
 *   A  each year: the flight totals Tᵦ = Σ_c zᶜᵦ on the capped simplex { Σᵦ Tᵦ = flights per
 *      year, lower ≤ Tᵦ ≤ upper }, each flight's channels moved equally (an exact projection);
 *   B  each flight: minShare·Tᵦ ≤ Σ_upstream zᶜᵦ ≤ maxShare·Tᵦ (a polyhedral cone: exact);
 *   C  each channel and each pair of consecutive flights: |B̄ᵦzᶜᵦ − B̄ᵦ₋₁zᶜᵦ₋₁| ≤ cᵦ, with
 *      cᵦ = maxStep · max(B̄ᵦ, B̄ᵦ₋₁) + |B̄ᵦ − B̄ᵦ₋₁| (a slab; the pairs starting at even and
 *      at odd flights are two sets of disjoint slabs, each exact);
 *   D  each channel and year: minPerYear ≤ minFlight · B̄ · Σ_{b in year} zᶜᵦ ≤ maxPerYear (a
 *      slab: exact, all the year's flights of the channel moved equally).
 * Their intersection has no closed-form projection, so `project` runs Dykstra's alternating
 * projections (Boyle & Dykstra 1986; it converges to the nearest point of the intersection),
 * then makes the point exactly feasible: A again (exact), each flight's upstream share clamped
 * keeping its total (B exact, A kept), and finally a pull-back along the segment towards the
 * even plan x₀ (every flight at the average, split as near the middle share as each year's
 * bounds allow) just far enough to satisfy C and D. Every set is convex and x₀ lies in A, B and
 * D, and strictly inside C when the years' splits of x₀ do not differ too much, so each point on
 * that segment keeps A and B: the result is in the intersection to rounding, whatever Dykstra's
 * iteration count left. (When bounds force x₀ to change a channel's spend at a year boundary by
 * more than the step limit, the pull-back returns x₀ and that step is as the bounds force it.)
 *
 * Cost: at most `MAX_SWEEPS` sweeps of O(C·S), then O(C·S · 64); no allocation after creation.
 */
export interface PracticalPlanProjection {
  /** Flights (blocks of `minFlight` periods) over the horizon: S. */
  flights: number;
  /** B̄ of each flight: its year's budget over the periods in a year. */
  flightBudget: Float64Array;
  /** Moves a point (C·S numbers, channel by channel) into the allowed set. */
  project(point: Float64Array): void;
  /** The even plan x₀ described above, always allowed. */
  evenPlan(): Float64Array;
}

export interface PracticalPlanBounds {
  periodsPerYear: number;
  years: number;
  /** The budget of each year. */
  budgets: readonly number[];
  minShare: number;
  maxShare: number;
  /** Lowest and highest flight spend per period, as multiples of B̄ (both 1 for `period`). */
  lowerMultiple: number;
  upperMultiple: number;
  /** Infinity for no limit. */
  maxStep: number;
  /** Divides periodsPerYear. */
  minFlight: number;
  /** Channels 0 … upstreamCount − 1 are upstream; default 1 (one channel a side). */
  upstreamCount?: number;
  /** Default 2. */
  channelCount?: number;
  /** Each channel's least and most spend per year; default none. */
  minPerYear?: ArrayLike<number>;
  maxPerYear?: ArrayLike<number>;
  /** Each channel's share of its side in the even plan; default even. */
  withinSide?: ArrayLike<number>;
}

/** Dykstra sweeps at most; it usually settles (to 1e-13 of a multiple) well before. */
const MAX_SWEEPS = 200;
const SETTLED = 1e-13;

export function createPracticalPlanProjection(bounds: PracticalPlanBounds): PracticalPlanProjection {
  const { periodsPerYear, years, budgets, minShare, maxShare, lowerMultiple, maxStep, minFlight } = bounds;
  const upstreamCount = bounds.upstreamCount ?? 1;
  const channelCount = bounds.channelCount ?? 2;
  const twoLever = upstreamCount === 1 && channelCount === 2;
  const flightsPerYear = periodsPerYear / minFlight;
  const flights = flightsPerYear * years;
  const upperMultiple = Math.min(bounds.upperMultiple, flightsPerYear);
  const flightBudget = new Float64Array(flights);
  for (let flight = 0; flight < flights; flight += 1) flightBudget[flight] = budgets[Math.floor(flight / flightsPerYear)] / periodsPerYear;
  const stepLimit = new Float64Array(flights); // cᵦ for the pair (b − 1, b); unused at b = 0
  for (let flight = 1; flight < flights; flight += 1) {
    const before = flightBudget[flight - 1];
    const now = flightBudget[flight];
    stepLimit[flight] = maxStep * Math.max(before, now) + Math.abs(now - before);
  }
  const limitsSteps = Number.isFinite(maxStep);

  // D: each channel's bounds on Σ_{b in year} zᶜᵦ (the year's spend over minFlight · B̄).
  const yearLow = new Float64Array(channelCount * years);
  const yearHigh = new Float64Array(channelCount * years).fill(Infinity);
  let boundsYears = false;
  for (let channel = 0; channel < channelCount; channel += 1) {
    const least = bounds.minPerYear?.[channel] ?? 0;
    const most = bounds.maxPerYear?.[channel] ?? Infinity;
    if (least > 0 || Number.isFinite(most)) boundsYears = true;
    for (let year = 0; year < years; year += 1) {
      const perUnit = minFlight * (budgets[year] / periodsPerYear);
      yearLow[channel * years + year] = perUnit > 0 ? least / perUnit : 0;
      yearHigh[channel * years + year] = perUnit > 0 ? most / perUnit : Infinity;
    }
  }
  const hasSides = upstreamCount > 0 && upstreamCount < channelCount;

  const size = channelCount * flights;
  const totals = new Float64Array(flights);
  const before = new Float64Array(size);
  const sets = ['box', 'totals', ...(hasSides ? ['cones'] : []), ...(limitsSteps ? ['even steps', 'odd steps'] : []), ...(boundsYears ? ['years'] : [])];
  const corrections = sets.map(() => new Float64Array(size));
  const sideBounds = { lower: new Float64Array(channelCount), upper: new Float64Array(channelCount).fill(Infinity) };
  /** Scratch for one flight's channels (the projection allocates nothing per call). */
  const flightSplit = new Float64Array(channelCount);
  const inside = new Float64Array(channelCount);
  // Scratch of `repairYearSums`.
  const moved = new Float64Array(flightsPerYear);
  const give = new Float64Array(channelCount);
  const take = new Float64Array(channelCount);
  const even = evenPlanPoint();

  return {
    flights,
    flightBudget,
    evenPlan: () => Float64Array.from(even),
    project(point) {
      for (const correction of corrections) correction.fill(0);
      for (let sweep = 0; sweep < MAX_SWEEPS; sweep += 1) {
        before.set(point);
        for (let set = 0; set < sets.length; set += 1) {
          const correction = corrections[set];
          for (let index = 0; index < size; index += 1) point[index] += correction[index];
          // correction = y − P(y): remember y, project, subtract.
          correction.set(point);
          projectOnto(sets[set], point);
          for (let index = 0; index < size; index += 1) correction[index] -= point[index];
        }
        let change = 0;
        for (let index = 0; index < size; index += 1) change = Math.max(change, Math.abs(point[index] - before[index]));
        if (change <= SETTLED) break;
      }
      projectOntoTotals(point);
      clampShares(point);
      if (boundsYears) repairYearSums(point);
      if (limitsSteps || boundsYears) pullBack(point);
    },
  };

  function projectOnto(set: string, point: Float64Array): void {
    if (set === 'box') projectOntoBox(point);
    else if (set === 'totals') projectOntoTotals(point);
    else if (set === 'cones') projectOntoShareCones(point);
    else if (set === 'years') projectOntoYearSlabs(point);
    else projectOntoStepSlabs(point, set === 'even steps' ? 1 : 2);
  }

  /**
   * 0 ≤ zᶜᵦ ≤ upper: implied by A and B, but projecting onto it first keeps the numbers
   * in range when a search steps far outside (a long gradient step can reach 1e30, where
   * T = Σ z would be lost to rounding in A).
   */
  function projectOntoBox(point: Float64Array): void {
    for (let index = 0; index < size; index += 1) point[index] = Math.min(upperMultiple, Math.max(0, point[index]));
  }

  /** A: each year's flight totals on the capped simplex, each flight's channels moved equally. */
  function projectOntoTotals(point: Float64Array): void {
    totals.fill(0);
    for (let channel = 0; channel < channelCount; channel += 1) {
      for (let flight = 0; flight < flights; flight += 1) totals[flight] += point[channel * flights + flight];
    }
    for (let year = 0; year < years; year += 1) {
      projectOntoCappedSimplex(totals, year * flightsPerYear, flightsPerYear, flightsPerYear, lowerMultiple, upperMultiple);
    }
    for (let flight = 0; flight < flights; flight += 1) {
      if (twoLever) {
        // u − d kept (as it always was for two sides).
        const difference = point[flight] - point[flights + flight];
        point[flight] = 0.5 * (totals[flight] + difference);
        point[flights + flight] = totals[flight] - point[flight];
        continue;
      }
      let current = 0;
      for (let channel = 0; channel < channelCount; channel += 1) current += point[channel * flights + flight];
      const shift = (totals[flight] - current) / channelCount;
      for (let channel = 0; channel < channelCount; channel += 1) point[channel * flights + flight] += shift;
    }
  }

  /** B: each flight onto the cone minShare·T ≤ U ≤ maxShare·T (U its upstream spend, T its total). */
  function projectOntoShareCones(point: Float64Array): void {
    for (let flight = 0; flight < flights; flight += 1) {
      if (twoLever) { projectTwoSidedCone(point, flight); continue; }
      let up = 0;
      let down = 0;
      for (let channel = 0; channel < channelCount; channel += 1) {
        if (channel < upstreamCount) up += point[channel * flights + flight];
        else down += point[channel * flights + flight];
      }
      const total = up + down;
      if (up >= minShare * total && up <= maxShare * total) continue;
      // The broken face: U − share·T = 0, i.e. (1 − share)·U − share·D = 0, normal n with
      // entries (1 − share) upstream and −share downstream.
      const share = up < minShare * total ? minShare : maxShare;
      const excess = (1 - share) * up - share * down;
      const normSquared = upstreamCount * (1 - share) ** 2 + (channelCount - upstreamCount) * share ** 2;
      const step = excess / normSquared;
      const movedUp = up - upstreamCount * (1 - share) * step;
      const movedDown = down + (channelCount - upstreamCount) * share * step;
      if (movedUp + movedDown >= 0) {
        for (let channel = 0; channel < channelCount; channel += 1) {
          point[channel * flights + flight] -= step * (channel < upstreamCount ? 1 - share : -share);
        }
        continue;
      }
      // On the face the total went negative: the nearest point of the cone is on its edge U = D = 0.
      for (let channel = 0; channel < channelCount; channel += 1) {
        point[channel * flights + flight] -= channel < upstreamCount ? up / upstreamCount : down / (channelCount - upstreamCount);
      }
    }
  }

  /** B for one channel a side: (u, d) onto the cone between the rays of share minShare and maxShare (with u, d ≥ 0). */
  function projectTwoSidedCone(point: Float64Array, flight: number): void {
    const up = point[flight];
    const down = point[flights + flight];
    const total = up + down;
    if (total > 0 && up >= minShare * total && up <= maxShare * total) return;
    // Outside the cone: the nearest point is on one of its two rays (or the origin).
    let bestUp = 0;
    let bestDown = 0;
    let bestDistance = up * up + down * down;
    for (const share of [minShare, maxShare]) {
      const length = Math.max(0, (share * up + (1 - share) * down) / (share * share + (1 - share) * (1 - share)));
      const rayUp = share * length;
      const rayDown = (1 - share) * length;
      const distance = (up - rayUp) ** 2 + (down - rayDown) ** 2;
      if (distance < bestDistance) { bestDistance = distance; bestUp = rayUp; bestDown = rayDown; }
    }
    point[flight] = bestUp;
    point[flights + flight] = bestDown;
  }

  /** C: the slabs of the pairs (b − 1, b) for b = first, first + 2, …, for every channel. */
  function projectOntoStepSlabs(point: Float64Array, first: number): void {
    for (let flight = first; flight < flights; flight += 2) {
      const a = flightBudget[flight - 1];
      const b = flightBudget[flight];
      const normSquared = a * a + b * b;
      if (normSquared === 0) continue;
      for (let offset = 0; offset < size; offset += flights) {
        const step = b * point[offset + flight] - a * point[offset + flight - 1];
        const excess = step > stepLimit[flight] ? step - stepLimit[flight] : step < -stepLimit[flight] ? step + stepLimit[flight] : 0;
        if (excess === 0) continue;
        point[offset + flight] -= (excess * b) / normSquared;
        point[offset + flight - 1] += (excess * a) / normSquared;
      }
    }
  }

  /** D: each channel's flights in a year moved equally until the year's sum is within its bounds. */
  function projectOntoYearSlabs(point: Float64Array): void {
    for (let channel = 0; channel < channelCount; channel += 1) {
      for (let year = 0; year < years; year += 1) {
        const from = channel * flights + year * flightsPerYear;
        let sum = 0;
        for (let index = from; index < from + flightsPerYear; index += 1) sum += point[index];
        const low = yearLow[channel * years + year];
        const high = yearHigh[channel * years + year];
        const excess = sum > high ? sum - high : sum < low ? sum - low : 0;
        if (excess === 0) continue;
        for (let index = from; index < from + flightsPerYear; index += 1) point[index] -= excess / flightsPerYear;
      }
    }
  }

  /** B exactly, keeping each total (so A stays exact) and every entry ≥ 0. */
  function clampShares(point: Float64Array): void {
    for (let flight = 0; flight < flights; flight += 1) {
      if (twoLever) {
        const total = point[flight] + point[flights + flight];
        if (!(total > 0)) { point[flight] = 0; point[flights + flight] = 0; continue; }
        const share = Math.min(maxShare, Math.max(minShare, point[flight] / total));
        point[flight] = share * total;
        point[flights + flight] = total - point[flight];
        continue;
      }
      let up = 0;
      let total = 0;
      for (let channel = 0; channel < channelCount; channel += 1) {
        const value = point[channel * flights + flight];
        total += value;
        if (channel < upstreamCount) up += value;
      }
      if (!(total > 0)) {
        for (let channel = 0; channel < channelCount; channel += 1) point[channel * flights + flight] = 0;
        continue;
      }
      const share = upstreamCount === 0 ? 0 : upstreamCount === channelCount ? 1 : Math.min(maxShare, Math.max(minShare, up / total));
      // Each side's entries onto { ≥ 0, Σ = its part of the total } (exact, by `projectOntoBoxedSimplex`).
      gather(point, flight);
      projectOntoSplit(flightSplit, 0, upstreamCount, total, sideBounds.lower, sideBounds.upper, share * total, share * total);
      scatter(point, flight);
    }
  }

  /**
   * D, keeping A and B: where Dykstra's iteration has not settled (a channel's yearly sum and the
   * flights' totals pull it to and fro, and it converges slowly), a channel above its maximum gives
   * the excess, in each flight in proportion to its spend there, to the channels of its side with
   * room, in the same flights (so every flight keeps its total and its upstream share); a channel
   * below its minimum takes what it lacks from the channels of its side above theirs, likewise.
   * What the side cannot absorb is left to the pull-back.
   */
  function repairYearSums(point: Float64Array): void {
    for (let year = 0; year < years; year += 1) {
      const first = year * flightsPerYear;
      for (const [from, to] of [[0, upstreamCount], [upstreamCount, channelCount]]) {
        for (const above of [true, false]) {
          // Givers and takers: above, the channels over their maximum give to those under it;
          // below, the channels over their minimum give to those under it.
          let wanted = 0;
          let room = 0;
          for (let channel = from; channel < to; channel += 1) {
            const sum = yearSum(point, channel, first);
            const high = yearHigh[channel * years + year];
            const low = yearLow[channel * years + year];
            give[channel] = 0;
            take[channel] = 0;
            if (above) {
              if (sum > high) give[channel] = sum - high;
              else take[channel] = high - sum;
            } else if (sum < low) {
              take[channel] = low - sum;
            } else {
              give[channel] = sum - low;
            }
            if (above) wanted += give[channel];
            else { wanted += take[channel]; room += give[channel]; }
          }
          if (above) {
            // A channel without a maximum has unlimited room: no more than what is wanted counts.
            for (let channel = from; channel < to; channel += 1) { take[channel] = Math.min(take[channel], wanted); room += take[channel]; }
          }
          if (!(wanted > 0) || !(room > 0)) continue;
          const placed = Math.min(wanted, room);
          const givers = above ? wanted : room;
          const takers = above ? room : wanted;
          moved.fill(0, 0, flightsPerYear);
          // Each giver gives its part of what is placed, from each flight in proportion to its spend there.
          for (let channel = from; channel < to; channel += 1) {
            if (!(give[channel] > 0)) continue;
            const sum = yearSum(point, channel, first);
            if (!(sum > 0)) continue;
            const amount = placed * (give[channel] / givers);
            for (let flight = 0; flight < flightsPerYear; flight += 1) {
              const at = channel * flights + first + flight;
              const part = point[at] * (amount / sum);
              point[at] -= part;
              moved[flight] += part;
            }
          }
          // Each taker receives its part, in the same flights, so every flight keeps its total.
          for (let channel = from; channel < to; channel += 1) {
            if (!(take[channel] > 0)) continue;
            const share = take[channel] / takers;
            for (let flight = 0; flight < flightsPerYear; flight += 1) point[channel * flights + first + flight] += moved[flight] * share;
          }
        }
      }
    }
  }

  function yearSum(point: Float64Array, channel: number, first: number): number {
    let sum = 0;
    for (let flight = 0; flight < flightsPerYear; flight += 1) sum += point[channel * flights + first + flight];
    return sum;
  }

  /** C and D exactly: x ← x₀ + λ(x − x₀) with the largest λ ≤ 1 that keeps every step and yearly sum within its limits. */
  function pullBack(point: Float64Array): void {
    let fraction = 1;
    // A linear function ℓ with ℓ(x) above its limit while ℓ(x₀) is within it: λ = (limit − ℓ(x₀)) / (ℓ(x) − ℓ(x₀)).
    const keep = (at: number, atEven: number, limit: number, slack: number) => {
      if (at - limit <= slack) return;
      fraction = Math.min(fraction, atEven >= limit ? 0 : (limit - atEven) / (at - atEven));
    };
    if (limitsSteps) {
      for (let flight = 1; flight < flights; flight += 1) {
        const a = flightBudget[flight - 1];
        const b = flightBudget[flight];
        const limit = stepLimit[flight];
        const slack = 1e-13 * (a + b);
        for (let offset = 0; offset < size; offset += flights) {
          const step = b * point[offset + flight] - a * point[offset + flight - 1];
          const evenStep = b * even[offset + flight] - a * even[offset + flight - 1];
          keep(step, evenStep, limit, slack);
          keep(-step, -evenStep, limit, slack);
        }
      }
    }
    if (boundsYears) {
      for (let channel = 0; channel < channelCount; channel += 1) {
        for (let year = 0; year < years; year += 1) {
          const from = channel * flights + year * flightsPerYear;
          let sum = 0;
          let evenSum = 0;
          for (let index = from; index < from + flightsPerYear; index += 1) { sum += point[index]; evenSum += even[index]; }
          const slack = 1e-12 * flightsPerYear * Math.max(1, Math.abs(evenSum));
          keep(sum, evenSum, yearHigh[channel * years + year], slack);
          keep(-sum, -evenSum, -yearLow[channel * years + year], slack);
        }
      }
    }
    if (fraction >= 1) return;
    for (let index = 0; index < size; index += 1) point[index] = even[index] + fraction * (point[index] - even[index]);
  }

  function evenPlanPoint(): Float64Array {
    const point = new Float64Array(size);
    const middleShare = upstreamCount === 0 ? 0 : upstreamCount === channelCount ? 1 : Math.min(maxShare, Math.max(minShare, 0.5));
    const split = new Float64Array(channelCount);
    const lower = new Float64Array(channelCount);
    const upper = new Float64Array(channelCount);
    for (let year = 0; year < years; year += 1) {
      const sideTotal = [0, 0];
      for (let channel = 0; channel < channelCount; channel += 1) {
        const within = bounds.withinSide?.[channel] ?? 1 / (channel < upstreamCount ? upstreamCount : channelCount - upstreamCount);
        split[channel] = within * (channel < upstreamCount ? middleShare : 1 - middleShare);
        sideTotal[channel < upstreamCount ? 0 : 1] += split[channel];
        // Shares of the year's budget: a year's spend is flightsPerYear · minFlight · B̄ · share = budget · share.
        lower[channel] = yearLow[channel * years + year] / flightsPerYear;
        upper[channel] = yearHigh[channel * years + year] / flightsPerYear;
      }
      if (budgets[year] > 0 && (boundsYears || !twoLever)) {
        projectOntoSplit(split, 0, upstreamCount, 1, lower, upper, minShare, maxShare);
        if (boundsYears) insideBounds(split, lower, upper);
      }
      for (let channel = 0; channel < channelCount; channel += 1) {
        for (let flight = year * flightsPerYear; flight < (year + 1) * flightsPerYear; flight += 1) point[channel * flights + flight] = split[channel];
      }
    }
    return point;
  }

  /**
   * Moves a year's split (already allowed) strictly inside the channels' bounds where it can:
   * the split with every channel at the same fraction θ of its range [lower, min(upper, 1)],
   * taken when its upstream sum keeps the share limits. The pull-back needs an anchor strictly
   * inside the yearly bounds, or a point just outside one would be pulled all the way back.
   */
  function insideBounds(split: Float64Array, lower: Float64Array, upper: Float64Array): void {
    let least = 0;
    let most = 0;
    for (let channel = 0; channel < channelCount; channel += 1) { least += lower[channel]; most += Math.min(upper[channel], 1); }
    if (!(most > least)) return;
    const fraction = (1 - least) / (most - least);
    let up = 0;
    for (let channel = 0; channel < channelCount; channel += 1) {
      const value = lower[channel] + fraction * (Math.min(upper[channel], 1) - lower[channel]);
      inside[channel] = value;
      if (channel < upstreamCount) up += value;
    }
    const sidesApply = upstreamCount > 0 && upstreamCount < channelCount;
    if (sidesApply && (up < minShare || up > maxShare)) return;
    split.set(inside);
  }

  function gather(point: Float64Array, flight: number): void {
    for (let channel = 0; channel < channelCount; channel += 1) flightSplit[channel] = point[channel * flights + flight];
  }
  function scatter(point: Float64Array, flight: number): void {
    for (let channel = 0; channel < channelCount; channel += 1) point[channel * flights + flight] = flightSplit[channel];
  }
}
