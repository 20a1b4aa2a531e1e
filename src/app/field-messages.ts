import { ALL_NUMBER_FIELDS, type ModelIssue, type NumberRule } from '../engine/index.ts';
import { PLAN_SPEND_RULE, SEASONAL_INDEX_RULE } from '../engine/model/model-fields.ts';
import { type FieldDisplay, fieldDisplay } from './field-display.ts';
import { periodName } from './format.ts';
import { readField, type Draft } from './model-draft.ts';
import { amountText, parseAmount } from './parse-amount.ts';

/**
 * The engine's problems with a draft, worded for the screen: the field's label and the unit the
 * box shows instead of the file's path and its 0–1 fractions, so "budget.upstreamShare must be
 * between 0 and 1, got 1.5" becomes "Upstream share must be between 0 and 100 %, got 150 %".
 * Paths stay as they are, so each message still finds its field.
 *
 * The message is built from the field table (label, rule) and the value in the draft, not by
 * rewording the engine's sentence; problems that are not about one field's value (a missing
 * section, a rule between two fields the app does not know) keep the engine's sentence with
 * every path in it replaced by its label.
 */
export function plainIssues(issues: readonly ModelIssue[], draft: Draft): ModelIssue[] {
  return issues.map((issue) => ({ path: issue.path, message: plainMessage(issue, draft) }));
}

/** Labels of the settings that have no row in the field table, for the engine's other sentences. */
const OTHER_LABELS: Readonly<Record<string, string>> = {
  'market.seasonality': 'Seasonality',
  'economics.carryoverBaseline': 'Carryover baseline',
  'plan.upstream': 'Upstream spend plan',
  'plan.downstream': 'Downstream spend plan',
  horizonYears: 'Horizon',
  periodsPerYear: 'Planning periods',
  startYear: 'First calendar year',
  fiscalYearStartMonth: 'Fiscal year start',
};

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** One issue in the screen's words (see `plainIssues`). */
export function plainMessage(issue: ModelIssue, draft: Draft): string {
  const { base, index } = splitIndex(issue.path);
  const value = index === undefined ? readField(draft, base) : listItem(readField(draft, base), index);
  const display = fieldDisplay(base);
  if (display !== undefined) {
    const name = index === undefined ? display.label : `${display.label} for year ${index + 1}`;
    if (base === 'brand.initialEquity' && typeof value === 'number' && inRange(value, display.field.rule)) {
      const maxEquity = readField(draft, 'brand.maxEquity');
      return `${name} must be at most the ${fieldDisplay('brand.maxEquity')!.label.toLowerCase()}${typeof maxEquity === 'number' ? ` (${shown(maxEquity, fieldDisplay('brand.maxEquity')!)})` : ''}, got ${shown(value, display)}`;
    }
    if (base === 'upstream.lagMonths' && typeof value === 'number' && inRange(value, display.field.rule)) {
      const window = readField(draft, 'upstream.lagWindowMonths');
      const windowDisplay = fieldDisplay('upstream.lagWindowMonths')!;
      return `${name} must be at most the ${windowDisplay.label.toLowerCase()}${typeof window === 'number' ? ` (${shown(window, windowDisplay)})` : ''}, got ${shown(value, display)}`;
    }
    if (Array.isArray(value) || (value !== undefined && typeof value === 'object')) return withLabels(issue.message);
    return valueMessage(name, value, display.field.rule, display);
  }
  if (base === 'market.seasonality') return seasonalityMessage(issue, draft, index, value);
  if ((base === 'plan.upstream' || base === 'plan.downstream') && index !== undefined) {
    const periodsPerYear = readField(draft, 'periodsPerYear');
    const period = periodName(typeof periodsPerYear === 'number' ? periodsPerYear : 12);
    const side = base === 'plan.upstream' ? 'Upstream' : 'Downstream';
    const display: FieldDisplay = {
      field: { ...ALL_NUMBER_FIELDS[0], path: base, rule: PLAN_SPEND_RULE },
      label: `${side} spend in ${period} ${index + 1}`, kind: 'money', suffix: `per ${period}`, unitAfterNumber: ` a ${period}`, grouping: true, help: '',
    };
    return valueMessage(display.label, value, PLAN_SPEND_RULE, display);
  }
  return withLabels(issue.message);
}

function seasonalityMessage(issue: ModelIssue, draft: Draft, index: number | undefined, value: unknown): string {
  const periodsPerYear = readField(draft, 'periodsPerYear');
  const list = readField(draft, 'market.seasonality');
  if (index === undefined) {
    if (Array.isArray(list) && typeof periodsPerYear === 'number' && periodsPerYear !== 12) {
      return `Seasonality needs ${periodsPerYear} values (one per ${periodName(periodsPerYear)}) or 12 (one per month), got ${list.length}`;
    }
    if (Array.isArray(list)) return `Seasonality needs 12 values, one per month, got ${list.length}`;
    return withLabels(issue.message);
  }
  const monthly = Array.isArray(list) && list.length === 12;
  const which = monthly ? MONTHS[index] : `${periodName(typeof periodsPerYear === 'number' ? periodsPerYear : 12)} ${index + 1}`;
  const display: FieldDisplay = {
    field: { ...ALL_NUMBER_FIELDS[0], path: 'market.seasonality', rule: SEASONAL_INDEX_RULE },
    label: `Seasonality for ${which}`, kind: 'number', suffix: '', unitAfterNumber: '', grouping: false, help: '',
  };
  return valueMessage(display.label, value, SEASONAL_INDEX_RULE, display);
}

