import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Model, hill, parseModel, simulate } from '../../src/engine/index.ts';
import { lagWindowPeriods } from '../../src/engine/compile-model.ts';
import { expectClose } from './expect-close.ts';

// Values here are derived by hand from the spec's equations or their closed forms, not from the
// engine; the comment on each test says where its expected number comes from.

const defaultModel = parseModel(JSON.parse(readFileSync(new URL('../../models/default.json', import.meta.url), 'utf8')));

function variant(change: (model: Model) => void): Model {
  const model = structuredClone(defaultModel);
  change(model);
  return parseModel(model);
}

function constantPlan(model: Model, upstreamPerPeriod: number, downstreamPerPeriod: number): void {
  const periods = model.periodsPerYear * model.horizonYears;
  delete model.budget;
  model.plan = { upstream: new Array(periods).fill(upstreamPerPeriod), downstream: new Array(periods).fill(downstreamPerPeriod) };
}

describe('hill', () => {
  it('is one half at the half-saturation point', () => {
    expect(hill(15000, 15000, 1.5)).toBe(0.5);
    expect(hill(3, 3, 0.4)).toBe(0.5);
  });
  it('is 0 at 0 and x^S / (x^S + K^S) elsewhere', () => {
    expect(hill(0, 10, 2)).toBe(0);
    expect(hill(20, 10, 2)).toBe(400 / 500);
    expect(hill(5, 10, 1)).toBe(5 / 15);
  });
  it('stays in 0 … 1 where the powers leave the range of doubles', () => {
    expect(hill(1e300, 1, 4)).toBe(1);
    expect(hill(1e-300, 1e-300, 40)).toBeCloseTo(0.5, 12);
    expect(hill(5e-324, 1, 0.5)).toBeGreaterThan(0);
  });
});

