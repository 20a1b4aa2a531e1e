import { fillKeptLagWeights } from './lag-weights.ts';
import { type Model } from '../model/model.ts';
import { seasonalIndices } from './seasonality.ts';
import { equityImpliedByHistory } from './starting-equity.ts';

/**
 * A model turned into per-period constants (spec §1 and §4), computed once per simulation so
 * that the per-period loop only multiplies and adds.
 *
 * Settings are per month; with pm = periodsPerYear / 12 periods per month, an amount A per month
 * is A / pm per period and a duration of M months is M · pm periods.
 */
export interface CompiledModel {
  periodsPerYear: number;
  /** T: periods in the horizon. */
  periods: number;
  /** k: periods after the horizon over which carryover is valued. */
  carryoverPeriods: number;
  /** L: the lag window in periods; weights run over l = 0 … L. */
  lagWindow: number;
  /**
   * wₗ = α^((l − θ)²) for the lags that count, l = lagFirst … lagLast, and 0 for the negligible
   * others, which every lag loop skips (`fillKeptLagWeights`, docs/uncertainty.md "Negligible lags").
   */
  lagWeights: Float64Array;
  /** The first and last lag whose weight counts: lag loops run over lagFirst … lagLast only. */
  lagFirst: number;
  lagLast: number;
  /** Σ wₗ: the lagged upstream is Σ wₗ·U₍ₜ₋ₗ₎ / Σ wₗ, divided in that order as the spec writes it. */
  lagWeightSum: number;
  /** Upstream spend per period before the horizon (fills the lag window for t ≤ 0). */
  historyUpstream: number;
  /** d₀: downstream adstock at the start. */
  initialAdstock: number;
  /** ρ_E: share of brand equity kept from one period to the next. */
  equityRetention: number;
  /** ρ_D: share of downstream adstock kept from one period to the next. */
  adstockRetention: number;
  upstreamHalfSaturation: number;
  upstreamShape: number;
  downstreamHalfSaturation: number;
  downstreamShape: number;
  insightFeedback: number;
  maxEquity: number;
  /** E₀: the model's number, or E* when `brand.initialEquity` is "history" (`startingEquity`). */
  initialEquity: number;
  /** True when E₀ is E*: the Monte Carlo recompiler then recomputes it from each draw's settings. */
  equityFromHistory: boolean;
  demandLift: number;
  conversionLift: number;
  baseConversion: number;
  maxConversionLift: number;
  /**
   * True when the model has `upstream.shortTerm` (spec §9.3): upstream spend also lifts conversion
   * through its own adstock aₜ = ρˢ·aₜ₋₁ + (1 − ρˢ)·Uₜ, a₀ = the history's upstream spend per
   * period. When false the four constants below are 0 and the kernels skip the term, so a model
   * without it runs exactly the operations it always did.
   */
  shortTerm: boolean;
  /** ρˢ: share of the short-term adstock kept from one period to the next. */
  shortTermRetention: number;
  /** K'ˢ: shortTerm.halfSaturation per period. */
  shortTermHalfSaturation: number;
  /** Sˢ. */
  shortTermShape: number;
  /** c_liftˢ. */
  shortTermMaxConversionLift: number;
  /**
   * True when both runs spend the history after the horizon (`economics.carryoverBaseline`
   * "history"); false for "zero", spec §6, when they spend nothing.
   */
  spendsAfterHorizon: boolean;
  /** Uₜ and Dₜ for T < t ≤ T + k: the history's spend per period, or 0 (see `spendsAfterHorizon`). */
  upstreamAfterHorizon: number;
  downstreamAfterHorizon: number;
  valuePerSale: number;
  margin: number;
  /** N₀' · seasonality · growth for t = 1 … T + k: demand before the brand's lift. */
  demandBeforeBrand: Float64Array;
  /** (1 + r)^(−t / P) for t = 1 … T + k. */
  discountFactor: Float64Array;
}

/** L = ⌈months · pm⌉, where a product within 1e-9 of a whole number counts as that number. */
export function lagWindowPeriods(lagWindowMonths: number, periodsPerMonth: number): number {
  const exact = lagWindowMonths * periodsPerMonth;
  const nearest = Math.round(exact);
  return Math.abs(exact - nearest) <= 1e-9 ? nearest : Math.ceil(exact);
}

