import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AmountKind, amountText, parseAmount } from '../../src/app/parse-amount.ts';

const value = (text: string, kind: AmountKind) => {
  const parsed = parseAmount(text, kind);
  if (!parsed.ok) throw new Error(`refused ${text}: ${parsed.reason}`);
  return parsed.value;
};
const reason = (text: string, kind: AmountKind) => {
  const parsed = parseAmount(text, kind);
  if (parsed.ok) throw new Error(`accepted ${text} as ${parsed.value}`);
  return parsed.reason;
};

describe('parseAmount reads what people type', () => {
  it.each([
    ['2m', 2e6], ['2M', 2e6], ['2.5m', 2.5e6], ['2.5k', 2500], ['2.5K', 2500], ['1.2bn', 1.2e9], ['1.2 bn', 1.2e9], ['3 million', 3e6],
    ['€2,000,000', 2e6], ['$2,000,000', 2e6], ['2,000,000 €', 2e6], ['EUR 2,000,000', 2e6], ['US$1,000', 1000], ['£1.5m', 1.5e6],
    ['2 000 000', 2e6], ['2\u00A0000\u00A0000', 2e6], ['2\u202F000\u202F000', 2e6], ['2\u2009000\u2009000', 2e6], ['1_200_000', 1.2e6],
    ['2,000,000.50', 2000000.5], ['-3', -3], ['\u22123', -3], ['-€3,000', -3000], ['€-3,000', -3000], ['+7', 7], [' 0.5 ', 0.5],
    ['.5', 0.5], ['1.2e6', 1.2e6], ['1E3', 1000], ['0', 0], ['-0', 0],
  ])('money: %s → %d', (text, expected) => {
    expect(value(text, 'money')).toBe(expected);
  });

  it('reads a share box shown in percent: 50 and 50% are both 50 %', () => {
    expect(value('50', 'percent')).toBe(0.5);
    expect(value('50%', 'percent')).toBe(0.5);
    expect(value('50 %', 'percent')).toBe(0.5);
    expect(value('150%', 'percent')).toBe(1.5);
    expect(value('12.5', 'percent')).toBe(0.125);
    expect(value('-5', 'percent')).toBe(-0.05);
  });

  it('reads a 0–1 box as the number itself, or a percentage', () => {
    expect(value('0.37', 'fraction')).toBe(0.37);
    expect(value('37%', 'fraction')).toBe(0.37);
  });

  it('reads counts of people with k/m but no currency', () => {
    expect(value('120k', 'count')).toBe(120000);
    expect(reason('€120', 'count')).toBe('“€120” is an amount of money; this box takes a number of people');
  });

  it.each([
    ['abc', 'money', '“abc” is not a number'],
    ['12abc', 'money', '“12abc” is not a number'],
    ['2,5', 'money', '“2,5” is ambiguous: write 2.5 with a point for decimals, or 2,500 for thousands'],
    ['0,50', 'percent', '“0,50” is ambiguous: write 0.50 with a point for decimals, or 0,500 for thousands'],
    ['1,2,3', 'money', '“1,2,3” is ambiguous: write a point for decimals and commas only between groups of three digits (2,000,000.50)'],
    ['2.000,50', 'money', '“2.000,50” is ambiguous: write a point for decimals and commas only between groups of three digits (2,000,000.50)'],
    ['1,000 000', 'money', '“1,000 000” is ambiguous: write a point for decimals and commas only between groups of three digits (2,000,000.50)'],
    ['--3', 'money', '“--3” has more than one sign'],
    ['€€3', 'money', '“€€3” names a currency twice'],
    ['50%', 'money', '“50%” is a percentage; this box takes an amount of money'],
    ['50%', 'number', '“50%” is a percentage; this box takes a plain number'],
    ['2m', 'number', '“2m”: “m” (× 1,000,000) does not apply to a plain number'],
    ['2k', 'percent', '“2k”: “k” (× 1,000) does not apply to a percentage'],
    ['€5', 'number', '“€5” is an amount of money; this box takes a plain number'],
    ['1e400', 'money', '“1e400” is too large to be a number'],
    ['Infinity', 'money', '“Infinity” is not a number'],
    ['NaN', 'number', '“NaN” is not a number'],
    ['0x10', 'number', '“0x10” is not a number'],
    ['1.2.3', 'number', '“1.2.3” is not a number'],
  ] as [string, AmountKind, string][])('refuses %s in a %s box', (text, kind, expected) => {
    expect(reason(text, kind)).toBe(expected);
  });

  it('says an empty box is empty', () => {
    expect(parseAmount('  ', 'money')).toEqual({ ok: false, reason: 'the box is empty', empty: true });
  });
});

describe('amountText then parseAmount gives the value back', () => {
  const kinds: AmountKind[] = ['money', 'count', 'percent', 'fraction', 'number'];

  it('for whole amounts, exactly, with and without grouping', () => {
    fc.assert(fc.property(fc.integer({ min: -1e13, max: 1e13 }), fc.constantFrom(...kinds), fc.boolean(), (amount, kind, grouping) => {
      const shownValue = kind === 'percent' ? amount / 100 : amount;
      expect(parseAmount(amountText(shownValue, kind, grouping), kind)).toEqual({ ok: true, value: shownValue });
    }));
  });

  it('for amounts with cents, exactly', () => {
    fc.assert(fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.boolean(), (cents, grouping) => {
      const amount = cents / 100;
      expect(parseAmount(amountText(amount, 'money', grouping), 'money')).toEqual({ ok: true, value: amount });
    }));
  });

  it('for any finite value in a field’s range, to the 10 decimals a box shows', () => {
    fc.assert(fc.property(fc.double({ min: -1e13, max: 1e13, noNaN: true }), fc.constantFrom(...kinds), fc.boolean(), (amount, kind, grouping) => {
      const parsed = parseAmount(amountText(amount, kind, grouping), kind);
      expect(parsed.ok).toBe(true);
      const scale = kind === 'percent' ? 100 : 1;
      if (parsed.ok) expect(Math.abs(parsed.value - amount) * scale).toBeLessThanOrEqual(1e-10 + Math.abs(amount * scale) * 1e-15);
    }));
  });

  it('for amounts far beyond any field, written with an exponent rather than hundreds of digits', () => {
    expect(amountText(1e308, 'money', true)).toBe('1e308');
    expect(amountText(-2.5e21, 'number', false)).toBe('-2.5e21');
    expect(amountText(9.99e20, 'money', true)).toBe('999,000,000,000,000,000,000');
    fc.assert(fc.property(fc.double({ min: 1e21, max: 1e308, noNaN: true }), fc.boolean(), (amount, grouping) => {
      expect(parseAmount(amountText(amount, 'money', grouping), 'money')).toEqual({ ok: true, value: amount });
    }));
  });

  it('for what Intl writes in other locales’ spaces', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e12 }), (amount) => {
      const french = new Intl.NumberFormat('fr-FR').format(amount);
      expect(parseAmount(french, 'money')).toEqual({ ok: true, value: amount });
    }));
  });
});
