/**
 * The preset models in models/: each is a valid model, grounded in published evidence (every
 * measure of src/engine/grounding.ts within the ranges of src/engine/evidence-ranges.ts, issue 10),
 * with a lesson in three parts (its `lesson`, src/engine/model/lesson.ts), and each lesson is checked here against
 * the engine, so a preset that stops showing what its lesson promises fails a test.
 *
 * "Best share" below is the upstream share (one number for every year) that maximises
 * npvWithCarryover on a 0.01 grid from 0 to 1. "Marketing NPV with carryover" is the summary's
 * incrementalNpvWithCarryover (the key figure of that name).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  HORIZON_PATH, channelSettingAt, isChannelModel, modelChannels, parseModel, simulate, startingEquity, type Lesson, type Model, type Summary, type TwoLeverModel,
} from '../../src/engine/index.ts';
import { grounding, type Grounding } from '../../src/engine/grounding.ts';
import { EVIDENCE_RANGES, withinRange } from '../../src/engine/evidence-ranges.ts';
import { NUMBER_FIELDS } from '../../src/engine/model/model-fields.ts';

const MODELS_DIR = new URL('../../models/', import.meta.url);

const SITUATION_PRESETS = [
  'new-product-launch.json',
  'new-market-entry.json',
  'short-term-revenue.json',
  'brand-repositioning.json',
  'conversion-improvement.json',
  'long-term-growth.json',
] as const;

const modelFiles = readdirSync(MODELS_DIR)
  .filter((file) => file.endsWith('.json') && file !== 'model.schema.json')
  .sort();

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(file, MODELS_DIR), 'utf8')) as Record<string, unknown>;
}

function loadModel(file: string): Model {
  return parseModel(readJson(file));
}

/** A preset in the two-lever form (spec §2–§8), for the tests that read its two levers' settings. */
function loadTwoLeverModel(file: string): TwoLeverModel {
  return parseModel(readJson(file)) as TwoLeverModel;
}

function summaryOf(model: Model): Summary {
  return simulate(model).summary;
}

/**
 * The model with one upstream share for every year and, optionally, another horizon. A per-year
 * budget is cut to the new horizon or extended by repeating its last year.
 */
function withShare(model: Model, share: number, horizonYears = model.horizonYears): Model {
  const budget = model.budget!;
  const yearly = budget.perYear;
  const perYear = Array.isArray(yearly)
    ? Array.from({ length: horizonYears }, (_, year) => yearly[Math.min(year, yearly.length - 1)])
    : yearly;
  return { ...model, horizonYears, budget: { perYear, upstreamShare: share } };
}

/** The upstream share (0.01 grid) that maximises npvWithCarryover, and that maximum. */
function bestShare(model: Model, horizonYears = model.horizonYears): { share: number; npvWithCarryover: number } {
  let best = { share: 0, npvWithCarryover: -Infinity };
  for (let step = 0; step <= 100; step += 1) {
    const share = step / 100;
    const value = summaryOf(withShare(model, share, horizonYears)).npvWithCarryover;
    if (value > best.npvWithCarryover) best = { share, npvWithCarryover: value };
  }
  return best;
}

/** Equity at the end of each year of the horizon. */
function equityAtYearEnds(model: Model): number[] {
  const { periods } = simulate(model);
  return periods.filter((period) => period.t % model.periodsPerYear === 0).map((period) => period.equity);
}

function strictlyIncreasing(values: readonly number[]): boolean {
  return values.every((value, index) => index === 0 || value > values[index - 1]);
}

/** The payback period, failing the test when the plan never pays back within its horizon. */
function paybackOf(model: Model): number {
  const { paybackPeriod } = summaryOf(model);
  expect(paybackPeriod, 'the plan pays back within its horizon').not.toBeNull();
  return paybackPeriod!;
}

function roiByYear(model: Model): number[] {
  return summaryOf(model).roiByYear.map((roi) => {
    if (roi === null) throw new Error('a year without spend');
    return roi;
  });
}

