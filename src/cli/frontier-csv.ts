import { csvFormatRows } from 'd3';
import { channelSpendColumn } from '../engine/io/period-csv.ts';
import type { Frontier, FrontierPoint } from '../engine/optimize/index.ts';

/** The frontier's per-point figures, in the CSV's column order. */
export const FRONTIER_COLUMNS = [
  'multiplier', 'budgetPerYear', 'totalSpend', 'value', 'upstreamShare', 'roi', 'marginalValue', 'marginalRoi',
] as const satisfies readonly (keyof FrontierPoint)[];

/**
 * A frontier as CSV: a header row, then one row per budget with full-precision numbers; a null
 * (no share or ROI without spend, no marginal figure at the first point) is an empty cell.
 * With `byChannel` (a model in the channel form, spec §9.1), each channel's spend over the
 * horizon in the best plan follows, `spend:<name>`, upstream channels first: where the extra
 * money goes as the budget grows. A two-lever model's columns are as they always were.
 * Ends with "\n".
 * @example formatFrontierCsv(frontier).split('\n')[0] // "multiplier,budgetPerYear,totalSpend,value,..."
 */
export function formatFrontierCsv(frontier: Frontier, byChannel = false): string {
  const channels = byChannel ? [...new Set(frontier.points.flatMap((point) => point.channels.map((channel) => channel.name)))] : [];
  const rows = frontier.points.map((point) => [
    ...FRONTIER_COLUMNS.map((column) => {
      const value = point[column];
      return value === null ? '' : String(value);
    }),
    ...channels.map((name) => {
      const spend = point.channels.find((channel) => channel.name === name)?.spend;
      return spend === undefined ? '' : String(spend);
    }),
  ]);
  return `${csvFormatRows([[...FRONTIER_COLUMNS, ...channels.map(channelSpendColumn)], ...rows])}\n`;
}
