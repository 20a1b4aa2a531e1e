import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkDraft } from '../../src/app/model-draft.ts';

const defaultModel = (): Record<string, unknown> => JSON.parse(readFileSync(new URL('../../models/default.json', import.meta.url), 'utf8'));

describe('checkDraft with hostile drafts', () => {
  it('gives a problem, not an exception, when checking itself fails (the app keeps its last good model)', () => {
    const hostile = new Proxy({}, { ownKeys() { throw new RangeError('Maximum call stack size exceeded'); } });
    const check = checkDraft(hostile);
    expect(check.model).toBeUndefined();
    expect(check.issues).toEqual([{ path: '', message: 'The model could not be checked: Maximum call stack size exceeded' }]);
  });

  it('reports a periodsPerYear nested 10,000 deep as a list', () => {
    const draft = { ...defaultModel(), periodsPerYear: JSON.parse(`${'['.repeat(10_000)}${']'.repeat(10_000)}`) };
    const check = checkDraft(draft);
    expect(check.issues.map((issue) => issue.message)).toContain('periodsPerYear must be 12 (monthly), 4 (quarterly) or 52 (weekly), got a list');
  });

  it('reports a value per sale of 1e308 at its field, with its limit', () => {
    const model = defaultModel() as { economics: Record<string, unknown> };
    model.economics.valuePerSale = 1e308;
    expect(checkDraft(model as Record<string, unknown>).issues).toEqual([{ path: 'economics.valuePerSale', message: 'economics.valuePerSale must be ≤ 1e12, got 1e+308' }]);
  });
});
