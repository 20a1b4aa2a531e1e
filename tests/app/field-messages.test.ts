import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { plainIssues } from '../../src/app/field-messages.ts';
import { type Draft, checkDraft, draftFromModel, withField } from '../../src/app/model-draft.ts';
import { NUMBER_FIELDS, parseModel } from '../../src/engine/index.ts';

const model = parseModel(JSON.parse(readFileSync(new URL('../../models/default.json', import.meta.url), 'utf8')));
const base = draftFromModel(model);

/** The screen's messages for a draft with one field set to `value`. */
function messages(path: string, value: unknown, draft: Draft = base): string[] {
  const edited = withField(draft, path, value);
  const check = checkDraft(edited);
  return plainIssues(check.issues, edited).map((issue) => issue.message);
}

describe('messages use the on-screen label and unit', () => {
  it.each([
    ['budget.upstreamShare', 1.5, 'Upstream share must be between 0 and 100 %, got 150 %'],
    ['budget.upstreamShare', -0.05, 'Upstream share must be between 0 and 100 %, got -5 %'],
    ['budget.perYear', -5, 'Budget per year must be at least 0 a year, got -5 a year'],
    ['budget.perYear', 2e13, 'Budget per year must be at most 10 trillion a year, got 20,000,000,000,000 a year'],
    ['brand.halfLifeMonths', -3, 'Brand half-life must be more than 0 months, got -3 months'],
    ['economics.margin', 1.2, 'Margin must be between 0 and 100 %, got 120 %'],
    ['market.growthPerYear', -1, 'Market growth must be more than -100 % a year, got -100 % a year'],
    ['economics.carryoverYears', 2.5, 'Carryover years must be a whole number from 0 to 5 years, got 2.5 years'],
    ['upstream.lagConcentration', 1, 'Lag concentration must be more than 0 and less than 1, got 1'],
    ['history.upstreamPerMonth', -10, 'Past upstream spend must be at least 0 a month, got -10 a month'],
    ['brand.maxEquity', 0, 'Maximum brand equity must be more than 0 and at most 1, got 0'],
    ['economics.valuePerSale', 1e308, 'Value per sale must be at most 1 trillion, got 1e308'],
    ['budget.perYear', 2e15, 'Budget per year must be at most 10 trillion a year, got 2e15 a year'],
  ])('%s = %d', (path, value, expected) => {
    expect(messages(path, value)).toContain(expected);
  });

  it('says what is wrong with text that is not a number, in words', () => {
    expect(messages('budget.perYear', 'abc')).toEqual(['Budget per year: “abc” is not a number. Type an amount such as 1,200,000 or 1.2m']);
    expect(messages('budget.perYear', '')).toEqual(['Budget per year is empty: type an amount such as 1,200,000 or 1.2m']);
    expect(messages('budget.upstreamShare', '2,5')).toEqual([
      'Upstream share: “2,5” is ambiguous: write 2.5 with a point for decimals, or 2,500 for thousands. Type a percentage such as 40',
    ]);
  });

  it('names the other field of a rule between two fields by its label', () => {
    expect(messages('brand.initialEquity', 0.9, withField(base, 'brand.maxEquity', 0.8)))
      .toEqual(['Starting brand equity must be at most the maximum brand equity (0.8), got 0.9']);
    expect(messages('upstream.lagMonths', 30, withField(base, 'upstream.lagWindowMonths', 24)))
      .toEqual(['Lag to peak must be at most the lag window (24 months), got 30 months']);
  });

  it('names the year of a per-year value', () => {
    const draft = withField(base, 'budget.perYear', [1e6, -1, 1e6]);
    expect(plainIssues(checkDraft(draft).issues, draft).map((issue) => issue.message))
      .toEqual(['Budget per year for year 2 must be at least 0 a year, got -1 a year']);
  });

  it('words seasonality by month, or by the model’s period', () => {
    const quarterly = withField(base, 'periodsPerYear', 4);
    expect(messages('market.seasonality', [1, 1, 1, 1, 1], quarterly)).toEqual(['Seasonality needs 4 values (one per quarter) or 12 (one per month), got 5']);
    expect(messages('market.seasonality', [1, 1, 1, -1], quarterly)).toEqual(['Seasonality for quarter 4 must be more than 0, got -1']);
    expect(messages('market.seasonality', [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1])).toEqual(['Seasonality for November must be more than 0, got 0']);
  });

  it('names periods of an explicit plan by the model’s period, per week in a weekly model', () => {
    const weekly = withField(withField(base, 'periodsPerYear', 52), 'horizonYears', 1);
    const upstream = Array.from({ length: 52 }, () => 100);
    upstream[4] = -7;
    const draft = withField(weekly, 'plan', { upstream, downstream: Array.from({ length: 52 }, () => 100) });
    expect(plainIssues(checkDraft(draft).issues, draft).map((issue) => issue.message)).toContain('Upstream spend in week 5 must be at least 0 a week, got -7 a week');
  });

  it('never shows a path of the file for any field out of range', () => {
    for (const field of NUMBER_FIELDS) {
      for (const value of [-1e15, 1e15, 'junk']) {
        const path = field.yearly ? field.path : field.path;
        for (const message of messages(path, value)) {
          expect(message, `${field.path} = ${value}`).not.toMatch(/\b[a-z]+\.[a-z]+[A-Z]?\w*\b/);
          expect(message).toMatch(new RegExp(`^${field.label}`));
        }
      }
    }
  });
});
