import { isChannelModel, type Model, type SummaryFigures } from '../engine/index.ts';
import {
  PHASINGS, describePlanNote, planChannels, type NoteFormats, type ObjectiveName, type OptimizeResult, type OptimizeSettings, type RobustOutcome, type TargetRoiResult,
} from '../engine/optimize/index.ts';
import { KEY_FIGURES, keyFigure } from '../engine/key-figures.ts';
import {
  countOf, formatFigure, formatFigureChange, formatsFor, formatMoney, formatMoneyChange, formatMultiple, formatPercent, formatPercentChange,
  formatPeriod, granularityName, periodName,
} from './format-numbers.ts';
import { renderTextTable } from './text-table.ts';

/** Each objective as the key-figure tables name it. */
/** Each objective's name, from the key figures table (the app's optimiser panel shows the same). */
export const OBJECTIVE_LABELS: Readonly<Record<ObjectiveName, string>> = {
  npv: keyFigure('npv').label,
  npvWithCarryover: keyFigure('npvWithCarryover').label,
  totalRevenue: keyFigure('totalRevenue').label,
};

/** What the optimize table shows besides the result: the settings used and the time taken. */
export interface OptimizeReport {
  model: Model;
  result: OptimizeResult;
  settings: OptimizeSettings;
  ms: number;
  /** Present when the budget was searched for (--target-roi). */
  target?: TargetRoiResult;
}

/**
 * An optimisation as a terminal report: what was maximised and how, the best value against the
 * model's own plan, key figures side by side, the plan by year, and (for the `period` and
 * `flighting` phasings, where periods differ) the plan period by period. Ends with "\n".
 */
