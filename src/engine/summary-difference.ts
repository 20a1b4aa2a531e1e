import { SUMMARY_FIELDS, type Summary, type SummaryFigures } from './sim/results.ts';

/**
 * A summary field minus the baseline's: a number, or null where either side is null. For
 * `roiByYear`, element by element, and null as a whole when the horizons differ.
 */
export type SummaryDifference = {
  [Field in keyof SummaryFigures]: SummaryFigures[Field] extends readonly unknown[] ? (number | null)[] | null : number | null;
};

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
