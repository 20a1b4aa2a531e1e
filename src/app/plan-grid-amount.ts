import { parseAmount } from './parse-amount.ts';

/**
 * A cell of the plan grid, typed or pasted from a spreadsheet: an amount of money as the app
 * reads every amount (`parseAmount`: "12,500", "12 500", "€2,000", "2.5k"), and not negative.
 * Returns the number, or the reason in words.
 * @example amountFromText('1,234.5') // 1234.5
 * @example amountFromText('-5') // 'cannot be negative'
 */
export function amountFromText(text: string): number | string {
  const parsed = parseAmount(text, 'money');
  if (!parsed.ok) return parsed.reason;
  return parsed.value < 0 ? 'cannot be negative' : parsed.value;
}
