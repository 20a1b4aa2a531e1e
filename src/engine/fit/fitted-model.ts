import type { Model, Posterior, UncertainValue } from '../model/model.ts';
import { isChannelModel } from '../model/model.ts';
import { setSetting } from '../model/model-fields.ts';
import type { ValueRange } from '../model/distributions/index.ts';
import { fromNormalScale, normalScaleOf } from '../model/normal-scale.ts';
import { parseModel } from '../model/parse-model.ts';
import { bilinear, cholesky } from './dense-matrix.ts';
import { FitError } from './fit-error.ts';
import { type FittedSetting, settingScaleRange, settingValue } from './fit-settings.ts';
import type { HistoryTable } from './history-table.ts';
import { type LinearTerm, seasonalLog } from './linear-terms.ts';

/** What the forward model is built from: the refit on every row and the run at its mode. */
export interface ForwardInputs {
  start: Model;
  history: HistoryTable;
  settings: readonly FittedSetting[];
  terms: readonly LinearTerm[];
  /** The posterior mode and covariance on the normal scale (settings, then terms). */
  y: Float64Array;
  covariance: number[][];
  /** Brand equity at the last row, at the mode, and its ∂/∂y (one per setting; 0 for terms). */
  finalEquity: number;
  finalEquityGradient: Float64Array;
  seasonalityEstimated: boolean;
  /** The history's file name, for the fitted model's name. */
  source: string;
}

/**
 * The fitted model, planning forward from the end of the history (docs/calibration.md, "The
 * fitted model"): the settings at the posterior mode; brand equity starting where the history
 * left it; the market at the size reached by the last row, growing at the fitted rate; the
 * seasonality continuing from the period after the last row; each channel's spend before the
 * horizon its average over the history's last two months; budget, horizon, plan and economics
 * as in the starting model. It carries the posterior of the settings, the market's size and
 * growth, and the starting equity (`posterior`), with each one's marginal in `uncertainty`.
 * @throws {FitError} if the result is not a valid model (a bug: every value is inside its range)
 */
