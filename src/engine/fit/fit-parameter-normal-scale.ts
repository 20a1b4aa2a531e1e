import type { Model } from '../model/model.ts';
import { type NormalScale, normalScaleOf } from '../model/normal-scale.ts';
import { uncertainFieldTable } from '../uncertainty/uncertain-field-table.ts';
import { normalScaleRangeFor } from '../uncertainty/uncertain-fields.ts';

/** The scale on which the fit estimates a quantity, and the range that sets it. */
export interface FitParameterNormalScale {
  scale: NormalScale;
  /** The range's floor and ceiling (±Infinity where it has none). */
  min: number;
  max: number;
}

const POSITIVE: FitParameterNormalScale = { scale: 'log', min: 0, max: Infinity };
const EITHER_SIGN: FitParameterNormalScale = { scale: 'identity', min: -Infinity, max: Infinity };

/**
 * The normal scale (normal-scale.ts) on which the fit estimates a fitted quantity
 * (`FitParameter.path`), so that a chart can draw it as the fit reads it:
 * - a model setting: from its valid range, as the fit's settings take it (fit-settings.ts): log
 *   with a floor of 0 for a half-life, a half-saturation, a brand lift; logit over [0, 1] for a
 *   maximum conversion lift (a share); log with a floor of −1 for the market's growth;
 * - the market's size: log (a linear term on log revenue, linear-terms.ts); its growth: identity;
 * - the noise's σ: log (its prior is flat on log σ);
 * - the seasonal waves and the drivers' effects: identity (log-scale effects of either sign).
 * A setting's path without the model that names it gives undefined.
 * @example fitParameterNormalScale(model, 'brand.demandLift') // { scale: 'log', min: 0, max: Infinity }
 */
export function fitParameterNormalScale(model: Model | undefined, path: string): FitParameterNormalScale | undefined {
  if (path === 'market.inMarketPerMonth' || path === 'noise.sigma') return POSITIVE;
  if (path === 'market.growthPerYear' || /^seasonality\.(cos|sin)\d+$/.test(path)) return EITHER_SIGN;
  // A driver's effect: a bare column name, or "column=value" for one value of a text driver.
  if (!path.includes('.') || path.includes('=')) return EITHER_SIGN;
  if (model === undefined) return undefined;
  const field = uncertainFieldTable(model).find((candidate) => candidate.path === path);
  if (field === undefined) return undefined;
  const range = normalScaleRangeFor(field, model);
  return { scale: normalScaleOf(range), min: range.min, max: range.max };
}
