import { KEY_FIGURES, type KeyFigure } from '../engine/key-figures.ts';
import type { NumberFormats } from '../engine/io/number-formats.ts';
import { MARGINAL_ROI_FIGURES } from '../engine/marginal-roi-figure.ts';
import { PHASING_WORDS } from '../engine/plan-outline.ts';
import type { ComparedScenario, Comparison } from './comparison.ts';
import {
  MISSING, countOf, formatFigure, formatFigureChange, formatMarginalRoi, formatsFor, granularityName,
} from './format-numbers.ts';
import { renderTextTable } from './text-table.ts';

/** One row of the comparison: how to show a scenario's value and its difference from the baseline. */
interface ComparisonRow {
  label: string;
  value: (scenario: ComparedScenario) => string;
  change: (scenario: ComparedScenario, baseline: ComparedScenario) => string;
}

const formatsOf = (scenario: ComparedScenario): NumberFormats => formatsFor(scenario);

/** A row that says what the scenario is; it has no difference column. */
const describingRow = (label: string, value: (scenario: ComparedScenario) => string): ComparisonRow => ({ label, value, change: () => '' });

const figureRow = (figure: KeyFigure): ComparisonRow => ({
  label: figure.label,
  value: (scenario) => formatFigure(figure, scenario.summary[figure.field], formatsOf(scenario), scenario.periodsPerYear),
  change: (scenario, baseline) => formatFigureChange(
    figure, scenario.difference[figure.field], baseline.summary[figure.field], formatsOf(scenario), scenario.periodsPerYear,
  ),
});

/**
 * One value for every year when they are all the same ("€1,200,000"), else each year's, short
 * ("€1.2M / €1.5M / €2M").
 */
function byYear(values: readonly (number | null)[], one: (value: number | null) => string, short: (value: number | null) => string): string {
  if (values.length === 0) return MISSING;
  return values.every((value) => value === values[0]) ? one(values[0]) : values.map(short).join(' / ');
}

/**
 * A comparison as a terminal table. First the rows that say what each scenario is (horizon,
 * phasing, budget per year and upstream share by year), then one row per key figure in
 * `KEY_FIGURES` order (the marketing's own value first), ROI by year after ROI and each side's
 * marginal ROI after IRR; one column per
 * scenario, and after each scenario but the first a "vs <first>" column with the difference:
 * money as an amount and a percentage of the baseline, ROI and IRR in percentage points, payback
 * in periods, equity on its scale. Money carries each model's currency symbol. Ends with "\n".
 */
export function formatComparisonTable(comparison: Comparison): string {
  const [baseline] = comparison.scenarios;
  const years = Math.max(...comparison.scenarios.map((scenario) => scenario.summary.roiByYear.length));
  const roiByYearRows = Array.from({ length: years }, (_, index): ComparisonRow => ({
    label: `ROI year ${index + 1}`,
    value: (scenario) => formatsOf(scenario).percent(scenario.summary.roiByYear[index] ?? null),
    change: (scenario) => formatsOf(scenario).pointsChange(scenario.difference.roiByYear?.[index] ?? null),
  }));
  const marginalRows = MARGINAL_ROI_FIGURES.map((side): ComparisonRow => ({
    label: side.label,
    value: (scenario) => formatMarginalRoi(scenario.marginalRoi[side.side], formatsOf(scenario)),
    change: (scenario, baseline) => formatsOf(scenario).pointsChange(scenario.marginalRoi[side.side] - baseline.marginalRoi[side.side]),
  }));
  const rows: ComparisonRow[] = [
    describingRow('Horizon', (scenario) => `${countOf(scenario.horizonYears, 'year')}, ${granularityName(scenario.periodsPerYear)}`),
    describingRow('Phasing', (scenario) => PHASING_WORDS[scenario.phasing]),
    describingRow('Budget per year', (scenario) => byYear(scenario.budgetByYear, formatsOf(scenario).money, formatsOf(scenario).moneyShort)),
    describingRow('Upstream share', (scenario) => byYear(scenario.upstreamShareByYear, formatsOf(scenario).percentWhole, formatsOf(scenario).percentWhole)),
    ...KEY_FIGURES.flatMap((figure) => {
      if (figure.field === 'roi') return [figureRow(figure), ...roiByYearRows];
      if (figure.field === 'irr') return [figureRow(figure), ...marginalRows];
      return [figureRow(figure)];
    }),
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
