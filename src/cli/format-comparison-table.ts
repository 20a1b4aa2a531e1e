import type { ComparedScenario, Comparison } from './comparison.ts';
import {
  MISSING, countOf, formatEquity, formatEquityChange, formatMoney, formatMoneyChange, formatPercent,
  formatPercentChange, formatPeriod, formatPeriodChange, formatPointsChange, granularityName,
} from './format-numbers.ts';
import { renderTextTable } from './text-table.ts';

/** One row of the comparison: how to show a scenario's value and its difference from the baseline. */
interface ComparisonRow {
  label: string;
  value: (scenario: ComparedScenario) => string;
  change: (scenario: ComparedScenario, baseline: ComparedScenario) => string;
}

const moneyRow = (label: string, field: 'totalSpend' | 'totalRevenue' | 'npv' | 'carryoverValue' | 'npvWithCarryover'): ComparisonRow => ({
  label,
  value: (scenario) => formatMoney(scenario.summary[field]),
  change: (scenario, baseline) => moneyChange(scenario.difference[field], baseline.summary[field]),
});

/**
 * A comparison as a terminal table: one row per key figure, one column per scenario, and after
 * each scenario but the first a "vs <first>" column with the difference: money as an amount and
 * a percentage of the baseline, ROI in percentage points, payback in periods, equity on its scale.
 * Ends with "\n".
 */
export function formatComparisonTable(comparison: Comparison): string {
  const [baseline] = comparison.scenarios;
  const years = Math.max(...comparison.scenarios.map((scenario) => scenario.summary.roiByYear.length));
  const rows: ComparisonRow[] = [
    {
      label: 'Horizon',
      value: (scenario) => `${countOf(scenario.horizonYears, 'year')}, ${granularityName(scenario.periodsPerYear)}`,
      change: () => '',
    },
    moneyRow('Total spend', 'totalSpend'),
    moneyRow('Total revenue', 'totalRevenue'),
    moneyRow('NPV of profit', 'npv'),
    moneyRow('Carryover value', 'carryoverValue'),
    moneyRow('NPV with carryover', 'npvWithCarryover'),
    {
      label: 'ROI',
      value: (scenario) => formatPercent(scenario.summary.roi),
      change: (scenario) => formatPointsChange(scenario.difference.roi),
    },
    ...Array.from({ length: years }, (_, index): ComparisonRow => ({
      label: `ROI year ${index + 1}`,
      value: (scenario) => formatPercent(scenario.summary.roiByYear[index] ?? null),
      change: (scenario) => formatPointsChange(scenario.difference.roiByYear?.[index] ?? null),
    })),
    {
      label: 'Payback',
      value: (scenario) => formatPeriod(scenario.summary.paybackPeriod, scenario.periodsPerYear),
      change: (scenario) => formatPeriodChange(scenario.difference.paybackPeriod, scenario.periodsPerYear),
    },
    {
      label: 'Final brand equity',
      value: (scenario) => formatEquity(scenario.summary.finalEquity),
      change: (scenario) => formatEquityChange(scenario.difference.finalEquity),
    },
  ];

  const others = comparison.scenarios.slice(1);
  const names = [baseline.model, ...others.flatMap((scenario) => [scenario.model, `vs ${baseline.model}`])];
  const files = [baseline.file, ...others.flatMap((scenario) => [scenario.file, ''])];
  const body = rows.map((row) => [
    row.label,
    row.value(baseline),
    ...others.flatMap((scenario) => [row.value(scenario), row.change(scenario, baseline)]),
  ]);
  const table = [['', ...names], ['', ...files], ...body];
  return `${renderTextTable(table, ['left', ...names.map(() => 'right' as const)])}\n`;
}

function moneyChange(difference: number | null, baselineValue: number): string {
  if (difference === null) return MISSING;
  const amount = formatMoneyChange(difference);
  // A percentage of nothing has no meaning; show the amount alone.
  return baselineValue === 0 ? amount : `${amount} (${formatPercentChange(difference / Math.abs(baselineValue))})`;
}
