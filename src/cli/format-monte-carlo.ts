import { csvFormatRows } from 'd3';
import type { FigureStatistics, Model, MonteCarloComparison, MonteCarloResult } from '../engine/index.ts';
import { KEY_FIGURES, type KeyFigure } from '../engine/key-figures.ts';
import { MISSING, countOf, currencyNote, formatEquity, formatFigure, formatMoney, formatPercent, formatsFor, granularityName, periodName } from './format-numbers.ts';
import { printableText } from './printable.ts';
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
 * A Monte Carlo result as a terminal report: each key figure's mean and percentiles in
 * `KEY_FIGURES` order (the marketing's own value first, total NPV after it), each year's ROI
 * after ROI over the horizon, payback as "month 14" with "not within horizon" where a
 * percentile falls on draws that never pay back, then the chances. Ends with "\n".
 */
export function formatMonteCarloTable(model: Model, result: MonteCarloResult): string {
  const formats = formatsFor(model);
  const { periodsPerYear } = model;
  const { summary } = result;
  const header = ['', 'Mean', '5th', '10th', 'Median', '90th', '95th'];
  const never = 'not within horizon';
  const row = (label: string, statistics: FigureStatistics, figure: KeyFigure) => [label, ...STATISTICS.map((statistic) => {
    const value = statistics[statistic];
    // A payback percentile that falls on draws that never pay back; the mean is undefined then.
    if (figure.field === 'paybackPeriod' && value === null && result.probabilityPaysBack < 1) return statistic === 'mean' ? MISSING : never;
    // A mean or an interpolated percentile of payback falls between periods: one decimal says enough.
    return formatFigure(figure, figure.unit === 'period' && value !== null ? Math.round(value * 10) / 10 : value, formats, periodsPerYear);
  })];
  const rows = KEY_FIGURES.flatMap((figure) => {
    if (figure.field === 'irr') return [];
    const statistics = summary[figure.field as keyof typeof summary] as FigureStatistics;
    if (figure.field !== 'roi') return [row(figure.label, statistics, figure)];
    return [row(figure.label, statistics, figure), ...summary.roiByYear.map((byYear, year) => row(`  ROI in ${formats.yearLabel(year + 1).replace(/^Year /, 'year ')}`, byYear, figure))];
  });
  const lines = [
    `Uncertainty of ${printableText(model.name)}: ${result.draws.toLocaleString('en-US')} draws (seed ${result.seed}), ${countOf(model.horizonYears, 'year')} of ${granularityName(periodsPerYear)} periods`,
  ];
  const note = currencyNote(model.currency);
  if (note !== undefined) lines.push(note);
  lines.push('', renderTextTable([header, ...rows], ['left', ...STATISTICS.map(() => 'right' as const)], '  '), '');
  lines.push(`Chance ROI is positive: ${formatPercent(result.probabilityRoiPositive)}`);
  lines.push(`Chance it pays back within the horizon: ${formatPercent(result.probabilityPaysBack)}${result.probabilityPaysBack < 1 ? ` (payback in ${periodName(periodsPerYear)}s; "${never}" where a percentile falls on draws that never do)` : ''}`);
  lines.push(`Settings drawn: ${result.uncertainFields.join(', ') || 'none'}`);
  return `${lines.join('\n')}\n`;
}

/**
 * The Monte Carlo part of `compare --draws`: one column per scenario; the marketing's NPV with
 * carryover first, then NPV and NPV with carryover, as mean and 10th–90th percentile range, the
 * chance of a positive ROI, and each scenario's chance of the highest marketing NPV with
 * carryover, NPV and NPV with carryover on common random numbers. Ends with "\n".
 */
export function formatMonteCarloComparisonTable(comparison: MonteCarloComparison, names: readonly string[]): string {
  const { scenarios, probabilityBest } = comparison;
  const { draws, seed } = scenarios[0];
  const range = (statistics: FigureStatistics) => `${formatMoney(statistics.p10)} to ${formatMoney(statistics.p90)}`;
  const rows: string[][] = [
    ['', ...names],
    // The marketing's own value first (plan minus spending nothing), the business's total after it.
    ['Marketing NPV w/ carryover, mean', ...scenarios.map((result) => formatMoney(result.summary.incrementalNpvWithCarryover.mean))],
    ['Marketing NPV w/ carryover, 10th to 90th', ...scenarios.map((result) => range(result.summary.incrementalNpvWithCarryover))],
    ['NPV, mean', ...scenarios.map((result) => formatMoney(result.summary.npv.mean))],
    ['NPV, 10th to 90th percentile', ...scenarios.map((result) => range(result.summary.npv))],
    ['NPV with carryover, mean', ...scenarios.map((result) => formatMoney(result.summary.npvWithCarryover.mean))],
    ['NPV with carryover, 10th to 90th', ...scenarios.map((result) => range(result.summary.npvWithCarryover))],
    ['Final brand equity, median', ...scenarios.map((result) => formatEquity(result.summary.finalEquity.p50))],
    ['Chance ROI > 0', ...scenarios.map((result) => formatPercent(result.probabilityRoiPositive))],
    ['Chance of the highest marketing NPV w/ carryover', ...probabilityBest.incrementalNpvWithCarryover.map(formatPercent)],
    ['Chance of the highest NPV', ...probabilityBest.npv.map(formatPercent)],
    ['Chance of the highest NPV w/ carryover', ...probabilityBest.npvWithCarryover.map(formatPercent)],
  ];
  const heading = `Uncertainty: ${draws.toLocaleString('en-US')} draws, seed ${seed}, the same draws for every model (common random numbers)`;
  return `${heading}\n${renderTextTable(rows, ['left', ...names.map(() => 'right' as const)])}\n`;
}

