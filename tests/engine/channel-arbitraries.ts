import fc from 'fast-check';
import type {
  Brand, Budget, ChannelModel, DownstreamChannel, Economics, Market, PeriodsPerYear, ShortTerm, UpstreamChannel,
} from '../../src/engine/model/model.ts';

/**
 * fast-check arbitraries of valid models in the channel form (spec §9.1), built directly as typed
 * `ChannelModel` objects (what `parseModel` returns and `simulate` takes), over the space the
 * spec allows with magnitudes kept realistic so outputs stay finite:
 * - 0 to 4 channels a side, at least one in all, about one model in three with an empty side
 *   (whose side then takes no budget: upstreamShare 0 or 1 in every year);
 * - every granularity and horizon; a budget (scalar or per-year amounts and upstream shares) with
 *   channel shares one for every year or one per year (each year's shares sum to 1), or an
 *   explicit plan keyed by channel name (shares then given or left out, a budget sometimes too);
 * - per channel its own history, lag, adstock and curve; β weights summing to 1 (some 0);
 *   a `shortTerm` on about half the upstream channels; optional `bounds` (simulate ignores them);
 * - seasonality (none, P values, or 12 monthly ones), growth, insight feedback, conversion
 *   reaching its cap, starting equity as a number or "history", both carryover baselines;
 * - names of 1 to 60 characters that start with a letter and hold no dot, unique across both
 *   sides ignoring case, among them names that are also `Object.prototype` members (`toString`)
 *   or the other form's names (`upstream` as a downstream channel).
 * Optional fields are left out (not set to undefined) when absent, as in a file.
 */

/**
 * A number in [min, max]: mostly uniform (fast-check's own doubles crowd at the ends and in the
 * subnormals, which makes most models degenerate, e.g. a margin of 5e-324, and every output then
 * agrees to the absolute floor of 1), sometimes exactly an end, sometimes fast-check's edgy double.
 */
export function between(min: number, max: number): fc.Arbitrary<number> {
  const uniform = fc.noBias(fc.integer({ min: 0, max: 1_000_000_000 })).map((step) => min + (max - min) * (step / 1_000_000_000));
  // `+ 0` turns −0 (fast-check's doubles include it) into 0, as JSON does: a model must read back unchanged.
  return fc.oneof(
    { arbitrary: uniform, weight: 8 },
    { arbitrary: fc.constantFrom(min, max), weight: 1 },
    { arbitrary: fc.double({ min, max, noNaN: true, noDefaultInfinity: true }), weight: 1 },
  ).map((value) => value + 0);
}

/** A number in [min, max] (min > 0), uniform in its logarithm: for amounts that span magnitudes. */
export function logBetween(min: number, max: number): fc.Arbitrary<number> {
  return between(Math.log(min), Math.log(max)).map((log) => Math.min(max, Math.max(min, Math.exp(log))));
}

/** A spend: 0, a cent, or up to `max` spread over magnitudes (parseModel refuses fractions of a cent). */
export const money = (max: number): fc.Arbitrary<number> => fc.oneof(
  { arbitrary: fc.constantFrom(0, 0.01), weight: 1 },
  { arbitrary: logBetween(100, max), weight: 6 },
);

/** The object without its undefined entries. */
function withoutUndefined<T extends object>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as T;
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const NAME_CHARACTERS = `${LETTERS}0123456789 -_&`;

/** Realistic names and awkward ones (Object.prototype members, the two-lever form's names). */
const NAME_POOL = [
  'TV', 'Online video', 'Sponsorship', 'Podcasts', 'Search', 'Social', 'Retail media', 'Email',
  'toString', 'hasOwnProperty', 'valueOf', 'upstream', 'downstream', 'x', 'A'.repeat(60),
];

/** A valid channel name: a letter first, no dot, no trailing space, 1 to 60 characters. */
export const channelName: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...NAME_POOL),
  fc.tuple(
    fc.constantFrom(...LETTERS),
    fc.string({ unit: fc.constantFrom(...NAME_CHARACTERS), maxLength: 58 }),
    fc.constantFrom(...LETTERS, ...'0123456789'),
  ).map(([first, middle, last]) => `${first}${middle}${last}`),
);

