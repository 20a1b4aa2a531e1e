import type { SensitivityResult } from '../engine/index.ts';
import { formatMoney, formatMoneyChange } from './format-numbers.ts';
import { printableText } from './printable.ts';
import { renderTextTable } from './text-table.ts';

// A setting's value in the units of its field, four significant digits: 24, 0.015, 60,000.
const settingValue = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 4 });

/**
 * A tornado as a terminal table: one row per uncertain field, largest swing first, with the
 * field's 10th and 90th percentile and NPV with carryover and NPV at each, and the swings.
 * Ends with "\n".
 */
export function formatSensitivityTable(modelName: string, result: SensitivityResult): string {
  const by = result.sortedBy === 'npv' ? 'NPV' : 'NPV with carryover';
  const rows: string[][] = [
    ['Setting', '10th', '90th', 'NPV+c at 10th', 'NPV+c at 90th', 'NPV+c swing', 'NPV swing'],
    ...result.rows.map((row) => [
      `${row.label} (${row.path})${row.limited ? ' *' : ''}`,
      settingValue.format(row.low),
      settingValue.format(row.high),
      formatMoneyChange(row.npvWithCarryover.low - result.central.npvWithCarryover),
      formatMoneyChange(row.npvWithCarryover.high - result.central.npvWithCarryover),
      formatMoney(row.npvWithCarryover.swing),
      formatMoney(row.npv.swing),
    ]),
  ];
  const lines = [
    `Sensitivity of ${printableText(modelName)}: each uncertain setting at its 10th and 90th percentile, the others at their medians.`,
    `Central NPV with carryover (NPV+c) ${formatMoney(result.central.npvWithCarryover)}, NPV ${formatMoney(result.central.npv)}. Sorted by ${by} swing; NPV+c columns are changes from central.`,
    '',
    renderTextTable(rows, ['left', 'right', 'right', 'right', 'right', 'right', 'right']),
  ];
  if (result.rows.some((row) => row.limited)) lines.push('', '* kept within the field it is bounded by (starting equity ≤ maximum equity, at its median)');
  if (result.rows.length === 0) lines.push('', 'The model has no uncertainty: add an "uncertainty" object (see README, "Uncertainty").');
  return `${lines.join('\n')}\n`;
}
