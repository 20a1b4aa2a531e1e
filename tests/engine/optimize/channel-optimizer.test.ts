/**
 * The optimiser over channels: the split between channels as well as between sides, per-channel
 * bounds, and the first-order (KKT) conditions at the optimum, checked with the engine's adjoint
 * (`objectiveGradientAt`, itself checked against central differences in objective-gradient.test.ts).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseModel, simulate, type ChannelModel, type Model } from '../../../src/engine/index.ts';
import { OptimizeError, budgetForTargetRoi, budgetFrontier, optimize, type OptimizeResult, type PhasingName } from '../../../src/engine/optimize/index.ts';
import { compileModel } from '../../../src/engine/sim/compile-model.ts';
import { objectiveGradientAt } from '../../../src/engine/sim/objective-gradient.ts';
import { OBJECTIVES } from '../../../src/engine/sim/objectives.ts';
import { PHASING_NAMES, expectPlanWithinBounds } from './optimize-test-kit.ts';

/** Spec 9.1's example (TV, Sponsorship; Search, Social), 3 years monthly. */
const example = parseModel(JSON.parse(readFileSync(new URL('../fixtures/channel-example.json', import.meta.url), 'utf8'))) as ChannelModel;

/** The example, 2 years quarterly: small enough for fast-check over every phasing. */
function smallExample(changes: Partial<ChannelModel> = {}): ChannelModel {
  return parseModel({ ...structuredClone(example), periodsPerYear: 4, horizonYears: 2, ...changes }) as ChannelModel;
}

const NAMES = ['TV', 'Sponsorship', 'Search', 'Social'];

/** The result's plan as channel rows, in the model's order. */
function rowsOf(result: OptimizeResult): Float64Array[] {
  const plan = result.plan as Record<string, number[]>;
  return NAMES.map((name) => Float64Array.from(plan[name]));
}

/**
 * Each channel's marginal return per unit of budget over `periods`, the extra money spread as the
 * plan spreads its budget there (in proportion to each period's average budget): Σₜ B̄ₜ·gᶜₜ / Σₜ B̄ₜ,
 * with g = ∂npvWithCarryover/∂spend (net of the spend's own discounted cost).
 */
function marginalPerUnit(model: Model, result: OptimizeResult, periods: readonly number[]): number[] {
  const gradient = objectiveGradientAt(compileModel(model), OBJECTIVES.npvWithCarryover, rowsOf(result));
  const average = (index: number) => result.budgetPerYear[Math.floor(index / model.periodsPerYear)] / model.periodsPerYear;
  let weight = 0;
  for (const index of periods) weight += average(index);
  return gradient.map((row) => periods.reduce((total, index) => total + average(index) * row[index], 0) / weight);
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, index) => from + index);

/** KKT tolerance: marginal returns equal to within this (money per unit of money) at an interior optimum (measured: at most 6.5e-10). */
const KKT_TOLERANCE = 1e-8;

