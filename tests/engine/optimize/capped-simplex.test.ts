import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { projectOntoCappedSimplex } from '../../../src/engine/optimize/capped-simplex.ts';
import { between } from '../arbitrary-model.ts';

/** A capped simplex with room in it: n entries in [lower, upper] summing to total. */
const cappedSimplex = fc.record({
  count: fc.integer({ min: 1, max: 60 }),
  lower: between(0, 1),
  width: fc.oneof(fc.constant(0), between(0, 5)),
  position: between(0, 1),
}).map(({ count, lower, width, position }) => ({ count, lower, upper: lower + width, total: count * (lower + width * position) }));

describe('projectOntoCappedSimplex', () => {
  it('projects exactly as the worked example', () => {
    const point = Float64Array.of(3, 0, 0);
    projectOntoCappedSimplex(point, 0, 3, 3, 0, 2);
    expect(Array.from(point)).toEqual([2, 0.5, 0.5]);
  });

  it('leaves entries outside the slice alone', () => {
    const point = Float64Array.of(9, 1, 1, 9);
    projectOntoCappedSimplex(point, 1, 2, 4, 0, 4);
    expect(Array.from(point)).toEqual([9, 2, 2, 9]);
  });

  it('keeps the bounds exactly when the entries are far larger than the lower bound (found by fast-check)', () => {
    const point = new Float64Array(3);
    point[2] = 3.243439790746658e-204;
    const [lower, upper, total] = [3.6765859347059847e-214, 4.774847218407004e-47, 9.62244456018442e-204];
    projectOntoCappedSimplex(point, 0, 3, total, lower, upper);
    for (const value of point) {
      expect(value).toBeGreaterThanOrEqual(lower);
      expect(value).toBeLessThanOrEqual(upper);
    }
    expect(Math.abs(point[0] + point[1] + point[2] - total)).toBeLessThanOrEqual(1e-12 * total);
  });

  it('meets the sum to 1e-12 relative and the bounds exactly, and is the nearest such point (fast-check)', () => {
    fc.assert(fc.property(cappedSimplex, fc.array(between(-20, 20), { minLength: 60, maxLength: 60 }), fc.array(between(0, 1), { minLength: 60, maxLength: 60 }),
      ({ count, lower, upper, total }, raw, mix) => {
        const point = Float64Array.from(raw.slice(0, count));
        projectOntoCappedSimplex(point, 0, count, total, lower, upper);
        let sum = 0;
        for (const value of point) {
          expect(value).toBeGreaterThanOrEqual(lower);
          expect(value).toBeLessThanOrEqual(upper);
          sum += value;
        }
        expect(Math.abs(sum - total)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(total)));

        // Nearest: no other feasible point (a mix of this one and a feasible corner) is closer.
        const distance = (candidate: ArrayLike<number>) => {
          let squared = 0;
          for (let index = 0; index < count; index += 1) squared += (candidate[index] - raw[index]) ** 2;
          return squared;
        };
        const even = Array.from({ length: count }, () => total / count);
        for (const weight of mix.slice(0, 5)) {
          const other = Array.from(point, (value, index) => (1 - weight) * value + weight * even[index]);
          expect(distance(point)).toBeLessThanOrEqual(distance(other) * (1 + 1e-12) + 1e-12);
        }
      }), { numRuns: 300 });
  });
});
