import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChannelModel, Model, UncertainValue } from '../../../src/engine/model/model.ts';
import { setSetting, settingOf } from '../../../src/engine/model/model-fields.ts';
import { compileModel } from '../../../src/engine/sim/compile-model.ts';
import { createRecompiler } from '../../../src/engine/sim/recompile.ts';
import type { SimulationResult } from '../../../src/engine/sim/results.ts';
import { simulate } from '../../../src/engine/sim/simulate.ts';
import { createDrawRunner } from '../../../src/engine/uncertainty/draw-runner.ts';
import { monteCarlo } from '../../../src/engine/uncertainty/monte-carlo.ts';
import { runMonteCarloPart } from '../../../src/engine/uncertainty/monte-carlo-parts.ts';
import { sensitivity } from '../../../src/engine/uncertainty/sensitivity.ts';
import { uncertainFieldTable } from '../../../src/engine/uncertainty/uncertain-field-table.ts';
import { drawValues, uncertainFields } from '../../../src/engine/uncertainty/uncertain-fields.ts';
import { anyChannelModel } from '../channel-arbitraries.ts';
import { channelExampleModel } from '../channel-example-model.ts';
import { readFileSync } from 'node:fs';
import { parseModel } from '../../../src/engine/model/parse-model.ts';

// Uncertainty over channel models (spec §9): ranges on channel settings by path
// (`upstream.channels.TV.halfSaturation`), drawn, recompiled and run by the Monte Carlo loop,
// which must give simulate's figures for the model with each draw's values.

/** The model with the settings at `values` (dotted paths) set, without its uncertainty. */
function withChannelSettings(model: Model, values: Readonly<Record<string, number>>): Model {
  const copy = structuredClone(model);
  delete copy.uncertainty;
  for (const [path, value] of Object.entries(values)) setSetting(copy, path, value);
  return copy;
}

/** The channel example with `uncertainty`. */
function exampleWith(uncertainty: Record<string, UncertainValue>): ChannelModel {
  return { ...channelExampleModel(), uncertainty };
}

/** A number spread evenly over [min, max] from u in [0, 1]. */
const within = (min: number, max: number) => (u: number) => min + (max - min) * u;
/** Spread evenly over the logarithm. */
const logWithin = (min: number, max: number) => (u: number) => Math.exp(Math.log(min) + (Math.log(max) - Math.log(min)) * u);

/** A realistic value from u in [0, 1] for each setting key (the path's last one or two parts). */
const VALUE_OF: Readonly<Record<string, (u: number) => number>> = {
  historyPerMonth: within(0, 3e5),
  lagConcentration: within(0.01, 0.99),
  halfSaturation: logWithin(100, 5e5),
  shape: (u) => (u < 0.2 ? 1 : within(0.3, 4)(u)),
  halfLifeMonths: within(0.05, 12),
  maxConversionLift: within(0, 0.5),
  'brand.halfLifeMonths': within(0.2, 120),
  'brand.demandLift': within(0, 5),
  'brand.conversionLift': within(0, 3),
  'brand.maxEquity': within(0.01, 1),
  'upstream.insightFeedback': within(0, 2),
  'market.inMarketPerMonth': logWithin(100, 1e6),
  'market.growthPerYear': within(-0.5, 0.5),
  'economics.baseConversion': within(0, 0.1),
  'economics.valuePerSale': within(0, 500),
  'economics.margin': within(0, 1),
  'economics.discountRatePerYear': within(-0.5, 1),
};

/**
 * Every setting of a channel model that may vary from draw to draw, but the starting equity (and
 * the maximum equity when the starting equity is a number: it bounds it).
 */
function varyingPaths(model: ChannelModel): string[] {
  return uncertainFieldTable(model).filter((field) => field.fixedReason === undefined && field.path !== 'brand.initialEquity'
    && (field.path !== 'brand.maxEquity' || model.brand.initialEquity === 'history')).map((field) => field.path);
}

