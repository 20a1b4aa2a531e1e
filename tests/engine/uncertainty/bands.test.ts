import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BAND_VALUE_BUDGET, bandOf, bandSelection } from '../../../src/engine/uncertainty/bands.ts';

describe('bandSelection', () => {
  it('keeps min(N, maxDraws, budget) draws, evenly spread, and counts them consistently', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 20_000 }), fc.integer({ min: 1, max: 5_000 }), fc.constantFrom(12, 60, 260, 4000), (draws, maxDraws, periods) => {
      const selection = bandSelection(draws, periods, maxDraws);
      expect(selection.count).toBe(Math.max(1, Math.min(draws, maxDraws, Math.floor(BAND_VALUE_BUDGET / (3 * periods)))));
      let kept = 0;
      let lastKept = -1;
      const gap = draws / selection.count;
      for (let draw = 0; draw < draws; draw += 1) {
        expect(selection.keptBefore(draw)).toBe(kept);
        if (selection.isBanded(draw)) {
          // Neighbouring kept draws are ⌊gap⌋ or ⌈gap⌉ apart: no stretch of draws is left out.
          if (lastKept >= 0) expect(Math.abs(draw - lastKept - gap)).toBeLessThan(1);
          lastKept = draw;
          kept += 1;
        }
      }
      expect(kept).toBe(selection.count);
      expect(selection.keptBefore(draws)).toBe(selection.count);
    }), { numRuns: 60 });
  });
});

describe('bandOf', () => {
  it('takes each period\'s percentiles across the rows of one series (R type 7, as simple-statistics)', () => {
    // 5 draws × 3 series × 2 periods; series 1 of draw r is [r, 10 r].
    const periods = 2;
    const rows = new Float64Array(5 * 3 * periods);
    [4, 0, 3, 1, 2].forEach((value, row) => {
      rows.set([value, 10 * value], row * 3 * periods + periods);
    });
    const band = bandOf(rows, 5, 1, periods);
    expect(band.p50).toEqual([2, 20]);
    expect(band.p5).toEqual([0.2, 2]); // h = 4 · 0.05 = 0.2 between 0 and 1
    expect(band.p90).toEqual([3.6, 36]);
  });
});
