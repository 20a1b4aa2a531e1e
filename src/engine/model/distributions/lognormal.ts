import { randomLogNormal } from 'd3';
import { standardNormalCdf, standardNormalQuantile } from '../../uncertainty/standard-normal.ts';
import type { Distribution } from './distribution.ts';
import { MAX_LOGNORMAL_SIGMA, locationProblems, ceilingProblems } from './parameter-limits.ts';

/**
 * `{ "dist": "lognormal", "median": m, "sigma": s }`: log(value) is normal with mean log(m) and
 * sd s, so the value is positive and right-skewed, and m · e^(±1.2816·s) are its 10th and 90th
 * percentiles (sigma 0.4: 0.6 m and 1.67 m). The natural choice for durations and
 * saturation points, whose doubts are "half or double" rather than "± so much".
 */
export const lognormalDistribution: Distribution = {
  name: 'lognormal',
  parameters: ['median', 'sigma'],
  description: 'lognormal {median, sigma}: positive, right-skewed; log of the value is normal',
  check: (parameters) => [
    ...(parameters.median <= 0 ? [`median must be > 0, got ${parameters.median}`] : []),
    ...locationProblems(parameters, ['median']),
    ...(parameters.sigma < 0 ? [`sigma must be ≥ 0, got ${parameters.sigma}`] : []),
    ...ceilingProblems(parameters, ['sigma'], MAX_LOGNORMAL_SIGMA, ' (e^5 ≈ 148 times or 1/148 of the median at one standard deviation)'),
  ],
  fixedValue: ({ median, sigma }) => (sigma === 0 ? median : undefined),
  sampler: ({ median, sigma }, _range, source) => {
    const logNormal = randomLogNormal.source(source);
    const mu = Math.log(median);
    return () => logNormal(mu, sigma);
  },
  cdf: ({ median, sigma }, _range, x) => (x <= 0 ? 0 : standardNormalCdf((Math.log(x) - Math.log(median)) / sigma)),
  quantile: ({ median, sigma }, _range, probability) => median * Math.exp(sigma * standardNormalQuantile(probability)),
};