/** A value of `path` from u: a realistic one, a lag within the channel's window. */
function valueOf(model: ChannelModel, path: string, u: number): number {
  const lag = /^upstream\.channels\.([^.]+)\.lagMonths$/.exec(path);
  if (lag !== null) return u * model.upstream.channels[lag[1]].lagWindowMonths;
  const key = Object.hasOwn(VALUE_OF, path) ? path : path.split('.').at(-1)!;
  return VALUE_OF[key](u);
}

/** Any channel model, with 1 to 3 draws of every setting that may vary. */
const channelModelAndDraws = anyChannelModel.chain((model) => {
  const paths = varyingPaths(model);
  const draw = fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: paths.length, maxLength: paths.length })
    .map((steps) => steps.map((step, index) => valueOf(model, paths[index], step / 1_000_000)));
  return fc.array(draw, { minLength: 1, maxLength: 3 }).map((draws) => ({ model, paths, draws }));
});

/** Σ over the horizon of revenue, revenue with no spend, and spend: the size a figure's rounding is relative to. */
function scaleOf(result: SimulationResult): number {
  return Math.max(1, result.periods.reduce((sum, period) => sum + period.revenue + period.revenueBase + period.upstream + period.downstream, 0));
}

describe('uncertain channel settings', () => {
  it('are named by channel path, labelled with the channel name, each side\'s channels in file order', () => {
    const model = exampleWith({});
    const fields = uncertainFieldTable(model);
    const field = (path: string) => fields.find((candidate) => candidate.path === path);
    expect(field('upstream.channels.TV.halfSaturation')?.label).toBe('TV: half-saturation');
    expect(field('downstream.channels.Search.maxConversionLift')?.label).toBe('Search: maximum conversion lift');
    expect(field('upstream.channels.Sponsorship.lagMonths')?.unit).toBe('months');
    // Decisions and rules between channels cannot be uncertain; a two-lever path is not a channel model's.
    for (const path of ['upstream.channels.TV.share', 'downstream.channels.Social.share', 'upstream.channels.TV.maxEquityShare', 'upstream.channels.TV.lagWindowMonths']) {
      expect(field(path)?.fixedReason, path).toBeDefined();
    }
    expect(field('upstream.halfSaturation')).toBeUndefined();
    expect(field('upstream.channels.TV.shortTerm.shape')).toBeUndefined(); // TV has no short-term effect here
    const channelPaths = fields.map((each) => each.path).filter((path) => path.includes('.channels.'));
    expect(channelPaths.map((path) => path.split('.')[2]).filter((name, index, all) => all.indexOf(name) === index)).toEqual(['TV', 'Sponsorship', 'Search', 'Social']);
  });

  it('bound a channel\'s lag to peak by that channel\'s own lag window', () => {
    const model = exampleWith({
      'upstream.channels.TV.lagMonths': { dist: 'uniform', min: 0, max: 30 },
      'upstream.channels.Sponsorship.lagMonths': { dist: 'uniform', min: 0, max: 30 },
    });
    const ranges = Object.fromEntries(uncertainFields(model).map((field) => [field.path, field.range.max]));
    expect(ranges).toEqual({ 'upstream.channels.TV.lagMonths': 12, 'upstream.channels.Sponsorship.lagMonths': 18 });
  });

  it('recompile each changed channel as compileModel compiles it, leaving the other channels as they were', () => {
    const model = channelExampleModel();
    model.brand.initialEquity = 'history';
    model.economics.carryoverBaseline = 'history';
    model.upstream.channels.Sponsorship.shortTerm = { halfLifeMonths: 0.75, halfSaturation: 20000, shape: 1.3, maxConversionLift: 0.004 };
    const paths = ['upstream.channels.TV.halfSaturation', 'upstream.channels.TV.historyPerMonth', 'upstream.channels.Sponsorship.shortTerm.halfLifeMonths',
      'downstream.channels.Social.halfLifeMonths', 'downstream.channels.Social.historyPerMonth', 'brand.maxEquity'];
    const recompiler = createRecompiler(model, paths);
    const untouched = recompiler.compiled.downstreamChannels[0];
    for (const values of [[30000, 10000, 2, 1.5, 60000, 0.7], [90000, 0, 0.2, 0.1, 0, 1]]) {
      recompiler.apply(Float64Array.from(values));
      const expected = compileModel(withChannelSettings(model, Object.fromEntries(paths.map((path, index) => [path, values[index]]))));
      const actual = recompiler.compiled;
      expect(actual.upstreamChannels).toEqual(expected.upstreamChannels);
      expect(actual.downstreamChannels).toEqual(expected.downstreamChannels);
      expect(actual.initialEquity).toBe(expected.initialEquity);
      expect(actual.maxEquity).toBe(expected.maxEquity);
      expect(actual.downstreamChannels[0]).toBe(untouched);
    }
  });

  it('keep a snapshot of one draw unchanged by the next draws (the robust optimiser keeps one per draw)', () => {
    const model = channelExampleModel();
    const paths = ['upstream.channels.Sponsorship.lagMonths', 'upstream.channels.TV.halfSaturation', 'market.growthPerYear', 'economics.discountRatePerYear'];
    const recompiler = createRecompiler(model, paths);
    const first = [3, 30000, 0.05, 0.1];
    recompiler.apply(Float64Array.from(first));
    const snapshot = recompiler.snapshot();
    const expected = structuredClone(snapshot);
    recompiler.apply(Float64Array.of(11, 90000, -0.1, 0.02));
    expect(snapshot).toEqual(expected);
    expect(snapshot.upstreamChannels[1].lagWeights).not.toEqual(recompiler.compiled.upstreamChannels[1].lagWeights);
    const compiled = compileModel(withChannelSettings(model, Object.fromEntries(paths.map((path, index) => [path, first[index]]))));
    expect(snapshot.upstreamChannels[1].lagFirst).toBe(compiled.upstreamChannels[1].lagFirst);
    expect(snapshot.upstreamChannels[1].lagLast).toBe(compiled.upstreamChannels[1].lagLast);
  });

  it('refuse a path the model does not have', () => {
    const model = channelExampleModel();
    expect(() => createRecompiler(model, ['upstream.channels.Radio.halfSaturation'])).toThrow(/no upstream channel named Radio/);
    expect(() => createRecompiler(model, ['upstream.channels.TV.shortTerm.shape'])).toThrow(/TV has no shortTerm/);
    expect(() => createRecompiler(model, ['upstream.channels.TV.share'])).toThrow(/cannot vary/);
    expect(() => createRecompiler(model, ['upstream.halfSaturation'])).toThrow(/cannot vary/);
  });
});

