import { CHANNEL_FIGURES, type ChannelFigure } from '../engine/channel-figures.ts';
import type { NumberFormats } from '../engine/io/number-formats.ts';
import type { ChannelMarginalRoi } from '../engine/sim/marginal-roi.ts';
import type { ChannelSummary } from '../engine/sim/results.ts';
import { MISSING, formatMarginalRoi } from './format-numbers.ts';
import { renderTextTable } from './text-table.ts';

/** A channel figure's value as text: money with the model's symbol, ROI as a percentage, marginal ROI signed. */
export function formatChannelFigure(figure: ChannelFigure, value: number | null | undefined, formats: NumberFormats): string {
  switch (figure.unit) {
    case 'money': return formats.money(value);
    case 'ratio': return formats.percent(value);
    default: return value === undefined ? MISSING : formatMarginalRoi(value, formats);
  }
}

/**
 * The per-channel results as a terminal table (spec §9.4): one row per channel in the order of
 * results (upstream channels first, each side in file order), with its side, then the columns of
 * `CHANNEL_FIGURES` (spend, incremental revenue, ROI, marginal ROI, value added). The marginal
 * ROI column is left out when `marginal` is not given. Channel names are shown as text, control
 * characters escaped. Has no trailing "\n".
 *
 * @param indent put before every line, as under a heading
 * @example formatChannelTable(simulate(model).summary.channels, formatsFor(model), marginalRoi(model).channels)
 */
export function formatChannelTable(
  channels: readonly ChannelSummary[], formats: NumberFormats, marginal?: readonly ChannelMarginalRoi[], indent = '  ',
): string {
  const figures = CHANNEL_FIGURES.filter((figure) => figure.field !== 'marginalRoi' || marginal !== undefined);
  const marginalOf = (name: string) => marginal?.find((channel) => channel.name === name)?.marginalRoi;
  const header = ['Channel', 'Side', ...figures.map((figure) => figure.label)];
  const rows = channels.map((channel) => [
    channel.name,
    channel.side,
    ...figures.map((figure) => formatChannelFigure(figure, figure.field === 'marginalRoi' ? marginalOf(channel.name) : channel[figure.field], formats)),
  ]);
  return renderTextTable([header, ...rows], ['left', 'left', ...figures.map(() => 'right' as const)], indent);
}
