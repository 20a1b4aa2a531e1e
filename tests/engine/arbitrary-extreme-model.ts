import fc from 'fast-check';
import type { Model, PeriodsPerYear } from '../../src/engine/index.ts';
import {
  MAX_HALF_LIFE_MONTHS, MAX_HILL_SHAPE, MAX_IN_MARKET_PER_MONTH, MAX_LAG_WINDOW_MONTHS, MAX_MONEY, MAX_MULTIPLIER,
  MAX_RATE_PER_YEAR, MAX_SEASONAL_INDEX, MAX_VALUE_PER_SALE, MIN_POSITIVE_SPEND,
} from '../../src/engine/model/model-fields.ts';

/** The smallest double above `value` (for exclusive lower bounds: just above 0, just above -1). */
function justAbove(value: number): number {
  if (value === 0) return Number.MIN_VALUE;
  const buffer = new Float64Array([value]);
  const bits = new BigInt64Array(buffer.buffer);
  bits[0] += value > 0 ? 1n : -1n;
  return buffer[0];
}

/**
 * A value in [lowest, highest], with the two ends themselves often and the rest spread over the
 * orders of magnitude between them (fast-check's doubles already favour very small and very large
 * magnitudes), so that the limits of docs/model-limits.md are reached in most models.
 */
function upTo(lowest: number, highest: number): fc.Arbitrary<number> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(lowest, highest), weight: 2 },
    { arbitrary: fc.double({ min: lowest, max: highest, noNaN: true, noDefaultInfinity: true }), weight: 3 },
  );
}

/** A budget for a year: 0, or from a cent up to the money limit. */
const budgetPerYear = fc.oneof(fc.constant(0), upTo(MIN_POSITIVE_SPEND, MAX_MONEY));
/** Any spend in a period or in the history, down to the smallest double. */
const spend = fc.oneof(fc.constant(0), upTo(Number.MIN_VALUE, MAX_MONEY));

/**
 * A plan whose sides each spend 0 or at least a cent in every year (a side's tiny year gets a
 * cent added), so the year's total does too: each side is a channel whose ROI divides by its spend.
 */
function withYearsOfACent(plan: { upstream: number[]; downstream: number[] }, periodsPerYear: number) {
  for (const row of [plan.upstream, plan.downstream]) {
    for (let start = 0; start < row.length; start += periodsPerYear) {
      let total = 0;
      for (let index = start; index < start + periodsPerYear; index += 1) total += row[index];
      if (total > 0 && total < MIN_POSITIVE_SPEND) row[start] += MIN_POSITIVE_SPEND;
    }
  }
  return plan;
}

/** A budget whose sides each spend 0 or at least a cent a year: a share leaving a side less is moved to 0 or 1. */
function withSidesOfACent(budget: { perYear: number | number[]; upstreamShare: number | number[] }, years: number) {
  const yearly = (setting: number | number[], year: number) => (typeof setting === 'number' ? setting : setting[year]);
  const shares = Array.from({ length: years }, (_, year) => {
    const perYear = yearly(budget.perYear, year);
    let share = yearly(budget.upstreamShare, year);
    if (share * perYear > 0 && share * perYear < MIN_POSITIVE_SPEND) share = 0;
    if ((1 - share) * perYear > 0 && (1 - share) * perYear < MIN_POSITIVE_SPEND) share = 1;
    return share;
  });
  return { ...budget, upstreamShare: shares.every((share) => share === shares[0]) && typeof budget.upstreamShare === 'number' ? shares[0] : shares };
}
const positiveMoney = upTo(justAbove(0), MAX_MONEY);
const halfLife = upTo(justAbove(0), MAX_HALF_LIFE_MONTHS);
const hillShape = upTo(justAbove(0), MAX_HILL_SHAPE);
const share = upTo(0, 1);
const rate = upTo(justAbove(-1), MAX_RATE_PER_YEAR);
const multiplier = upTo(0, MAX_MULTIPLIER);

