import { randomBeta } from 'd3';
import { betaQuantile, regularizedIncompleteBeta } from '../incomplete-beta.ts';
import type { Distribution, ValueRange } from './distribution.ts';

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
  check: ({ alpha, beta }, range) => [
    ...(alpha <= 0 ? [`alpha must be > 0, got ${alpha}`] : []),
    ...(beta <= 0 ? [`beta must be > 0, got ${beta}`] : []),
    ...(Number.isFinite(range.min) && Number.isFinite(range.max) ? [] : ['beta needs a field with a bounded range (a share, say); use lognormal or normal here']),
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

function scale(range: ValueRange, unit: number): number {
  return range.min + (range.max - range.min) * unit;
}
