/**
 * The model: one scenario, as plain data. This is the validated form that `parseModel` returns
 * and `simulate` takes; model files in `models/` are the same shape as JSON.
 *
 * Settings are written per month whatever `periodsPerYear` is, so that a model means the same
 * at every granularity (the engine converts them to per-period values).
 */

/** Periods in a year: monthly (the default), quarterly or weekly. */
export type PeriodsPerYear = 12 | 4 | 52;

export const PERIODS_PER_YEAR_CHOICES: readonly PeriodsPerYear[] = [12, 4, 52];

export interface Budget {
  /** Total marketing budget per year: one amount for every year, or one per year. ≥ 0. */
  perYear: number | number[];
  /** Share (0…1) of each period's budget spent upstream: one for every year, or one per year. */
  upstreamShare: number | number[];
}

/** Spend per period given explicitly; replaces `budget` for the spend when present. */
export interface Plan {
  upstream: number[];
  downstream: number[];
}

export interface History {
  /** Upstream spend per month before the horizon starts. */
  upstreamPerMonth: number;
  /** Downstream spend per month before the horizon starts. */
  downstreamPerMonth: number;
}

export interface Market {
  /** Buyers in the market per month when brand equity is 0. */
  inMarketPerMonth: number;
  /** Market growth per year (0.05 = 5 %). */
  growthPerYear: number;
  /**
   * Demand index by period of the year (1 = average), or null for none: P values used as
   * given, or (when P ≠ 12) 12 values, one per month, turned into per-period indices
   * (`seasonalIndices`; docs/model.md, "Seasonality by month").
   */
  seasonality: number[] | null;
}

/**
 * `"history"` as a starting equity: the equity that the history's constant spend sustains
 * (`startingEquity`; docs/model.md, "Equity implied by history").
 */
export type EquityFromHistory = 'history';

export interface Brand {
  /** Brand equity at the start, 0 … maxEquity, or `"history"`: the level the history's spend sustains. */
  initialEquity: number | EquityFromHistory;
  /** Equity reached with unlimited sustained upstream spend, (0, 1]. */
  maxEquity: number;
  /** Months for equity to halve with no upstream spend. */
  halfLifeMonths: number;
  /** Demand multiplier gained per unit of equity (λ). */
  demandLift: number;
  /** Conversion multiplier gained per unit of equity (μ). */
  conversionLift: number;
}

export interface Upstream {
  /** Months from an upstream spend to its peak effect on equity (θ). */
  lagMonths: number;
  /** How tightly the effect clusters around the peak (α), in (0, 1). */
  lagConcentration: number;
  /** How many months an upstream spend keeps feeding equity. */
  lagWindowMonths: number;
  /** Upstream spend per month that gives half the maximum equity (K_U). */
  halfSaturation: number;
  /** Hill shape of the upstream curve (S_U): ≤ 1 concave, > 1 S-shaped. */
  shape: number;
  /** How much downstream activity raises upstream effectiveness (κ). */
  insightFeedback: number;
  /**
   * Optional: upstream spend's own short-term sales effect (brand advertising also sells this
   * month), with the meaning and rules of the downstream fields (spec §9.1, §9.3). Absent means none.
   */
  shortTerm?: ShortTerm;
}

/** The short-term effect of upstream spend on conversion: an adstock and a Hill curve of its own. */
export interface ShortTerm {
  /** Months for the short-term effect to halve. */
  halfLifeMonths: number;
  /** Upstream spend per month that gives half the maximum short-term lift. */
  halfSaturation: number;
  /** Hill shape of the short-term curve. */
  shape: number;
  /** Conversion rate added by saturating upstream spend, in the short term. */
  maxConversionLift: number;
}

export interface Downstream {
  /** Months for the downstream effect to halve. */
  halfLifeMonths: number;
  /** Downstream spend per month that gives half the maximum lift (K_D). */
  halfSaturation: number;
  /** Hill shape of the downstream curve (S_D). */
  shape: number;
  /** Conversion rate added by saturating downstream spend (c_lift). */
  maxConversionLift: number;
}

