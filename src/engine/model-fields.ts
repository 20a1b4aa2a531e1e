/**
 * Every numeric setting of a model, as data: where it lives, what it means to a person, its unit
 * and its valid range. `parseModel` validates with these rules, the JSON Schema is generated
 * from them, and the app builds its assumption controls from them, so the three cannot drift.
 *
 * Fields whose shape is not "one number" (periodsPerYear, seasonality, plan, name) are checked
 * in `parse-model.ts` itself; they are listed here only where the app needs their wording.
 */

/** A valid range for a number. Bounds are inclusive unless marked exclusive. */
import type { Model } from './model.ts';

export interface NumberRule {
  min?: number;
  minExclusive?: boolean;
  max?: number;
  maxExclusive?: boolean;
  integer?: boolean;
}

export type FieldGroup = 'Budget' | 'Market' | 'Brand' | 'Upstream' | 'Downstream' | 'Economics';

export interface NumberField {
  /** Dotted path in the model file, e.g. `brand.halfLifeMonths`. */
  path: string;
  group: FieldGroup;
  /** Short label for a form control. */
  label: string;
  /** Unit as a person reads it ("months", "per month", "share 0–1"). */
  unit: string;
  /** One line in plain language. */
  help: string;
  rule: NumberRule;
  /** `yearly` fields may also be an array with one value per year of the horizon. */
  yearly?: boolean;
  /**
   * Why this field cannot be given a range in `uncertainty`, when it cannot: the plan is a
   * decision, not an assumption, and some settings fix the shape of the run itself.
   */
  fixedReason?: string;
}

const atLeastZero: NumberRule = { min: 0 };
const positive: NumberRule = { min: 0, minExclusive: true };
const share: NumberRule = { min: 0, max: 1 };
const aboveMinusOne: NumberRule = { min: -1, minExclusive: true };

/**
 * Lag windows longer than this are refused. The spec sets no upper bound, but a window of, say,
 * 1e9 months would allocate a billion-entry buffer; 50 years is far beyond any real brand lag.
 */
export const MAX_LAG_WINDOW_MONTHS = 600;

/** A model's value of a numeric setting, by its field path (`brand.halfLifeMonths`, as in NUMBER_FIELDS). */
export function settingOf(model: Model, path: string): number {
  const [section, key] = path.split('.');
  return (model as unknown as Record<string, Record<string, number>>)[section][key];
}

/** Sets a numeric setting by its field path, in place: on a model the caller owns, such as a copy. */
export function setSetting(model: Model, path: string, value: number): void {
  const [section, key] = path.split('.');
  (model as unknown as Record<string, Record<string, number>>)[section][key] = value;
}

