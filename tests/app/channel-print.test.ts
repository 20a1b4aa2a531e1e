import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { printedChannelRows } from '../../src/app/channel-print.ts';
import { parseModel } from '../../src/engine/model/parse-model.ts';

const read = (path: string) => parseModel(JSON.parse(readFileSync(path, 'utf8')));

describe('printedChannelRows', () => {
  it('prints each channel’s settings on one line, in the units on screen', () => {
    const rows = printedChannelRows(read('tests/engine/fixtures/channel-example.json'));
    expect(rows.map((row) => row.term)).toEqual(['TV (upstream)', 'Sponsorship (upstream)', 'Search (downstream)', 'Social (downstream)']);
    expect(rows[0].detail).toBe('Share of side budget 70 % · Past spend 35,000 a month · Lag to peak 4 months · Lag concentration 0.6 · Lag window 12 months · '
      + 'Half-saturation 45,000 a month · Curve shape 1 · Share of maximum equity 70 % · no short-term effect');
    expect(rows[2].detail).toBe('Share of side budget 60 % · Past spend 30,000 a month · Half-life 0.3 months · Half-saturation 9,000 a month · Curve shape 1.5 · Maximum conversion lift 0.9 %');
    for (const row of rows) expect(row.detail).not.toMatch(/undefined|NaN/);
  });

  it('prints nothing for a two-lever model (its fields are printed one by one)', () => {
    expect(printedChannelRows(read('models/default.json'))).toEqual([]);
  });
});
