import { closest, distance } from 'fastest-levenshtein';
import type { Model, Posterior, Uncertainty } from './model.ts';
import type { NumberRule } from './model-fields.ts';
import { type JsonObject, type Report, checkNumber, hasOwn, isPlainObject, kindOf, readObject } from './json-reading.ts';
import { showValue } from './show-value.ts';
import { distributionByName } from './distributions/index.ts';
import { MAX_PARAMETER_MAGNITUDE } from './distributions/parameter-limits.ts';
import { uncertainFieldTable } from '../uncertainty/uncertain-field-table.ts';
import { ownRange, parametersOf } from '../uncertainty/uncertain-fields.ts';

/** The keys of `posterior`, all required. */
export const POSTERIOR_KEYS: readonly string[] = ['paths', 'mean', 'cholesky'];

/**
 * Settings whose valid range depends on each other's value: initialEquity ≤ maxEquity. Their
 * normal scales would move with each other, so they cannot share one fixed posterior; one of
 * them in the posterior and the other in `uncertainty` alone is fine.
 */
const EXCLUSIVE_PAIR = ['brand.maxEquity', 'brand.initialEquity'] as const;

/**
 * Every number of a posterior lies within ±1e13 (the largest magnitude of any setting and of
 * any distribution parameter): on a logit or log scale anything beyond ±800 already saturates,
 * and the limit keeps y = mean + L·z finite for every z, however many paths.
 */
const POSTERIOR_NUMBER_RULE: NumberRule = { min: -MAX_PARAMETER_MAGNITUDE, max: MAX_PARAMETER_MAGNITUDE };

/**
 * Reads a model file's optional `posterior` (docs/model-files.md, "Posterior"):
 * `{ paths, mean, cholesky }`, a multivariate normal N(mean, L·Lᵀ) over settings on their normal
 * scale (normal-scale.ts). Rules, each reported by its field:
 * - `paths`: a non-empty list of distinct paths of settings that may be uncertain in this model
 *   (the uncertain-field table, not a decision such as the budget), each with a range in
 *   `uncertainty` that has a spread (that range is the setting's marginal, shown on screen and
 *   used by sensitivity), and not both brand.maxEquity and brand.initialEquity;
 * - `mean`: one finite number per path;
 * - `cholesky`: one row per path, row i with exactly i + 1 finite numbers, the last of them (the
 *   diagonal) > 0, so that L is a valid Cholesky factor and L·Lᵀ a covariance.
 *
 * @param value `posterior` as it is in the file
 * @param model the model read so far, with its cleaned `uncertainty`
 * @param writtenUncertainty `uncertainty` as it is in the file: a path that is there but was
 *   refused (its own problem already reported) is not reported again as missing
 * @returns a clean copy, or undefined when anything was reported
 */
export function readPosterior(value: unknown, model: Model, writtenUncertainty: unknown, report: Report): Posterior | undefined {
  let problems = 0;
  const note: Report = (path, message) => {
    problems += 1;
    report(path, message);
  };
  const section = readObject(value, 'posterior', POSTERIOR_KEYS, note);
  if (section === undefined) return undefined;
  for (const key of POSTERIOR_KEYS) {
    if (!hasOwn(section, key)) note(`posterior.${key}`, `posterior.${key} is required`);
  }
  const paths = readPaths(section, model, writtenUncertainty, note);
  // The sizes follow the list of paths even when some of its items are wrong.
  const size = Array.isArray(section.paths) && section.paths.length > 0 ? section.paths.length : undefined;
  const mean = readMean(section, size, note);
  const cholesky = readCholesky(section, size, note);
  if (problems > 0 || paths === undefined || mean === undefined || cholesky === undefined) return undefined;
  return { paths, mean, cholesky };
}

