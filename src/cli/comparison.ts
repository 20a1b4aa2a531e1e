import { type MarginalRoi, type PeriodsPerYear, type Summary, type SummaryDifference, summaryDifference } from '../engine/index.ts';
import type { PhasingKind } from '../engine/plan-outline.ts';

/** One model in a comparison. */
export interface ComparedScenario {
  /** The model's name. */
  model: string;
  /** The model file, as given on the command line. */
  file: string;
  horizonYears: number;
  periodsPerYear: PeriodsPerYear;
  /** ISO 4217 code of the model's money, when it has one. */
  currency?: string;
  /** How the plan sets its spend: one budget and split, year by year, or period by period. */
  phasing: PhasingKind;
  /** Total spend in each year, year 1 first. */
  budgetByYear: number[];
  /** Upstream share of each year's spend; null for a year with no spend. */
  upstreamShareByYear: (number | null)[];
  summary: Summary;
  /** What the next unit of money on each side returns above its cost (`marginalRoi(model)`). */
  marginalRoi: MarginalRoi;
  /** This scenario minus the baseline (for the baseline itself: zeros, and nulls where it has them). */
  difference: SummaryDifference;
}

/** What `budget-sim compare --format json` prints. */
export interface Comparison {
  /** The first model's name: the one every difference is measured against. */
  baseline: string;
  scenarios: ComparedScenario[];
}

/** A simulated model to compare: where it came from and what it gave. */
export interface ComparisonInput {
  model: string;
  file: string;
  horizonYears: number;
  periodsPerYear: PeriodsPerYear;
  currency?: string;
  phasing: PhasingKind;
  budgetByYear: number[];
  upstreamShareByYear: (number | null)[];
  summary: Summary;
  marginalRoi: MarginalRoi;
}

/**
 * Sets scenarios side by side, each with its difference from the first.
 *
 * `paybackPeriod` is a period number, so its difference is null when the two models count
 * periods differently (a month and a quarter are not comparable units).
 *
 * @param inputs at least one scenario; the first is the baseline
 * @example compareScenarios([a, b]).scenarios[1].difference.npv // b's NPV minus a's
 */
export function compareScenarios(inputs: readonly ComparisonInput[]): Comparison {
  const baseline = inputs[0];
  return {
    baseline: baseline.model,
    scenarios: inputs.map((input) => ({
      ...input,
      difference: summaryDifference(input.summary, baseline.summary, input.periodsPerYear === baseline.periodsPerYear),
    })),
  };
}