describe('brand equity', () => {
  it.each([12, 4, 52] as const)('holds at maxEquity · Hill(u; K, S) under constant upstream spend u per month (P = %i)', (periodsPerYear) => {
    // Steady state of E = ρE + (1 − ρ)·max·Hill(u/pm; K/pm, S): E* = max·Hill(u; K, S), as pm cancels.
    const upstreamPerMonth = 80000;
    const expected = 0.9 * (80000 / (80000 + 60000));
    const model = variant((draft) => {
      draft.periodsPerYear = periodsPerYear;
      draft.horizonYears = 5;
      draft.history.upstreamPerMonth = upstreamPerMonth;
      draft.brand.initialEquity = expected;
      constantPlan(draft, upstreamPerMonth * 12 / periodsPerYear, 10000);
    });
    for (const period of simulate(model).periods) expectClose(period.equity, expected, `equity at t=${period.t}`);
  });

  it('approaches the steady state from any starting equity', () => {
    const model = variant((draft) => {
      draft.horizonYears = 5;
      draft.brand.halfLifeMonths = 3;
      draft.brand.initialEquity = 0;
      draft.history.upstreamPerMonth = 80000;
      constantPlan(draft, 80000, 10000);
    });
    const final = simulate(model).summary.finalEquity;
    // After 60 months with a 3-month half-life the gap has shrunk by 2^-20.
    expect(Math.abs(final - 0.9 * 80 / 140)).toBeLessThan(0.9 * 80 / 140 * 2 ** -19);
  });

  it.each([12, 4, 52] as const)('halves every halfLifeMonths with no upstream spend (P = %i)', (periodsPerYear) => {
    // With U = 0 now and in the lag window, Eₜ = E₀ · ρ^t with ρ = 0.5^(1 / (h · pm)).
    const model = variant((draft) => {
      draft.periodsPerYear = periodsPerYear;
      draft.horizonYears = 4;
      draft.history.upstreamPerMonth = 0;
      draft.brand.initialEquity = 0.8;
      draft.brand.halfLifeMonths = 24;
      constantPlan(draft, 0, 50000);
    });
    const periods = simulate(model).periods;
    const periodsPerMonth = periodsPerYear / 12;
    periods.forEach((period) => expectClose(period.equity, 0.8 * 0.5 ** (period.t / (24 * periodsPerMonth)), `equity at t=${period.t}`));
    expectClose(periods[24 * periodsPerMonth - 1].equity, 0.4, 'equity after one half-life');
    expectClose(periods[48 * periodsPerMonth - 1].equity, 0.2, 'equity after two half-lives');
  });

  it('gets the largest inflow from a single month of spend lagMonths later', () => {
    // One burst in month 1, none before: inflow_t = Eₜ − ρEₜ₋₁ = (1 − ρ)·max·Hill(w_{t−1}·U), which
    // is largest where the weight α^((l − θ)²) is, at l = θ = 4, i.e. t = 5.
    const model = variant((draft) => {
      draft.history.upstreamPerMonth = 0;
      draft.horizonYears = 2;
      constantPlan(draft, 0, 0);
      draft.plan!.upstream[0] = 300000;
    });
    const retention = 0.5 ** (1 / 24);
    const periods = simulate(model).periods;
    const inflows = periods.map((period, index) => period.equity - retention * (index === 0 ? 0.3 : periods[index - 1].equity));
    const peak = inflows.indexOf(Math.max(...inflows)) + 1;
    expect(peak).toBe(5);
    // And the peak inflow itself, by hand: weights 0.6^((l−4)²) over l = 0 … 12.
    const weights = Array.from({ length: 13 }, (_, lag) => 0.6 ** ((lag - 4) ** 2));
    const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
    const lagged = 300000 / weightSum;
    expectClose(inflows[4], (1 - retention) * 0.9 * lagged / (lagged + 60000), 'peak inflow', 1e-3);
    // Nothing flows in after the window closes (t > 1 + L = 13).
    expect(Math.max(...inflows.slice(13).map(Math.abs))).toBeLessThan(1e-15);
  });

  it('counts 12 months as exactly 52 weeks in the lag window', () => {
    expect(lagWindowPeriods(12, 52 / 12)).toBe(52);
    expect(lagWindowPeriods(12, 4 / 12)).toBe(4);
    expect(lagWindowPeriods(5, 52 / 12)).toBe(22); // 21.67 rounds up
    expect(lagWindowPeriods(0, 1)).toBe(0);
  });
});

describe('downstream and conversion', () => {
  it('holds adstock at D under constant downstream spend D, so conversion is (c₀ + c_lift·Hill(D)) · (1 + μE)', () => {
    const model = variant((draft) => {
      draft.history.downstreamPerMonth = 40000;
      constantPlan(draft, 50000, 40000);
    });
    const response = 40000 ** 1.5 / (40000 ** 1.5 + 15000 ** 1.5);
    for (const period of simulate(model).periods) {
      expectClose(period.conversion, (0.01 + 0.015 * response) * (1 + 0.5 * period.equity), `conversion at t=${period.t}`);
    }
  });

  it('caps conversion at 1', () => {
    const model = variant((draft) => { draft.economics.baseConversion = 0.95; draft.brand.conversionLift = 3; });
    for (const period of simulate(model).periods) expect(period.conversion).toBe(1);
  });
});

