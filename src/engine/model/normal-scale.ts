import type { ValueRange } from './distributions/distribution.ts';
import type { NumberRule } from './model-fields.ts';

/**
 * A setting's "normal scale": the unbounded scale on which the fit works and on which a fitted
 * model's posterior (`Model.posterior`) is a multivariate normal. It follows from the setting's
 * valid range alone, so that no file has to say it:
 * - bounded on both sides [min, max] (a concentration, a lag, the starting equity):
 *   logit, x = min + (max − min) / (1 + e^(−y));
 * - bounded below only (a half-life, a half-saturation, a lift, growth > −1):
 *   log, x = min + e^y (a lognormal when min = 0);
 * - unbounded: y = x.
 * Every y maps to a valid x (exclusive ends are never reached), so a draw never needs rejecting.
 *
 * The range is the setting's valid range (`rangeFor` in uncertain-fields.ts) passed through
 * `normalScaleRange`, which drops a ceiling that is only a limit no business reaches
 * (`NumberRule.maxIsLimit`, e.g. 1e13 for money): a half-saturation is on the log scale, not a
 * logit over [0, 1e13].
 */
export type NormalScale = 'logit' | 'log' | 'identity';

export function normalScaleOf(range: ValueRange): NormalScale {
  const bottom = Number.isFinite(range.min);
  const top = Number.isFinite(range.max);
  if (bottom && top) return 'logit';
  if (bottom) return 'log';
  if (top) throw new RangeError('a setting bounded above only has no normal scale');
  return 'identity';
}

/** y for a value x strictly inside the range (an end maps to ±Infinity). */
export function toNormalScale(x: number, range: ValueRange): number {
  switch (normalScaleOf(range)) {
    case 'logit': {
      const share = (x - range.min) / (range.max - range.min);
      return Math.log(share) - Math.log1p(-share);
    }
    case 'log': return Math.log(x - range.min);
    default: return x;
  }
}

/** x for any finite y. */
export function fromNormalScale(y: number, range: ValueRange): number {
  switch (normalScaleOf(range)) {
    case 'logit': return range.min + (range.max - range.min) / (1 + Math.exp(-y));
    case 'log': return range.min + Math.exp(y);
    default: return y;
  }
}

/**
 * The range that sets a setting's normal scale: its valid range without a ceiling that is only
 * a limit (`maxIsLimit`). A value drawn beyond that limit is read as the limit (`fromNormalScale`
 * cannot know it), which no posterior of a real history comes near.
 */
export function normalScaleRange(range: ValueRange, rule: NumberRule): ValueRange {
  if (rule.maxIsLimit === true && range.max === rule.max) return { ...range, max: Infinity, maxExclusive: false };
  return range;
}

/** dx/dy of `fromNormalScale` at y: the chain rule from a setting's units to its normal scale. */
export function normalScaleSlope(y: number, range: ValueRange): number {
  switch (normalScaleOf(range)) {
    case 'logit': {
      const share = 1 / (1 + Math.exp(-y));
      return (range.max - range.min) * share * (1 - share);
    }
    case 'log': return Math.exp(y);
    default: return 1;
  }
}
