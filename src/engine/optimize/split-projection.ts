/**
 * Euclidean projection onto the splits of an amount over channels, in place: the point of
 *
 *   { x : Σ xᵢ = total, lowerᵢ ≤ xᵢ ≤ upperᵢ, sideLow ≤ Σ_{i < upstreamCount} xᵢ ≤ sideHigh }
 *
 * nearest to the given one (a simplex with a box per entry, plus limits on the upstream side's
 * sum). This is how a split of a period's or a year's budget over channels keeps its total, each
 * channel's bounds and the upstream share limits while an optimiser moves it.
 *
 * Method (exact, no iteration to a tolerance): with the side sum U fixed, the problem splits into
 * two boxed simplices (upstream entries summing to U, downstream ones to total − U), each solved by
 * `projectOntoBoxedSimplex`. Their squared distances f(U) form a convex function of U whose
 * unconstrained minimum is the projection onto the whole boxed simplex (one multiplier for
 * every entry); so the constrained minimum is at U clamped to the side limits, and the answer
 * is either the whole projection (when its U is within the limits) or the two side projections at
 * the limit it broke.
 *
 * Cost: O(n · 64) for n entries. The caller guarantees feasibility (see `splitSideRange`).
 *
 * @param values the point; entries `start` … `start + lower.length − 1`
 * @example const x = Float64Array.of(1, 0, 0); projectOntoSplit(x, 0, 1, 1, [0, 0, 0], [1, 1, 1], 0, 0.5) // x = [0.5, 0.25, 0.25]
 */
export function projectOntoSplit(
  values: Float64Array, start: number, upstreamCount: number, total: number,
  lower: ArrayLike<number>, upper: ArrayLike<number>, sideLow: number, sideHigh: number,
): void {
  const count = lower.length;
  const range = splitSideRange(upstreamCount, total, lower, upper, sideLow, sideHigh);
  if (upstreamCount === 0 || upstreamCount === count) {
    projectOntoBoxedSimplex(values, start, count, total, lower, upper, 0);
    return;
  }
  scratch(count);
  for (let index = 0; index < count; index += 1) copy[index] = values[start + index];
  projectOntoBoxedSimplex(values, start, count, total, lower, upper, 0);
  let side = 0;
  for (let index = 0; index < upstreamCount; index += 1) side += values[start + index];
  if (side >= range.low && side <= range.high) return;
  const target = side < range.low ? range.low : range.high;
  for (let index = 0; index < count; index += 1) values[start + index] = copy[index];
  projectOntoBoxedSimplex(values, start, upstreamCount, target, lower, upper, 0);
  projectOntoBoxedSimplex(values, start + upstreamCount, count - upstreamCount, total - target, lower, upper, upstreamCount);
}

let copy = new Float64Array(16);
function scratch(count: number): void {
  if (copy.length < count) copy = new Float64Array(count);
}

/**
 * The upstream sums a split can have: within the side limits, and reachable given the boxes
 * of both sides. `low > high` means no split exists.
 */
export function splitSideRange(
  upstreamCount: number, total: number, lower: ArrayLike<number>, upper: ArrayLike<number>, sideLow: number, sideHigh: number,
): { low: number; high: number } {
  let upstreamLower = 0;
  let upstreamUpper = 0;
  let downstreamLower = 0;
  let downstreamUpper = 0;
  for (let index = 0; index < lower.length; index += 1) {
    if (index < upstreamCount) { upstreamLower += lower[index]; upstreamUpper += upper[index]; }
    else { downstreamLower += lower[index]; downstreamUpper += upper[index]; }
  }
  return {
    low: Math.max(sideLow, upstreamLower, total - downstreamUpper),
    high: Math.min(sideHigh, upstreamUpper, total - downstreamLower),
  };
}

