import type { Model } from '../model/model.ts';
import { checkDrawable } from './check-uncertainty.ts';
import { createDrawRunner } from './draw-runner.ts';
import { BOUNDED_BY, truncatedQuantile, uncertainFields } from './uncertain-fields.ts';
import { UncertaintyError } from './uncertainty-error.ts';

/**
 * The figures a tornado can show and be sorted by: the marketing's own value (incremental NPV,
 * plan minus spending nothing, with and without carryover) first, then the business's total NPV.
 * The two move differently: a setting such as margin changes what the business earns with no
 * marketing too, which total NPV counts and the marketing's value does not.
 */
export type SensitivityFigure = 'incrementalNpvWithCarryover' | 'incrementalNpv' | 'npvWithCarryover' | 'npv';

export const SENSITIVITY_FIGURES: readonly SensitivityFigure[] = ['incrementalNpvWithCarryover', 'incrementalNpv', 'npvWithCarryover', 'npv'];

/** One figure at a field's low and high value. */
export interface SensitivitySwing {
  /** The figure with the field at its 10th percentile. */
  low: number;
  /** With the field at its 90th percentile. */
  high: number;
  /** |high − low|. */
  swing: number;
}

/** One bar of the tornado: an uncertain field moved to its 10th and 90th percentile, the rest central. */
export interface SensitivityRow {
  path: string;
  /** The field's label in words ("Brand half-life"). */
  label: string;
  unit: string;
  /** The field's 10th, 50th and 90th percentile (of its distribution truncated to its valid range). */
  low: number;
  central: number;
  high: number;
  incrementalNpvWithCarryover: SensitivitySwing;
  incrementalNpv: SensitivitySwing;
  npvWithCarryover: SensitivitySwing;
  npv: SensitivitySwing;
  /**
   * True when low or high had to be kept on the right side of a field it is bounded by
   * (brand.initialEquity ≤ brand.maxEquity, with the other at its central value).
   */
  limited: boolean;
}

export interface SensitivityResult {
  /** The figure the rows are sorted by, largest swing first. */
  sortedBy: SensitivityFigure;
  /** Every figure with every uncertain field at its central value (the tornado's axis). */
  central: Record<SensitivityFigure, number>;
  rows: SensitivityRow[];
}

/**
 * One-at-a-time sensitivity (a tornado): for each uncertain field, the marketing's NPV and the
 * total NPV, each with and without carryover, with that field at its 10th and then its 90th
 * percentile and every other uncertain field at its central value, sorted by swing. A field's percentiles are those of its distribution
 * truncated to the field's valid range (as Monte Carlo draws it), and "central" is the 50th
 * percentile of that: the median, which for a triangular distribution is not its mode.
 *
 * Cost: 1 + 2·(uncertain fields) runs of the plan and the zero-spend counterfactual.
 * @param sortBy default `incrementalNpvWithCarryover`, the marketing's own value
 * @throws {UncertaintyError} for an unknown `sortBy`
 * @example sensitivity(model).rows[0].path // the field whose range moves the marketing's NPV with carryover most
 */
export function sensitivity(model: Model, sortBy: SensitivityFigure = 'incrementalNpvWithCarryover'): SensitivityResult {
  if (!SENSITIVITY_FIGURES.includes(sortBy)) {
    throw new UncertaintyError('sortBy', `invalid figure "${sortBy}" to sort by; choose ${SENSITIVITY_FIGURES.slice(0, -1).join(', ')} or ${SENSITIVITY_FIGURES.at(-1)}`);
  }
  const fields = uncertainFields(model);
  checkDrawable(fields);
  const runner = createDrawRunner(model, fields.map((field) => field.path));
  const central = Float64Array.from(fields, (field) => truncatedQuantile(field, 0.5));
  const evaluate = (values: Float64Array): Record<SensitivityFigure, number> => {
    const { incrementalNpvWithCarryover, incrementalNpv, npvWithCarryover, npv } = runner.run(values);
    return { incrementalNpvWithCarryover, incrementalNpv, npvWithCarryover, npv };
  };

  const rows = fields.map((field, index): SensitivityRow => {
    let low = truncatedQuantile(field, 0.1);
    let high = truncatedQuantile(field, 0.9);
    let limited = false;
    // Keep a pair of bounded fields in order: the bounded one at most the bound's central value, and vice versa.
    const boundIndex = fields.findIndex((other) => other.path === BOUNDED_BY[field.path]);
    const boundedIndex = fields.findIndex((other) => BOUNDED_BY[other.path] === field.path);
    if (boundIndex >= 0 && high > central[boundIndex]) { high = central[boundIndex]; limited = true; }
    if (boundedIndex >= 0 && low < central[boundedIndex]) { low = central[boundedIndex]; limited = true; }

    const values = central.slice();
    values[index] = low;
    const atLow = evaluate(values);
    values[index] = high;
    const atHigh = evaluate(values);
    const swing = (figure: SensitivityFigure): SensitivitySwing => ({
      low: atLow[figure], high: atHigh[figure], swing: Math.abs(atHigh[figure] - atLow[figure]),
    });
    return {
      path: field.path, label: field.field.label, unit: field.field.unit,
      low, central: central[index], high,
      incrementalNpvWithCarryover: swing('incrementalNpvWithCarryover'), incrementalNpv: swing('incrementalNpv'),
      npvWithCarryover: swing('npvWithCarryover'), npv: swing('npv'), limited,
    };
  });
  rows.sort((a, b) => b[sortBy].swing - a[sortBy].swing);
  return { sortedBy: sortBy, central: evaluate(central), rows };
}