describe('the default model, period 1 by hand', () => {
  it('matches the equations worked through with the default numbers', () => {
    // U₁ = D₁ = 600000/12 = 50000, the same as history, so b₁ = 50000 and d₁ = 50000.
    const retention = 0.5 ** (1 / 24);
    const equity = retention * 0.3 + (1 - retention) * 0.9 * (50000 / (50000 + 60000));
    const response = 50000 ** 1.5 / (50000 ** 1.5 + 15000 ** 1.5);
    const demand = 200000 * (1 + 2 * equity);
    const conversion = (0.01 + 0.015 * response) * (1 + 0.5 * equity);
    const revenue = demand * conversion * 60;
    const first = simulate(defaultModel).periods[0];
    expectClose(first.equity, equity, 'equity');
    expectClose(first.demand, demand, 'demand');
    expectClose(first.conversion, conversion, 'conversion');
    expectClose(first.revenue, revenue, 'revenue');
    expectClose(first.profit, revenue * 0.5 - 100000, 'profit');
    expect(first.equity).toBeCloseTo(0.30310560641960665, 15);
  });

  it('applies growth once a year and seasonality by period of the year', () => {
    // With no brand lift and no spend, demand is N₀'·season·(1 + g)^((t − 1)/P).
    const seasonality = [0.5, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1.5];
    const model = variant((draft) => {
      draft.brand.demandLift = 0;
      draft.market.growthPerYear = 0.1;
      draft.market.seasonality = seasonality;
    });
    const periods = simulate(model).periods;
    periods.forEach((period) => {
      const expected = 200000 * seasonality[(period.t - 1) % 12] * 1.1 ** ((period.t - 1) / 12);
      expectClose(period.demand, expected, `demand at t=${period.t}`);
    });
    expectClose(periods[12].demand, 200000 * 0.5 * 1.1, 'month 13 demand');
  });
});

