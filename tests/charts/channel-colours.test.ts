import { describe, expect, it } from 'vitest';
import { channelLegend, channelStyles } from '../../src/charts/channel-colours.ts';
import { COLOURS } from '../../src/charts/palette.ts';

const channels = (upstream: number, downstream: number) => [
  ...Array.from({ length: upstream }, (_, index) => ({ name: `U${index}`, side: 'upstream' as const })),
  ...Array.from({ length: downstream }, (_, index) => ({ name: `D${index}`, side: 'downstream' as const })),
];

describe('channelStyles', () => {
  it('gives the first channel of each side its side’s colour, as the two-lever charts draw the sides', () => {
    const styles = channelStyles(channels(2, 2));
    expect(styles.get('U0')).toEqual({ colour: COLOURS.upstream, dash: '' });
    expect(styles.get('D0')).toEqual({ colour: COLOURS.downstream, dash: '' });
  });

  it('tells six channels a side apart by colour, and up to twelve by colour and dash together', () => {
    const six = channelStyles(channels(6, 6));
    expect(new Set([...six.values()].map((style) => style.colour)).size).toBe(12);
    const twelve = channelStyles(channels(12, 12));
    expect(new Set([...twelve.values()].map((style) => `${style.colour}|${style.dash}`)).size).toBe(24);
  });

  it('labels each legend entry with the channel and its side, as lines or swatches', () => {
    expect(channelLegend([{ name: 'TV', side: 'upstream' }], 'line')).toEqual([{ label: 'TV (upstream)', colour: COLOURS.upstream, kind: 'line', dash: '' }]);
    expect(channelLegend([{ name: 'Search', side: 'downstream' }], 'swatch')).toEqual([{ label: 'Search (downstream)', colour: COLOURS.downstream }]);
  });
});