function readPaths(section: JsonObject, model: Model, writtenUncertainty: unknown, report: Report): string[] | undefined {
  if (!hasOwn(section, 'paths')) return undefined;
  const list = section.paths;
  if (!Array.isArray(list)) {
    report('posterior.paths', `posterior.paths must be a list of setting paths such as "brand.halfLifeMonths", got ${kindOf(list)}`);
    return undefined;
  }
  if (list.length === 0) {
    report('posterior.paths', 'posterior.paths must name at least one setting, got an empty list');
    return undefined;
  }
  const table = uncertainFieldTable(model);
  const known = table.map((field) => field.path);
  const uncertainty: Uncertainty = model.uncertainty ?? {};
  const written = isPlainObject(writtenUncertainty) ? writtenUncertainty : {};
  const firstAt = new Map<string, number>();
  list.forEach((item, index) => {
    const path = `posterior.paths[${index}]`;
    if (typeof item !== 'string') {
      report(path, `${path} must be text (a setting's path such as "brand.halfLifeMonths"), got ${kindOf(item)}`);
      return;
    }
    const field = table.find((candidate) => candidate.path === item);
    if (field === undefined) {
      const suggestion = likelyPath(item, known);
      const hint = suggestion === undefined ? '' : `; did you mean ${suggestion}?`;
      report(path, `${path}: ${showValue(item).replace(/ \(text\)$/, '')} is not a setting of this model that can be uncertain${hint}`);
      return;
    }
    if (field.fixedReason !== undefined) {
      report(path, `${path}: ${item} cannot be uncertain: ${field.fixedReason}`);
      return;
    }
    const earlier = firstAt.get(item);
    if (earlier !== undefined) {
      report(path, `${path}: ${item} is listed twice (also posterior.paths[${earlier}]); each setting has one row`);
      return;
    }
    firstAt.set(item, index);
    const marginal = uncertainty[item];
    if (marginal === undefined) {
      // A range that was written but refused has its own message already.
      if (!hasOwn(written, item)) report(path, `${path}: ${item} must also have a range in uncertainty (its marginal, which sensitivity and the ranges on screen use)`);
      return;
    }
    if (distributionByName(marginal.dist).fixedValue(parametersOf(marginal), ownRange(field)) !== undefined) {
      report(path, `${path}: uncertainty.${item} is a fixed value (zero spread); a setting drawn from the posterior needs a range with a spread`);
    }
  });
  if (EXCLUSIVE_PAIR.every((pairPath) => firstAt.has(pairPath))) {
    report('posterior.paths', `posterior.paths must not hold both ${EXCLUSIVE_PAIR[0]} and ${EXCLUSIVE_PAIR[1]}: the starting equity's range depends on the maximum's value; keep one of them in uncertainty alone`);
  }
  return list.every((item) => typeof item === 'string') ? [...list as string[]] : undefined;
}

function readMean(section: JsonObject, size: number | undefined, report: Report): number[] | undefined {
  if (!hasOwn(section, 'mean')) return undefined;
  const list = section.mean;
  if (!Array.isArray(list)) {
    report('posterior.mean', `posterior.mean must be a list of numbers, one per path, got ${kindOf(list)}`);
    return undefined;
  }
  if (size !== undefined && list.length !== size) report('posterior.mean', `posterior.mean must have one value per path (${size}), got ${list.length}`);
  return readNumbers(list, 'posterior.mean', report);
}

function readCholesky(section: JsonObject, size: number | undefined, report: Report): number[][] | undefined {
  if (!hasOwn(section, 'cholesky')) return undefined;
  const rows = section.cholesky;
  if (!Array.isArray(rows)) {
    report('posterior.cholesky', `posterior.cholesky must be a list of rows (row i with i + 1 numbers), got ${kindOf(rows)}`);
    return undefined;
  }
  if (size !== undefined && rows.length !== size) report('posterior.cholesky', `posterior.cholesky must have one row per path (${size}), got ${rows.length}`);
  const read: number[][] = [];
  let complete = true;
  rows.forEach((row, index) => {
    const path = `posterior.cholesky[${index}]`;
    if (!Array.isArray(row)) {
      report(path, `${path} must be a list of ${index + 1} number${index === 0 ? '' : 's'} (row ${index + 1} of a lower-triangular factor), got ${kindOf(row)}`);
      complete = false;
      return;
    }
    if (row.length !== index + 1) {
      report(path, `${path} must have ${index + 1} entr${index === 0 ? 'y' : 'ies'}, got ${row.length}`);
      complete = false;
      return;
    }
    const numbers = readNumbers(row, path, report);
    if (numbers === undefined) {
      complete = false;
      return;
    }
    const diagonal = numbers[index];
    if (!(diagonal > 0)) {
      report(`${path}[${index}]`, `${path}[${index}] must be > 0 (the diagonal of a Cholesky factor), got ${diagonal}`);
      complete = false;
    }
    read.push(numbers);
  });
  return complete ? read : undefined;
}

/** The known path a typed one most likely meant: one it shortens or lengthens ("brand.halfLife"), or one a small edit away. */
function likelyPath(typed: string, known: readonly string[]): string | undefined {
  if (known.length === 0) return undefined;
  const extended = known.filter((path) => typed.length >= 4 && (path.startsWith(typed) || typed.startsWith(path)));
  if (extended.length > 0) return extended.reduce((best, path) => (Math.abs(path.length - typed.length) < Math.abs(best.length - typed.length) ? path : best));
  const suggestion = closest(typed, known as string[]);
  return distance(typed, suggestion) <= Math.max(2, Math.floor(suggestion.length / 4)) ? suggestion : undefined;
}

/** Every item a finite number within ±1e13, or undefined after reporting each one that is not. */
function readNumbers(list: readonly unknown[], path: string, report: Report): number[] | undefined {
  const numbers = list.map((item, index) => checkNumber(item, `${path}[${index}]`, POSTERIOR_NUMBER_RULE, report));
  return numbers.every((number) => number !== undefined) ? numbers as number[] : undefined;
}
