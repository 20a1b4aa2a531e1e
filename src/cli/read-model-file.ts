import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { ModelError, parseModel, type Model } from '../engine/index.ts';
import { CliError } from './cli-error.ts';
import { locateJsonSyntaxError } from '../engine/io/json-syntax-error.ts';

/** Model files are a few kilobytes; anything this large is almost surely the wrong file. */
export const MAX_MODEL_FILE_BYTES = 5 * 1024 * 1024;

/**
 * Reads a model file and parses its JSON, without validating it as a model (so that `--set`
 * overrides can be applied first).
 *
 * Checks the size before reading, so a huge file is refused without loading it. A leading
 * byte-order mark, which some editors write, is ignored.
 *
 * @param file the path as the user typed it; messages repeat it verbatim
 * @throws {CliError} for a missing or unreadable file, a directory or other non-file, a file
 *   over 5 MB, an empty file, or invalid JSON (with line and column)
 */
export function readModelJson(file: string): unknown {
  const text = readText(file).replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new CliError(`${file} is empty`);
  try {
    return JSON.parse(text);
  } catch (error) {
    const located = locateJsonSyntaxError(text, error);
    throw new CliError(located === undefined
      ? `${file} is not valid JSON`
      : `${file} is not valid JSON: line ${located.line}, column ${located.column}: ${located.problem}`);
  }
}

/**
 * Validates parsed JSON as a model.
 * @param file the file it came from, prefixed to each problem so it is clear which file is wrong
 * @throws {CliError} with one line per problem, e.g. "models/x.json: horizonYears must be a whole number from 1 to 5, got 0"
 */
export function validateModelJson(json: unknown, file: string): Model {
  try {
    return parseModel(json);
  } catch (error) {
    if (error instanceof ModelError) throw new CliError(error.issues.map((issue) => `${file}: ${issue.message}`));
    throw error;
  }
}

function readText(file: string): string {
  let descriptor: number;
  try {
    descriptor = openSync(file, 'r');
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${describeFileError(error)}`);
  }
  try {
    const stats = fstatSync(descriptor);
    if (stats.isDirectory()) throw new CliError(`${file} is a directory, not a model file`);
    if (!stats.isFile()) throw new CliError(`${file} is not a regular file`);
    if (stats.size > MAX_MODEL_FILE_BYTES) {
      const megabytes = (stats.size / (1024 * 1024)).toFixed(1);
      throw new CliError(`${file} is ${megabytes} MB; model files larger than 5 MB are refused`);
    }
    return readFileSync(descriptor, 'utf8');
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`cannot read ${file}: ${describeFileError(error)}`);
  } finally {
    closeSync(descriptor);
  }
}

function describeFileError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory, not a model file';
    default:
      return code ?? (error instanceof Error ? error.message : String(error));
  }
}
