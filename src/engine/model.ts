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
  /** Demand index by period of the year (1 = average), or null for none. */
  seasonality: number[] | null;
}

export interface Brand {
  /** Brand equity at the start, 0 … maxEquity. */
  initialEquity: number;
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
}

/**
 * A range for one uncertain setting, by distribution (README, "Uncertainty"). A zero spread
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

export interface Model {
  /** Editors use this to find the JSON Schema; the engine ignores it. */
  $schema?: string;
  name: string;
  description?: string;
  periodsPerYear: PeriodsPerYear;
  /** Whole years, 1 … 5. */
  horizonYears: number;
  /**
   * Calendar year the plan starts in (an extension of the spec, optional and without effect on
   * any number): used only to label periods "2027-01", "2027-Q1" or "2027-W01" in exports.
   */
  startYear?: number;
  /** Required unless `plan` is given. */
  budget?: Budget;
  plan?: Plan;
  history: History;
  market: Market;
  brand: Brand;
  upstream: Upstream;
  downstream: Downstream;
  economics: Economics;
  /**
   * Optional ranges for the model's assumptions, for Monte Carlo and sensitivity. Every other
   * calculation (simulate, optimise) uses the settings above, the central plan.
   */
  uncertainty?: Uncertainty;
}
