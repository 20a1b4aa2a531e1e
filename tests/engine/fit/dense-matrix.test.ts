import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cholesky, inverse, solve } from '../../../src/engine/fit/dense-matrix.ts';

/** A symmetric positive definite matrix Bᵀ B + I from any square B. */
const positiveDefinite = fc.integer({ min: 1, max: 8 }).chain((size) => fc.array(fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: size, maxLength: size }), { minLength: size, maxLength: size }))
  .map((rows) => rows.map((_, i) => rows.map((__, j) => rows.reduce((sum, row) => sum + row[i] * row[j], 0) + (i === j ? 1 : 0))));

describe('cholesky', () => {
  it('factors [[4, 2], [2, 3]] as [[2], [1, √2]] (by hand)', () => {
    const factor = cholesky([[4, 2], [2, 3]]);
    expect(factor[0]).toEqual([2]);
    expect(factor[1][0]).toBe(1);
    expect(factor[1][1]).toBeCloseTo(Math.SQRT2, 15);
  });

  it('gives L with L·Lᵀ = A, rows of i + 1 entries and a positive diagonal, for any positive definite A', () => {
    fc.assert(fc.property(positiveDefinite, (matrix) => {
      const factor = cholesky(matrix);
      const scale = Math.max(...matrix.flat().map(Math.abs));
      factor.forEach((row, i) => {
        expect(row).toHaveLength(i + 1);
        expect(row[i]).toBeGreaterThan(0);
      });
      for (let i = 0; i < matrix.length; i += 1) {
        for (let j = 0; j <= i; j += 1) {
          let sum = 0;
          for (let k = 0; k <= j; k += 1) sum += factor[i][k] * factor[j][k];
          expect(Math.abs(sum - matrix[i][j])).toBeLessThan(1e-10 * scale);
        }
      }
    }));
  });
});

describe('solve and inverse (mathjs)', () => {
  it('solve gives x with A x = b, and A · A⁻¹ = I', () => {
    fc.assert(fc.property(positiveDefinite, (matrix) => {
      const right = matrix.map((_, i) => i + 1);
      const x = solve(matrix, right);
      const inv = inverse(matrix);
      const scale = Math.max(...matrix.flat().map(Math.abs));
      matrix.forEach((row, i) => {
        expect(Math.abs(row.reduce((sum, value, j) => sum + value * x[j], 0) - right[i])).toBeLessThan(1e-8 * scale * matrix.length);
        row.forEach((_, j) => {
          const product = row.reduce((sum, value, k) => sum + value * inv[k][j], 0);
          expect(Math.abs(product - (i === j ? 1 : 0))).toBeLessThan(1e-8 * scale);
        });
      });
    }));
  });
});
