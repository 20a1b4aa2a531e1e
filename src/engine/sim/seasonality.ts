/**
 * The demand index of each period of the year, from `market.seasonality` (spec §4 step 5,
 * extended in docs/model.md, "Seasonality by month").
 *
 * - null: no seasonality (every index 1), returned as null so that callers can skip it;
 * - P values (one per period of the year): used as given, not rescaled;
 * - 12 values when P ≠ 12 (one per month of the plan's year, January of the plan first):
 *   quarterly, quarter q is the mean of its months, (m₃q + m₃q₊₁ + m₃q₊₂) / 3, summed in that
 *   order; weekly, week w (0-based) takes the index of the month holding its midpoint,
 *   month ⌊(w + 0.5) · 12 / 52⌋ (never a tie: (2w + 1) · 6 / 52 is never a whole number).
 *
 * A monthly model (P = 12) always has 12 values, used as given, so monthly results do not change.
 *
 * @param seasonality a validated model's `market.seasonality`: null, P values or 12 values
 * @returns P indices, or null for none
 * @example seasonalIndices([1, 1, 1, 2, 2, 2, 1, 1, 1, 0.5, 0.5, 0.5], 4) // [1, 2, 1, 0.5]
 */
export function seasonalIndices(seasonality: readonly number[] | null, periodsPerYear: number): Float64Array | null {
  if (seasonality === null) return null;
  if (seasonality.length === periodsPerYear) return Float64Array.from(seasonality);
  if (seasonality.length !== 12) {
    throw new RangeError(`seasonality needs ${periodsPerYear} or 12 values, got ${seasonality.length}`);
  }
  const indices = new Float64Array(periodsPerYear);
  for (let period = 0; period < periodsPerYear; period += 1) indices[period] = monthlyIndexFor(seasonality, period, periodsPerYear);
  return indices;
}

/** One period's index from 12 monthly values (see `seasonalIndices`). */
function monthlyIndexFor(months: readonly number[], period: number, periodsPerYear: number): number {
  if (periodsPerYear === 4) {
    const first = 3 * period;
    return (months[first] + months[first + 1] + months[first + 2]) / 3;
  }
  if (periodsPerYear === 52) return months[Math.floor(((2 * period + 1) * 6) / 52)];
  throw new RangeError(`no rule turns monthly seasonality into ${periodsPerYear} periods a year`);
}
