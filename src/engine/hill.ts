/**
 * The Hill saturation curve: Hill(x; K, S) = x^S / (x^S + K^S) for x > 0, and 0 for x = 0.
 *
 * Written as 1 / (1 + (K/x)^S), which is the same function but cannot overflow to ∞/∞ when x^S
 * is huge (it tends to 1) or underflow to 0/0 when x is tiny (it tends to 0). Output is 0 … 1;
 * x = K gives exactly 0.5. `shape` ≤ 1 is concave, > 1 S-shaped.
 *
 * @param x amount per period, ≥ 0
 * @param halfSaturation K > 0, in the same units as x
 * @param shape S > 0
 * @example hill(15000, 15000, 1.5) // 0.5
 */
export function hill(x: number, halfSaturation: number, shape: number): number {
  return x > 0 ? 1 / (1 + Math.pow(halfSaturation / x, shape)) : 0;
}
