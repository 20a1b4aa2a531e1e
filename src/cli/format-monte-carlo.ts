import { csvFormatRows } from 'd3';
import type { FigureStatistics, MonteCarloComparison, MonteCarloResult } from '../engine/index.ts';
import { formatEquity, formatMoney, formatPercent } from './format-numbers.ts';
import { renderTextTable } from './text-table.ts';

/** The columns of each figure's row. */
const STATISTICS = ['mean', 'p5', 'p10', 'p50', 'p90', 'p95'] as const satisfies readonly (keyof FigureStatistics)[];

/** Each figure's statistics as rows, in summary order; `roiByYear` becomes roiYear1, roiYear2, … */
export function figureRows(result: MonteCarloResult): [string, FigureStatistics][] {
  const { roiByYear, ...rest } = result.summary;
  const rows = Object.entries(rest) as [string, FigureStatistics][];
  const roiIndex = rows.findIndex(([name]) => name === 'roi');
  rows.splice(roiIndex + 1, 0, ...roiByYear.map((statistics, year): [string, FigureStatistics] => [`roiYear${year + 1}`, statistics]));
  return rows;
}

/**
 * A Monte Carlo result as CSV: `figure,mean,p5,p10,p50,p90,p95`, one row per summary figure
 * with full-precision numbers (an empty cell for null). Ends with "\n".
 * @example formatMonteCarloCsv(result).split('\n')[0] // "figure,mean,p5,p10,p50,p90,p95"
 */
export function formatMonteCarloCsv(result: MonteCarloResult): string {
  const rows = figureRows(result).map(([name, statistics]) => [
    name, ...STATISTICS.map((statistic) => (statistics[statistic] === null ? '' : String(statistics[statistic]))),
  ]);
  return `${csvFormatRows([['figure', ...STATISTICS], ...rows])}\n`;
}

/**
 * The Monte Carlo part of `compare --draws`: one column per scenario; NPV and NPV with
 * carryover as mean and 10th–90th percentile range, the chance of a positive ROI, and each
 * scenario's chance of the highest NPV on common random numbers. Ends with "\n".
 */
export function formatMonteCarloComparisonTable(comparison: MonteCarloComparison, names: readonly string[]): string {
  const { scenarios, probabilityBest } = comparison;
  const { draws, seed } = scenarios[0];
  const range = (statistics: FigureStatistics) => `${formatMoney(statistics.p10)} to ${formatMoney(statistics.p90)}`;
  const rows: string[][] = [
    ['', ...names],
    ['NPV, mean', ...scenarios.map((result) => formatMoney(result.summary.npv.mean))],
    ['NPV, 10th to 90th percentile', ...scenarios.map((result) => range(result.summary.npv))],
    ['NPV with carryover, mean', ...scenarios.map((result) => formatMoney(result.summary.npvWithCarryover.mean))],
    ['NPV with carryover, 10th to 90th', ...scenarios.map((result) => range(result.summary.npvWithCarryover))],
    ['Final brand equity, median', ...scenarios.map((result) => formatEquity(result.summary.finalEquity.p50))],
    ['Chance ROI > 0', ...scenarios.map((result) => formatPercent(result.probabilityRoiPositive))],
    ['Chance of the highest NPV', ...probabilityBest.npv.map(formatPercent)],
    ['Chance of the highest NPV w/ carryover', ...probabilityBest.npvWithCarryover.map(formatPercent)],
  ];
  const heading = `Uncertainty: ${draws.toLocaleString('en-US')} draws, seed ${seed}, the same draws for every model (common random numbers)`;
  return `${heading}\n${renderTextTable(rows, ['left', ...names.map(() => 'right' as const)])}\n`;
}

