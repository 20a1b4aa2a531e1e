import type { Model, SimulationResult } from '../engine/index.ts';
import {
  countOf, formatEquity, formatMoney, formatPercent, formatPeriod, granularityName,
} from './format-numbers.ts';
import { renderTextTable } from './text-table.ts';
import { totalsByYear } from './year-totals.ts';

// Descriptions are a paragraph or two; wrapped, they read like the rest of the report.
const DESCRIPTION_WIDTH = 88;

/**
 * A simulation as a terminal report: the model's name, the horizon (and description), the key
 * figures, and a per-year table (spend on each side, revenue, profit, ROI, equity at year end).
 *
 * Money has thousands separators and no currency symbol (the model has no currency); ratios are
 * percentages with one decimal; payback is "month N", "quarter N" or "week N"; a missing value
 * is "—". Ends with "\n".
 */
export function formatSimulationTable(model: Model, result: SimulationResult): string {
  const { summary } = result;
  const periods = result.periods.length;
  const lines: string[] = [
    model.name,
    `Horizon: ${countOf(model.horizonYears, 'year')}, ${periods} ${granularityName(model.periodsPerYear)} periods`,
  ];
  if (model.description !== undefined && model.description.trim() !== '') {
    lines.push('', ...wrapWords(model.description.trim(), DESCRIPTION_WIDTH));
  }

  lines.push('', 'Key figures');
  lines.push(renderTextTable([
    ['Total spend', formatMoney(summary.totalSpend)],
    ['Total revenue', formatMoney(summary.totalRevenue)],
    ['NPV of profit', formatMoney(summary.npv)],
    ['Carryover value', formatMoney(summary.carryoverValue)],
    ['NPV with carryover', formatMoney(summary.npvWithCarryover)],
    ['ROI', formatPercent(summary.roi)],
    ['Payback', formatPeriod(summary.paybackPeriod, model.periodsPerYear)],
    ['Final brand equity', formatEquity(summary.finalEquity)],
  ], ['left', 'right'], '  '));

  const header = ['Year', 'Upstream spend', 'Downstream spend', 'Revenue', 'Profit', 'ROI', 'Equity at year end'];
  const rows = totalsByYear(result.periods, model.periodsPerYear).map((year, index) => [
    String(year.year),
    formatMoney(year.upstream),
    formatMoney(year.downstream),
    formatMoney(year.revenue),
    formatMoney(year.profit),
    formatPercent(summary.roiByYear[index] ?? null),
    formatEquity(year.equityAtYearEnd),
  ]);
  lines.push('', 'By year');
  lines.push(renderTextTable([header, ...rows], header.map(() => 'right'), '  '));
  return `${lines.join('\n')}\n`;
}

/** Breaks text into lines of at most `width` characters at spaces, keeping its own line breaks. */
function wrapWords(text: string, width: number): string[] {
  return text.split('\n').flatMap((paragraph) => {
    const lines: string[] = [];
    let line = '';
    for (const word of paragraph.split(/\s+/).filter((part) => part !== '')) {
      if (line !== '' && line.length + 1 + word.length > width) {
        lines.push(line);
        line = word;
      } else {
        line = line === '' ? word : `${line} ${word}`;
      }
    }
    lines.push(line);
    return lines;
  });
}