export function compileModel(model: Model): CompiledModel {
  const periodsPerYear = model.periodsPerYear;
  const periodsPerMonth = periodsPerYear / 12;
  const periods = periodsPerYear * model.horizonYears;
  const carryoverPeriods = model.economics.carryoverYears * periodsPerYear;
  const totalPeriods = periods + carryoverPeriods;

  const lagWindow = lagWindowPeriods(model.upstream.lagWindowMonths, periodsPerMonth);
  const lagPeak = model.upstream.lagMonths * periodsPerMonth;
  const lagWeights = new Float64Array(lagWindow + 1);
  const keptLags = fillKeptLagWeights(lagWeights, lagPeak, model.upstream.lagConcentration, model.upstream.shape);

  const inMarketPerPeriod = model.market.inMarketPerMonth / periodsPerMonth;
  const seasonality = seasonalIndices(model.market.seasonality, periodsPerYear);
  const growth = 1 + model.market.growthPerYear;
  const discount = 1 + model.economics.discountRatePerYear;
  const demandBeforeBrand = new Float64Array(totalPeriods);
  const discountFactor = new Float64Array(totalPeriods);
  for (let index = 0; index < totalPeriods; index += 1) {
    const t = index + 1;
    const seasonalIndex = seasonality === null ? 1 : seasonality[index % periodsPerYear];
    demandBeforeBrand[index] = inMarketPerPeriod * seasonalIndex * Math.pow(growth, (t - 1) / periodsPerYear);
    discountFactor[index] = Math.pow(discount, -t / periodsPerYear);
  }

  const historyUpstream = model.history.upstreamPerMonth / periodsPerMonth;
  const initialAdstock = model.history.downstreamPerMonth / periodsPerMonth;
  const upstreamHalfSaturation = model.upstream.halfSaturation / periodsPerMonth;
  const downstreamHalfSaturation = model.downstream.halfSaturation / periodsPerMonth;
  const equityFromHistory = model.brand.initialEquity === 'history';
  const initialEquity = model.brand.initialEquity === 'history'
    ? equityImpliedByHistory(historyUpstream, initialAdstock, model.brand.maxEquity, upstreamHalfSaturation, model.upstream.shape,
      downstreamHalfSaturation, model.downstream.shape, model.upstream.insightFeedback)
    : model.brand.initialEquity;
  const shortTerm = model.upstream.shortTerm;
  const spendsAfterHorizon = model.economics.carryoverBaseline === 'history';

  return {
    periodsPerYear,
    periods,
    carryoverPeriods,
    lagWindow,
    lagWeights,
    lagFirst: keptLags.first,
    lagLast: keptLags.last,
    lagWeightSum: keptLags.sum,
    historyUpstream,
    initialAdstock,
    equityRetention: Math.pow(0.5, 1 / (model.brand.halfLifeMonths * periodsPerMonth)),
    adstockRetention: Math.pow(0.5, 1 / (model.downstream.halfLifeMonths * periodsPerMonth)),
    upstreamHalfSaturation,
    upstreamShape: model.upstream.shape,
    downstreamHalfSaturation,
    downstreamShape: model.downstream.shape,
    insightFeedback: model.upstream.insightFeedback,
    maxEquity: model.brand.maxEquity,
    initialEquity,
    equityFromHistory,
    demandLift: model.brand.demandLift,
    conversionLift: model.brand.conversionLift,
    baseConversion: model.economics.baseConversion,
    maxConversionLift: model.downstream.maxConversionLift,
    shortTerm: shortTerm !== undefined,
    shortTermRetention: shortTerm === undefined ? 0 : Math.pow(0.5, 1 / (shortTerm.halfLifeMonths * periodsPerMonth)),
    shortTermHalfSaturation: shortTerm === undefined ? 0 : shortTerm.halfSaturation / periodsPerMonth,
    shortTermShape: shortTerm === undefined ? 0 : shortTerm.shape,
    shortTermMaxConversionLift: shortTerm === undefined ? 0 : shortTerm.maxConversionLift,
    spendsAfterHorizon,
    upstreamAfterHorizon: spendsAfterHorizon ? historyUpstream : 0,
    downstreamAfterHorizon: spendsAfterHorizon ? initialAdstock : 0,
    valuePerSale: model.economics.valuePerSale,
    margin: model.economics.margin,
    demandBeforeBrand,
    discountFactor,
  };
}