export function fittedModel(inputs: ForwardInputs): Model {
  const { start, history, settings, terms, y, covariance } = inputs;
  const model = structuredClone(start);
  const periods = history.dates.length;
  const P = history.periodsPerYear;
  const termIndex = (name: string) => settings.length + terms.findIndex((term) => term.name === name);
  const scale = termIndex('market.inMarketPerMonth');
  const growth = termIndex('market.growthPerYear');

  settings.forEach((setting, index) => setSetting(model, setting.path, settingValue(setting, y[index])));
  // Market size at the start of the history × growth over its T periods: the level of period T + 1.
  const logMarket = Math.log(start.market.inMarketPerMonth) + y[scale] + (periods / P) * y[growth];
  model.market.inMarketPerMonth = Math.exp(logMarket);
  model.market.growthPerYear = Math.expm1(y[growth]);
  if (inputs.seasonalityEstimated) {
    const coefficients = terms.map((term, index) => (term.kind === 'seasonality' ? y[settings.length + index] : Number.NaN)).filter((value) => !Number.isNaN(value));
    // Period t of the new model is row T + t of the history, whose phase is (T + t − 1) / P.
    model.market.seasonality = Array.from({ length: P }, (_, index) => Math.exp(seasonalLog(coefficients, (periods + index) / P)));
  }
  model.brand.initialEquity = inputs.finalEquity;
  // The plan's calendar starts with the period after the last row, so that its labels are that period's.
  const next = nextPeriodStart(history.dates[periods - 1], P);
  model.startYear = next.year;
  model.fiscalYearStartMonth = next.month;
  setRecentSpend(model, history);

  // The posterior: every fitted setting but the history's starting equity (the model's starting
  // equity is the equity at the end), then the market's size and growth, then the starting equity.
  // Nor a channel's spend before the history: the model's is the last two months' average, a fact.
  const describesPast = (path: string) => path === 'brand.initialEquity' || path.endsWith('.historyPerMonth') || path.startsWith('history.');
  const kept = settings.map((setting, index) => ({ setting, index })).filter(({ setting }) => !describesPast(setting.path));
  const unknowns = y.length;
  const rows: { path: string; gradient: Float64Array; mean: number; range: ValueRange }[] = kept.map(({ setting, index }) => ({
    path: setting.path, gradient: unit(unknowns, index), mean: y[index], range: setting.range,
  }));
  const marketGradient = unit(unknowns, scale);
  marketGradient[growth] = periods / P;
  // Both on the scale the posterior draws them on: log above 0 (so log size), log above −1 (log(1 + growth)).
  rows.push({ path: 'market.inMarketPerMonth', gradient: marketGradient, mean: logMarket, range: settingScaleRange(model, 'market.inMarketPerMonth') });
  rows.push({ path: 'market.growthPerYear', gradient: unit(unknowns, growth), mean: y[growth], range: settingScaleRange(model, 'market.growthPerYear') });
  // 0 … maxEquity: a logit of the share of the maximum.
  const range = settingScaleRange(model, 'brand.initialEquity');
  const share = Math.min(Math.max(inputs.finalEquity / range.max, 1e-9), 1 - 1e-9);
  const equityGradient = new Float64Array(unknowns);
  // y = logit(E / maxEquity): dy = dE / (maxEquity · s · (1 − s)).
  inputs.finalEquityGradient.forEach((value, index) => { equityGradient[index] = value / (range.max * share * (1 - share)); });
  rows.push({ path: 'brand.initialEquity', gradient: equityGradient, mean: Math.log(share) - Math.log1p(-share), range });

  // A quantity the fit leaves exactly fixed (the starting equity when no setting is free) is not uncertain.
  const uncertain = rows.filter((row) => bilinear(row.gradient, covariance, row.gradient) > 1e-20);
  rows.length = 0;
  rows.push(...uncertain);
  const projected = rows.map((row) => rows.map((other) => bilinear(row.gradient, covariance, other.gradient)));
  const posterior: Posterior = { paths: rows.map((row) => row.path), mean: rows.map((row) => row.mean), cholesky: cholesky(projected) };
  const uncertainty: Record<string, UncertainValue> = { ...(start.uncertainty ?? {}) } as Record<string, UncertainValue>;
  for (const setting of settings) if (describesPast(setting.path)) delete uncertainty[setting.path];
  rows.forEach((row, index) => { uncertainty[row.path] = marginal(row.mean, Math.sqrt(projected[index][index]), row.range); });
  model.uncertainty = uncertainty;
  model.posterior = posterior;
  model.name = `${start.name} (fitted to ${inputs.source})`.slice(0, 200);
  model.description = `Fitted by budget-sim to ${periods} ${P === 52 ? 'weeks' : P === 12 ? 'months' : 'quarters'} of history `
    + `(${history.dates[0]} to ${history.dates[periods - 1]}); it plans forward from the period after the last row.`;
  try {
    return parseModel(JSON.parse(JSON.stringify(model)));
  } catch (error) {
    throw new FitError(`the fitted model is not valid (please report this): ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Each channel's spend before the horizon: its mean per month over the history's last two months (at least one row). */
function setRecentSpend(model: Model, history: HistoryTable): void {
  const periodsPerMonth = history.periodsPerYear / 12;
  const rows = Math.max(1, Math.round(2 * periodsPerMonth));
  for (const channel of history.channels) {
    const recent = channel.spend.subarray(channel.spend.length - rows);
    const perMonth = (recent.reduce((sum, value) => sum + value, 0) / recent.length) * periodsPerMonth;
    if (isChannelModel(model)) {
      const side = channel.side === 'upstream' ? model.upstream.channels : model.downstream.channels;
      side[channel.name].historyPerMonth = perMonth;
    } else if (channel.side === 'upstream') {
      model.history.upstreamPerMonth = perMonth;
    } else {
      model.history.downstreamPerMonth = perMonth;
    }
  }
}

/**
 * A posterior dimension's marginal as an `uncertainty` entry (what sensitivity and the app show):
 * exactly a lognormal on the log scale above 0; otherwise the normal with the same centre and
 * the spread the normal scale gives there (the draws themselves come from `posterior`).
 */
function marginal(mean: number, sd: number, range: ValueRange): UncertainValue {
  if (normalScaleOf(range) === 'log' && range.min === 0) return { dist: 'lognormal', median: Math.exp(mean), sigma: sd };
  const centre = fromNormalScale(mean, range);
  const slope = (fromNormalScale(mean + 1e-6, range) - fromNormalScale(mean - 1e-6, range)) / 2e-6;
  return { dist: 'normal', mean: centre, sd: sd * Math.abs(slope) };
}

function unit(size: number, index: number): Float64Array {
  const vector = new Float64Array(size);
  vector[index] = 1;
  return vector;
}

/** The year and month (1–12) of the period after one starting on `date` (yyyy-mm-dd). */
function nextPeriodStart(date: string, periodsPerYear: number): { year: number; month: number } {
  const [year, month, day] = date.split('-').map(Number);
  const next = periodsPerYear === 52 ? new Date(Date.UTC(year, month - 1, day + 7)) : new Date(Date.UTC(year, month - 1 + 12 / periodsPerYear, day));
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1 };
}
