import { format as d3Format } from 'd3';
import type { FitParameterNormalScale } from '../engine/fit/fit-parameter-normal-scale.ts';
import type { FitParameter } from '../engine/fit/fit-result.ts';

/**
 * One row of the prior-against-posterior chart on a scale of its own: settings have different
 * units (months, money per month, a share), so each row spans the union of its prior's and its
 * posterior's 90 % ranges (and the start and fitted values; a quantity with no prior, such as
 * the noise's σ, spans the rest). A positive quantity the fit estimates in ratios is always on
 * a log scale, whatever its span, so that its rows read alike: a lognormal prior's median sits
 * in the middle of its range on every one of them (on a linear scale a 2.5× prior puts it at
 * 38 %, a 10× one at 25 %). That is a quantity on the log scale with a floor of 0 (half-lives,
 * half-saturations, brand lifts, the market's size, the noise), or a share on the logit scale
 * whose values stay below a tenth of its ceiling (a maximum conversion lift of 0.01), where the
 * logit is the log within 0.11. A quantity that can be 0 or below (growth, seasonal waves,
 * drivers) or a share across its range is linear. One the caller cannot place (a path without
 * its model) is log when every value is above 0 and the span is more than 3×.
 */
export interface ParameterRowScale {
  kind: 'log' | 'linear';
  /** The row's two ends, low and high, in the setting's own units. */
  domain: [number, number];
  /** Where a value sits along the row, 0 at the low end and 1 at the high end (clamped). */
  position(value: number): number;
}

/** For a row the caller cannot place: above this ratio of high to low end (all values > 0), it is drawn on a log scale. */
export const LOG_SPAN = 3;

/**
 * The scale of one row (see `ParameterRowScale`). A row whose values all coincide gets a span
 * of ±10 % of the value (÷1.1 … ×1.1 on a log row; ±1 at 0), so it still draws its marks in the
 * middle. A row said to be positive with a value at or below 0 (which the fit never gives) is
 * drawn linear rather than lose that value.
 * @param normal `fitParameterNormalScale` for the row's path; undefined to decide from the span
 * @example parameterRowScale({ prior: { lower: 2, median: 6, upper: 18 }, start: 6, value: 9, lower: 7, upper: 12 }, { scale: 'log', min: 0, max: Infinity })
 *   // log scale over [2, 18]: position(6) = 0.5
 */
export function parameterRowScale(parameter: Pick<FitParameter, 'prior' | 'start' | 'value' | 'lower' | 'upper'>, normal?: FitParameterNormalScale): ParameterRowScale {
  const prior = parameter.prior === null ? [] : [parameter.prior.lower, parameter.prior.median, parameter.prior.upper];
  const values = [...prior, parameter.start, parameter.value, parameter.lower, parameter.upper].filter((value) => Number.isFinite(value));
  let low = values.length > 0 ? Math.min(...values) : 0;
  let high = values.length > 0 ? Math.max(...values) : 1;
  const log = low > 0 && (normal === undefined ? high / low > LOG_SPAN : inRatios(normal, high));
  if (!(high > low)) {
    const pad = low === 0 ? 1 : Math.abs(low) * 0.1;
    [low, high] = log ? [low / 1.1, high * 1.1] : [low - pad, high + pad];
  }
  const domain: [number, number] = [low, high];
  if (log) {
    const logLow = Math.log(low);
    const logSpan = Math.log(high) - logLow;
    return { kind: 'log', domain, position: (value) => clamp01(value > 0 ? (Math.log(value) - logLow) / logSpan : 0) };
  }
  return { kind: 'linear', domain, position: (value) => clamp01((value - low) / (high - low)) };
}

/** Whether the fit reads a quantity in ratios (see `ParameterRowScale`), given the row's high end. */
function inRatios({ scale, min, max }: FitParameterNormalScale, high: number): boolean {
  if (min !== 0) return false;
  return scale === 'log' || (scale === 'logit' && high <= max / 10);
}

function clamp01(value: number): number {
  return Number.isNaN(value) ? 0 : Math.min(1, Math.max(0, value));
}

const compact = d3Format('.3~s');
const significant = d3Format('.3~g');

/**
 * A setting's value in few characters, whatever its unit: three significant figures, with
 * k / M / G for thousands and up ("45.2k", "1.2M"), and an ASCII minus. The chart prints a
 * row's ends with it; the table gives the same numbers.
 * @example formatSettingValue(45_210) // "45.2k"
 * @example formatSettingValue(0.0123) // "0.0123"
 */
export function formatSettingValue(value: number): string {
  if (!Number.isFinite(value)) return '—';
  const text = Math.abs(value) >= 1000 ? compact(value).replace('G', 'B') : significant(value);
  return text.replace('−', '-');
}
