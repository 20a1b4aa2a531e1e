import type { Model, PeriodsPerYear } from '../model/model.ts';
import { FitError } from './fit-error.ts';
import { fitMetrics } from './fit-metrics.ts';
import { fitPeriods } from './fit-periods.ts';
import type { FitDriver, FitOptions, FitParameter, FitResult } from './fit-result.ts';
import { type FittedSetting, Z90, fittedSettings, normalPrior, settingValue } from './fit-settings.ts';
import { fitWarnings } from './fit-warnings.ts';
import { fittedModel } from './fitted-model.ts';
import { createHistoryRun } from './history-run.ts';
import { HISTORY_FREQUENCIES } from './history-dates.ts';
import type { HistoryTable } from './history-table.ts';
import { type LinearPriors, type LinearTerm, estimatesSeasonality, linearTerms } from './linear-terms.ts';
import { type PosteriorMode, findPosteriorMode } from './posterior-mode.ts';
import { normalScaleRangeFor, truncatedQuantile, uncertainFields } from '../uncertainty/uncertain-fields.ts';

/** Periods held out by default: a quarter of a year (fewer in a short history: `defaultHoldout`). */
export const DEFAULT_HOLDOUT: Readonly<Record<number, number>> = { 52: 13, 12: 3, 4: 1 };

/**
 * The holdout when none is asked for: a quarter of a year, but never so many that fewer rows are
 * left to fit than a history must have (`HISTORY_FREQUENCIES[…].minimumRows`), so that every
 * history the reader accepts can be fitted as it is: 30 weekly rows hold out 4.
 */
export function defaultHoldout(periods: number, periodsPerYear: PeriodsPerYear): number {
  return Math.max(0, Math.min(DEFAULT_HOLDOUT[periodsPerYear], periods - HISTORY_FREQUENCIES[periodsPerYear].minimumRows));
}
/** Starting points of the search by default. */
export const DEFAULT_STARTS = 6;

/**
 * Fits `start` to a history (docs/calibration.md): the posterior mode and its Laplace
 * approximation, first on the rows before the holdout (which gives every figure reported per
 * period and the holdout's error), then on every row (which gives the fitted model, its
 * posterior and the parameters reported).
 * @param history a validated history (read-history.ts) whose channels are start's
 * @throws {FitError} for options that cannot be met (an unknown path, a holdout that leaves too few rows)
 */