export const NUMBER_FIELDS: readonly NumberField[] = [
  {
    path: 'budget.perYear', group: 'Budget', label: 'Budget per year', unit: 'money per year',
    help: 'Total marketing budget for each year of the horizon.', rule: atLeastZero, yearly: true,
    fixedReason: 'the budget is the plan, a decision rather than an assumption',
  },
  {
    path: 'budget.upstreamShare', group: 'Budget', label: 'Upstream share', unit: 'share 0–1',
    help: 'Share of each period’s budget spent on brand building rather than conversion.', rule: share, yearly: true,
    fixedReason: 'the split is the plan, a decision rather than an assumption',
  },
  {
    path: 'history.upstreamPerMonth', group: 'Upstream', label: 'Past upstream spend', unit: 'money per month',
    help: 'Upstream spend per month before the plan starts; it is still feeding brand equity.', rule: atLeastZero,
  },
  {
    path: 'history.downstreamPerMonth', group: 'Downstream', label: 'Past downstream spend', unit: 'money per month',
    help: 'Downstream spend per month before the plan starts; its effect lingers briefly.', rule: atLeastZero,
  },
  {
    path: 'market.inMarketPerMonth', group: 'Market', label: 'Buyers in market', unit: 'people per month',
    help: 'Buyers shopping in the category each month when the brand has no equity.', rule: positive,
  },
  {
    path: 'market.growthPerYear', group: 'Market', label: 'Market growth', unit: 'rate per year',
    help: 'How fast the category grows each year (0.05 = 5 %).', rule: aboveMinusOne,
  },
  {
    path: 'brand.initialEquity', group: 'Brand', label: 'Starting brand equity', unit: 'share 0–max',
    help: 'Brand strength today, from 0 (unknown) up to the maximum equity.', rule: share,
  },
  {
    path: 'brand.maxEquity', group: 'Brand', label: 'Maximum brand equity', unit: 'share 0–1',
    help: 'The equity that unlimited, sustained brand spend would reach.', rule: { min: 0, minExclusive: true, max: 1 },
  },
  {
    path: 'brand.halfLifeMonths', group: 'Brand', label: 'Brand half-life', unit: 'months',
    help: 'Months for brand equity to halve if all brand spend stopped.', rule: positive,
  },
  {
    path: 'brand.demandLift', group: 'Brand', label: 'Demand lift', unit: 'multiplier per unit equity',
    help: 'How much a strong brand enlarges demand: full equity multiplies buyers by 1 + this.', rule: atLeastZero,
  },
  {
    path: 'brand.conversionLift', group: 'Brand', label: 'Conversion lift', unit: 'multiplier per unit equity',
    help: 'How much a strong brand makes buyers convert: full equity multiplies conversion by 1 + this.', rule: atLeastZero,
  },
  {
    path: 'upstream.lagMonths', group: 'Upstream', label: 'Lag to peak', unit: 'months',
    help: 'Months from a brand spend to its largest effect on equity.', rule: atLeastZero,
  },
  {
    path: 'upstream.lagConcentration', group: 'Upstream', label: 'Lag concentration', unit: 'between 0 and 1',
    help: 'How tightly the effect clusters around the peak: small values give a sharp peak.',
    rule: { min: 0, minExclusive: true, max: 1, maxExclusive: true },
  },
  {
    path: 'upstream.lagWindowMonths', group: 'Upstream', label: 'Lag window', unit: 'months',
    help: 'How many months a brand spend keeps feeding equity.', rule: { min: 0, max: MAX_LAG_WINDOW_MONTHS },
    fixedReason: 'it sets the length of the lag window; give a wide window and a range for upstream.lagMonths and upstream.lagConcentration instead',
  },
  {
    path: 'upstream.halfSaturation', group: 'Upstream', label: 'Upstream half-saturation', unit: 'money per month',
    help: 'Brand spend per month that builds half the maximum equity.', rule: positive,
  },
  {
    path: 'upstream.shape', group: 'Upstream', label: 'Upstream curve shape', unit: 'Hill exponent',
    help: 'At most 1: every extra unit does less; above 1: an S-curve that needs a threshold spend.', rule: positive,
  },
  {
    path: 'upstream.insightFeedback', group: 'Upstream', label: 'Insight feedback', unit: 'multiplier',
    help: 'How much downstream activity makes brand spend work better (what converts informs the brand).', rule: atLeastZero,
  },
  {
    path: 'downstream.halfLifeMonths', group: 'Downstream', label: 'Downstream half-life', unit: 'months',
    help: 'Months for the effect of ads and promotions to halve.', rule: positive,
  },
  {
    path: 'downstream.halfSaturation', group: 'Downstream', label: 'Downstream half-saturation', unit: 'money per month',
    help: 'Downstream spend per month that gives half the maximum conversion lift.', rule: positive,
  },
  {
    path: 'downstream.shape', group: 'Downstream', label: 'Downstream curve shape', unit: 'Hill exponent',
    help: 'At most 1: every extra unit does less; above 1: an S-curve.', rule: positive,
  },
  {
    path: 'downstream.maxConversionLift', group: 'Downstream', label: 'Maximum conversion lift', unit: 'conversion rate',
    help: 'Conversion rate added when downstream spend is saturated (0.015 = 1.5 points).', rule: atLeastZero,
  },
  {
    path: 'economics.baseConversion', group: 'Economics', label: 'Base conversion', unit: 'share 0–1',
    help: 'Share of in-market buyers who buy with no downstream spend and no brand.', rule: share,
  },
  {
    path: 'economics.valuePerSale', group: 'Economics', label: 'Value per sale', unit: 'money',
    help: 'Revenue from one sale.', rule: atLeastZero,
  },
  {
    path: 'economics.margin', group: 'Economics', label: 'Margin', unit: 'share 0–1',
    help: 'Contribution margin: the share of revenue left after the cost of goods.', rule: share,
  },
  {
    path: 'economics.discountRatePerYear', group: 'Economics', label: 'Discount rate', unit: 'rate per year',
    help: 'Yearly rate used to discount future profit to today’s money (NPV).', rule: aboveMinusOne,
  },
  {
    path: 'economics.carryoverYears', group: 'Economics', label: 'Carryover years', unit: 'whole years 0–5',
    help: 'Years after the horizon over which lasting brand and adstock effects are still counted.',
    rule: { min: 0, max: 5, integer: true },
    fixedReason: 'it is a whole number of years that sets the length of the run',
  },
];

