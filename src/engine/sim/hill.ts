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

/**
 * dHill/dx = S · h · (1 − h) / x, from h = Hill(x) already computed. At x = 0 the slope is
 * 0 (S > 1), 1/K (S = 1) or infinite (S < 1); it is taken a billionth of K away from 0, which
 * gives those limits where finite and a large finite slope where not, so a gradient never
 * holds NaN or ∞.
 */
export function hillSlope(x: number, response: number, halfSaturation: number, shape: number): number {
  const floor = halfSaturation * 1e-9;
  if (x < floor) {
    const nearZero = hill(floor, halfSaturation, shape);
    return (shape * nearZero * (1 - nearZero)) / floor;
  }
  return (shape * response * (1 - response)) / x;
}

/** ∂Hill/∂K = −S · h · (1 − h) / K, from h = Hill(x; K, S) already computed (0 at x = 0, where h is 0). */
export function hillHalfSaturationSlope(response: number, halfSaturation: number, shape: number): number {
  return (-shape * response * (1 - response)) / halfSaturation;
}

/** ∂Hill/∂S = h · (1 − h) · ln(x / K), from h = Hill(x; K, S) already computed (0 at x = 0). */
export function hillShapeSlope(x: number, response: number, halfSaturation: number): number {
  if (!(x > 0) || response <= 0 || response >= 1) return 0;
  return response * (1 - response) * Math.log(x / halfSaturation);
}
