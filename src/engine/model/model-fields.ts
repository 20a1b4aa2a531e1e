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
  /**
   * True when `max` is a limit that no real business reaches (docs/model-limits.md), set to keep
   * every result finite, rather than an end of the field's scale (a share's 1): a value below
   * `min` is then told only the lower bound, as the spec words it ("must be > 0").
   */
  maxIsLimit?: boolean;
  /**
   * A value above 0 must be at least this (0 itself stays valid): spend of a fraction of a cent
   * is never real, and dividing by it (ROI is per unit spent) can overflow.
   */
  minPositive?: number;
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

const share: NumberRule = { min: 0, max: 1 };

/*
 * Limits a real business never reaches (docs/model-limits.md gives the reason for each). The
 * spec bounds most settings only from below; without a ceiling, valid values such as a value
 * per sale of 1e308 overflow to Infinity and NaN. With these, every valid model simulates to
 * finite numbers (tests/engine/finite-at-limits.test.ts checks it at the limits themselves).
 */

/** Any amount of money (per month, per year, per period, or a saturation point): 10 trillion. */
export const MAX_MONEY = 1e13;
/** Value of one sale: a trillion. */
export const MAX_VALUE_PER_SALE = 1e12;
/** Buyers in the market per month: a trillion, over a hundred purchases a month by every person alive. */
export const MAX_IN_MARKET_PER_MONTH = 1e12;
/** A yearly rate (market growth, discount rate): 10 = 1,000 % a year. */
export const MAX_RATE_PER_YEAR = 10;
/** Multipliers gained from full brand equity or insight feedback: 1 + 100 = 101 times. */
export const MAX_MULTIPLIER = 100;
/** A half-life: a century, beyond which nothing decays visibly within a run (at most 10 years). */
export const MAX_HALF_LIFE_MONTHS = 1200;
/** A Hill exponent: 10 already turns the curve into a step at the half-saturation point. */
export const MAX_HILL_SHAPE = 10;
/** A seasonal index (1 = average): 100, far above 52, all of a weekly year's demand in one week. */
export const MAX_SEASONAL_INDEX = 100;
/** The largest limit of any setting: no valid value, and so no useful range, reaches beyond it. */
export const MAX_SETTING_MAGNITUDE = MAX_MONEY;

/** The smallest budget for a year that is not 0: a cent (an explicit plan's yearly total, too). */
export const MIN_POSITIVE_SPEND = 0.01;

const money: NumberRule = { min: 0, max: MAX_MONEY, maxIsLimit: true };
const budgetPerYear: NumberRule = { ...money, minPositive: MIN_POSITIVE_SPEND };
const positiveMoney: NumberRule = { min: 0, minExclusive: true, max: MAX_MONEY, maxIsLimit: true };
const multiplier: NumberRule = { min: 0, max: MAX_MULTIPLIER, maxIsLimit: true };
const ratePerYear: NumberRule = { min: -1, minExclusive: true, max: MAX_RATE_PER_YEAR, maxIsLimit: true };
const halfLife: NumberRule = { min: 0, minExclusive: true, max: MAX_HALF_LIFE_MONTHS, maxIsLimit: true };
const hillShape: NumberRule = { min: 0, minExclusive: true, max: MAX_HILL_SHAPE, maxIsLimit: true };

/** Each spend in an explicit plan, per period. */
export const PLAN_SPEND_RULE: NumberRule = money;
/** Each index of `market.seasonality`. */
export const SEASONAL_INDEX_RULE: NumberRule = { min: 0, minExclusive: true, max: MAX_SEASONAL_INDEX, maxIsLimit: true };
/** The rules of a response curve (downstream, and an upstream short-term effect, which has its meaning). */
export const CURVE_RULES = { halfLifeMonths: halfLife, halfSaturation: positiveMoney, shape: hillShape, maxConversionLift: share } as const;

/**
 * Lag windows longer than this are refused. The spec sets no upper bound, but a window of, say,
 * 1e9 months would allocate a billion-entry buffer; 50 years is far beyond any real brand lag.
 */
export const MAX_LAG_WINDOW_MONTHS = 600;

/**
 * A model's value of a numeric setting, by its field path (`brand.halfLifeMonths`, as in
 * NUMBER_FIELDS, or `upstream.shortTerm.halfLifeMonths`, as in SHORT_TERM_FIELDS).
 */
