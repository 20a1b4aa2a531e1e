import { quantileSorted } from 'simple-statistics';
import { type ChannelResponseCurve, channelResponseCurves } from '../channel-response-curve.ts';
import { channelSettingAt } from '../model/channel-fields.ts';
import type { Model, Side } from '../model/model.ts';
import { setSetting } from '../model/model-fields.ts';
import { type SettingDraws, posteriorDraws } from '../uncertainty/posterior-draws.ts';

/** One point of a band: a spend per month and the 5 % and 95 % points of what it earns across draws. */
export interface ResponseBandPoint {
  spendPerMonth: number;
  /** 5 % point of the contribution per month across draws. */
  lower: number;
  /** 95 % point. */
  upper: number;
}

/** One channel's band, at the same spends as its curve's points. */
export interface ResponseCurveBand {
  name: string;
  side: Side;
  points: ResponseBandPoint[];
}

export interface ResponseCurveBandOptions {
  /**
   * Draws of the posterior; default 100. The 5 % and 95 % points then lie between the 5th and
   * 6th draws from each end: a band edge good to a few percentile points, which a chart shows
   * as well as 1,000 draws would, at a tenth of the cost. More draws cost in proportion.
   */
  draws?: number;
  /** Seed of the draws, as Monte Carlo's; default 1. */
  seed?: number;
}

const DEFAULT_DRAWS = 100;
const LOWER = 0.05;
const UPPER = 0.95;

/**
 * Each channel's response curve under each of `draws` (the settings drawn, one model per draw),
 * evaluated at the spends of the central `curves`' points, and the 5 % and 95 % points of the
 * contribution per month at each spend (simple-statistics' `quantileSorted`): a pointwise 90 %
 * band around each curve.
 *
 * A draw's model is `model` with the drawn values written in (a copy; `channelSettingAt` for a
 * channel's setting, `setSetting` for the rest), so each curve comes from the one kernel,
 * `channelResponseCurves`. The band is pointwise: at each spend, 90 % of the draws' curves pass
 * through it; it is not the range of whole curves. The central curve (the posterior mode) lies
 * inside it unless the posterior is far from symmetric.
 *
 * Cost: draws × (channels × (points + 2)) runs of the model over its horizon, each as long as one
 * `simulate` run: 100 draws of a 3 + 3-channel model with 17-point curves are 11,400 runs, about
 * 0.6 s monthly and 2–4 s weekly over 3 years (the consumer preset, and the example history's
 * fitted model, on this machine while it was busy). Call it off the main thread, and give it
 * curves of few points (`channelResponseCurves(model, { samples: 17 })`).
 * @param model a model returned by `parseModel`, the one `curves` were drawn for
 * @param curves `channelResponseCurves(model, …)`: the band has one point per curve point
 * @param draws the settings' values per draw (`posteriorDraws`)
 * @throws {Error} for no draws (a band needs at least one)
 */
export function responseCurveBandsFromDraws(model: Model, curves: readonly ChannelResponseCurve[], draws: SettingDraws): ResponseCurveBand[] {
  if (draws.values.length === 0) throw new Error('responseCurveBandsFromDraws requires at least one draw');
  const spendsPerMonth: Record<string, number[]> = {};
  for (const curve of curves) {
    Object.defineProperty(spendsPerMonth, curve.name, { value: curve.points.map((point) => point.spendPerMonth), enumerable: true });
  }
  // contributions[c][p][d]: channel c's contribution at point p in draw d.
  const contributions = curves.map((curve) => curve.points.map(() => new Float64Array(draws.values.length)));
  draws.values.forEach((values, draw) => {
    const drawn = withSettings(model, draws.paths, values);
    const drawnCurves = channelResponseCurves(drawn, { spendsPerMonth });
    curves.forEach((curve, channel) => {
      const drawnCurve = drawnCurves.find((candidate) => candidate.name === curve.name);
      if (drawnCurve === undefined || drawnCurve.points.length !== curve.points.length) {
        throw new Error(`channel ${curve.name}: the draw's curve has other points than the central curve`);
      }
      drawnCurve.points.forEach((point, index) => { contributions[channel][index][draw] = point.contributionPerMonth; });
    });
  });
  return curves.map((curve, channel) => ({
    name: curve.name,
    side: curve.side,
    points: curve.points.map((point, index) => {
      const sorted = Array.from(contributions[channel][index].sort());
      return { spendPerMonth: point.spendPerMonth, lower: quantileSorted(sorted, LOWER), upper: quantileSorted(sorted, UPPER) };
    }),
  }));
}

/**
 * The 90 % band of each channel's response curve across a fitted model's posterior: the
 * settings in `model.posterior` drawn jointly (`posteriorDraws`), everything else as in the
 * model. Only the posterior's settings vary: the band says what the history leaves uncertain
 * about each channel, not the ranges the model keeps for settings no fit touched (margin, say),
 * which Monte Carlo still draws. A model without a posterior varies every setting with a range.
 * @example responseCurveBands(fitted, channelResponseCurves(fitted))[0].points[5] // { spendPerMonth, lower, upper }
 */
export function responseCurveBands(model: Model, curves: readonly ChannelResponseCurve[], options: ResponseCurveBandOptions = {}): ResponseCurveBand[] {
  const all = posteriorDraws(model, options.draws ?? DEFAULT_DRAWS, options.seed ?? 1);
  const fitted = model.posterior?.paths;
  if (fitted === undefined) return responseCurveBandsFromDraws(model, curves, all);
  const kept = all.paths.flatMap((path, index) => (fitted.includes(path) ? [index] : []));
  return responseCurveBandsFromDraws(model, curves, {
    paths: kept.map((index) => all.paths[index]),
    values: all.values.map((values) => Float64Array.from(kept, (index) => values[index])),
  });
}

/** A copy of `model` with each path set to its value: a channel setting through the channel table, any other by its path. */
function withSettings(model: Model, paths: readonly string[], values: Float64Array): Model {
  const copy = structuredClone(model);
  paths.forEach((path, index) => {
    const channel = channelSettingAt(copy, path);
    if (channel !== undefined) channel.set(values[index]);
    else setSetting(copy, path, values[index]);
  });
  return copy;
}
