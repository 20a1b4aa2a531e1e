/**
 * `steps` evenly spaced values from `from` to `to`, both included: from + (to − from) · i / (steps − 1).
 *
 * The product is taken before the division so that simple grids come out as their decimal
 * values (0 to 1 in 101 steps gives 0.43, not 0.43000000000000005), and the last value is
 * exactly `to`. `from` may be larger than `to` (a descending sweep).
 *
 * @param steps a whole number ≥ 2 (one value could not include both ends)
 * @example sweepValues(0, 1, 5) // [0, 0.25, 0.5, 0.75, 1]
 */
export function sweepValues(from: number, to: number, steps: number): number[] {
  const values: number[] = [];
  // Ends so far apart that to − from overflows (-1e308 to 1e308) are interpolated as
  // from · (1 − f) + to · f instead, which stays finite; ordinary grids keep the exact formula.
  const spanOverflows = !Number.isFinite(to - from);
  for (let index = 0; index < steps; index += 1) {
    const fraction = index / (steps - 1);
    values.push(index === steps - 1 ? to
      : spanOverflows ? from * (1 - fraction) + to * fraction
        : from + ((to - from) * index) / (steps - 1));
  }
  return values;
}
