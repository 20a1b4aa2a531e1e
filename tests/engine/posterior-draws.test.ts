/**
 * Drawing from a model's `posterior` (docs/model-files.md, "Posterior"): the draws' mean and
 * covariance on the normal scale against N(mean, L·Lᵀ), within sampling error; every draw inside
 * its settings' valid ranges (fast-check); the settings outside the posterior, and a model
 * without one, drawn exactly as before; the robust optimiser drawing from it.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Model, Posterior } from '../../src/engine/model/model.ts';
import { parseModel } from '../../src/engine/model/parse-model.ts';
import { setSetting } from '../../src/engine/model/model-fields.ts';
import { normalScaleRange, toNormalScale } from '../../src/engine/model/normal-scale.ts';
import { monteCarlo } from '../../src/engine/uncertainty/monte-carlo.ts';
import { posteriorDraws } from '../../src/engine/uncertainty/posterior-draws.ts';
import { valueFromNormalScale } from '../../src/engine/uncertainty/posterior-sampler.ts';
import { inRange, uncertainFields } from '../../src/engine/uncertainty/uncertain-fields.ts';
import { compileDraws } from '../../src/engine/optimize/compiled-draws.ts';

const DEFAULT_TEXT = readFileSync(new URL('../../models/default.json', import.meta.url), 'utf8');
const CHANNELS_TEXT = readFileSync(new URL('../../models/consumer-channels.json', import.meta.url), 'utf8');

type Raw = Record<string, any>;

function defaultRaw(): Raw {
  return JSON.parse(DEFAULT_TEXT) as Raw;
}

/** Σ = L·Lᵀ. */
function covarianceOf(cholesky: readonly (readonly number[])[]): number[][] {
  const n = cholesky.length;
  return Array.from({ length: n }, (_, a) => Array.from({ length: n }, (_, b) => {
    let sum = 0;
    for (let k = 0; k <= Math.min(a, b); k += 1) sum += cholesky[a][k] * cholesky[b][k];
    return sum;
  }));
}

/** Each draw's posterior settings back on their normal scale, in the posterior's order. */
function normalScaleDraws(model: Model, count: number, seed: number): number[][] {
  const draws = posteriorDraws(model, count, seed);
  const fields = uncertainFields(model);
  const columns = model.posterior!.paths.map((path) => draws.paths.indexOf(path));
  return draws.values.map((values) => columns.map((column) => toNormalScale(values[column], normalScaleRange(fields[column].range, fields[column].field.rule))));
}

function sampleMean(rows: number[][], i: number): number {
  return rows.reduce((sum, row) => sum + row[i], 0) / rows.length;
}

function sampleCovariance(rows: number[][], i: number, j: number): number {
  const mi = sampleMean(rows, i);
  const mj = sampleMean(rows, j);
  return rows.reduce((sum, row) => sum + (row[i] - mi) * (row[j] - mj), 0) / (rows.length - 1);
}

function correlation(xs: readonly number[], ys: readonly number[]): number {
  const rows = xs.map((x, index) => [x, ys[index]]);
  return sampleCovariance(rows, 0, 1) / Math.sqrt(sampleCovariance(rows, 0, 0) * sampleCovariance(rows, 1, 1));
}

/**
 * Four settings of the default model on their normal scale (each bounded below only, as far as
 * the scale is concerned: a log, of growth + 1 for growth), with means at the model's own values
 * and a covariance that mixes positive and negative correlations.
 */
function fourDimensional(): { raw: Raw; posterior: Posterior } {
  const raw = defaultRaw();
  const posterior: Posterior = {
    paths: ['brand.halfLifeMonths', 'upstream.halfSaturation', 'market.growthPerYear', 'brand.demandLift'],
    mean: [Math.log(13), Math.log(1e5), Math.log(1 + 0), Math.log(0.62)],
    cholesky: [[0.2], [0.05, 0.3], [0.01, -0.02, 0.1], [-0.15, 0.04, 0.0, 0.12]],
  };
  raw.posterior = posterior;
  return { raw, posterior };
}