export function fitHistory(history: HistoryTable, start: Model, options: FitOptions = {}): FitResult {
  const began = performance.now();
  const periods = history.dates.length;
  const holdout = options.holdout ?? defaultHoldout(periods, history.periodsPerYear);
  if (!Number.isInteger(holdout) || holdout < 0) throw new FitError(`--holdout must be a whole number ≥ 0, got ${holdout}`);
  // The rows left to fit must be as many as a whole history must have (read-history.ts): the same rule, not a looser one.
  const frequency = HISTORY_FREQUENCIES[history.periodsPerYear];
  if (periods - holdout < frequency.minimumRows) {
    throw new FitError(`--holdout ${holdout} leaves ${Math.max(0, periods - holdout)} of the ${periods} rows to fit; a ${frequency.name} fit needs at least ${frequency.minimumRows} (${frequency.minimumSpan})`
      + `, so hold out at most ${Math.max(0, periods - frequency.minimumRows)}`);
  }
  const starts = options.starts ?? DEFAULT_STARTS;
  if (!Number.isInteger(starts) || starts < 1 || starts > 100) throw new FitError(`--starts must be a whole number from 1 to 100, got ${starts}`);
  const settings = fittedSettings(start, options.free ?? [], options.fixed ?? []);
  const linearPriors = marketPriors(start, options.fixed ?? []);
  const run = createHistoryRun(start, history, settings.map((setting) => setting.path));
  const logActual = history.target.map(Math.log);
  const seasonalityEstimated = estimatesSeasonality(history);
  const progress = (from: number, to: number, stage: string) => (fraction: number) => options.onProgress?.(from + (to - from) * fraction, stage);
  const seed = options.seed ?? 1;

  const fittedRows = periods - holdout;
  const trainTerms = linearTerms(history, fittedRows, linearPriors);
  const trainMode = findPosteriorMode({ logActual, fittedRows, settings, terms: trainTerms, run },
    { starts, seed, onProgress: progress(0, holdout > 0 ? 0.45 : 0.9, holdout > 0 ? 'Fitting all but the held-out periods' : 'Fitting') });
  const periodRows = fitPeriods(history, trainTerms, trainMode, run, fittedRows);
  const actual = Array.from(history.target);
  const fitted = periodRows.map((row) => row.fitted);
  const train = fitMetrics(actual.slice(0, fittedRows), fitted.slice(0, fittedRows));
  const held = holdout > 0 ? { periods: holdout, ...fitMetrics(actual.slice(fittedRows), fitted.slice(fittedRows)) } : null;

  let terms = trainTerms;
  let mode = trainMode;
  if (holdout > 0) {
    // Each driver keeps the form the first fit chose on the rows before the holdout, so that
    // the holdout's figures and the returned model are the same model refitted.
    const logForms = new Set(trainTerms.filter((term) => term.logForm === true).map((term) => term.column!));
    terms = linearTerms(history, periods, linearPriors, logForms);
    mode = findPosteriorMode({ logActual, fittedRows: periods, settings, terms, run }, { starts, seed, onProgress: progress(0.45, 0.9, 'Refitting on every period') });
  }
  options.onProgress?.(0.9, 'Working out the intervals');
  const model = fittedModel({
    start, history, settings, terms, y: mode.y, covariance: mode.covariance, finalEquity: mode.finalEquity, finalEquityGradient: mode.finalEquityGradient,
    seasonalityEstimated, source: options.source ?? 'history',
  });
  const sds = mode.y.map((_, index) => Math.sqrt(Math.max(0, mode.covariance[index][index])));
  const warnings = fitWarnings({
    start, history, settings, unknowns: settings.length + terms.filter((term) => term.kind === 'scale' || term.kind === 'growth').length, fittedRows: periods - holdout, settingSds: settings.map((_, index) => sds[index]),
    train, holdout: held, seasonalityEstimated, converged: trainMode.converged && mode.converged,
    brandGrowthCorrelation: brandGrowthCorrelation(settings, terms, mode), advice: options.advice,
    ...(options.holdout === undefined && holdout < DEFAULT_HOLDOUT[history.periodsPerYear]
      ? { shortenedHoldout: { periods: holdout, usual: DEFAULT_HOLDOUT[history.periodsPerYear] } } : {}),
  });
  options.onProgress?.(1, 'Done');
  return {
    model,
    fit: { train, holdout: held },
    periods: periodRows,
    drivers: driverEffects(settings.length, terms, mode, sds),
    parameters: [...settingParameters(settings, mode, sds), ...termParameters(start, settings.length, terms, mode, sds), noiseParameter(mode)],
    warnings,
    ms: performance.now() - began,
  };
}

/** The market's size and growth priors from the model's `uncertainty`, when it gives them a range (and they are not fixed). */
function marketPriors(start: Model, fixed: readonly string[]): LinearPriors {
  const fields = new Map(uncertainFields(start).map((field) => [field.path, field]));
  const priors: LinearPriors = {
    startGrowth: start.market.growthPerYear,
    fixedScale: fixed.includes('market.inMarketPerMonth'),
    fixedGrowth: fixed.includes('market.growthPerYear'),
  };
  const size = fields.get('market.inMarketPerMonth');
  if (size !== undefined && !fixed.includes(size.path)) {
    const prior = normalPrior(normalScaleRangeFor(size.field, start), (p) => truncatedQuantile(size, p));
    priors.scale = { mean: prior.mean - Math.log(start.market.inMarketPerMonth), sd: prior.sd };
  }
  const growth = fields.get('market.growthPerYear');
  if (growth !== undefined && !fixed.includes(growth.path)) {
    priors.growth = normalPrior(normalScaleRangeFor(growth.field, start), (p) => truncatedQuantile(growth, p));
  }
  return priors;
}

function settingParameters(settings: readonly FittedSetting[], mode: PosteriorMode, sds: Float64Array): FitParameter[] {
  return settings.map((setting, index) => estimated(setting.path, (y) => settingValue(setting, y), setting, setting.start, mode.y[index], sds[index]));
}