describe('summary identities', () => {
  it('gives NPV equal to total profit when the discount rate is 0', () => {
    const result = simulate(variant((draft) => { draft.economics.discountRatePerYear = 0; }));
    const totalProfit = result.periods.reduce((sum, period) => sum + period.profit, 0);
    expectClose(result.summary.npv, totalProfit, 'npv');
  });

  it('discounts each period by (1 + r)^(−t/P)', () => {
    const result = simulate(defaultModel);
    const npv = result.periods.reduce((sum, period) => sum + period.profit * 1.08 ** (-period.t / 12), 0);
    expectClose(result.summary.npv, npv, 'npv');
  });

  it('decomposes revenue into base, upstream, downstream and synergy that add up to it', () => {
    for (const model of [defaultModel, variant((draft) => { draft.upstream.insightFeedback = 1; draft.periodsPerYear = 52; })]) {
      for (const period of simulate(model).periods) {
        const sum = period.revenueBase + period.revenueUpstream + period.revenueDownstream + period.revenueSynergy;
        expectClose(sum, period.revenue, `revenue at t=${period.t}`);
      }
    }
  });

  it('reports zero carryover and npvWithCarryover = npv when carryoverYears is 0', () => {
    const { summary } = simulate(variant((draft) => { draft.economics.carryoverYears = 0; }));
    expect(summary.carryoverValue).toBe(0);
    expect(summary.npvWithCarryover).toBe(summary.npv);
  });

  it('values a positive carryover when spend builds lasting equity', () => {
    const { summary } = simulate(defaultModel);
    expect(summary.carryoverValue).toBeGreaterThan(0);
    expectClose(summary.npvWithCarryover, summary.npv + summary.carryoverValue, 'npvWithCarryover');
  });

  it('has null ROI and ROI by year with no spend', () => {
    const { summary } = simulate(variant((draft) => { draft.budget = { perYear: 0, upstreamShare: 0.5 }; }));
    expect(summary.totalSpend).toBe(0);
    expect(summary.roi).toBeNull();
    expect(summary.roiByYear).toEqual([null, null, null]);
  });

  it('has null ROI for a year with no spend and a number for the others', () => {
    const { summary } = simulate(variant((draft) => { draft.budget = { perYear: [1200000, 0, 1200000], upstreamShare: 0.5 }; }));
    expect(summary.roiByYear[1]).toBeNull();
    expect(summary.roiByYear[0]).toEqual(expect.any(Number));
    expect(summary.roiByYear[2]).toEqual(expect.any(Number));
  });

  it('finds payback at the first period whose cumulative incremental profit is ≥ 0, or null', () => {
    const result = simulate(defaultModel);
    const baseline = simulate(variant((draft) => { draft.budget = { perYear: 0, upstreamShare: 0.5 }; }));
    let cumulative = 0;
    let expected: number | null = null;
    result.periods.forEach((period, index) => {
      cumulative += period.contribution - baseline.periods[index].contribution - period.upstream - period.downstream;
      if (expected === null && cumulative >= 0) expected = period.t;
    });
    expect(result.summary.paybackPeriod).toBe(expected);
    expect(expected).toBe(2);
    const neverPays = simulate(variant((draft) => { draft.economics.valuePerSale = 1; }));
    expect(neverPays.summary.paybackPeriod).toBeNull();
  });

  it('has no payback when nothing is spent (spec §5, 2026-12-02), and none before the first spend', () => {
    const nothingSpent = simulate(variant((draft) => { draft.budget = { perYear: 0, upstreamShare: 0.5 }; }));
    expect(nothingSpent.summary.totalSpend).toBe(0);
    expect(nothingSpent.summary.paybackPeriod).toBeNull();
    // Year 1 spends nothing: cumulative incremental profit is 0 (≥ 0) in every period of year 1,
    // but payback can only come once something has been spent, so not before period 13.
    const lateStart = simulate(variant((draft) => { draft.budget = { perYear: [0, 1200000, 1200000], upstreamShare: 0.5 }; }));
    expect(lateStart.summary.paybackPeriod).not.toBeNull();
    expect(lateStart.summary.paybackPeriod!).toBeGreaterThan(12);
  });

  it('splits NPV into the zero-spend business and the marketing’s own value (incremental NPV)', () => {
    const result = simulate(defaultModel);
    const baseline = simulate(variant((draft) => { draft.budget = { perYear: 0, upstreamShare: 0.5 }; }));
    // With no spend, the whole NPV is the business without marketing, and its own increment is 0.
    expect(baseline.summary.incrementalNpv).toBe(0);
    expect(baseline.summary.noSpendNpv).toBe(baseline.summary.npv);
    // The zero-spend run of any plan is that baseline: the same history and starting equity.
    expect(result.summary.noSpendNpv).toBeCloseTo(baseline.summary.npv, 6);
    expect(result.summary.incrementalNpv).toBeCloseTo(result.summary.npv - baseline.summary.npv, 6);
    expect(result.summary.incrementalNpvWithCarryover).toBeCloseTo(result.summary.incrementalNpv + result.summary.carryoverValue, 9);
    // r = 0: incremental NPV is the undiscounted incremental contribution less spend, i.e. ROI × spend.
    const undiscounted = simulate(variant((draft) => { draft.economics.discountRatePerYear = 0; }));
    const { roi, totalSpend, incrementalNpv } = undiscounted.summary;
    expect(incrementalNpv).toBeCloseTo(roi! * totalSpend, 4);
  });

  it('adds up ROI from the zero-spend counterfactual', () => {
    const result = simulate(defaultModel);
    const baseline = simulate(variant((draft) => { draft.budget = { perYear: 0, upstreamShare: 0.5 }; }));
    const incremental = result.periods.reduce((sum, period, index) => sum + period.contribution - baseline.periods[index].contribution, 0);
    expectClose(result.summary.roi, (incremental - 3600000) / 3600000, 'roi');
  });
});

describe('granularity', () => {
  it('changes yearly totals only through discretisation across monthly, quarterly and weekly periods', () => {
    const results = ([12, 4, 52] as const).map((periodsPerYear) =>
      simulate(variant((draft) => { draft.periodsPerYear = periodsPerYear; })).summary);
    const [monthly, quarterly, weekly] = results;
    for (const other of [quarterly, weekly]) {
      expect(other.totalSpend).toBeCloseTo(monthly.totalSpend, 6);
      expect(Math.abs(other.totalRevenue / monthly.totalRevenue - 1)).toBeLessThan(0.01);
      expect(Math.abs(other.finalEquity / monthly.finalEquity - 1)).toBeLessThan(0.02);
      expect(Math.abs(other.npvWithCarryover / monthly.npvWithCarryover - 1)).toBeLessThan(0.03);
    }
    // …and not exactly: the periods are different.
    expect(weekly.totalRevenue).not.toBe(monthly.totalRevenue);
  });
});
