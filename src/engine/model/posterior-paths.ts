import type { Posterior } from './model.ts';

/**
 * `value` as a `Posterior` when it has the shape of one: `paths` a list of text, `mean` one
 * finite number per path, `cholesky` one row per path with row i holding i + 1 finite numbers.
 * Undefined otherwise. Says nothing about the model (`parseModel` checks the paths and the
 * diagonal); for editors that carry a posterior through changes of a model being typed.
 */
export function posteriorShape(value: unknown): Posterior | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const { paths, mean, cholesky } = value as Record<string, unknown>;
  const numbers = (list: unknown, length: number): list is number[] => Array.isArray(list) && list.length === length
    && list.every((item) => typeof item === 'number' && Number.isFinite(item));
  if (!Array.isArray(paths) || !paths.every((path) => typeof path === 'string')) return undefined;
  if (!numbers(mean, paths.length) || !Array.isArray(cholesky) || cholesky.length !== paths.length) return undefined;
  if (!cholesky.every((row, index) => numbers(row, index + 1))) return undefined;
  return { paths: [...paths], mean: [...mean], cholesky: cholesky.map((row: number[]) => [...row]) };
}

/**
 * The posterior with its paths renamed or dropped by `change` (a channel renamed, removed, or a
 * two-lever model split into channels): a renamed path keeps its row; a dropped one is
 * marginalised out, which for a normal means deleting its row and column of the covariance
 * Σ = L·Lᵀ and factoring what is left again. The settings that stay keep their joint distribution
 * exactly (to rounding), in their order.
 *
 * Cost: O(n³) for n paths, only when one is dropped.
 * @param posterior a posterior of the right shape (`posteriorShape`) with a positive diagonal
 * @param change a path's new path, or undefined to drop it
 * @returns the new posterior, or undefined when every path was dropped
 * @example posteriorWithPaths(p, (path) => path.replace('.TV.', '.Television.'))
 */
export function posteriorWithPaths(posterior: Posterior, change: (path: string) => string | undefined): Posterior | undefined {
  const renamed = posterior.paths.map(change);
  const kept = renamed.flatMap((path, index) => (path === undefined ? [] : [index]));
  if (kept.length === 0) return undefined;
  const paths = kept.map((index) => renamed[index]!);
  const mean = kept.map((index) => posterior.mean[index]);
  if (kept.length === posterior.paths.length) return { paths, mean, cholesky: posterior.cholesky.map((row) => [...row]) };
  const lower = posterior.cholesky;
  // Σ[a][b] = Σₖ L[a][k]·L[b][k], k ≤ min(a, b).
  const covariance = (a: number, b: number): number => {
    let sum = 0;
    for (let k = 0; k <= Math.min(a, b); k += 1) sum += lower[a][k] * lower[b][k];
    return sum;
  };
  const cholesky: number[][] = [];
  kept.forEach((original, row) => {
    const next: number[] = [];
    for (let column = 0; column < row; column += 1) {
      let sum = covariance(original, kept[column]);
      for (let k = 0; k < column; k += 1) sum -= next[k] * cholesky[column][k];
      next.push(sum / cholesky[column][column]);
    }
    let pivot = covariance(original, original);
    for (let k = 0; k < row; k += 1) pivot -= next[k] * next[k];
    // The variance left given fewer earlier settings is at least L[i][i]² (given all of them);
    // rounding can only take it below that when the rest nearly explains it.
    next.push(Math.sqrt(Math.max(pivot, lower[original][original] ** 2)));
    cholesky.push(next);
  });
  return { paths, mean, cholesky };
}
