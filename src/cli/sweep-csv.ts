import { csvFormatRows } from 'd3';
import { CHANNEL_FIGURES, type ChannelFigureField } from '../engine/channel-figures.ts';
import { KEY_FIGURES } from '../engine/key-figures.ts';
import type { SweepResult } from './sweep-result.ts';

/** The CSV's figure columns: the summary's scalar fields in `KEY_FIGURES` order, the marketing's own value first. */
export const SWEEP_FIGURE_COLUMNS: readonly string[] = KEY_FIGURES.map((figure) => figure.field);

/**
 * A sweep as CSV: one row per point. Columns are `value`, then each scalar summary field in
 * `KEY_FIGURES` order (incrementalNpvWithCarryover, incrementalNpv, roi, paybackPeriod, irr,
 * npvWithCarryover, npv, ...), then `marginalRoiUpstream` and `marginalRoiDownstream`, then
 * `roiYear1` … `roiYearY` for the longest horizon among the points (a sweep over horizonYears
 * has points with fewer years; their extra cells are empty). With `byChannel` (a model in the
 * channel form, spec §9.1), then for each channel (upstream ones first, file order; every channel
 * any point has) its figures in `CHANNEL_FIGURES` order, as `<field>:<name>`: `spend:TV`,
 * `incrementalRevenue:TV`, `roi:TV`, `marginalRoi:TV`, `valueAdded:TV`.
 *
 * Numbers are written as JavaScript prints them (full precision, no separators); a null (no
 * ROI without spend, no payback within the horizon, no single IRR) is an empty cell. Ends with "\n".
 *
 * @example formatSweepCsv(result).split('\n')[0] // "value,incrementalNpvWithCarryover,incrementalNpv,...,roiYear1,roiYear2,roiYear3"
 */
export function formatSweepCsv(sweep: SweepResult, byChannel = false): string {
  const years = Math.max(0, ...sweep.points.map((point) => point.summary.roiByYear.length));
  const yearColumns = Array.from({ length: years }, (_, index) => `roiYear${index + 1}`);
  const cell = (value: unknown) => (value === null || value === undefined ? '' : String(value));

  const channelNames = byChannel ? [...new Set(sweep.points.flatMap((point) => point.summary.channels.map((channel) => channel.name)))] : [];
  const channelCell = (point: SweepResult['points'][number], name: string, field: ChannelFigureField) => {
    if (field === 'marginalRoi') return cell(point.marginalRoi.channels.find((channel) => channel.name === name)?.marginalRoi);
    return cell(point.summary.channels.find((channel) => channel.name === name)?.[field]);
  };
  const channelColumns = channelNames.flatMap((name) => CHANNEL_FIGURES.map((figure) => `${figure.field}:${name}`));

  const header = ['value', ...SWEEP_FIGURE_COLUMNS, 'marginalRoiUpstream', 'marginalRoiDownstream', ...yearColumns, ...channelColumns];
  const rows = sweep.points.map((point) => [
    cell(point.value),
    ...KEY_FIGURES.map((figure) => cell(point.summary[figure.field])),
    cell(point.marginalRoi.upstream),
    cell(point.marginalRoi.downstream),
    ...yearColumns.map((_, index) => cell(point.summary.roiByYear[index])),
    ...channelNames.flatMap((name) => CHANNEL_FIGURES.map((figure) => channelCell(point, name, figure.field))),
  ]);
  return `${csvFormatRows([header, ...rows])}\n`;
}
