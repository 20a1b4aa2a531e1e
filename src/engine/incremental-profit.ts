import type { PeriodResult } from './sim/results.ts';

/** One period of profit against the zero-spend counterfactual. */
export interface IncrementalProfitPoint {
  t: number;
  /** Contribution above what the same period earns with no spend (Cₜ − C⁰ₜ). */
  incrementalContribution: number;
  spend: number;
  /** Σ over s ≤ t of (Cₛ − C⁰ₛ − Uₛ − Dₛ): crosses 0 at the payback period. */
  cumulative: number;
}

/**
 * Cumulative incremental profit per period (spec §5, payback). The counterfactual's
 * contribution is its revenue (the decomposition's base) times the margin, computed exactly as
 * `simulate` computes it, so the first period where `cumulative` ≥ 0 once something has been spent is `summary.paybackPeriod`.
 */
export function incrementalProfit(periods: readonly PeriodResult[], margin: number): IncrementalProfitPoint[] {
  let cumulative = 0;
  return periods.map((period) => {
    const incrementalContribution = period.contribution - period.revenueBase * margin;
    const spend = period.upstream + period.downstream;
    cumulative += incrementalContribution - period.upstream - period.downstream;
    return { t: period.t, incrementalContribution, spend, cumulative };
  });
}
