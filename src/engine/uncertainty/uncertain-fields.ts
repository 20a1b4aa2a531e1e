import { type Model, type UncertainValue, isChannelModel } from '../model/model.ts';
import type { NumberField } from '../model/model-fields.ts';
import { uncertainFieldTable } from './uncertain-field-table.ts';
import { type Distribution, type DistributionParameters, type ValueRange, distributionByName } from '../model/distributions/index.ts';
import { drawSource, pathKey } from './draw-seed.ts';
import { UncertaintyError } from './uncertainty-error.ts';
import { type PosteriorSampler, createPosteriorSampler, valueFromNormalScale } from './posterior-sampler.ts';
import { normalScaleRange } from '../model/normal-scale.ts';

/** Redraws allowed for one value before giving up; validation makes needing many vanishingly rare. */
export const MAX_REDRAWS = 1000;

/**
 * Fields whose valid range depends on another field's value: equity cannot start above its
 * maximum. In a draw, the bounding field is drawn first and bounds this one.
 */
export const BOUNDED_BY: Readonly<Record<string, string>> = { 'brand.initialEquity': 'brand.maxEquity' };

/** One uncertain setting, ready to draw from. */
export interface UncertainField {
  path: string;
  field: NumberField;
  /** As written in the model's `uncertainty`. */
  value: UncertainValue;
  distribution: Distribution;
  parameters: DistributionParameters;
  /**
   * The field's valid range with the other fields at their values in the model
   * (initialEquity ≤ maxEquity, lagMonths ≤ lagWindowMonths).
   */
  range: ValueRange;
  /** Index in the field list of the field that bounds this one from above in each draw, or -1. */
  boundByIndex: number;
  /** The value every draw gives when the spread is zero; undefined otherwise. */
  fixed: number | undefined;
  /** `pathKey(path)`: selects this field's random stream. */
  key: number;
  /** Points the field's sampler at a new uniform source (one per draw). */
  useSource(source: () => number): void;
  /** A new generator on the current source (see `Distribution.sampler`); undefined when fixed. */
  start: (() => () => number) | undefined;
  /**
   * Set when the model's `posterior` holds this field: its draws come from there (the sampler
   * shared by the posterior's fields, and this field's index in it), not from `value`, and
   * `fixed` is then undefined (a posterior always has a spread).
   */
  posterior?: {
    sampler: PosteriorSampler;
    index: number;
    /** The range that sets the field's normal scale: `normalScaleRange(range, field.rule)`. */
    scale: ValueRange;
  };
}

/**
 * The model's uncertain fields, in drawing order: the order of `uncertainFieldTable` (for a
 * two-lever model ALL_NUMBER_FIELDS: NUMBER_FIELDS, then the optional upstream.shortTerm fields;
 * for the channel form the model-wide fields, then each channel's), except that a field that
 * bounds another (maxEquity) comes before it (initialEquity).
 *
 * With a `posterior`, the fields it holds share one sampler (`posterior` on each), so that
 * `drawValues` gives them their joint, correlated values; the others keep their own ranges.
 * @param model a model returned by `parseModel` (its `uncertainty` is then valid)
 */
export function uncertainFields(model: Model): UncertainField[] {
  const uncertainty = model.uncertainty ?? {};
  const table = uncertainFieldTable(model);
  const known = table.filter((field) => Object.hasOwn(uncertainty, field.path));
  const order = (field: NumberField) => (Object.values(BOUNDED_BY).includes(field.path) ? -1 : 0);
  known.sort((a, b) => order(a) - order(b));
  const fields = known.map((field): UncertainField => {
    const path = field.path;
    const value = uncertainty[path]!;
    const distribution = distributionByName(value.dist);
    const parameters = parametersOf(value);
    const range = rangeFor(field, model);
    const fixed = distribution.fixedValue(parameters, range);
    let current: () => number = () => 0;
    const checked = fixed === undefined && distribution.check(parameters, range).length === 0;
    return {
      path, field, value, distribution, parameters, range, boundByIndex: -1, fixed, key: pathKey(path),
      useSource: (source) => { current = source; },
      start: checked ? distribution.sampler(parameters, range, () => current()) : undefined,
    };
  });
  for (const field of fields) {
    const bound = BOUNDED_BY[field.path];
    field.boundByIndex = bound === undefined ? -1 : fields.findIndex((candidate) => candidate.path === bound);
  }
  if (model.posterior !== undefined) {
    const sampler = createPosteriorSampler(model.posterior);
    for (const field of fields) {
      const index = model.posterior.paths.indexOf(field.path);
      if (index < 0) continue;
      field.posterior = { sampler, index, scale: normalScaleRange(field.range, field.field.rule) };
      field.fixed = undefined;
    }
  }
  return fields;
}

/** A distribution's numeric parameters, without `dist`. */
export function parametersOf(value: UncertainValue): DistributionParameters {
  const parameters: Record<string, number> = {};
  for (const name of distributionByName(value.dist).parameters) parameters[name] = (value as unknown as Record<string, number>)[name];
  return parameters;
}

/**
 * A field's valid range as numbers, narrowed by the rules between fields with the other field
 * at its value in the model: initialEquity ≤ brand.maxEquity, lagMonths ≤ lagWindowMonths (of
 * the upstream side, or of the channel).
 */
export function rangeFor(field: NumberField, model: Model): ValueRange {
  const range = ownRange(field);
  const limit = field.path === 'brand.initialEquity' ? model.brand.maxEquity : lagWindowLimit(field.path, model);
  if (limit !== undefined && limit < range.max) {
    range.max = limit;
    range.maxExclusive = false;
  }
  return range;
}

