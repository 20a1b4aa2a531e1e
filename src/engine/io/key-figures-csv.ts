// Pure (no Node or DOM APIs): the app offers it as a download, and a script can call it.
import { csvFormatRows } from 'd3';
import { CHANNEL_FIGURES } from '../channel-figures.ts';
import { type FigureUnit, KEY_FIGURES } from '../key-figures.ts';
import type { MarginalRoi } from '../sim/marginal-roi.ts';
import { MARGINAL_ROI_FIGURES } from '../marginal-roi-figure.ts';
import type { Model } from '../model/model.ts';
import type { Summary } from '../sim/results.ts';

const PERIOD_WORDS: Readonly<Record<number, string>> = { 12: 'month', 4: 'quarter', 52: 'week' };

/** What a value's number is in: the currency code for money ("EUR", or "money" without one). */
function unitWords(unit: FigureUnit, model: Pick<Model, 'currency' | 'periodsPerYear'>): string {
  switch (unit) {
    case 'money': return model.currency ?? 'money';
    case 'ratio': return 'ratio';
    case 'rate': return 'ratio per year';
    case 'period': return PERIOD_WORDS[model.periodsPerYear] ?? 'period';
    default: return '0-1';
  }
}

/**
 * A plan's key figures as CSV, one row per figure in `KEY_FIGURES` order (the marketing's own
 * value first), ROI by year after ROI and each side's marginal ROI after IRR when given:
 * `field,label,value,unit`, where unit is the model's currency code for money ("EUR"; "money"
 * when it has none), "ratio" for ROI (0.25 = 25 %), "ratio per year" for IRR, the period name for
 * payback ("month"), "0-1" for equity.
 *
 * A model in the channel form (spec §9.1) adds, after the key figures, each channel's figures
 * in `CHANNEL_FIGURES` order (spec §9.4), channel by channel, upstream ones first: fields
 * `spend:TV`, `incrementalRevenue:TV`, `roi:TV`, `marginalRoi:TV` (when `marginal` is given),
 * `valueAdded:TV`, labelled "TV: Spend" and so on. A two-lever model's rows are as they were.
 *
 * Values are written as JavaScript prints them (full precision, "." as decimal point, no
 * separators), so a spreadsheet reads back exactly the engine's numbers; a missing one (no ROI
 * without spend, no payback within the horizon, no single IRR) is an empty cell. Ends with "\n".
 *
 * @example formatKeyFiguresCsv(summary, model).split('\n')[1] // "incrementalNpvWithCarryover,Marketing NPV with carryover,3021692.94…,money"
 */
export function formatKeyFiguresCsv(
  summary: Summary, model: Pick<Model, 'currency' | 'periodsPerYear'> & { upstream?: Model['upstream'] }, marginal?: MarginalRoi,
): string {
  const cell = (value: number | null | undefined) => (value === null || value === undefined || !Number.isFinite(value) ? '' : String(value));
  const rows: string[][] = [['field', 'label', 'value', 'unit']];
  for (const figure of KEY_FIGURES) {
    rows.push([figure.field, figure.label, cell(summary[figure.field]), unitWords(figure.unit, model)]);
    if (figure.field === 'roi') {
      summary.roiByYear.forEach((roi, index) => rows.push([`roiYear${index + 1}`, `ROI year ${index + 1}`, cell(roi), 'ratio']));
    }
    if (figure.field === 'irr' && marginal !== undefined) {
      for (const side of MARGINAL_ROI_FIGURES) {
        rows.push([`marginalRoi${side.side === 'upstream' ? 'Upstream' : 'Downstream'}`, side.label, cell(marginal[side.side]), 'ratio']);
      }
    }
  }
  if (model.upstream !== undefined && 'channels' in model.upstream) {
    const figures = CHANNEL_FIGURES.filter((figure) => figure.field !== 'marginalRoi' || marginal !== undefined);
    for (const channel of summary.channels) {
      for (const figure of figures) {
        const value = figure.field === 'marginalRoi'
          ? marginal?.channels.find((candidate) => candidate.name === channel.name)?.marginalRoi
          : channel[figure.field];
        rows.push([`${figure.field}:${channel.name}`, `${channel.name}: ${figure.label}`, cell(value), figure.unit === 'money' ? unitWords('money', model) : 'ratio']);
      }
    }
  }
  return `${csvFormatRows(rows)}\n`;
}
