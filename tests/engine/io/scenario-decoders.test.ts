import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseModel } from '../../../src/engine/index.ts';
import { type ModelReadResult, readModelText, readScenarioLink, scenarioHash } from '../../../src/engine/io/index.ts';
import { validModel } from '../arbitrary-model.ts';

// Decoders face text from anywhere: files people pick, links people paste. Whatever comes in,
// they return a valid model or a clear message, and never throw.

const defaultText = readFileSync(new URL('../../../models/default.json', import.meta.url), 'utf8');

/** A successful read must hold a model that validates again unchanged; a failure must say why. */
function expectWellFormed(result: ModelReadResult): void {
  if (result.ok) {
    expect(parseModel(JSON.parse(JSON.stringify(result.model)))).toEqual(result.model);
  } else {
    expect(result.message.length).toBeGreaterThan(10);
  }
}

/** Small edits to a string: delete, insert or replace a few characters, or cut it short. */
const mutated = (text: string) => fc.array(fc.record({
  kind: fc.constantFrom('delete', 'insert', 'replace', 'truncate'),
  at: fc.nat({ max: Math.max(0, text.length - 1) }),
  character: fc.string({ minLength: 1, maxLength: 1, unit: 'binary' }),
}), { minLength: 1, maxLength: 4 }).map((edits) => edits.reduce((current, edit) => {
  const at = Math.min(edit.at, current.length);
  if (edit.kind === 'delete') return current.slice(0, at) + current.slice(at + 1);
  if (edit.kind === 'insert') return current.slice(0, at) + edit.character + current.slice(at);
  if (edit.kind === 'replace') return current.slice(0, at) + edit.character + current.slice(at + 1);
  return current.slice(0, at);
}, text));

describe('scenario links', () => {
  it('reproduce any valid model exactly (fast-check)', () => {
    fc.assert(fc.property(validModel, (raw) => {
      // JSON has no -0; every other bit of the model survives.
      const model = parseModel(JSON.parse(JSON.stringify(raw)));
      const read = readScenarioLink(`http://127.0.0.1:4173/${scenarioHash(model)}`);
      expect(read).toEqual({ ok: true, model });
    }), { numRuns: 100 });
  });

  it('give a valid model or a clear message for any mutated link, and never throw (fast-check)', () => {
    const hash = scenarioHash(parseModel(JSON.parse(defaultText)));
    fc.assert(fc.property(mutated(hash), (link) => expectWellFormed(readScenarioLink(link))), { numRuns: 500 });
  });

  it('give a valid model or a clear message for any text at all, and never throw (fast-check)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => {
      expectWellFormed(readScenarioLink(text));
      expectWellFormed(readScenarioLink(`#scenario=1.${text}`));
    }), { numRuns: 500 });
  });

  it('say what is wrong with a link that has no scenario, an unknown version, or a damaged payload', () => {
    expect(readScenarioLink('https://example.org/')).toMatchObject({ ok: false, message: expect.stringContaining('no scenario') });
    expect(readScenarioLink('#scenario=9.abc')).toMatchObject({ ok: false, message: expect.stringContaining('not one this version') });
    expect(readScenarioLink('#scenario=1.')).toMatchObject({ ok: false, message: expect.stringContaining('damaged') });
    expect(readScenarioLink(`#scenario=1.${'A'.repeat(2_000_001)}`)).toMatchObject({ ok: false, message: expect.stringContaining('too long') });
  });
});

describe('model files as text', () => {
  it('give a valid model or a clear message for any mutated model file, and never throw (fast-check)', () => {
    fc.assert(fc.property(mutated(defaultText), (text) => expectWellFormed(readModelText(text, 'plan.json'))), { numRuns: 500 });
  });

  it('give a clear message for any JSON value that is not a model, and never throw (fast-check)', () => {
    fc.assert(fc.property(fc.json(), (text) => expectWellFormed(readModelText(text, 'plan.json'))), { numRuns: 300 });
  });

  it('read every valid model back from its JSON (fast-check)', () => {
    fc.assert(fc.property(validModel, (raw) => {
      expect(readModelText(JSON.stringify(raw), 'plan.json')).toEqual({ ok: true, model: parseModel(JSON.parse(JSON.stringify(raw))) });
    }), { numRuns: 100 });
  });

  it.each([
    ['a syntax error, with line and column', '{\n  "name": "x",\n  oops\n}', /not valid JSON: line 3, column 3/],
    ['an empty file', '  \n', /is empty/],
    ['a file over 5 MB', ' '.repeat(5 * 1024 * 1024 + 1), /too large/],
    ['wrong types', JSON.stringify({ ...JSON.parse(defaultText), horizonYears: 'three' }), /not a valid model/],
  ])('refuse %s with a message', (_kind, text, message) => {
    const result = readModelText(text, 'plan.json');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it('refuse a __proto__ key without touching any prototype', () => {
    const text = defaultText.replace('{', '{"__proto__": {"polluted": true},');
    const result = readModelText(text, 'plan.json');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((issue) => issue.path)).toContain('__proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuse a 10,000-character name with a message naming the field', () => {
    const result = readModelText(JSON.stringify({ ...JSON.parse(defaultText), name: 'x'.repeat(10_000) }), 'plan.json');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0].message).toBe('name must be at most 200 characters, got 10000');
  });

  it('keep markup in a name as plain text', () => {
    const name = '<img src=x onerror=alert(1)>';
    const result = readModelText(JSON.stringify({ ...JSON.parse(defaultText), name }), 'plan.json');
    expect(result).toMatchObject({ ok: true, model: { name } });
  });
});