export function settingOf(model: Model, path: string): number {
  const keys = path.split('.');
  const key = keys.pop()!;
  return (keys.reduce((object: Record<string, unknown>, part) => object[part] as Record<string, unknown>, model as unknown as Record<string, unknown>))[key] as number;
}

/** Sets a numeric setting by its field path, in place: on a model the caller owns, such as a copy. */
export function setSetting(model: Model, path: string, value: number): void {
  const keys = path.split('.');
  const key = keys.pop()!;
  (keys.reduce((object: Record<string, unknown>, part) => object[part] as Record<string, unknown>, model as unknown as Record<string, unknown>))[key] = value;
}

export const NUMBER_FIELDS: readonly NumberField[] = [
  {
    path: 'budget.perYear', group: 'Budget', label: 'Budget per year', unit: 'money per year',
    help: 'Total marketing budget for each year of the horizon.', rule: budgetPerYear, yearly: true,
    fixedReason: 'the budget is the plan, a decision rather than an assumption',
  },
  {
    path: 'budget.upstreamShare', group: 'Budget', label: 'Upstream share', unit: 'share 0–1',
    help: 'Share of each period’s budget spent on brand building rather than conversion.', rule: share, yearly: true,
    fixedReason: 'the split is the plan, a decision rather than an assumption',
  },
  {
    path: 'history.upstreamPerMonth', group: 'Upstream', label: 'Past upstream spend', unit: 'money per month',
    help: 'Upstream spend per month before the plan starts; it is still feeding brand equity.', rule: money,
  },
  {
    path: 'history.downstreamPerMonth', group: 'Downstream', label: 'Past downstream spend', unit: 'money per month',
    help: 'Downstream spend per month before the plan starts; its effect lingers briefly.', rule: money,
  },
  {
    path: 'market.inMarketPerMonth', group: 'Market', label: 'Buyers in market', unit: 'people per month',
    help: 'Buyers shopping in the category each month when the brand has no equity.',
    rule: { min: 0, minExclusive: true, max: MAX_IN_MARKET_PER_MONTH, maxIsLimit: true },
  },
  {
    path: 'market.growthPerYear', group: 'Market', label: 'Market growth', unit: 'rate per year',
    help: 'How fast the category grows each year (0.05 = 5 %).', rule: ratePerYear,
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
    help: 'Months for brand equity to halve if all brand spend stopped.', rule: halfLife,
  },
  {
    path: 'brand.demandLift', group: 'Brand', label: 'Demand lift', unit: 'multiplier per unit equity',
    help: 'How much a strong brand enlarges demand: full equity multiplies buyers by 1 + this.', rule: multiplier,
  },
  {
    path: 'brand.conversionLift', group: 'Brand', label: 'Conversion lift', unit: 'multiplier per unit equity',
    help: 'How much a strong brand makes buyers convert: full equity multiplies conversion by 1 + this.', rule: multiplier,
  },
  {
    path: 'upstream.lagMonths', group: 'Upstream', label: 'Lag to peak', unit: 'months',
    help: 'Months from a brand spend to its largest effect on equity.', rule: { min: 0 },
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
    help: 'Brand spend per month that builds half the maximum equity.', rule: positiveMoney,
  },
  {
    path: 'upstream.shape', group: 'Upstream', label: 'Upstream curve shape', unit: 'Hill exponent',
    help: 'At most 1: every extra unit does less; above 1: an S-curve that needs a threshold spend.', rule: hillShape,
  },
  {
    path: 'upstream.insightFeedback', group: 'Upstream', label: 'Insight feedback', unit: 'multiplier',
    help: 'How much downstream activity makes brand spend work better (what converts informs the brand).', rule: multiplier,
  },
  {
    path: 'downstream.halfLifeMonths', group: 'Downstream', label: 'Downstream half-life', unit: 'months',
    help: 'Months for the effect of ads and promotions to halve.', rule: CURVE_RULES.halfLifeMonths,
  },
  {
    path: 'downstream.halfSaturation', group: 'Downstream', label: 'Downstream half-saturation', unit: 'money per month',
    help: 'Downstream spend per month that gives half the maximum conversion lift.', rule: CURVE_RULES.halfSaturation,
  },
  {
    path: 'downstream.shape', group: 'Downstream', label: 'Downstream curve shape', unit: 'Hill exponent',
    help: 'At most 1: every extra unit does less; above 1: an S-curve.', rule: CURVE_RULES.shape,
  },
  {
    path: 'downstream.maxConversionLift', group: 'Downstream', label: 'Maximum conversion lift', unit: 'conversion rate',
    help: 'Conversion rate added when downstream spend is saturated (0.015 = 1.5 points).', rule: CURVE_RULES.maxConversionLift,
  },
  {
    path: 'economics.baseConversion', group: 'Economics', label: 'Base conversion', unit: 'share 0–1',
    help: 'Share of in-market buyers who buy with no downstream spend and no brand.', rule: share,
  },
  {
    path: 'economics.valuePerSale', group: 'Economics', label: 'Value per sale', unit: 'money',
    help: 'Revenue from one sale.', rule: { min: 0, max: MAX_VALUE_PER_SALE, maxIsLimit: true },
  },
  {
    path: 'economics.margin', group: 'Economics', label: 'Margin', unit: 'share 0–1',
    help: 'Contribution margin: the share of revenue left after the cost of goods.', rule: share,
  },
  {
    path: 'economics.discountRatePerYear', group: 'Economics', label: 'Discount rate', unit: 'rate per year',
    help: 'Yearly rate used to discount future profit to today’s money (NPV).', rule: ratePerYear,
  },
  {
    path: 'economics.carryoverYears', group: 'Economics', label: 'Carryover years', unit: 'whole years 0–5',
    help: 'Years after the horizon over which lasting brand and adstock effects are still counted.',
    rule: { min: 0, max: 5, integer: true },
    fixedReason: 'it is a whole number of years that sets the length of the run',
  },
];

