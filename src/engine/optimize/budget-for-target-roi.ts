import type { Model } from '../model/model.ts';
import { maximiseOnInterval } from './line-search-1d.ts';
import { optimizeForBudgets } from './optimize-for-budgets.ts';
import type { OptimizeResult } from './optimize-result.ts';
import { OptimizeError } from './optimize-error.ts';
import { type OptimizeOptions, bestPlansOnly, resolveOptions } from './optimize-options.ts';
import { averageBudgetPerYear, scaledBudgets } from './scaled-budgets.ts';

/** `optimize`'s options plus the ROI to keep and the largest budget to consider. */
export interface TargetRoiOptions extends OptimizeOptions {
  /** The lowest acceptable ROI over the horizon (spec §5), e.g. 0.5 for 50 %. */
  targetRoi: number;
  /** The largest average budget per year to consider, ≥ 0; default 3 × the model's. */
  budgetCap?: number;
}

/** What `budgetForTargetRoi` found. */
export interface TargetRoiResult {
  targetRoi: number;
  budgetCap: number;
  /** Whether some budget up to the cap reaches the target ROI. */
  feasible: boolean;
  /** True when even the cap keeps ROI at or above the target: the cap, not the ROI, limits spend. */
  capReached: boolean;
  /**
   * The average budget per year chosen: the largest that reaches the target (revenue rises with
   * budget, so that one earns the most), or, when no budget does, the one with the best ROI.
   */
  budgetPerYear: number;
  /** The highest ROI that any budget up to the cap reaches (with the best split at that budget). */
  bestRoi: number;
  /** The average budget per year at which `bestRoi` is reached. */
  bestRoiBudgetPerYear: number;
  /** The best plan at `budgetPerYear`, maximising totalRevenue. */
  result: OptimizeResult;
  /** Runs of the equations over the whole search. */
  evaluations: number;
  /** True when `shouldStop` cut the search short; the figures are then unreliable. */
  cancelled: boolean;
}

/** Budgets tried first: evenly spaced from cap / GRID to the cap… */
const GRID = 12;
/**
 * …and below cap / GRID, halving down to this share of the smaller of the cap and the model's
 * own budget, so a target met only at budgets far below a large cap is still found.
 */
const SMALLEST_SHARE = 1e-4;
/** The budget found is within this share of itself of the true boundary. */
const BUDGET_TOLERANCE = 1e-5;
/** The budget with the best ROI is located to this share of its neighbourhood (ROI is flat there). */
const PEAK_TOLERANCE = 1e-3;

/**
 * "How much should we spend?": the budget per year, from 0 to a cap, and the plan that
 * maximise total revenue while the horizon's ROI stays at least `targetRoi`.
 *
 * At a fixed budget, ROI = (margin · totalRevenue − zero-spend contribution − spend) / spend
 * rises with revenue, so the revenue-maximising plan is also the ROI-maximising one; and the
 * best revenue rises with the budget (more spend never lowers demand or conversion). So the
 * answer is the largest budget whose best plan still reaches the target. Budgets are scaled
 * uniformly, keeping a per-year profile. The search: best plans at 12 budgets evenly up to the
 * cap and at budgets halving below the first of them down to 1e-4 of the smaller of the cap and
 * the model's budget (so however large the cap, small budgets are looked at: a cap of 1e9 must
 * not hide a target met only at 1.1M); golden-section search around the best of them for the
 * budget with the best ROI; then bisection between the largest budget that reaches the target
 * and the next one that does not (to 1e-5 of the budget). When no budget reaches the target, the result says
 * so (`feasible: false`) and holds the plan with the best ROI.
 *
 * Cost: about 30–45 optimisations of the chosen phasing, plus one per halving (about 12 for the
 * default cap, 25 for a cap 1,000 times the budget) (constant: ~50 ms in all for the
 * default model; flighting: a few seconds).
 *
 * @throws {OptimizeError} for an invalid option, a target that is not a number, a cap that is
 *   negative or not a number, an objective other than totalRevenue, or a zero cap
 * @example budgetForTargetRoi(model, { targetRoi: 0.5 }).budgetPerYear
 */
