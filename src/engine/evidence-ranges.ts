import type { Grounding } from './grounding.ts';

/**
 * The ranges that published evidence gives for the grounding measures (`grounding`), with the
 * source of each. Every preset in models/ is tested to fall inside every range
 * (tests/engine/presets.test.ts); docs/evidence.md shows this table with each preset's values.
 *
 * The ranges are deliberately wide: each study reports an average over many brands, and a
 * preset is one brand in one situation. They are there to keep a preset from teaching with
 * numbers that no measured brand has shown, not to pin it to an average.
 */
export interface EvidenceRange {
  /** The measure, as named in `Grounding`. */
  measure: keyof Grounding;
  /** What the measure is, in the user's words. */
  label: string;
  /** Inclusive bounds; `typical` is the published central value. */
  min: number;
  max: number;
  typical: number;
  /** How the value is shown: a share as a percentage, months, or a plain ratio. */
  unit: 'share' | 'months' | 'ratio' | 'equity';
  /** Where the range comes from. */
  source: string;
}

export const EVIDENCE_RANGES: readonly EvidenceRange[] = [
  {
    measure: 'marketingShareOfRevenue',
    label: 'Share of revenue that marketing adds over the horizon',
    min: 0.05,
    max: 0.3,
    typical: 0.15,
    unit: 'share',
    source: 'Typical marketing-mix model decompositions: media and marketing "due-to" 5–30 % of sales, the rest base (brand history, distribution, price, season).',
  },
  {
    measure: 'longToShortRoiRatio',
    label: 'Long- to short-term return (3 years ÷ first 3 months)',
    min: 1.5,
    max: 2.5,
    typical: 1.9,
    unit: 'ratio',
    source: 'Profit Ability (Thinkbox, Ebiquity and Gain Theory 2017): return over 3 years ≈ 1.9 × the return in the first 3 months, and Profit Ability 2 (2023, £1.8bn of spend, 141 brands) measures both terms again; Nielsen (Wood & Poltrack, "Measuring the long-term effects of television advertising", Journal of Advertising Research 2015): the rule of thumb multiplies the short-term effect by 2, with brands from about 1.5 to 2.5.',
  },
  {
    measure: 'monthsForBrandEffects',
    label: 'Months for brand effects to show (half of the built-up lift)',
    min: 3,
    max: 9,
    typical: 6,
    unit: 'months',
    source: 'Binet & Field, The Long and the Short of It (IPA 2013) and Media in Focus (IPA 2017): brand-building effects emerge after about six months of a campaign.',
  },
  {
    measure: 'longTermElasticity',
    label: 'Long-term elasticity of revenue to spend',
    min: 0.12,
    max: 0.36,
    typical: 0.24,
    unit: 'ratio',
    source: 'Sethuraman, Tellis & Briesch, "How well does advertising work? Generalizations from meta-analysis of brand advertising elasticities", Journal of Marketing Research 48(3), 2011: mean long-term elasticity 0.24 (402 estimates).',
  },
  {
    measure: 'shortTermElasticity',
    label: 'Short-term elasticity of revenue to spend',
    min: 0.06,
    max: 0.18,
    typical: 0.12,
    unit: 'ratio',
    source: 'Sethuraman, Tellis & Briesch 2011: mean short-term (current-period) elasticity 0.12 (751 estimates).',
  },
  {
    measure: 'equityGapFromHistory',
    label: 'Starting equity minus the equity the history sustains',
    min: -0.02,
    max: 0.02,
    typical: 0,
    unit: 'equity',
    source: 'Consistency, not a study: a brand whose past spend continues should neither gain nor lose equity, so the plan’s effects are not mixed with a drift that no decision caused.',
  },
];

/** True when the measured value lies within the range (null never does). */
export function withinRange(range: EvidenceRange, value: number | null): boolean {
  return value !== null && value >= range.min && value <= range.max;
}
