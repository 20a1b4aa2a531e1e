import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import type { Model, PeriodsPerYear } from '../../src/engine/model/model.ts';
import { modelChannels } from '../../src/engine/model/model-channels.ts';
import { parseModel } from '../../src/engine/model/parse-model.ts';

/**
 * Models for the adjoint's and marginal ROI's tests. Imports the engine's modules directly (not
 * src/engine/index.ts), so these tests run whatever state the optimiser is in.
 */

/** A double in [min, max] with no NaN or infinity. */
const between = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

/** Every file in models/ (presets in both forms), by file name. */
export function modelFiles(): { file: string; model: Model }[] {
  const directory = new URL('../../models/', import.meta.url);
  return readdirSync(directory)
    .filter((file) => file.endsWith('.json') && file !== 'model.schema.json')
    .sort()
    .map((file) => ({ file, model: parseModel(JSON.parse(readFileSync(new URL(file, directory), 'utf8'))) }));
}

/**
 * A pinned two-lever model: the default model before issue 10's extensions, as
 * tests/engine/extension-fixtures.ts writes it, copied here so that the recorded gradients of
 * objective-gradient-two-lever.fixture.json cannot move when presets or fixtures change.
 */
export function pinnedTwoLever(change: (json: Record<string, any>) => void = () => {}): Model {
  const json: Record<string, any> = {
    name: 'Pinned two-lever model',
    periodsPerYear: 12,
    horizonYears: 3,
    budget: { perYear: 1200000, upstreamShare: 0.5 },
    history: { upstreamPerMonth: 50000, downstreamPerMonth: 50000 },
    market: { inMarketPerMonth: 200000, growthPerYear: 0, seasonality: null },
    brand: { initialEquity: 0.3, maxEquity: 0.9, halfLifeMonths: 24, demandLift: 2, conversionLift: 0.5 },
    upstream: { lagMonths: 4, lagConcentration: 0.6, lagWindowMonths: 12, halfSaturation: 60000, shape: 1, insightFeedback: 0 },
    downstream: { halfLifeMonths: 0.5, halfSaturation: 15000, shape: 1.5, maxConversionLift: 0.015 },
    economics: { baseConversion: 0.01, valuePerSale: 60, margin: 0.5, discountRatePerYear: 0.08, carryoverYears: 2 },
  };
  change(json);
  return parseModel(json);
}

const SHORT_TERM = { halfLifeMonths: 0.75, halfSaturation: 40000, shape: 1.3, maxConversionLift: 0.006 };

/**
 * Two-lever cases whose gradients and marginal ROIs were recorded from the two-lever adjoint
 * before channels (commit eb624cf), in objective-gradient-two-lever.fixture.json, in this order.
 */
export const PINNED_TWO_LEVER_CASES: readonly [string, () => Model][] = [
  ['base', () => pinnedTwoLever()],
  ['shortTerm, insight 0.5, weekly, S-shaped', () => pinnedTwoLever((json) => {
    json.periodsPerYear = 52;
    json.horizonYears = 1;
    json.upstream.shortTerm = { ...SHORT_TERM, shape: 2, maxConversionLift: 0.02 };
    json.upstream.insightFeedback = 0.5;
  })],
  ['all four extensions, insight 0.3, quarterly', () => pinnedTwoLever((json) => {
    json.periodsPerYear = 4;
    json.brand.initialEquity = 'history';
    json.upstream.shortTerm = { ...SHORT_TERM };
    json.economics.carryoverBaseline = 'history';
    json.upstream.insightFeedback = 0.3;
    json.market.seasonality = [0.8, 0.8, 0.9, 1, 1, 1.1, 1.2, 1.2, 1, 0.9, 1, 1.3];
  })],
  ['yearly shares and budgets, 5 years, insight 0.4', () => pinnedTwoLever((json) => {
    json.horizonYears = 5;
    json.budget = { perYear: [1e6, 1.2e6, 1.4e6, 0.8e6, 1e6], upstreamShare: [0.3, 0.5, 0.7, 0.2, 0.6] };
    json.upstream.insightFeedback = 0.4;
    json.upstream.shortTerm = { ...SHORT_TERM };
  })],
  ['flighted plan with idle months', () => pinnedTwoLever((json) => {
    delete json.budget;
    json.plan = {
      upstream: Array.from({ length: 36 }, (_, index) => (index % 3 === 0 ? 0 : 80000 + 1000 * index)),
      downstream: Array.from({ length: 36 }, (_, index) => (index % 4 === 1 ? 0 : 40000 + 500 * index)),
    };
    json.upstream.insightFeedback = 0.2;
  })],
];

/** Shares summing to 1 (within rounding) from positive weights. */
function normalised(weights: number[]): number[] {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return weights.map((weight) => weight / total);
}