describe('Monte Carlo draws of channel models', () => {
  it('give simulate\'s key figures (to 1e-11 of their scale; the exact runner bit for bit) for any channel model and values of every setting that may vary', () => {
    fc.assert(fc.property(channelModelAndDraws, ({ model, paths, draws }) => {
      const fast = createDrawRunner(model, paths);
      const exact = createDrawRunner(model, paths, true);
      for (const values of draws) {
        const result = simulate(withChannelSettings(model, Object.fromEntries(paths.map((path, index) => [path, values[index]]))));
        const expected = result.summary;
        const scale = scaleOf(result);
        const fastFigures = fast.run(Float64Array.from(values));
        const exactFigures = exact.run(Float64Array.from(values));
        for (const name of ['totalSpend', 'totalRevenue', 'npv', 'noSpendNpv', 'carryoverValue', 'npvWithCarryover', 'incrementalNpvWithCarryover', 'finalEquity'] as const) {
          const size = name === 'finalEquity' ? 1 : scale;
          expect(Math.abs(fastFigures[name] - expected[name]) <= 1e-11 * size, `${name}: ${fastFigures[name]} vs ${expected[name]}`).toBe(true);
          expect(exactFigures[name], name).toBe(expected[name]);
        }
        expect(fastFigures.paybackPeriod === null).toBe(expected.paybackPeriod === null);
      }
    }), { numRuns: 150 });
  });

  it('keep each draw\'s figures as simulate computes them for that draw\'s values (channel example with channel ranges)', () => {
    const model = exampleWith({
      'upstream.channels.TV.halfSaturation': { dist: 'lognormal', median: 45000, sigma: 0.4 },
      'upstream.channels.Sponsorship.lagMonths': { dist: 'triangular', min: 2, mode: 6, max: 12 },
      'downstream.channels.Search.maxConversionLift': { dist: 'lognormal', median: 0.009, sigma: 0.25 },
      'downstream.channels.Social.halfLifeMonths': { dist: 'uniform', min: 0.2, max: 1 },
      'brand.halfLifeMonths': { dist: 'lognormal', median: 13, sigma: 0.4 },
    });
    const fields = uncertainFields(model);
    const part = runMonteCarloPart(model, { draws: 30, seed: 5, start: 0, end: 30 });
    const values = new Float64Array(fields.length);
    for (const draw of [0, 11, 29]) {
      drawValues(fields, 5, draw, values);
      const result = simulate(withChannelSettings(model, Object.fromEntries(fields.map((field, index) => [field.path, values[index]]))));
      const scale = scaleOf(result);
      for (const name of ['incrementalNpvWithCarryover', 'npv', 'totalRevenue', 'carryoverValue'] as const) {
        expect(Math.abs(part.figures[name][draw] - result.summary[name]), `${name} of draw ${draw}`).toBeLessThanOrEqual(1e-11 * scale);
      }
    }
    // The draws really move each setting: two draws differ in every value.
    const other = new Float64Array(fields.length);
    drawValues(fields, 5, 1, other);
    drawValues(fields, 5, 0, values);
    values.forEach((value, index) => expect(value, fields[index].path).not.toBe(other[index]));
  });

  it('keep each channel\'s value added per draw, on request, as simulate computes it for that draw\'s values', () => {
    const model = exampleWith({
      'upstream.channels.TV.halfSaturation': { dist: 'lognormal', median: 45000, sigma: 0.4 },
      'downstream.channels.Search.maxConversionLift': { dist: 'lognormal', median: 0.009, sigma: 0.25 },
      'brand.halfLifeMonths': { dist: 'lognormal', median: 13, sigma: 0.4 },
    });
    model.economics.carryoverBaseline = 'history';
    const fields = uncertainFields(model);
    const part = runMonteCarloPart(model, { draws: 12, seed: 4, start: 0, end: 12, channelValues: true });
    expect(part.channelValueAdded).toHaveLength(4);
    const values = new Float64Array(fields.length);
    for (const draw of [0, 5, 11]) {
      drawValues(fields, 4, draw, values);
      const result = simulate(withChannelSettings(model, Object.fromEntries(fields.map((field, index) => [field.path, values[index]]))));
      const scale = scaleOf(result);
      result.summary.channels.forEach((channel, index) => {
        expect(Math.abs(part.channelValueAdded[index][draw] - channel.valueAdded), `${channel.name} in draw ${draw}`).toBeLessThanOrEqual(1e-11 * scale);
      });
    }
    const summary = monteCarlo(model, { draws: 12, seed: 4, channelValues: true });
    expect(summary.channels?.map((channel) => `${channel.side} ${channel.name}`)).toEqual(['upstream TV', 'upstream Sponsorship', 'downstream Search', 'downstream Social']);
    expect(monteCarlo(model, { draws: 12, seed: 4 }).channels).toBeUndefined();
    // With no spread, each channel's every statistic is simulate's value added exactly.
    const certain = exampleWith({ 'upstream.channels.TV.halfSaturation': { dist: 'lognormal', median: 30000, sigma: 0 } });
    const expected = simulate(withChannelSettings(certain, { 'upstream.channels.TV.halfSaturation': 30000 })).summary.channels;
    monteCarlo(certain, { draws: 5, seed: 1, channelValues: true }).channels!.forEach((channel, index) => {
      const { mean, p5, p95 } = channel.valueAdded;
      expect([mean, p5, p95], channel.name).toEqual(Array(3).fill(expected[index].valueAdded));
    });
  });

  it('with no spread, every statistic is simulate\'s figure exactly', () => {
    const model = exampleWith({ 'upstream.channels.TV.halfSaturation': { dist: 'lognormal', median: 30000, sigma: 0 } });
    const expected = simulate(withChannelSettings(model, { 'upstream.channels.TV.halfSaturation': 30000 })).summary;
    const result = monteCarlo(model, { draws: 20, seed: 1 });
    for (const figure of ['incrementalNpvWithCarryover', 'npv', 'totalRevenue'] as const) {
      const { mean, p5, p50, p95 } = result.summary[figure];
      expect([mean, p5, p50, p95], figure).toEqual(Array(4).fill(expected[figure]));
    }
  });
});

