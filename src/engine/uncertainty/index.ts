/**
 * Uncertainty: Monte Carlo over the ranges in a model's `uncertainty`, scenarios compared on
 * common random numbers, and one-at-a-time sensitivity. Pure, no DOM.
 */
export { DISTRIBUTIONS, DISTRIBUTION_NAMES, distributionByName, type Distribution, type ValueRange } from '../model/distributions/index.ts';
export { type Band, BAND_VALUE_BUDGET, DEFAULT_BAND_DRAWS } from './bands.ts';
export { compareMonteCarlo, type MonteCarloComparison, type ProbabilityBest } from './compare-monte-carlo.ts';
export { type FigureStatistics, PERCENTILES, figureStatistics } from './figure-statistics.ts';
export { MAX_DRAWS, type MonteCarloOptions, checkMonteCarloOptions } from './monte-carlo-options.ts';
export { monteCarlo, runMonteCarlo, type ChannelValueStatistics, type MonteCarloResult, type MonteCarloRun, type MonteCarloSummary } from './monte-carlo.ts';
export {
  SENSITIVITY_FIGURES, sensitivity, type SensitivityFigure, type SensitivityResult, type SensitivityRow, type SensitivitySwing,
} from './sensitivity.ts';
export { posteriorDraws, type SettingDraws } from './posterior-draws.ts';
export { MAX_REDRAWS, drawValues, truncatedQuantile, uncertainFields, type UncertainField } from './uncertain-fields.ts';
export { createDrawRunner, type DrawRunner } from './draw-runner.ts';
export { createRunTimeEstimator, describeRunTime, type RunTimeEstimate, type RunTimeEstimator } from './run-time-estimate.ts';
export { UncertaintyError } from './uncertainty-error.ts';