/** What `channelModel` may vary. */
export interface ChannelModelShape {
  /** Channels a side (the arbitrary draws them within these ranges). */
  upstream: { min: number; max: number };
  downstream: { min: number; max: number };
  periodsPerYear?: PeriodsPerYear[];
}

/**
 * Random valid models in the channel form, with conversion kept well below its cap (so the
 * objective is smooth) and every setting in a realistic range: 0–4 channels a side by default
 * (at least one in all), any granularity, 1–3 years (weekly: 1), per-channel lags, adstocks,
 * Hill curves of both kinds, β shares, short-term effects on some upstream channels, insight
 * feedback, seasonality, growth, the "history" starting equity and carryover baseline. Spend is
 * a budget with shares per side; tests that need a particular plan give one.
 */
export function channelModel(shape: ChannelModelShape = { upstream: { min: 0, max: 4 }, downstream: { min: 0, max: 4 } }): fc.Arbitrary<Model> {
  const periodsPerYear = fc.constantFrom<PeriodsPerYear>(...(shape.periodsPerYear ?? [12, 4, 52]));
  return fc.record({
    periodsPerYear,
    upstreamCount: fc.integer(shape.upstream),
    downstreamCount: fc.integer(shape.downstream),
  })
    .filter(({ upstreamCount, downstreamCount }) => upstreamCount + downstreamCount > 0)
    .chain(({ periodsPerYear: perYear, upstreamCount, downstreamCount }) => {
      const upstreamChannel = between(0, 18).chain((lagWindowMonths) => fc.record({
        weight: between(0.1, 1),
        historyPerMonth: between(0, 80000),
        lagMonths: between(0, lagWindowMonths),
        lagConcentration: between(0.2, 0.9),
        lagWindowMonths: fc.constant(lagWindowMonths),
        halfSaturation: between(5000, 150000),
        shape: between(0.6, 2.5),
        equityWeight: between(0.1, 1),
        shortTerm: fc.option(fc.record({
          halfLifeMonths: between(0.2, 3),
          halfSaturation: between(5000, 150000),
          shape: between(0.6, 2.5),
          maxConversionLift: between(0, 0.01),
        }), { nil: undefined, freq: 2 }),
      }));
      const downstreamChannel = fc.record({
        weight: between(0.1, 1),
        historyPerMonth: between(0, 80000),
        halfLifeMonths: between(0.1, 3),
        halfSaturation: between(3000, 120000),
        shape: between(0.6, 2.5),
        maxConversionLift: between(0, 0.015),
      });
      return fc.record({
        horizonYears: perYear === 52 ? fc.constant(1) : fc.integer({ min: 1, max: 3 }),
        upstream: fc.array(upstreamChannel, { minLength: upstreamCount, maxLength: upstreamCount }),
        downstream: fc.array(downstreamChannel, { minLength: downstreamCount, maxLength: downstreamCount }),
        insightFeedback: fc.oneof(fc.constant(0), between(0, 1.5)),
        perYear: between(2e5, 4e6),
        upstreamShare: between(0.1, 0.9),
        seasonality: fc.option(fc.array(between(0.6, 1.4), { minLength: 12, maxLength: 12 }), { nil: null }),
        growthPerYear: between(-0.1, 0.2),
        maxEquity: between(0.3, 1),
        startingEquity: fc.oneof(between(0, 1), fc.constant<'history'>('history')),
        halfLifeMonths: between(2, 36),
        demandLift: between(0, 2),
        conversionLift: between(0, 1),
        baseConversion: between(0.002, 0.05),
        margin: between(0.2, 0.8),
        discountRatePerYear: between(0, 0.15),
        carryoverYears: fc.integer({ min: 0, max: 2 }),
        carryoverBaseline: fc.constantFrom('zero', 'history'),
      }).map((drawn) => {
        const upstreamShares = normalised(drawn.upstream.map((channel) => channel.weight));
        const equityShares = normalised(drawn.upstream.map((channel) => channel.equityWeight));
        const downstreamShares = normalised(drawn.downstream.map((channel) => channel.weight));
        const upstreamShare = upstreamCount === 0 ? 0 : downstreamCount === 0 ? 1 : drawn.upstreamShare;
        return parseModel({
          name: 'random channel model',
          periodsPerYear: perYear,
          horizonYears: drawn.horizonYears,
          budget: { perYear: drawn.perYear, upstreamShare },
          market: {
            inMarketPerMonth: 300000,
            growthPerYear: drawn.growthPerYear,
            seasonality: drawn.seasonality === null ? null : perYear === 12 ? drawn.seasonality : null,
          },
          brand: {
            initialEquity: drawn.startingEquity === 'history' ? 'history' : drawn.startingEquity * drawn.maxEquity,
            maxEquity: drawn.maxEquity,
            halfLifeMonths: drawn.halfLifeMonths,
            demandLift: drawn.demandLift,
            conversionLift: drawn.conversionLift,
          },
          upstream: {
            insightFeedback: drawn.insightFeedback,
            channels: Object.fromEntries(drawn.upstream.map((channel, index) => [`Brand${index + 1}`, {
              share: upstreamShares[index],
              historyPerMonth: channel.historyPerMonth,
              lagMonths: channel.lagMonths,
              lagConcentration: channel.lagConcentration,
              lagWindowMonths: channel.lagWindowMonths,
              halfSaturation: channel.halfSaturation,
              shape: channel.shape,
              maxEquityShare: equityShares[index],
              ...(channel.shortTerm === undefined ? {} : { shortTerm: channel.shortTerm }),
            }])),
          },
          downstream: {
            channels: Object.fromEntries(drawn.downstream.map((channel, index) => [`Sales${index + 1}`, {
              share: downstreamShares[index],
              historyPerMonth: channel.historyPerMonth,
              halfLifeMonths: channel.halfLifeMonths,
              halfSaturation: channel.halfSaturation,
              shape: channel.shape,
              maxConversionLift: channel.maxConversionLift,
            }])),
          },
          economics: {
            baseConversion: drawn.baseConversion,
            valuePerSale: 80,
            margin: drawn.margin,
            discountRatePerYear: drawn.discountRatePerYear,
            carryoverYears: drawn.carryoverYears,
            carryoverBaseline: drawn.carryoverBaseline,
          },
        });
      });
    });
}