/** "Upstream share must be between 0 and 100 %, got 150 %", or what is wrong with the text typed. */
function valueMessage(name: string, value: unknown, rule: NumberRule, display: FieldDisplay): string {
  if (typeof value === 'string') {
    const parsed = parseAmount(value, display.kind);
    if (!parsed.ok && parsed.empty) return `${name} is empty: type ${example(display)}`;
    if (!parsed.ok) return `${name}: ${parsed.reason}. Type ${example(display)}`;
    // Text that reads as a number (a typed value the box could not send): judge the number.
    return valueMessage(name, parsed.value, rule, display);
  }
  if (value === undefined || value === null) return `${name} is empty: type ${example(display)}`;
  if (typeof value !== 'number' || !Number.isFinite(value)) return `${name} must be a number: type ${example(display)}`;
  return `${name} must be ${ruleWords(rule, value, display)}, got ${shown(value, display)}`;
}

/** "a number such as 1,200,000 or 1.2m", by the kind of box. */
function example(display: FieldDisplay): string {
  switch (display.kind) {
    case 'money': return 'an amount such as 1,200,000 or 1.2m';
    case 'count': return 'a number such as 2,000,000 or 2m';
    case 'percent': return 'a percentage such as 40';
    case 'fraction': return 'a number from 0 to 1 such as 0.4';
    default: return 'a number such as 12';
  }
}

/**
 * A rule in words, with bounds in the box's unit: "between 0 and 100 %", "more than 0 months",
 * "a whole number from 0 to 5 years". A rule whose max is only a limit no business reaches
 * (`maxIsLimit`) names the one bound the value breaks, as the engine does.
 */
export function ruleWords(rule: NumberRule, value: number | undefined, display: FieldDisplay): string {
  const bound = (limit: number) => boundText(limit, display);
  let { min, max } = rule;
  if (rule.maxIsLimit && max !== undefined && value !== undefined) {
    const above = rule.maxExclusive ? value >= max : value > max;
    if (above) min = undefined;
    else max = undefined;
  }
  const unit = display.unitAfterNumber;
  if (rule.integer && min !== undefined && max !== undefined) return `a whole number from ${bound(min)} to ${bound(max)}${unit}`;
  if (min !== undefined && max !== undefined && !rule.minExclusive && !rule.maxExclusive) return `between ${bound(min)} and ${bound(max)}${unit}`;
  const lower = min === undefined ? undefined : `${rule.minExclusive ? 'more than' : 'at least'} ${bound(min)}`;
  const upper = max === undefined ? undefined : `${rule.maxExclusive ? 'less than' : 'at most'} ${bound(max)}`;
  const words = [lower, upper].filter((part) => part !== undefined).join(' and ');
  return `${rule.integer ? 'a whole number ' : ''}${words}${unit}`;
}

/** A bound as the box shows it; limits of a billion or more in words ("10 trillion"). */
function boundText(limit: number, display: FieldDisplay): string {
  const scaled = display.kind === 'percent' ? limit * 100 : limit;
  for (const [size, word] of [[1e12, 'trillion'], [1e9, 'billion']] as const) {
    if (Math.abs(scaled) >= size && Number.isInteger(scaled / size)) return `${scaled / size} ${word}`;
  }
  return amountText(limit, display.kind, display.grouping);
}

/** A value as the box shows it, with its unit: "150 %", "-3 months", "-5,000 a month". */
function shown(value: number, display: FieldDisplay): string {
  const scaled = display.kind === 'percent' ? value * 100 : value;
  // Far beyond any limit (1e15 and up), digits only get in the way: "1e308", as it was typed.
  const text = Math.abs(scaled) >= 1e15 ? scaled.toExponential().replace('e+', 'e') : amountText(value, display.kind, display.grouping);
  return `${text}${display.unitAfterNumber}`;
}

function inRange(value: number, rule: NumberRule): boolean {
  if (rule.min !== undefined && (rule.minExclusive ? value <= rule.min : value < rule.min)) return false;
  if (rule.max !== undefined && (rule.maxExclusive ? value >= rule.max : value > rule.max)) return false;
  return !rule.integer || Number.isInteger(value);
}

function splitIndex(path: string): { base: string; index: number | undefined } {
  const match = path.match(/^(.*)\[(\d+)\]$/);
  return match === null ? { base: path, index: undefined } : { base: match[1], index: Number(match[2]) };
}

function listItem(list: unknown, index: number): unknown {
  return Array.isArray(list) ? list[index] : undefined;
}

const LABELS: readonly [string, string][] = [
  ...ALL_NUMBER_FIELDS.map((field): [string, string] => [field.path, field.label]),
  ...Object.entries(OTHER_LABELS),
].sort((a, b) => b[0].length - a[0].length);

/** The engine's sentence with each path it names replaced by that field's label. */
function withLabels(message: string): string {
  let text = message;
  for (const [path, label] of LABELS) {
    const pattern = new RegExp(`(^|[\\s(“"'])${path.replace(/\./g, '\\.')}(?![\\w.])`, 'g');
    text = text.replace(pattern, (_, before: string) => `${before}${label}`);
  }
  return `${text[0]?.toUpperCase() ?? ''}${text.slice(1)}`;
}
