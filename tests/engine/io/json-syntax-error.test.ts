import { describe, expect, it } from 'vitest';
import { findJsonSyntaxProblem } from '../../../src/engine/io/find-json-syntax-problem.ts';
import { lineAndColumn, locateJsonSyntaxError } from '../../../src/engine/io/json-syntax-error.ts';

const locate = (text: string) => {
  try {
    JSON.parse(text);
  } catch (error) {
    return locateJsonSyntaxError(text, error);
  }
  throw new Error('expected invalid JSON');
};

describe('lineAndColumn', () => {
  it('counts lines and columns from 1', () => {
    expect(lineAndColumn('{\n  "a": x', 9)).toEqual({ line: 2, column: 8 });
    expect(lineAndColumn('abc', 0)).toEqual({ line: 1, column: 1 });
  });

  it('treats "\\r\\n" as one line break', () => {
    expect(lineAndColumn('{\r\n  x', 5)).toEqual({ line: 2, column: 3 });
  });
});

describe('locateJsonSyntaxError', () => {
  // Each case: the text, then where a person would look for the mistake.
  it.each([
    ['a trailing comma', '{\n  "name": "x",\n  "a": 1,\n}', { line: 4, column: 1 }],
    ['a missing comma', '{\n  "a": 1\n  "b": 2\n}', { line: 3, column: 3 }],
    ['a misspelt literal', '{\n  "name": "x",\n  "a": tru\n}', { line: 3, column: 8 }],
    ['undefined', '{\n  "a": undefined\n}', { line: 2, column: 8 }],
    ['a single-quoted string', "{\n  \"a\": 'x'\n}", { line: 2, column: 8 }],
    ['text after the value', '{"a": 1}\n}', { line: 2, column: 1 }],
    ['an unclosed object', '{\n  "a": 1\n', { line: 2, column: 9 }],
    ['a line break in a string', '{"a": "b\nc"}', { line: 1, column: 9 }],
  ])('places %s', (_, text, place) => {
    expect(locate(text)).toMatchObject(place);
  });

  it('describes the problem in lower case, without "in JSON at position"', () => {
    const located = locate('{"a": 1,}');
    expect(located?.problem).toMatch(/^[a-z]/);
    expect(located?.problem).not.toMatch(/position/);
  });

  it('reads "(line L column C)" from newer Node messages', () => {
    const error = new SyntaxError("Expected ',' or '}' after property value in JSON at position 12 (line 2 column 5)");
    expect(locateJsonSyntaxError('whatever', error)).toEqual({ line: 2, column: 5, problem: "expected ',' or '}' after property value" });
  });
});

describe('findJsonSyntaxProblem', () => {
  it('accepts valid JSON of every kind', () => {
    for (const text of ['{}', '[]', '0', '-1.5e-3', '"a\\u00e9\\n"', 'true', 'null', ' {"a": [1, {"b": false}], "c": ""} ']) {
      expect(findJsonSyntaxProblem(text)).toBeUndefined();
    }
  });

  it('names a word that is not a JSON value', () => {
    expect(findJsonSyntaxProblem('{"a": NaN}')).toEqual({ offset: 6, problem: "'NaN' is not a JSON value" });
  });

  it('handles very deep nesting without overflowing the stack', () => {
    expect(findJsonSyntaxProblem('['.repeat(200_000))?.problem).toBe('unexpected end of file');
  });
});
