import type { Plan } from './model.ts';
import { MIN_POSITIVE_SPEND } from './model-fields.ts';

/** Sums rounded from spends that add up to a cent (0.01 / 52 fifty-two times) still count. */
const ROUNDING = 1e-9;

/**
 * Problems with an explicit plan's spend per year: each year's total (both sides) must be 0 or
 * at least a cent (`MIN_POSITIVE_SPEND`), as a budget per year must. ROI is per unit spent in
 * the year, so a year that spends 1e-300 in all divides by it and overflows; single periods may
 * spend less than a cent (a yearly cent spread over 52 weeks does), only the year's total counts.
 * Checked only when every entry is a number and the lists have one per period.
 *
 * @returns one problem per year, path `plan`
 * @example tinyYearSpendProblems({ upstream: [1e-300, 0, 0, 0], downstream: [0, 0, 0, 0] }, 4) // ['plan: year 1 ...']
 */
export function tinyYearSpendProblems(plan: Plan, periodsPerYear: number, periods: number): { path: string; message: string }[] {
  const { upstream, downstream } = plan;
  if (upstream.length !== periods || downstream.length !== periods) return [];
  if (![...upstream, ...downstream].every(Number.isFinite)) return [];
  const problems: { path: string; message: string }[] = [];
  for (let start = 0; start < periods; start += periodsPerYear) {
    let total = 0;
    for (let index = start; index < start + periodsPerYear; index += 1) total += upstream[index] + downstream[index];
    if (total > 0 && total < MIN_POSITIVE_SPEND * (1 - ROUNDING)) {
      problems.push({
        path: 'plan',
        message: `plan: year ${start / periodsPerYear + 1} spends ${total} in all; a year's spend must be 0 or at least ${MIN_POSITIVE_SPEND}`,
      });
    }
  }
  return problems;
}
