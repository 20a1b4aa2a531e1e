/**
 * `hill(x, halfSaturation, shape)` with K^S computed once by the caller: the same operations in
 * the same order, so the same number to the last bit (tests/engine/objective-gradient.test.ts
 * checks it), for loops that evaluate one curve many times (the adjoint's record of a run). With
 * S = 1 it skips the power, as Math.pow(x, 1) is x exactly.
 *
 * @param halfPower Math.pow(halfSaturation, shape)
 * @example hillWithHalfPower(15000, Math.pow(15000, 1.5), 15000, 1.5) // 0.5
 */
export function hillWithHalfPower(x: number, halfPower: number, halfSaturation: number, shape: number): number {
  if (!(x > 0)) return 0;
  const xPower = shape === 1 ? x : Math.pow(x, shape);
  const sum = xPower + halfPower;
  if (sum > 0 && sum < Infinity) return xPower / sum;
  return 1 / (1 + Math.pow(halfSaturation / x, shape));
}
