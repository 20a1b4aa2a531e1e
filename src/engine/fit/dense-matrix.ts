import { inv, lusolve } from 'mathjs';

/**
 * The small dense matrix work of the fit (at most a few dozen unknowns), on plain arrays of rows.
 * Solving and inverting are mathjs's (`lusolve`, `inv`); mathjs has no Cholesky factorisation,
 * so `cholesky` is written here (the textbook Cholesky–Banachiewicz loop).
 */

/** Solves A x = b for a square, non-singular A. */
export function solve(matrix: readonly number[][], right: ArrayLike<number>): Float64Array {
  const solution = lusolve(matrix as number[][], Array.from(right)) as number[][];
  return Float64Array.from(solution, (row) => row[0]);
}

/** A⁻¹ of a square, non-singular A. */
export function inverse(matrix: readonly number[][]): number[][] {
  return inv(matrix as number[][]) as number[][];
}

/**
 * L, lower-triangular with a positive diagonal, such that L · Lᵀ = A, for a symmetric positive
 * definite A; row i has i + 1 entries (the posterior's `cholesky` layout). A pivot that rounding
 * has made ≤ 0 (a direction the data and prior leave flat to 1e-12 of the largest) is held at a
 * tiny positive value, so the factor always exists.
 * @throws {RangeError} when A is not square
 */
export function cholesky(matrix: readonly number[][]): number[][] {
  const size = matrix.length;
  if (matrix.some((row) => row.length !== size)) throw new RangeError('cholesky needs a square matrix');
  const largest = Math.max(1e-300, ...matrix.map((row, index) => Math.abs(row[index])));
  const factor: number[][] = [];
  for (let row = 0; row < size; row += 1) {
    const current: number[] = new Array(row + 1).fill(0);
    for (let column = 0; column <= row; column += 1) {
      let sum = matrix[row][column];
      const other = column === row ? current : factor[column];
      for (let k = 0; k < column; k += 1) sum -= current[k] * other[k];
      if (row === column) current[column] = Math.sqrt(Math.max(sum, largest * 1e-12));
      else current[column] = sum / other[column];
    }
    factor.push(current);
  }
  return factor;
}

/** Aᵀ A + and Aᵀ r for rows of A given one at a time: the normal equations of least squares. */
export function normalEquations(size: number): { gram: number[][]; projected: Float64Array; add(row: ArrayLike<number>, residual: number): void } {
  const gram = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  const projected = new Float64Array(size);
  return {
    gram,
    projected,
    add(row, residual) {
      for (let i = 0; i < size; i += 1) {
        const value = row[i];
        if (value === 0) continue;
        projected[i] += value * residual;
        const gramRow = gram[i];
        for (let j = 0; j <= i; j += 1) gramRow[j] += value * row[j];
      }
    },
  };
}

/** Copies the lower triangle onto the upper one (`normalEquations` fills only the lower). */
export function symmetrise(matrix: number[][]): number[][] {
  for (let i = 0; i < matrix.length; i += 1) for (let j = 0; j < i; j += 1) matrix[j][i] = matrix[i][j];
  return matrix;
}

/** aᵀ C b, skipping the zeros of a and b (the gradients it is used with are mostly zeros). */
export function bilinear(a: ArrayLike<number>, matrix: readonly number[][], b: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i += 1) {
    if (a[i] === 0) continue;
    let inner = 0;
    for (let j = 0; j < b.length; j += 1) if (b[j] !== 0) inner += matrix[i][j] * b[j];
    sum += a[i] * inner;
  }
  return sum;
}
