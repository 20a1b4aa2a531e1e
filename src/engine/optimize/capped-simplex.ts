/**
 * Euclidean projection onto a capped simplex, in place: the point of
 * { x : lower ≤ xᵢ ≤ upper, Σ xᵢ = total } nearest to the given one. This is how a year's
 * spend per period stays on budget and within the period bounds while an optimiser moves it.
 *
 * The projection is xᵢ = clamp(yᵢ − τ, lower, upper) for the τ at which the sum is `total`
 * (the Lagrange multiplier of the sum, a standard result; e.g. Wang & Lu 2015, "Projection
 * onto the capped simplex", arXiv:1503.01002). The sum falls as τ rises, so τ is found by
 * bisection, then solved exactly over the entries left between the bounds; what rounding leaves
 * of the sum is put on entries with room.
 *
 * Cost: O(n · 64) for n entries, no allocation.
 *
 * @param values the array holding the point; entries `start` … `start + count − 1` are projected
 * @param total the sum required, within [count · lower, count · upper] (not checked: callers
 *   validate their bounds once, see `resolveOptions`)
 * @example const x = Float64Array.of(3, 0, 0); projectOntoCappedSimplex(x, 0, 3, 3, 0, 2) // x = [2, 0.5, 0.5]
 */
export function projectOntoCappedSimplex(
  values: Float64Array, start: number, count: number, total: number, lower: number, upper: number,
): void {
  const end = start + count;
  if (upper - lower <= 0 || count === 1) {
    // Only one feasible point (up to rounding in the caller's total, which the bounds win over).
    values.fill(Math.min(upper, Math.max(lower, total / count)), start, end);
    return;
  }
  let smallest = Infinity;
  let largest = -Infinity;
  for (let index = start; index < end; index += 1) {
    smallest = Math.min(smallest, values[index]);
    largest = Math.max(largest, values[index]);
  }
  // At τ = low every entry sits at `upper` (sum ≥ total); at τ = high every entry at `lower`.
  let low = smallest - upper;
  let high = largest - lower;
  for (let iteration = 0; iteration < 64; iteration += 1) {
    const middle = 0.5 * (low + high);
    if (middle <= low || middle >= high) break;
    if (clampedSum(values, start, end, middle, lower, upper) > total) low = middle;
    else high = middle;
  }
  // Within the final bracket the entries strictly between the bounds are known; solving the
  // sum for τ over them gives τ to rounding, not just to the bracket.
  let freeCount = 0;
  let freeSum = 0;
  let boundSum = 0;
  for (let index = start; index < end; index += 1) {
    const shifted = values[index] - high;
    if (shifted <= lower) boundSum += lower;
    else if (shifted >= upper) boundSum += upper;
    else { freeCount += 1; freeSum += values[index]; }
  }
  const shift = freeCount > 0 ? (freeSum - (total - boundSum)) / freeCount : high;
  let sum = 0;
  for (let index = start; index < end; index += 1) {
    values[index] = Math.min(upper, Math.max(lower, values[index] - shift));
    sum += values[index];
  }
  // The residue is a few units in the last place; put it where the bounds leave room. Each entry
  // is clamped after the move: v + (lower − v) can round below `lower` when v is far larger.
  let residue = total - sum;
  for (let index = start; index < end && residue !== 0; index += 1) {
    const before = values[index];
    values[index] = residue > 0 ? Math.min(upper, before + residue) : Math.max(lower, before + residue);
    residue -= values[index] - before;
  }
}

function clampedSum(values: Float64Array, start: number, end: number, shift: number, lower: number, upper: number): number {
  let sum = 0;
  for (let index = start; index < end; index += 1) sum += Math.min(upper, Math.max(lower, values[index] - shift));
  return sum;
}
