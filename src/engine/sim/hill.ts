/**
 * The Hill saturation curve: Hill(x; K, S) = x^S / (x^S + K^S) for x > 0, and 0 for x = 0.
 *
 * Computed as the spec writes it, so results agree with it to the last bit in the ordinary
 * range. Where x^S or K^S leaves the range of doubles (overflow to ∞, or both underflowing to 0)
 * it switches to the equal form 1 / (1 + (K/x)^S), which has the right limit instead of NaN.
 * Output is 0 … 1; x = K gives exactly 0.5. `shape` ≤ 1 is concave, > 1 S-shaped.
 *
 * @param x amount per period, ≥ 0
 * @param halfSaturation K > 0, in the same units as x
 * @param shape S > 0
 * @example hill(15000, 15000, 1.5) // 0.5
 */
export function hill(x: number, halfSaturation: number, shape: number): number {
  if (!(x > 0)) return 0;
  const xPower = Math.pow(x, shape);
  const halfPower = Math.pow(halfSaturation, shape);
  const sum = xPower + halfPower;
  if (sum > 0 && sum < Infinity) return xPower / sum;
  return 1 / (1 + Math.pow(halfSaturation / x, shape));
}
