import { randomLogNormal, randomNormal } from 'd3';
import { describe, expect, it } from 'vitest';
import { DISTRIBUTIONS } from '../../../src/engine/index.ts';
import { drawSource } from '../../../src/engine/uncertainty/draw-seed.ts';
import { betaQuantile, regularizedIncompleteBeta } from '../../../src/engine/uncertainty/incomplete-beta.ts';
import { standardNormalCdf, standardNormalQuantile } from '../../../src/engine/uncertainty/standard-normal.ts';
import { drawValues, inRange, truncatedQuantile, uncertainFields } from '../../../src/engine/uncertainty/uncertain-fields.ts';
import { defaultJson, defaultWith } from './fixtures.ts';

// Standard normal quantiles, from any table (e.g. Abramowitz & Stegun 26.2): z₀.₉ = 1.2815515655446004,
// z₀.₉₅ = 1.6448536269514722, z₀.₉₇₅ = 1.959963984540054.
const Z = { 0.05: -1.6448536269514722, 0.1: -1.2815515655446004, 0.5: 0, 0.9: 1.2815515655446004, 0.95: 1.6448536269514722 };
const PROBABILITIES = [0.05, 0.1, 0.5, 0.9, 0.95] as const;

describe('standard normal', () => {
  it('standardNormalQuantile matches published quantiles to 1e-7 (simple-statistics probit alone is off by 1e-3)', () => {
    for (const p of PROBABILITIES) expect(Math.abs(standardNormalQuantile(p) - Z[p])).toBeLessThan(1e-7);
    expect(Math.abs(standardNormalQuantile(0.975) - 1.959963984540054)).toBeLessThan(1e-7);
  });

  it('standardNormalCdf inverts standardNormalQuantile', () => {
    for (const p of [0.001, 0.2, 0.5, 0.7, 0.999]) expect(Math.abs(standardNormalCdf(standardNormalQuantile(p)) - p)).toBeLessThan(1e-8);
  });
});

describe('regularised incomplete beta', () => {
  it('gives the closed forms I_x(1, 1) = x, I_x(a, 1) = x^a, I_x(1, b) = 1 − (1 − x)^b and I_½(a, a) = ½', () => {
    for (const x of [0.01, 0.3, 0.5, 0.9]) {
      expect(regularizedIncompleteBeta(x, 1, 1)).toBeCloseTo(x, 12);
      expect(regularizedIncompleteBeta(x, 3, 1)).toBeCloseTo(x ** 3, 12);
      expect(regularizedIncompleteBeta(x, 1, 4)).toBeCloseTo(1 - (1 - x) ** 4, 12);
    }
    for (const a of [0.5, 2, 7.5, 50]) expect(regularizedIncompleteBeta(0.5, a, a)).toBeCloseTo(0.5, 10);
  });

  it('betaQuantile inverts it: Beta(3, 1) has quantile p^(1/3)', () => {
    for (const p of PROBABILITIES) expect(betaQuantile(p, 3, 1)).toBeCloseTo(p ** (1 / 3), 10);
  });
});

describe('distributions: cdf and quantile are inverse', () => {
  const range = { min: -Infinity, max: Infinity, minExclusive: false, maxExclusive: false };
  const unit = { min: 0, max: 1, minExclusive: false, maxExclusive: false };
  it.each([
    ['normal', { mean: 3, sd: 2 }, range],
    ['lognormal', { median: 24, sigma: 0.4 }, range],
    ['uniform', { min: 2, max: 8 }, range],
    ['triangular', { min: 2, mode: 4, max: 8 }, range],
    ['beta', { alpha: 2, beta: 5 }, unit],
  ] as const)('%s', (name, parameters, valueRange) => {
    const distribution = DISTRIBUTIONS[name];
    for (const p of [0.02, 0.1, 0.37, 0.5, 0.9, 0.98]) {
      const x = distribution.quantile(parameters, valueRange, p);
      expect(Math.abs(distribution.cdf(parameters, valueRange, x) - p)).toBeLessThan(1e-7);
    }
  });
});