/**
 * Whether every channel of the model spent something before the plan: a history of 0 puts Hill's
 * kink at the first periods, where central differences (the oracle of the derivative tests) fail.
 */
export function spentBefore(model: Model): boolean {
  const channels = modelChannels(model);
  return [...channels.upstream, ...channels.downstream].every((channel) => channel.historyPerMonth > 100);
}

/** Rows of strictly positive spend (away from Hill's kink at 0), one per channel, from a seed. */
export function positiveRows(channels: number, periods: number, scale: number, seed: number): Float64Array[] {
  let state = seed;
  const next = () => { state = (state * 16807) % 2147483647; return state / 2147483647; };
  return Array.from({ length: channels }, () => Float64Array.from({ length: periods }, () => scale * (0.2 + next())));
}

/**
 * A channel-form model with `upstream` and `downstream` channels of varied settings (every
 * upstream channel but the first with a short-term effect, insight feedback 0.6), or identical
 * ones a side with `identical`.
 */
export function channelForm(options: { upstream: number; downstream: number; periodsPerYear?: 4 | 12 | 52; history?: boolean; identical?: boolean }): Model {
  const { upstream, downstream, periodsPerYear = 12, history = false, identical = false } = options;
  const vary = (index: number) => (identical ? 1 : 1 + 0.3 * index);
  return parseModel({
    name: 'channel test model',
    periodsPerYear,
    horizonYears: periodsPerYear === 52 ? 1 : 3,
    budget: { perYear: 1.2e6, upstreamShare: upstream === 0 ? 0 : downstream === 0 ? 1 : 0.5 },
    market: { inMarketPerMonth: 300000, growthPerYear: 0.03, seasonality: null },
    brand: { initialEquity: history ? 'history' : 0.3, maxEquity: 0.9, halfLifeMonths: 18, demandLift: 0.8, conversionLift: 0.3 },
    upstream: {
      insightFeedback: 0.6,
      channels: Object.fromEntries(Array.from({ length: upstream }, (_, index) => [`Brand${index + 1}`, {
        share: 1 / upstream,
        historyPerMonth: 20000 * vary(index),
        lagMonths: 2 * vary(index),
        lagConcentration: 0.6,
        lagWindowMonths: 6 + 3 * index * (identical ? 0 : 1),
        halfSaturation: 40000 * vary(index),
        shape: 0.8 + (identical ? 0.4 : 0.4 * index),
        maxEquityShare: 1 / upstream,
        ...(index > 0 || identical ? { shortTerm: { halfLifeMonths: 0.5 * vary(index), halfSaturation: 30000, shape: 1.2, maxConversionLift: 0.004 } } : {}),
      }])),
    },
    downstream: {
      channels: Object.fromEntries(Array.from({ length: downstream }, (_, index) => [`Sales${index + 1}`, {
        share: 1 / downstream,
        historyPerMonth: 15000 * vary(index),
        halfLifeMonths: 0.4 * vary(index),
        halfSaturation: 20000 * vary(index),
        shape: 1.3 + (identical ? 0 : 0.3 * index),
        maxConversionLift: 0.006,
      }])),
    },
    economics: {
      baseConversion: 0.01, valuePerSale: 60, margin: 0.5, discountRatePerYear: 0.08, carryoverYears: 2,
      carryoverBaseline: history ? 'history' : 'zero',
    },
  });
}
