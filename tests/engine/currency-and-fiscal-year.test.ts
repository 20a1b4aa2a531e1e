import { describe, expect, it } from 'vitest';
import defaultJson from '../../models/default.json' with { type: 'json' };
import { ModelError, parseModel, simulate } from '../../src/engine/index.ts';
import { currencySymbol } from '../../src/engine/model/currency.ts';
import { periodLabel, yearLabel } from '../../src/engine/io/period-label.ts';

/** The messages parseModel gives for a model changed by `change`, or [] when it is valid. */
function problemsWith(change: Record<string, unknown>): string[] {
  try {
    parseModel({ ...defaultJson, ...change });
    return [];
  } catch (error) {
    if (error instanceof ModelError) return error.issues.map((issue) => `${issue.path}: ${issue.message}`);
    throw error;
  }
}

describe('currency', () => {
  it('accepts an ISO 4217 code and keeps it on the model, changing no figure', () => {
    const model = parseModel({ ...defaultJson, currency: 'EUR' });
    expect(model.currency).toBe('EUR');
    expect(simulate(model).summary).toEqual(simulate(parseModel(defaultJson)).summary);
  });

  it('refuses lower case, symbols, unknown codes and non-text, naming the field', () => {
    expect(problemsWith({ currency: 'eur' })).toEqual(['currency: currency must be an ISO 4217 code of three capital letters such as "EUR", got "eur"']);
    expect(problemsWith({ currency: '€' })[0]).toMatch(/^currency: currency must be an ISO 4217 code/);
    expect(problemsWith({ currency: 'ZZQ' })).toEqual(['currency: currency must be a known ISO 4217 currency code, got "ZZQ"']);
    expect(problemsWith({ currency: 978 })).toEqual(['currency: currency must be text, got 978']);
  });

  it('shows the symbol people expect, and the code where there is none', () => {
    expect(currencySymbol('EUR')).toBe('€');
    expect(currencySymbol('GBP')).toBe('£');
    expect(currencySymbol('USD')).toBe('$');
    expect(currencySymbol('CHF')).toBe('CHF');
    expect(currencySymbol(undefined)).toBe('');
  });
});

describe('fiscalYearStartMonth', () => {
  it('accepts a whole month 1–12 and refuses anything else, naming the rule', () => {
    expect(parseModel({ ...defaultJson, fiscalYearStartMonth: 4 }).fiscalYearStartMonth).toBe(4);
    expect(problemsWith({ fiscalYearStartMonth: 13 })).toEqual(['fiscalYearStartMonth: fiscalYearStartMonth must be a whole number from 1 to 12, got 13']);
    expect(problemsWith({ fiscalYearStartMonth: 2.5 })).toEqual(['fiscalYearStartMonth: fiscalYearStartMonth must be a whole number from 1 to 12, got 2.5']);
  });

  it('labels months by the calendar and quarters and weeks by the fiscal year', () => {
    // A fiscal year from April 2027: plan month 1 is April 2027, month 10 is January 2028.
    expect(periodLabel(1, 12, 2027, 4)).toBe('2027-04');
    expect(periodLabel(10, 12, 2027, 4)).toBe('2028-01');
    expect(periodLabel(13, 12, 2027, 4)).toBe('2028-04');
    expect(periodLabel(2, 4, 2027, 4)).toBe('FY2027-Q2');
    expect(periodLabel(53, 52, 2027, 4)).toBe('FY2028-W01');
    // January start: unchanged labels.
    expect(periodLabel(14, 12, 2027, 1)).toBe('2028-02');
    expect(periodLabel(2, 4, 2027)).toBe('2027-Q2');
    // No start year: relative labels whatever the fiscal month.
    expect(periodLabel(3, 12, undefined, 4)).toBe('Y1-M03');
  });

  it('names what each year covers', () => {
    expect(yearLabel(2, 2027, 4)).toBe('Year 2 (Apr 2028 – Mar 2029)');
    expect(yearLabel(1, 2027, 1)).toBe('Year 1 (Jan 2027 – Dec 2027)');
    expect(yearLabel(3, undefined, 7)).toBe('Year 3 (Jul – Jun)');
    expect(yearLabel(3)).toBe('Year 3');
  });
});
