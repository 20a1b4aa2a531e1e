import { type MarginalRoi, type Model, type SimulationResult, isChannelModel } from '../engine/index.ts';
import { KEY_FIGURES } from '../engine/key-figures.ts';
import { MARGINAL_ROI_FIGURES } from '../engine/marginal-roi-figure.ts';
import {
  countOf, currencyNote, formatFigure, formatMarginalRoi, formatsFor, granularityName,
} from './format-numbers.ts';
import { formatChannelTable } from './format-channel-table.ts';
import { printableText } from './printable.ts';
import { renderTextTable } from './text-table.ts';
import { totalsByYear } from './year-totals.ts';

// Descriptions are a paragraph or two; wrapped, they read like the rest of the report.
const DESCRIPTION_WIDTH = 88;

/**
 * A simulation as a terminal report: the model's name, the horizon (and currency, and
 * description, and the lesson's situation, what to try and what to notice), the key figures in `KEY_FIGURES` order (the marketing's own value first:
 * marketing NPV with carryover, marketing NPV, then ROI, payback, IRR), each side's marginal ROI
 * after IRR when given; for a model in the channel form (spec §9.1), a table by channel (side,
 * spend, incremental revenue, ROI, marginal ROI when given, value added: spec §9.4); then a
 * per-year table (spend on each side, revenue, profit, ROI, equity at year end). A two-lever
 * model's report has no channel table: its two channels are the two sides, shown already.
 *
 * Money has thousands separators and the model's currency symbol when it has a currency; ratios
 * are percentages with one decimal; payback is "month N", "quarter N" or "week N"; a missing
 * value is "—". Ends with "\n".
 */
export function formatSimulationTable(model: Model, result: SimulationResult, marginal?: MarginalRoi): string {
  const { summary } = result;
  const formats = formatsFor(model);
  const periods = result.periods.length;
  const lines: string[] = [
    printableText(model.name),
    `Horizon: ${countOf(model.horizonYears, 'year')}, ${periods} ${granularityName(model.periodsPerYear)} periods`,
  ];
  const note = currencyNote(model.currency);
  if (note !== undefined) lines.push(note);
  if (model.description !== undefined && model.description.trim() !== '') {
    lines.push('', ...wrapWords(model.description.trim(), DESCRIPTION_WIDTH));
  }
  if (model.lesson !== undefined) {
    // The lesson's three parts (src/engine/model/lesson.ts), as the app's preset picker shows them.
    const { situation, tryThis, notice } = model.lesson;
    for (const [heading, text] of [['Situation', situation], ['What to try', tryThis], ['What to notice', notice]]) {
      lines.push('', ...wrapWords(`${heading}: ${text.trim()}`, DESCRIPTION_WIDTH));
    }
  }

  const figureRows = KEY_FIGURES.flatMap((figure) => {
    const row = [figure.label, formatFigure(figure, summary[figure.field], formats, model.periodsPerYear)];
    if (figure.field !== 'irr' || marginal === undefined) return [row];
    return [row, ...MARGINAL_ROI_FIGURES.map((side) => [side.label, formatMarginalRoi(marginal[side.side])])];
  });
  lines.push('', 'Key figures');
  lines.push(renderTextTable(figureRows, ['left', 'right'], '  '));

  if (isChannelModel(model)) {
    lines.push('', 'By channel');
    lines.push(formatChannelTable(summary.channels, formats, marginal?.channels));
  }

  const calendar = model.startYear !== undefined || (model.fiscalYearStartMonth ?? 1) !== 1;
  const header = ['Year', 'Upstream spend', 'Downstream spend', 'Revenue', 'Profit', 'ROI', 'Equity at year end'];
  const rows = totalsByYear(result.periods, model.periodsPerYear).map((year, index) => [
    calendar ? formats.yearLabel(year.year).replace(/^Year /, '') : String(year.year),
    formats.money(year.upstream),
    formats.money(year.downstream),
    formats.money(year.revenue),
    formats.money(year.profit),
    formats.percent(summary.roiByYear[index] ?? null),
    formats.equity(year.equityAtYearEnd),
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
