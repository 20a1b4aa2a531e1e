import { SUMMARY_FIELDS, type PeriodsPerYear, type Summary } from '../engine/index.ts';

/**
 * A summary field minus the baseline's: a number, or null where either side is null. For
 * `roiByYear`, element by element, and null as a whole when the horizons differ.
 */
export type SummaryDifference = {
  [Field in keyof Summary]: Summary[Field] extends readonly unknown[] ? (number | null)[] | null : number | null;
};

/** One model in a comparison. */
export interface ComparedScenario {
  /** The model's name. */
  model: string;
  /** The model file, as given on the command line. */
  file: string;
  horizonYears: number;
  periodsPerYear: PeriodsPerYear;
  summary: Summary;
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
  summary: Summary;
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

/**
 * Every summary field of `summary` minus the same field of `baseline` (see `SummaryDifference`).
 * @param samePeriods whether both count time in the same periods; when not, the payback difference is null
 */
export function summaryDifference(summary: Summary, baseline: Summary, samePeriods: boolean): SummaryDifference {
  const difference: Record<string, unknown> = {};
  for (const field of SUMMARY_FIELDS) {
    const value = summary[field];
    const base = baseline[field];
    if (Array.isArray(value) || Array.isArray(base)) {
      difference[field] = Array.isArray(value) && Array.isArray(base) && value.length === base.length
        ? value.map((item, index) => subtract(item, base[index]))
        : null;
    } else if (field === 'paybackPeriod' && !samePeriods) {
      difference[field] = null;
    } else {
      difference[field] = subtract(value, base);
    }
  }
  return difference as SummaryDifference;
}

function subtract(value: unknown, base: unknown): number | null {
  return typeof value === 'number' && typeof base === 'number' ? value - base : null;
}
