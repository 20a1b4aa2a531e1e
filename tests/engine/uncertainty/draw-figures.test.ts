import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type SimulationResult, createDrawRunner, drawValues, monteCarlo, simulate, uncertainFields } from '../../../src/engine/index.ts';
import { DRAW_FIGURES, createDrawFigures, recordRuns } from '../../../src/engine/uncertainty/draw-figures.ts';
import { runMonteCarloPart } from '../../../src/engine/uncertainty/monte-carlo-parts.ts';
import { defaultJson, defaultWith, withSettings } from './fixtures.ts';
import { VARYING_PATHS, realisticModelAndDraws } from './realistic-models.ts';

// Monte Carlo's per-draw figures come straight from the draw's two series (src/engine/uncertainty/
// draw-figures.ts `recordRuns`), not through a Summary per draw: each must still be simulate's
// figure for the model with that draw's values, to 1e-11 of the numbers it is computed from.

/** Σ over the horizon of |revenue|, revenue with no spend, and spend: the size a figure's rounding is relative to. */
function scaleOf(result: SimulationResult): number {
  return Math.max(1, result.periods.reduce((sum, period) => sum + period.revenue + period.revenueBase + period.upstream + period.downstream, 0));
}

function expectFiguresOfDraw(figures: ReturnType<typeof createDrawFigures>, index: number, result: SimulationResult): void {
  const scale = scaleOf(result);
  const summary = result.summary;
  for (const name of DRAW_FIGURES) {
    const actual = figures.figures[name][index];
    const expected = summary[name];
    if (name === 'paybackPeriod') {
      expect(actual, name).toBe(expected ?? Infinity);
      continue;
    }
    if (expected === null) {
      expect(actual, name).toBeNaN();
      continue;
    }
    const tolerance = 1e-11 * (name === 'finalEquity' ? 1 : name === 'roi' ? scale / Math.max(1, summary.totalSpend) : scale);
    expect(Math.abs(actual - expected), `${name}: ${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance);
  }
  summary.roiByYear.forEach((roi, year) => {
    const actual = figures.roiByYear[year][index];
    if (roi === null) expect(actual).toBeNaN();
    else expect(Math.abs(actual - roi), `roiByYear[${year}]`).toBeLessThanOrEqual(1e-11 * scale / Math.max(1, summary.totalSpend / summary.roiByYear.length));
  });
}

describe('Monte Carlo per-draw figures', () => {
  it('keeps incremental NPV (with and without carryover) and the zero-spend NPV for every draw, as simulate computes them for that draw\'s values', () => {
    const model = defaultWith(defaultJson().uncertainty, { horizonYears: 5 });
    const fields = uncertainFields(model);
    const part = runMonteCarloPart(model, { draws: 40, seed: 3, start: 0, end: 40 });
    const values = new Float64Array(fields.length);
    for (const draw of [0, 1, 17, 39]) {
      drawValues(fields, 3, draw, values);
      const result = simulate(withSettings(model, Object.fromEntries(fields.map((field, index) => [field.path, values[index]]))));
      expectFiguresOfDraw(part, draw, result);
      // The headline is the marketing's own value: the total NPV less what spending nothing earns.
      expect(part.figures.incrementalNpv[draw]).not.toBe(part.figures.npv[draw]);
    }
  });

  it('gives simulate\'s figures (to 1e-11 of their scale) for realistic models, plans and values of every uncertain setting', () => {
    fc.assert(fc.property(realisticModelAndDraws, ({ model, draws }) => {
      const runner = createDrawRunner(model, VARYING_PATHS);
      const figures = createDrawFigures(draws.length, model.horizonYears);
      draws.forEach((draw, index) => {
        runner.runTraces(Float64Array.from(draw));
        recordRuns(figures, index, runner);
        expectFiguresOfDraw(figures, index, simulate(withSettings(model, Object.fromEntries(VARYING_PATHS.map((path, at) => [path, draw[at]])))));
      });
    }), { numRuns: 150 });
  });

  it('puts the marketing\'s own value first in the summary, each year\'s ROI after ROI, and no IRR', () => {
    const result = monteCarlo(defaultWith(defaultJson().uncertainty), { draws: 50, seed: 1 });
    expect(Object.keys(result.summary)).toEqual([
      'incrementalNpvWithCarryover', 'incrementalNpv', 'roi', 'roiByYear', 'paybackPeriod', 'npvWithCarryover', 'npv',
      'noSpendNpv', 'carryoverValue', 'totalRevenue', 'totalSpend', 'finalEquity',
    ]);
    expect(result.summary.roiByYear).toHaveLength(3);
  });

  it('with no spread, every statistic of the new figures is simulate\'s figure exactly', () => {
    const model = defaultWith({ 'brand.halfLifeMonths': { dist: 'lognormal', median: 30, sigma: 0 } });
    const expected = simulate(withSettings(model, { 'brand.halfLifeMonths': 30 })).summary;
    const result = monteCarlo(model, { draws: 20, seed: 1 });
    for (const figure of ['incrementalNpvWithCarryover', 'incrementalNpv', 'noSpendNpv'] as const) {
      const { mean, p5, p10, p50, p90, p95 } = result.summary[figure];
      expect([mean, p5, p10, p50, p90, p95], figure).toEqual(Array(6).fill(expected[figure]));
    }
  });
});
