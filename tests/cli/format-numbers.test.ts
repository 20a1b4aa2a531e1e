import { describe, expect, it } from 'vitest';
import {
  MISSING, formatEquity, formatEquityChange, formatMoney, formatMoneyChange, formatPercent, formatPercentChange,
  formatPeriod, formatPeriodChange, formatPointsChange,
} from '../../src/cli/format-numbers.ts';

describe('format-numbers', () => {
  it('shows money with thousands separators, no currency and no decimals', () => {
    expect(formatMoney(1234567.8)).toBe('1,234,568');
    expect(formatMoney(-1500)).toBe('-1,500');
    expect(formatMoney(0)).toBe('0');
  });

  it('shows ratios as percentages with one decimal', () => {
    expect(formatPercent(0.1234)).toBe('12.3%');
    expect(formatPercent(-0.918)).toBe('-91.8%');
  });

  it('shows equity with three decimals', () => {
    expect(formatEquity(0.41234)).toBe('0.412');
  });

  it('shows a missing or non-finite value as a dash', () => {
    for (const format of [formatMoney, formatPercent, formatEquity, formatMoneyChange, formatPointsChange]) {
      expect(format(null)).toBe(MISSING);
      expect(format(Number.NaN)).toBe(MISSING);
    }
    expect(formatPeriod(null, 12)).toBe(MISSING);
  });

  it('names payback periods after the granularity', () => {
    expect(formatPeriod(14, 12)).toBe('month 14');
    expect(formatPeriod(3, 4)).toBe('quarter 3');
    expect(formatPeriod(40, 52)).toBe('week 40');
  });

  it('signs changes, and shows a change that rounds to nothing as plain zero', () => {
    expect(formatMoneyChange(12345.4)).toBe('+12,345');
    expect(formatMoneyChange(-500)).toBe('-500');
    expect(formatMoneyChange(-0.3)).toBe('0');
    expect(formatPercentChange(0.045)).toBe('+4.5%');
    expect(formatPercentChange(-0.0001)).toBe('0.0%');
    expect(formatPointsChange(0.023)).toBe('+2.3 pts');
    expect(formatEquityChange(-0.0123)).toBe('-0.012');
  });

  it('counts period changes with a singular or plural unit', () => {
    expect(formatPeriodChange(3, 12)).toBe('+3 months');
    expect(formatPeriodChange(-1, 4)).toBe('-1 quarter');
    expect(formatPeriodChange(0, 52)).toBe('0 weeks');
  });
});
