/**
 * The grounding measures (src/engine/grounding.ts) on models where each has a closed form:
 * - brand only: no downstream effect (maxConversionLift 0), no lag (lagWindowMonths 0), μ = 0 and
 *   constant spend from a history of the same spend, so revenue is N·c₀·(1 + λ·Eₜ) and equity is
 *   linear in its inflow: a change of inflow from period 1 on moves Eₜ by its full size times
 *   (1 − ρᵗ), a change in period 1 alone by (1 − ρ)·ρᵗ⁻¹;
 * - activation only: no brand (demand and conversion lift 0) and a downstream adstock that keeps
 *   nothing (half-life 0.01 months, ρ_D = 2⁻¹⁰⁰), so revenue is N·(c₀ + c_lift·Hill(Dₜ)).
 */
import { describe, expect, it } from 'vitest';
import { hill, parseModel, type Model } from '../../src/engine/index.ts';
import {
  equityGapFromHistory, grounding, longTermElasticity, longToShortRoiRatio, marketingShareOfRevenue, monthsForBrandEffects,
  shortTermElasticity,
} from '../../src/engine/grounding.ts';

const SPEND = 50000;

function model(overrides: (json: Record<string, any>) => void): Model {
  const json: Record<string, any> = {
    name: 'closed form',
    periodsPerYear: 12,
    horizonYears: 3,
    budget: { perYear: 12 * 2 * SPEND, upstreamShare: 0.5 },
    history: { upstreamPerMonth: SPEND, downstreamPerMonth: SPEND },
    market: { inMarketPerMonth: 100000, growthPerYear: 0, seasonality: null },
    brand: { initialEquity: 'history', maxEquity: 0.9, halfLifeMonths: 12, demandLift: 1.5, conversionLift: 0 },
    upstream: { lagMonths: 0, lagConcentration: 0.5, lagWindowMonths: 0, halfSaturation: 40000, shape: 1, insightFeedback: 0 },
    downstream: { halfLifeMonths: 0.01, halfSaturation: 30000, shape: 1.5, maxConversionLift: 0 },
    economics: { baseConversion: 0.02, valuePerSale: 50, margin: 0.5, discountRatePerYear: 0.08, carryoverYears: 1, carryoverBaseline: 'history' },
  };
  overrides(json);
  return parseModel(json);
}

const brandOnly = model(() => {});
const activationOnly = model((json) => {
  json.brand.demandLift = 0;
  json.downstream.maxConversionLift = 0.01;
});

describe('marketingShareOfRevenue', () => {
  it('is c_lift·Hill(D) / (c₀ + c_lift·Hill(D)) when only activation works and its adstock keeps nothing', () => {
    // The base run has D = 0 from t = 1, so its revenue is N·c₀ in every period; the plan's is
    // N·(c₀ + c_lift·Hill(D)); period 1 of the base keeps ρ_D·D = 2⁻¹⁰⁰·D, nothing in doubles.
    const lift = 0.01 * hill(SPEND, 30000, 1.5);
    expect(marketingShareOfRevenue(activationOnly)).toBeCloseTo(lift / (0.02 + lift), 12);
  });

  it('is 0 when nothing the plan spends changes revenue', () => {
    const inert = model((json) => { json.brand.demandLift = 0; });
    expect(marketingShareOfRevenue(inert)).toBe(0);
  });
});

describe('longToShortRoiRatio', () => {
  it('is (1 − ρ³⁶) / (1 − ρ³) for brand only: the pulse moves equity by (1 − ρ)·ρᵗ⁻¹', () => {
    const rho = Math.pow(0.5, 1 / 12);
    expect(longToShortRoiRatio(brandOnly)).toBeCloseTo((1 - rho ** 36) / (1 - rho ** 3), 9);
  });

  it('is 1 for activation whose adstock keeps nothing: all its return comes in the pulse month', () => {
    expect(longToShortRoiRatio(activationOnly)).toBeCloseTo(1, 9);
  });

  it('grows with the brand half-life (more of the return comes after 3 months)', () => {
    const longerLived = model((json) => { json.brand.halfLifeMonths = 24; });
    expect(longToShortRoiRatio(longerLived)!).toBeGreaterThan(longToShortRoiRatio(brandOnly)!);
  });
});

