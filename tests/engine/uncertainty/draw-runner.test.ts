import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Model, type PeriodResult, type SimulationResult, type TwoLeverModel, createDrawRunner, parseModel, simulate } from '../../../src/engine/index.ts';
import { settingOf } from '../../../src/engine/model/model-fields.ts';
import { compileModel } from '../../../src/engine/sim/compile-model.ts';
import { negligibleLagShare } from '../../../src/engine/sim/lag-weights.ts';
import { createRecompiler } from '../../../src/engine/sim/recompile.ts';
import { validModel } from '../arbitrary-model.ts';
import { defaultJson, withSettings } from './fixtures.ts';
import { VARYING_PATHS, evenly, realisticModelAndDraws } from './realistic-models.ts';


/**
 * Two valid models of the same shape: the first gives the plan and the fixed settings, the
 * second a value for every setting that may vary (lagMonths kept inside the first's window).
 */
const modelAndDraws = validModel.chain((model) =>
  fc.array(validModel, { minLength: 1, maxLength: 3 }).map((others) => ({
    model: parseModel(model),
    draws: others.map((other) => VARYING_PATHS.map((path) =>
      path === 'upstream.lagMonths' ? Math.min((other as TwoLeverModel).upstream.lagMonths, (model as TwoLeverModel).upstream.lagWindowMonths) : settingOf(other, path))),
  })));

/**
 * The size of the numbers a figure is computed from: NPV and ROI are differences of sums of
 * revenue, revenue without spend, and spend, so their rounding error is relative to those sums,
 * not to the difference (ROI's then divided by the spend).
 */
function scalesOf(result: SimulationResult, periodsPerYear: number): { totals: number; roi: number; roiByYear: number[] } {
  const sizeOf = (periods: readonly PeriodResult[]) => {
    let terms = 0;
    let spend = 0;
    for (const period of periods) {
      terms += period.revenue + period.revenueBase + period.upstream + period.downstream;
      spend += period.upstream + period.downstream;
    }
    return { terms, spend };
  };
  const whole = sizeOf(result.periods);
  const roiByYear = result.summary.roiByYear.map((_, year) => {
    const { terms, spend } = sizeOf(result.periods.slice(year * periodsPerYear, (year + 1) * periodsPerYear));
    return Math.max(1, terms / spend);
  });
  return { totals: Math.max(1, whole.terms), roi: Math.max(1, whole.terms / whole.spend), roiByYear };
}

/** One runner for several draws in a row (it must leave nothing of one draw in the next) against simulate. */
function expectSimulateFigures(model: Model, draws: readonly number[][]): void {
  const runner = createDrawRunner(model, VARYING_PATHS);
  for (const draw of draws) {
    const fast = runner.run(Float64Array.from(draw));
    const result = simulate(withSettings(model, Object.fromEntries(VARYING_PATHS.map((path, index) => [path, draw[index]]))));
    const exact = result.summary;
    const scales = scalesOf(result, model.periodsPerYear);
    const close = (name: string, actual: number | null, expected: number | null, scale: number) => {
      expect(actual === null, `${name} is null`).toBe(expected === null);
      if (actual !== null && expected !== null) {
        expect(Math.abs(actual - expected) <= 1e-11 * scale, `${name}: ${actual} vs ${expected}`).toBe(true);
      }
    };
    for (const figure of ['totalSpend', 'totalRevenue', 'npv', 'carryoverValue', 'npvWithCarryover'] as const) {
      close(figure, fast[figure], exact[figure], scales.totals);
    }
    close('finalEquity', fast.finalEquity, exact.finalEquity, 1);
    close('roi', fast.roi, exact.roi, scales.roi);
    fast.roiByYear.forEach((roi, year) => close(`roiByYear[${year}]`, roi, exact.roiByYear[year], scales.roiByYear[year]));
  }
}

describe('createDrawRunner', () => {
  it('gives simulate\'s key figures (to 1e-11 of their scale) for realistic models, plans and values of every uncertain setting', () => {
    fc.assert(fc.property(realisticModelAndDraws, ({ model, draws }) => expectSimulateFigures(model, draws)), { numRuns: 200 });
  });

  it('gives simulate\'s key figures (to 1e-11 of their scale) for any valid model and any values of its uncertain settings, extremes included', () => {
    fc.assert(fc.property(modelAndDraws, ({ model, draws }) => expectSimulateFigures(model, draws)), { numRuns: 200 });
  });

  it('uses each value it is given, not the model\'s', () => {
    const model = parseModel(fc.sample(validModel, { numRuns: 1, seed: 5 })[0]);
    const runner = createDrawRunner(model, ['economics.valuePerSale']);
    const base = settingOf(model, 'economics.valuePerSale');
    const doubled = runner.run(Float64Array.of(base * 2 + 1)).totalRevenue;
    expect(doubled).not.toBe(runner.run(Float64Array.of(base)).totalRevenue);
  });
});

