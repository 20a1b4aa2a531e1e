import type { ColumnAdvice } from './history-table.ts';
import type { Model } from '../model/model.ts';

/** How well fitted values match actuals. nrmse = RMSE / (max − min of the actuals), as Robyn reports it. */
export interface FitMetrics {
  r2: number;
  nrmse: number;
  /** Mean absolute percentage error, as a fraction (0.05 = 5 %). */
  mape: number;
}

/**
 * One period of the history. Everything here comes from the fit on the training rows only, so
 * held-out actuals influence nothing reported for the held-out periods but `actual` itself.
 * The parts sum to `fitted`: base + Σ channels + Σ drivers + interaction.
 */
export interface FitPeriod {
  date: string;
  actual: number;
  fitted: number;
  /** 90 % interval of the revenue the model expects in the period (posterior and noise). */
  lower: number;
  upper: number;
  holdout: boolean;
  /** Revenue with no spend in any channel over the history, drivers at their baseline. */
  base: number;
  /** Per channel: fitted revenue less the revenue with that channel's spend 0 over the history. */
  channels: Record<string, number>;
  /** Per driver column: its share of the drivers' multiplicative effect. */
  drivers: Record<string, number>;
  /** What is left: channels and the brand working together (spec §7's synergy). */
  interaction: number;
}

/** One estimated quantity with its prior and its 90 % posterior interval. */
export interface FitParameter {
  /**
   * A model path ("brand.halfLifeMonths", "upstream.channels.TV.halfSaturation",
   * "market.inMarketPerMonth", "market.growthPerYear"), "seasonality.cos1" / "seasonality.sin1" …
   * for the seasonal terms, or "noise.sigma".
   */
  path: string;
  /** The prior's 5 %, 50 % and 95 % points, and where it came from; null for noise.sigma (flat on log σ). */
  prior: { lower: number; median: number; upper: number; source: 'uncertainty' | 'default' } | null;
  /** The starting model's value. */
  start: number;
  /** The posterior mode. */
  value: number;
  lower: number;
  upper: number;
}

/** A driver's effect on revenue, as a fraction (0.1 = +10 %), with its 90 % interval. */
export interface FitDriver {
  /** The column, and for a text column the value ("promotion=bundle"). */
  name: string;
  /** Numeric: per unit of the driver (per doubling when `form` is 'log'); text: of this value against the baseline value. */
  effect: number;
  lower: number;
  upper: number;
  /** 'log' for a numeric driver fitted as a power law (revenue ∝ z^γ, linear-terms.ts prefersLogForm): its effect is per doubling. */
  form?: 'log';
  /**
   * A numeric driver in the linear form: the effect of one standard deviation `sd` of the driver
   * (over the rows fitted, in its units), with its interval; it reads the same whatever the
   * driver's units, where the effect per unit of a large-unit column (competitor sales) is a
   * vanishing fraction.
   */
  perSd?: { sd: number; effect: number; lower: number; upper: number };
}

export interface FitWarning {
  code: 'few-rows' | 'collinear' | 'spend-beyond-history' | 'wide-interval' | 'holdout-error' | 'brand-long-run' | 'no-seasonality' | 'not-converged' | 'unseen-driver-value' | 'driver-like-target' | 'short-holdout';
  message: string;
}

/** What `fitHistory` returns: the command's JSON output is this object. */
export interface FitResult {
  /** The fitted model, planning forward from the end of the history, carrying its posterior. */
  model: Model;
  fit: {
    train: FitMetrics;
    holdout: (FitMetrics & { periods: number }) | null;
  };
  periods: FitPeriod[];
  drivers: FitDriver[];
  parameters: FitParameter[];
  warnings: FitWarning[];
  /** Wall time of the whole fit (holdout fit, refit, intervals), in milliseconds. */
  ms: number;
}

/** Options of `fitHistory`. */
export interface FitOptions {
  /** Periods held out at the end; default 13 weekly, 3 monthly, 1 quarterly; 0 for none. */
  holdout?: number;
  /** Paths to estimate besides those with a range in `uncertainty`. */
  free?: readonly string[];
  /** Paths to keep at the starting model's value even though they have a range. */
  fixed?: readonly string[];
  /** Starting points of the search (≥ 1); default 6. */
  starts?: number;
  /** Seed for the extra starting points; default 1. */
  seed?: number;
  /** The history's file name, for the fitted model's name and description. */
  source?: string;
  /** Who reads the warnings: the command (its options) by default, or the app's column table (column-advice.ts). */
  advice?: ColumnAdvice;
  /** Called now and then with the share done (0 … 1) and what is being done. */
  onProgress?: (fraction: number, stage: string) => void;
}