/** n weights ≥ 0 normalised to sum 1 (some may be 0, never all). */
function normalisedWeights(n: number): fc.Arbitrary<number[]> {
  return fc.array(fc.oneof(fc.constant(0), between(0.01, 1)), { minLength: n, maxLength: n }).map((weights) => {
    const sum = weights.reduce((total, weight) => total + weight, 0);
    if (sum === 0) return weights.map((_, index) => (index === 0 ? 1 : 0));
    return weights.map((weight) => weight / sum);
  });
}

/** The shares of n channels of a side: one for every year, or one per year (each year sums to 1). */
function sideShares(n: number, years: number): fc.Arbitrary<(number | number[])[]> {
  return fc.oneof(
    normalisedWeights(n),
    fc.array(normalisedWeights(n), { minLength: years, maxLength: years })
      .map((byYear) => Array.from({ length: n }, (_, channel) => byYear.map((year) => year[channel]))),
  );
}

const shortTerm: fc.Arbitrary<ShortTerm> = fc.record({
  halfLifeMonths: between(0.05, 12),
  halfSaturation: logBetween(100, 5e5),
  shape: between(0.3, 4),
  maxConversionLift: fc.oneof(fc.constant(0), between(0, 0.5)),
});

const bounds = fc.option(
  fc.tuple(money(1e6), money(1e6)).map(([a, b]) => ({ minPerYear: Math.min(a, b), maxPerYear: Math.max(a, b) })),
  { nil: undefined, freq: 4 },
);

const upstreamSettings = between(0, 36).chain((lagWindowMonths) => fc.record({
  historyPerMonth: money(3e5),
  lagMonths: between(0, lagWindowMonths),
  lagConcentration: between(0.01, 0.99),
  lagWindowMonths: fc.constant(lagWindowMonths),
  halfSaturation: logBetween(100, 5e5),
  shape: between(0.3, 4),
  shortTerm: fc.option(shortTerm, { nil: undefined, freq: 2 }),
  bounds,
}));

const downstreamSettings = fc.record({
  historyPerMonth: money(3e5),
  halfLifeMonths: between(0.05, 12),
  halfSaturation: logBetween(100, 5e5),
  shape: between(0.3, 4),
  maxConversionLift: between(0, 0.5),
  bounds,
});

const brand: fc.Arbitrary<Brand> = between(0.01, 1).chain((maxEquity) => fc.record({
  initialEquity: fc.oneof({ arbitrary: between(0, maxEquity), weight: 3 }, { arbitrary: fc.constant<'history'>('history'), weight: 1 }),
  maxEquity: fc.constant(maxEquity),
  halfLifeMonths: between(0.2, 120),
  demandLift: between(0, 5),
  conversionLift: between(0, 3),
}));

const economics: fc.Arbitrary<Economics> = fc.record({
  baseConversion: fc.oneof({ arbitrary: between(0, 0.1), weight: 4 }, { arbitrary: between(0, 1), weight: 1 }),
  valuePerSale: between(0, 500),
  margin: between(0, 1),
  discountRatePerYear: between(-0.5, 1),
  carryoverYears: fc.integer({ min: 0, max: 5 }),
  carryoverBaseline: fc.option(fc.constantFrom('zero' as const, 'history' as const), { nil: undefined, freq: 2 }),
}).map(withoutUndefined);

/** How many channels each side has: `min` to `max` a side, or with `emptySide` none on one side in about a third of models. */
function channelCounts(min: number, max: number, emptySide: boolean): fc.Arbitrary<{ upstream: number; downstream: number }> {
  const some = fc.integer({ min, max });
  if (!emptySide) return fc.record({ upstream: some, downstream: some });
  return fc.oneof(
    { arbitrary: fc.record({ upstream: some, downstream: some }), weight: 2 },
    { arbitrary: fc.record({ upstream: fc.constant(0), downstream: some }), weight: 1 },
    { arbitrary: fc.record({ upstream: some, downstream: fc.constant(0) }), weight: 1 },
  );
}

/**
 * Any valid channel-form model with `minPerSide` to `maxPerSide` channels a side, or with
 * `emptySide` (the default) none on one side in about a third of models.
 * @param maxPerSide at most 12 (the spec's limit); 4 by default, to keep runs quick
 */
