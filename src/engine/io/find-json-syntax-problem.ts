/** Where a JSON text first breaks the grammar, and what is wrong there. */
export interface JsonSyntaxProblem {
  /** Offset into the text (UTF-16 code units), 0-based. */
  offset: number;
  /** A short lower-case description, e.g. "expected ',' or '}'". */
  problem: string;
}

type Expected = 'value' | 'valueOrClose' | 'key' | 'keyOrClose' | 'colon' | 'commaOrClose' | 'end';

const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
const WORD = /[A-Za-z_$][\w$]*/y;
const ESCAPABLE = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

/**
 * Finds the first syntax error in a JSON text (RFC 8259), or undefined when the text is valid.
 *
 * `JSON.parse` in Node 20 reports a position for most errors but not for "Unexpected token"
 * ones (a misspelt `true`, an `undefined`, a single-quoted string), nor for an unexpected end.
 * This scanner locates those so every syntax error gets a line and column. It is iterative, so
 * deeply nested input cannot overflow the stack. O(n) in the length of the text.
 *
 * @example findJsonSyntaxProblem('{"a": tru}') // { offset: 6, problem: "'tru' is not a JSON value" }
 */
export function findJsonSyntaxProblem(text: string): JsonSyntaxProblem | undefined {
  const open: ('object' | 'array')[] = [];
  let expected: Expected = 'value';
  let index = 0;
  const fail = (offset: number, problem: string): JsonSyntaxProblem => ({ offset, problem });
  const afterValue = (): Expected => (open.length === 0 ? 'end' : 'commaOrClose');

  for (;;) {
    while (index < text.length && ' \t\n\r'.includes(text[index])) index += 1;
    if (index >= text.length) {
      return expected === 'end' ? undefined : fail(text.trimEnd().length, 'unexpected end of file');
    }
    const character = text[index];

    switch (expected) {
      case 'end':
        return fail(index, `unexpected ${show(character)} after the end of the JSON value`);
      case 'colon':
        if (character !== ':') return fail(index, "expected ':' after the property name");
        index += 1;
        expected = 'value';
        break;
      case 'key':
      case 'keyOrClose':
        if (character === '}' && expected === 'keyOrClose') {
          open.pop();
          index += 1;
          expected = afterValue();
        } else if (character === '"') {
          const end = scanString(text, index);
          if (typeof end !== 'number') return end;
          index = end;
          expected = 'colon';
        } else {
          return fail(index, character === "'"
            ? 'property names need double quotes, not single quotes'
            : `expected a property name in double quotes, got ${show(character)}`);
        }
        break;
      case 'commaOrClose': {
        const close = open[open.length - 1] === 'object' ? '}' : ']';
        if (character === ',') {
          index += 1;
          expected = open[open.length - 1] === 'object' ? 'key' : 'value';
        } else if (character === close) {
          open.pop();
          index += 1;
          expected = afterValue();
        } else {
          return fail(index, `expected ',' or '${close}', got ${show(character)}`);
        }
        break;
      }
      case 'value':
      case 'valueOrClose': {
        if (character === ']' && expected === 'valueOrClose') {
          open.pop();
          index += 1;
          expected = afterValue();
          break;
        }
        if (character === '{' || character === '[') {
          open.push(character === '{' ? 'object' : 'array');
          index += 1;
          expected = character === '{' ? 'keyOrClose' : 'valueOrClose';
          break;
        }
        const end = scanScalar(text, index);
        if (typeof end !== 'number') return end;
        index = end;
        expected = afterValue();
        break;
      }
    }
  }
}

/** Scans a string, number or literal starting at `start`; returns the offset after it or a problem. */
function scanScalar(text: string, start: number): number | JsonSyntaxProblem {
  const character = text[start];
  if (character === '"') return scanString(text, start);
  if (character === '-' || (character >= '0' && character <= '9')) {
    NUMBER.lastIndex = start;
    const match = NUMBER.exec(text);
    return match === null ? { offset: start, problem: 'invalid number' } : start + match[0].length;
  }
  if (character === "'") return { offset: start, problem: 'strings need double quotes, not single quotes' };
  WORD.lastIndex = start;
  const word = WORD.exec(text)?.[0];
  if (word === 'true' || word === 'false' || word === 'null') return start + word.length;
  if (word !== undefined) return { offset: start, problem: `'${word}' is not a JSON value` };
  return { offset: start, problem: `unexpected ${show(character)} where a value should be` };
}

function scanString(text: string, start: number): number | JsonSyntaxProblem {
  let index = start + 1;
  while (index < text.length) {
    const character = text[index];
    if (character === '"') return index + 1;
    if (character === '\\') {
      const escaped = text[index + 1];
      if (escaped === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(index + 2, index + 6))) {
        index += 6;
      } else if (escaped !== undefined && ESCAPABLE.has(escaped)) {
        index += 2;
      } else {
        return { offset: index, problem: 'invalid escape in a string' };
      }
    } else if (character.charCodeAt(0) < 0x20) {
      return { offset: index, problem: 'a line break or control character inside a string (is a closing quote missing?)' };
    } else {
      index += 1;
    }
  }
  return { offset: start, problem: 'a string is never closed (missing closing quote)' };
}

function show(character: string): string {
  return /^[\x21-\x7e]$/.test(character) ? `'${character}'` : JSON.stringify(character);
}