describe('the split between channels', () => {
  it('returns the plan in the channel form, which simulate reproduces, with each channel\'s share of its side', () => {
    const result = optimize(example, { phasing: 'yearly' });
    expect(Object.keys(result.plan)).toEqual(NAMES);
    const replayed = simulate(parseModel({ ...example, plan: result.plan }));
    expect(replayed.summary.npvWithCarryover).toBe(result.value);
    for (let year = 0; year < 3; year += 1) {
      expect(result.channelShareByYear.TV[year]! + result.channelShareByYear.Sponsorship[year]!).toBeCloseTo(1, 12);
      expect(result.channelShareByYear.Search[year]! + result.channelShareByYear.Social[year]!).toBeCloseTo(1, 12);
    }
  });

  it('constant: at the interior optimum every channel\'s marginal return per unit of budget is the same (KKT)', () => {
    const result = optimize(example, { phasing: 'constant' });
    for (const name of NAMES) expect(result.channelShareByYear[name][0]).toBeGreaterThan(0.05);
    const marginal = marginalPerUnit(example, result, range(0, 36));
    const spread = Math.max(...marginal) - Math.min(...marginal);
    expect(spread).toBeLessThan(KKT_TOLERANCE);
    // And the split beats the model's own and a split by sides only.
    expect(result.value).toBeGreaterThan(result.current.value);
  });

  it('yearly: within every year the channels\' marginal returns are the same (KKT)', () => {
    const result = optimize(example, { phasing: 'yearly' });
    for (let year = 0; year < 3; year += 1) {
      const marginal = marginalPerUnit(example, result, range(12 * year, 12 * year + 12));
      expect(Math.max(...marginal) - Math.min(...marginal), `year ${year + 1}`).toBeLessThan(KKT_TOLERANCE);
    }
  });

  it('a maximum that binds leaves its channel with a higher marginal return; a minimum that binds, a lower one', () => {
    const free = optimize(example, { phasing: 'yearly' });
    const freeTv = (free.plan as Record<string, number[]>).TV.slice(0, 12).reduce((a, b) => a + b, 0);
    const capped = optimize(example, { phasing: 'yearly', bounds: { TV: { maxPerYear: 0.8 * freeTv } } });
    const cappedTv = (capped.plan as Record<string, number[]>).TV.slice(0, 12).reduce((a, b) => a + b, 0);
    expect(cappedTv).toBeCloseTo(0.8 * freeTv, 6);
    const high = marginalPerUnit(example, capped, range(0, 12));
    for (const other of [1, 2, 3]) expect(high[0]).toBeGreaterThan(high[other] + 100 * KKT_TOLERANCE);
    // The channels without a binding bound still share one marginal return.
    expect(Math.max(high[1], high[2], high[3]) - Math.min(high[1], high[2], high[3])).toBeLessThan(KKT_TOLERANCE);

    const forced = optimize(example, { phasing: 'yearly', bounds: { Sponsorship: { minPerYear: 300000 } } });
    const low = marginalPerUnit(example, forced, range(0, 12));
    for (const other of [0, 2, 3]) expect(low[1]).toBeLessThan(low[other] - 100 * KKT_TOLERANCE);
    expect(capped.value).toBeLessThan(free.value);
    expect(forced.value).toBeLessThan(free.value);
  });

  it('reads bounds from the model file, and the option replaces them field by field', () => {
    const withFile = structuredClone(example);
    withFile.upstream.channels.TV.bounds = { minPerYear: 500000, maxPerYear: 520000 };
    const model = parseModel(withFile);
    const fromFile = optimize(model, { phasing: 'yearly' });
    const tvByYear = (result: OptimizeResult) => [0, 1, 2].map((year) => (result.plan as Record<string, number[]>).TV.slice(12 * year, 12 * year + 12).reduce((a, b) => a + b, 0));
    for (const spend of tvByYear(fromFile)) expect(spend).toBeGreaterThanOrEqual(500000 * (1 - 1e-9));
    for (const spend of tvByYear(fromFile)) expect(spend).toBeLessThanOrEqual(520000 * (1 + 1e-9));
    const replaced = optimize(model, { phasing: 'yearly', bounds: { TV: { maxPerYear: 510000 } } });
    for (const spend of tvByYear(replaced)) expect(spend).toBeLessThanOrEqual(510000 * (1 + 1e-9));
    for (const spend of tvByYear(replaced)) expect(spend).toBeGreaterThanOrEqual(500000 * (1 - 1e-9));
  });

  it.each([
    ['a minimum above the year\'s budget', { TV: { minPerYear: 1300000 } }, /channel "TV" must spend at least 1,300,000 a year, more than year 1's budget of 1,200,000/],
    ['minimums adding up to more than the budget', { TV: { minPerYear: 700000 }, Search: { minPerYear: 600000 } }, /minimum spends add up to 1,300,000 a year \(TV 700,000, Search 600,000\), more than year 1's budget/],
    ['maximums adding up to less than the budget', { TV: { maxPerYear: 1 }, Sponsorship: { maxPerYear: 1 }, Search: { maxPerYear: 1 }, Social: { maxPerYear: 1 } }, /maximum spends add up to 4 a year .* less than year 1's budget/],
    ['an unknown channel', { Radio: { minPerYear: 1 } }, /no channel "Radio" to bound: the model's channels are TV, Sponsorship, Search, Social/],
    ['a minimum above the maximum', { TV: { minPerYear: 2, maxPerYear: 1 } }, /channel "TV" has a minimum spend per year \(2\) above its maximum \(1\)/],
    ['upstream minimums beyond the share limit', { TV: { minPerYear: 500000 } }, /upstream channels' minimum spends \(TV 500,000\) add up to 500,000 a year, more than the share limits allow the upstream side of year 1's budget/],
  ] as const)('refuses %s with an OptimizeError naming the channel and year', (_, bounds, message) => {
    const options = { bounds, maxShare: bounds === undefined ? 1 : 0.4 };
    const attempt = () => optimize(example, message.source.includes('share limits') ? options : { bounds });
    expect(attempt).toThrow(OptimizeError);
    expect(attempt).toThrow(message);
  });

  it('refuses a constant split that no single share keeps within bounds when the years\' budgets differ, naming the years', () => {
    const model = parseModel({ ...structuredClone(example), budget: { perYear: [1000000, 2000000, 2000000], upstreamShare: 0.5 } });
    const bounds = { TV: { minPerYear: 200000, maxPerYear: 250000 } };
    expect(() => optimize(model, { bounds })).toThrow(/no single split keeps channel "TV" within its bounds every year: year 1 needs at least 20.0 % of the budget, year 2 allows at most 12.5 %/);
    // A phasing that may change the split by year finds one.
    const yearly = optimize(model, { phasing: 'yearly', bounds });
    expect(yearly.channelShareByYear.TV[0]).toBeGreaterThan(0);
  });

  it('keeps every bound (budgets, shares, channel bounds per year) to 1e-9 relative for any feasible bounds and phasing (fast-check)', () => {
    const model = smallExample();
    const budget = 1200000;
    const bound = fc.oneof(
      fc.constant({}),
      fc.record({ minPerYear: fc.double({ min: 0, max: 0.2 * budget, noNaN: true }) }),
      fc.record({ maxPerYear: fc.double({ min: 0.3 * budget, max: budget, noNaN: true }) }),
      fc.double({ min: 0, max: 0.2 * budget, noNaN: true }).chain((low) => fc.double({ min: low, max: low + 0.5 * budget, noNaN: true }).map((high) => ({ minPerYear: low, maxPerYear: Math.max(high, 0.3 * budget) }))),
    );
    fc.assert(fc.property(fc.tuple(bound, bound, bound, bound), fc.constantFrom<PhasingName>(...PHASING_NAMES), (four, phasing) => {
      const bounds = Object.fromEntries(NAMES.map((name, index) => [name, four[index]]));
      const result = optimize(model, { phasing, bounds, effort: 0.2 });
      expectPlanWithinBounds(result, 4, { minShare: 0, maxShare: 1, minPeriodMultiple: 0, maxPeriodMultiple: Infinity });
      const plan = result.plan as Record<string, number[]>;
      for (const name of NAMES) {
        const { minPerYear = 0, maxPerYear = Infinity } = bounds[name] as { minPerYear?: number; maxPerYear?: number };
        for (let year = 0; year < 2; year += 1) {
          const spend = plan[name].slice(4 * year, 4 * year + 4).reduce((a, b) => a + b, 0);
          expect(spend, `${name} year ${year + 1} (${phasing})`).toBeGreaterThanOrEqual(minPerYear - 1e-9 * budget);
          expect(spend, `${name} year ${year + 1} (${phasing})`).toBeLessThanOrEqual(maxPerYear + 1e-9 * budget);
        }
      }
      expect(simulate(parseModel({ ...model, plan: result.plan })).summary.npvWithCarryover).toBe(result.value);
    }), { numRuns: 30 });
  });

  it('richer phasings score at least the coarser ones with channel bounds', () => {
    const model = smallExample();
    const bounds = { TV: { minPerYear: 250000 }, Social: { maxPerYear: 150000 } };
    const values = PHASING_NAMES.map((phasing) => optimize(model, { phasing, bounds, exactBest: true }).value);
    for (let index = 1; index < values.length; index += 1) expect(values[index]).toBeGreaterThanOrEqual(values[index - 1] - 1e-9 * Math.abs(values[index - 1]));
  });

  it('frontier reports each channel\'s spend along the budget range', () => {
    const frontier = budgetFrontier(smallExample(), { from: 0.5, to: 1.5, steps: 3 });
    for (const point of frontier.points) {
      expect(point.channels.map((channel) => channel.name)).toEqual(NAMES);
      const total = point.channels.reduce((sum, channel) => sum + channel.spend, 0);
      expect(total).toBeCloseTo(point.totalSpend, 6);
    }
    // More budget, more spend on every channel here (each has diminishing returns of its own).
    for (let channel = 0; channel < 4; channel += 1) {
      expect(frontier.points[2].channels[channel].spend).toBeGreaterThan(frontier.points[0].channels[channel].spend);
    }
  });

  it('robust (risk-averse) plans split over the channels too, within the bounds, never below the central optimum on the same draws', () => {
    const model = smallExample({
      uncertainty: {
        'upstream.channels.TV.halfSaturation': { dist: 'lognormal', median: 45000, sigma: 0.3 },
        'downstream.channels.Search.maxConversionLift': { dist: 'normal', mean: 0.009, sd: 0.002 },
      },
    });
    const bounds = { Social: { maxPerYear: 200000 } };
    for (const phasing of ['yearly', 'flighting'] as const) {
      const result = optimize(model, { phasing, bounds, robust: { statistic: 'p10', draws: 40, seed: 3 } });
      const robust = result.robust!;
      expect(robust.value).toBeGreaterThanOrEqual(robust.centralOptimum.value);
      // (The model's own plan spends 240,000 a year on Social, beyond the bound, so it is no floor here.)
      const plan = result.plan as Record<string, number[]>;
      expect(Object.keys(plan)).toEqual(NAMES);
      for (let year = 0; year < 2; year += 1) {
        expect(plan.Social.slice(4 * year, 4 * year + 4).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(200000 * (1 + 1e-9));
      }
      expect(simulate(parseModel({ ...model, plan: result.plan })).summary.npvWithCarryover).toBe(result.value);
    }
  });

  it('keeps maxStep and minFlight for each channel, with channel bounds (period and flighting)', () => {
    const model = smallExample();
    const bounds = { TV: { minPerYear: 250000 }, Search: { maxPerYear: 300000 } };
    for (const phasing of ['period', 'flighting'] as const) {
      const result = optimize(model, { phasing, bounds, maxStep: 0.3, minFlight: 2, exactBest: true });
      expectPlanWithinBounds(result, 4, { minShare: 0, maxShare: 1, minPeriodMultiple: 0, maxPeriodMultiple: Infinity, maxStep: 0.3, minFlight: 2 });
      const plan = result.plan as Record<string, number[]>;
      for (let year = 0; year < 2; year += 1) {
        expect(plan.TV.slice(4 * year, 4 * year + 4).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(250000 * (1 - 1e-9));
        expect(plan.Search.slice(4 * year, 4 * year + 4).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(300000 * (1 + 1e-9));
      }
    }
  });

  it('the target-ROI search passes over budgets the channel bounds cannot be split within, and keeps the bounds', () => {
    const model = smallExample();
    const found = budgetForTargetRoi(model, { targetRoi: 0.5, bounds: { TV: { minPerYear: 300000 } } });
    expect(found.feasible).toBe(true);
    expect(found.budgetPerYear).toBeGreaterThanOrEqual(300000);
    const plan = found.result.plan as Record<string, number[]>;
    for (let year = 0; year < 2; year += 1) expect(plan.TV.slice(4 * year, 4 * year + 4).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(300000 * (1 - 1e-9));
    expect(found.result.summary.roi).toBeGreaterThanOrEqual(0.5);
  });

  it('flighting moves spend between periods within a channel\'s binding yearly maximum (it stalled on the even plan before)', () => {
    const raw = structuredClone(smallExample()) as ChannelModel;
    raw.upstream.channels = {};
    raw.budget = { perYear: 1200000, upstreamShare: 0 };
    const model = parseModel(raw);
    const bounds = { Social: { maxPerYear: 300000 } };
    const constant = optimize(model, { phasing: 'constant', bounds });
    const flighting = optimize(model, { phasing: 'flighting', bounds, exactBest: true });
    expect(flighting.value).toBeGreaterThan(constant.value + 1e-5 * Math.abs(constant.value));
    const social = (flighting.plan as Record<string, number[]>).Social;
    for (let year = 0; year < 2; year += 1) expect(social.slice(4 * year, 4 * year + 4).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(300000 * (1 + 1e-9));
  });
});
