import type { Distribution, DistributionParameters } from './distribution.ts';
import { locationProblems } from './parameter-limits.ts';

/**
 * `{ "dist": "triangular", "min": a, "mode": c, "max": b }`: density rising linearly from a to
 * the most likely value c and falling to b; a = b is fixed. The three-point estimate
 * ("at worst, most likely, at best") a planner can give without statistics.
 *
 * d3-random has no triangular generator, so values come from the inverse CDF of one uniform:
 * F⁻¹(u) = a + √(u (b − a)(c − a)) for u < F(c) = (c − a)/(b − a), else b − √((1 − u)(b − a)(b − c)).
 */
export const triangularDistribution: Distribution = {
  name: 'triangular',
  parameters: ['min', 'mode', 'max'],
  description: 'triangular {min, mode, max}: most likely at mode, falling to nothing at min and max',
  check: (parameters) => [
    ...(parameters.min <= parameters.mode && parameters.mode <= parameters.max ? []
      : [`needs min ≤ mode ≤ max, got ${parameters.min}, ${parameters.mode}, ${parameters.max}`]),
    ...locationProblems(parameters, ['min', 'mode', 'max']),
  ],
  fixedValue: ({ min, max }) => (min === max ? min : undefined),
  sampler: (parameters, _range, source) => {
    const triangular = () => triangularQuantile(parameters, source());
    return () => triangular;
  },
  cdf: ({ min, mode, max }, _range, x) => {
    if (x <= min) return 0;
    if (x >= max) return 1;
    if (x <= mode) return ((x - min) ** 2) / ((max - min) * (mode - min));
    return 1 - ((max - x) ** 2) / ((max - min) * (max - mode));
  },
  quantile: (parameters, _range, probability) => triangularQuantile(parameters, probability),
};

function triangularQuantile({ min, mode, max }: DistributionParameters, probability: number): number {
  const width = max - min;
  if (probability < (mode - min) / width) return min + Math.sqrt(probability * width * (mode - min));
  return max - Math.sqrt((1 - probability) * width * (max - mode));
}