/** The horizon is a top-level number with its own rule. */
export const HORIZON_YEARS_RULE: NumberRule = { min: 1, max: 5, integer: true };

/** The optional calendar year of the plan's first period, for period labels only. */
export const START_YEAR_RULE: NumberRule = { min: 1900, max: 2200, integer: true };

/** Longest name a model may have; longer names are refused rather than cut silently. */
export const MAX_NAME_LENGTH = 200;
/** Longest description; it is a short lesson, not a document. */
export const MAX_DESCRIPTION_LENGTH = 5000;

/** The sections of a model file and the keys each may hold, for unknown-field checks. */
export const SECTION_KEYS: Readonly<Record<string, readonly string[]>> = {
  budget: ['perYear', 'upstreamShare'],
  plan: ['upstream', 'downstream'],
  history: ['upstreamPerMonth', 'downstreamPerMonth'],
  market: ['inMarketPerMonth', 'growthPerYear', 'seasonality'],
  brand: ['initialEquity', 'maxEquity', 'halfLifeMonths', 'demandLift', 'conversionLift'],
  upstream: ['lagMonths', 'lagConcentration', 'lagWindowMonths', 'halfSaturation', 'shape', 'insightFeedback'],
  downstream: ['halfLifeMonths', 'halfSaturation', 'shape', 'maxConversionLift'],
  economics: ['baseConversion', 'valuePerSale', 'margin', 'discountRatePerYear', 'carryoverYears'],
};

export const TOP_LEVEL_KEYS: readonly string[] = [
  '$schema', 'name', 'description', 'periodsPerYear', 'horizonYears', 'startYear',
  'budget', 'plan', 'history', 'market', 'brand', 'upstream', 'downstream', 'economics', 'uncertainty',
];

/** Describes a rule in words for error messages: "> 0", "between 0 and 1", "a whole number from 1 to 5". */
export function describeRule(rule: NumberRule): string {
  const lower = rule.min === undefined ? undefined : `${rule.minExclusive ? '>' : '≥'} ${rule.min}`;
  const upper = rule.max === undefined ? undefined : `${rule.maxExclusive ? '<' : '≤'} ${rule.max}`;
  if (rule.integer && rule.min !== undefined && rule.max !== undefined) {
    return `a whole number from ${rule.min} to ${rule.max}`;
  }
  if (rule.min !== undefined && rule.max !== undefined && !rule.minExclusive && !rule.maxExclusive) {
    return `between ${rule.min} and ${rule.max}`;
  }
  const words = [lower, upper].filter((part) => part !== undefined).join(' and ');
  return rule.integer ? `a whole number ${words}` : words;
}

/** True when a finite number satisfies the rule. */
export function satisfiesRule(value: number, rule: NumberRule): boolean {
  if (rule.integer && !Number.isInteger(value)) return false;
  if (rule.min !== undefined && (rule.minExclusive ? value <= rule.min : value < rule.min)) return false;
  if (rule.max !== undefined && (rule.maxExclusive ? value >= rule.max : value > rule.max)) return false;
  return true;
}
