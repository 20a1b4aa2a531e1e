import { randomBeta } from 'd3';
import { betaQuantile, regularizedIncompleteBeta } from '../../uncertainty/incomplete-beta.ts';
import type { Distribution, ValueRange } from './distribution.ts';
import { MAX_BETA_PARAMETER, ceilingProblems } from './parameter-limits.ts';

/**
 * `{ "dist": "beta", "alpha": a, "beta": b }`: Beta(a, b) on 0…1, scaled to the field's valid
 * range (min + (max − min)·x), so it only applies to fields with a bounded range: shares such
 * as margin or baseConversion, maxEquity, lagConcentration. Its mean is a / (a + b) of the way
 * along the range; a + b says how sure (Beta(5, 5) is fairly wide, Beta(50, 50) narrow).
 * It always has a spread.
 */
export const betaDistribution: Distribution = {
  name: 'beta',
  parameters: ['alpha', 'beta'],
  description: 'beta {alpha, beta}: on the field\'s own range (for shares), mean alpha / (alpha + beta) of the way along it',
  check: (parameters, range) => [
    ...(parameters.alpha <= 0 ? [`alpha must be > 0, got ${parameters.alpha}`] : []),
    ...(parameters.beta <= 0 ? [`beta must be > 0, got ${parameters.beta}`] : []),
    ...ceilingProblems(parameters, ['alpha', 'beta'], MAX_BETA_PARAMETER),
    ...(suitsBeta(range) ? [] : ['beta needs a field with a bounded range (a share, say); use lognormal or normal here']),
  ],
  fixedValue: () => undefined,
  // d3's gamma (inside its beta) keeps one normal generator per source, with its Box–Muller
  // memory, so the whole factory is rebuilt for each draw.
  sampler: ({ alpha, beta }, range, source) => () => {
    const unit = randomBeta.source(source)(alpha, beta);
    return () => scale(range, unit());
  },
  cdf: ({ alpha, beta }, range, x) => regularizedIncompleteBeta((x - range.min) / (range.max - range.min), alpha, beta),
  quantile: ({ alpha, beta }, range, probability) => scale(range, betaQuantile(probability, alpha, beta)),
};

/**
 * True for a range that beta can be spread over: a share-like range inside 0…1 (margin,
 * maxEquity, lagConcentration, ...). Other settings have limits too (a half-life ≤ 1200 months),
 * but those are ceilings no business reaches, not ends of a scale, so beta over them means nothing.
 */
export function suitsBeta(range: Pick<ValueRange, 'min' | 'max'>): boolean {
  return range.min >= 0 && range.max <= 1;
}

function scale(range: ValueRange, unit: number): number {
  return range.min + (range.max - range.min) * unit;
}
