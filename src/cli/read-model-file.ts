import { type Stats, closeSync, constants, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { ModelError, parseModel, type Model } from '../engine/index.ts';
import { CliError } from './cli-error.ts';
import { locateJsonSyntaxError } from '../engine/io/json-syntax-error.ts';
import { printableText } from './printable.ts';

/** The file name that means "read the model from standard input", as in many Unix tools. */
export const STANDARD_INPUT = '-';

/**
 * A model file's name as messages show it: "standard input" for `-`, otherwise the path as
 * typed with any control characters escaped (a file name can hold a line break).
 */
export function shownFile(file: string): string {
  return file === STANDARD_INPUT ? 'standard input' : printableText(file);
}

/**
 * Standard input can be read once: refuses `-` given more than once (the second would be empty).
 * @throws {CliError}
 */
export function refuseRepeatedStandardInput(files: readonly string[]): void {
  if (files.filter((file) => file === STANDARD_INPUT).length > 1) {
    throw new CliError('- (standard input) can be given only once: it can be read only once');
  }
}

/** Model files are a few kilobytes; anything this large is almost surely the wrong file. */
export const MAX_MODEL_FILE_BYTES = 5 * 1024 * 1024;

/**
 * Reads a model file and parses its JSON, without validating it as a model (so that `--set`
 * overrides can be applied first).
 *
 * Checks what the path is and its size before reading, so a huge file is refused without
 * loading it, and a named pipe, socket or device is refused at once instead of waiting for a
 * writer that may never come. `-` reads standard input (at most 5 MB). A leading byte-order
 * mark, which some editors write, is ignored.
 *
 * @param file the path as the user typed it, or `-`; messages repeat it (see `shownFile`)
 * @throws {CliError} for a missing or unreadable file, a directory or other non-file, a file
 *   over 5 MB, an empty file, or invalid JSON (with line and column)
 */
export function readModelJson(file: string): unknown {
  const shown = shownFile(file);
  const text = (file === STANDARD_INPUT ? readStandardInput() : readTextFile(file, MODEL_FILE)).replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new CliError(`${shown} is empty`);
  try {
    return JSON.parse(text);
  } catch (error) {
    const located = locateJsonSyntaxError(text, error);
    throw new CliError(located === undefined
      ? `${shown} is not valid JSON`
      : `${shown} is not valid JSON: line ${located.line}, column ${located.column}: ${printableText(located.problem)}`);
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
    // Each problem is one line: a key or value with a line break in it cannot start a new one.
    if (error instanceof ModelError) throw new CliError(error.issues.map((issue) => `${shownFile(file)}: ${printableText(issue.message)}`));
    throw error;
  }
}

/** What a file read by `readTextFile` is, for its size limit and its messages. */
export interface TextFileKind {
  /** "model file", "history file": in messages such as "x is a directory, not a model file". */
  noun: string;
  maxBytes: number;
  /** Added to the refusal of a named pipe: how to read from a pipe instead, if there is a way. */
  pipeHint: string;
}

const MODEL_FILE: TextFileKind = {
  noun: 'model file',
  maxBytes: MAX_MODEL_FILE_BYTES,
  pipeHint: '; to read a model from a pipe, give - (standard input): ... | budget-sim validate -',
};

/**
 * Reads a regular file as UTF-8 text, checking what the path is and its size before reading, so
 * that a huge file is refused without loading it and a named pipe, socket or device is refused
 * at once instead of waiting for a writer that may never come.
 * @throws {CliError} for a missing or unreadable file, a directory or other non-file, or a file
 *   over `kind.maxBytes` ("x.csv is 50.0 MB; history files larger than 10 MB are refused")
 */
export function readTextFile(file: string, kind: TextFileKind): string {
  const shown = shownFile(file);
  // Stat before opening: opening a named pipe for reading waits until something writes to it.
  let stats: Stats;
  try {
    stats = statSync(file);
  } catch (error) {
    throw new CliError(`cannot read ${shown}: ${describeFileError(error)}`);
  }
  refuseNonFile(stats, shown, kind);
  let descriptor: number;
  try {
    // O_NONBLOCK as well: should the path be swapped for a pipe after the stat, opening it still
    // returns at once, and the fstat below refuses it.
    descriptor = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw new CliError(`cannot read ${shown}: ${describeFileError(error)}`);
  }
  try {
    const opened = fstatSync(descriptor);
    refuseNonFile(opened, shown, kind);
    if (opened.size > kind.maxBytes) {
      const megabytes = (opened.size / (1024 * 1024)).toFixed(1);
      throw new CliError(`${shown} is ${megabytes} MB; ${kind.noun}s larger than ${kind.maxBytes / (1024 * 1024)} MB are refused`);
    }
    return readFileSync(descriptor, 'utf8');
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`cannot read ${shown}: ${describeFileError(error)}`);
  } finally {
    closeSync(descriptor);
  }
}

function refuseNonFile(stats: Stats, shown: string, kind: TextFileKind): void {
  if (stats.isDirectory()) throw new CliError(`${shown} is a directory, not a ${kind.noun}`);
  if (stats.isFIFO()) throw new CliError(`${shown} is a named pipe, not a ${kind.noun}${kind.pipeHint}`);
  if (!stats.isFile()) throw new CliError(`${shown} is not a regular file`);
}

/**
 * Reads standard input to its end, refusing more than 5 MB as soon as it is passed (a pipe has
 * no size to check first). Waits for input like any Unix tool given `-`.
 */
function readStandardInput(): string {
  const chunks: Buffer[] = [];
  const buffer = Buffer.alloc(64 * 1024);
  let total = 0;
  for (;;) {
    let bytes: number;
    try {
      bytes = readSync(0, buffer, 0, buffer.length, null);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // A non-blocking standard input with nothing yet to read: wait a moment and try again.
      if (code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      if (code === 'EOF') break; // Windows, at the end of a pipe
      throw new CliError(`cannot read standard input: ${describeFileError(error)}`);
    }
    if (bytes === 0) break;
    total += bytes;
    if (total > MAX_MODEL_FILE_BYTES) throw new CliError('standard input holds more than 5 MB; model files larger than 5 MB are refused');
    chunks.push(Buffer.from(buffer.subarray(0, bytes)));
  }
  return Buffer.concat(chunks).toString('utf8');
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
