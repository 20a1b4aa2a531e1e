import { type Model, parseModel } from '../../src/engine/index.ts';

/**
 * A fixed two-lever model for the tests of the optional extensions (upstream.shortTerm, the
 * carryover baseline, "history" as the starting equity, monthly seasonality): the default model
 * as it was before them, written out here so that edits to models/default.json cannot move the
 * numbers these tests derive by hand. No uncertainty. A fresh copy each call.
 */
export function baseModelJson(): Record<string, any> {
  return {
    name: 'Extensions test model',
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
}

/** A short-term effect of upstream spend with realistic settings. */
export const SHORT_TERM = { halfLifeMonths: 0.75, halfSaturation: 40000, shape: 1.3, maxConversionLift: 0.006 };

/** `baseModelJson` changed by `change`, validated. */
export function baseModelWith(change: (json: Record<string, any>) => void = () => {}): Model {
  const json = baseModelJson();
  change(json);
  return parseModel(json);
}