describe('model files in models/', () => {
  it('include the six situation presets', () => {
    expect(modelFiles).toEqual(expect.arrayContaining([...SITUATION_PRESETS]));
  });

  it.each(modelFiles)('%s passes parseModel', (file) => {
    expect(() => loadModel(file)).not.toThrow();
  });

  it.each(modelFiles)('%s has a plain-text description of 2 to 5 sentences', (file) => {
    const { description } = loadModel(file);
    expect(description).toBeTypeOf('string');
    const text = description!.trim();
    expect(text.length).toBeGreaterThanOrEqual(150);
    expect(text.length).toBeLessThanOrEqual(1000);
    expect(text).not.toMatch(/[<>*#`_]|\n/); // no markup, one paragraph
    const sentences = text.split(/(?<=[.!?])\s+(?=[A-Z0-9"“(])/).filter((part) => part.length > 0);
    expect(sentences.length).toBeGreaterThanOrEqual(2);
    expect(sentences.length).toBeLessThanOrEqual(5);
  });

  it.each([...SITUATION_PRESETS])('%s names the model schema as its first key', (file) => {
    const json = readJson(file);
    expect(Object.keys(json)[0]).toBe('$schema');
    expect(json.$schema).toBe('./model.schema.json');
  });

  it.each(modelFiles)('%s has a seasonality that averages 1, if any', (file) => {
    const { seasonality } = loadModel(file).market;
    if (seasonality === null) return;
    const mean = seasonality.reduce((sum, index) => sum + index, 0) / seasonality.length;
    expect(mean).toBeCloseTo(1, 9);
  });

  it('the presets exercise seasonality, quarterly and weekly periods, and per-year budgets', () => {
    const presets = SITUATION_PRESETS.map(loadModel);
    expect(presets.some((model) => model.market.seasonality !== null)).toBe(true);
    expect(presets.some((model) => model.periodsPerYear === 4)).toBe(true);
    expect(presets.some((model) => model.periodsPerYear === 52)).toBe(true);
    expect(presets.some((model) => Array.isArray(model.budget?.perYear))).toBe(true);
    expect(presets.some((model) => Array.isArray(model.budget?.upstreamShare))).toBe(true);
  });
});

/**
 * Evidence ranges a preset may leave, each with the reason its lesson needs it (issue 10: "keep
 * each lesson true"). Every other preset and measure must be inside its range.
 */
const RANGE_EXCEPTIONS: Readonly<Record<string, Partial<Record<keyof Grounding, { max: number; reason: string }>>>> = {
  'brand-repositioning.json': {
    monthsForBrandEffects: {
      max: 12,
      reason: 'a repositioning replaces what the brand stands for, so its new message lands later than a typical campaign (Lag to peak about 3 months): that delay is the lesson',
    },
  },
};

const measured = new Map<string, Grounding>();
function groundingOf(file: string): Grounding {
  if (!measured.has(file)) measured.set(file, grounding(loadModel(file)));
  return measured.get(file)!;
}

describe('every preset is grounded in published evidence (docs/evidence.md)', () => {
  const cases = modelFiles.flatMap((file) => EVIDENCE_RANGES.map((range) => [file, range.measure, range] as const));

  it.each(cases)('%s: %s is within its evidence range', (file, measure, range) => {
    const value = groundingOf(file)[measure];
    const exception = RANGE_EXCEPTIONS[file]?.[measure];
    if (exception !== undefined) {
      expect(value, exception.reason).not.toBeNull();
      expect(value!).toBeGreaterThanOrEqual(range.min);
      expect(value!).toBeLessThanOrEqual(exception.max);
      return;
    }
    expect(withinRange(range, value), `${measure} = ${value}, range ${range.min} … ${range.max}`).toBe(true);
  });

  it.each(modelFiles)('%s starts at the equity its history implies and carries over business as usual', (file) => {
    const json = readJson(file) as { brand: { initialEquity: unknown }; economics: { carryoverBaseline?: unknown } };
    expect(json.brand.initialEquity).toBe('history');
    expect(json.economics.carryoverBaseline).toBe('history');
  });

  it.each(modelFiles)('%s lets brand media sell in the short term too (upstream.shortTerm, or a shortTerm on an upstream channel)', (file) => {
    expect(modelChannels(loadModel(file)).upstream.some((channel) => channel.shortTerm !== undefined)).toBe(true);
  });
});

describe('lessons (each model file\'s lesson)', () => {
  const presetIds = modelFiles.map((file) => file.slice(0, -'.json'.length));
  const numberPaths = new Set(NUMBER_FIELDS.map((field) => field.path));

  it.each(presetIds)('%s has a lesson', (id) => {
    expect(loadModel(`${id}.json`).lesson).toBeDefined();
  });

  it.each(presetIds)('%s: three short plain parts, and a change that gives a valid model', (id) => {
    const lesson: Lesson = lessonOf(id);
    for (const part of [lesson.situation, lesson.tryThis, lesson.notice]) {
      expect(part.length).toBeGreaterThan(10);
      expect(part.length).toBeLessThanOrEqual(260);
      expect(part).not.toMatch(/[<>*#`_]|\n/);
    }
    expect(lesson.change.length).toBeGreaterThanOrEqual(1);
    const model = loadModel(`${id}.json`);
    for (const { path } of lesson.change) expect(path === HORIZON_PATH || numberPaths.has(path) || channelSettingAt(model, path) !== undefined, path).toBe(true);
    expect(() => tried(id)).not.toThrow();
  });

  it.each(presetIds)('%s: "what to try" names each changed field by its label on screen', (id) => {
    const lesson = lessonOf(id);
    const model = loadModel(`${id}.json`);
    for (const { path } of lesson.change) {
      const channelSetting = isChannelModel(model) ? channelSettingAt(model, path) : undefined;
      const label = path === HORIZON_PATH ? 'Horizon (years)'
        : channelSetting !== undefined ? channelSetting.field.label : NUMBER_FIELDS.find((field) => field.path === path)!.label;
      expect(lesson.tryThis).toContain(label);
      // A channel's setting is named with its channel, as the channel editor shows it.
      if (channelSetting !== undefined) expect(lesson.tryThis).toContain(path.split('.')[2]);
    }
  });
});

function lessonOf(id: string): Lesson {
  return loadModel(`${id}.json`).lesson!;
}

/** The model after the lesson's "what to try" change, as the app applies it (a per-year list resized with the horizon). */
function tried(id: string): Model {
  const json = readJson(`${id}.json`) as Record<string, any>;
  for (const { path, value } of lessonOf(id).change) {
    if (path === HORIZON_PATH) {
      json.horizonYears = value;
      for (const key of ['perYear', 'upstreamShare']) {
        const list = json.budget[key];
        if (Array.isArray(list)) json.budget[key] = Array.from({ length: value }, (_, year) => list[Math.min(year, list.length - 1)]);
      }
      continue;
    }
    const keys = path.split('.');
    let section = json;
    for (const key of keys.slice(0, -1)) section = section[key];
    section[keys.at(-1)!] = value;
  }
  return parseModel(json);
}

const marketingNpv = (model: Model) => summaryOf(model).incrementalNpvWithCarryover;

describe('default', () => {
  const model = loadModel('default.json');

  it('default: best upstream share rises with the horizon, below 50 % at 1 year and above it at 5', () => {
    const shares = [1, 2, 3, 4, 5].map((years) => bestShare(model, years).share);
    shares.slice(1).forEach((share, index) => expect(share).toBeGreaterThanOrEqual(shares[index]));
    expect(shares[0]).toBeLessThan(0.5);
    expect(shares[4]).toBeGreaterThan(0.5);
  });

  it('default: trying a 1-year horizon gives a best share of about 45 %', () => {
    const share = bestShare(tried('default')).share;
    expect(share).toBeGreaterThanOrEqual(0.43);
    expect(share).toBeLessThanOrEqual(0.47);
  });
});

describe('new-product-launch', () => {
  const model = loadTwoLeverModel('new-product-launch.json');

  it('new-product-launch: brand equity climbs from nothing to about 0.2 in year 1 and slips as the budget tapers', () => {
    expect(startingEquity(model)).toBe(0);
    expect(model.history.upstreamPerMonth).toBe(0);
    const equity = equityAtYearEnds(model);
    expect(equity[0]).toBeGreaterThanOrEqual(0.18);
    expect(equity.at(-1)!).toBeLessThan(Math.max(...equity));
    const perYear = model.budget!.perYear as number[];
    expect(strictlyIncreasing([...perYear].reverse())).toBe(true);
  });

  it('new-product-launch: year 1 loses money, later years earn, payback comes only in year 3', () => {
    const roi = roiByYear(model);
    expect(roi[0]).toBeLessThan(0);
    roi.slice(1).forEach((value) => expect(value).toBeGreaterThan(0));
    expect(paybackOf(model)).toBeGreaterThan(2 * model.periodsPerYear);
  });

  it('new-product-launch: with no brand yet, even a 1-year horizon favours upstream (best share above 50 %)', () => {
    expect(bestShare(model, 1).share).toBeGreaterThan(0.5);
    expect(bestShare(model).share).toBeGreaterThan(0.5);
  });

  it('new-product-launch: trying Upstream share 0 turns Marketing NPV with carryover into a loss', () => {
    expect(marketingNpv(model)).toBeGreaterThan(0);
    expect(marketingNpv(tried('new-product-launch'))).toBeLessThan(0);
  });

  it('new-product-launch: building awareness first beats the same yearly shares in reverse order', () => {
    const shares = model.budget!.upstreamShare;
    expect(Array.isArray(shares)).toBe(true);
    const reversed = [...(shares as number[])].reverse();
    expect(reversed).not.toEqual(shares);
    const backLoaded = { ...model, budget: { ...model.budget!, upstreamShare: reversed } };
    expect(summaryOf(model).npvWithCarryover).toBeGreaterThan(summaryOf(backLoaded).npvWithCarryover);
  });
});

describe('new-market-entry', () => {
  const model = loadTwoLeverModel('new-market-entry.json');

  it('new-market-entry: starts from nothing in a market growing at least 20 % a year', () => {
    expect(startingEquity(model)).toBe(0);
    expect(model.history).toEqual({ upstreamPerMonth: 0, downstreamPerMonth: 0 });
    expect(model.market.growthPerYear).toBeGreaterThanOrEqual(0.2);
  });

  it('new-market-entry: ROI climbs every year, from a loss in year 1, and the plan pays back after year 1', () => {
    const roi = roiByYear(model);
    expect(roi[0]).toBeLessThan(0);
    expect(strictlyIncreasing(roi)).toBe(true);
    expect(paybackOf(model)).toBeGreaterThan(model.periodsPerYear);
  });

  it('new-market-entry: trying Market growth 0 lowers the best upstream share by about 9 points (at least 5)', () => {
    const growing = bestShare(model).share;
    const flat = bestShare(tried('new-market-entry')).share;
    expect(tried('new-market-entry').market.growthPerYear).toBe(0);
    expect(growing).toBeGreaterThan(0.5);
    expect(growing - flat).toBeGreaterThanOrEqual(0.05);
    expect(growing - flat).toBeLessThanOrEqual(0.12);
  });
});

describe('short-term-revenue', () => {
  const model = loadModel('short-term-revenue.json');

  it('short-term-revenue: best upstream share at its 1-year horizon is below 30 % (about 16 %)', () => {
    expect(model.horizonYears).toBe(1);
    expect(model.economics.carryoverYears).toBe(0);
    const share = bestShare(model).share;
    expect(share).toBeLessThan(0.3);
    expect(share).toBeGreaterThanOrEqual(0.13);
    expect(share).toBeLessThanOrEqual(0.19);
  });

  it('short-term-revenue: trying a 5-year horizon calls for at least 10 points more upstream (about 35 %)', () => {
    const fiveYears = bestShare(tried('short-term-revenue')).share;
    expect(fiveYears - bestShare(model).share).toBeGreaterThanOrEqual(0.1);
    expect(fiveYears).toBeGreaterThanOrEqual(0.32);
    expect(fiveYears).toBeLessThanOrEqual(0.38);
  });

  it('short-term-revenue: the plan pays back within the first quarter and earns in year 1', () => {
    expect(paybackOf(model)).toBeLessThanOrEqual(model.periodsPerYear / 4);
    expect(roiByYear(model)[0]).toBeGreaterThan(0);
  });
});

describe('brand-repositioning', () => {
  const model = loadTwoLeverModel('brand-repositioning.json');

  it('brand-repositioning: year-1 ROI is negative and below every later year’s ROI (brand pays back late)', () => {
    const roi = roiByYear(model);
    expect(roi[0]).toBeLessThan(0);
    roi.slice(1).forEach((value) => expect(value).toBeGreaterThan(0));
    expect(paybackOf(model)).toBeGreaterThan(model.periodsPerYear);
  });

  it('brand-repositioning: the lag of about 3 months delays payback; trying Lag to peak 0 brings it at least 4 months sooner', () => {
    expect(model.upstream.lagMonths).toBeGreaterThanOrEqual(2.5);
    expect(model.upstream.lagMonths).toBeLessThanOrEqual(3.5);
    expect(paybackOf(model) - paybackOf(tried('brand-repositioning'))).toBeGreaterThanOrEqual(4);
  });

  it('brand-repositioning: the plan front-loads the new positioning (70 %, 60 %, 50 %)', () => {
    expect(model.budget!.upstreamShare).toEqual([0.7, 0.6, 0.5]);
    const equity = equityAtYearEnds(model);
    expect(equity[0]).toBeGreaterThan(2 * startingEquity(model));
  });
});

describe('conversion-improvement', () => {
  const model = loadModel('conversion-improvement.json');

  it('conversion-improvement: trying Insight feedback 0 lowers Marketing NPV with carryover by about a sixth (over 10 %)', () => {
    expect(model.upstream.insightFeedback).toBeGreaterThan(0);
    const withFeedback = marketingNpv(model);
    const without = marketingNpv(tried('conversion-improvement'));
    expect(without).toBeLessThan(0.9 * withFeedback);
    expect(without).toBeGreaterThan(0.75 * withFeedback);
  });

  it('conversion-improvement: a mix beats both all-downstream and all-upstream by more than 10 % of Marketing NPV with carryover', () => {
    const best = bestShare(model);
    expect(best.share).toBeGreaterThan(0.1);
    expect(best.share).toBeLessThan(0.9);
    const bestMarketing = marketingNpv(withShare(model, best.share));
    expect(bestMarketing).toBeGreaterThan(1.1 * marketingNpv(withShare(model, 0)));
    expect(bestMarketing).toBeGreaterThan(1.1 * marketingNpv(withShare(model, 1)));
  });

  it('conversion-improvement: conversion spend pays back in the first month, returning over 100 % in year 1', () => {
    expect(paybackOf(model)).toBe(1);
    expect(roiByYear(model)[0]).toBeGreaterThan(1);
  });
});

describe('long-term-growth', () => {
  const model = loadModel('long-term-growth.json');

  it('long-term-growth: best upstream share at its 5-year horizon is above 65 %', () => {
    expect(model.horizonYears).toBe(5);
    expect(bestShare(model).share).toBeGreaterThan(0.65);
  });

  it('long-term-growth: trying a 1-year view without carryover recommends at least 20 points less upstream (about 27 %)', () => {
    const shortView = bestShare(tried('long-term-growth')).share;
    expect(shortView).toBeLessThan(0.5);
    expect(shortView).toBeGreaterThanOrEqual(0.24);
    expect(shortView).toBeLessThanOrEqual(0.3);
    expect(bestShare(model).share - shortView).toBeGreaterThanOrEqual(0.2);
  });

  it('long-term-growth: ROI and equity rise every year as the brand compounds, ROI passing 100 % by year 5', () => {
    const roi = roiByYear(model);
    expect(strictlyIncreasing(roi)).toBe(true);
    expect(roi[4]).toBeGreaterThan(1);
    const equity = equityAtYearEnds(model);
    expect(strictlyIncreasing([startingEquity(model), ...equity])).toBe(true);
  });
});