export function budgetForTargetRoi(model: Model, options: TargetRoiOptions): TargetRoiResult {
  if (options.objective !== undefined && options.objective !== 'totalRevenue') {
    throw new OptimizeError('objective', `with a target ROI the optimiser maximises totalRevenue; objective "${options.objective}" cannot be combined with it`);
  }
  if (options.robust !== undefined) throw new OptimizeError('robust', 'the target-ROI search optimises at the central settings; robust (risk-averse) planning applies to optimize alone');
  // Best plans at each budget (`exactBest`): ROI is compared across budgets and bisected, which a
  // smoother plan's small, uneven give-up would make jagged.
  const settings = resolveOptions(bestPlansOnly({ ...options, objective: 'totalRevenue' }, 'the target-ROI search'));
  const { targetRoi } = options;
  if (!Number.isFinite(targetRoi)) throw new OptimizeError('targetRoi', `targetRoi must be a number, got ${targetRoi}`);
  const budgetCap = options.budgetCap ?? 3 * averageBudgetPerYear(model);
  if (!(budgetCap >= 0 && Number.isFinite(budgetCap))) {
    throw new OptimizeError('budgetCap', `budgetCap must be a number ≥ 0, got ${budgetCap}`);
  }
  if (budgetCap === 0) {
    throw new OptimizeError('budgetCap', options.budgetCap === undefined
      ? 'the model has no budget to scale from; give budgetCap, the largest budget per year to consider'
      : 'budgetCap must be above 0: with no money there is no ROI');
  }

  let evaluations = 0;
  const tried = new Map<number, OptimizeResult>();
  const bestAt = (budgetPerYear: number): OptimizeResult => {
    const known = tried.get(budgetPerYear);
    if (known !== undefined) return known;
    const result = optimizeForBudgets(model, scaledBudgets(model, budgetPerYear), settings, { shouldStop: options.shouldStop });
    evaluations += result.evaluations;
    tried.set(budgetPerYear, result);
    return result;
  };
  // No spend has no ROI; it can never meet a target. Nor can a budget that the channels' bounds
  // per year cannot be split within (their minimums above it, say): it is passed over.
  const roiAt = (budgetPerYear: number) => {
    try {
      return bestAt(budgetPerYear).summary.roi ?? -Infinity;
    } catch (error) {
      if (error instanceof OptimizeError && error.option === 'bounds') return -Infinity;
      throw error;
    }
  };

  // Halving from cap / GRID down to a small share of the budgets in question, then evenly to the cap.
  const modelBudget = averageBudgetPerYear(model);
  const smallest = SMALLEST_SHARE * (modelBudget > 0 ? Math.min(budgetCap, modelBudget) : budgetCap);
  const small: number[] = [];
  for (let budget = budgetCap / (2 * GRID); budget >= smallest; budget /= 2) small.unshift(budget);
  const grid = [...small, ...Array.from({ length: GRID }, (_, index) => (budgetCap * (index + 1)) / GRID)];
  const gridRoi = grid.map((budget, index) => {
    options.onProgress?.((0.6 * index) / grid.length);
    return roiAt(budget);
  });
  const last = grid.length - 1;

  // The budget with the best ROI, refined between the grid points around the best one (ROI
  // usually falls with budget, but an S-shaped response makes it rise first).
  let peakIndex = 0;
  gridRoi.forEach((roi, index) => { if (roi > gridRoi[peakIndex]) peakIndex = index; });
  const peakLow = peakIndex === 0 ? grid[0] / 2 : grid[peakIndex - 1];
  const peakHigh = peakIndex === last ? budgetCap : grid[peakIndex + 1];
  const peak = maximiseOnInterval(roiAt, peakLow, peakHigh, 2, PEAK_TOLERANCE * (peakHigh - peakLow));
  options.onProgress?.(0.85);
  let lastFeasible = -1;
  gridRoi.forEach((roi, index) => { if (roi >= targetRoi) lastFeasible = index; });
  if (lastFeasible === -1 && peak.value < targetRoi) {
    options.onProgress?.(1);
    return finish(false, false, peak.argument);
  }
  if (lastFeasible === last) {
    options.onProgress?.(1);
    return finish(true, true, budgetCap);
  }

  // The target holds at `low` and fails at `high`: bisect for the boundary.
  // `low` is the largest budget known to reach it: a grid point, or the peak (when no grid
  // budget reaches the target, the peak does: it is met only near the peak).
  let low = Math.max(lastFeasible === -1 ? 0 : grid[lastFeasible], peak.value >= targetRoi ? peak.argument : 0);
  const firstFailing = grid.findIndex((budget, index) => budget > low && gridRoi[index] < targetRoi);
  let high = firstFailing === -1 ? budgetCap : grid[firstFailing];
  const bracket = high - low;
  while (high - low > BUDGET_TOLERANCE * high) {
    options.onProgress?.(0.85 + 0.15 * (1 - (high - low) / bracket));
    const middle = 0.5 * (low + high);
    if (roiAt(middle) >= targetRoi) low = middle;
    else high = middle;
  }
  options.onProgress?.(1);
  return finish(true, false, low);

  function finish(feasible: boolean, capReached: boolean, budgetPerYear: number): TargetRoiResult {
    // The best ROI over every budget tried (the peak search is among them).
    let bestRoiBudgetPerYear = peak.argument;
    for (const [budget, result] of tried) {
      if ((result.summary.roi ?? -Infinity) > (tried.get(bestRoiBudgetPerYear)?.summary.roi ?? -Infinity)) bestRoiBudgetPerYear = budget;
    }
    return {
      targetRoi,
      budgetCap,
      feasible,
      capReached,
      budgetPerYear,
      bestRoi: roiAt(bestRoiBudgetPerYear),
      bestRoiBudgetPerYear,
      result: bestAt(budgetPerYear),
      evaluations,
      cancelled: [...tried.values()].some((result) => result.cancelled),
    };
  }
}
