import { randomNormal } from 'd3';
import { standardNormalCdf, standardNormalQuantile } from '../../uncertainty/standard-normal.ts';
import type { Distribution } from './distribution.ts';
import { MAX_PARAMETER_MAGNITUDE, ceilingProblems, locationProblems } from './parameter-limits.ts';

/** `{ "dist": "normal", "mean": m, "sd": s }`: symmetric around m; s = 0 is the fixed value m. */
export const normalDistribution: Distribution = {
  name: 'normal',
  parameters: ['mean', 'sd'],
  description: 'normal {mean, sd}: symmetric around the mean',
  check: (parameters) => [
    ...(parameters.sd < 0 ? [`sd must be ≥ 0, got ${parameters.sd}`] : []),
    ...locationProblems(parameters, ['mean']),
    ...ceilingProblems(parameters, ['sd'], MAX_PARAMETER_MAGNITUDE),
  ],
  fixedValue: ({ mean, sd }) => (sd === 0 ? mean : undefined),
  sampler: ({ mean, sd }, _range, source) => {
    const normal = randomNormal.source(source);
    return () => normal(mean, sd);
  },
  cdf: ({ mean, sd }, _range, x) => standardNormalCdf((x - mean) / sd),
  quantile: ({ mean, sd }, _range, probability) => mean + sd * standardNormalQuantile(probability),
};
