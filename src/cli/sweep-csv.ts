import { csvFormatRows } from 'd3';
import { SUMMARY_FIELDS } from '../engine/index.ts';
import type { SweepResult } from './sweep-result.ts';

/**
 * A sweep as CSV: one row per point. Columns are `value`, then each scalar summary field in
 * `SUMMARY_FIELDS` order, then `roiYear1` … `roiYearY` for the longest horizon among the points
 * (a sweep over horizonYears has points with fewer years; their extra cells are empty).
 *
 * Numbers are written as JavaScript prints them (full precision, no separators); a null (no
 * ROI without spend, no payback within the horizon) is an empty cell. Ends with "\n".
 *
 * @example formatSweepCsv(result).split('\n')[0] // "value,totalSpend,totalRevenue,...,roiYear1,roiYear2,roiYear3"
 */
export function formatSweepCsv(sweep: SweepResult): string {
  const scalarFields = SUMMARY_FIELDS.filter((field) => field !== 'roiByYear');
  const years = Math.max(0, ...sweep.points.map((point) => point.summary.roiByYear.length));
  const yearColumns = Array.from({ length: years }, (_, index) => `roiYear${index + 1}`);
  const cell = (value: unknown) => (value === null || value === undefined ? '' : String(value));

  const header = ['value', ...scalarFields, ...yearColumns];
  const rows = sweep.points.map((point) => [
    cell(point.value),
    ...scalarFields.map((field) => cell(point.summary[field])),
    ...yearColumns.map((_, index) => cell(point.summary.roiByYear[index])),
  ]);
  return `${csvFormatRows([header, ...rows])}\n`;
}
