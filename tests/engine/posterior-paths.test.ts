/**
 * A posterior through edits of its paths (src/engine/model/posterior-paths.ts): renamed paths keep
 * their rows; a dropped path is marginalised out, so the settings that stay keep exactly their
 * joint normal (the covariance without that row and column), checked on random factors.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Posterior } from '../../src/engine/model/model.ts';
import { posteriorShape, posteriorWithPaths } from '../../src/engine/model/posterior-paths.ts';

function covarianceOf(cholesky: readonly (readonly number[])[]): number[][] {
  const n = cholesky.length;
  return Array.from({ length: n }, (_, a) => Array.from({ length: n }, (_, b) => {
    let sum = 0;
    for (let k = 0; k <= Math.min(a, b); k += 1) sum += cholesky[a][k] * cholesky[b][k];
    return sum;
  }));
}

const THREE: Posterior = {
  paths: ['a.x', 'b.y', 'c.z'],
  mean: [1, 2, 3],
  cholesky: [[2], [1, 1], [0.5, -1, 0.25]],
};

describe('posteriorWithPaths', () => {
  it('renames paths and keeps every number', () => {
    expect(posteriorWithPaths(THREE, (path) => path.replace('b.', 'B.'))).toEqual({ ...THREE, paths: ['a.x', 'B.y', 'c.z'] });
  });

  it('drops the middle path: Σ = [[4, 2, 1], [2, 2, −0.5], [1, −0.5, 1.3125]] loses its middle row and column', () => {
    const next = posteriorWithPaths(THREE, (path) => (path === 'b.y' ? undefined : path))!;
    expect(next.paths).toEqual(['a.x', 'c.z']);
    expect(next.mean).toEqual([1, 3]);
    // [[4, 1], [1, 1.3125]] = L·Lᵀ with L = [[2], [0.5, √1.0625]].
    expect(next.cholesky[0]).toEqual([2]);
    expect(next.cholesky[1][0]).toBeCloseTo(0.5, 15);
    expect(next.cholesky[1][1]).toBeCloseTo(Math.sqrt(1.0625), 15);
  });

  it('gives undefined when every path is dropped', () => {
    expect(posteriorWithPaths(THREE, () => undefined)).toBeUndefined();
  });

  it('keeps the joint distribution of the settings that stay, for random factors (fast-check)', () => {
    const factor = fc.integer({ min: 1, max: 6 }).chain((size) => fc.record({
      rows: fc.tuple(...Array.from({ length: size }, (_, row) => fc.tuple(
        fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: row, maxLength: row }),
        fc.double({ min: 0.05, max: 3, noNaN: true }),
      ).map(([below, diagonal]) => [...below, diagonal]))),
      dropped: fc.array(fc.boolean(), { minLength: size, maxLength: size }),
    }));
    fc.assert(fc.property(factor, ({ rows, dropped }) => {
      const posterior: Posterior = { paths: rows.map((_, index) => `p.${index}`), mean: rows.map((_, index) => index), cholesky: rows };
      const next = posteriorWithPaths(posterior, (path) => (dropped[Number(path.slice(2))] ? undefined : path));
      const kept = rows.flatMap((_, index) => (dropped[index] ? [] : [index]));
      if (kept.length === 0) {
        expect(next).toBeUndefined();
        return;
      }
      const before = covarianceOf(rows);
      const after = covarianceOf(next!.cholesky);
      expect(next!.paths).toEqual(kept.map((index) => `p.${index}`));
      expect(posteriorShape(next)).toEqual(next);
      next!.cholesky.forEach((row, index) => expect(row[index]).toBeGreaterThan(0));
      kept.forEach((a, i) => kept.forEach((b, j) => {
        expect(Math.abs(after[i][j] - before[a][b])).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(before[a][a]), Math.abs(before[b][b])));
      }));
    }));
  });
});

describe('posteriorShape', () => {
  it('reads a posterior of the right shape and nothing else', () => {
    expect(posteriorShape(THREE)).toEqual(THREE);
    expect(posteriorShape(undefined)).toBeUndefined();
    expect(posteriorShape({ ...THREE, mean: [1, 2] })).toBeUndefined();
    expect(posteriorShape({ ...THREE, cholesky: [[2], [1], [0, 0, 1]] })).toBeUndefined();
    expect(posteriorShape({ ...THREE, paths: ['a', 2, 'c'] })).toBeUndefined();
    expect(posteriorShape({ ...THREE, mean: [1, Number.NaN, 3] })).toBeUndefined();
  });
});