export function channelModelArbitrary(maxPerSide = 4, minPerSide = 1, emptySide = true): fc.Arbitrary<ChannelModel> {
  return fc.record({
    periodsPerYear: fc.constantFrom<PeriodsPerYear>(12, 4, 52),
    horizonYears: fc.integer({ min: 1, max: 5 }),
    counts: channelCounts(minPerSide, maxPerSide, emptySide),
  }).chain(({ periodsPerYear, horizonYears, counts }) => {
    const periods = periodsPerYear * horizonYears;
    const total = counts.upstream + counts.downstream;
    const yearly = (value: fc.Arbitrary<number>) =>
      fc.oneof(value, fc.array(value, { minLength: horizonYears, maxLength: horizonYears }));
    // A side with no channels takes no budget (spec §9.1).
    const upstreamShare = counts.upstream === 0 ? yearly(fc.constant(0))
      : counts.downstream === 0 ? yearly(fc.constant(1)) : yearly(between(0, 1));
    return fc.record({
      names: fc.uniqueArray(channelName, { minLength: total, maxLength: total, selector: (name) => name.toLowerCase() }),
      upstreamSettings: fc.array(upstreamSettings, { minLength: counts.upstream, maxLength: counts.upstream }),
      downstreamSettings: fc.array(downstreamSettings, { minLength: counts.downstream, maxLength: counts.downstream }),
      upstreamShares: sideShares(counts.upstream, horizonYears),
      downstreamShares: sideShares(counts.downstream, horizonYears),
      maxEquityShares: normalisedWeights(counts.upstream),
      spendSource: fc.oneof(
        fc.record({ budget: fc.record({ perYear: yearly(money(5e6)), upstreamShare }) }),
        fc.record({
          plan: fc.array(fc.array(money(4e5), { minLength: periods, maxLength: periods }), { minLength: total, maxLength: total }),
          withShares: fc.boolean(),
          // A plan replaces the budget for the spend; a file may still give one.
          budget: fc.option(fc.record({ perYear: yearly(money(5e6)), upstreamShare }), { nil: undefined, freq: 3 }),
        }),
      ),
      insightFeedback: fc.oneof(fc.constant(0), between(0, 2)),
      market: fc.record({
        inMarketPerMonth: logBetween(100, 1e6),
        growthPerYear: between(-0.5, 0.5),
        seasonality: fc.oneof(
          fc.constant(null),
          fc.array(between(0.1, 3), { minLength: periodsPerYear, maxLength: periodsPerYear }),
          fc.array(between(0.1, 3), { minLength: 12, maxLength: 12 }),
        ),
      }) as fc.Arbitrary<Market>,
      brand,
      economics,
    }).map((drawn): ChannelModel => {
      const upstreamNames = drawn.names.slice(0, counts.upstream);
      const downstreamNames = drawn.names.slice(counts.upstream);
      const source = drawn.spendSource as { budget?: Budget; plan?: number[][]; withShares?: boolean };
      const sharesGiven = source.plan === undefined || source.withShares === true;
      const upstreamChannels: Record<string, UpstreamChannel> = {};
      upstreamNames.forEach((name, index) => {
        const { shortTerm: effect, bounds: limits, ...settings } = drawn.upstreamSettings[index];
        upstreamChannels[name] = withoutUndefined({
          share: sharesGiven ? drawn.upstreamShares[index] : undefined,
          ...settings,
          maxEquityShare: drawn.maxEquityShares[index],
          shortTerm: effect,
          bounds: limits,
        });
      });
      const downstreamChannels: Record<string, DownstreamChannel> = {};
      downstreamNames.forEach((name, index) => {
        const { bounds: limits, ...settings } = drawn.downstreamSettings[index];
        downstreamChannels[name] = withoutUndefined({
          share: sharesGiven ? drawn.downstreamShares[index] : undefined,
          ...settings,
          bounds: limits,
        });
      });
      const model: ChannelModel = {
        name: 'random channel model',
        periodsPerYear,
        horizonYears,
        market: drawn.market,
        brand: drawn.brand,
        upstream: { insightFeedback: drawn.insightFeedback, channels: upstreamChannels },
        downstream: { channels: downstreamChannels },
        economics: drawn.economics,
      };
      if (source.budget !== undefined) model.budget = source.budget;
      if (source.plan !== undefined) model.plan = Object.fromEntries(drawn.names.map((name, index) => [name, source.plan![index]]));
      return model;
    });
  });
}

/** Any valid channel-form model with up to 4 channels a side. */
export const anyChannelModel: fc.Arbitrary<ChannelModel> = channelModelArbitrary();
