import type { Posterior } from '../model/model.ts';
import type { ValueRange } from '../model/distributions/distribution.ts';
import { fromNormalScale } from '../model/normal-scale.ts';
import { drawSource, pathKey } from './draw-seed.ts';
import { standardNormalQuantile } from './standard-normal.ts';

/** Half a step of the draw source's grid (its values are k / 2^32): u + this lies strictly inside (0, 1). */
const HALF_STEP = 2 ** -33;

/**
 * One standard normal number for a stream: Φ⁻¹ of the stream's first uniform, moved half a grid
 * step up so that it is never 0 (|z| ≤ 6.23). The inverse CDF takes exactly one uniform, so the
 * value depends on (seed, draw, key) alone, as every other draw does (`drawSource`).
 * @example standardNormalDraw(42, 0, pathKey('brand.halfLifeMonths')) // the same on every run
 */
export function standardNormalDraw(seed: number, draw: number, key: number): number {
  return standardNormalQuantile(drawSource(seed, draw, key)() + HALF_STEP);
}

/** Draws a posterior's settings on their normal scale, one draw at a time into a reused buffer. */
export interface PosteriorSampler {
  /** The posterior's paths, in its order. */
  readonly paths: readonly string[];
  /** The last draw's values on the normal scale, y = mean + L·z, one per path. */
  readonly y: Float64Array;
  /**
   * Fills `y` for draw `draw` of seed `seed`: zᵢ from path i's own stream
   * (`standardNormalDraw(seed, draw, pathKey(pathᵢ))`), then y = mean + L·z.
   * Cost: one inverse normal CDF per path and n(n + 1)/2 multiply-adds.
   */
  fill(seed: number, draw: number): void;
}

/**
 * A sampler of `posterior` (a valid one, as `parseModel` returns it). Because each zᵢ comes from
 * path i's own stream, the same path sees the same random numbers in two models that share it
 * (common random numbers), as a setting drawn from its own range does.
 */
export function createPosteriorSampler(posterior: Posterior): PosteriorSampler {
  const size = posterior.paths.length;
  const keys = posterior.paths.map(pathKey);
  const mean = Float64Array.from(posterior.mean);
  // L by rows, packed: row i starts at i(i + 1)/2.
  const lower = Float64Array.from(posterior.cholesky.flat());
  const z = new Float64Array(size);
  const y = new Float64Array(size);
  return {
    paths: posterior.paths,
    y,
    fill(seed, draw) {
      for (let row = 0; row < size; row += 1) z[row] = standardNormalDraw(seed, draw, keys[row]);
      let at = 0;
      for (let row = 0; row < size; row += 1) {
        let sum = mean[row];
        for (let column = 0; column <= row; column += 1) sum += lower[at + column] * z[column];
        y[row] = sum;
        at += row + 1;
      }
    },
  };
}

/**
 * `fromNormalScale(y, scale)`, kept inside the setting's valid range `valid`. The scale's range
 * (`normalScaleRange`) leaves out a ceiling that is only a limit (a half-saturation's 1e13), so a
 * value beyond that limit is read as the limit; and where y is so far out that the logistic or
 * the exponential rounds to an end (y > 37 on a share's logit, y < −745 on a log), an exclusive
 * end is replaced by the nearest number inside it. So a draw never breaks its setting's rule.
 * @param y finite
 * @param scale the range that sets the normal scale, `normalScaleRange(valid, rule)`
 * @param valid the setting's valid range (`rangeFor`), within which `scale` lies
 * @example valueFromNormalScale(50, share, share) // 1 − 2⁻⁵³ for share = (0, 1), both ends exclusive
 */
export function valueFromNormalScale(y: number, scale: ValueRange, valid: ValueRange = scale): number {
  const x = fromNormalScale(y, scale);
  if (x >= valid.max) return valid.maxExclusive ? nextDown(valid.max) : valid.max;
  if (x <= valid.min) return valid.minExclusive ? nextUp(valid.min) : valid.min;
  return x;
}

const bits = new DataView(new ArrayBuffer(8));

/** The next double above x (finite x). */
function nextUp(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  bits.setFloat64(0, x);
  bits.setBigInt64(0, bits.getBigInt64(0) + (x > 0 ? 1n : -1n));
  return bits.getFloat64(0);
}

/** The next double below x (finite x). */
function nextDown(x: number): number {
  return -nextUp(-x);
}