export interface Economics {
  /** Share of in-market buyers who buy with no downstream spend (c₀). */
  baseConversion: number;
  /** Revenue per sale. */
  valuePerSale: number;
  /** Contribution margin on revenue, 0 … 1. */
  margin: number;
  /** Discount rate per year for net present value. */
  discountRatePerYear: number;
  /** Whole years after the horizon over which the carryover is valued, 0 … 5. */
  carryoverYears: number;
  /**
   * Optional: what both runs spend after the horizon when the carryover is valued. `"zero"`
   * (the default): nothing; `"history"`: the history's spend, business as usual
   * (docs/model.md, "Carryover after the horizon").
   */
  carryoverBaseline?: CarryoverBaseline;
}

/** The spend of both runs after the horizon, for the carryover. */
export type CarryoverBaseline = 'zero' | 'history';

export const CARRYOVER_BASELINES: readonly CarryoverBaseline[] = ['zero', 'history'];

/**
 * A range for one uncertain setting, by distribution (docs/uncertainty.md). A zero spread
 * (sd 0, sigma 0, min = max) means a fixed value.
 */
export type UncertainValue =
  /** Symmetric around `mean`; `sd` ≥ 0. */
  | { dist: 'normal'; mean: number; sd: number }
  /** Positive and right-skewed: log of the value is normal around log(median) with sd `sigma` ≥ 0. */
  | { dist: 'lognormal'; median: number; sigma: number }
  /** Every value from `min` to `max` equally likely. */
  | { dist: 'uniform'; min: number; max: number }
  /** Most likely at `mode`, falling linearly to 0 at `min` and `max`. */
  | { dist: 'triangular'; min: number; mode: number; max: number }
  /** On the field's own range (a share 0…1, say), scaled from Beta(alpha, beta) on 0…1. */
  | { dist: 'beta'; alpha: number; beta: number };

/** The names of the distributions, as written in `dist`. */
export type DistributionName = UncertainValue['dist'];

/** Uncertain settings by dotted path (`"brand.halfLifeMonths"`); a path not listed is certain. */
export type Uncertainty = Partial<Record<string, UncertainValue>>;

/** What every model has, in either form (spec §2, §9.1). */
export interface ModelCommon {
  /** Editors use this to find the JSON Schema; the engine ignores it. */
  $schema?: string;
  name: string;
  description?: string;
  /**
   * Optional: what a teaching preset shows, as situation / what to try / what to notice, with the
   * "what to try" change as data (src/engine/model/lesson.ts; docs/evidence.md).
   */
  lesson?: Lesson;
  periodsPerYear: PeriodsPerYear;
  /** Whole years, 1 … 5. */
  horizonYears: number;
  /**
   * Calendar year the plan starts in (an extension of the spec, optional and without effect on
   * any number): used only to label periods "2027-01", "2027-Q1" or "2027-W01" in exports.
   */
  startYear?: number;
  /**
   * ISO 4217 code of the money in this model ("EUR"), optional: displays show its symbol on
   * every amount and axis. The model never converts currencies.
   */
  currency?: string;
  /**
   * Calendar month (1 = January … 12 = December) in which the plan's first period, and so each
   * of its years, begins: a fiscal year. Optional, default 1. Labels periods and years only:
   * period 1 is the first period of that month, whatever the month (seasonality is indexed
   * from the plan's first period, as the spec writes it).
   */
  fiscalYearStartMonth?: number;
  /** Required unless `plan` is given. */
  budget?: Budget;
  market: Market;
  brand: Brand;
  economics: Economics;
  /**
   * Optional ranges for the model's assumptions, for Monte Carlo and sensitivity. Every other
   * calculation (simulate, optimise) uses the settings above, the central plan.
   */
  uncertainty?: Uncertainty;
  /**
   * Optional: a joint distribution of some uncertain settings, as a fit leaves it (docs/model-files.md,
   * "Posterior"). Monte Carlo and the robust optimiser draw these settings together from it, so
   * that their correlations hold; each must also have a range in `uncertainty`, which sensitivity
   * and the ranges shown on screen keep using.
   */
  posterior?: Posterior;
}

/**
 * A multivariate normal over settings on their normal scale (`normal-scale.ts`: logit, log or
 * identity, from each setting's valid range as `rangeFor` gives it, through `normalScaleRange`):
 * y ~ N(mean, L·Lᵀ), and a draw's value of setting i is `fromNormalScale(yᵢ, range)`, kept inside
 * its valid range (`valueFromNormalScale`).
 */
