import { describe, expect, it } from 'vitest';
import { amountFromText } from '../../src/app/plan-grid-amount.ts';

describe('amountFromText: a cell of the plan grid, typed or pasted from a spreadsheet', () => {
  it.each([
    ['12500', 12500], ['12,500', 12500], ['12 500', 12500], ['12\u00a0500', 12500], ['1,234.5', 1234.5],
    ['$60,000.50', 60000.5], ['€2,000', 2000], [' 0 ', 0], ['.5', 0.5], ['2.5k', 2500],
  ])('reads %j as %d, as every amount in the app is read', (text, value) => {
    expect(amountFromText(text)).toBe(value);
  });

  it.each([
    ['', 'the box is empty'],
    ['abc', '“abc” is not a number'],
    ['=1+1', '“=1+1” is not a number'],
    ['-5', 'cannot be negative'],
  ])('refuses %j, saying why', (text, message) => {
    expect(amountFromText(text)).toBe(message);
  });
});
