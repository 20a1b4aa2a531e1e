import { channelProblem } from '../engine/model/channel-fields.ts';
import { SECTION_KEYS } from '../engine/model/model-fields.ts';
import { CliError } from './cli-error.ts';
import { printableText } from './printable.ts';

/** One `--set path=value`: where in the model file to write, and what. */
export interface Override {
  /** The path as the user wrote it, for messages, e.g. `budget.perYear.1`. */
  path: string;
  /** The path split at dots: object keys, or array indexes written as whole numbers. */
  segments: readonly string[];
  value: unknown;
}

// Writing through these keys would reach Object.prototype (or a constructor's), changing every
// object in the process. They are never valid model fields, so they are refused outright.
const FORBIDDEN_SEGMENTS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

const ARRAY_INDEX = /^(0|[1-9]\d*)$/;

/**
 * Reads a `--set` argument: a dotted path, `=`, and a value.
 *
 * The value is parsed as JSON (`5`, `[1e6,2e6]`, `null`, `"text"`); when it is not valid JSON it
 * is taken as text, so `--set name=My plan` needs no inner quotes. Text that looks like JSON
 * (`--set name=2024`) must be quoted as JSON to stay text: `--set 'name="2024"'`.
 *
 * @throws {CliError} when there is no `=`, the path or one of its parts is empty, or a part is
 *   `__proto__`, `constructor` or `prototype`
 * @example parseOverride('budget.upstreamShare=0.3') // { path: 'budget.upstreamShare', segments: ['budget', 'upstreamShare'], value: 0.3 }
 */
export function parseOverride(argument: string): Override {
  const equals = argument.indexOf('=');
  if (equals === -1) {
    throw new CliError(`--set needs path=value, got '${printableText(argument)}' (for example --set horizonYears=5)`);
  }
  const path = argument.slice(0, equals).trim();
  const valueText = argument.slice(equals + 1);
  if (path === '') throw new CliError(`--set '${printableText(argument)}' has no path before '=' (for example --set horizonYears=5)`);
  const segments = path.split('.');
  if (segments.some((segment) => segment === '')) {
    throw new CliError(`--set path '${printableText(path)}' has an empty part; write it as names joined by single dots, e.g. budget.perYear.0`);
  }
  const forbidden = segments.find((segment) => FORBIDDEN_SEGMENTS.has(segment));
  if (forbidden !== undefined) {
    throw new CliError(`--set path '${printableText(path)}' uses '${forbidden}', which is not allowed (it is never a model field)`);
  }
  return { path, segments, value: parseValue(valueText) };
}

/**
 * Writes an override into a parsed model file, in place, before validation.
 *
 * Missing objects along the path are created as plain objects. A numeric part indexes a list
 * (an index equal to the length appends). Only own properties are followed, so inherited names
 * such as `toString` are treated as absent rather than walked into.
 *
 * @param root the parsed JSON of a model file (mutated)
 * @throws {CliError} when the path runs into something that is not an object or list, indexes a
 *   list with a name or past its end, or the model is not a JSON object
 */
export function applyOverride(root: unknown, override: Override): void {
  const { path, segments, value } = override;
  if (!isContainer(root) || Array.isArray(root)) {
    throw new CliError(`cannot apply --set ${printableText(path)}: the model file does not hold a JSON object`);
  }
  const channelProblem = channelOverrideProblem(root, segments);
  if (channelProblem !== undefined) throw new CliError(`cannot apply --set ${printableText(path)}: ${printableText(channelProblem)}`);
  let container: object = root;
  for (let depth = 0; depth < segments.length - 1; depth += 1) {
    const walked = segments.slice(0, depth + 1).join('.');
    const child = readChild(container, segments[depth], override, depth);
    if (child === undefined) {
      const created = {};
      writeChild(container, segments[depth], created, override, depth);
      container = created;
    } else if (isContainer(child)) {
      container = child;
    } else {
      throw new CliError(`cannot apply --set ${printableText(path)}: ${printableText(walked)} is ${describeLeaf(child)}, not an object or list`);
    }
  }
  writeChild(container, segments[segments.length - 1], value, override, segments.length - 1);
}

