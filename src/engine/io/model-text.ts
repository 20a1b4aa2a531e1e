import type { Model } from '../model/model.ts';
import { type ModelIssue, ModelError, parseModel } from '../model/parse-model.ts';
import { locateJsonSyntaxError } from './json-syntax-error.ts';

/** Model files are a few kilobytes; anything this large is almost surely the wrong file. */
export const MAX_MODEL_TEXT_LENGTH = 5 * 1024 * 1024;

/** What reading a model from text gives: the model, or why not, in words a person can act on. */
export type ModelReadResult =
  | { ok: true; model: Model }
  | { ok: false; message: string; issues: readonly ModelIssue[] };

/**
 * Reads a model from the text of a model file (an import, a pasted file, a decoded link).
 * Never throws: every failure — too large, empty, invalid JSON (with line and column), a model
 * that fails validation (each issue) — comes back as `{ ok: false, message, issues }`.
 * JSON keys such as `__proto__` stay plain data and are then refused by `parseModel`.
 *
 * @param source what the text is, for messages ("my-plan.json", "The link")
 */
export function readModelText(text: string, source: string): ModelReadResult {
  if (typeof text !== 'string') return failure(`${source} is not text`);
  if (text.length > MAX_MODEL_TEXT_LENGTH) {
    return failure(`${source} is too large (${(text.length / 1024 / 1024).toFixed(1)} MB); a model file is at most 5 MB`);
  }
  const trimmed = text.replace(/^\uFEFF/, '');
  if (trimmed.trim() === '') return failure(`${source} is empty`);
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch (error) {
    const located = locateJsonSyntaxError(trimmed, error);
    return failure(located === undefined
      ? `${source} is not valid JSON`
      : `${source} is not valid JSON: line ${located.line}, column ${located.column}: ${located.problem}`);
  }
  try {
    return { ok: true, model: parseModel(json) };
  } catch (error) {
    if (error instanceof ModelError) {
      return { ok: false, message: `${source} is not a valid model: ${error.issues.length} problem${error.issues.length === 1 ? '' : 's'}`, issues: error.issues };
    }
    return failure(`${source} could not be read`);
  }
}

function failure(message: string): ModelReadResult {
  return { ok: false, message, issues: [] };
}