describe('sensitivity of a channel model', () => {
  it('lists each uncertain channel setting with the channel\'s name, at its 10th and 90th percentile', () => {
    const model = exampleWith({
      'upstream.channels.TV.halfSaturation': { dist: 'lognormal', median: 45000, sigma: 0.4 },
      'downstream.channels.Search.maxConversionLift': { dist: 'uniform', min: 0.005, max: 0.013 },
    });
    const result = sensitivity(model);
    const rows = Object.fromEntries(result.rows.map((row) => [row.path, row]));
    expect(rows['upstream.channels.TV.halfSaturation'].label).toBe('TV: half-saturation');
    const search = rows['downstream.channels.Search.maxConversionLift'];
    expect(search.label).toBe('Search: maximum conversion lift');
    expect([search.low, search.high]).toEqual([0.0058, 0.0122].map((value) => expect.closeTo(value, 12)));
    // Each end is simulate of the model with that value, the other setting at its central value (its median).
    const tv = rows['upstream.channels.TV.halfSaturation'];
    expect(tv.central).toBeCloseTo(45000, 2);
    const atHigh = simulate(withChannelSettings(model, {
      'upstream.channels.TV.halfSaturation': tv.central, 'downstream.channels.Search.maxConversionLift': search.high,
    })).summary.incrementalNpvWithCarryover;
    expect(Math.abs(search.incrementalNpvWithCarryover.high - atHigh)).toBeLessThanOrEqual(1e-11 * Math.abs(atHigh));
    // A higher lift of Search is worth more; a higher half-saturation of TV costs.
    expect(search.incrementalNpvWithCarryover.high).toBeGreaterThan(search.incrementalNpvWithCarryover.low);
    expect(tv.incrementalNpvWithCarryover.high).toBeLessThan(tv.incrementalNpvWithCarryover.low);
    expect(settingOf(model, 'upstream.channels.TV.halfSaturation')).toBe(45000);
  });
});

describe('the consumer-channels preset (parsed from its file)', () => {
  const preset = parseModel(JSON.parse(readFileSync(new URL('../../../models/consumer-channels.json', import.meta.url), 'utf8')));

  it('draws its channel ranges, and its tornado names each channel setting by channel', () => {
    const paths = uncertainFields(preset).map((field) => field.path);
    expect(paths).toContain('upstream.channels.TV.halfSaturation');
    const labels = sensitivity(preset).rows.map((row) => row.label);
    expect(labels).toEqual(expect.arrayContaining(['TV: half-saturation', 'Search: half-saturation', 'Search: maximum conversion lift']));
    const result = monteCarlo(preset, { draws: 200, seed: 2 });
    expect(result.uncertainFields).toEqual(paths);
    const { p5, p50, p95 } = result.summary.incrementalNpvWithCarryover;
    expect(p5!).toBeLessThan(p50!);
    expect(p50!).toBeLessThan(p95!);
  });
});
