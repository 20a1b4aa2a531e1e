/**
 * The preset models in models/: each is a valid model with a short lesson in its description,
 * and each lesson is checked here against the engine, so a preset that stops showing what its
 * description promises fails a test.
 *
 * "Best share" below is the upstream share (one number for every year) that maximises
 * npvWithCarryover on a 0.01 grid from 0 to 1.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseModel, simulate, type Model, type Summary } from '../../src/engine/index.ts';

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

describe('default', () => {
  const model = loadModel('default.json');

  it('default: best upstream share rises with the horizon, below 50 % at 1 year and above it at 5', () => {
    const shares = [1, 2, 3, 4, 5].map((years) => bestShare(model, years).share);
    shares.slice(1).forEach((share, index) => expect(share).toBeGreaterThanOrEqual(shares[index]));
    expect(shares[0]).toBeLessThan(0.5);
    expect(shares[4]).toBeGreaterThan(0.5);
  });
});

describe('new-product-launch', () => {
  const model = loadModel('new-product-launch.json');

  it('new-product-launch: brand equity rises from near zero to at least ten times its start', () => {
    expect(model.brand.initialEquity).toBeLessThanOrEqual(0.05);
    expect(model.history.upstreamPerMonth).toBe(0);
    const equity = equityAtYearEnds(model);
    expect(strictlyIncreasing(equity)).toBe(true);
    expect(equity.at(-1)!).toBeGreaterThanOrEqual(0.2);
    expect(equity.at(-1)!).toBeGreaterThanOrEqual(10 * (model.brand.initialEquity as number));
  });

  it('new-product-launch: year 1 loses money, later years earn, payback comes after year 1', () => {
    const roi = roiByYear(model);
    expect(roi[0]).toBeLessThan(0);
    roi.slice(1).forEach((value) => expect(value).toBeGreaterThan(0));
    expect(paybackOf(model)).toBeGreaterThan(model.periodsPerYear);
  });

  it('new-product-launch: with no brand yet, even a 1-year horizon favours upstream (best share above 50 %)', () => {
    expect(bestShare(model, 1).share).toBeGreaterThan(0.5);
    expect(bestShare(model).share).toBeGreaterThan(0.5);
  });

  it('new-product-launch: an all-downstream launch earns under a fifth of the planned NPV', () => {
    const planned = summaryOf(model).npvWithCarryover;
    expect(planned).toBeGreaterThan(0);
    expect(summaryOf(withShare(model, 0)).npvWithCarryover).toBeLessThan(0.2 * planned);
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
  const model = loadModel('new-market-entry.json');

  it('new-market-entry: starts from nothing in a market growing at least 20 % a year', () => {
    expect(model.brand.initialEquity).toBe(0);
    expect(model.history).toEqual({ upstreamPerMonth: 0, downstreamPerMonth: 0 });
    expect(model.market.growthPerYear).toBeGreaterThanOrEqual(0.2);
  });

  it('new-market-entry: ROI climbs every year, from a loss in year 1, and the plan pays back after year 1', () => {
    const roi = roiByYear(model);
    expect(roi[0]).toBeLessThan(0);
    expect(strictlyIncreasing(roi)).toBe(true);
    expect(paybackOf(model)).toBeGreaterThan(model.periodsPerYear);
  });

  it('new-market-entry: market growth raises the best upstream share by at least 5 points', () => {
    const growing = bestShare(model).share;
    const flat = bestShare({ ...model, market: { ...model.market, growthPerYear: 0 } }).share;
    expect(growing).toBeGreaterThan(0.5);
    expect(growing - flat).toBeGreaterThanOrEqual(0.05);
  });
});

describe('short-term-revenue', () => {
  const model = loadModel('short-term-revenue.json');

  it('short-term-revenue: best upstream share at its 1-year horizon is below 30 %', () => {
    expect(model.horizonYears).toBe(1);
    expect(bestShare(model).share).toBeLessThan(0.3);
  });

  it('short-term-revenue: the same market at a 5-year horizon calls for at least 10 points more upstream', () => {
    expect(bestShare(model, 5).share - bestShare(model, 1).share).toBeGreaterThanOrEqual(0.1);
  });

  it('short-term-revenue: the plan pays back within the first quarter and earns in year 1', () => {
    expect(paybackOf(model)).toBeLessThanOrEqual(model.periodsPerYear / 4);
    expect(roiByYear(model)[0]).toBeGreaterThan(0);
  });
});

describe('brand-repositioning', () => {
  const model = loadModel('brand-repositioning.json');
  const withLag = (lagMonths: number): Model => ({ ...model, upstream: { ...model.upstream, lagMonths } });

  it('brand-repositioning: year-1 ROI is negative and below every later year’s ROI (brand pays back late)', () => {
    const roi = roiByYear(model);
    expect(roi[0]).toBeLessThan(0);
    roi.slice(1).forEach((value) => expect(value).toBeGreaterThan(roi[0]));
    expect(paybackOf(model)).toBeGreaterThan(model.periodsPerYear);
  });

  it('brand-repositioning: the long lag delays payback; with no lag it comes at least 6 months sooner', () => {
    expect(model.upstream.lagMonths).toBeGreaterThanOrEqual(6);
    expect(paybackOf(model) - paybackOf(withLag(0))).toBeGreaterThanOrEqual(6);
  });

  it('brand-repositioning: front-loading the new positioning (yearly shares falling) beats every flat share', () => {
    const shares = model.budget!.upstreamShare;
    expect(Array.isArray(shares)).toBe(true);
    expect(strictlyIncreasing([...(shares as number[])].reverse())).toBe(true);
    expect(summaryOf(model).npvWithCarryover).toBeGreaterThan(bestShare(model).npvWithCarryover);
  });

  it('brand-repositioning: equity starts well below its maximum and grows more in year 2 than in year 1', () => {
    expect(model.brand.initialEquity).toBeLessThanOrEqual(model.brand.maxEquity / 2);
    const [year1, year2] = equityAtYearEnds(model);
    expect(year2 - year1).toBeGreaterThan(year1 - (model.brand.initialEquity as number));
  });
});

describe('conversion-improvement', () => {
  const model = loadModel('conversion-improvement.json');

  it('conversion-improvement: turning insightFeedback to 0 lowers npvWithCarryover by more than 5 %', () => {
    expect(model.upstream.insightFeedback).toBeGreaterThan(0);
    const withFeedback = summaryOf(model).npvWithCarryover;
    const without = summaryOf({ ...model, upstream: { ...model.upstream, insightFeedback: 0 } }).npvWithCarryover;
    expect(without).toBeLessThan(0.95 * withFeedback);
  });

  it('conversion-improvement: a mix beats both all-downstream and all-upstream by more than 10 %', () => {
    const best = bestShare(model);
    expect(best.share).toBeGreaterThan(0.1);
    expect(best.share).toBeLessThan(0.9);
    expect(best.npvWithCarryover).toBeGreaterThan(1.1 * summaryOf(withShare(model, 0)).npvWithCarryover);
    expect(best.npvWithCarryover).toBeGreaterThan(1.1 * summaryOf(withShare(model, 1)).npvWithCarryover);
  });

  it('conversion-improvement: conversion spend pays back within the first quarter, returning over 100 % in year 1', () => {
    expect(paybackOf(model)).toBeLessThanOrEqual(model.periodsPerYear / 4);
    expect(roiByYear(model)[0]).toBeGreaterThan(1);
  });
});

describe('long-term-growth', () => {
  const model = loadModel('long-term-growth.json');

  it('long-term-growth: best upstream share at its 5-year horizon is above 65 %', () => {
    expect(model.horizonYears).toBe(5);
    expect(bestShare(model).share).toBeGreaterThan(0.65);
  });

  it('long-term-growth: a 1-year view without carryover would recommend at least 20 points less upstream', () => {
    const shortView = bestShare({ ...model, economics: { ...model.economics, carryoverYears: 0 } }, 1).share;
    expect(shortView).toBeLessThan(0.5);
    expect(bestShare(model).share - shortView).toBeGreaterThanOrEqual(0.2);
  });

  it('long-term-growth: ROI and equity rise every year as the brand compounds, ROI passing 100 % by year 5', () => {
    const roi = roiByYear(model);
    expect(strictlyIncreasing(roi)).toBe(true);
    expect(roi[4]).toBeGreaterThan(1);
    const equity = equityAtYearEnds(model);
    expect(strictlyIncreasing([model.brand.initialEquity as number, ...equity])).toBe(true);
  });
});