/**
 * Draws one field through `drawValues` (the sampler Monte Carlo uses) and compares sample
 * percentiles with the distribution's known quantiles. Tolerance: 5 standard errors of a sample
 * quantile, √(p(1 − p)/n) / f(x_p), with the density f estimated from the quantile function.
 */
function expectSampledQuantiles(uncertainty: Record<string, unknown>, expected: (p: number) => number, draws = 20000): void {
  const fields = uncertainFields(defaultWith(uncertainty));
  expect(fields).toHaveLength(1);
  const values = new Float64Array(draws);
  const out = new Float64Array(1);
  for (let draw = 0; draw < draws; draw += 1) {
    drawValues(fields, 2024, draw, out);
    values[draw] = out[0];
  }
  values.sort();
  for (const p of PROBABILITIES) {
    const sample = values[Math.floor(p * (draws - 1))];
    const density = 0.002 / (expected(p + 0.001) - expected(p - 0.001));
    const standardError = Math.sqrt((p * (1 - p)) / draws) / density;
    expect(Math.abs(sample - expected(p)), `p = ${p}: sampled ${sample}, expected ${expected(p)}`).toBeLessThan(5 * standardError);
  }
}

describe('sampled values match the distributions\' known quantiles within Monte Carlo error', () => {
  it('normal: mean + sd · z_p', () => {
    expectSampledQuantiles({ 'market.growthPerYear': { dist: 'normal', mean: 0.02, sd: 0.03 } }, (p) => 0.02 + 0.03 * standardNormalQuantile(p));
  });
  it('lognormal: median · e^(sigma · z_p)', () => {
    expectSampledQuantiles({ 'brand.halfLifeMonths': { dist: 'lognormal', median: 24, sigma: 0.4 } }, (p) => 24 * Math.exp(0.4 * standardNormalQuantile(p)));
  });
  it('uniform: min + p · (max − min)', () => {
    expectSampledQuantiles({ 'economics.margin': { dist: 'uniform', min: 0.3, max: 0.6 } }, (p) => 0.3 + 0.3 * p);
  });
  it('triangular (2, 4, 8): the inverse CDF', () => {
    const inverse = (p: number) => (p < 1 / 3 ? 2 + Math.sqrt(p * 6 * 2) : 8 - Math.sqrt((1 - p) * 6 * 4));
    expectSampledQuantiles({ 'upstream.lagMonths': { dist: 'triangular', min: 2, mode: 4, max: 8 } }, inverse);
  });
  it('beta (3, 1) on a share: p^(1/3)', () => {
    expectSampledQuantiles({ 'economics.margin': { dist: 'beta', alpha: 3, beta: 1 } }, (p) => p ** (1 / 3));
  });
  it('beta on a field with its own range (lagConcentration, 0 < x < 1) is scaled to it', () => {
    expectSampledQuantiles({ 'upstream.lagConcentration': { dist: 'beta', alpha: 3, beta: 1 } }, (p) => p ** (1 / 3));
  });
  it('a normal truncated at a bound: the truncated quantile F⁻¹(F(0) + p(1 − F(0)))', () => {
    const uncertainty = { 'brand.halfLifeMonths': { dist: 'normal', mean: 2, sd: 3 } };
    const [field] = uncertainFields(defaultWith(uncertainty));
    expectSampledQuantiles(uncertainty, (p) => truncatedQuantile(field, p));
    const below = standardNormalCdf(-2 / 3);
    expect(truncatedQuantile(field, 0.5)).toBeCloseTo(2 + 3 * standardNormalQuantile(below + 0.5 * (1 - below)), 8);
  });
});