/**
 * The range that sets a field's normal scale (normal-scale.ts) in this model: its valid range
 * (`rangeFor`) without a ceiling that is only a limit. The fit estimates a setting, and a
 * posterior draws it, on this one scale.
 */
export function normalScaleRangeFor(field: NumberField, model: Model): ValueRange {
  return normalScaleRange(rangeFor(field, model), field.rule);
}

/** The lag window that bounds a lagMonths path (the side's or the channel's), or undefined for another path. */
function lagWindowLimit(path: string, model: Model): number | undefined {
  if (!isChannelModel(model)) return path === 'upstream.lagMonths' ? model.upstream.lagWindowMonths : undefined;
  const match = /^upstream\.channels\.([^.]+)\.lagMonths$/.exec(path);
  return match === null || !Object.hasOwn(model.upstream.channels, match[1]) ? undefined : model.upstream.channels[match[1]].lagWindowMonths;
}

/** A field's valid range from its own rule alone. */
export function ownRange(field: NumberField): ValueRange {
  const { rule } = field;
  return {
    min: rule.min ?? -Infinity,
    max: rule.max ?? Infinity,
    minExclusive: rule.minExclusive ?? false,
    maxExclusive: rule.maxExclusive ?? false,
  };
}

/** True when x is a finite number inside the range. */
export function inRange(x: number, range: ValueRange): boolean {
  if (!Number.isFinite(x)) return false;
  if (range.minExclusive ? x <= range.min : x < range.min) return false;
  if (range.maxExclusive ? x >= range.max : x > range.max) return false;
  return true;
}

/**
 * The share of a distribution's values that fall inside a range (1 or 0 for a fixed value).
 * Endpoints carry no probability, so exclusive and inclusive bounds give the same share.
 */
export function shareInside(field: Pick<UncertainField, 'distribution' | 'parameters' | 'fixed'>, range: ValueRange): number {
  if (field.fixed !== undefined) return inRange(field.fixed, range) ? 1 : 0;
  const { distribution, parameters } = field;
  const upper = range.max === Infinity ? 1 : distribution.cdf(parameters, range, range.max);
  const lower = range.min === -Infinity ? 0 : distribution.cdf(parameters, range, range.min);
  return Math.max(0, upper - lower);
}

/**
 * Draws every uncertain field's value for draw `draw` into `out` (in field order). A value
 * outside its field's valid range is rejected and redrawn from the same stream, never clipped,
 * so each field follows its distribution truncated to the valid range.
 *
 * Fields in the model's posterior are drawn together instead: the posterior's normal-scale
 * values for this draw (`PosteriorSampler.fill`, once per call), each mapped back from its
 * field's normal scale (`normalScaleRange`) into its valid range, which needs no redraw. A posterior field bounded by another (initialEquity by
 * maxEquity) takes its range up to the other's value in this draw, so that its normal scale (a
 * logit of the share of the maximum) keeps its meaning when the maximum is drawn too.
 *
 * Cost: a few d3 generator constructions and calls per field.
 * @throws {UncertaintyError} when a field finds no valid value in `MAX_REDRAWS` tries (validation
 *   requires 5 % of the distribution inside the range, so this signals a rule between fields,
 *   e.g. initialEquity drawn far above a low maxEquity)
 */
export function drawValues(fields: readonly UncertainField[], seed: number, draw: number, out: Float64Array): void {
  let filled: PosteriorSampler | undefined;
  for (let index = 0; index < fields.length; index += 1) {
    const field = fields[index];
    const joint = field.posterior;
    if (joint !== undefined) {
      if (filled !== joint.sampler) {
        joint.sampler.fill(seed, draw);
        filled = joint.sampler;
      }
      const y = joint.sampler.y[joint.index];
      if (field.boundByIndex < 0) {
        out[index] = valueFromNormalScale(y, joint.scale, field.range);
      } else {
        const range = { ...field.range, max: out[field.boundByIndex], maxExclusive: false };
        out[index] = valueFromNormalScale(y, normalScaleRange(range, field.field.rule), range);
      }
      continue;
    }
    if (field.fixed !== undefined) {
      out[index] = field.fixed;
      continue;
    }
    let range = field.range;
    if (field.boundByIndex >= 0) range = { ...range, max: Math.min(range.max, out[field.boundByIndex]), maxExclusive: false };
    field.useSource(drawSource(seed, draw, field.key));
    const next = field.start!();
    let value = next();
    let tries = 1;
    while (!inRange(value, range)) {
      if (tries >= MAX_REDRAWS) {
        throw new UncertaintyError(`uncertainty.${field.path}`,
          `uncertainty.${field.path}: no value inside its valid range in ${MAX_REDRAWS} tries (draw ${draw}); narrow the distribution or widen the field it depends on`);
      }
      value = next();
      tries += 1;
    }
    out[index] = value;
  }
}

/**
 * The value with probability p below it, of the field's distribution truncated to its valid
 * range: F⁻¹(F(min) + p·(F(max) − F(min))). p = 0.5 is the field's central value.
 * @param probability 0 < p < 1
 * @example truncatedQuantile(field, 0.9) // the field's 90th percentile
 */
export function truncatedQuantile(field: UncertainField, probability: number): number {
  if (field.fixed !== undefined) return field.fixed;
  const { distribution, parameters, range } = field;
  const lower = range.min === -Infinity ? 0 : distribution.cdf(parameters, range, range.min);
  const upper = range.max === Infinity ? 1 : distribution.cdf(parameters, range, range.max);
  const value = distribution.quantile(parameters, range, lower + probability * (upper - lower));
  // The CDF's own rounding can put a quantile a hair outside the range; the nearest valid end is then the answer.
  return Math.min(range.max, Math.max(range.min, value));
}
