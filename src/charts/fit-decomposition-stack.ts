import type { FitPeriod } from '../engine/fit/fit-result.ts';
import { type ChannelKey, channelLabel, channelStyles } from './channel-colours.ts';
import { COLOURS, FIT_COLOURS } from './palette.ts';

/** One band of the decomposition: the base, a channel, all drivers together, or the interaction. */
export interface DecompositionPart {
  /** 'base', 'channel:TV', 'drivers' or 'interaction'. */
  key: string;
  label: string;
  colour: string;
  hatch: boolean;
  /** The part's value in one period, in the target's units. */
  value(period: FitPeriod): number;
}

/**
 * The history's parts in stacking order: base at the bottom, then each channel (upstream first,
 * as `channels` lists them, in their channel colours), then the drivers as one band (their sum,
 * often negative), then the interaction. They sum to each period's fitted value.
 */
export function decompositionParts(channels: readonly ChannelKey[]): DecompositionPart[] {
  const styles = channelStyles(channels);
  return [
    { key: 'base', label: 'Base (no spend)', colour: COLOURS.base, hatch: false, value: (period) => period.base },
    ...channels.map((channel): DecompositionPart => ({
      key: `channel:${channel.name}`, label: channelLabel(channel), colour: styles.get(channel.name)!.colour, hatch: false,
      value: (period) => period.channels[channel.name] ?? 0,
    })),
    { key: 'drivers', label: 'Drivers', colour: FIT_COLOURS.drivers, hatch: false, value: driversTotal },
    { key: 'interaction', label: 'Interaction (working together)', colour: FIT_COLOURS.interaction, hatch: true, value: (period) => period.interaction },
  ];
}

/** All drivers' parts of one period, summed (0 with no drivers). */
export function driversTotal(period: Pick<FitPeriod, 'drivers'>): number {
  let total = 0;
  for (const value of Object.values(period.drivers)) total += value;
  return total;
}

/** One part's band in each period, [bottom, top]: its positive values above zero, its negative ones below. */
export interface StackedPart {
  above: [number, number][];
  below: [number, number][];
}

/**
 * The parts stacked per period, diverging: positive values pile up from zero and negative ones
 * (a price rise, channels working against each other) pile down from zero, in `parts` order, so
 * each band's height is its value and nothing hides another.
 *
 * Each part is two bands, its values above zero and below, and a part with nothing on one side
 * in a period sits there with no height at the edge of that side's pile. d3's
 * `stackOffsetDiverging` puts such a point at 0 instead, so a part that is 0 in some periods
 * (a flighted channel) or changes sign (the drivers) was drawn as slivers running from the top
 * of the pile down to 0 and back, across the base.
 *
 * A part that is zero but for rounding (within 1e-9 of the fitted value) counts as 0.
 * @returns one band pair per part, in `parts` order; point i of each is [bottom, top] in period i
 * @example stackDecomposition([week], parts)[3].below[0] // [−10, 0]: drivers of −10 below zero
 */
export function stackDecomposition(periods: readonly FitPeriod[], parts: readonly DecompositionPart[]): StackedPart[] {
  const stacked = parts.map((): StackedPart => ({ above: new Array(periods.length), below: new Array(periods.length) }));
  periods.forEach((period, index) => {
    let top = 0;
    let bottom = 0;
    parts.forEach((part, partIndex) => {
      const raw = part.value(period);
      const value = Math.abs(raw) <= 1e-9 * Math.abs(period.fitted) ? 0 : raw;
      const positive = Math.max(0, value);
      const negative = Math.min(0, value);
      stacked[partIndex].above[index] = [top, top + positive];
      stacked[partIndex].below[index] = [bottom + negative, bottom];
      top += positive;
      bottom += negative;
    });
  });
  return stacked;
}
