import { MAX_SETTING_MAGNITUDE } from '../model-fields.ts';
import type { DistributionParameters } from './distribution.ts';

/**
 * Limits on distribution parameters, besides each distribution's own rules (docs/model-limits.md).
 * Every setting's valid values lie within ±MAX_SETTING_MAGNITUDE, so a location or spread
 * beyond it describes nothing a setting can be; keeping parameters within it also keeps every
 * CDF and quantile finite (a uniform from -1e308 to 1e308 has a width of Infinity).
 */
export const MAX_PARAMETER_MAGNITUDE = MAX_SETTING_MAGNITUDE;

/**
 * Largest lognormal sigma: e^5 ≈ 148, so one standard deviation already spans a factor of 148
 * either way (the 10th and 90th percentiles a factor of 600); "half or double" is sigma 0.7.
 */
export const MAX_LOGNORMAL_SIGMA = 5;

/**
 * Largest beta alpha or beta: Beta(1000, 1000) has a standard deviation of 1.1 % of the field's
 * range, narrower than any evidence supports, and the incomplete beta function that gives its
 * percentiles is accurate up to about there.
 */
export const MAX_BETA_PARAMETER = 1000;

/**
 * "mean must be between -1e13 and 1e13, got 1e+308" for each named parameter (a location: mean,
 * median, min, mode, max) outside ±MAX_PARAMETER_MAGNITUDE.
 */
export function locationProblems(parameters: DistributionParameters, names: readonly string[]): string[] {
  const limit = shown(MAX_PARAMETER_MAGNITUDE);
  return names
    .filter((name) => Math.abs(parameters[name]) > MAX_PARAMETER_MAGNITUDE)
    .map((name) => `${name} must be between -${limit} and ${limit}, got ${parameters[name]}`);
}

/** "sigma must be ≤ 5, got 300" for each named parameter (a spread or shape) above `limit`. */
export function ceilingProblems(parameters: DistributionParameters, names: readonly string[], limit: number, why = ''): string[] {
  return names
    .filter((name) => parameters[name] > limit)
    .map((name) => `${name} must be ≤ ${shown(limit)}${why}, got ${parameters[name]}`);
}

function shown(limit: number): string {
  return limit >= 1e6 ? limit.toExponential().replace('e+', 'e') : String(limit);
}
