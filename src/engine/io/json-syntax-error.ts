import { findJsonSyntaxProblem } from './find-json-syntax-problem.ts';

/** A JSON syntax error placed in the text, for a message a person can act on. */
export interface JsonSyntaxError {
  /** 1-based line. */
  line: number;
  /** 1-based column, counted in characters from the start of the line. */
  column: number;
  /** Lower-case description, e.g. "expected ',' or '}' after property value". */
  problem: string;
}

/**
 * Places the error that `JSON.parse(text)` threw: line and column, and what is wrong.
 *
 * Uses the engine's own message and position when it gives one ("... in JSON at position 123",
 * or "(line 5 column 3)" in newer Node versions); otherwise locates the error with a scanner,
 * since Node 20 gives no position for "Unexpected token" errors.
 *
 * @param text the exact text given to JSON.parse
 * @param error what JSON.parse threw
 * @returns undefined only if the error cannot be located at all
 */
export function locateJsonSyntaxError(text: string, error: unknown): JsonSyntaxError | undefined {
  const message = error instanceof Error ? error.message : String(error);
  const problem = message
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/ \(line \d+ column \d+\).*$/s, '');
  const described = problem.charAt(0).toLowerCase() + problem.slice(1);

  const lineColumn = /\(line (\d+) column (\d+)\)/.exec(message);
  if (lineColumn !== null) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]), problem: described };

  const position = /at position (\d+)/.exec(message);
  if (position !== null) {
    // An error in trailing whitespace means the text ended too soon: point just after its last
    // character rather than at an empty line below it.
    const offset = Math.min(Number(position[1]), text.trimEnd().length);
    return { ...lineAndColumn(text, offset), problem: described };
  }

  const found = findJsonSyntaxProblem(text);
  return found === undefined ? undefined : { ...lineAndColumn(text, found.offset), problem: found.problem };
}

/**
 * The 1-based line and column of an offset into a text; lines end at "\n" (a "\r" before it
 * counts as the end of its line).
 * @example lineAndColumn('{\n  "a": x', 9) // { line: 2, column: 8 }
 */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lineStart = before.lastIndexOf('\n') + 1;
  let line = 1;
  for (let index = 0; index < before.length; index += 1) if (before.charCodeAt(index) === 10) line += 1;
  return { line, column: before.length - lineStart + 1 };
}
