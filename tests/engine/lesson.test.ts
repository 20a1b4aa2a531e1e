import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ModelError, parseModel } from '../../src/engine/index.ts';
import { MAX_LESSON_CHANGES, MAX_LESSON_PART_LENGTH } from '../../src/engine/model/lesson.ts';

const base = JSON.parse(readFileSync(new URL('./fixtures/spec-example.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const lesson = {
  situation: 'An established brand.',
  tryThis: 'Set Horizon (years) to 1.',
  change: [{ path: 'horizonYears', value: 1 }],
  notice: 'The best share falls.',
};

/** The messages parseModel gives for the spec example with this lesson. */
function problems(value: unknown): string[] {
  try {
    parseModel({ ...base, lesson: value });
    return [];
  } catch (error) {
    if (!(error instanceof ModelError)) throw error;
    return error.issues.map((issue) => `${issue.path}: ${issue.message}`);
  }
}

describe('a model file’s lesson', () => {
  it('is optional, and read as given when valid', () => {
    expect(parseModel(base).lesson).toBeUndefined();
    expect(parseModel({ ...base, lesson }).lesson).toEqual(lesson);
    const numberField = { ...lesson, change: [{ path: 'budget.upstreamShare', value: 0.3 }, { path: 'economics.carryoverYears', value: 0 }] };
    expect(parseModel({ ...base, lesson: numberField }).lesson).toEqual(numberField);
  });

  it('names each missing or empty part', () => {
    expect(problems({ ...lesson, situation: ' ' })).toEqual([`lesson.situation: lesson.situation is required: text of 1 to ${MAX_LESSON_PART_LENGTH} characters`]);
    const { notice: _notice, ...withoutNotice } = lesson;
    expect(problems(withoutNotice)).toEqual([`lesson.notice: lesson.notice is required: text of 1 to ${MAX_LESSON_PART_LENGTH} characters`]);
  });

  it('refuses a part longer than 400 characters, saying how long it is', () => {
    expect(problems({ ...lesson, tryThis: 'x'.repeat(401) })).toEqual(['lesson.tryThis: lesson.tryThis must be at most 400 characters, got 401']);
  });

  it('refuses an unknown key, __proto__ included, and never follows it', () => {
    expect(problems({ ...lesson, tip: 'x' })).toEqual(['lesson.tip: lesson.tip is not a known field (known: situation, tryThis, change, notice)']);
    const hostile = JSON.parse(`{"situation":"a","tryThis":"b","notice":"c","change":[{"path":"horizonYears","value":1}],"__proto__":{"polluted":true}}`);
    expect(problems(hostile)).toEqual(['lesson.__proto__: lesson.__proto__ is not a known field (known: situation, tryThis, change, notice)']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a change to a path that is not a number setting or the horizon, or a value that is not a finite number', () => {
    expect(problems({ ...lesson, change: [{ path: 'brand.nope', value: 1 }] }))
      .toEqual(['lesson.change[0].path: lesson.change[0].path must be horizonYears or the path of a number setting (such as budget.upstreamShare), got "brand.nope"']);
    expect(problems({ ...lesson, change: [{ path: 'horizonYears', value: '1' }] }))
      .toEqual(['lesson.change[0].value: lesson.change[0].value must be a finite number']);
    expect(problems({ ...lesson, change: [{ path: 'horizonYears', value: 1, extra: true }] }))
      .toEqual(['lesson.change[0].extra: lesson.change[0].extra is not a known field (known: path, value)']);
  });

  it(`needs 1 to ${MAX_LESSON_CHANGES} changes`, () => {
    const message = `lesson.change: lesson.change must be a list of 1 to ${MAX_LESSON_CHANGES} changes`;
    expect(problems({ ...lesson, change: [] })).toEqual([message]);
    expect(problems({ ...lesson, change: Array.from({ length: 5 }, () => lesson.change[0]) })).toEqual([message]);
  });

  it('must be an object', () => {
    expect(problems('Set the horizon to 1')).toEqual(['lesson: lesson must be an object with situation, tryThis, change and notice']);
  });
});
