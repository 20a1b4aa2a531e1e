import { fillKeptLagWeights } from './lag-weights.ts';
import { type Model } from './model.ts';

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
  initialEquity: number;
  demandLift: number;
  conversionLift: number;
  baseConversion: number;
  maxConversionLift: number;
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
  const seasonality = model.market.seasonality;
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

  return {
    periodsPerYear,
    periods,
    carryoverPeriods,
    lagWindow,
    lagWeights,
    lagFirst: keptLags.first,
    lagLast: keptLags.last,
    lagWeightSum: keptLags.sum,
    historyUpstream: model.history.upstreamPerMonth / periodsPerMonth,
    initialAdstock: model.history.downstreamPerMonth / periodsPerMonth,
    equityRetention: Math.pow(0.5, 1 / (model.brand.halfLifeMonths * periodsPerMonth)),
    adstockRetention: Math.pow(0.5, 1 / (model.downstream.halfLifeMonths * periodsPerMonth)),
    upstreamHalfSaturation: model.upstream.halfSaturation / periodsPerMonth,
    upstreamShape: model.upstream.shape,
    downstreamHalfSaturation: model.downstream.halfSaturation / periodsPerMonth,
    downstreamShape: model.downstream.shape,
    insightFeedback: model.upstream.insightFeedback,
    maxEquity: model.brand.maxEquity,
    initialEquity: model.brand.initialEquity,
    demandLift: model.brand.demandLift,
    conversionLift: model.brand.conversionLift,
    baseConversion: model.economics.baseConversion,
    maxConversionLift: model.downstream.maxConversionLift,
    valuePerSale: model.economics.valuePerSale,
    margin: model.economics.margin,
    demandBeforeBrand,
    discountFactor,
  };
}
