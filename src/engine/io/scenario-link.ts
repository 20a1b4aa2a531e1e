// lz-string is CommonJS: Node's ES module loader offers it only as a default export.
import LZString from 'lz-string';
import type { Model } from '../model/model.ts';
import { MAX_MODEL_TEXT_LENGTH, type ModelReadResult, readModelText } from './model-text.ts';

/**
 * Scenarios in links: the model's JSON, compressed with lz-string into characters that are safe
 * in a URL, behind a format version so a later encoding can still read old links:
 * `#scenario=1.<payload>`. A link holds the whole model, so opening it reproduces it exactly.
 */

const KEY = 'scenario';
const VERSION = '1';
/** Links longer than this are refused before any decompression work. */
const MAX_LINK_LENGTH = 2_000_000;

/** The hash fragment (with '#') that reproduces `model`. */
export function scenarioHash(model: Model): string {
  return `#${KEY}=${VERSION}.${LZString.compressToEncodedURIComponent(JSON.stringify(model))}`;
}

/** True when the URL or hash carries a scenario (it may still be invalid). */
export function hasScenario(urlOrHash: string): boolean {
  return fragmentValue(urlOrHash) !== undefined;
}

/**
 * Reads the scenario in a URL or hash fragment. Never throws: a missing, truncated, tampered or
 * hostile link comes back as `{ ok: false, message }`, and a decoded model is validated like any
 * model file.
 */
export function readScenarioLink(urlOrHash: string): ModelReadResult {
  if (typeof urlOrHash !== 'string') return { ok: false, message: 'The link is not text', issues: [] };
  if (urlOrHash.length > MAX_LINK_LENGTH) return { ok: false, message: 'The link is too long to be a budget-sim scenario', issues: [] };
  const value = fragmentValue(urlOrHash);
  if (value === undefined) return { ok: false, message: 'The link has no scenario in it (it should contain #scenario=…)', issues: [] };
  const dot = value.indexOf('.');
  const version = dot === -1 ? '' : value.slice(0, dot);
  if (version !== VERSION) {
    return { ok: false, message: `The link's scenario format "${version.slice(0, 10)}" is not one this version of budget-sim reads`, issues: [] };
  }
  let text: string | null;
  try {
    text = LZString.decompressFromEncodedURIComponent(value.slice(dot + 1));
  } catch {
    text = null;
  }
  if (text === null || text === '') return { ok: false, message: 'The link is damaged: its scenario could not be decoded', issues: [] };
  if (text.length > MAX_MODEL_TEXT_LENGTH) return { ok: false, message: 'The link holds more than 5 MB, which no model needs', issues: [] };
  return readModelText(text, 'The link');
}

/** The value of `scenario=` in the fragment of a URL or a bare hash. */
function fragmentValue(urlOrHash: string): string | undefined {
  const hashAt = urlOrHash.indexOf('#');
  const fragment = hashAt === -1 ? urlOrHash : urlOrHash.slice(hashAt + 1);
  for (const part of fragment.split('&')) {
    const equals = part.indexOf('=');
    if (equals !== -1 && part.slice(0, equals) === KEY) return part.slice(equals + 1);
  }
  return undefined;
}