describe('drawValues', () => {
  it('respects every field\'s range in every draw, redrawing rather than clipping', () => {
    const model = defaultWith({
      'brand.halfLifeMonths': { dist: 'normal', mean: 1, sd: 4 },
      'brand.maxEquity': { dist: 'uniform', min: 0.2, max: 1.4 },
      'brand.initialEquity': { dist: 'normal', mean: 0.4, sd: 0.3 },
      'economics.margin': { dist: 'normal', mean: 0.9, sd: 0.3 },
      'upstream.lagMonths': { dist: 'uniform', min: 0, max: 20 },
    }, { brand: { ...defaultJson().brand, initialEquity: 0.3 } }); // a number: "history" cannot have a range
    const fields = uncertainFields(model);
    const index = (path: string) => fields.findIndex((field) => field.path === path);
    expect(index('brand.maxEquity')).toBeLessThan(index('brand.initialEquity'));
    const out = new Float64Array(fields.length);
    const seen = new Set<number>();
    for (let draw = 0; draw < 5000; draw += 1) {
      drawValues(fields, 9, draw, out);
      expect(out[index('brand.halfLifeMonths')]).toBeGreaterThan(0);
      expect(out[index('brand.maxEquity')]).toBeLessThanOrEqual(1);
      expect(out[index('brand.initialEquity')]).toBeGreaterThanOrEqual(0);
      expect(out[index('brand.initialEquity')]).toBeLessThanOrEqual(out[index('brand.maxEquity')]);
      expect(out[index('economics.margin')]).toBeLessThanOrEqual(1);
      expect(out[index('upstream.lagMonths')]).toBeLessThanOrEqual(12);
      seen.add(out[index('economics.margin')]);
    }
    // Redrawn, not clipped: the bound itself is (almost surely) never drawn.
    expect(seen.has(1)).toBe(false);
    expect(seen.size).toBe(5000);
  });

  it('gives a field the same values whatever other fields are uncertain (each field has its own stream)', () => {
    const alone = uncertainFields(defaultWith({ 'brand.halfLifeMonths': { dist: 'lognormal', median: 24, sigma: 0.4 } }));
    const withOthers = uncertainFields(defaultWith({
      'brand.demandLift': { dist: 'lognormal', median: 2, sigma: 0.3 },
      'brand.halfLifeMonths': { dist: 'lognormal', median: 24, sigma: 0.4 },
      'economics.margin': { dist: 'beta', alpha: 20, beta: 20 },
    }));
    const a = new Float64Array(1);
    const b = new Float64Array(3);
    for (let draw = 0; draw < 100; draw += 1) {
      drawValues(alone, 5, draw, a);
      drawValues(withOthers, 5, draw, b);
      expect(b[withOthers.findIndex((field) => field.path === 'brand.halfLifeMonths')]).toBe(a[0]);
    }
  });

  it('gives the same value for a draw whatever draws came before it', () => {
    const fields = uncertainFields(defaultWith({ 'market.growthPerYear': { dist: 'normal', mean: 0, sd: 0.03 } }));
    const out = new Float64Array(1);
    drawValues(fields, 3, 17, out);
    const first = out[0];
    for (let draw = 0; draw < 17; draw += 1) drawValues(fields, 3, draw, out);
    drawValues(fields, 3, 17, out);
    expect(out[0]).toBe(first);
  });
});

describe('drawing values draw after draw', () => {
  it('gives each draw exactly the values new d3 generators on that draw\'s source would, redraws included', () => {
    // Wide normals on bounded fields, so that many draws need one or more redraws (odd and even
    // numbers of calls to the pair-making generator).
    const model = defaultWith({
      'market.growthPerYear': { dist: 'normal', mean: -0.5, sd: 0.6 },
      'economics.margin': { dist: 'normal', mean: 0.5, sd: 0.45 },
      'brand.halfLifeMonths': { dist: 'lognormal', median: 24, sigma: 0.8 },
      'upstream.lagMonths': { dist: 'lognormal', median: 6, sigma: 1 },
    });
    const fields = uncertainFields(model);
    const values = new Float64Array(fields.length);
    let redraws = 0;
    for (let draw = 0; draw < 3000; draw += 1) {
      drawValues(fields, 5, draw, values);
      fields.forEach((field, index) => {
        const source = drawSource(5, draw, field.key);
        const { mean, sd, median, sigma } = field.value as unknown as Record<string, number>;
        const fresh = field.value.dist === 'normal' ? randomNormal.source(source)(mean, sd) : randomLogNormal.source(source)(Math.log(median), sigma);
        let value = fresh();
        while (!inRange(value, field.range)) {
          value = fresh();
          redraws += 1;
        }
        expect(Object.is(values[index], value), `${field.path} in draw ${draw}`).toBe(true);
      });
    }
    expect(redraws).toBeGreaterThan(1000);
  });
});
