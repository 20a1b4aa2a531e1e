import { advicePhrases } from './column-advice.ts';
import { sampleCorrelation } from 'simple-statistics';
import type { Model } from '../model/model.ts';
import { channelSpend } from '../sim/plan-spend.ts';
import type { FitMetrics, FitWarning } from './fit-result.ts';
import type { FittedSetting } from './fit-settings.ts';
import { HISTORY_FREQUENCIES } from './history-dates.ts';
import type { ColumnAdvice, HistoryTable } from './history-table.ts';
import { fitParameterLabel } from './fit-parameter-label.ts';

/** Below this many fitted rows per estimated quantity, the priors weigh about as much as the data. */
export const ROWS_PER_UNKNOWN = 10;
/** Channels whose spend series correlate above this move together too closely to be told apart. */
export const COLLINEAR_CORRELATION = 0.9;
/** A plan spending above this multiple of a channel's most in one history period is beyond what the history shows. */
export const BEYOND_HISTORY = 1.1;
/** A posterior sd above this share of the prior's means the history narrowed the setting little. */
export const WIDE_SHARE = 0.9;
/** A numeric driver correlating with the target above this is probably an outcome, not a driver. */
export const TARGET_LIKE_CORRELATION = 0.9;
/** A holdout error above this multiple of the training error (and above 2 %) suggests the fit does not carry over. */
export const HOLDOUT_RATIO = 2;

export interface WarningInputs {
  start: Model;
  history: HistoryTable;
  settings: readonly FittedSetting[];
  /** Model settings estimated: the settings fitted plus the market's size and growth (not the seasonal or driver terms). */
  unknowns: number;
  /** Rows of the first fit (before the holdout); the fitted model's refit uses every row. */
  fittedRows: number;
  /** Posterior sd of each setting on its normal scale (same order as settings). */
  settingSds: readonly number[];
  train: FitMetrics;
  holdout: FitMetrics | null;
  seasonalityEstimated: boolean;
  converged: boolean;
  /** Largest |posterior correlation| between a brand setting and growth, or null when none is fitted. */
  brandGrowthCorrelation: number | null;
  /** Who reads the warnings (column-advice.ts); the command by default. */
  advice?: ColumnAdvice;
  /** Set when no holdout was asked for and the history could not spare the usual one (`defaultHoldout`): the periods held out and the usual number. */
  shortenedHoldout?: { periods: number; usual: number };
}

