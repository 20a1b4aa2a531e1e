import { format as d3Format } from 'd3';
import type { FitParameter } from '../engine/fit/fit-result.ts';

/**
 * One row of the prior-against-posterior chart on a scale of its own: settings have different
 * units (months, money per month, a share), so each row spans the union of its prior's and its
 * posterior's 90 % ranges (and the start and fitted values; a quantity with no prior, such as
 * the noise's σ, spans the rest), on a log scale when every value is
 * above 0 and the span is more than 3× (a half-saturation's prior often covers 10×), else linear.
 */
export interface ParameterRowScale {
  kind: 'log' | 'linear';
  /** The row's two ends, low and high, in the setting's own units. */
  domain: [number, number];
  /** Where a value sits along the row, 0 at the low end and 1 at the high end (clamped). */
  position(value: number): number;
}

/** Above this ratio of high to low end (all values > 0), a row is drawn on a log scale. */
export const LOG_SPAN = 3;

/**
 * The scale of one row (see `ParameterRowScale`). A row whose values all coincide gets a span
 * of ±10 % of the value (±1 at 0), so it still draws its marks in the middle.
 * @example parameterRowScale({ prior: { lower: 2, median: 6, upper: 18 }, start: 6, value: 9, lower: 7, upper: 12 })
 *   // log scale over [2, 18]: position(6) = 0.5
 */
export function parameterRowScale(parameter: Pick<FitParameter, 'prior' | 'start' | 'value' | 'lower' | 'upper'>): ParameterRowScale {
  const prior = parameter.prior === null ? [] : [parameter.prior.lower, parameter.prior.median, parameter.prior.upper];
  const values = [...prior, parameter.start, parameter.value, parameter.lower, parameter.upper].filter((value) => Number.isFinite(value));
  let low = values.length > 0 ? Math.min(...values) : 0;
  let high = values.length > 0 ? Math.max(...values) : 1;
  if (!(high > low)) {
    const pad = low === 0 ? 1 : Math.abs(low) * 0.1;
    low -= pad;
    high += pad;
  }
  const log = low > 0 && high / low > LOG_SPAN;
  const domain: [number, number] = [low, high];
  if (log) {
    const logLow = Math.log(low);
    const logSpan = Math.log(high) - logLow;
    return { kind: 'log', domain, position: (value) => clamp01(value > 0 ? (Math.log(value) - logLow) / logSpan : 0) };
  }
  return { kind: 'linear', domain, position: (value) => clamp01((value - low) / (high - low)) };
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
