import { ALL_NUMBER_FIELDS, type NumberField } from '../engine/index.ts';
import type { AmountKind } from './parse-amount.ts';

/**
 * How the app shows each numeric setting of the field table (src/engine/model/model-fields.ts): in
 * which kind of box (percent, money, a plain number…), with which unit beside it, and the help
 * in plain words where the table's own help speaks in the file's numbers ("0.05 = 5 %").
 * The model file keeps its units (shares 0–1, amounts per month); only the screen changes.
 */
export interface FieldDisplay {
  field: NumberField;
  /** The label on screen, the field table's. */
  label: string;
  kind: AmountKind;
  /** Beside the box: "%", "per month", "months". Empty for none. */
  suffix: string;
  /** After a number in a sentence: " %", " months", " a month" ("got 150 %"). */
  unitAfterNumber: string;
  /** Thousands separators in the box. */
  grouping: boolean;
  help: string;
}

/** Equity is a 0–1 scale of its own (0.37), shown as the number itself, never as a percentage. */
const EQUITY_PATHS = new Set(['brand.initialEquity', 'brand.maxEquity']);

/** Help in plain words where the field table's help gives the file's numbers or a technical term. */
const PLAIN_HELP: Readonly<Record<string, string>> = {
  'market.growthPerYear': 'How fast the category grows each year, in percent (-3 for a shrinking market).',
  'downstream.maxConversionLift': 'Percentage points of conversion added when downstream spend is saturated (1.5 means 1.5 points more of the buyers buy).',
  'upstream.shape': 'How the response bends as spend grows: 1 or less, every extra unit does less; above 1, an S-curve that needs a threshold spend before it works.',
  'downstream.shape': 'How the response bends as spend grows: 1 or less, every extra unit does less; above 1, an S-curve that needs a threshold spend before it works.',
  'upstream.shortTerm.maxConversionLift': 'Percentage points of conversion that saturating brand spend adds this month (0.5 means 0.5 points more of the buyers buy).',
  'upstream.shortTerm.shape': 'How the short-term response bends as spend grows: 1 or less, every extra unit does less; above 1, an S-curve.',
  'upstream.lagConcentration': 'How tightly the effect clusters around the peak, between 0 and 1: small values give a sharp peak, values near 1 spread it out.',
  'brand.initialEquity': 'Brand strength today on the 0–1 equity scale (0.3: roughly 30 % of buyers think of the brand first; 0: unknown). At most the maximum brand equity.',
  'brand.maxEquity': 'The equity, on its 0–1 scale, that unlimited, sustained brand spend would reach: the strongest brand this market allows.',
  'economics.carryoverYears': 'Years after the horizon over which what the plan built (brand equity, and ads still remembered) is still counted as its value.',
  'upstream.halfSaturation': 'Brand spend per month that builds half the maximum equity: above it, extra money builds less and less.',
  'downstream.halfSaturation': 'Downstream spend per month that gets half the maximum conversion lift: above it, extra money buys less and less.',
  'downstream.halfLifeMonths': 'Months for the effect of ads and promotions to halve once they stop (how long the ads are remembered).',
  'economics.discountRatePerYear': 'Yearly rate, in percent, used to turn future profit into today’s money (NPV).',
};

function displayOf(field: NumberField): FieldDisplay {
  const base = { field, label: field.label, help: PLAIN_HELP[field.path] ?? field.help };
  if (EQUITY_PATHS.has(field.path) || field.unit === 'between 0 and 1') {
    return { ...base, kind: 'fraction', suffix: '', unitAfterNumber: '', grouping: false };
  }
  switch (field.unit) {
    case 'share 0–1':
    case 'conversion rate':
      return { ...base, kind: 'percent', suffix: '%', unitAfterNumber: ' %', grouping: false };
    case 'rate per year':
      return { ...base, kind: 'percent', suffix: '% a year', unitAfterNumber: ' % a year', grouping: false };
    case 'money per year':
      return { ...base, kind: 'money', suffix: 'per year', unitAfterNumber: ' a year', grouping: true };
    case 'money per month':
      return { ...base, kind: 'money', suffix: 'per month', unitAfterNumber: ' a month', grouping: true };
    case 'money':
      return { ...base, kind: 'money', suffix: '', unitAfterNumber: '', grouping: true };
    case 'people per month':
      return { ...base, kind: 'count', suffix: 'per month', unitAfterNumber: ' a month', grouping: true };
    case 'months':
      return { ...base, kind: 'number', suffix: 'months', unitAfterNumber: ' months', grouping: false };
    case 'whole years 0–5':
      return { ...base, kind: 'number', suffix: 'years', unitAfterNumber: ' years', grouping: false };
    case 'multiplier per unit equity':
    case 'multiplier':
      return { ...base, kind: 'number', suffix: '×', unitAfterNumber: '', grouping: false };
    default:
      // "Hill exponent" and any unit added later: a plain number, its meaning in the help.
      return { ...base, kind: 'number', suffix: '', unitAfterNumber: '', grouping: false };
  }
}

const DISPLAYS: ReadonlyMap<string, FieldDisplay> = new Map(ALL_NUMBER_FIELDS.map((field) => [field.path, displayOf(field)]));

/**
 * How the field at `path` is shown, or undefined for a path with no row in the field table.
 * @example fieldDisplay('budget.upstreamShare') // { label: 'Upstream share', kind: 'percent', suffix: '%', … }
 */
export function fieldDisplay(path: string): FieldDisplay | undefined {
  return DISPLAYS.get(path);
}