/**
 * Projection onto { Σ xᵢ = total, lowerᵢ ≤ xᵢ ≤ upperᵢ } in place (entries start … start + count − 1,
 * bounds read from `lower[boundOffset + i]`): xᵢ = clamp(yᵢ − τ, lowerᵢ, upperᵢ) for the τ at which
 * the sum is `total`. The sum is piecewise linear in τ, with kinks at yᵢ − upperᵢ and yᵢ − lowerᵢ;
 * the kinks are sorted, the piece holding `total` found by binary search, and τ solved exactly
 * over the entries between their bounds on that piece (upper may be Infinity). What rounding
 * leaves of the sum goes where the bounds leave room. Requires Σ lower ≤ total ≤ Σ upper.
 * Cost: O(n log n) for n entries; no allocation once its scratch has grown to n.
 */
export function projectOntoBoxedSimplex(
  values: Float64Array, start: number, count: number, total: number, lower: ArrayLike<number>, upper: ArrayLike<number>, boundOffset: number,
): void {
  if (count === 0) return;
  if (count === 1) {
    values[start] = Math.min(upper[boundOffset], Math.max(lower[boundOffset], total));
    return;
  }
  if (kinks.length < 2 * count) kinks = new Float64Array(4 * count);
  let kinkCount = 0;
  for (let index = 0; index < count; index += 1) {
    const value = values[start + index];
    const highest = upper[boundOffset + index];
    if (highest < Infinity) kinks[kinkCount++] = value - highest;
    kinks[kinkCount++] = value - lower[boundOffset + index];
  }
  const sorted = kinks.subarray(0, kinkCount).sort();
  // The sum falls as τ rises: find the last kink where it is still ≥ total (or none).
  let low = -1;
  let high = kinkCount;
  while (high - low > 1) {
    const middle = (low + high) >> 1;
    if (clampedSum(values, start, count, sorted[middle], lower, upper, boundOffset) >= total) low = middle;
    else high = middle;
  }
  // τ lies between sorted[low] and sorted[high]; classify the entries in the middle of that piece.
  const left = low < 0 ? sorted[0] - 1 - Math.abs(sorted[0]) : sorted[low];
  const right = high >= kinkCount ? sorted[kinkCount - 1] + 1 + Math.abs(sorted[kinkCount - 1]) : sorted[high];
  const inside = 0.5 * (left + right);
  let freeCount = 0;
  let freeSum = 0;
  let boundSum = 0;
  for (let index = 0; index < count; index += 1) {
    const shifted = values[start + index] - inside;
    const lowest = lower[boundOffset + index];
    const highest = upper[boundOffset + index];
    if (shifted <= lowest) boundSum += lowest;
    else if (shifted >= highest) boundSum += highest;
    else { freeCount += 1; freeSum += values[start + index]; }
  }
  const shift = freeCount > 0 ? (freeSum - (total - boundSum)) / freeCount : inside;
  let sum = 0;
  for (let index = 0; index < count; index += 1) {
    const value = Math.min(upper[boundOffset + index], Math.max(lower[boundOffset + index], values[start + index] - shift));
    values[start + index] = value;
    sum += value;
  }
  let residue = total - sum;
  for (let index = 0; index < count && residue !== 0; index += 1) {
    const before = values[start + index];
    const after = residue > 0 ? Math.min(upper[boundOffset + index], before + residue) : Math.max(lower[boundOffset + index], before + residue);
    values[start + index] = after;
    residue -= after - before;
  }
}

/** Scratch for the kinks of `projectOntoBoxedSimplex`. */
let kinks = new Float64Array(48);

function clampedSum(
  values: Float64Array, start: number, count: number, shift: number, lower: ArrayLike<number>, upper: ArrayLike<number>, boundOffset: number,
): number {
  let sum = 0;
  for (let index = 0; index < count; index += 1) {
    sum += Math.min(upper[boundOffset + index], Math.max(lower[boundOffset + index], values[start + index] - shift));
  }
  return sum;
}