describe('createRecompiler', () => {
  const PATHS = ['upstream.lagMonths', 'upstream.lagConcentration', 'upstream.shape', 'market.growthPerYear', 'economics.discountRatePerYear'];
  const settingsArbitrary = fc.record({
    periodsPerYear: fc.constantFrom(4, 12, 52),
    lagWindowMonths: evenly(0, 600),
    lagFraction: evenly(0, 1),
    // Concentrations near 1 keep weights far from the peak large, where rounding would build up.
    lagConcentration: fc.oneof(evenly(0.01, 0.99), evenly(0.99999, 0.999999)),
    // The shape sets which lags are negligible (src/engine/sim/lag-weights.ts).
    shape: fc.oneof(evenly(0.2, 4), fc.constant(1)),
    growthPerYear: evenly(-0.9, 3),
    discountRatePerYear: evenly(-0.5, 1),
  });

  it('rebuilds lag weights, demand and discount factors as compileModel does (to 2e-14 relative, times |ln w| for a tiny weight w), for lag windows up to 600 months', () => {
    fc.assert(fc.property(settingsArbitrary, (settings) => {
      const json = defaultJson();
      delete json.uncertainty;
      Object.assign(json, { periodsPerYear: settings.periodsPerYear, horizonYears: 5 });
      json.upstream.lagWindowMonths = settings.lagWindowMonths;
      json.upstream.lagMonths = 0;
      const model = parseModel(json);
      const values = [settings.lagFraction * settings.lagWindowMonths, settings.lagConcentration, settings.shape, settings.growthPerYear, settings.discountRatePerYear];
      const recompiler = createRecompiler(model, PATHS);
      // A previous draw with the widest window of kept lags: this draw must clear what it leaves.
      recompiler.apply(Float64Array.from([settings.lagWindowMonths / 2, 0.999999, 0.2, 0, 0]));
      recompiler.apply(Float64Array.from(values));
      const expected = compileModel(withSettings(model, Object.fromEntries(PATHS.map((path, index) => [path, values[index]])))).upstreamChannels[0];
      const actual = recompiler.compiled.upstreamChannels[0];
      const expectedModel = compileModel(withSettings(model, Object.fromEntries(PATHS.map((path, index) => [path, values[index]]))));
      // The same lags kept, but for one whose weight is within rounding of the cut-off.
      const cutoff = expected.lagWeights.reduce((largest, weight) => Math.max(largest, weight), 0) * negligibleLagShare(expected.lagWindow, settings.shape);
      const onTheEdge = (lag: number) => Math.abs(Math.pow(settings.lagConcentration, (lag - values[0] * settings.periodsPerYear / 12) ** 2) - cutoff) <= 1e-12 * cutoff;
      if (actual.lagFirst !== expected.lagFirst) expect(onTheEdge(Math.min(actual.lagFirst, expected.lagFirst)), 'first kept lag').toBe(true);
      if (actual.lagLast !== expected.lagLast) expect(onTheEdge(Math.max(actual.lagLast, expected.lagLast)), 'last kept lag').toBe(true);
      actual.lagWeights.forEach((weight, lag) => {
        if (onTheEdge(lag)) return;
        // c^(d²) is known only to about |d² ln c| units in the last place of its exponent, for Math.pow too.
        const expectedWeight = expected.lagWeights[lag];
        // Below the normal range a double has few digits left; both must just be negligible there.
        if (expectedWeight < 2 ** -1022) return expect(weight, `lag weight ${lag}`).toBeLessThan(2 ** -1022);
        const conditioning = Math.max(1, Math.abs(Math.log(expectedWeight)));
        expect(Math.abs(weight - expectedWeight), `lag weight ${lag}`).toBeLessThanOrEqual(2e-14 * conditioning * expectedWeight);
      });
      expect(Math.abs(actual.lagWeightSum - expected.lagWeightSum)).toBeLessThanOrEqual(2e-14 * expected.lagWeightSum);
      const { demandBeforeBrand, discountFactor } = recompiler.compiled;
      demandBeforeBrand.forEach((demand, index) => expect(Math.abs(demand - expectedModel.demandBeforeBrand[index])).toBeLessThanOrEqual(2e-14 * expectedModel.demandBeforeBrand[index]));
      discountFactor.forEach((factor, index) => expect(Math.abs(factor - expectedModel.discountFactor[index])).toBeLessThanOrEqual(2e-14 * expectedModel.discountFactor[index]));
    }), { numRuns: 150 });
  });
});
