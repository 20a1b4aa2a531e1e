import { driverBasisText, driverEffectShown } from '../engine/fit/driver-effect-shown.ts';
import { fitParameterLabel } from '../engine/fit/fit-parameter-label.ts';
import type { FitMetrics, FitParameter, FitResult } from '../engine/fit/fit-result.ts';
import type { PeriodsPerYear } from '../engine/model/model.ts';
import {
  countOf, formatPercent, formatPercentChange, formatRSquared, formatSettingValue, granularityName, periodName,
} from './format-numbers.ts';
import { printableText } from './printable.ts';
import { renderTextTable } from './text-table.ts';

/** What the text report is made from. */
export interface FitReport {
  result: FitResult;
  /** The starting model's name. */
  modelName: string;
  /** The history file as typed. */
  historyFile: string;
  /** Where the fitted model was written, or undefined when it was not. */
  out: string | undefined;
}

/**
 * A fit as text for reading: what was fitted to what, the fit figures on the training and the
 * held-out periods, each estimated setting (prior 90 % range, start, fitted value, 90 %
 * interval), each driver's effect, the warnings, the time, and where the fitted model went.
 * Ends with "\n".
 */
export function formatFitReport({ result, modelName, historyFile, out }: FitReport): string {
  const periodsPerYear = result.model.periodsPerYear;
  const lines = [
    `Fit of ${printableText(modelName)} to ${printableText(historyFile)}`,
    describePeriods(result, periodsPerYear),
    '',
    ...metricLines(result),
    '',
    ...parameterLines(result),
  ];
  if (result.drivers.length > 0) lines.push('', ...driverLines(result));
  if (result.warnings.length > 0) lines.push('', 'Warnings', ...result.warnings.map((warning) => `  - ${warning.message}`));
  lines.push('', `Fitted in ${Math.round(result.ms).toLocaleString('en-US')} ms.`);
  lines.push(out === undefined
    ? 'The fitted model was not written: add --out FITTED.json to save it (--format json prints it).'
    : `Fitted model written to ${printableText(out)}.`);
  return `${lines.join('\n')}\n`;
}

function describePeriods(result: FitResult, periodsPerYear: PeriodsPerYear): string {
  const { periods } = result;
  const count = periods.length;
  const span = count === 0 ? '' : `, ${periods[0].date} to ${periods[count - 1].date}`;
  const held = periods.filter((period) => period.holdout);
  const whole = `${count} ${granularityName(periodsPerYear)} ${count === 1 ? 'period' : 'periods'}${span}`;
  if (held.length === 0) return `${whole}; none held out, so the fit is checked only on the ${periodName(periodsPerYear)}s it was fitted to.`;
  const last = held.length === 1 ? `the last ${periodName(periodsPerYear)}` : `the last ${countOf(held.length, periodName(periodsPerYear))}`;
  return `${whole}; ${last} (from ${held[0].date}) held out to check the fit, then refitted on all ${count}.`;
}

function metricLines(result: FitResult): string[] {
  const row = (label: string, metrics: FitMetrics) => [label, formatRSquared(metrics.r2), formatPercent(metrics.nrmse), formatPercent(metrics.mape)];
  const { holdout } = result.fit;
  const rows = [['Fit', 'R²', 'NRMSE', 'MAPE'], row('Training', result.fit.train)];
  if (holdout !== null) rows.push(row(`Holdout (${holdout.periods})`, holdout));
  return [
    renderTextTable(rows, ['left', 'right', 'right', 'right']),
    'NRMSE: root mean square error over the range of the actuals; MAPE: mean absolute percentage error.',
  ];
}

function parameterLines(result: FitResult): string[] {
  const range = (lower: number, upper: number) => `${formatSettingValue(lower)} to ${formatSettingValue(upper)}`;
  const rows = [
    ['Setting', 'Prior 90%', 'Start', 'Fitted', '90% interval'],
    ...result.parameters.map((parameter) => [
      // In words, as the tornado names it, and by the path that --free and --fixed take.
      `${fitParameterLabel(result.model, parameter.path).label} (${parameter.path})`,
      priorRange(parameter.prior),
      formatSettingValue(parameter.start),
      formatSettingValue(parameter.value),
      range(parameter.lower, parameter.upper),
    ]),
  ];
  const lines = ['Estimated settings', renderTextTable(rows, ['left', 'right', 'right', 'right', 'right'], '  ')];
  if (result.parameters.some((parameter) => parameter.prior?.source === 'default')) {
    lines.push('  * no range in the starting model\'s "uncertainty": a wide default prior');
  }
  return lines;
}

/** A prior's 90 % range, "*" marking a default prior; "flat" where there is none (the noise). */
function priorRange(prior: FitParameter['prior']): string {
  if (prior === null) return 'flat';
  return `${formatSettingValue(prior.lower)} to ${formatSettingValue(prior.upper)}${prior.source === 'default' ? ' *' : ''}`;
}

function driverLines(result: FitResult): string[] {
  const rows = [
    ['Driver', 'Effect', 'of', '90% interval'],
    ...result.drivers.map((driver) => {
      const shown = driverEffectShown(driver);
      return [
        driver.form === 'log' ? `${driver.name} (log)` : driver.name, formatPercentChange(shown.effect), driverBasisText(shown, formatSettingValue),
        `${formatPercentChange(shown.lower)} to ${formatPercentChange(shown.upper)}`,
      ];
    }),
  ];
  return [
    'Drivers: effect on revenue (a number per standard deviation of the driver, or per doubling for one marked (log); a text value against the most common one)',
    renderTextTable(rows, ['left', 'right', 'left', 'right'], '  '),
  ];
}
