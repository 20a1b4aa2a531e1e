import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Model, PERIOD_FIELDS, type SimulationResult, parseModel, simulate } from '../../src/engine/index.ts';
import { anyValidModel } from './arbitrary-model.ts';
import { SHORT_TERM, baseModelWith } from './extension-fixtures.ts';
import { expectClose } from './expect-close.ts';
import { referenceSimulate } from './reference/reference-simulate.ts';

// The reference (tests/engine/reference) is an independent, literal transcription of the spec's
// equations with plain arrays and no shared code; the engine must agree with it to 1e-9 relative.

const defaultModel = parseModel(JSON.parse(readFileSync(new URL('../../models/default.json', import.meta.url), 'utf8')));

function variant(change: (model: Model) => void): Model {
  const model = structuredClone(defaultModel);
  change(model);
  return parseModel(model);
}

function expectMatchesReference(model: Model): void {
  const actual: SimulationResult = simulate(model);
  const expected = referenceSimulate(model);
  expect(actual.periods).toHaveLength(expected.periods.length);
  actual.periods.forEach((period, index) => {
    const reference = expected.periods[index];
    expect(Object.keys(period)).toEqual([...PERIOD_FIELDS]);
    for (const field of PERIOD_FIELDS) {
      // Differences of larger numbers are judged against those numbers.
      const scale = field === 'profit' ? period.contribution + period.upstream + period.downstream
        : field.startsWith('revenue') ? period.revenue : 0;
      expectClose(period[field], reference[field], `period ${index + 1} ${field}`, scale);
    }
  });
  const summary = actual.summary;
  const reference = expected.summary as Record<string, number | null | (number | null)[]>;
  expectClose(summary.totalSpend, reference.totalSpend as number, 'totalSpend');
  expectClose(summary.totalRevenue, reference.totalRevenue as number, 'totalRevenue');
  expectClose(summary.finalEquity, reference.finalEquity as number, 'finalEquity');
  const profitScale = actual.periods.reduce((sum, period) => sum + Math.abs(period.contribution) + period.upstream + period.downstream, 0);
  expectClose(summary.npv, reference.npv as number, 'npv', profitScale);
  expectClose(summary.carryoverValue, reference.carryoverValue as number, 'carryoverValue', profitScale);
  expectClose(summary.npvWithCarryover, reference.npvWithCarryover as number, 'npvWithCarryover', profitScale);
  expectClose(summary.incrementalNpv, reference.incrementalNpv as number, 'incrementalNpv', profitScale);
  expectClose(summary.incrementalNpvWithCarryover, reference.incrementalNpvWithCarryover as number, 'incrementalNpvWithCarryover', profitScale);
  expectClose(summary.noSpendNpv + summary.incrementalNpv, summary.npv, 'noSpendNpv + incrementalNpv', profitScale);
  const roiScale = summary.totalSpend === 0 ? 0 : profitScale / summary.totalSpend;
  expectClose(summary.roi, reference.roi as number | null, 'roi', roiScale);
  const referenceByYear = reference.roiByYear as (number | null)[];
  expect(summary.roiByYear).toHaveLength(model.horizonYears);
  summary.roiByYear.forEach((roi, year) => expectClose(roi, referenceByYear[year], `roiByYear[${year}]`, roiScale));
  expect(summary.paybackPeriod).toBe(reference.paybackPeriod);
}