export function formatOptimizeTable({ model, result, settings, ms, target }: OptimizeReport): string {
  const unit = periodName(model.periodsPerYear);
  const label = OBJECTIVE_LABELS[result.objective];
  const inSentence = label.replace(/^Total /, 'total ');
  const lines: string[] = [
    model.name,
    `Horizon: ${countOf(model.horizonYears, 'year')}, ${result.sides.upstream.length} ${granularityName(model.periodsPerYear)} periods`,
    `Maximising: ${inSentence}, ${result.phasing} phasing (${PHASINGS[result.phasing].description})`,
    `Bounds: upstream share ${formatPercent(settings.minShare)} to ${formatPercent(settings.maxShare)}${result.phasing === 'flighting' ? `; spend per ${unit} ${formatMultiple(settings.minPeriodMultiple)} to ${Number.isFinite(settings.maxPeriodMultiple) ? formatMultiple(settings.maxPeriodMultiple) : 'any multiple of'} the year's average` : ''}`,
  ];
  const channelBounds = boundLines(model, settings);
  if (channelBounds !== '') lines.push(`Channel bounds per year: ${channelBounds}`);
  const limits = practicalLimits(settings, unit, isChannelModel(model) ? 'channel' : 'side');
  if (limits !== '') lines.push(`Practical limits: ${limits}`);
  if (target !== undefined) lines.push('', ...targetLines(target));

  const change = result.value - result.current.value;
  const relative = result.current.value === 0 ? null : change / Math.abs(result.current.value);
  const against = `${formatMoneyChange(change)}${relative === null ? '' : `, ${formatPercentChange(relative)}`} on the model's own plan`;
  if (result.robust === undefined) {
    lines.push('', result.smoothing === undefined
      ? `Best ${inSentence}: ${formatMoney(result.value)} (${against})`
      : `${label} of the plan chosen: ${formatMoney(result.value)} (${against}); the best found: ${formatMoney(result.smoothing.bestValue)} (see Notes)`);
  } else {
    lines.push('', ...robustLines(result.robust, inSentence), `At the settings themselves: ${inSentence} ${formatMoney(result.value)} (${against}; the plan best there: ${formatMoney(result.robust.centralOptimum.centralValue)})`);
  }
  if (result.objective !== 'totalRevenue') {
    // The objective is the whole business's NPV; most of it comes with no marketing at all and is
    // the same for every plan, so say what the marketing itself is worth (docs/figures.md).
    const own = result.objective === 'npv' ? result.summary.incrementalNpv : result.summary.incrementalNpvWithCarryover;
    const ownLabel = keyFigure(result.objective === 'npv' ? 'incrementalNpv' : 'incrementalNpvWithCarryover').label;
    lines.push(`Of that, the marketing's own value (${ownLabel}): ${formatMoney(own)}; the other ${formatMoney(result.value - own)} the business earns with no marketing, whatever the plan.`);
  }
  if (result.phasing === 'constant') {
    lines.push(`Best upstream share: ${formatPercent(result.upstreamShareByYear.find((share) => share !== null) ?? null)} every year`);
  }

  lines.push('', 'Key figures');
  lines.push(renderTextTable([['', 'Best plan', 'Own plan', 'Change'], ...keyFigureRows(result.summary, result.current.summary, model)], ['left', 'right', 'right', 'right'], '  '));

  lines.push('', 'By year');
  const header = ['Year', 'Budget', 'Upstream', 'Downstream', 'Upstream share', 'ROI'];
  const years = result.budgetPerYear.map((budget, year) => {
    const range = yearRange(year, model.periodsPerYear);
    return [
      String(year + 1),
      formatMoney(budget),
      formatMoney(sum(result.sides.upstream, range)),
      formatMoney(sum(result.sides.downstream, range)),
      formatPercent(result.upstreamShareByYear[year]),
      formatPercent(result.summary.roiByYear[year] ?? null),
    ];
  });
  lines.push(renderTextTable([header, ...years], header.map(() => 'right'), '  '));

  const channelNames = isChannelModel(model) ? Object.keys(result.plan) : [];
  const rows = result.plan as Readonly<Record<string, number[]>>;
  if (channelNames.length > 0) {
    // Spend of each channel by year, and its share of its side (the split the optimiser chose).
    lines.push('', 'By channel and year (spend; share of its side)');
    const channelHeader = ['Channel', 'Side', ...result.budgetPerYear.map((_, year) => `Year ${year + 1}`), 'Total'];
    const channelRows = channelNames.map((name) => {
      const row = rows[name];
      const side = Object.keys(modelSideChannels(model, 'upstream')).includes(name) ? 'upstream' : 'downstream';
      return [
        name,
        side,
        ...result.budgetPerYear.map((_, year) => `${formatMoney(sum(row, yearRange(year, model.periodsPerYear)))} (${formatPercent(result.channelShareByYear[name][year])})`),
        formatMoney(sum(row, [0, row.length])),
      ];
    });
    lines.push(renderTextTable([channelHeader, ...channelRows], channelHeader.map((_, index) => (index < 2 ? 'left' : 'right')), '  '));
  }

  if (result.phasing === 'period' || result.phasing === 'flighting') {
    const title = unit[0].toUpperCase() + unit.slice(1);
    lines.push('', `By ${unit}`);
    const periodHeader = [title, 'Upstream', 'Downstream', 'Upstream share', 'Spend vs average', ...channelNames];
    const periodRows = result.sides.upstream.map((upstream, index) => {
      const downstream = result.sides.downstream[index];
      const spend = upstream + downstream;
      const average = result.budgetPerYear[Math.floor(index / model.periodsPerYear)] / model.periodsPerYear;
      return [
        String(index + 1),
        formatMoney(upstream),
        formatMoney(downstream),
        formatPercent(spend > 0 ? upstream / spend : null),
        formatMultiple(average > 0 ? spend / average : null),
        ...channelNames.map((name) => formatMoney(rows[name][index])),
      ];
    });
    lines.push(renderTextTable([periodHeader, ...periodRows], periodHeader.map(() => 'right'), '  '));
  }

  if (result.notes.length > 0) {
    lines.push('', 'Notes');
    for (const note of result.notes) lines.push(`- ${describePlanNote(note, noteFormats(model))}`);
  }

  const runs = new Intl.NumberFormat('en-US').format(target?.evaluations ?? result.evaluations);
  const limit = result.converged ? '' : '; stopped at its iteration limit while still improving slowly';
  lines.push('', `Search: ${runs} runs of the model in ${Math.round(ms)} ms${limit}`);
  return `${lines.join('\n')}\n`;
}

/** How the notes' numbers read in the terminal. */
export function noteFormats(model: Model): NoteFormats {
  const unit = periodName(model.periodsPerYear);
  return {
    money: formatMoney,
    percent: formatPercent,
    period: (period) => formatPeriod(period, model.periodsPerYear),
    periods: (count) => countOf(count, unit),
    objective: (name) => OBJECTIVE_LABELS[name],
  };
}

