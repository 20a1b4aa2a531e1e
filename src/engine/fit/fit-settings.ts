import type { Model } from '../model/model.ts';
import type { NumberField } from '../model/model-fields.ts';
import { settingOf } from '../model/model-fields.ts';
import type { ValueRange } from '../model/distributions/index.ts';
import { fromNormalScale, normalScaleOf, normalScaleSlope, toNormalScale } from '../model/normal-scale.ts';
import { compileModel } from '../sim/compile-model.ts';
import { uncertainFieldTable } from '../uncertainty/uncertain-field-table.ts';
import { normalScaleRangeFor, truncatedQuantile, uncertainFields } from '../uncertainty/uncertain-fields.ts';
import { closestName } from '../io/closest-name.ts';
import { FitError } from './fit-error.ts';

/** z of the 95th percentile of the standard normal: a 90 % interval is ± this many sds. */
export const Z90 = 1.6448536269514722;

/**
 * Prior sd on the normal scale of a setting that has no range in `uncertainty` but is made free
 * (docs/calibration.md, "Priors"): wide, so that the history decides. On the log scale 1 means
 * a 90 % range of ÷5.2 … ×5.2 around the starting value; on the logit scale 1.5 spans most of
 * the setting's valid range.
 */
export const DEFAULT_PRIOR_SD: Readonly<Record<'log' | 'logit' | 'identity', number>> = { log: 1, logit: 1.5, identity: 1 };

/** One model setting the fit estimates, with its prior as a normal on its normal scale. */
export interface FittedSetting {
  path: string;
  field: NumberField;
  /** The range that sets the normal scale (normal-scale.ts). */
  range: ValueRange;
  /** The field's valid maximum (a value on the log scale beyond it is read as it). */
  limit: number;
  start: number;
  priorMean: number;
  priorSd: number;
  priorSource: 'uncertainty' | 'default';
}

/**
 * Paths never estimated, and why (the message when --free names one):
 * - economics (value per sale, margin, discount rate, base conversion): the history's revenue
 *   cannot tell a higher base conversion from a larger market, and value and margin are facts
 *   of the business, not of its history;
 * - the market's size and growth: estimated, but as linear terms (linear-terms.ts), not here;
 * - brand.maxEquity: equity is proportional to it, so it trades off exactly with the demand and
 *   conversion lifts and the starting equity.
 */
function reasonNotFitted(path: string): string | undefined {
  if (path.startsWith('economics.')) return 'economics are never fitted: the history cannot separate them from the market size';
  if (path === 'brand.maxEquity') return 'brand.maxEquity trades off exactly with the brand lifts, so the history cannot pin it down';
  if (path.startsWith('budget.') || path.endsWith('.share') || path.endsWith('.maxEquityShare')) return `${path} is part of the plan, not of how the market responds`;
  return undefined;
}

/** The market paths the fit estimates as linear terms. */
export const MARKET_PATHS = ['market.inMarketPerMonth', 'market.growthPerYear'];

/**
 * The settings to estimate: each with a range in the model's `uncertainty` (its prior), plus
 * `free`, less `fixed`, never those `reasonNotFitted` names, in the model's field order.
 * @throws {FitError} for a path in free or fixed that the model does not have, or one that is never fitted
 */
export function fittedSettings(model: Model, free: readonly string[] = [], fixed: readonly string[] = []): FittedSetting[] {
  const table = uncertainFieldTable(model).filter((field) => field.fixedReason === undefined);
  const known = new Set([...table.map((field) => field.path), ...MARKET_PATHS]);
  for (const [option, paths] of [['--free', free], ['--fixed', fixed]] as const) {
    for (const path of paths) {
      if (!known.has(path)) throw new FitError(`${option} ${path}: the model has no setting that can be fitted by that name${suggestion(closestName(path, [...known]))}`);
      const reason = reasonNotFitted(path);
      if (option === '--free' && reason !== undefined) throw new FitError(`${option} ${path}: ${reason}`);
    }
  }
  const uncertainty = model.uncertainty ?? {};
  const marginals = new Map(uncertainFields(model).map((field) => [field.path, field]));
  const compiledStartEquity = compileModel(model).initialEquity;
  const chosen = table.filter((field) => !MARKET_PATHS.includes(field.path) && reasonNotFitted(field.path) === undefined
    && !fixed.includes(field.path) && (Object.hasOwn(uncertainty, field.path) || free.includes(field.path)));
  return chosen.map((field) => {
    const range = normalScaleRangeFor(field, model);
    const raw = settingOf(model, field.path) as number | string;
    const start = typeof raw === 'number' ? raw : compiledStartEquity;
    const marginal = marginals.get(field.path);
    const prior = marginal === undefined ? undefined : normalPrior(range, (p) => truncatedQuantile(marginal, p));
    return {
      path: field.path, field, range, limit: field.rule.max ?? Infinity, start,
      priorMean: prior?.mean ?? toNormalScale(insideRange(start, range), range),
      priorSd: prior?.sd ?? DEFAULT_PRIOR_SD[normalScaleOf(range)],
      priorSource: prior === undefined ? 'default' : 'uncertainty',
    };
  });
}

/**
 * A prior as the normal on the normal scale with the same 5 %, 50 % and 95 % points (exact for a
 * lognormal on the log scale, the usual case): mean at the median, sd from the 90 % range.
 */
export function normalPrior(range: ValueRange, quantile: (probability: number) => number): { mean: number; sd: number } {
  const lower = toNormalScale(insideRange(quantile(0.05), range), range);
  const upper = toNormalScale(insideRange(quantile(0.95), range), range);
  const mean = toNormalScale(insideRange(quantile(0.5), range), range);
  return { mean, sd: Math.max((upper - lower) / (2 * Z90), 1e-6) };
}

/** The range that sets the normal scale of the model's setting at `path` (`normalScaleRangeFor`). */
export function settingScaleRange(model: Model, path: string): ValueRange {
  const field = uncertainFieldTable(model).find((candidate) => candidate.path === path);
  if (field === undefined) throw new RangeError(`the model has no setting ${path}`);
  return normalScaleRangeFor(field, model);
}

/** A setting's value from its normal-scale value, held to the field's limit. */
export function settingValue(setting: Pick<FittedSetting, 'range' | 'limit'>, y: number): number {
  return Math.min(fromNormalScale(y, setting.range), setting.limit);
}

/** d(settingValue)/dy: the normal scale's slope, or 0 where the value is held to the limit. */
export function settingSlope(setting: Pick<FittedSetting, 'range' | 'limit'>, y: number): number {
  return fromNormalScale(y, setting.range) > setting.limit ? 0 : normalScaleSlope(y, setting.range);
}

/** A value nudged off the ends of the range, where the normal scale is infinite. */
export function insideRange(value: number, range: ValueRange): number {
  const width = Number.isFinite(range.max) ? range.max - range.min : Math.max(Math.abs(value), 1);
  const margin = width * 1e-6;
  return Math.min(Math.max(value, range.min + margin), range.max - margin);
}

function suggestion(name: string | undefined): string {
  return name === undefined ? '' : `; did you mean ${name}?`;
}
