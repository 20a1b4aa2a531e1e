import fc from 'fast-check';
import { quantileSorted } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { figureStatistics } from '../../../src/engine/index.ts';
import { selectPercentiles } from '../../../src/engine/uncertainty/select-percentiles.ts';

const PROBABILITIES = [0, 0.05, 0.1, 0.5, 0.9, 0.95, 1];

/** selectPercentiles of the list equals simple-statistics' quantileSorted of it sorted. */
function expectQuantileSorted(list: number[]): void {
  const values = Float64Array.from(list);
  const out = new Float64Array(PROBABILITIES.length);
  selectPercentiles(values, values.length, PROBABILITIES, out);
  const sorted = values.slice().sort() as unknown as number[];
  PROBABILITIES.forEach((p, index) => {
    const expected = quantileSorted(sorted, p);
    // === so that 0 and -0 (equal values that sort either way round) count as the same.
    if (Number.isFinite(expected)) expect(out[index] === expected, `p${p}: ${out[index]} vs ${expected}`).toBe(true);
    else expect(Number.isFinite(out[index])).toBe(false);
  });
}

describe('selectPercentiles', () => {
  it('equals simple-statistics quantileSorted on the sorted values (fast-check)', () => {
    const value = fc.oneof(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.integer({ min: -3, max: 3 }).map(Number), fc.constant(Infinity));
    fc.assert(fc.property(fc.array(value, { minLength: 1, maxLength: 400 }), expectQuantileSorted), { numRuns: 300 });
  });
});

describe('selectPercentiles on many values', () => {
  it('equals quantileSorted when bins hold many values: clusters, repeats, Infinity, and reused working memory', () => {
    // A few centres, far apart, each with many values within a millionth of it: most values share
    // a handful of the 1,024 bins, so the wanted ranks fall in bins of hundreds of values.
    const centres = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 4 });
    const list = centres.chain((points) => fc.array(fc.oneof(
      fc.tuple(fc.nat(points.length - 1), fc.integer({ min: -1000, max: 1000 })).map(([which, step]) => points[which] * (1 + step * 1e-9)),
      fc.integer({ min: -2, max: 2 }).map(Number),
      fc.constant(Infinity),
    ), { minLength: 1, maxLength: 6000 }));
    fc.assert(fc.property(list, expectQuantileSorted), { numRuns: 60 });
  });

  it('reads only the first `count` values', () => {
    const out = new Float64Array(1);
    selectPercentiles(Float64Array.of(1, 2, 3, 1000, -1000), 3, [1], out);
    expect(out[0]).toBe(3);
  });
});

describe('figureStatistics', () => {
  it('gives the mean and percentiles, exact for a constant', () => {
    expect(figureStatistics(Float64Array.of(0.1, 0.1, 0.1))).toEqual({ mean: 0.1, p5: 0.1, p10: 0.1, p50: 0.1, p90: 0.1, p95: 0.1 });
    expect(figureStatistics(Float64Array.of(3, 1, 2)).p50).toBe(2);
  });

  it('treats Infinity as never (null where it lands, null mean) and NaN as no value', () => {
    const payback = figureStatistics(Float64Array.of(3, 4, 5, Infinity));
    expect(payback.mean).toBeNull();
    expect(payback.p10).toBeCloseTo(3.3, 12);
    expect(payback.p95).toBeNull();
    expect(figureStatistics(Float64Array.of(Number.NaN, Number.NaN)).p50).toBeNull();
  });
});
