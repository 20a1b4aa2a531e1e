import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_REPORTED_RATE } from '../../../src/engine/index.ts';
import { MISSING, PLAIN_NUMBER_FORMATS, createNumberFormats, withCurrencySymbol } from '../../../src/engine/io/number-formats.ts';

const euro = createNumberFormats({ currency: 'EUR' });
const plain = PLAIN_NUMBER_FORMATS;

describe('createNumberFormats: money carries the currency symbol', () => {
  it('puts the symbol before the amount, after any sign', () => {
    expect(euro.money(1234567.8)).toBe('€1,234,568');
    expect(euro.money(-1500)).toBe('-€1,500');
    expect(euro.moneyShort(1234567)).toBe('€1.23M');
    expect(euro.moneyCents(1.1834)).toBe('€1.18');
    expect(euro.moneyShort(-2.5e9)).toBe('-€2.5B');
    expect(euro.moneyChange(12345.4)).toBe('+€12,345');
    expect(euro.moneyChange(-500)).toBe('-€500');
    expect(euro.moneyChange(-0.3)).toBe('€0');
  });

  it('uses the usual narrow symbol, and a space after a symbol made of letters', () => {
    expect(createNumberFormats({ currency: 'USD' }).money(1000)).toBe('$1,000');
    expect(createNumberFormats({ currency: 'GBP' }).moneyShort(450000)).toBe('£450k');
    expect(createNumberFormats({ currency: 'CHF' }).money(-1234)).toBe('-CHF 1,234');
    expect(withCurrencySymbol('+12', 'kr')).toBe('+kr 12');
  });

  it('has no symbol without a currency', () => {
    expect(plain.symbol).toBe('');
    expect(plain.money(1234567.8)).toBe('1,234,568');
    expect(plain.moneyShort(1.5e9)).toBe('1.5B');
  });
});

describe('rate (IRR)', () => {
  it('shows a rate as a percentage, and anything above 1,000 % a year as "> 1,000%"', () => {
    expect(plain.rate(0.1234)).toBe('12.3%');
    expect(plain.rate(-0.42)).toBe('-42.0%');
    expect(plain.rate(10)).toBe('1,000.0%');
    expect(plain.rate(10.0001)).toBe('> 1,000%');
    expect(plain.rate(MAX_REPORTED_RATE)).toBe('> 1,000%');
    expect(plain.rate(null)).toBe(MISSING);
  });
});

describe('missing values', () => {
  const everyFormat = (formats: typeof plain) => [
    formats.money, formats.moneyCents, formats.moneyShort, formats.moneyChange, formats.percent, formats.percentWhole, formats.percentChange,
    formats.pointsChange, formats.rate, formats.equity, formats.equityChange,
  ];

  it('shows null, undefined, NaN and ±Infinity as "—"', () => {
    for (const format of everyFormat(euro)) {
      for (const value of [null, undefined, Number.NaN, Infinity, -Infinity]) expect(format(value)).toBe(MISSING);
    }
  });

  it('never writes NaN, Infinity or undefined, whatever the number (fast-check)', () => {
    fc.assert(fc.property(fc.double(), fc.constantFrom(undefined, 'EUR', 'JPY', 'CHF'), (value, currency) => {
      for (const format of everyFormat(createNumberFormats({ currency }))) expect(format(value)).not.toMatch(/NaN|Infinity|undefined/);
    }));
  });
});

describe('period and year labels', () => {
  it('follow the model’s calendar and fiscal year', () => {
    const fiscal = createNumberFormats({ periodsPerYear: 4, startYear: 2027, fiscalYearStartMonth: 4 });
    expect(fiscal.periodLabel(2)).toBe('FY2027-Q2');
    expect(fiscal.yearLabel(2)).toBe('Year 2 (Apr 2028 – Mar 2029)');
    expect(createNumberFormats({ periodsPerYear: 12, startYear: 2027, fiscalYearStartMonth: 4 }).periodLabel(10)).toBe('2028-01');
    expect(plain.periodLabel(14)).toBe('Y2-M02');
  });
});
