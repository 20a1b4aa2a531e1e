import { describe, expect, it } from 'vitest';
import { maximiseOnInterval } from '../../../src/engine/optimize/line-search-1d.ts';
import { projectOntoCappedSimplex } from '../../../src/engine/optimize/capped-simplex.ts';
import { projectedGradientAscent } from '../../../src/engine/optimize/projected-gradient-ascent.ts';

describe('maximiseOnInterval', () => {
  it('finds the peak of a parabola to the tolerance', () => {
    const found = maximiseOnInterval((x) => -((x - 0.3123456) ** 2), 0, 1, 10, 1e-9);
    expect(found.argument).toBeCloseTo(0.3123456, 8);
  });

  it('finds the higher of two humps, which golden-section alone from the whole interval would miss', () => {
    const twoHumps = (x: number) => Math.exp(-(((x - 0.15) / 0.05) ** 2)) + 1.1 * Math.exp(-(((x - 0.8) / 0.03) ** 2));
    expect(maximiseOnInterval(twoHumps, 0, 1, 100, 1e-9).argument).toBeCloseTo(0.8, 6);
  });

  it('returns an end point when the function rises to it, and the point itself for an empty interval', () => {
    expect(maximiseOnInterval((x) => x, 0.2, 0.45, 100, 1e-9).argument).toBe(0.45);
    expect(maximiseOnInterval((x) => x, 0.3, 0.3, 100, 1e-9)).toEqual({ argument: 0.3, value: 0.3 });
  });
});

describe('projectedGradientAscent', () => {
  // maximise −Σ cᵢ(xᵢ − aᵢ)² on { Σ x = 1, 0 ≤ x ≤ 0.5 }: ill-scaled on purpose (c spans 1e4).
  const curvature = [1, 10, 100, 1e4];
  const target = [0.9, 0.5, -0.2, 0.2];
  const problem = {
    size: 4,
    last: new Float64Array(4),
    value(point: Float64Array) {
      this.last.set(point);
      return -curvature.reduce((sum, c, index) => sum + c * (point[index] - target[index]) ** 2, 0);
    },
    gradient(out: Float64Array) {
      for (let index = 0; index < 4; index += 1) out[index] = -2 * curvature[index] * (this.last[index] - target[index]);
    },
    project(point: Float64Array) { projectOntoCappedSimplex(point, 0, 4, 1, 0, 0.5); },
  };

  it('reaches the constrained maximum of an ill-scaled concave quadratic', () => {
    const result = projectedGradientAscent(problem, Float64Array.of(0.25, 0.25, 0.25, 0.25), {
      maxIterations: 2000, tolerance: 1e-14, scale: 1, patience: 30, settledTolerance: 0,
    });
    // KKT: xᵢ = clamp(aᵢ − ν / (2cᵢ), 0, 0.5) for the multiplier ν that makes Σ x = 1 (bisection).
    const at = (multiplier: number) => target.map((a, index) => Math.min(0.5, Math.max(0, a - multiplier / (2 * curvature[index]))));
    let low = -1e6;
    let high = 1e6;
    for (let step = 0; step < 200; step += 1) {
      const middle = (low + high) / 2;
      if (at(middle).reduce((sum, x) => sum + x, 0) > 1) low = middle;
      else high = middle;
    }
    const expected = at(high);
    expect(result.converged).toBe(true);
    result.point.forEach((value, index) => expect(value).toBeCloseTo(expected[index], 7));
  });

  it('never returns a point worse than its start', () => {
    const start = Float64Array.of(0.5, 0.4, 0, 0.1);
    const startValue = problem.value(start);
    const result = projectedGradientAscent(problem, start, { maxIterations: 1, tolerance: 0, scale: 1, patience: 1, settledTolerance: 0 });
    expect(result.value).toBeGreaterThanOrEqual(startValue);
  });
});