describe('posteriorDraws: the draws follow N(mean, L·Lᵀ) on the normal scale', () => {
  const DRAWS = 20_000;
  const { raw, posterior } = fourDimensional();
  const model = parseModel(raw);
  const rows = normalScaleDraws(model, DRAWS, 12);
  const sigma = covarianceOf(posterior.cholesky);

  it('each mean within 4.5 standard errors, √(Σᵢᵢ / N)', () => {
    posterior.paths.forEach((_, i) => {
      const standardError = Math.sqrt(sigma[i][i] / DRAWS);
      expect(Math.abs(sampleMean(rows, i) - posterior.mean[i])).toBeLessThan(4.5 * standardError);
    });
  });

  it('each covariance within 4.5 standard errors, √((ΣᵢᵢΣⱼⱼ + Σᵢⱼ²) / N) for a normal sample', () => {
    for (let i = 0; i < 4; i += 1) {
      for (let j = 0; j <= i; j += 1) {
        const standardError = Math.sqrt((sigma[i][i] * sigma[j][j] + sigma[i][j] ** 2) / DRAWS);
        expect(Math.abs(sampleCovariance(rows, i, j) - sigma[i][j]), `Σ[${i}][${j}]`).toBeLessThan(4.5 * standardError);
      }
    }
  });

  it('the tolerance can fail: the draws do not match a covariance with one sign flipped', () => {
    // Σ[3][0] = −0.03; +0.03 lies 0.06 away, over 30 standard errors (0.0019).
    expect(Math.abs(sampleCovariance(rows, 3, 0) - 0.03)).toBeGreaterThan(4.5 * Math.sqrt((sigma[3][3] * sigma[0][0] + 0.03 ** 2) / DRAWS));
  });

  it('returns every uncertain setting in drawing order, draw d the same however many are asked for', () => {
    const few = posteriorDraws(model, 3, 12);
    const many = posteriorDraws(model, 50, 12);
    expect(few.paths).toEqual(uncertainFields(model).map((field) => field.path));
    expect(few.values).toEqual(many.values.slice(0, 3));
    expect(posteriorDraws(model, 3, 13).values[0]).not.toEqual(few.values[0]);
  });
});

describe('the settings outside the posterior, and a model without one, are drawn as before', () => {
  it('a model without posterior gives the Monte Carlo figures it gave before posteriors existed, to the last bit', () => {
    // Recorded from the engine at commit 21fea77, before this change: monteCarlo(model, { draws: 2000, seed: 7 }).summary.
    const before = {
      default: {
        incrementalNpvWithCarryover: { mean: 5305015.894040016, p5: 2279911.3293973114, p10: 2771545.7380992463, p50: 4948161.846962526, p90: 8274739.185292821, p95: 9293886.672982387 },
        npv: { mean: 25812445.363134094, p5: 21655557.155537147, p10: 22386634.538166683, p50: 25491006.334553853, p90: 29619053.269081436, p95: 30982486.201207638 },
      },
      'consumer-channels': {
        incrementalNpvWithCarryover: { mean: 5024626.755508139, p5: 2941281.139061303, p10: 3293632.482809146, p50: 4788027.175919972, p90: 7105071.479416679, p95: 7778728.623807816 },
        npv: { mean: 25487524.836280636, p5: 22647665.752428506, p10: 23163945.974837415, p50: 25286225.828287333, p90: 27955536.19714945, p95: 29046997.015066214 },
      },
    };
    for (const [name, text] of [['default', DEFAULT_TEXT], ['consumer-channels', CHANNELS_TEXT]] as const) {
      const summary = monteCarlo(parseModel(JSON.parse(text)), { draws: 2000, seed: 7 }).summary;
      expect({ incrementalNpvWithCarryover: summary.incrementalNpvWithCarryover, npv: summary.npv }).toEqual(before[name]);
    }
  });

  it('with a posterior, every other setting takes the same values draw by draw as without it', () => {
    const { raw } = fourDimensional();
    const withIt = posteriorDraws(parseModel(raw), 500, 3);
    delete raw.posterior;
    const without = posteriorDraws(parseModel(raw), 500, 3);
    const inPosterior = new Set(fourDimensional().posterior.paths);
    const others = withIt.paths.flatMap((path, index) => (inPosterior.has(path) ? [] : [index]));
    expect(others.length).toBe(4);
    for (let draw = 0; draw < 500; draw += 1) {
      for (const index of others) expect(withIt.values[draw][index]).toBe(without.values[draw][index]);
    }
    // …and the posterior's settings do change.
    const halfLife = withIt.paths.indexOf('brand.halfLifeMonths');
    expect(withIt.values[0][halfLife]).not.toBe(without.values[0][halfLife]);
  });
});

