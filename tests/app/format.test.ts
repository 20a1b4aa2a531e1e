import { describe, expect, it } from 'vitest';
import { keyFigure } from '../../src/engine/key-figures.ts';
import { MISSING, figureTone, formatDifference, formatFigure, formatMarginalRoi, formatsFor } from '../../src/app/format.ts';

const euro = formatsFor({ currency: 'EUR', periodsPerYear: 12 });
const quarterly = formatsFor({ periodsPerYear: 4 });

describe('the app’s figure formatting', () => {
  it('writes each key figure by its unit, money with the model’s symbol', () => {
    expect(formatFigure(keyFigure('incrementalNpvWithCarryover'), 3021692.9, euro)).toBe('€3,021,693');
    expect(formatFigure(keyFigure('roi'), 0.7326, euro)).toBe('73.3%');
    expect(formatFigure(keyFigure('irr'), 0.234, euro)).toBe('23.4%');
    expect(formatFigure(keyFigure('irr'), 1e12, euro)).toBe('> 1,000%');
    expect(formatFigure(keyFigure('paybackPeriod'), 3, quarterly)).toBe('Quarter 3');
    expect(formatFigure(keyFigure('finalEquity'), 0.37052, euro)).toBe('0.371');
  });

  it('never shows NaN: a missing or non-finite value is a dash', () => {
    for (const field of ['incrementalNpv', 'roi', 'irr', 'paybackPeriod', 'finalEquity'] as const) {
      for (const value of [null, undefined, Number.NaN, Infinity]) expect(formatFigure(keyFigure(field), value, euro)).toBe(MISSING);
    }
    expect(formatMarginalRoi(Number.NaN, euro)).toBe(MISSING);
    expect(formatDifference('money', Number.NaN, 5, 12, euro)).toBe(MISSING);
  });

  it('signs a marginal ROI', () => {
    expect(formatMarginalRoi(0.183, euro)).toBe('+18.3%');
    expect(formatMarginalRoi(-0.05, euro)).toBe('-5.0%');
    expect(formatMarginalRoi(0, euro)).toBe('0.0%');
  });

  it('writes differences: money with symbol and percentage, points for rates, and no difference of a rate shown only as "> 1,000%"', () => {
    expect(formatDifference('money', 12345.4, 100000, 12, euro)).toBe('+€12,345 (+12.3%)');
    expect(formatDifference('money', -500, 0, 12, euro)).toBe('-€500');
    expect(formatDifference('rate', 0.05, 0.2, 12, euro)).toBe('+5.0 pts');
    expect(formatDifference('rate', 20, 0.2, 12, euro)).toBe(MISSING);
    expect(formatDifference('period', -2, 4, 4, euro)).toBe('-2 quarters');
  });

  it('says which way is better from KEY_FIGURES: sooner payback, more NPV, spend neither', () => {
    expect(figureTone(keyFigure('paybackPeriod'), -1)).toBe('up');
    expect(figureTone(keyFigure('incrementalNpv'), -1)).toBe('down');
    expect(figureTone(keyFigure('totalSpend'), 100)).toBe('');
    expect(figureTone(keyFigure('noSpendNpv'), 100)).toBe('');
  });
});