/**
 * The optional `upstream.shortTerm` object (spec §9.1 and §9.3): its fields, with the meaning and
 * rules of the downstream ones. Kept apart from NUMBER_FIELDS because a model may not have them:
 * they are read, put in the schema and may be given ranges only when `upstream.shortTerm` is present.
 */
export const SHORT_TERM_FIELDS: readonly NumberField[] = [
  {
    path: 'upstream.shortTerm.halfLifeMonths', group: 'Upstream', label: 'Short-term half-life', unit: 'months',
    help: 'Months for the short-term sales effect of brand spend to halve.', rule: CURVE_RULES.halfLifeMonths,
  },
  {
    path: 'upstream.shortTerm.halfSaturation', group: 'Upstream', label: 'Short-term half-saturation', unit: 'money per month',
    help: 'Brand spend per month that gives half the maximum short-term conversion lift.', rule: CURVE_RULES.halfSaturation,
  },
  {
    path: 'upstream.shortTerm.shape', group: 'Upstream', label: 'Short-term curve shape', unit: 'Hill exponent',
    help: 'At most 1: every extra unit does less; above 1: an S-curve.', rule: CURVE_RULES.shape,
  },
  {
    path: 'upstream.shortTerm.maxConversionLift', group: 'Upstream', label: 'Short-term conversion lift', unit: 'conversion rate',
    help: 'Conversion rate that saturating brand spend adds in the short term, this month (0.005 = 0.5 points).', rule: CURVE_RULES.maxConversionLift,
  },
];

/** Every numeric setting that may be given a range in `uncertainty`, the optional ones included. */
export const ALL_NUMBER_FIELDS: readonly NumberField[] = [...NUMBER_FIELDS, ...SHORT_TERM_FIELDS];

/** The keys of `upstream.shortTerm`. */
export const SHORT_TERM_KEYS: readonly string[] = ['halfLifeMonths', 'halfSaturation', 'shape', 'maxConversionLift'];

/** Keys of a section that may be left out (every other key is required). */
export const OPTIONAL_SECTION_KEYS: readonly string[] = ['upstream.shortTerm', 'economics.carryoverBaseline'];

/** `economics.carryoverBaseline`, a choice rather than a number: its wording for the app, the schema and the docs. */
export const CARRYOVER_BASELINE_FIELD = {
  path: 'economics.carryoverBaseline',
  group: 'Economics' as FieldGroup,
  label: 'Carryover baseline',
  help: 'What both runs spend after the horizon when the carryover is valued: "zero" (nothing, the default) or "history" (the past spend per month, business as usual, so the plan gains nothing by spending heavily at the very end).',
};

