import type { Model } from './model/model.ts';
import type { PeriodResult } from './sim/results.ts';
import { seasonalIndices } from './sim/seasonality.ts';

/** How much the base (the zero-spend run's revenue) falls early on, as past spend wears off. */
export interface BaseFall {
  /** The last period of the fall that is marked: where 80 % of the first year's fall is done. */
  lastT: number;
  /** The base's fall over the first year, as a share of period 1's (0.18 = 18 %), season and growth aside. */
  fall: number;
}

/** Falls smaller than this (5 % of period 1's base over the first year) are not worth a label. */
export const NOTICEABLE_BASE_FALL = 0.05;

/**
 * The early fall of the revenue base, when it is noticeable, else undefined.
 *
 * The base is what the business earns with no spend over the horizon: the history's spend stops
 * at t = 1, so its ad effect fades within weeks and the brand it built decays, and the base
 * falls before it settles (docs/model.md, "Revenue by source"). Seasonality and market growth
 * also move the base; dividing each period's base by its demand index, sₜ · (1 + g)^((t − 1)/P)
 * (the same factors `compileModel` puts in demand), leaves only the fading of past spend.
 * The fall is measured over the first year (or the horizon, if shorter).
 *
 * @param periods a simulation's periods (`simulate(model).periods`)
 * @example baseFall(simulate(defaultModel).periods, defaultModel) // { lastT: 8, fall: 0.176… }
 */
export function baseFall(periods: readonly PeriodResult[], model: Model): BaseFall | undefined {
  const periodsPerYear = model.periodsPerYear;
  const window = Math.min(periods.length, periodsPerYear);
  if (window < 2) return undefined;
  const seasons = seasonalIndices(model.market.seasonality, periodsPerYear);
  const growth = 1 + model.market.growthPerYear;
  const adjusted = Array.from({ length: window }, (_, index) => {
    const demandIndex = (seasons === null ? 1 : seasons[index % periodsPerYear]) * Math.pow(growth, index / periodsPerYear);
    return periods[index].revenueBase / demandIndex;
  });
  const first = adjusted[0];
  if (!(first > 0)) return undefined;
  const fall = 1 - adjusted[window - 1] / first;
  if (fall < NOTICEABLE_BASE_FALL) return undefined;
  const mostOfIt = first * (1 - 0.8 * fall);
  const lastIndex = adjusted.findIndex((value) => value <= mostOfIt);
  return { lastT: (lastIndex < 0 ? window - 1 : lastIndex) + 1, fall };
}