describe('simulate matches the reference transcription of the spec', () => {
  it.each<[string, Model]>([
    ['the default model', defaultModel],
    ['per-year budgets and shares', variant((model) => { model.budget = { perYear: [800000, 1200000, 1600000], upstreamShare: [0.2, 0.5, 0.8] }; })],
    ['an explicit plan with no budget', variant((model) => {
      delete model.budget;
      model.plan = {
        upstream: Array.from({ length: 36 }, (_, index) => (index % 6 === 0 ? 200000 : 20000)),
        downstream: Array.from({ length: 36 }, (_, index) => 30000 + 1000 * index),
      };
    })],
    ['seasonality and market growth', variant((model) => {
      model.market.seasonality = [0.8, 0.8, 0.9, 1, 1, 1.1, 1.2, 1.2, 1, 0.9, 1, 1.1];
      model.market.growthPerYear = 0.06;
    })],
    ['insight feedback', variant((model) => { model.upstream.insightFeedback = 0.8; })],
    ['weekly periods over 5 years', variant((model) => { model.periodsPerYear = 52; model.horizonYears = 5; })],
    ['quarterly periods with seasonality', variant((model) => { model.periodsPerYear = 4; model.market.seasonality = [0.9, 1.1, 0.8, 1.2]; })],
    ['the longest carryover', variant((model) => { model.economics.carryoverYears = 5; })],
    ['no carryover', variant((model) => { model.economics.carryoverYears = 0; })],
    ['an S-shaped upstream curve and no lag', variant((model) => { model.upstream.shape = 2.5; model.upstream.lagMonths = 0; model.upstream.lagWindowMonths = 0; })],
    ['conversion capped at 1', variant((model) => { model.economics.baseConversion = 0.9; model.brand.conversionLift = 2; })],
    ['a zero budget', variant((model) => { model.budget = { perYear: 0, upstreamShare: 0.5 }; })],
  ])('%s', (_name, model) => {
    expectMatchesReference(model);
  });

  // The optional extensions (docs/model.md), each alone and all together.
  it.each<[string, Model]>([
    ['upstream.shortTerm', baseModelWith((json) => { json.upstream.shortTerm = { ...SHORT_TERM }; })],
    ['upstream.shortTerm, weekly, with insight feedback and an S-shaped curve', baseModelWith((json) => {
      json.periodsPerYear = 52;
      json.upstream.insightFeedback = 0.7;
      json.upstream.shortTerm = { ...SHORT_TERM, shape: 2.5 };
    })],
    ['upstream.shortTerm with a plan that stops upstream spend for a year', baseModelWith((json) => {
      delete json.budget;
      json.plan = {
        upstream: Array.from({ length: 36 }, (_, index) => (index >= 12 && index < 24 ? 0 : 60000)),
        downstream: Array.from({ length: 36 }, () => 40000),
      };
      json.upstream.shortTerm = { ...SHORT_TERM };
    })],
    ['the "history" carryover baseline', baseModelWith((json) => { json.economics.carryoverBaseline = 'history'; })],
    ['the "history" carryover baseline, quarterly, 5 carryover years', baseModelWith((json) => {
      json.periodsPerYear = 4;
      json.economics.carryoverYears = 5;
      json.economics.carryoverBaseline = 'history';
    })],
    ['the "zero" carryover baseline given explicitly', baseModelWith((json) => { json.economics.carryoverBaseline = 'zero'; })],
    ['starting equity "history"', baseModelWith((json) => { json.brand.initialEquity = 'history'; json.upstream.insightFeedback = 0.6; })],
    ['12 monthly seasonality values, quarterly', baseModelWith((json) => {
      json.periodsPerYear = 4;
      json.market.seasonality = [0.8, 0.8, 0.9, 1, 1, 1.1, 1.2, 1.2, 1, 0.9, 1, 1.3];
      json.market.growthPerYear = 0.05;
    })],
    ['12 monthly seasonality values, weekly', baseModelWith((json) => {
      json.periodsPerYear = 52;
      json.market.seasonality = [0.8, 0.8, 0.9, 1, 1, 1.1, 1.2, 1.2, 1, 0.9, 1, 1.3];
    })],
    ['all four together, weekly', baseModelWith((json) => {
      json.periodsPerYear = 52;
      json.brand.initialEquity = 'history';
      json.upstream.shortTerm = { ...SHORT_TERM };
      json.economics.carryoverBaseline = 'history';
      json.market.seasonality = [0.8, 0.8, 0.9, 1, 1, 1.1, 1.2, 1.2, 1, 0.9, 1, 1.3];
    })],
  ])('%s', (_name, model) => {
    expectMatchesReference(model);
  });

  // anyValidModel includes the extensions: a shortTerm, "history" equity and carryover, 12 seasonal values.
  it('for any valid model (fast-check)', () => {
    fc.assert(fc.property(anyValidModel, (model) => {
      expectMatchesReference(parseModel(model));
    }), { numRuns: 300 });
  });
});
