import type { Model } from '../model/model.ts';
import type { ModelIssue } from '../model/model-issue.ts';
import type { ValueRange } from '../model/distributions/index.ts';
import { type UncertainField, inRange, ownRange, shareInside, uncertainFields } from './uncertain-fields.ts';
import { UncertaintyError } from './uncertainty-error.ts';

/**
 * Below this share of a distribution inside its field's valid range, the model is refused:
 * rejection sampling then needs on average at most 20 tries per value, and the chance of
 * exhausting `MAX_REDRAWS` (1000) is below 0.95^1000 ≈ 5e-23.
 */
export const MIN_SHARE_INSIDE = 0.05;

/**
 * What is wrong with a model's `uncertainty` once its structure has been read: a
 * distribution's parameters (sd ≥ 0, min ≤ mode ≤ max, …), a fixed value (zero spread) outside
 * its field's valid range, or a distribution with less than 5 % of its values inside that range
 * (a uniform entirely outside it, say), which rejection sampling could not draw from.
 *
 * Each field is checked against its own rule only (halfLifeMonths > 0, margin 0…1), not against
 * rules between fields (initialEquity ≤ maxEquity, lagMonths ≤ lagWindowMonths): those depend
 * on another setting that a person may be editing, and a model stays valid while they do.
 * `checkDrawable` checks them when Monte Carlo starts.
 *
 * @param model a model whose other fields are valid and whose `uncertainty` entries are
 *   well-formed (known paths and distributions, finite parameters)
 * @returns one issue per problem, path `uncertainty.<field>`
 * @example uncertaintyProblems(model) // [{ path: 'uncertainty.brand.halfLifeMonths', message: '... sd must be ≥ 0, got -1' }]
 */
export function uncertaintyProblems(model: Model): ModelIssue[] {
  const issues: ModelIssue[] = [];
  for (const field of uncertainFields(model)) {
    const path = `uncertainty.${field.path}`;
    const range = ownRange(field.field);
    const parameterProblems = field.distribution.check(field.parameters, range);
    if (parameterProblems.length > 0) {
      for (const problem of parameterProblems) issues.push({ path, message: `${path}: ${problem}` });
      continue;
    }
    const problem = drawingProblem(field, range);
    if (problem !== undefined) issues.push({ path, message: problem });
  }
  return issues;
}

/**
 * Checks, before drawing, that every uncertain field can be drawn within its range with the
 * other fields at their values in the model (lagMonths ≤ lagWindowMonths and
 * initialEquity ≤ maxEquity included), which `uncertaintyProblems` leaves out. Fields drawn
 * from the model's posterior always can, and are not checked.
 * @throws {UncertaintyError} naming the first field that cannot
 */
export function checkDrawable(fields: readonly UncertainField[]): void {
  for (const field of fields) {
    // A posterior's values map into the range whatever they are (valueFromNormalScale).
    if (field.posterior !== undefined) continue;
    const problem = drawingProblem(field, field.range);
    if (problem !== undefined) throw new UncertaintyError(`uncertainty.${field.path}`, problem);
  }
}

function drawingProblem(field: UncertainField, range: ValueRange): string | undefined {
  const path = `uncertainty.${field.path}`;
  if (field.fixed !== undefined) {
    return inRange(field.fixed, range) ? undefined
      : `${path}: the fixed value ${field.fixed} (zero spread) must be ${describeRange(range)}, as ${field.path} must`;
  }
  const share = shareInside(field, range);
  return share >= MIN_SHARE_INSIDE ? undefined
    : `${path}: only ${(share * 100).toPrecision(2)} % of this ${field.value.dist} distribution lies where ${field.path} is valid (${describeRange(range)}); at least ${MIN_SHARE_INSIDE * 100} % must, so that draws outside can be redrawn`;
}

/** A range in words: "> 0", "between 0 and 0.9", "> 0 and < 1". */
export function describeRange(range: ValueRange): string {
  const lower = range.min === -Infinity ? undefined : `${range.minExclusive ? '>' : '≥'} ${range.min}`;
  const upper = range.max === Infinity ? undefined : `${range.maxExclusive ? '<' : '≤'} ${range.max}`;
  if (lower !== undefined && upper !== undefined && !range.minExclusive && !range.maxExclusive) return `between ${range.min} and ${range.max}`;
  return [lower, upper].filter((part) => part !== undefined).join(' and ') || 'any number';
}