export interface Posterior {
  /** The settings, by path as in `uncertainty`; distinct, each also in `uncertainty`. */
  paths: string[];
  /** One mean per path, on the normal scale. */
  mean: number[];
  /**
   * L, the lower-triangular Cholesky factor of the covariance on the normal scale, by rows: row i
   * holds its i + 1 entries up to the diagonal, which is > 0.
   */
  cholesky: number[][];
}

/** The two-lever form (spec §2–§8): one upstream and one downstream lever. */
export interface TwoLeverModel extends ModelCommon {
  plan?: Plan;
  history: History;
  upstream: Upstream;
  downstream: Downstream;
}

/**
 * The channel form (spec §9.1): each side holds named channels, each with its own settings and
 * history. A file is wholly in one form or the other.
 */
export interface ChannelModel extends ModelCommon {
  /** Channel name → spend per period (T numbers); every channel appears. */
  plan?: ChannelPlan;
  upstream: UpstreamChannels;
  downstream: DownstreamChannels;
}

/** A model in either form; `isChannelModel` tells which. The engine reads both through `modelChannels`. */
export type Model = TwoLeverModel | ChannelModel;

/** True for a model in the channel form (spec §9.1). */
export function isChannelModel(model: Model): model is ChannelModel {
  return 'channels' in model.upstream;
}

/** Spend per period by channel name, in the channel form. */
export type ChannelPlan = Record<string, number[]>;

/** The upstream side in the channel form. */
export interface UpstreamChannels {
  /** κ: how much downstream activity raises upstream effectiveness (a side-level setting). */
  insightFeedback: number;
  /** Channel name → settings, in the order the user wants them shown (0 to 12 channels). */
  channels: Record<string, UpstreamChannel>;
}

/** The downstream side in the channel form. */
export interface DownstreamChannels {
  /** Channel name → settings, in the order the user wants them shown (0 to 12 channels). */
  channels: Record<string, DownstreamChannel>;
}

/** What every channel has, on either side. */
export interface ChannelCommon {
  /** The channel's share of its side's budget, one for every year or one per year; required unless `plan` is given. */
  share?: number | number[];
  /** The channel's spend per month before the horizon. */
  historyPerMonth: number;
  /**
   * Optional limits on the channel's spend per year, for the optimiser (committed contracts,
   * caps); simulate ignores them. An extension of the spec (docs/optimiser.md).
   */
  bounds?: ChannelBounds;
}

/** Limits on one channel's spend in every year of the horizon. */
export interface ChannelBounds {
  /** At least this much a year (≥ 0). */
  minPerYear?: number;
  /** At most this much a year (≥ minPerYear). */
  maxPerYear?: number;
}

/** An upstream channel (spec §9.1): its own lag, saturation and share of the equity ceiling. */
export interface UpstreamChannel extends ChannelCommon {
  lagMonths: number;
  lagConcentration: number;
  lagWindowMonths: number;
  halfSaturation: number;
  shape: number;
  /** β: the share of brand.maxEquity this channel alone can build when saturated; β sum to 1 over the side. */
  maxEquityShare: number;
  /** Optional: the channel's own short-term sales effect. */
  shortTerm?: ShortTerm;
}

/** A downstream channel (spec §9.1): its own adstock and response curve. */
export interface DownstreamChannel extends ChannelCommon {
  halfLifeMonths: number;
  halfSaturation: number;
  shape: number;
  maxConversionLift: number;
}

/** Which side a channel sits on. */
export type Side = 'upstream' | 'downstream';

/**
 * A model file's optional lesson (issue 10): what a teaching preset shows, in three short parts,
 * the situation, what to try and what to notice, naming fields by their labels on screen. "What to
 * try" carries its change as data, so the app applies it with one click ("Try it", an ordinary
 * undoable edit) and the command can print it. tests/engine/presets.test.ts checks each preset's
 * claims against the engine.
 */
export interface Lesson {
  /** Who the scenario is and what it faces. */
  situation: string;
  /** One thing to change, in words; `change` is the same thing as data. */
  tryThis: string;
  /** The settings "what to try" changes, applied in this order. */
  change: LessonChange[];
  /** What the change shows, and why. */
  notice: string;
}

/** One setting to change: a number field's path (as in model files), or `horizonYears`. */
export interface LessonChange {
  path: string;
  value: number;
}