describe('posterior draws stay inside their valid ranges', () => {
  /** Settings of the default model (with a numeric starting equity) that may be uncertain. */
  const CANDIDATES = [
    'history.upstreamPerMonth', 'market.inMarketPerMonth', 'market.growthPerYear', 'brand.initialEquity', 'brand.maxEquity',
    'brand.halfLifeMonths', 'brand.demandLift', 'upstream.lagMonths', 'upstream.lagConcentration', 'upstream.halfSaturation',
    'upstream.shape', 'upstream.shortTerm.maxConversionLift', 'downstream.halfSaturation', 'economics.margin', 'economics.discountRatePerYear',
  ];

  const posteriorArbitrary = fc.shuffledSubarray(CANDIDATES, { minLength: 1, maxLength: 6 })
    .filter((paths) => !(paths.includes('brand.maxEquity') && paths.includes('brand.initialEquity')))
    .chain((paths) => fc.record({
      paths: fc.constant(paths),
      // Means far out on either side too: ±60 saturates every logistic, so the ends of each range are reached.
      mean: fc.array(fc.double({ min: -60, max: 60, noNaN: true }), { minLength: paths.length, maxLength: paths.length }),
      cholesky: fc.tuple(...paths.map((_, row) => fc.tuple(
        fc.array(fc.double({ min: -20, max: 20, noNaN: true }), { minLength: row, maxLength: row }),
        fc.double({ min: 1e-3, max: 20, noNaN: true }),
      ).map(([below, diagonal]) => [...below, diagonal]))),
    }));

  it('every drawn model is a valid model (fast-check)', () => {
    fc.assert(fc.property(posteriorArbitrary, fc.nat(1000), (posterior, seed) => {
      const raw = defaultRaw();
      // A number, so that it may be uncertain; 0, so that a maximum drawn from the posterior never falls below it.
      raw.brand.initialEquity = 0;
      raw.uncertainty = {};
      // Each posterior setting's marginal: a normal around its value in the model (a lag of 0.5 months: sd 0.05 …).
      for (const path of posterior.paths) {
        const value = path.split('.').reduce((object: Raw, key) => object[key], raw) as unknown as number;
        raw.uncertainty[path] = { dist: 'normal', mean: value, sd: Math.abs(value) * 0.1 + 0.01 };
      }
      // The starting equity's maximum drawn from its own range, when the starting equity is in the posterior.
      if (posterior.paths.includes('brand.initialEquity')) raw.uncertainty['brand.maxEquity'] = { dist: 'uniform', min: 0.6, max: 1 };
      raw.posterior = posterior;
      const model = parseModel(raw);
      const draws = posteriorDraws(model, 20, seed);
      const fields = uncertainFields(model);
      for (const values of draws.values) {
        fields.forEach((field, index) => {
          // The starting equity's range ends at this draw's maximum.
          const range = field.boundByIndex < 0 ? field.range : { ...field.range, max: values[field.boundByIndex], maxExclusive: false };
          expect(inRange(values[index], range), `${field.path} = ${values[index]}`).toBe(true);
        });
        const drawn = structuredClone(model);
        delete drawn.uncertainty;
        delete drawn.posterior;
        draws.paths.forEach((path, index) => setSetting(drawn, path, values[index]));
        expect(() => parseModel(drawn)).not.toThrow();
      }
    }), { numRuns: 150 });
  });

  it('a saturated logistic is kept off an exclusive end: the nearest number inside', () => {
    const open = { min: 0, max: 1, minExclusive: true, maxExclusive: true };
    expect(valueFromNormalScale(50, open)).toBe(1 - 2 ** -53);
    expect(valueFromNormalScale(-800, open)).toBe(Number.MIN_VALUE);
    expect(valueFromNormalScale(800, { min: -1, max: 10, minExclusive: true, maxExclusive: false })).toBe(10);
    expect(valueFromNormalScale(-800, { min: -1, max: 10, minExclusive: true, maxExclusive: false })).toBe(-1 + 2 ** -53);
    expect(valueFromNormalScale(0, open)).toBe(0.5);
    // A half-saturation's scale is a log above 0 without the 1e13 limit; beyond the limit a draw is read as the limit.
    const halfSaturation = { min: 0, max: 1e13, minExclusive: true, maxExclusive: false };
    const scale = { ...halfSaturation, max: Infinity };
    expect(valueFromNormalScale(Math.log(6e4), scale, halfSaturation)).toBeCloseTo(6e4, 9);
    expect(valueFromNormalScale(40, scale, halfSaturation)).toBe(1e13);
    expect(valueFromNormalScale(-800, scale, halfSaturation)).toBe(Number.MIN_VALUE);
  });
});

describe('the robust optimiser draws from the posterior', () => {
  it('compileDraws compiles each draw with the posterior\'s correlated values, those of posteriorDraws', () => {
    const raw = defaultRaw();
    // demandLift and margin, correlation 0.9 on the normal scale.
    raw.posterior = { paths: ['brand.demandLift', 'economics.margin'], mean: [Math.log(0.62), Math.log(0.6 / 0.4)], cholesky: [[0.3], [0.9 * 0.1, Math.sqrt(1 - 0.81) * 0.1]] };
    const model = parseModel(raw);
    const compiled = compileDraws(model, 400, 5);
    const draws = posteriorDraws(model, 400, 5);
    const lift = draws.paths.indexOf('brand.demandLift');
    const margin = draws.paths.indexOf('economics.margin');
    compiled.models.forEach((draw, index) => {
      expect(draw.demandLift).toBe(draws.values[index][lift]);
      expect(draw.margin).toBe(draws.values[index][margin]);
    });
    expect(correlation(compiled.models.map((draw) => draw.demandLift), compiled.models.map((draw) => draw.margin))).toBeGreaterThan(0.8);
    // Without the posterior the same two settings are independent.
    delete raw.posterior;
    const independent = compileDraws(parseModel(raw), 400, 5).models;
    expect(Math.abs(correlation(independent.map((draw) => draw.demandLift), independent.map((draw) => draw.margin)))).toBeLessThan(0.2);
  });
});
