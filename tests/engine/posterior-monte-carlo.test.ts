/**
 * Monte Carlo draws a fitted model's settings together from its `posterior`: the values each
 * draw runs with (captured at the draw runner, which `monteCarlo` and the app's workers use) are
 * correlated as the posterior says, and independent with the same marginals and no posterior.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { parseModel } from '../../src/engine/model/parse-model.ts';
import { normalScaleRange, toNormalScale } from '../../src/engine/model/normal-scale.ts';
import { monteCarlo } from '../../src/engine/uncertainty/monte-carlo.ts';
import { sensitivity } from '../../src/engine/uncertainty/sensitivity.ts';
import { uncertainFields } from '../../src/engine/uncertainty/uncertain-fields.ts';
import type * as DrawRunnerModule from '../../src/engine/uncertainty/draw-runner.ts';

/** The values of every draw that Monte Carlo ran, in the runner's path order. */
const ran: { paths: readonly string[]; values: Float64Array[] } = { paths: [], values: [] };

vi.mock('../../src/engine/uncertainty/draw-runner.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof DrawRunnerModule>();
  return {
    ...actual,
    createDrawRunner: (...args: Parameters<typeof actual.createDrawRunner>) => {
      const runner = actual.createDrawRunner(...args);
      ran.paths = args[1];
      ran.values = [];
      const runTraces = runner.runTraces;
      runner.runTraces = (values) => {
        ran.values.push(Float64Array.from(values));
        runTraces(values);
      };
      return runner;
    },
  };
});

const DEFAULT_TEXT = readFileSync(new URL('../../models/default.json', import.meta.url), 'utf8');

function correlation(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length;
  const mx = xs.reduce((sum, x) => sum + x, 0) / n;
  const my = ys.reduce((sum, y) => sum + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let index = 0; index < n; index += 1) {
    sxy += (xs[index] - mx) * (ys[index] - my);
    sxx += (xs[index] - mx) ** 2;
    syy += (ys[index] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

describe('Monte Carlo with a posterior', () => {
  const DRAWS = 5000;
  const RHO = 0.9;
  // Half-life and upstream half-saturation, sd 0.4 on their log scale as in their ranges (lognormal, sigma 0.4), correlation 0.9.
  const posterior = {
    paths: ['brand.halfLifeMonths', 'upstream.halfSaturation'],
    mean: [Math.log(13), Math.log(1e5)],
    cholesky: [[0.4], [RHO * 0.4, Math.sqrt(1 - RHO ** 2) * 0.4]],
  };

  /** Correlation of the two settings over the draws Monte Carlo ran, on the normal scale and as values. */
  function measured(withPosterior: boolean): { normalScale: number; values: number; draws: number } {
    const raw = JSON.parse(DEFAULT_TEXT);
    if (withPosterior) raw.posterior = posterior;
    const model = parseModel(raw);
    monteCarlo(model, { draws: DRAWS, seed: 4 });
    const fields = uncertainFields(model);
    const columns = posterior.paths.map((path) => ran.paths.indexOf(path));
    const [a, b] = columns.map((column) => ran.values.map((values) => values[column]));
    const [ya, yb] = columns.map((column, index) => [a, b][index].map((x) => toNormalScale(x, normalScaleRange(fields[column].range, fields[column].field.rule))));
    return { normalScale: correlation(ya, yb), values: correlation(a, b), draws: ran.values.length };
  }

  it('runs every draw with the two settings correlated as the posterior says (ρ = 0.9 within 4.5 standard errors)', () => {
    const { normalScale, values, draws } = measured(true);
    expect(draws).toBe(DRAWS);
    // The standard error of a sample correlation near ρ is about (1 − ρ²) / √N = 0.0027 here.
    expect(Math.abs(normalScale - RHO)).toBeLessThan(4.5 * (1 - RHO ** 2) / Math.sqrt(DRAWS));
    // On the settings' own scale (near-lognormal here) the correlation stays high.
    expect(values).toBeGreaterThan(0.85);
  });

  it('draws them independently, ρ ≈ 0, from the same ranges without the posterior', () => {
    const { normalScale, values, draws } = measured(false);
    expect(draws).toBe(DRAWS);
    // Standard error 1 / √N = 0.014.
    expect(Math.abs(normalScale)).toBeLessThan(4.5 / Math.sqrt(DRAWS));
    expect(Math.abs(values)).toBeLessThan(4.5 / Math.sqrt(DRAWS));
  });

  it('widens the spread of marketing NPV when the two push it the same way, and narrows it with the opposite correlation', () => {
    const raw = JSON.parse(DEFAULT_TEXT);
    raw.uncertainty = { 'brand.halfLifeMonths': raw.uncertainty['brand.halfLifeMonths'], 'upstream.halfSaturation': raw.uncertainty['upstream.halfSaturation'] };
    // The premise, from sensitivity: each setting at its 90th percentile gives a lower marketing NPV than at its 10th
    // (with the starting equity "history", a longer half-life also raises the equity that spending nothing keeps).
    const rows = sensitivity(parseModel(raw)).rows;
    expect(rows.map((row) => Math.sign(row.incrementalNpvWithCarryover.high - row.incrementalNpvWithCarryover.low))).toEqual([-1, -1]);
    const spread = (rho: number | undefined): number => {
      const model = parseModel(rho === undefined ? raw : {
        ...raw, posterior: { ...posterior, cholesky: [[0.4], [rho * 0.4, Math.sqrt(1 - rho ** 2) * 0.4]] },
      });
      const summary = monteCarlo(model, { draws: DRAWS, seed: 4 }).summary.incrementalNpvWithCarryover;
      return summary.p95! - summary.p5!;
    };
    const independent = spread(undefined);
    expect(spread(0.9)).toBeGreaterThan(1.1 * independent);
    expect(spread(-0.9)).toBeLessThan(independent / 1.1);
  });
});
