/** One period of a simulation (spec §5); money in the model's currency, per period. */
export interface PeriodResult {
  /** Period number, 1 … T. */
  t: number;
  /** Upstream spend Uₜ. */
  upstream: number;
  /** Downstream spend Dₜ. */
  downstream: number;
  /** Brand equity Eₜ, 0 … maxEquity. */
  equity: number;
  /** Buyers in the market this period, Nₜ. */
  demand: number;
  /** Share of them who buy, cₜ ≤ 1. */
  conversion: number;
  sales: number;
  revenue: number;
  contribution: number;
  /** Contribution less this period's spend. */
  profit: number;
  /** Revenue with no spend at all over the horizon (history and starting equity only). */
  revenueBase: number;
  /** Revenue that upstream spend alone adds. */
  revenueUpstream: number;
  /** Revenue that downstream spend alone adds. */
  revenueDownstream: number;
  /** Revenue that exists only because both sides are spent (upstream informs downstream). */
  revenueSynergy: number;
}

/** The key figures of a simulation (spec §5–§6). */
export interface Summary {
  totalSpend: number;
  totalRevenue: number;
  /** Brand equity at the end of the horizon. */
  finalEquity: number;
  /** Net present value of profit over the horizon. */
  npv: number;
  /** Incremental contribution over the zero-spend counterfactual, less spend, per unit spent; null with no spend. */
  roi: number | null;
  /** The same ratio for each year; null for a year with no spend. */
  roiByYear: (number | null)[];
  /**
   * First period at which something has been spent and cumulative incremental profit is ≥ 0;
   * null if none within the horizon, and always null when nothing is spent.
   */
  paybackPeriod: number | null;
  /** Discounted incremental contribution earned after the horizon, from effects that linger. */
  carryoverValue: number;
  npvWithCarryover: number;
  /**
   * NPV of the business with no marketing over the horizon: the zero-spend run's discounted
   * contribution (history and starting equity keep earning). `npv` = noSpendNpv + incrementalNpv.
   */
  noSpendNpv: number;
  /** The value of the marketing itself over the horizon: npv − noSpendNpv. */
  incrementalNpv: number;
  /** incrementalNpv + carryoverValue: the headline figure, the marketing's value including what lingers. */
  incrementalNpvWithCarryover: number;
  /**
   * Internal rate of return of the marketing, per year: the discount rate at which the
   * incremental cash flows (incremental contribution less spend over the horizon, then the
   * carryover's incremental contribution) have zero NPV. Null when there is no spend, or when
   * no single rate exists (see `internalRateOfReturn`).
   */
  irr: number | null;
}

export interface SimulationResult {
  periods: PeriodResult[];
  summary: Summary;
}

/** The per-period fields in the order the CLI's CSV and JSON print them. */
export const PERIOD_FIELDS: readonly (keyof PeriodResult)[] = [
  't', 'upstream', 'downstream', 'equity', 'demand', 'conversion', 'sales', 'revenue',
  'contribution', 'profit', 'revenueBase', 'revenueUpstream', 'revenueDownstream', 'revenueSynergy',
];

/** The summary fields in display order. */
export const SUMMARY_FIELDS: readonly (keyof Summary)[] = [
  'totalSpend', 'totalRevenue', 'finalEquity', 'npv', 'roi', 'roiByYear', 'paybackPeriod',
  'carryoverValue', 'npvWithCarryover', 'noSpendNpv', 'incrementalNpv', 'incrementalNpvWithCarryover', 'irr',
];
