import type { Band } from './bands.ts';
import type { FigureStatistics } from './figure-statistics.ts';

/**
 * The summary figures across draws (spec §5–§6 names), in the order of `KEY_FIGURES`: the value
 * of the marketing itself (incremental NPV, plan minus spending nothing) first, the business's
 * total NPV after it; `roiByYear` has one entry per year. No IRR (see `DRAW_FIGURES`).
 */
export interface MonteCarloSummary {
  /** The headline: incrementalNpv + carryoverValue. */
  incrementalNpvWithCarryover: FigureStatistics;
  /** Σ (Cₜ − C⁰ₜ − Uₜ − Dₜ)·(1 + r)^(−t/P) over the horizon: npv − noSpendNpv. */
  incrementalNpv: FigureStatistics;
  roi: FigureStatistics;
  roiByYear: FigureStatistics[];
  /** In periods; percentiles that fall on draws that never pay back are null, and so is the mean if any draw never does. */
  paybackPeriod: FigureStatistics;
  npvWithCarryover: FigureStatistics;
  npv: FigureStatistics;
  noSpendNpv: FigureStatistics;
  carryoverValue: FigureStatistics;
  totalRevenue: FigureStatistics;
  totalSpend: FigureStatistics;
  finalEquity: FigureStatistics;
}

/** What `monteCarlo` returns: plain, JSON-serialisable data. */
export interface MonteCarloResult {
  draws: number;
  seed: number;
  summary: MonteCarloSummary;
  /** Share of draws with ROI over the horizon above 0; null when nothing is spent. */
  probabilityRoiPositive: number | null;
  /** Share of draws that pay back within the horizon. */
  probabilityPaysBack: number;
  /**
   * Per-period bands over the horizon (index t − 1): brand equity, revenue and cumulative
   * incremental profit Σ (Cₛ − C⁰ₛ − Uₛ − Dₛ), the curve that crosses 0 at payback.
   */
  bands: { equity: Band; revenue: Band; cumulativeIncrementalProfit: Band };
  /** How many draws the bands rest on: all of them, or evenly spaced ones (at most `bandDraws`, default 2,000; see `bandSelection`). */
  bandDraws: number;
  /** The uncertain fields' paths, in drawing order. */
  uncertainFields: string[];
  /**
   * With the option `channelValues`: each channel's value added (spec §9.4, how much
   * npvWithCarryover would fall without the channel's spend) across draws, upstream channels
   * first, each side in file order. Absent otherwise.
   */
  channels?: ChannelValueStatistics[];
}

/** One channel's value added across draws. */
export interface ChannelValueStatistics {
  name: string;
  side: 'upstream' | 'downstream';
  valueAdded: FigureStatistics;
}

/** A Monte Carlo run with the per-draw NPVs kept, for comparing scenarios draw by draw and for histograms. */
export interface MonteCarloRun {
  result: MonteCarloResult;
  incrementalNpvWithCarryover: Float64Array;
  incrementalNpv: Float64Array;
  npv: Float64Array;
  npvWithCarryover: Float64Array;
}
