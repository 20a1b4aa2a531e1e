import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as Record<string, unknown>;
}

// `uncertainty` (docs/uncertainty.md) and `lesson` (src/engine/model/lesson.ts) are extensions that simulate never reads.
function settingsOf(model: Record<string, unknown>): Record<string, unknown> {
  const { description: _description, $schema: _schema, uncertainty: _uncertainty, lesson: _lesson, ...rest } = model;
  return rest;
}

it('tests/engine/fixtures/spec-example.json is the specification’s example model, field for field', () => {
  // The example of spec §2. models/default.json started as this model; issue 10 re-grounded it in
  // published evidence, so the spec's own example is kept here for the tests that check its numbers.
  expect(settingsOf(readJson('./fixtures/spec-example.json'))).toEqual({
    name: 'Consumer brand (default)',
    periodsPerYear: 12,
    horizonYears: 3,
    budget: { perYear: 1200000, upstreamShare: 0.5 },
    history: { upstreamPerMonth: 50000, downstreamPerMonth: 50000 },
    market: { inMarketPerMonth: 200000, growthPerYear: 0.0, seasonality: null },
    brand: { initialEquity: 0.3, maxEquity: 0.9, halfLifeMonths: 24, demandLift: 2.0, conversionLift: 0.5 },
    upstream: { lagMonths: 4, lagConcentration: 0.6, lagWindowMonths: 12, halfSaturation: 60000, shape: 1.0, insightFeedback: 0.0 },
    downstream: { halfLifeMonths: 0.5, halfSaturation: 15000, shape: 1.5, maxConversionLift: 0.015 },
    economics: { baseConversion: 0.01, valuePerSale: 60, margin: 0.5, discountRatePerYear: 0.08, carryoverYears: 2 },
  });
});

it('models/default.json is the spec’s example re-grounded in published evidence (issue 10, docs/evidence.md)', () => {
  // Pinned so that a change to the default is deliberate: tests/engine/presets.test.ts checks that
  // these settings fall within every evidence range and keep the default's lesson. Changed from the
  // spec example: a larger market and base conversion (marketing adds a quarter of revenue, not
  // two thirds), a weaker brand multiplier that builds faster (half in about 9 months), brand
  // media that also sells this month (upstream.shortTerm), a downstream curve that saturates
  // later, starting equity and carryover both from the history (business as usual).
  expect(settingsOf(readJson('../../models/default.json'))).toEqual({
    name: 'Consumer brand (default)',
    periodsPerYear: 12,
    horizonYears: 3,
    budget: { perYear: 1200000, upstreamShare: 0.5 },
    history: { upstreamPerMonth: 50000, downstreamPerMonth: 50000 },
    market: { inMarketPerMonth: 400000, growthPerYear: 0.0, seasonality: null },
    brand: { initialEquity: 'history', maxEquity: 0.9, halfLifeMonths: 13, demandLift: 0.62, conversionLift: 0.05 },
    upstream: {
      lagMonths: 0.5, lagConcentration: 0.6, lagWindowMonths: 12, halfSaturation: 100000, shape: 1.0, insightFeedback: 0.0,
      shortTerm: { halfLifeMonths: 0.5, halfSaturation: 80000, shape: 1.0, maxConversionLift: 0.007 },
    },
    downstream: { halfLifeMonths: 0.5, halfSaturation: 105000, shape: 1.2, maxConversionLift: 0.023 },
    economics: {
      baseConversion: 0.042, valuePerSale: 60, margin: 0.6, discountRatePerYear: 0.08, carryoverYears: 1, carryoverBaseline: 'history',
    },
  });
  expect(readJson('../../models/default.json').description).toMatch(/grounded/i);
  expect(readJson('../../models/default.json').lesson).toBeDefined();
});
