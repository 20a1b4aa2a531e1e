import type { BetterDirection } from './key-figures.ts';
import type { ChannelSummary } from './sim/results.ts';

/**
 * The per-channel results as people see them (spec §9.4, plus each channel's marginal ROI at the
 * plan), declared once, beside `KEY_FIGURES`, for every table of channels: the command's
 * simulate and compare, and wherever the app or the report lists channels. Columns in this order.
 */

/** A figure of a channel: a field of `ChannelSummary`, or its marginal ROI (from `marginalRoi(model).channels`). */
export type ChannelFigureField = Exclude<keyof ChannelSummary, 'name' | 'side'> | 'marginalRoi';

export interface ChannelFigure {
  field: ChannelFigureField;
  /** As a table's column header: "Incremental revenue". */
  label: string;
  /** Money in the model's currency; a ratio as a percentage (ROI); a signed ratio (marginal ROI: "+18.3%"). */
  unit: 'money' | 'ratio' | 'signedRatio';
  better: BetterDirection;
  /** One or two plain sentences: what it is, in the user's words. */
  help: string;
}

export const CHANNEL_FIGURES: readonly ChannelFigure[] = [
  {
    field: 'spend', label: 'Spend', unit: 'money', better: 'neither',
    help: 'What the plan spends on this channel over the horizon.',
  },
  {
    field: 'incrementalRevenue', label: 'Incremental revenue', unit: 'money', better: 'higher',
    help: 'Revenue over the horizon that would be lost if this channel alone spent nothing (every other channel unchanged). Channels interact, so these need not add up to the side’s revenue.',
  },
  {
    field: 'roi', label: 'ROI', unit: 'ratio', better: 'higher',
    help: 'The contribution this channel adds over the horizon, less its spend, per unit spent (undiscounted); none when it spends nothing.',
  },
  {
    field: 'marginalRoi', label: 'Marginal ROI', unit: 'signedRatio', better: 'higher',
    help: 'What the next unit of money on this channel would return above its cost, valued as the marketing NPV with carryover is. Where a fixed budget is split at its best, every channel that gets money returns the same.',
  },
  {
    field: 'valueAdded', label: 'Value added', unit: 'money', better: 'higher',
    help: 'How much the marketing NPV with carryover would fall if this channel alone spent nothing over the horizon.',
  },
];
