import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type ChannelModel, type Model, type TwoLeverModel, hill, parseModel, simulate } from '../../src/engine/index.ts';
import { lagWindowPeriods } from '../../src/engine/sim/compile-model.ts';
import { startingEquity } from '../../src/engine/sim/starting-equity.ts';
import { expectClose } from './expect-close.ts';
import { SHORT_TERM, baseModelWith } from './extension-fixtures.ts';
import { readdirSync } from 'node:fs';

// Values here are derived by hand from the spec's equations or their closed forms, not from the
// engine; the comment on each test says where its expected number comes from.

// The hand-worked numbers below are those of the default model as it was when they were derived
// (extension-fixtures.ts keeps it), so that recalibrating models/default.json cannot move them.
const defaultModel = baseModelWith() as TwoLeverModel;

function variant(change: (model: TwoLeverModel) => void): Model {
  const model = structuredClone(defaultModel);
  change(model);
  return parseModel(model);
}

function constantPlan(model: TwoLeverModel, upstreamPerPeriod: number, downstreamPerPeriod: number): void {
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

// ---------------------------------------------------------------------------------------------
// The optional extensions (docs/model.md). Expected values are worked out from the formulas
// there, on the fixed model of extension-fixtures.ts, not from the engine.
// ---------------------------------------------------------------------------------------------

const hillOf = (x: number, k: number, s: number) => (x === 0 ? 0 : x ** s / (x ** s + k ** s));

/** A plan that spends the history's amount every period (per period: per month · 12 / P). */
function historyPlan(json: Record<string, any>): void {
  const periods = json.periodsPerYear * json.horizonYears;
  const perPeriod = (perMonth: number) => (perMonth * 12) / json.periodsPerYear;
  delete json.budget;
  json.plan = {
    upstream: new Array(periods).fill(perPeriod(json.history.upstreamPerMonth)),
    downstream: new Array(periods).fill(perPeriod(json.history.downstreamPerMonth)),
  };
}

/** Every number of two results is the same double (Object.is), field by field. */
function expectSameBits(actual: unknown, expected: unknown, label: string): void {
  if (typeof expected === 'number') {
    expect(Object.is(actual, expected), `${label}: ${String(actual)} vs ${expected}`).toBe(true);
  } else if (expected !== null && typeof expected === 'object') {
    expect(Object.keys(actual as object), label).toEqual(Object.keys(expected));
    for (const [key, value] of Object.entries(expected)) expectSameBits((actual as Record<string, unknown>)[key], value, `${label}.${key}`);
  } else {
    expect(actual, label).toBe(expected);
  }
}

const presetFiles = readdirSync(new URL('../../models/', import.meta.url)).filter((file) => file.endsWith('.json') && file !== 'model.schema.json');
const presetJson = (file: string) => JSON.parse(readFileSync(new URL(`../../models/${file}`, import.meta.url), 'utf8'));

describe('brand.initialEquity "history"', () => {
  it('is maxEquity · Hill(u · (1 + κ·Hill(d; K_D, S_D)); K_U, S_U), worked out by hand', () => {
    const model = baseModelWith((json) => { json.brand.initialEquity = 'history'; json.upstream.insightFeedback = 0.8; });
    // Per month (pm cancels): d = 50000, K_D = 15000, S_D = 1.5; u = 50000, K_U = 60000, S_U = 1.
    const downstreamResponse = 50000 ** 1.5 / (50000 ** 1.5 + 15000 ** 1.5);
    const effective = 50000 * (1 + 0.8 * downstreamResponse);
    expectClose(startingEquity(model), 0.9 * effective / (effective + 60000), 'E*');
    // A number is returned as given.
    expect(startingEquity(baseModelWith())).toBe(0.3);
  });

  it.each([12, 4, 52] as const)('is a fixed point: the history\'s constant spend keeps equity at E* in every period (P = %i)', (periodsPerYear) => {
    const model = baseModelWith((json) => {
      json.periodsPerYear = periodsPerYear;
      json.brand.initialEquity = 'history';
      json.upstream.insightFeedback = 0.8;
      json.upstream.shape = 2.2;
      historyPlan(json);
    });
    const equity = startingEquity(model);
    expect(equity).toBeGreaterThan(0.1);
    for (const period of simulate(model).periods) {
      expect(Math.abs(period.equity - equity), `t=${period.t}: ${period.equity} vs ${equity}`).toBeLessThanOrEqual(1e-12 * equity);
    }
  });

  it('is the same at every period length', () => {
    const equities = ([12, 4, 52] as const).map((periodsPerYear) =>
      startingEquity(baseModelWith((json) => { json.periodsPerYear = periodsPerYear; json.brand.initialEquity = 'history'; json.upstream.insightFeedback = 0.5; })));
    expectClose(equities[1], equities[0], 'quarterly vs monthly');
    expectClose(equities[2], equities[0], 'weekly vs monthly');
  });
});

describe('upstream.shortTerm', () => {
  it('adds c_liftˢ · Hill(u; Kˢ, Sˢ) to conversion when upstream spend stays at the history\'s u', () => {
    // aₜ = ρˢ·u + (1 − ρˢ)·u = u in every period; dₜ = the history's d likewise.
    const model = baseModelWith((json) => { json.upstream.shortTerm = { ...SHORT_TERM }; historyPlan(json); });
    const shortTermLift = SHORT_TERM.maxConversionLift * hillOf(50000, SHORT_TERM.halfSaturation, SHORT_TERM.shape);
    const downstreamLift = 0.015 * hillOf(50000, 15000, 1.5);
    for (const period of simulate(model).periods) {
      expectClose(period.conversion, (0.01 + downstreamLift + shortTermLift) * (1 + 0.5 * period.equity), `conversion at t=${period.t}`);
    }
  });

  it('with maxConversionLift 0 gives bit for bit the results without it, on every preset', () => {
    for (const file of presetFiles) {
      // A two-lever file's upstream lever, or every upstream channel of a channel-form file (spec §9.1).
      const upstreamLevers = (json: any): any[] => (json.upstream.channels === undefined ? [json.upstream] : Object.values(json.upstream.channels));
      const without = presetJson(file);
      for (const lever of upstreamLevers(without)) delete lever.shortTerm;
      const withZero = structuredClone(without);
      for (const lever of upstreamLevers(withZero)) lever.shortTerm = { ...SHORT_TERM, maxConversionLift: 0 };
      expectSameBits(simulate(parseModel(withZero)), simulate(parseModel(without)), file);
    }
  });

  it('leaves equity alone: it is a conversion effect, not part of insight feedback', () => {
    const without = simulate(baseModelWith((json) => { json.upstream.insightFeedback = 1; }));
    const withShortTerm = simulate(baseModelWith((json) => { json.upstream.insightFeedback = 1; json.upstream.shortTerm = { ...SHORT_TERM }; }));
    withShortTerm.periods.forEach((period, index) => expect(period.equity).toBe(without.periods[index].equity));
    expect(withShortTerm.summary.totalRevenue).toBeGreaterThan(without.summary.totalRevenue);
  });
});

describe('economics.carryoverBaseline', () => {
  it('"zero" given explicitly is bit for bit the same as leaving it out, on every preset', () => {
    for (const file of presetFiles) {
      const absent = presetJson(file);
      delete absent.economics.carryoverBaseline;
      const zero = structuredClone(absent);
      zero.economics.carryoverBaseline = 'zero';
      expectSameBits(simulate(parseModel(zero)), simulate(parseModel(absent)), file);
    }
  });

  // Downstream only (λ = μ = 0 and no upstream spend, so revenue depends on the adstock alone),
  // with the plan spending the history's D every period. Then the plan's adstock is D throughout
  // the horizon, the zero-spend run's is ρᵗ·D, and after T (n = t − T periods):
  //   "zero":    plan ρⁿ·D,  zero-spend ρᵗ·D
  //   "history": plan D,     zero-spend D·(1 − ρⁿ·(1 − ρᵀ))
  it.each(['zero', 'history'] as const)('values the carryover as worked out by hand ("%s")', (baseline) => {
    const model = baseModelWith((json) => {
      json.brand.demandLift = 0;
      json.brand.conversionLift = 0;
      json.history.upstreamPerMonth = 0;
      json.budget.upstreamShare = 0;
      json.economics.carryoverBaseline = baseline;
      historyPlan(json);
    });
    const rho = 0.5 ** (1 / 0.5);
    const spend = 50000;
    const periods = 36;
    let expected = 0;
    for (let t = periods + 1; t <= periods + 24; t += 1) {
      const n = t - periods;
      const planned = baseline === 'zero' ? rho ** n * spend : spend;
      const zeroSpend = baseline === 'zero' ? rho ** t * spend : spend * (1 - rho ** n * (1 - rho ** periods));
      const contribution = (adstock: number) => 200000 * (0.01 + 0.015 * hillOf(adstock, 15000, 1.5)) * 60 * 0.5;
      expected += (contribution(planned) - contribution(zeroSpend)) * 1.08 ** (-t / 12);
    }
    const summary = simulate(model).summary;
    expectClose(summary.carryoverValue, expected, 'carryoverValue');
    expectClose(summary.npvWithCarryover, summary.npv + expected, 'npvWithCarryover', Math.abs(summary.npv));
  });

  it('leaves no spend after the horizon in the reused buffers: a "zero" model after a "history" one of the same shape', () => {
    const zero = baseModelWith();
    simulate(baseModelWith((json) => { json.horizonYears = 1; })); // another shape: the next call gets new buffers
    const fresh = simulate(zero);
    simulate(baseModelWith((json) => { json.economics.carryoverBaseline = 'history'; }));
    expectSameBits(simulate(zero), fresh, 'after a "history" run');
  });

  it('"history" changes neither the horizon\'s figures nor, with no carryover years, the carryover', () => {
    const zero = simulate(baseModelWith()).summary;
    const history = simulate(baseModelWith((json) => { json.economics.carryoverBaseline = 'history'; })).summary;
    for (const name of ['totalSpend', 'totalRevenue', 'finalEquity', 'npv', 'roi', 'paybackPeriod'] as const) expect(history[name]).toBe(zero[name]);
    expect(history.carryoverValue).not.toBe(zero.carryoverValue);
    const none = simulate(baseModelWith((json) => { json.economics.carryoverBaseline = 'history'; json.economics.carryoverYears = 0; })).summary;
    expect(none.carryoverValue).toBe(0);
    expect(none.npvWithCarryover).toBe(none.npv);
  });
});

describe('market.seasonality as 12 monthly values', () => {
  const months = [0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7];

  /** Each period's seasonal index, recovered from demand: Nₜ / (N₀' · (1 + λ·Eₜ)) with no growth. */
  function seasonalIndexOfEachPeriod(periodsPerYear: 4 | 52): number[] {
    const model = baseModelWith((json) => { json.periodsPerYear = periodsPerYear; json.horizonYears = 1; json.market.seasonality = months; });
    const perPeriod = 200000 * 12 / periodsPerYear;
    return simulate(model).periods.map((period) => period.demand / (perPeriod * (1 + 2 * period.equity)));
  }

  it('gives a quarter the mean of its three months', () => {
    const expected = [(0.6 + 0.7 + 0.8) / 3, (0.9 + 1.0 + 1.1) / 3, (1.2 + 1.3 + 1.4) / 3, (1.5 + 1.6 + 1.7) / 3];
    seasonalIndexOfEachPeriod(4).forEach((index, quarter) => expectClose(index, expected[quarter], `quarter ${quarter + 1}`));
  });

  it('gives a week the month that holds its midpoint, ⌊(w + 0.5)·12/52⌋', () => {
    // Written out from the rule: 4 or 5 weeks a month, the 5-week months being Feb, May, Aug and Nov.
    const monthOfWeek = [
      0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 4, 5, 5, 5, 5,
      6, 6, 6, 6, 7, 7, 7, 7, 7, 8, 8, 8, 8, 9, 9, 9, 9, 10, 10, 10, 10, 10, 11, 11, 11, 11,
    ];
    seasonalIndexOfEachPeriod(52).forEach((index, week) => expectClose(index, months[monthOfWeek[week]], `week ${week}`));
  });

  it('leaves a monthly model\'s 12 values as given', () => {
    const model = baseModelWith((json) => { json.horizonYears = 1; json.market.seasonality = months; });
    simulate(model).periods.forEach((period, month) => expectClose(period.demand / (200000 * (1 + 2 * period.equity)), months[month], `month ${month}`));
  });
});

// ---------------------------------------------------------------------------------------------
// Channels (spec §9; docs/model.md "Channels" and "Equity implied by history"). Expected values
// are worked out from the formulas on the spec's §9.1 example (written out below), not from the
// engine.
// ---------------------------------------------------------------------------------------------

/**
 * The spec's §9.1 example (TV and Sponsorship upstream, Search and Social downstream) around the
 * default model's market, brand and economics, written out here so that the numbers below, worked
 * out from it by hand, cannot move with edits elsewhere. A fresh copy each call.
 */
function channelExampleModel(): ChannelModel {
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
        TV: { share: 0.7, historyPerMonth: 35000, lagMonths: 4, lagConcentration: 0.6, lagWindowMonths: 12, halfSaturation: 45000, shape: 1, maxEquityShare: 0.7 },
        Sponsorship: { share: 0.3, historyPerMonth: 15000, lagMonths: 6, lagConcentration: 0.7, lagWindowMonths: 18, halfSaturation: 25000, shape: 1, maxEquityShare: 0.3 },
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

/** A channel model spending each channel's history every period (per period: per month · 12 / P). */
function channelHistoryPlan(model: ChannelModel): void {
  const periods = model.periodsPerYear * model.horizonYears;
  delete model.budget;
  model.plan = {};
  for (const side of [model.upstream.channels, model.downstream.channels]) {
    for (const [name, channel] of Object.entries(side)) model.plan[name] = new Array(periods).fill(channel.historyPerMonth * 12 / model.periodsPerYear);
  }
}

describe('channels: equity', () => {
  // §9.1 example: TV (history 35000, K 45000, S 1, β 0.7), Sponsorship (15000, 25000, 1, 0.3);
  // Search (30000, K 9000, S 1.5), Social (20000, K 7000, S 1.2); maxEquity 0.9; per month (pm cancels).
  function expectedEquityFromHistory(kappa: number): number {
    const activity = (hillOf(30000, 9000, 1.5) + hillOf(20000, 7000, 1.2)) / 2;
    const lift = 1 + kappa * activity;
    return 0.9 * (0.7 * hillOf(35000 * lift, 45000, 1) + 0.3 * hillOf(15000 * lift, 25000, 1));
  }

  it('"history" starts at maxEquity · Σ βᵢ · Hill(uᵢ · (1 + κ·A*)), A* the mean downstream response, worked out by hand', () => {
    const model = channelExampleModel();
    model.brand.initialEquity = 'history';
    model.upstream.insightFeedback = 0.8;
    expectClose(startingEquity(model), expectedEquityFromHistory(0.8), 'E* with κ = 0.8');
    model.upstream.insightFeedback = 0;
    expectClose(startingEquity(model), expectedEquityFromHistory(0), 'E* with κ = 0');
    // About 0.9 · (0.7 · 35/80 + 0.3 · 15/40) = 0.3769 with κ = 0.
    expectClose(expectedEquityFromHistory(0), 0.9 * (0.7 * 35 / 80 + 0.3 * 15 / 40), 'E* by fractions');
  });

  it.each([12, 4, 52] as const)('stays at E* while every channel keeps spending its history (P = %i)', (periodsPerYear) => {
    // Each bᵢ = uᵢ (normalised lag weights), each dⱼ = its history (normalised adstock), so the
    // inflow equals E*'s and E* is the fixed point of the equity equation.
    const model = channelExampleModel();
    model.periodsPerYear = periodsPerYear;
    model.brand.initialEquity = 'history';
    model.upstream.insightFeedback = 0.8;
    model.upstream.channels.TV.shape = 2.2;
    channelHistoryPlan(model);
    const equity = startingEquity(model);
    for (const period of simulate(model).periods) {
      expect(Math.abs(period.equity - equity), `t=${period.t}: ${period.equity} vs ${equity}`).toBeLessThanOrEqual(1e-12 * equity);
    }
  });

  it('with no upstream channels only decays: Eₜ = E₀ · ρ_E^t', () => {
    const model = channelExampleModel();
    model.upstream.channels = {};
    model.budget = { perYear: 600000, upstreamShare: 0 };
    const rho = 0.5 ** (1 / 13);
    for (const period of simulate(model).periods) expectClose(period.equity, 0.3 * rho ** period.t, `equity at t=${period.t}`);
  });
});

describe('channels: conversion', () => {
  it('adds each downstream channel\'s c_lift · Hill(d) and each short-term effect at steady spend', () => {
    // With every channel at its history: dⱼ = history, aᵢ = history, so
    // c = (c₀ + Σⱼ c_liftⱼ·Hill(dⱼ) + c_liftˢ·Hill(u_TV; Kˢ, Sˢ)) · (1 + μE).
    const model = channelExampleModel();
    model.upstream.channels.TV.shortTerm = { halfLifeMonths: 0.75, halfSaturation: 40000, shape: 1.3, maxConversionLift: 0.006 };
    channelHistoryPlan(model);
    const lift = 0.009 * hillOf(30000, 9000, 1.5) + 0.006 * hillOf(20000, 7000, 1.2) + 0.006 * hillOf(35000, 40000, 1.3);
    for (const period of simulate(model).periods) {
      expectClose(period.conversion, (0.042 + lift) * (1 + 0.05 * period.equity), `conversion at t=${period.t}`);
    }
  });
});

describe('channels: spreading a side', () => {
  // Two upstream channels with the same curve (K, S), β ½ each, a side spending U a month for
  // good. All in one: E* = maxEquity · ½ · Hill(U). Spread evenly: E* = maxEquity · Hill(U/2).
  // For a concave curve (S ≤ 1) Hill(U/2) ≥ ½ · Hill(U), since Hill is concave with Hill(0) = 0:
  // spreading wins (spec §9.3's "similar curves"). For an S-shaped curve (S > 1) below its
  // inflection, Hill(U/2) ≈ Hill(U) / 2^S < ½ · Hill(U): concentrating wins there.
  function steadyEquity(shape: number, perMonth: number, split: number): number {
    const model = channelExampleModel();
    model.brand.initialEquity = 'history';
    for (const [name, share] of [['TV', split], ['Sponsorship', 1 - split]] as const) {
      const channel = model.upstream.channels[name];
      channel.historyPerMonth = perMonth * share;
      channel.halfSaturation = 30000;
      channel.shape = shape;
      channel.maxEquityShare = 0.5;
    }
    channelHistoryPlan(model);
    return simulate(model).summary.finalEquity;
  }

  it('raises equity with a concave curve', () => {
    expectClose(steadyEquity(1, 50000, 0.5), 0.9 * hillOf(25000, 30000, 1), 'spread');
    expectClose(steadyEquity(1, 50000, 1), 0.9 * 0.5 * hillOf(50000, 30000, 1), 'all in TV');
    expect(steadyEquity(1, 50000, 0.5)).toBeGreaterThan(steadyEquity(1, 50000, 1));
    expect(steadyEquity(0.6, 5000, 0.5)).toBeGreaterThan(steadyEquity(0.6, 5000, 1));
  });

  it('but lowers it with an S-shaped curve below its inflection', () => {
    expectClose(steadyEquity(3, 10000, 0.5), 0.9 * hillOf(5000, 30000, 3), 'spread');
    expect(steadyEquity(3, 10000, 0.5)).toBeLessThan(steadyEquity(3, 10000, 1));
  });
});
