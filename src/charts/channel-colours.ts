import type { LegendItem } from './legend-item.ts';

/** A channel as the channel charts need it: its name and side. */
export interface ChannelKey {
  name: string;
  side: 'upstream' | 'downstream';
}

/** How one channel is drawn: a colour of its side's hue and, for lines, a dash. */
export interface ChannelStyle {
  colour: string;
  /** Dash pattern for lines ('' for solid), so lines differ in grayscale print too. */
  dash: string;
}

/**
 * Upstream channels in blues, downstream ones in oranges and browns (the Okabe–Ito hues of the
 * two sides, palette.ts), alternating dark and light so neighbours in a stack differ in lightness;
 * the lightest come last, as they read least well as lines.
 */
const UPSTREAM_SHADES = ['#0072B2', '#56B4E9', '#08306B', '#3E9AD6', '#1F4E79', '#9CCFEF'] as const;
const DOWNSTREAM_SHADES = ['#E69F00', '#8A4B00', '#D55E00', '#F0C36B', '#B87A00', '#5C3200'] as const;
const DASHES = ['', '6 3', '2 3', '10 3 2 3', '4 2', '1 2'] as const;

/**
 * Each channel's colour and dash, by its place on its side (channels beyond six repeat the shades
 * with another dash).
 * @example channelStyles([{ name: 'TV', side: 'upstream' }]).get('TV') // { colour: '#0072B2', dash: '' }
 */
export function channelStyles(channels: readonly ChannelKey[]): Map<string, ChannelStyle> {
  const styles = new Map<string, ChannelStyle>();
  const counts = { upstream: 0, downstream: 0 };
  for (const channel of channels) {
    const index = counts[channel.side]++;
    const shades = channel.side === 'upstream' ? UPSTREAM_SHADES : DOWNSTREAM_SHADES;
    styles.set(channel.name, { colour: shades[index % shades.length], dash: DASHES[(index + Math.floor(index / shades.length)) % DASHES.length] });
  }
  return styles;
}

/** "TV (upstream)": a channel with its side, for legends and tables. */
export function channelLabel(channel: ChannelKey): string {
  return `${channel.name} (${channel.side})`;
}

/** A legend of the channels as swatches (bars) or as lines. */
export function channelLegend(channels: readonly ChannelKey[], kind: 'swatch' | 'line'): LegendItem[] {
  const styles = channelStyles(channels);
  return channels.map((channel) => {
    const style = styles.get(channel.name)!;
    return kind === 'line'
      ? { label: channelLabel(channel), colour: style.colour, kind: 'line', dash: style.dash }
      : { label: channelLabel(channel), colour: style.colour };
  });
}
