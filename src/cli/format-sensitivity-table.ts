import type { SensitivityFigure, SensitivityResult } from '../engine/index.ts';
import { keyFigure } from '../engine/key-figures.ts';
import { formatMoney, formatMoneyChange } from './format-numbers.ts';
import { printableText } from './printable.ts';
import { renderTextTable } from './text-table.ts';

// A setting's value in the units of its field, four significant digits: 24, 0.015, 60,000.
const settingValue = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 4 });

/** The counterpart shown beside the sorted figure: the business's total for the marketing's value, and back. */
const COUNTERPART: Record<SensitivityFigure, SensitivityFigure> = {
  incrementalNpvWithCarryover: 'npvWithCarryover', incrementalNpv: 'npv', npvWithCarryover: 'incrementalNpvWithCarryover', npv: 'incrementalNpv',
};

/**
 * A tornado as a terminal table: one row per uncertain field, largest swing first, with the
 * field's 10th and 90th percentile, the sorted figure (by default the marketing's NPV with
 * carryover) at each as a change from central and its swing, and the swing of its counterpart
 * (the total NPV with carryover). Ends with "\n".
 */
export function formatSensitivityTable(modelName: string, result: SensitivityResult): string {
  const figure = result.sortedBy;
  const other = COUNTERPART[figure];
  const short = (field: SensitivityFigure) => keyFigure(field).shortLabel;
  const rows: string[][] = [
    ['Setting', '10th', '90th', `${short(figure)} at 10th`, 'at 90th', `${short(figure)} swing`, `${short(other)} swing`],
    ...result.rows.map((row) => [
      `${row.label} (${row.path})${row.limited ? ' *' : ''}`,
      settingValue.format(row.low),
      settingValue.format(row.high),
      formatMoneyChange(row[figure].low - result.central[figure]),
      formatMoneyChange(row[figure].high - result.central[figure]),
      formatMoney(row[figure].swing),
      formatMoney(row[other].swing),
    ]),
  ];
  const lines = [
    `Sensitivity of ${printableText(modelName)}: each uncertain setting at its 10th and 90th percentile, the others at their medians.`,
    `Central ${keyFigure(figure).label} ${formatMoney(result.central[figure])}, ${keyFigure(other).label} ${formatMoney(result.central[other])}. Sorted by ${keyFigure(figure).label} swing; the "at" columns are changes from central.`,
    '',
    renderTextTable(rows, ['left', 'right', 'right', 'right', 'right', 'right', 'right']),
  ];
  if (result.rows.some((row) => row.limited)) lines.push('', '* kept within the field it is bounded by (starting equity ≤ maximum equity, at its median)');
  if (result.rows.length === 0) lines.push('', 'The model has no uncertainty: add an "uncertainty" object (see docs/uncertainty.md).');
  return `${lines.join('\n')}\n`;
}
