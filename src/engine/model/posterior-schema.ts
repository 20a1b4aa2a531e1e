import { MAX_PARAMETER_MAGNITUDE } from './distributions/parameter-limits.ts';

/**
 * The JSON Schema of a model file's optional `posterior` (parse-posterior.ts, `readPosterior`).
 * What a schema cannot say is left to `parseModel`: `mean` and `cholesky` sized to `paths`, row i
 * of `cholesky` with i + 1 entries and its last > 0, each path a setting of this model with a
 * range in `uncertainty`, and not both brand.maxEquity and brand.initialEquity.
 */
export function posteriorSchema(): Record<string, unknown> {
  const number = { type: 'number', minimum: -MAX_PARAMETER_MAGNITUDE, maximum: MAX_PARAMETER_MAGNITUDE };
  return {
    description: 'Optional: a joint normal distribution of some uncertain settings on their normal scale (logit, log or none, from each setting\'s valid range), as a fit leaves it. Monte Carlo and the risk-averse optimiser draw these settings together from it; each also needs a range in uncertainty.',
    type: 'object',
    additionalProperties: false,
    required: ['paths', 'mean', 'cholesky'],
    properties: {
      paths: {
        description: 'The settings, by path as in uncertainty (brand.halfLifeMonths, upstream.channels.TV.halfSaturation).',
        type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string' },
      },
      mean: { description: 'The mean of each setting on its normal scale, one per path.', type: 'array', items: number },
      cholesky: {
        description: 'L, the lower-triangular Cholesky factor of the covariance on the normal scale, by rows: row i holds i + 1 numbers, the last (the diagonal) > 0.',
        type: 'array',
        items: { type: 'array', minItems: 1, items: number },
      },
    },
  };
}
