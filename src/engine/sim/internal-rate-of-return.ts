/**
 * The internal rate of return of a series of cash flows, one per period: the annual rate r at
 * which their net present value is zero,
 *
 *   Σₜ fₜ · (1 + r)^(−t / P) = 0,   t = 1 … n.
 *
 * A series can have no such rate, or several (a flighted plan's flows change sign many times).
 * The rate is reported only when it is certain to be the one that matters:
 * - the flows change sign exactly once, from out to in: by Descartes' rule of signs there is
 *   exactly one rate above −100 %;
 * - or the running total of the flows starts out negative, changes sign exactly once and ends
 *   positive (the investment pays back): by Norström's condition (1972) there is exactly one
 *   non-negative rate, and that is the one reported.
 * Otherwise the result is null.
 *
 * Method: with v = (1 + r)^(−1/P) the NPV is the polynomial p(v) = Σ fₜ vᵗ, negative near
 * v = 0. Newton's method on p, kept inside a bracket [low, high] with p(low) < 0 < p(high) that
 * bisection shrinks whenever a Newton step would leave it, finds the root to 1e-15; then
 * r = v^(−P) − 1. Horner's rule evaluates p and p′ without powers. Cost: O(n) per step, about
 * 10 steps. Allocates nothing.
 *
 * @param flows cash flow per period, index t − 1 (only signs and ratios matter)
 * @param length how many of `flows` to use (n)
 * @param periodsPerYear P, to turn the per-period rate into an annual one
 * @returns the annual rate (0.25 = 25 % a year, at most `MAX_REPORTED_RATE`), or null when it does not exist or is not unique
 * @example internalRateOfReturn([-100, 110], 2, 1) // 0.1 (to rounding)
 */
/** The largest annual rate reported (10¹² = 10¹⁴ % a year); displays show rates over 10 as "> 1,000 %". */
export const MAX_REPORTED_RATE = 1e12;

export function internalRateOfReturn(flows: ArrayLike<number>, length: number, periodsPerYear: number): number | null {
  const atZeroRate = polynomial(flows, length, 1).value; // p(1): the plain sum of the flows
  let low = 0;
  let high = 1;
  if (signChanges(flows, length, false) === 1) {
    // One root over all v > 0; when the flows sum to less than 0 it lies above v = 1 (r < 0).
    if (atZeroRate === 0) return 0;
    if (atZeroRate < 0) {
      while (polynomial(flows, length, high).value <= 0) {
        low = high;
        high *= 2;
        if (high > 1e12) return null;
      }
    }
  } else if (!(signChanges(flows, length, true) === 1 && atZeroRate > 0)) {
    return null;
  }

  // Start at the high end (r = 0, or the bracket found above): plausible rates sit near it,
  // and there Newton steps stay inside the bracket; from the middle they left it for bisection.
  let v = high;
  for (let step = 0; step < 200; step += 1) {
    const { value, slope } = polynomial(flows, length, v);
    if (value === 0) break;
    if (value < 0) low = v; else high = v;
    const newton = v - value / slope;
    const next = newton > low && newton < high ? newton : (low + high) / 2;
    if (Math.abs(next - v) <= 1e-15 * v) { v = next; break; }
    v = next;
  }
  // A plan that pays back within weeks has a per-period rate that annualises beyond any
  // meaning (or beyond floating point); such rates are reported as the cap.
  const rate = Math.pow(v, -periodsPerYear) - 1;
  if (rate <= -1 + 1e-12) return null; // −100 % a year to twelve digits: no rate worth reporting
  return Number.isFinite(rate) ? Math.min(rate, MAX_REPORTED_RATE) : MAX_REPORTED_RATE;
}

/**
 * How often the flows (or their running total) change sign, zeros skipped; −1 when the first
 * non-zero value is positive (money comes in before any goes out: no investment to rate).
 */
function signChanges(flows: ArrayLike<number>, length: number, cumulative: boolean): number {
  let total = 0;
  let sign = 0;
  let changes = 0;
  for (let index = 0; index < length; index += 1) {
    const value = cumulative ? (total += flows[index]) : flows[index];
    const current = value > 0 ? 1 : value < 0 ? -1 : 0;
    if (current === 0) continue;
    if (sign === 0) {
      if (current > 0) return -1;
    } else if (current !== sign) {
      changes += 1;
    }
    sign = current;
  }
  return changes;
}

/** p(v) = Σ fₜ vᵗ and p′(v), by Horner's rule from the last flow to the first. */
function polynomial(flows: ArrayLike<number>, length: number, v: number): { value: number; slope: number } {
  let value = 0;
  let slope = 0;
  for (let index = length - 1; index >= 0; index -= 1) {
    slope = slope * v + value;
    value = value * v + flows[index];
  }
  // The loop built Σ f₍ᵢ₊₁₎ vⁱ (degree n − 1); one more factor of v gives p and its derivative.
  return { value: value * v, slope: slope * v + value };
}
