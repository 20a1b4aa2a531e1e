import { randomUniform } from 'd3';
import type { Distribution } from './distribution.ts';
import { locationProblems } from './parameter-limits.ts';

/** `{ "dist": "uniform", "min": a, "max": b }`: every value in [a, b] equally likely; a = b is fixed. */
export const uniformDistribution: Distribution = {
  name: 'uniform',
  parameters: ['min', 'max'],
  description: 'uniform {min, max}: every value between equally likely',
  check: (parameters) => [
    ...(parameters.min > parameters.max ? [`min (${parameters.min}) must be ≤ max (${parameters.max})`] : []),
    ...locationProblems(parameters, ['min', 'max']),
  ],
  fixedValue: ({ min, max }) => (min === max ? min : undefined),
  sampler: ({ min, max }, _range, source) => {
    const uniform = randomUniform.source(source)(min, max); // keeps nothing between values
    return () => uniform;
  },
  cdf: ({ min, max }, _range, x) => Math.min(1, Math.max(0, (x - min) / (max - min))),
  quantile: ({ min, max }, _range, probability) => min + probability * (max - min),
};
