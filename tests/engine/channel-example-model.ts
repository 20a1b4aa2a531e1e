import type { ChannelModel } from '../../src/engine/model/model.ts';

/**
 * The channel form's example of spec §9.1 (TV and Sponsorship upstream, Search and Social
 * downstream) around the default model's market, brand and economics: a valid channel model built
 * in code, for tests of the channel views that do not go through `parseModel`.
 */
export function channelExampleModel(): ChannelModel {
  return {
    name: 'Channel example (spec 9.1)',
    periodsPerYear: 12,
    horizonYears: 3,
    budget: { perYear: 1200000, upstreamShare: 0.5 },
    market: { inMarketPerMonth: 400000, growthPerYear: 0, seasonality: null },
    brand: { initialEquity: 0.3, maxEquity: 0.9, halfLifeMonths: 13, demandLift: 0.62, conversionLift: 0.05 },
    upstream: {
      insightFeedback: 0,
      channels: {
        TV: {
          share: 0.7, historyPerMonth: 35000, lagMonths: 4, lagConcentration: 0.6, lagWindowMonths: 12,
          halfSaturation: 45000, shape: 1, maxEquityShare: 0.7,
        },
        Sponsorship: {
          share: 0.3, historyPerMonth: 15000, lagMonths: 6, lagConcentration: 0.7, lagWindowMonths: 18,
          halfSaturation: 25000, shape: 1, maxEquityShare: 0.3,
        },
      },
    },
    downstream: {
      channels: {
        Search: { share: 0.6, historyPerMonth: 30000, halfLifeMonths: 0.3, halfSaturation: 9000, shape: 1.5, maxConversionLift: 0.009 },
        Social: { share: 0.4, historyPerMonth: 20000, halfLifeMonths: 0.5, halfSaturation: 7000, shape: 1.2, maxConversionLift: 0.006 },
      },
    },
    economics: { baseConversion: 0.042, valuePerSale: 60, margin: 0.6, discountRatePerYear: 0.08, carryoverYears: 1 },
  };
}