/**
 * The override applied to a copy of `root`: the objects and lists along the override's path are
 * copied (shallowly), everything else is shared with `root`, which is left as it was. Cheaper
 * than a deep copy, and safe for a file nested any number of levels deep.
 * @throws {CliError} as `applyOverride`
 * @example withOverride(json, { ...parseOverride('budget.upstreamShare=0'), value: 0.3 })
 */
export function withOverride(root: unknown, override: Override): unknown {
  if (!isContainer(root)) return applyOverride(root, override); // throws with applyOverride's message
  const copy = shallowCopy(root);
  let container: object = copy;
  for (let depth = 0; depth < override.segments.length - 1; depth += 1) {
    const child = readChild(container, override.segments[depth], override, depth);
    if (!isContainer(child)) break; // created, or refused, by applyOverride below
    const childCopy = shallowCopy(child);
    writeChild(container, override.segments[depth], childCopy, override, depth);
    container = childCopy;
  }
  applyOverride(copy, override);
  return copy;
}

/**
 * Why a channel path (`upstream.channels.TV.halfSaturation`) names no channel of the file, or
 * undefined when it does or is no such path. A setting of a channel that does not exist would
 * otherwise create a channel with one setting, and validation would list every other setting as
 * missing; a whole channel (`--set upstream.channels.Radio={...}`) may still be added.
 */
function channelOverrideProblem(root: object, segments: readonly string[]): string | undefined {
  const [side, channels] = segments;
  if (segments.length < 4 || channels !== 'channels' || (side !== 'upstream' && side !== 'downstream')) return undefined;
  const channelsOf = (name: string): Record<string, unknown> | undefined => {
    const sideObject = ownValue(root, name);
    const found = typeof sideObject === 'object' && sideObject !== null ? ownValue(sideObject, 'channels') : undefined;
    return typeof found === 'object' && found !== null && !Array.isArray(found) ? found as Record<string, unknown> : undefined;
  };
  const own = channelsOf(side);
  if (own === undefined) {
    const key = segments.slice(3).join('.');
    const twoLeverKeys = SECTION_KEYS[side] ?? [];
    if (channelsOf(side === 'upstream' ? 'downstream' : 'upstream') !== undefined) return undefined; // a mixed file: validation says so
    return twoLeverKeys.includes(key)
      ? `the model is in the two-lever form, with no ${side} channels; write ${side}.${key}`
      : `the model is in the two-lever form, with no ${side} channels`;
  }
  const names = { upstream: Object.keys(channelsOf('upstream') ?? {}), downstream: Object.keys(channelsOf('downstream') ?? {}) };
  return channelProblem(names, segments.join('.'));
}

function ownValue(container: object, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(container, key) ? (container as Record<string, unknown>)[key] : undefined;
}

function shallowCopy(value: object): object {
  // Spreading defines own data properties, so even a "__proto__" key stays a plain key.
  return Array.isArray(value) ? value.slice() : { ...value };
}

function parseValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function isContainer(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

function readChild(container: object, segment: string, override: Override, depth: number): unknown {
  if (Array.isArray(container)) return container[arrayIndex(container, segment, override, depth)];
  return Object.prototype.hasOwnProperty.call(container, segment)
    ? (container as Record<string, unknown>)[segment]
    : undefined;
}

function writeChild(container: object, segment: string, value: unknown, override: Override, depth: number): void {
  const key = Array.isArray(container) ? String(arrayIndex(container, segment, override, depth)) : segment;
  // defineProperty creates an own data property whatever the key, never invoking a setter.
  Object.defineProperty(container, key, { value, writable: true, enumerable: true, configurable: true });
}

function arrayIndex(list: unknown[], segment: string, override: Override, depth: number): number {
  const listPath = override.segments.slice(0, depth).join('.');
  if (!ARRAY_INDEX.test(segment)) {
    throw new CliError(`cannot apply --set ${printableText(override.path)}: ${printableText(listPath)} is a list; use a number index such as ${listPath}.0`);
  }
  const index = Number(segment);
  if (index > list.length) {
    throw new CliError(`cannot apply --set ${printableText(override.path)}: ${printableText(listPath)} has ${list.length} items, so the index can be at most ${list.length} (which appends)`);
  }
  return index;
}

function describeLeaf(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return `text ${JSON.stringify(value)}`;
  return String(value);
}
