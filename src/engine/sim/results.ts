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
  /**
   * Spend by channel name this period (spec §9.4), upstream channels first: in a two-lever model
   * `{ upstream, downstream }`.
   */
  spend: Record<string, number>;
}

/** One channel's results over the horizon (spec §9.4). */
export interface ChannelSummary {
  name: string;
  side: 'upstream' | 'downstream';
  /** Σ of the channel's spend over the horizon. */
  spend: number;
  /** Revenue over the horizon that would be lost without the channel's spend (R − R⁻ⁱ). */
  incrementalRevenue: number;
  /** (Σ (C − C⁻ⁱ) − spend) / spend over the horizon; null when the channel spends nothing. */
  roi: number | null;
  /** How much npvWithCarryover would fall without the channel's spend. */
  valueAdded: number;
}

/** The key figures of a simulation (spec §5–§6), without the per-channel results: what plan evaluators return, one run per plan. */
export interface SummaryFigures {
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

/** The key figures of a simulation (spec §5–§6) and the per-channel results (§9.4). */
export interface Summary extends SummaryFigures {
  /** One entry per channel, upstream channels first, each side in file order (spec §9.4). */
  channels: ChannelSummary[];
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
export const SUMMARY_FIELDS: readonly (keyof SummaryFigures)[] = [
  'totalSpend', 'totalRevenue', 'finalEquity', 'npv', 'roi', 'roiByYear', 'paybackPeriod',
  'carryoverValue', 'npvWithCarryover', 'noSpendNpv', 'incrementalNpv', 'incrementalNpvWithCarryover', 'irr',
];
