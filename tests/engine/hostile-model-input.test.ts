import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_ISSUES_LISTED, ModelError, parseModel } from '../../src/engine/model/parse-model.ts';
import { readModelText } from '../../src/engine/io/model-text.ts';
import { previewJson, showValue } from '../../src/engine/model/show-value.ts';

// Files built to break the validator: every error path of parseModel must give problems a person
// can read, in bounded time and memory, and never a stack overflow.

const defaultModel = (): Record<string, any> => JSON.parse(readFileSync(new URL('../../models/default.json', import.meta.url), 'utf8'));
const deepList = (depth: number): unknown => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`);
const deepObject = (depth: number): unknown => JSON.parse(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);

function messagesOf(input: unknown): string[] {
  try {
    parseModel(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ModelError);
    return (error as ModelError).issues.map((issue) => issue.message);
  }
  throw new Error('expected parseModel to refuse the input');
}

describe('values nested 10,000 deep', () => {
  it.each([
    ['periodsPerYear', (model: Record<string, any>, value: unknown) => { model.periodsPerYear = value; }, 'periodsPerYear must be 12 (monthly), 4 (quarterly) or 52 (weekly), got a list'],
    ['name', (model: Record<string, any>, value: unknown) => { model.name = value; }, 'name must be text, got a list'],
    ['horizonYears', (model: Record<string, any>, value: unknown) => { model.horizonYears = value; }, 'horizonYears must be a number, got a list'],
    ['brand.halfLifeMonths', (model: Record<string, any>, value: unknown) => { model.brand.halfLifeMonths = value; }, 'brand.halfLifeMonths must be a number, got a list'],
    ['market.seasonality', (model: Record<string, any>, value: unknown) => { model.market.seasonality = [value, ...Array(11).fill(1)]; }, 'market.seasonality[0] must be a number, got a list'],
  ])('in %s give one problem saying "a list"', (_path, put, message) => {
    for (const value of [deepList(10_000), deepObject(10_000)]) {
      const model = defaultModel();
      put(model, value);
      const messages = messagesOf(model);
      expect(messages[0].startsWith(message.replace(/a list$/, ''))).toBe(true);
      expect(messages.join('\n').length).toBeLessThan(1000);
    }
    const model = defaultModel();
    put(model, deepList(10_000));
    expect(messagesOf(model)).toContain(message);
  });

  it('in an uncertainty entry and its dist, shown cut short', () => {
    const model = defaultModel();
    model.uncertainty = { 'brand.halfLifeMonths': { dist: deepList(10_000), median: 24, sigma: 0.4 } };
    expect(messagesOf(model)).toEqual([
      'uncertainty.brand.halfLifeMonths.dist must be one of normal, lognormal, uniform, triangular, beta, got [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[... (a list)',
    ]);
  });

  it('through readModelText, as the app reads a file or a link', () => {
    const text = JSON.stringify(defaultModel()).replace('"periodsPerYear":12', `"periodsPerYear":${'['.repeat(10_000)}${']'.repeat(10_000)}`);
    const read = readModelText(text, 'deep.json');
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.issues.map((issue) => issue.message)).toContain('periodsPerYear must be 12 (monthly), 4 (quarterly) or 52 (weekly), got a list');
  });
});

describe('very many problems', () => {
  it('names 20 unknown keys of 400,000 and counts the rest, in well under a few seconds', () => {
    const model = { ...defaultModel(), ...Object.fromEntries(Array.from({ length: 400_000 }, (_, index) => [`k${index}`, 1])) };
    const started = performance.now();
    const messages = messagesOf(model);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(messages).toHaveLength(21);
    expect(messages[0]).toMatch(/^k0 is not a known field \(known here: \$schema, name, /);
    expect(messages[19]).toMatch(/^k19 is not a known field/);
    expect(messages[20]).toBe('…and 399980 more unknown fields in the model');
  });

  it('keeps at most 50 problems and counts the rest in a last one', () => {
    const model = defaultModel();
    delete model.budget;
    model.plan = { upstream: Array(36).fill('x'), downstream: Array(36).fill(-1) };
    const messages = messagesOf(model);
    expect(messages).toHaveLength(MAX_ISSUES_LISTED + 1);
    expect(messages[0]).toBe('plan.upstream[0] must be a number, got text "x"');
    expect(messages[MAX_ISSUES_LISTED]).toBe('…and 22 more problems');
  });

  it('shortens a key of a megabyte in its message', () => {
    const key = 'k'.repeat(1_000_000);
    const messages = messagesOf({ ...defaultModel(), [key]: 1 });
    expect(messages).toHaveLength(1);
    expect(messages[0].length).toBeLessThan(400);
    expect(messages[0].startsWith(`${'k'.repeat(59)}… is not a known field`)).toBe(true);
  });
});

describe('showValue', () => {
  it('writes the start of a value as JSON, marking text and lists', () => {
    expect(showValue(7)).toBe('7');
    expect(showValue('12')).toBe('"12" (text)');
    expect(showValue([1, 2])).toBe('[1,2] (a list)');
    expect(showValue({ a: [1, { b: null }] })).toBe('{"a":[1,{"b":null}]}');
    expect(showValue(undefined)).toBe('nothing');
    expect(showValue(Number.NaN)).toBe('NaN');
    expect(showValue('x'.repeat(100))).toBe(`"${'x'.repeat(36)}... (text)`);
  });

  it('matches JSON.stringify, cut to 40 characters, on ordinary values', () => {
    const values = [[], {}, [1, [2, [3]]], { a: 'b', c: [true, false, null] }, 'text with "quotes"', Array.from({ length: 30 }, (_, index) => index)];
    for (const value of values) {
      const json = JSON.stringify(value);
      expect(previewJson(value, 40)).toBe(json.length > 40 ? `${json.slice(0, 37)}...` : json);
    }
  });

  it('costs no more than the characters it writes on a list nested 100,000 deep or 1,000,000 long', () => {
    expect(previewJson(deepList(100_000), 40)).toBe(`${'['.repeat(37)}...`);
    expect(previewJson(Array(1_000_000).fill(0), 10)).toBe('[0,0,0,...');
  });
});
