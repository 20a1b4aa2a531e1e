import { describe, expect, it } from 'vitest';
import consumerJson from '../../../models/consumer-channels.json' with { type: 'json' };
import { channelResponseCurves } from '../../../src/engine/channel-response-curve.ts';
import { responseCurveBands, responseCurveBandsFromDraws } from '../../../src/engine/fit/response-curve-bands.ts';
import { channelSettingAt } from '../../../src/engine/model/channel-fields.ts';
import type { ChannelModel, Model } from '../../../src/engine/model/model.ts';
import { normalScaleRange, toNormalScale } from '../../../src/engine/model/normal-scale.ts';
import { parseModel } from '../../../src/engine/model/parse-model.ts';
import { rangeFor } from '../../../src/engine/uncertainty/uncertain-fields.ts';

const PATHS = ['upstream.channels.TV.halfSaturation', 'downstream.channels.Search.halfSaturation', 'downstream.channels.Search.maxConversionLift', 'brand.halfLifeMonths'];

/**
 * The consumer-channels preset with a posterior over four settings, centred on the model's own
 * values (so its draws scatter around the central curve), each with spread `sd` on its normal
 * scale and the two half-saturations correlated 0.6. The preset keeps its range on
 * economics.margin, which is not in the posterior.
 */
function withPosterior(sd: number): Model {
  const start = parseModel(consumerJson);
  const mean = PATHS.map((path) => {
    const setting = channelSettingAt(start, path);
    const field = setting?.field ?? { path, rule: { min: 0, minExclusive: true } };
    const value = setting !== undefined ? (setting.get() as number) : start.brand.halfLifeMonths;
    const range = normalScaleRange(rangeFor(field as Parameters<typeof rangeFor>[0], start), field.rule);
    return toNormalScale(value, range);
  });
  // L for sd² · [[1, .6, 0, 0], [.6, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]].
  const cholesky = [[sd], [0.6 * sd, 0.8 * sd], [0, 0, sd], [0, 0, 0, sd]];
  return parseModel({ ...consumerJson, posterior: { paths: PATHS, mean, cholesky } });
}

describe('channelResponseCurves at given spends (spendsPerMonth)', () => {
  it('draws a channel at exactly those spends, plus the current plan, the same numbers as its even samples', () => {
    const model = parseModel(consumerJson);
    const even = channelResponseCurves(model, { samples: 5 });
    const tv = even.find((curve) => curve.name === 'TV')!;
    // 0, the second sample and the end: 0, 17,187.5 and 68,750 (5 samples up to 2.5 × the current 27,500).
    const chosen = [tv.points[0].spendPerMonth, tv.points[1].spendPerMonth, tv.points.at(-1)!.spendPerMonth];
    expect(chosen).not.toContain(tv.current.spendPerMonth);
    const given = channelResponseCurves(model, { spendsPerMonth: { TV: chosen } });
    const tvGiven = given.find((curve) => curve.name === 'TV')!;
    expect(tvGiven.points.map((point) => point.spendPerMonth)).toEqual([...chosen, tv.current.spendPerMonth].sort((a, b) => a - b));
    for (const spend of chosen) {
      expect(tvGiven.points.find((point) => point.spendPerMonth === spend)!.contributionPerMonth)
        .toBe(tv.points.find((point) => point.spendPerMonth === spend)!.contributionPerMonth);
    }
    // Channels not named keep their even samples.
    expect(given.find((curve) => curve.name === 'Search')!.points.length).toBeGreaterThan(20);
  });
});

