import { projectOntoCappedSimplex } from './capped-simplex.ts';

/**
 * The plans a buyer can execute, as a set the optimiser can project onto: spend per flight (a
 * block of `minFlight` periods within a year) on each side, each year on budget, every flight's
 * spend within the period bounds, its upstream share within the share bounds, and each side's
 * change from one flight to the next within `maxStep`.
 *
 * Variables, 2S for S flights: uᵦ and dᵦ, a flight's upstream and downstream spend per period
 * as multiples of its year's average period budget B̄ᵦ (so every variable is of order 1).
 * The allowed set is the intersection of convex sets (with the box 0 ≤ uᵦ, dᵦ ≤ upper, which
 * they imply, projected onto first to keep the numbers in range):
 *   A  each year: Σᵦ (uᵦ + dᵦ) = flights per year, lower ≤ uᵦ + dᵦ ≤ upper (a capped simplex
 *      on the totals, leaving uᵦ − dᵦ free: an exact projection);
 *   B  each flight: minShare ≤ uᵦ / (uᵦ + dᵦ) ≤ maxShare, uᵦ, dᵦ ≥ 0 (a cone in the plane:
 *      exact, closed form);
 *   C  each side and each pair of consecutive flights: |B̄ᵦxᵦ − B̄ᵦ₋₁xᵦ₋₁| ≤ cᵦ, with
 *      cᵦ = maxStep · max(B̄ᵦ, B̄ᵦ₋₁) + |B̄ᵦ − B̄ᵦ₋₁| (a slab; the pairs starting at even and
 *      at odd flights are two sets of disjoint slabs, each exact).
 * Their intersection has no closed-form projection, so `project` runs Dykstra's alternating
 * projections (Boyle & Dykstra 1986; it converges to the nearest point of the intersection),
 * then makes the point exactly feasible: A again (exact), each flight's share clamped keeping
 * its total (B exact, A kept), and finally a pull-back along the segment towards the even plan
 * x₀ (every flight at the average with the middle share, strictly inside C: within a year its
 * steps are 0 < cᵦ, and at a year boundary s₀·|ΔB̄| < cᵦ) just far enough to satisfy C. Every
 * set is convex and x₀ lies in all of them, so each point on that segment keeps A and B: the
 * result is in the intersection to rounding, whatever Dykstra's iteration count left.
 *
 * Cost: at most `MAX_SWEEPS` sweeps of O(S), then O(S · 64); no allocation after creation.
 */
export interface PracticalPlanProjection {
  /** Flights (blocks of `minFlight` periods) over the horizon: S. */
  flights: number;
  /** B̄ of each flight: its year's budget over the periods in a year. */
  flightBudget: Float64Array;
  /** Moves a point (2S numbers, upstream multiples then downstream) into the allowed set. */
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
}

/** Dykstra sweeps at most; it usually settles (to 1e-13 of a multiple) well before. */
const MAX_SWEEPS = 200;
const SETTLED = 1e-13;