/** `brand.initialEquity` may also be this text: the equity that the history's constant spend sustains. */
export const EQUITY_FROM_HISTORY = 'history';

/** The horizon is a top-level number with its own rule. */
export const HORIZON_YEARS_RULE: NumberRule = { min: 1, max: 5, integer: true };

/** The optional calendar year of the plan's first period, for period labels only. */
export const START_YEAR_RULE: NumberRule = { min: 1900, max: 2200, integer: true };
/** `fiscalYearStartMonth`: the calendar month the plan's years begin in. */
export const FISCAL_YEAR_START_MONTH_RULE: NumberRule = { min: 1, max: 12, integer: true };

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
  upstream: ['lagMonths', 'lagConcentration', 'lagWindowMonths', 'halfSaturation', 'shape', 'insightFeedback', 'shortTerm'],
  downstream: ['halfLifeMonths', 'halfSaturation', 'shape', 'maxConversionLift'],
  economics: ['baseConversion', 'valuePerSale', 'margin', 'discountRatePerYear', 'carryoverYears', 'carryoverBaseline'],
};

export const TOP_LEVEL_KEYS: readonly string[] = [
  '$schema', 'name', 'description', 'lesson', 'periodsPerYear', 'horizonYears', 'startYear', 'currency', 'fiscalYearStartMonth',
  'budget', 'plan', 'history', 'market', 'brand', 'upstream', 'downstream', 'economics', 'uncertainty', 'posterior',
];

/**
 * Describes a rule in words for error messages: "> 0", "between 0 and 1", "a whole number from
 * 1 to 5". Given the offending value, a rule whose max is a limit (`maxIsLimit`) is described by
 * the one bound the value breaks: "> 0" for -3 (the spec's sentence), "≤ 1e12" for 1e308.
 * Limits of a million or more are written as 1e12, as they would be typed in a model file.
 */
export function describeRule(rule: NumberRule, value?: number): string {
  if (rule.minPositive !== undefined && value !== undefined && value > 0 && value < rule.minPositive) {
    return `0 or at least ${shownBound(rule.minPositive)}`;
  }
  if (rule.maxIsLimit && rule.max !== undefined && value !== undefined) {
    const aboveLimit = rule.maxExclusive ? value >= rule.max : value > rule.max;
    if (aboveLimit) return `${rule.maxExclusive ? '<' : '≤'} ${shownBound(rule.max)}`;
    return describeRule({ ...rule, max: undefined, maxExclusive: undefined, maxIsLimit: undefined });
  }
  const lower = rule.min === undefined ? undefined : `${rule.minExclusive ? '>' : '≥'} ${shownBound(rule.min)}`;
  const upper = rule.max === undefined ? undefined : `${rule.maxExclusive ? '<' : '≤'} ${shownBound(rule.max)}`;
  if (rule.integer && rule.min !== undefined && rule.max !== undefined) {
    return `a whole number from ${rule.min} to ${rule.max}`;
  }
  if (rule.min !== undefined && rule.max !== undefined && !rule.minExclusive && !rule.maxExclusive) {
    return `between ${shownBound(rule.min)} and ${shownBound(rule.max)}`;
  }
  const words = [lower, upper].filter((part) => part !== undefined).join(' and ');
  return rule.integer ? `a whole number ${words}` : words;
}

/** A bound as a person would type it: 600, 0.5, or 1e13 rather than 10000000000000. */
function shownBound(bound: number): string {
  return Math.abs(bound) >= 1e6 ? bound.toExponential().replace('e+', 'e') : String(bound);
}

/** True when a finite number satisfies the rule. */
export function satisfiesRule(value: number, rule: NumberRule): boolean {
  if (rule.integer && !Number.isInteger(value)) return false;
  if (rule.minPositive !== undefined && value > 0 && value < rule.minPositive) return false;
  if (rule.min !== undefined && (rule.minExclusive ? value <= rule.min : value < rule.min)) return false;
  if (rule.max !== undefined && (rule.maxExclusive ? value >= rule.max : value > rule.max)) return false;
  return true;
}