/**
 * The market's size (at the history's first row, what its prior is about; the fitted model
 * carries the size reached at the end), its growth and the seasonal terms.
 */
function termParameters(start: Model, offset: number, terms: readonly LinearTerm[], mode: PosteriorMode, sds: Float64Array): FitParameter[] {
  return terms.flatMap((term, index) => {
    if (term.column !== undefined) return [];
    const toValue = term.kind === 'scale' ? (y: number) => start.market.inMarketPerMonth * Math.exp(y)
      : term.kind === 'growth' ? (y: number) => Math.expm1(y) : (y: number) => y;
    const startValue = term.kind === 'scale' ? start.market.inMarketPerMonth : term.kind === 'growth' ? start.market.growthPerYear : 0;
    return [estimated(term.name, toValue, term, startValue, mode.y[offset + index], sds[offset + index])];
  });
}

/** One estimated quantity: its prior's 5/50/95 % points and its mode ± 1.645 sd, each mapped from its normal scale by `toValue`. */
function estimated(
  path: string, toValue: (y: number) => number, prior: { priorMean: number; priorSd: number; priorSource: 'uncertainty' | 'default' },
  start: number, y: number, sd: number,
): FitParameter {
  return {
    path,
    prior: {
      lower: toValue(prior.priorMean - Z90 * prior.priorSd),
      median: toValue(prior.priorMean),
      upper: toValue(prior.priorMean + Z90 * prior.priorSd),
      source: prior.priorSource,
    },
    start,
    value: toValue(y),
    lower: toValue(y - Z90 * sd),
    upper: toValue(y + Z90 * sd),
  };
}

/**
 * σ with the interval of its Fisher information, sd(log σ) ≈ 1 / √(2ν) with ν = n − p_eff; its
 * prior is flat on log σ. Its "start" is the starting model's error over the history.
 */
function noiseParameter(mode: PosteriorMode): FitParameter {
  const spread = Z90 / Math.sqrt(2 * mode.degreesOfFreedom);
  return {
    path: 'noise.sigma', prior: null, start: mode.startSigma, value: mode.sigma,
    lower: mode.sigma * Math.exp(-spread), upper: mode.sigma * Math.exp(spread),
  };
}

/**
 * Each driver term's effect on revenue as a fraction (e^β − 1: per unit, or of a text value), with
 * its interval; a log-form driver's per doubling (2^β − 1), which reads the same whatever its units.
 */
function driverEffects(offset: number, terms: readonly LinearTerm[], mode: PosteriorMode, sds: Float64Array): FitDriver[] {
  return terms.flatMap((term, index) => {
    if (term.column === undefined) return [];
    const k = offset + index;
    const unit = term.logForm ? Math.LN2 : 1;
    const effect = (y: number) => Math.expm1(unit * y);
    const sd = term.spread;
    const perSd = term.kind === 'numeric-driver' && !term.logForm && sd !== undefined && sd > 0
      ? { perSd: { sd, effect: Math.expm1(sd * mode.y[k]), lower: Math.expm1(sd * (mode.y[k] - Z90 * sds[k])), upper: Math.expm1(sd * (mode.y[k] + Z90 * sds[k])) } }
      : {};
    return [{
      name: term.name, effect: effect(mode.y[k]), lower: effect(mode.y[k] - Z90 * sds[k]), upper: effect(mode.y[k] + Z90 * sds[k]),
      ...(term.logForm ? { form: 'log' as const } : {}), ...perSd,
    }];
  });
}

/** The largest |posterior correlation| between a fitted brand setting and growth, or null when no brand setting is fitted. */
function brandGrowthCorrelation(settings: readonly FittedSetting[], terms: readonly LinearTerm[], mode: PosteriorMode): number | null {
  const growth = settings.length + terms.findIndex((term) => term.kind === 'growth');
  const brand = settings.flatMap((setting, index) => (setting.path.startsWith('brand.') ? [index] : []));
  if (brand.length === 0) return null;
  const c = mode.covariance;
  return Math.max(...brand.map((index) => Math.abs(c[index][growth]) / Math.sqrt(c[index][index] * c[growth][growth])));
}