describe('monthsForBrandEffects', () => {
  it('is the first month t with 1 − ρᵗ ≥ (1 − ρ⁶⁰) / 2 for brand only (12 months for a 12-month half-life)', () => {
    // ρ^t ≤ (1 + 2⁻⁵) / 2 gives t ≥ 12 · log2(64 / 33) = 11.47, so the end of month 12.
    const rho = Math.pow(0.5, 1 / 12);
    const expected = Array.from({ length: 60 }, (_, index) => index + 1).find((t) => 1 - rho ** t >= (1 - rho ** 60) / 2);
    expect(expected).toBe(12);
    expect(monthsForBrandEffects(brandOnly)).toBe(12);
  });

  it('is 6 for a 6-month half-life, and the lag to peak adds its months', () => {
    const faster = model((json) => { json.brand.halfLifeMonths = 6; });
    expect(monthsForBrandEffects(faster)).toBe(6);
    // A lag of exactly 3 months (window 3, weights concentrated there) delays every inflow by 3.
    const lagged = model((json) => {
      json.brand.halfLifeMonths = 6;
      Object.assign(json.upstream, { lagMonths: 3, lagWindowMonths: 3, lagConcentration: 1e-9 });
    });
    expect(monthsForBrandEffects(lagged)).toBe(9);
  });

  it('is null when upstream spend has no effect', () => {
    expect(monthsForBrandEffects(activationOnly)).toBeNull();
  });

  it('counts in months at every granularity (weekly: the end of a week, in months)', () => {
    const weekly = model((json) => { json.periodsPerYear = 52; });
    const months = monthsForBrandEffects(weekly)!;
    expect(months).toBeGreaterThan(11);
    expect(months).toBeLessThan(12.5);
    expect(Number.isInteger((months * 52) / 12)).toBe(true);
  });
});

describe('elasticities', () => {
  it('activation only: both are (Hill(1.01·D) − Hill(D))·c_lift / (c₀ + c_lift·Hill(D)) / 1 %', () => {
    const h = (spend: number) => hill(spend, 30000, 1.5);
    const expected = ((h(1.01 * SPEND) - h(SPEND)) * 0.01) / (0.02 + 0.01 * h(SPEND)) / 0.01;
    expect(shortTermElasticity(activationOnly)).toBeCloseTo(expected, 9);
    expect(longTermElasticity(activationOnly)).toBeCloseTo(expected, 9);
  });

  it('brand only: long-term is λ·ΔE over year 3 / (1 + λ·E*), short-term is one month of it', () => {
    const rho = Math.pow(0.5, 1 / 12);
    const lambda = 1.5;
    const equity = 0.9 * hill(SPEND, 40000, 1);
    const raised = 0.9 * hill(1.01 * SPEND, 40000, 1);
    const year3 = Array.from({ length: 12 }, (_, index) => 1 - rho ** (25 + index));
    const meanGain = (lambda * (raised - equity) * year3.reduce((sum, value) => sum + value, 0)) / 12;
    expect(longTermElasticity(brandOnly)).toBeCloseTo(meanGain / (1 + lambda * equity) / 0.01, 9);
    // The first month's +1 % moves equity in month 1 by (1 − ρ)·(raised − E*).
    expect(shortTermElasticity(brandOnly)).toBeCloseTo((lambda * (1 - rho) * (raised - equity)) / (1 + lambda * equity) / 0.01, 9);
  });
});

describe('equityGapFromHistory', () => {
  it('is 0 with initialEquity "history" and initialEquity − maxEquity·Hill(u) otherwise', () => {
    expect(equityGapFromHistory(brandOnly)).toBe(0);
    const fixed = model((json) => { json.brand.initialEquity = 0.3; json.history.upstreamPerMonth = 40000; });
    expect(equityGapFromHistory(fixed)).toBeCloseTo(0.3 - 0.45, 15);
  });
});

describe('grounding', () => {
  it('gathers the measures', () => {
    const measured = grounding(brandOnly);
    expect(measured.longToShortRoiRatio).toBe(longToShortRoiRatio(brandOnly));
    expect(measured.monthsForBrandEffects).toBe(monthsForBrandEffects(brandOnly));
    expect(measured.marketingShareOfRevenue).toBe(marketingShareOfRevenue(brandOnly));
    expect(measured.equityGapFromHistory).toBe(0);
  });

  it('refuses a plan that spends nothing, since no small change can be sized', () => {
    const idle = model((json) => { json.budget.perYear = 0; });
    expect(() => grounding(idle)).toThrow(/spends something/);
  });
});
