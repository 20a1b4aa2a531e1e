import { closest, distance } from 'fastest-levenshtein';
import { type NumberRule, describeRule, satisfiesRule } from './model-fields.ts';
import { showValue } from './show-value.ts';

/**
 * The small readers that `parseModel` builds a model with, from JSON of any shape: each checks one
 * value, reports what is wrong by its dotted path, and returns the value or undefined. Shared by
 * the two file forms (parse-model.ts, parse-channels.ts).
 */

export type JsonObject = Record<string, unknown>;

/** Records one problem: the dotted path of the field and a sentence naming it and its rule. */
export type Report = (path: string, message: string) => void;

/** At most this many unknown keys of one object are named; more are counted in one problem. */
export const MAX_UNKNOWN_FIELDS_LISTED = 20;
/** Longer keys are cut in messages ("aaaa…"), so that one key cannot fill a screen. */
export const MAX_SHOWN_KEY_LENGTH = 60;

/** What a value is, in words, for "must be …, got …" messages. */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'bigint') return `the BigInt ${value}n`;
  if (typeof value === 'object') {
    const prototype = Object.getPrototypeOf(value);
    const isPlain = prototype === Object.prototype || prototype === null;
    return isPlain ? 'an object' : `a ${prototype?.constructor?.name ?? 'non-plain'} object`;
  }
  if (typeof value === 'string') return `text ${showValue(value).replace(/ \(text\)$/, '')}`;
  return showValue(value);
}

export function isPlainObject(value: unknown): value is JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** An own key with a value; a key set to `undefined` (possible from code, never from JSON) counts as absent. */
export function hasOwn(object: JsonObject, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key) && object[key] !== undefined;
}

export function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/** A key as a message shows it: cut to MAX_SHOWN_KEY_LENGTH characters ("aaaa…"). */
export function shownKey(key: string): string {
  return key.length > MAX_SHOWN_KEY_LENGTH ? `${key.slice(0, MAX_SHOWN_KEY_LENGTH - 1)}…` : key;
}

/** Checks that `value` is an object holding only `knownKeys`; reports unknown keys with a hint. */
export function readObject(value: unknown, path: string, knownKeys: readonly string[], report: Report): JsonObject | undefined {
  if (!isPlainObject(value)) {
    report(path, path === ''
      ? `the model must be a JSON object, got ${kindOf(value)}`
      : `${path} must be an object, got ${kindOf(value)}`);
    return undefined;
  }
  let unknownKeys = 0;
  // A set: the known keys of a plan in the channel form are its channels' names, one per key.
  const known = new Set(knownKeys);
  for (const fullKey of Object.keys(value)) {
    if (known.has(fullKey)) continue;
    unknownKeys += 1;
    if (unknownKeys > MAX_UNKNOWN_FIELDS_LISTED) continue;
    const key = shownKey(fullKey);
    const fullPath = join(path, key);
    if (knownKeys.length === 0) {
      report(fullPath, `${fullPath} is not a known field (${path} holds nothing here)`);
      continue;
    }
    const suggestion = closest(key, knownKeys as string[]);
    const typed = key.toLowerCase();
    const likely = suggestion.toLowerCase();
    // Close means a small edit, or a shortened or lengthened name ("halfLife" for "halfLifeMonths").
    const close = distance(typed, likely) <= Math.max(2, Math.floor(likely.length / 4))
      || (typed.length >= 4 && (likely.startsWith(typed) || typed.startsWith(likely)));
    report(fullPath, close
      ? `${fullPath} is not a known field; did you mean ${join(path, suggestion)}?`
      : `${fullPath} is not a known field (known here: ${knownKeys.join(', ')})`);
  }
  if (unknownKeys > MAX_UNKNOWN_FIELDS_LISTED) {
    const more = unknownKeys - MAX_UNKNOWN_FIELDS_LISTED;
    report(path, `…and ${more} more unknown field${more === 1 ? '' : 's'} in ${path === '' ? 'the model' : path}`);
  }
  return value;
}

/** A required number under `key`, checked against its rule; `path` names it in messages. */
export function readNumber(
  object: JsonObject, key: string, path: string, rule: NumberRule, report: Report,
): number | undefined {
  if (!hasOwn(object, key)) {
    report(path, `${path} is required`);
    return undefined;
  }
  return checkNumber(object[key], path, rule, report);
}

/** A finite number within its rule, or undefined after reporting why not. */
export function checkNumber(value: unknown, path: string, rule: NumberRule, report: Report): number | undefined {
  if (typeof value !== 'number') {
    report(path, `${path} must be a number, got ${kindOf(value)}`);
    return undefined;
  }
  if (!Number.isFinite(value)) {
    report(path, `${path} must be a finite number, got ${value}`);
    return undefined;
  }
  if (!satisfiesRule(value, rule)) {
    report(path, `${path} must be ${describeRule(rule, value)}, got ${value}`);
    return undefined;
  }
  return value;
}

/**
 * A number for every year, or a list with one number per year of the horizon (each within the
 * rule); NaN in place of what is wrong, after reporting it.
 * @param years the horizon in years, or undefined when it is itself invalid (lengths are then not checked)
 */
export function readYearlyNumber(
  section: JsonObject, key: string, path: string, rule: NumberRule, years: number | undefined, report: Report,
): number | number[] {
  if (!hasOwn(section, key)) {
    report(path, `${path} is required`);
    return Number.NaN;
  }
  const value = section[key];
  if (!Array.isArray(value)) {
    if (typeof value !== 'number') {
      report(path, `${path} must be a number or a list of one number per year, got ${kindOf(value)}`);
      return Number.NaN;
    }
    return checkNumber(value, path, rule, report) ?? Number.NaN;
  }
  if (years !== undefined && value.length !== years) {
    report(path, `${path} must have one value per year (${years}), got ${value.length}`);
  }
  return Array.from(value, (item, index) => checkNumber(item, `${path}[${index}]`, rule, report) ?? Number.NaN);
}
