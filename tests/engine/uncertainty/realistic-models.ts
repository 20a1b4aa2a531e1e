import fc from 'fast-check';
import { type Model, NUMBER_FIELDS, parseModel } from '../../../src/engine/index.ts';
import { defaultJson, withSettings } from './fixtures.ts';

/** Every setting that may vary from draw to draw. */
export const VARYING_PATHS = NUMBER_FIELDS.filter((field) => field.fixedReason === undefined).map((field) => field.path);

/** A number spread evenly over [min, max] (fc.double spreads over the doubles, mostly tiny ones). */
export const evenly = (min: number, max: number) => fc.integer({ min: 0, max: 1_000_000 }).map((step) => min + ((max - min) * step) / 1_000_000);

/** Ranges a real brand's settings might take, for each setting that may vary. */
const REALISTIC: Readonly<Record<string, [number, number]>> = {
  'history.upstreamPerMonth': [0, 3e5], 'history.downstreamPerMonth': [0, 3e5],
  'market.inMarketPerMonth': [1e3, 1e6], 'market.growthPerYear': [-0.3, 0.3],
  'brand.initialEquity': [0, 1], 'brand.maxEquity': [0.2, 1], 'brand.halfLifeMonths': [1, 60],
  'brand.demandLift': [0, 4], 'brand.conversionLift': [0, 2],
  'upstream.lagMonths': [0, 1], 'upstream.lagConcentration': [0.05, 0.99], 'upstream.halfSaturation': [5e3, 3e5],
  'upstream.shape': [0.5, 3], 'upstream.insightFeedback': [0, 1],
  'downstream.halfLifeMonths': [0.1, 6], 'downstream.halfSaturation': [2e3, 2e5], 'downstream.shape': [0.5, 3],
  'downstream.maxConversionLift': [0, 0.05],
  'economics.baseConversion': [0.001, 0.05], 'economics.valuePerSale': [10, 300], 'economics.margin': [0.1, 0.9],
  'economics.discountRatePerYear': [0, 0.2],
};

/**
 * The default model at any granularity, horizon, lag window and carryover, with its budget or
 * an explicit plan that switches each kind of spend on and off (so spend stops and restarts),
 * and a few draws of every setting that may vary from realistic ranges. initialEquity and
 * lagMonths are drawn as fractions of maxEquity and of the lag window.
 */
export const realisticModelAndDraws = fc.record({
  periodsPerYear: fc.constantFrom(4, 12, 52),
  horizonYears: fc.integer({ min: 1, max: 5 }),
  lagWindowMonths: evenly(0, 36),
  carryoverYears: fc.integer({ min: 0, max: 5 }),
  flighting: fc.boolean(),
  seed: fc.integer(),
}).chain(({ periodsPerYear, horizonYears, lagWindowMonths, carryoverYears, flighting, seed }) => {
  const json = defaultJson();
  delete json.uncertainty;
  Object.assign(json, { periodsPerYear, horizonYears });
  json.upstream.lagWindowMonths = lagWindowMonths;
  json.upstream.lagMonths = Math.min(json.upstream.lagMonths, lagWindowMonths);
  json.economics.carryoverYears = carryoverYears;
  if (flighting) {
    const periods = periodsPerYear * horizonYears;
    const onOff = (offset: number) => Array.from({ length: periods }, (_, index) => ((index + seed + offset) % 3 === 0 ? 0 : 1e5));
    delete json.budget;
    json.plan = { upstream: onOff(0), downstream: onOff(1) };
  }
  const model = parseModel(json);
  // A Hill shape of exactly 1 takes its own shortcut (x¹ is x), so it comes up often.
  const value = (path: string) => (path.endsWith('.shape') ? fc.oneof(fc.constant(1), evenly(...REALISTIC[path])) : evenly(...REALISTIC[path]));
  const draw = fc.tuple(...VARYING_PATHS.map(value)).map((fractions) => {
    const values = [...fractions]; // fast-check may map the same tuple again while shrinking
    const at = (path: string) => VARYING_PATHS.indexOf(path);
    values[at('brand.initialEquity')] *= values[at('brand.maxEquity')];
    values[at('upstream.lagMonths')] *= lagWindowMonths;
    return values;
  });
  return fc.array(draw, { minLength: 1, maxLength: 3 }).map((draws) => ({ model, draws }));
});

/** A realistic model: one of `realisticModelAndDraws` with its first draw's values as its settings. */
export const realisticModel: fc.Arbitrary<Model> = realisticModelAndDraws.map(({ model, draws }) =>
  withSettings(model, Object.fromEntries(VARYING_PATHS.map((path, index) => [path, draws[0][index]]))));
