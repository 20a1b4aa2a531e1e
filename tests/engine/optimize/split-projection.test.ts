import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { projectOntoBoxedSimplex, projectOntoSplit, splitSideRange } from '../../../src/engine/optimize/split-projection.ts';

/**
 * A split problem with room in it: n channels (the first `upstream` upstream), boxes, side
 * limits, and a point to project. Built from a feasible split so the set is never empty.
 */
const splitProblem = fc.integer({ min: 1, max: 8 }).chain((count) => fc.record({
  count: fc.constant(count),
  upstream: fc.integer({ min: 0, max: count }),
  feasible: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: count, maxLength: count }),
  slackBelow: fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: count, maxLength: count }),
  slackAbove: fc.array(fc.oneof(fc.constant(Infinity), fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: count, maxLength: count }),
  sideSlack: fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })),
  point: fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: count, maxLength: count }),
})).map(({ count, upstream, feasible, slackBelow, slackAbove, sideSlack, point }) => {
  const sum = feasible.reduce((a, b) => a + b, 0);
  const split = feasible.map((value) => (sum > 0 ? value / sum : 1 / count));
  const lower = Float64Array.from(split, (value, index) => Math.max(0, value - slackBelow[index] * value));
  const upper = Float64Array.from(split, (value, index) => value + slackAbove[index]);
  const side = split.slice(0, upstream).reduce((a, b) => a + b, 0);
  const sideLow = upstream === 0 || upstream === count ? 0 : Math.max(0, side - sideSlack[0] * side);
  const sideHigh = upstream === 0 || upstream === count ? 1 : Math.min(1, side + sideSlack[1] * (1 - side));
  return { count, upstream, lower, upper, sideLow, sideHigh, point: Float64Array.from(point), split: Float64Array.from(split) };
});

function inSet(x: Float64Array, problem: { upstream: number; lower: Float64Array; upper: Float64Array; sideLow: number; sideHigh: number }, tolerance: number): boolean {
  let sum = 0;
  let side = 0;
  for (let index = 0; index < x.length; index += 1) {
    if (x[index] < problem.lower[index] - tolerance || x[index] > problem.upper[index] + tolerance) return false;
    sum += x[index];
    if (index < problem.upstream) side += x[index];
  }
  const sidesApply = problem.upstream > 0 && problem.upstream < x.length;
  return Math.abs(sum - 1) <= tolerance && (!sidesApply || (side >= problem.sideLow - tolerance && side <= problem.sideHigh + tolerance));
}

describe('projectOntoSplit', () => {
  it('projects as the worked example: (1, 0, 0) with the upstream side at most a half', () => {
    const x = Float64Array.of(1, 0, 0);
    projectOntoSplit(x, 0, 1, 1, [0, 0, 0], [1, 1, 1], 0, 0.5);
    expect(Array.from(x)).toEqual([0.5, 0.25, 0.25]);
  });

  it('is the nearest point of the set: feasible, and (y − x)·(z − x) ≤ 0 for every point z of the set (fast-check)', () => {
    fc.assert(fc.property(splitProblem, fc.array(fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 8, maxLength: 8 }), { minLength: 5, maxLength: 5 }), (problem, others) => {
      const x = Float64Array.from(problem.point);
      projectOntoSplit(x, 0, problem.upstream, 1, problem.lower, problem.upper, problem.sideLow, problem.sideHigh);
      expect(inSet(x, problem, 1e-12)).toBe(true);
      // Other points of the set: the known feasible split, and projections of random points.
      const candidates = [problem.split, ...others.map((other) => {
        const z = Float64Array.from(other.slice(0, problem.count));
        projectOntoSplit(z, 0, problem.upstream, 1, problem.lower, problem.upper, problem.sideLow, problem.sideHigh);
        return z;
      })];
      for (const z of candidates) {
        let product = 0;
        for (let index = 0; index < problem.count; index += 1) product += (problem.point[index] - x[index]) * (z[index] - x[index]);
        expect(product).toBeLessThanOrEqual(1e-10);
      }
    }), { numRuns: 400 });
  });

  it('leaves a point already in the set where it is', () => {
    fc.assert(fc.property(splitProblem, (problem) => {
      const x = Float64Array.from(problem.split);
      projectOntoSplit(x, 0, problem.upstream, 1, problem.lower, problem.upper, problem.sideLow, problem.sideHigh);
      for (let index = 0; index < problem.count; index += 1) expect(x[index]).toBeCloseTo(problem.split[index], 12);
    }), { numRuns: 200 });
  });

  it('reports the side sums a split can have (empty when boxes and side limits cannot meet)', () => {
    expect(splitSideRange(1, 1, [0.6, 0], [1, 1], 0, 0.5)).toEqual({ low: 0.6, high: 0.5 });
    expect(splitSideRange(2, 1, [0, 0, 0.3], [1, 1, 1], 0.2, 0.9)).toEqual({ low: 0.2, high: 0.7 });
  });
});

describe('projectOntoBoxedSimplex', () => {
  it('matches clamp(y − τ) with the sum exact, on boxes with infinite tops (fast-check)', () => {
    fc.assert(fc.property(splitProblem, (problem) => {
      const x = Float64Array.from(problem.point);
      projectOntoBoxedSimplex(x, 0, problem.count, 1, problem.lower, problem.upper, 0);
      const sum = x.reduce((a, b) => a + b, 0);
      expect(Math.abs(sum - 1)).toBeLessThanOrEqual(1e-12);
      // One τ for every entry strictly inside its box.
      const shifts = Array.from(x).flatMap((value, index) => (value > problem.lower[index] + 1e-12 && value < problem.upper[index] - 1e-12 ? [problem.point[index] - value] : []));
      for (const shift of shifts) expect(shift).toBeCloseTo(shifts[0], 9);
    }), { numRuns: 400 });
  });
});
