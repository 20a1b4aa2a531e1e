import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';

it('models/default.json is the specification’s example model, with a real lesson as its description', () => {
  const model = JSON.parse(readFileSync(new URL('../../models/default.json', import.meta.url), 'utf8'));
  // `uncertainty` is an extension (README, "Uncertainty") that simulate never reads.
  const { description, $schema: _schema, uncertainty: _uncertainty, ...rest } = model;
  // The example model of the specification (§2), field for field.
  expect(rest).toEqual({
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
  expect(description).toMatch(/upstream share/i);
});