/**
 * Any model that parseModel accepts, with every setting anywhere in its valid range including
 * both ends: the limits a real business never reaches (value per sale 1e12, buyers 1e12 a month,
 * growth 1,000 % a year, lifts of 100), the smallest positive doubles where a bound is exclusive
 * (a half-life of 5e-324 months), rates just above -1, a 600-month lag window, weekly periods over
 * 5 years and 5 carryover years; and the optional extensions (a short-term effect, equity from
 * history, the history carryover baseline, 12 monthly seasonal indices for other granularities).
 * Where overflow hides if anywhere.
 */
export const modelAtLimits: fc.Arbitrary<Model> = fc
  .record({
    periodsPerYear: fc.constantFrom<PeriodsPerYear>(12, 4, 52),
    horizonYears: fc.integer({ min: 1, max: 5 }),
  })
  .chain(({ periodsPerYear, horizonYears }) => {
    const periods = periodsPerYear * horizonYears;
    const yearly = (value: fc.Arbitrary<number>) =>
      fc.oneof(value, fc.array(value, { minLength: horizonYears, maxLength: horizonYears }));
    const spendSource = fc.oneof(
      fc.record({ budget: fc.record({ perYear: yearly(budgetPerYear), upstreamShare: yearly(share) }).map((budget) => withSidesOfACent(budget, horizonYears)) }),
      fc.record({
        plan: fc.record({
          upstream: fc.array(spend, { minLength: periods, maxLength: periods }),
          downstream: fc.array(spend, { minLength: periods, maxLength: periods }),
        }).map((plan) => withYearsOfACent(plan, periodsPerYear)),
      }),
    );
    const brand = upTo(justAbove(0), 1).chain((maxEquity) =>
      fc.record({
        initialEquity: fc.oneof(upTo(0, maxEquity), fc.constant('history' as const)),
        maxEquity: fc.constant(maxEquity),
        halfLifeMonths: halfLife,
        demandLift: multiplier,
        conversionLift: multiplier,
      }));
    const upstream = upTo(0, MAX_LAG_WINDOW_MONTHS).chain((lagWindowMonths) =>
      fc.record({
        lagMonths: upTo(0, lagWindowMonths),
        lagConcentration: upTo(justAbove(0), 1 - Number.EPSILON / 2), // (0, 1): the largest double below 1
        lagWindowMonths: fc.constant(lagWindowMonths),
        halfSaturation: positiveMoney,
        shape: hillShape,
        insightFeedback: multiplier,
        shortTerm: fc.option(fc.record({
          halfLifeMonths: halfLife, halfSaturation: positiveMoney, shape: hillShape, maxConversionLift: share,
        }), { nil: undefined }),
      }).map(withoutUndefined));
    const seasonalIndex = upTo(justAbove(0), MAX_SEASONAL_INDEX);
    return fc.record({
      name: fc.constant('model at the limits'),
      periodsPerYear: fc.constant(periodsPerYear),
      horizonYears: fc.constant(horizonYears),
      spendSource,
      history: fc.record({ upstreamPerMonth: spend, downstreamPerMonth: spend }),
      market: fc.record({
        inMarketPerMonth: upTo(justAbove(0), MAX_IN_MARKET_PER_MONTH),
        growthPerYear: rate,
        seasonality: fc.oneof(
          fc.constant(null),
          fc.array(seasonalIndex, { minLength: periodsPerYear, maxLength: periodsPerYear }),
          fc.array(seasonalIndex, { minLength: 12, maxLength: 12 }),
        ),
      }),
      brand,
      upstream,
      downstream: fc.record({ halfLifeMonths: halfLife, halfSaturation: positiveMoney, shape: hillShape, maxConversionLift: share }),
      economics: fc.record({
        baseConversion: share,
        valuePerSale: upTo(0, MAX_VALUE_PER_SALE),
        margin: share,
        discountRatePerYear: rate,
        carryoverYears: fc.integer({ min: 0, max: 5 }),
        carryoverBaseline: fc.option(fc.constantFrom('zero' as const, 'history' as const), { nil: undefined }),
      }).map(withoutUndefined),
    });
  })
  .map(({ spendSource, ...rest }) => ({ ...rest, ...spendSource }) as unknown as Model);

function withoutUndefined<T extends object>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as T;
}
