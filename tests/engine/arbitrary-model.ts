import fc from 'fast-check';
import type { Model, PeriodsPerYear } from '../../src/engine/index.ts';

/** A double in [min, max] with no NaN or infinity. */
export function between(min: number, max: number): fc.Arbitrary<number> {
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

/** The object without its undefined entries: an optional field that is absent is left out. */
function withoutUndefined<T extends object>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as T;
}

/** A spend: 0, or at least a cent (parseModel refuses fractions of a cent, see MIN_POSITIVE_SPEND). */
const money = (max: number) => fc.oneof(fc.constant(0), between(0.01, max));

/**
 * Any valid model, over the whole space the spec allows (with magnitudes kept realistic so
 * that outputs stay finite): every granularity and horizon, scalar or per-year budgets, an
 * explicit plan, seasonality, insight feedback, carryover, conversion hitting its cap of 1;
 * and the optional extensions: upstream.shortTerm, the "history" carryover baseline, and 12
 * monthly seasonality values for quarterly and weekly models. Optional fields are left out (not
 * set to undefined) when absent, as in a file. The starting equity is a number, as the tests
 * that read every setting as a number need (`anyValidModel` also gives "history").
 */
export const validModel: fc.Arbitrary<Model> = modelArbitrary(false);

/** `validModel`, with a starting equity of "history" in about one model in five. */
export const anyValidModel: fc.Arbitrary<Model> = modelArbitrary(true);

function modelArbitrary(equityFromHistory: boolean): fc.Arbitrary<Model> {
  return fc.record({
    periodsPerYear: fc.constantFrom<PeriodsPerYear>(12, 4, 52),
    horizonYears: fc.integer({ min: 1, max: 5 }),
  })
  .chain(({ periodsPerYear, horizonYears }) => {
    const periods = periodsPerYear * horizonYears;
    const yearly = (value: fc.Arbitrary<number>) =>
      fc.oneof(value, fc.array(value, { minLength: horizonYears, maxLength: horizonYears }));
    const spendSource = fc.oneof(
      fc.record({ budget: fc.record({ perYear: yearly(money(5e6)), upstreamShare: yearly(between(0, 1)) }) }),
      fc.record({
        plan: fc.record({
          upstream: fc.array(money(4e5), { minLength: periods, maxLength: periods }),
          downstream: fc.array(money(4e5), { minLength: periods, maxLength: periods }),
        }),
      }),
    );
    const brand = between(0.01, 1).chain((maxEquity) =>
      fc.record({
        initialEquity: equityFromHistory
          ? fc.oneof({ arbitrary: between(0, maxEquity), weight: 4 }, { arbitrary: fc.constant<'history'>('history'), weight: 1 })
          : between(0, maxEquity),
        maxEquity: fc.constant(maxEquity),
        halfLifeMonths: between(0.2, 120),
        demandLift: between(0, 5),
        conversionLift: between(0, 3),
      }));
    const upstream = between(0, 36).chain((lagWindowMonths) =>
      fc.record({
        lagMonths: between(0, lagWindowMonths),
        lagConcentration: between(0.01, 0.99),
        lagWindowMonths: fc.constant(lagWindowMonths),
        halfSaturation: between(100, 5e5),
        shape: between(0.3, 4),
        insightFeedback: fc.oneof(fc.constant(0), between(0, 2)),
        shortTerm: fc.option(fc.record({
          halfLifeMonths: between(0.05, 12),
          halfSaturation: between(100, 5e5),
          shape: between(0.3, 4),
          maxConversionLift: fc.oneof(fc.constant(0), between(0, 0.5)),
        }), { nil: undefined, freq: 2 }),
      }).map(withoutUndefined));
    return fc.record({
      name: fc.constant('random model'),
      periodsPerYear: fc.constant(periodsPerYear),
      horizonYears: fc.constant(horizonYears),
      spendSource,
      history: fc.record({ upstreamPerMonth: money(3e5), downstreamPerMonth: money(3e5) }),
      market: fc.record({
        inMarketPerMonth: between(100, 1e6),
        growthPerYear: between(-0.5, 0.5),
        seasonality: fc.oneof(
          fc.constant(null),
          fc.array(between(0.1, 3), { minLength: periodsPerYear, maxLength: periodsPerYear }),
          fc.array(between(0.1, 3), { minLength: 12, maxLength: 12 }),
        ),
      }),
      brand,
      upstream,
      downstream: fc.record({
        halfLifeMonths: between(0.05, 12),
        halfSaturation: between(100, 5e5),
        shape: between(0.3, 4),
        maxConversionLift: between(0, 0.5),
      }),
      economics: fc.record({
        baseConversion: between(0, 1),
        valuePerSale: between(0, 500),
        margin: between(0, 1),
        discountRatePerYear: between(-0.5, 1),
        carryoverYears: fc.integer({ min: 0, max: 5 }),
        carryoverBaseline: fc.option(fc.constantFrom('zero' as const, 'history' as const), { nil: undefined, freq: 2 }),
      }).map(withoutUndefined),
    });
  })
  .map(({ spendSource, ...rest }) => ({ ...rest, ...spendSource }) as Model);
}