/** The warnings of a fit (docs/calibration.md, "Warnings"), each a sentence a planner can act on. */
export function fitWarnings(inputs: WarningInputs): FitWarning[] {
  const { history, fittedRows, unknowns } = inputs;
  const warnings: FitWarning[] = [];
  const rows = history.dates.length;
  const perUnknown = rows / unknowns;
  if (perUnknown < ROWS_PER_UNKNOWN) {
    warnings.push({
      code: 'few-rows',
      message: `${rows} rows for ${unknowns} estimated settings (${perUnknown.toFixed(1)} each; about ${ROWS_PER_UNKNOWN} are needed for the data to outweigh the priors): read the intervals, not only the central values, or ${advicePhrases(inputs.advice).fixSettings}.`,
    });
  }
  const moving = history.channels.filter((channel) => spread(channel.spend) > 0);
  for (let a = 0; a < moving.length; a += 1) {
    for (let b = a + 1; b < moving.length; b += 1) {
      const correlation = sampleCorrelation(Array.from(moving[a].spend), Array.from(moving[b].spend));
      if (correlation > COLLINEAR_CORRELATION) {
        warnings.push({
          code: 'collinear',
          message: `${moving[a].name} and ${moving[b].name} spend together (correlation ${correlation.toFixed(2)}): the history cannot tell their effects apart, so their split rests on the priors.`,
        });
      }
    }
  }
  const planned = channelSpend(inputs.start);
  history.channels.forEach((channel, index) => {
    const most = Math.max(...channel.spend);
    const planMost = Math.max(...planned[index]);
    if (planMost > BEYOND_HISTORY * most) {
      const perMonth = history.periodsPerYear / 12;
      warnings.push({
        code: 'spend-beyond-history',
        message: `${channel.name}: the plan spends up to ${Math.round(planMost * perMonth).toLocaleString('en-US')} a month, above the most in the history (${Math.round(most * perMonth).toLocaleString('en-US')} a month); the response there is extrapolated.`,
      });
    }
  });
  const wide = inputs.settings.filter((setting, index) => inputs.settingSds[index] > WIDE_SHARE * setting.priorSd)
    .map((setting) => fitParameterLabel(inputs.start, setting.path).label);
  if (wide.length > 0) {
    const list = wide.length === 1 ? wide[0] : `${wide.slice(0, -1).join(', ')} and ${wide[wide.length - 1]}`;
    warnings.push({
      code: 'wide-interval',
      message: `The history narrows ${wide.length === 1 ? 'this setting' : `these ${wide.length} settings`} little (each interval is about as wide as its prior's), so ${wide.length === 1 ? 'its value and interval are' : 'their values and intervals are'} mostly the prior's, and only as right as the starting model's ${wide.length === 1 ? 'range' : 'ranges'}: ${list}. Spend that moves more teaches the fit most: a few weeks with a channel switched off or doubled, in different seasons.`,
    });
  }
  if (inputs.holdout !== null && inputs.holdout.mape > HOLDOUT_RATIO * inputs.train.mape && inputs.holdout.mape > 0.02) {
    warnings.push({
      code: 'holdout-error',
      message: `The error on the held-out periods (MAPE ${(100 * inputs.holdout.mape).toFixed(1)} %) is well above the training error (${(100 * inputs.train.mape).toFixed(1)} %): the model may not carry over to new periods.`,
    });
  }
  // A column that moves with revenue itself (orders, units sold) is an outcome, not a cause:
  // as a driver it explains revenue away from the channels.
  for (const driver of history.drivers) {
    if (driver.kind !== 'numeric' || spread(driver.values) === 0) continue;
    const correlation = sampleCorrelation(Array.from(driver.values), Array.from(history.target));
    if (Math.abs(correlation) > TARGET_LIKE_CORRELATION) {
      warnings.push({
        code: 'driver-like-target',
        message: `${driver.name} moves with ${history.targetName} (correlation ${correlation.toFixed(2)}): if it is an outcome of sales (orders, units) rather than something that drives them, ${advicePhrases(inputs.advice).leaveOut(driver.name)}, or it takes the credit from the channels.`,
      });
    }
  }
  // A text value first seen in the held-out rows: its effect is the prior's (0), so the forecast of those rows misses it.
  for (const driver of history.drivers) {
    if (driver.kind !== 'text') continue;
    const seen = new Set(driver.values.slice(0, fittedRows));
    const unseen = driver.levels.filter((level) => !seen.has(level));
    if (unseen.length > 0) {
      warnings.push({
        code: 'unseen-driver-value',
        message: `${driver.name}: ${unseen.map((level) => `"${level}"`).join(', ')} ${unseen.length === 1 ? 'appears' : 'appear'} only in the held-out periods, so the first fit could not learn ${unseen.length === 1 ? 'its' : 'their'} effect and its forecast there assumes none.`,
      });
    }
  }
  const years = history.dates.length / history.periodsPerYear;
  // Only where there is a brand to build: a history with upstream (brand) channels.
  if (years < 5 && history.channels.some((channel) => channel.side === 'upstream')) {
    const correlation = inputs.brandGrowthCorrelation === null ? '' : ` (posterior correlation with growth up to ${inputs.brandGrowthCorrelation.toFixed(2)})`;
    warnings.push({
      code: 'brand-long-run',
      message: `${years.toFixed(1)} years of history can pin down short-term effects (downstream curves, drivers, seasonality), but the brand's long-run effect only loosely: its half-life, demand lift and starting equity trade off against market growth${correlation}. Judge plans on the fitted model across its posterior (the robust optimiser's average outcome), not only at its central values.`,
    });
  }
  if (!inputs.seasonalityEstimated) {
    warnings.push({ code: 'no-seasonality', message: 'Seasonality is estimated only from at least two years of history; the starting model\'s seasonality is kept as it was.' });
  }
  if (inputs.shortenedHoldout !== undefined) {
    const { periods, usual } = inputs.shortenedHoldout;
    const frequency = HISTORY_FREQUENCIES[history.periodsPerYear];
    const kept = periods === 0 ? 'none could be held out, so the fit is checked only on the periods it was fitted to'
      : `only the last ${periods} could be held out, so the holdout error rests on few periods`;
    warnings.push({
      code: 'short-holdout',
      message: `${rows} ${frequency.period}s of history leave too few to hold out the usual ${usual} (at least ${frequency.minimumRows} must be left to fit): ${kept}. A longer history checks the fit better.`,
    });
  }
  if (!inputs.converged) {
    warnings.push({ code: 'not-converged', message: 'The search for the best fit stopped before it settled; the figures are close to, not at, the best fit.' });
  }
  return warnings;
}

function spread(values: Float64Array): number {
  let min = Infinity;
  let max = -Infinity;
  for (const value of values) {
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return max - min;
}
