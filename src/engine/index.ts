/**
 * The budget-sim engine: the upstream/downstream model as a pure library (no DOM).
 * Data flows one way: JSON → parseModel → simulate → results.
 */
export type {
  Budget, Brand, CarryoverBaseline, ChannelBounds, ChannelModel, ChannelPlan, Downstream, DownstreamChannel, DownstreamChannels, Economics,
  EquityFromHistory, History, Market, Model, ModelCommon, PeriodsPerYear, Plan, Posterior, ShortTerm, Side, TwoLeverModel, Upstream, UpstreamChannel,
  UpstreamChannels,
} from './model/model.ts';
export { CARRYOVER_BASELINES, PERIODS_PER_YEAR_CHOICES, isChannelModel } from './model/model.ts';
export {
  TWO_LEVER_CHANNEL_NAMES, channelList, modelChannels, type ChannelSettings, type DownstreamChannelSettings, type ModelChannels,
  type UpstreamChannelSettings,
} from './model/model-channels.ts';
export { ModelError, parseModel, type ModelIssue } from './model/parse-model.ts';
export {
  ALL_NUMBER_FIELDS, CARRYOVER_BASELINE_FIELD, NUMBER_FIELDS, SHORT_TERM_FIELDS, describeRule, type FieldGroup, type NumberField, type NumberRule,
} from './model/model-fields.ts';
export {
  CHANNEL_SHORT_TERM_FIELDS, DOWNSTREAM_CHANNEL_FIELDS, MAX_CHANNELS_PER_SIDE, MAX_CHANNEL_NAME_LENGTH, UPSTREAM_CHANNEL_FIELDS, channelFieldPath,
  channelFields, channelNameProblem, channelProblem, channelSettingAt, channelSettingPaths, splitChannelPath, type ChannelField, type ChannelPath,
  type ChannelSetting,
} from './model/channel-fields.ts';
export { simulate } from './sim/simulate.ts';
export { HORIZON_PATH, type Lesson, type LessonChange } from './model/lesson.ts';
export { startingEquity } from './sim/starting-equity.ts';
export { seasonalIndices } from './sim/seasonality.ts';
export {
  PERIOD_FIELDS, SUMMARY_FIELDS, type ChannelSummary, type PeriodResult, type SimulationResult, type Summary, type SummaryFigures,
} from './sim/results.ts';
export { hill } from './sim/hill.ts';
export { createPlanEvaluator, type PlanEvaluator } from './sim/plan-evaluator.ts';
export { channelSpend, planSpend, sideTotals, type PlanSpend } from './sim/plan-spend.ts';
export { HORIZON_CHOICES, tradeoffCurve, yearlyBudgets, type TradeoffCurve, type TradeoffLine } from './tradeoff-curve.ts';
export { incrementalProfit, type IncrementalProfitPoint } from './incremental-profit.ts';
export { MAX_REPORTED_RATE, internalRateOfReturn } from './sim/internal-rate-of-return.ts';
export { marginalRoi, type MarginalRoi } from './sim/marginal-roi.ts';
export { summaryDifference, type SummaryDifference } from './summary-difference.ts';
export {
  OBJECTIVES, OBJECTIVE_NAMES, OptimizeError, PHASINGS, PHASING_NAMES, budgetForTargetRoi, budgetFrontier, optimize, resolveOptions,
  type Frontier, type FrontierOptions, type FrontierPoint, type Objective, type ObjectiveName, type OptimizeOptions,
  type OptimizeResult, type OptimizedPlan, type OptimizeSettings, type PhasingName, type TargetRoiOptions, type TargetRoiResult,
} from './optimize/index.ts';
export type { DistributionName, UncertainValue, Uncertainty } from './model/model.ts';
export {
  BAND_VALUE_BUDGET, DEFAULT_BAND_DRAWS, DISTRIBUTIONS, DISTRIBUTION_NAMES, MAX_DRAWS, MAX_REDRAWS, PERCENTILES, SENSITIVITY_FIGURES, UncertaintyError,
  compareMonteCarlo, createDrawRunner, createRunTimeEstimator, describeRunTime, drawValues, figureStatistics, monteCarlo, runMonteCarlo,
  posteriorDraws, sensitivity, truncatedQuantile, uncertainFields, type RunTimeEstimate, type SettingDraws, type RunTimeEstimator,
  type Band, type DrawRunner, type FigureStatistics, type MonteCarloComparison, type MonteCarloOptions, type MonteCarloResult,
  type MonteCarloSummary, type ProbabilityBest, type SensitivityFigure, type SensitivityResult, type SensitivityRow,
  type SensitivitySwing, type UncertainField,
} from './uncertainty/index.ts';
