import { csvFormatRows } from 'd3';
import type { Frontier, FrontierPoint } from '../engine/optimize/index.ts';

/** The frontier's per-point figures, in the CSV's column order. */
export const FRONTIER_COLUMNS = [
  'multiplier', 'budgetPerYear', 'totalSpend', 'value', 'upstreamShare', 'roi', 'marginalValue', 'marginalRoi',
] as const satisfies readonly (keyof FrontierPoint)[];

/**
 * A frontier as CSV: a header row, then one row per budget with full-precision numbers; a null
 * (no share or ROI without spend, no marginal figure at the first point) is an empty cell.
 * Ends with "\n".
 * @example formatFrontierCsv(frontier).split('\n')[0] // "multiplier,budgetPerYear,totalSpend,value,..."
 */
export function formatFrontierCsv(frontier: Frontier): string {
  const rows = frontier.points.map((point) => FRONTIER_COLUMNS.map((column) => {
    const value = point[column];
    return value === null ? '' : String(value);
  }));
  return `${csvFormatRows([[...FRONTIER_COLUMNS], ...rows])}\n`;
}