/** The channel bounds given on the command line (`--bound`), in words; empty without any. */
/** The bounds the search kept: the model file's, replaced field by field by `--bound`. */
function boundLines(model: Model, settings: OptimizeSettings): string {
  return planChannels(model, settings.bounds).flatMap(({ name, minPerYear, maxPerYear }) => {
    const parts = [minPerYear > 0 ? `at least ${formatMoney(minPerYear)}` : '', Number.isFinite(maxPerYear) ? `at most ${formatMoney(maxPerYear)}` : ''].filter((part) => part !== '');
    return parts.length === 0 ? [] : [`${name} ${parts.join(' and ')}`];
  }).join('; ');
}

/** The channel names of one side of a channel model, in file order. */
function modelSideChannels(model: Model, side: 'upstream' | 'downstream'): Record<string, unknown> {
  return isChannelModel(model) ? model[side].channels : {};
}

/** `--max-step` and `--min-flight` in words; empty when neither is set. */
function practicalLimits(settings: OptimizeSettings, unit: string, lever: 'channel' | 'side'): string {
  const parts: string[] = [];
  if (Number.isFinite(settings.maxStep)) parts.push(`each ${lever}'s spend changes by at most ${formatPercent(settings.maxStep)} of the average ${unit} from one ${unit} to the next`);
  if (settings.minFlight > 1) parts.push(`bought in flights of ${countOf(settings.minFlight, unit)}`);
  return parts.join('; ');
}

/** Risk-averse plans: the statistic maximised, for this plan, the central optimum and the own plan. */
function robustLines(robust: RobustOutcome, inSentence: string): string[] {
  const name = robust.statistic === 'mean' ? 'Mean' : '10th percentile';
  const draws = new Intl.NumberFormat('en-US').format(robust.draws);
  const gain = (other: number) => formatMoneyChange(robust.value - other);
  return [
    `Risk-averse: maximising the ${robust.statistic === 'mean' ? 'mean' : '10th percentile'} of ${inSentence} over ${draws} draws (seed ${robust.seed}) of the model's uncertainty`,
    renderTextTable([
      ['', `${name} over draws`, 'This plan gains'],
      ['This plan', formatMoney(robust.value), ''],
      ['Plan best at the settings themselves', formatMoney(robust.centralOptimum.value), gain(robust.centralOptimum.value)],
      ["Model's own plan", formatMoney(robust.current), gain(robust.current)],
    ], ['left', 'right', 'right'], '  '),
  ];
}

function targetLines(target: TargetRoiResult): string[] {
  const roi = formatPercent(target.targetRoi);
  const best = `The best ROI reachable is ${formatPercent(target.bestRoi)}, with ${formatMoney(target.bestRoiBudgetPerYear)} a year.`;
  if (target.capReached) {
    return [
      `Budget for an ROI of at least ${roi}: ${formatMoney(target.budgetPerYear)} a year, the cap (--budget-cap).`,
      'ROI is still above the target there; a higher cap would allow more spend.',
      best,
    ];
  }
  return [
    `Budget for an ROI of at least ${roi}: ${formatMoney(target.budgetPerYear)} a year (cap ${formatMoney(target.budgetCap)}).`,
    'The largest budget whose best plan keeps the target; more would add revenue at a lower ROI.',
    best,
  ];
}

/**
 * The key figures of the best plan and the own plan, in `KEY_FIGURES` order (the marketing's own
 * value first), each with its change, as `simulate` and `compare` show them.
 */
function keyFigureRows(best: SummaryFigures, own: SummaryFigures, model: Model): string[][] {
  const formats = formatsFor(model);
  return KEY_FIGURES.map((figure) => {
    const bestValue = best[figure.field];
    const ownValue = own[figure.field];
    const change = bestValue === null || ownValue === null ? null : bestValue - ownValue;
    return [
      figure.label,
      formatFigure(figure, bestValue, formats, model.periodsPerYear),
      formatFigure(figure, ownValue, formats, model.periodsPerYear),
      formatFigureChange(figure, change, ownValue, formats, model.periodsPerYear),
    ];
  });
}

function yearRange(year: number, periodsPerYear: number): [number, number] {
  return [year * periodsPerYear, (year + 1) * periodsPerYear];
}

function sum(values: readonly number[], [start, end]: [number, number]): number {
  let total = 0;
  for (let index = start; index < end; index += 1) total += values[index];
  return total;
}
