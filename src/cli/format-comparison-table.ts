import { CHANNEL_FIGURES, type ChannelFigure } from '../engine/channel-figures.ts';
import { KEY_FIGURES, type KeyFigure } from '../engine/key-figures.ts';
import type { NumberFormats } from '../engine/io/number-formats.ts';
import { MARGINAL_ROI_FIGURES } from '../engine/marginal-roi-figure.ts';
import { PHASING_WORDS } from '../engine/plan-outline.ts';
import type { ComparedScenario, Comparison } from './comparison.ts';
import { formatChannelFigure } from './format-channel-table.ts';
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

/** One channel's figure in a scenario: a field of its summary entry, or its marginal ROI; undefined when the scenario has no such channel. */
function channelValue(scenario: ComparedScenario, name: string, figure: ChannelFigure): number | null | undefined {
  if (figure.field === 'marginalRoi') {
    return scenario.marginalRoi.channels.find((channel) => channel.name === name)?.marginalRoi;
  }
  const channel = scenario.summary.channels.find((candidate) => candidate.name === name);
  return channel === undefined ? undefined : channel[figure.field];
}

/**
 * The rows by channel: for each channel that any scenario has (in the order they first appear,
 * each scenario's upstream channels first), a blank row and a heading row with its side, then
 * one row per `CHANNEL_FIGURES` column. Channels are matched by name (unique within a model). A scenario without the channel shows "—"; differences are money as
 * an amount and a percentage of the baseline's, ROI and marginal ROI in percentage points.
 */
function channelRows(scenarios: readonly ComparedScenario[]): ComparisonRow[] {
  const channels = new Map<string, string>();
  for (const scenario of scenarios) {
    for (const channel of scenario.summary.channels) if (!channels.has(channel.name)) channels.set(channel.name, channel.side);
  }
  return [...channels].flatMap(([name, side]) => [
    describingRow('', () => ''),
    describingRow(`Channel ${name} (${side})`, () => ''),
    ...CHANNEL_FIGURES.map((figure): ComparisonRow => ({
      label: `  ${figure.label}`,
      value: (scenario) => formatChannelFigure(figure, channelValue(scenario, name, figure), formatsOf(scenario)),
      change: (scenario, baseline) => {
        const value = channelValue(scenario, name, figure);
        const base = channelValue(baseline, name, figure);
        if (value === null || value === undefined || base === null || base === undefined) return MISSING;
        const formats = formatsOf(scenario);
        if (figure.unit !== 'money') return formats.pointsChange(value - base);
        const amount = formats.moneyChange(value - base);
        return base === 0 ? amount : `${amount} (${formats.percentChange((value - base) / Math.abs(base))})`;
      },
    })),
  ]);
}

/**
 * A comparison as a terminal table. First the rows that say what each scenario is (horizon,
 * phasing, budget per year and upstream share by year), then one row per key figure in
 * `KEY_FIGURES` order (the marketing's own value first), ROI by year after ROI and each side's
 * marginal ROI after IRR; one column per
 * scenario, and after each scenario but the first a "vs <first>" column with the difference:
 * money as an amount and a percentage of the baseline, ROI and IRR in percentage points, payback
 * in periods, equity on its scale. Money carries each model's currency symbol. With `byChannel`
 * (when any of the models is in the channel form, spec §9.1), rows by channel follow (see
 * `channelRows`). Ends with "\n".
 */
export function formatComparisonTable(comparison: Comparison, byChannel = false): string {
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
    ...(byChannel ? channelRows(comparison.scenarios) : []),
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