export function createPracticalPlanProjection(bounds: PracticalPlanBounds): PracticalPlanProjection {
  const { periodsPerYear, years, budgets, minShare, maxShare, lowerMultiple, maxStep, minFlight } = bounds;
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
  const middleShare = Math.min(maxShare, Math.max(minShare, 0.5));
  const limitsSteps = Number.isFinite(maxStep);

  const size = 2 * flights;
  const totals = new Float64Array(flights);
  const before = new Float64Array(size);
  const corrections = Array.from({ length: 5 }, () => new Float64Array(size));
  const sets = limitsSteps ? 5 : 3;
  const even = evenPlanPoint();

  return {
    flights,
    flightBudget,
    evenPlan: () => Float64Array.from(even),
    project(point) {
      for (const correction of corrections) correction.fill(0);
      for (let sweep = 0; sweep < MAX_SWEEPS; sweep += 1) {
        before.set(point);
        for (let set = 0; set < sets; set += 1) {
          const correction = corrections[set];
          for (let index = 0; index < size; index += 1) point[index] += correction[index];
          // correction = y − P(y): remember y, project, subtract.
          correction.set(point);
          projectOnto(set, point);
          for (let index = 0; index < size; index += 1) correction[index] -= point[index];
        }
        let change = 0;
        for (let index = 0; index < size; index += 1) change = Math.max(change, Math.abs(point[index] - before[index]));
        if (change <= SETTLED) break;
      }
      projectOntoTotals(point);
      clampShares(point);
      if (limitsSteps) pullBackIntoSteps(point);
    },
  };

  function projectOnto(set: number, point: Float64Array): void {
    if (set === 0) projectOntoBox(point);
    else if (set === 1) projectOntoTotals(point);
    else if (set === 2) projectOntoShareCones(point);
    else projectOntoStepSlabs(point, set === 3 ? 1 : 2);
  }

  /**
   * 0 ≤ uᵦ, dᵦ ≤ upper: implied by A and B, but projecting onto it first keeps the numbers
   * in range when a search steps far outside (a long gradient step can reach 1e30, where
   * T = u + d would be lost to rounding in A).
   */
  function projectOntoBox(point: Float64Array): void {
    for (let index = 0; index < size; index += 1) point[index] = Math.min(upperMultiple, Math.max(0, point[index]));
  }

  /** A: each year's flight totals on the capped simplex, uᵦ − dᵦ kept. */
  function projectOntoTotals(point: Float64Array): void {
    for (let flight = 0; flight < flights; flight += 1) totals[flight] = point[flight] + point[flights + flight];
    for (let year = 0; year < years; year += 1) {
      projectOntoCappedSimplex(totals, year * flightsPerYear, flightsPerYear, flightsPerYear, lowerMultiple, upperMultiple);
    }
    for (let flight = 0; flight < flights; flight += 1) {
      const difference = point[flight] - point[flights + flight];
      point[flight] = 0.5 * (totals[flight] + difference);
      point[flights + flight] = totals[flight] - point[flight];
    }
  }

  /** B: each (uᵦ, dᵦ) onto the cone between the rays of share minShare and maxShare. */
  function projectOntoShareCones(point: Float64Array): void {
    for (let flight = 0; flight < flights; flight += 1) {
      const up = point[flight];
      const down = point[flights + flight];
      const total = up + down;
      if (total > 0 && up >= minShare * total && up <= maxShare * total) continue;
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
  }

  /** C: the slabs of the pairs (b − 1, b) for b = first, first + 2, …, on both sides. */
  function projectOntoStepSlabs(point: Float64Array, first: number): void {
    for (let flight = first; flight < flights; flight += 2) {
      const a = flightBudget[flight - 1];
      const b = flightBudget[flight];
      const normSquared = a * a + b * b;
      if (normSquared === 0) continue;
      for (const offset of [0, flights]) {
        const step = b * point[offset + flight] - a * point[offset + flight - 1];
        const excess = step > stepLimit[flight] ? step - stepLimit[flight] : step < -stepLimit[flight] ? step + stepLimit[flight] : 0;
        if (excess === 0) continue;
        point[offset + flight] -= (excess * b) / normSquared;
        point[offset + flight - 1] += (excess * a) / normSquared;
      }
    }
  }

  /** B exactly, keeping each total (so A stays exact): the share clamped, the total split by it. */
  function clampShares(point: Float64Array): void {
    for (let flight = 0; flight < flights; flight += 1) {
      const total = point[flight] + point[flights + flight];
      if (!(total > 0)) { point[flight] = 0; point[flights + flight] = 0; continue; }
      const share = Math.min(maxShare, Math.max(minShare, point[flight] / total));
      point[flight] = share * total;
      point[flights + flight] = total - point[flight];
    }
  }

  /** C exactly: x ← x₀ + λ(x − x₀) with the largest λ ≤ 1 that keeps every step within its limit. */
  function pullBackIntoSteps(point: Float64Array): void {
    let fraction = 1;
    for (let flight = 1; flight < flights; flight += 1) {
      const a = flightBudget[flight - 1];
      const b = flightBudget[flight];
      const limit = stepLimit[flight];
      const slack = 1e-13 * (a + b);
      for (const offset of [0, flights]) {
        const step = b * point[offset + flight] - a * point[offset + flight - 1];
        const evenStep = b * even[offset + flight] - a * even[offset + flight - 1];
        for (const sign of [1, -1]) {
          const excess = sign * step - limit;
          if (excess <= slack) continue;
          const evenExcess = sign * evenStep - limit; // < 0: x₀ is strictly inside
          fraction = Math.min(fraction, -evenExcess / (excess - evenExcess));
        }
      }
    }
    if (fraction >= 1) return;
    for (let index = 0; index < size; index += 1) point[index] = even[index] + fraction * (point[index] - even[index]);
  }

  function evenPlanPoint(): Float64Array {
    const point = new Float64Array(size);
    for (let flight = 0; flight < flights; flight += 1) {
      point[flight] = middleShare;
      point[flights + flight] = 1 - middleShare;
    }
    return point;
  }
}