describe('responseCurveBandsFromDraws', () => {
  it('with two draws a < b at a point gives a + 0.05 (b − a) and a + 0.95 (b − a) (quantileSorted: linear, R’s type 7)', () => {
    const model = parseModel(consumerJson) as ChannelModel;
    const curves = channelResponseCurves(model, { samples: 9 });
    const path = 'upstream.channels.TV.halfSaturation';
    const draws = { paths: [path], values: [Float64Array.of(30_000), Float64Array.of(120_000)] };
    const bands = responseCurveBandsFromDraws(model, curves, draws);
    const at = (halfSaturation: number) => {
      const copy = structuredClone(model);
      copy.upstream.channels.TV.halfSaturation = halfSaturation;
      return channelResponseCurves(copy, { spendsPerMonth: Object.fromEntries(curves.map((curve) => [curve.name, curve.points.map((point) => point.spendPerMonth)])) });
    };
    const [first, second] = [at(30_000), at(120_000)];
    bands.forEach((band, channel) => {
      expect(band.name).toBe(curves[channel].name);
      expect(band.points.map((point) => point.spendPerMonth)).toEqual(curves[channel].points.map((point) => point.spendPerMonth));
      band.points.forEach((point, index) => {
        const a = first[channel].points[index].contributionPerMonth;
        const b = second[channel].points[index].contributionPerMonth;
        const [low, high] = [Math.min(a, b), Math.max(a, b)];
        // (n − 1) · p = 0.05 and 0.95: 5 % and 95 % of the way from the lower draw to the higher.
        expect(point.lower).toBeCloseTo(low + 0.05 * (high - low), 9);
        expect(point.upper).toBeCloseTo(low + 0.95 * (high - low), 9);
      });
    });
    // A lower half-saturation saturates TV sooner: at the current spend it earns more, so the band has width there.
    const tv = bands[0].points.find((point) => point.spendPerMonth === curves[0].current.spendPerMonth)!;
    expect(tv.upper - tv.lower).toBeGreaterThan(0.2 * curves[0].current.contributionPerMonth);
  });

  it('refuses no draws', () => {
    const model = parseModel(consumerJson);
    expect(() => responseCurveBandsFromDraws(model, channelResponseCurves(model), { paths: [], values: [] })).toThrow(/at least one draw/);
  });
});

describe('responseCurveBands', () => {
  it('collapses onto the central curve when the posterior has no spread, though the model keeps a range on margin', () => {
    const model = withPosterior(1e-9);
    const curves = channelResponseCurves(model);
    const bands = responseCurveBands(model, curves, { draws: 20 });
    bands.forEach((band, channel) => band.points.forEach((point, index) => {
      const central = curves[channel].points[index].contributionPerMonth;
      const tolerance = 1e-6 * Math.max(1, Math.abs(central));
      expect(Math.abs(point.lower - central), `${band.name} at ${point.spendPerMonth}`).toBeLessThanOrEqual(tolerance);
      expect(Math.abs(point.upper - central), `${band.name} at ${point.spendPerMonth}`).toBeLessThanOrEqual(tolerance);
    }));
  });

  it('contains the central curve, is 0 at no spend, and widens with the posterior’s spread', () => {
    const curvesOf = (model: Model) => channelResponseCurves(model, { samples: 12 });
    const narrowModel = withPosterior(0.05);
    const wideModel = withPosterior(0.25);
    const curves = curvesOf(wideModel);
    const wide = responseCurveBands(wideModel, curves, { draws: 200, seed: 3 });
    const narrow = responseCurveBands(narrowModel, curvesOf(narrowModel), { draws: 200, seed: 3 });
    wide.forEach((band, channel) => band.points.forEach((point, index) => {
      const central = curves[channel].points[index].contributionPerMonth;
      const slack = 1e-9 * Math.max(1, Math.abs(central));
      expect(point.lower, `${band.name} at ${point.spendPerMonth}`).toBeLessThanOrEqual(central + slack);
      expect(point.upper, `${band.name} at ${point.spendPerMonth}`).toBeGreaterThanOrEqual(central - slack);
      if (point.spendPerMonth === 0) expect([point.lower, point.upper]).toEqual([0, 0]);
    }));
    // TV's and Search's bands at their current spend: wider with five times the spread.
    for (const name of ['TV', 'Search']) {
      const channel = curves.findIndex((curve) => curve.name === name);
      const index = curves[channel].points.indexOf(curves[channel].current);
      const width = (bands: typeof wide) => bands[channel].points[index].upper - bands[channel].points[index].lower;
      expect(width(narrow), name).toBeGreaterThan(0);
      expect(width(wide), name).toBeGreaterThan(3 * width(narrow));
    }
  });
});
