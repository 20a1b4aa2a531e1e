import { describe, expect, it } from 'vitest';
import { createNumberFormats } from '../../src/engine/io/number-formats.ts';
import type { ChannelSummary } from '../../src/engine/sim/results.ts';
import { formatChannelTable } from '../../src/cli/format-channel-table.ts';

const channels: ChannelSummary[] = [
  { name: 'TV', side: 'upstream', spend: 1_260_000, incrementalRevenue: 4_082_309.4, roi: 0.62, valueAdded: 1_108_683.2 },
  { name: 'Radio\u001b[2J', side: 'upstream', spend: 0, incrementalRevenue: 0, roi: null, valueAdded: 0 },
  { name: 'Search', side: 'downstream', spend: 1_080_000, incrementalRevenue: 6_422_949, roi: 1.974, valueAdded: -1_905.4 },
];
const cells = (line: string) => line.trim().split(/ {3,}/);

describe('formatChannelTable', () => {
  it('one row per channel: name, side, then the CHANNEL_FIGURES columns, money in the model\'s currency', () => {
    const lines = formatChannelTable(channels, createNumberFormats({ currency: 'EUR' }), [
      { name: 'TV', side: 'upstream', marginalRoi: 0.201 },
      { name: 'Radio\u001b[2J', side: 'upstream', marginalRoi: -1 },
      { name: 'Search', side: 'downstream', marginalRoi: -0.352 },
    ]).split('\n');
    expect(cells(lines[0])).toEqual(['Channel', 'Side', 'Spend', 'Incremental revenue', 'ROI', 'Marginal ROI', 'Value added']);
    expect(cells(lines[1])).toEqual(['TV', 'upstream', '€1,260,000', '€4,082,309', '62.0%', '+20.1%', '€1,108,683']);
    // No spend: no ROI ("—", never null or NaN); the name's escape sequence shown, not run.
    expect(cells(lines[2])).toEqual(['Radio\\u001b[2J', 'upstream', '€0', '€0', '—', '-100.0%', '€0']);
    expect(cells(lines[3])).toEqual(['Search', 'downstream', '€1,080,000', '€6,422,949', '197.4%', '-35.2%', '-€1,905']);
    expect(lines).toHaveLength(4);
  });

  it('leaves the marginal ROI column out when it is not given, and shows "—" for a channel it lacks', () => {
    const without = formatChannelTable(channels, createNumberFormats({})).split('\n');
    expect(cells(without[0])).toEqual(['Channel', 'Side', 'Spend', 'Incremental revenue', 'ROI', 'Value added']);
    const partial = formatChannelTable(channels, createNumberFormats({}), [{ name: 'TV', side: 'upstream', marginalRoi: 0 }]).split('\n');
    expect(cells(partial[1])[5]).toBe('0.0%');
    expect(cells(partial[3])[5]).toBe('—');
  });
});
