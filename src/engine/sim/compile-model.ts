import { type KeptLags, fillKeptLagWeights } from './lag-weights.ts';
import { type Model } from '../model/model.ts';
import { type DownstreamChannelSettings, type UpstreamChannelSettings, modelChannels } from '../model/model-channels.ts';
import { seasonalIndices } from './seasonality.ts';
import { equityImpliedByChannelHistory } from './starting-equity.ts';

/**
 * One upstream channel's per-period constants (spec §9.3): its own lag weights, Hill curve,
 * share β of the equity ceiling and, optionally, its own short-term effect on conversion.
 */
export interface CompiledUpstreamChannel {
  name: string;
  /** Lᵢ: this channel's lag window in periods (≤ the model's `lagWindow`). */
  lagWindow: number;
  /** wₗ for l = 0 … Lᵢ, 0 for the negligible lags (see `CompiledModel.lagWeights`). */
  lagWeights: Float64Array;
  lagFirst: number;
  lagLast: number;
  lagWeightSum: number;
  /** historyPerMonth / pm: the spend per period before the horizon. */
  history: number;
  /** K'ᵢ = halfSaturation / pm. */
  halfSaturation: number;
  shape: number;
  /** βᵢ. */
  equityShare: number;
  /** Whether the channel has a short-term effect; when false the four constants below are 0. */
  shortTerm: boolean;
  shortTermRetention: number;
  shortTermHalfSaturation: number;
  shortTermShape: number;
  shortTermMaxConversionLift: number;
  /** The channel's spend per period after the horizon: its history under the "history" carryover baseline, else 0. */
  afterHorizon: number;
}

/** One downstream channel's per-period constants (spec §9.3). */
export interface CompiledDownstreamChannel {
  name: string;
  /** historyPerMonth / pm: the spend per period before the horizon, and dⱼ,₀. */
  history: number;
  /** ρⱼ. */
  retention: number;
  /** K'ⱼ. */
  halfSaturation: number;
  shape: number;
  maxConversionLift: number;
  /** See `CompiledUpstreamChannel.afterHorizon`. */
  afterHorizon: number;
}

/**
 * A model turned into per-period constants (spec §1 and §4), computed once per simulation so
 * that the per-period loop only multiplies and adds.
 *
 * Settings are per month; with pm = periodsPerYear / 12 periods per month, an amount A per month
 * is A / pm per period and a duration of M months is M · pm periods.
 */
export interface CompiledModel {
  /**
   * The upstream channels, in file order (one, named "upstream", for a two-lever model). Channel
   * index c counts upstream channels first, then downstream ones: the order of every spend
   * array (`ChannelSpend`) and of the results.
   */
  upstreamChannels: CompiledUpstreamChannel[];
  /** The downstream channels, in file order. */
  downstreamChannels: CompiledDownstreamChannel[];
  /** Upstream plus downstream channels. */
  channelCount: number;
  periodsPerYear: number;
  /** T: periods in the horizon. */
  periods: number;
  /** k: periods after the horizon over which carryover is valued. */
  carryoverPeriods: number;
  /**
   * L: the longest lag window of the upstream channels in periods (0 without any): every
   * channel's spend buffer starts with L periods of its history. For the two-lever fields below,
   * the upstream lever's window (the same number).
   */
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

/** Stand-ins for the two-lever view of a model without channels on a side (nothing spent there). */
const NO_UPSTREAM_CHANNEL: UpstreamChannelSettings = {
  name: '', side: 'upstream', share: 0, historyPerMonth: 0, lagMonths: 0, lagConcentration: 0.5, lagWindowMonths: 0,
  halfSaturation: 1, shape: 1, maxEquityShare: 0, shortTerm: undefined, bounds: undefined,
};
const NO_DOWNSTREAM_CHANNEL: DownstreamChannelSettings = {
  name: '', side: 'downstream', share: 0, historyPerMonth: 0, halfLifeMonths: 1, halfSaturation: 1, shape: 1, maxConversionLift: 0, bounds: undefined,
};

/** L = ⌈months · pm⌉, where a product within 1e-9 of a whole number counts as that number. */
export function lagWindowPeriods(lagWindowMonths: number, periodsPerMonth: number): number {
  const exact = lagWindowMonths * periodsPerMonth;
  const nearest = Math.round(exact);
  return Math.abs(exact - nearest) <= 1e-9 ? nearest : Math.ceil(exact);
}

/**
 * A channel's lag weights wₗ (l = 0 … L, 0 for the negligible lags) and the lags that count.
 * `compileModel` computes them with `fillKeptLagWeights`; the Monte Carlo recompiler passes a
 * filler that reuses one buffer per channel and computes the weights as running products
 * (src/engine/sim/recompile.ts), so that a draw compiles its channels with this same function.
 */
export type LagWeightFiller = (lagWindow: number, lagPeak: number, concentration: number, shape: number) => KeptLags & { weights: Float64Array };

/** `LagWeightFiller` by `fillKeptLagWeights` (Math.pow, as the spec writes it), in a new array. */
export const keptLagWeights: LagWeightFiller = (lagWindow, lagPeak, concentration, shape) => {
  const weights = new Float64Array(lagWindow + 1);
  return { weights, ...fillKeptLagWeights(weights, lagPeak, concentration, shape) };
};

/** A channel's constants for periods of 1 / pm months (spec §1, §9.3). */
export function compileUpstreamChannel(
  channel: UpstreamChannelSettings, periodsPerMonth: number, spendsAfterHorizon: boolean, lagWeightsFor: LagWeightFiller = keptLagWeights,
): CompiledUpstreamChannel {
  const lagWindow = lagWindowPeriods(channel.lagWindowMonths, periodsPerMonth);
  const kept = lagWeightsFor(lagWindow, channel.lagMonths * periodsPerMonth, channel.lagConcentration, channel.shape);
  const lagWeights = kept.weights;
  const history = channel.historyPerMonth / periodsPerMonth;
  const shortTerm = channel.shortTerm;
  return {
    name: channel.name,
    lagWindow,
    lagWeights,
    lagFirst: kept.first,
    lagLast: kept.last,
    lagWeightSum: kept.sum,
    history,
    halfSaturation: channel.halfSaturation / periodsPerMonth,
    shape: channel.shape,
    equityShare: channel.maxEquityShare,
    shortTerm: shortTerm !== undefined,
    shortTermRetention: shortTerm === undefined ? 0 : Math.pow(0.5, 1 / (shortTerm.halfLifeMonths * periodsPerMonth)),
    shortTermHalfSaturation: shortTerm === undefined ? 0 : shortTerm.halfSaturation / periodsPerMonth,
    shortTermShape: shortTerm === undefined ? 0 : shortTerm.shape,
    shortTermMaxConversionLift: shortTerm === undefined ? 0 : shortTerm.maxConversionLift,
    afterHorizon: spendsAfterHorizon ? history : 0,
  };
}

/** See `compileUpstreamChannel`. */
export function compileDownstreamChannel(channel: DownstreamChannelSettings, periodsPerMonth: number, spendsAfterHorizon: boolean): CompiledDownstreamChannel {
  const history = channel.historyPerMonth / periodsPerMonth;
  return {
    name: channel.name,
    history,
    retention: Math.pow(0.5, 1 / (channel.halfLifeMonths * periodsPerMonth)),
    halfSaturation: channel.halfSaturation / periodsPerMonth,
    shape: channel.shape,
    maxConversionLift: channel.maxConversionLift,
    afterHorizon: spendsAfterHorizon ? history : 0,
  };
}

export function compileModel(model: Model): CompiledModel {
  const periodsPerYear = model.periodsPerYear;
  const periodsPerMonth = periodsPerYear / 12;
  const periods = periodsPerYear * model.horizonYears;
  const carryoverPeriods = model.economics.carryoverYears * periodsPerYear;
  const totalPeriods = periods + carryoverPeriods;
  const spendsAfterHorizon = model.economics.carryoverBaseline === 'history';
  const channels = modelChannels(model);
  const upstreamChannels = channels.upstream.map((channel) => compileUpstreamChannel(channel, periodsPerMonth, spendsAfterHorizon));
  const downstreamChannels = channels.downstream.map((channel) => compileDownstreamChannel(channel, periodsPerMonth, spendsAfterHorizon));

  const lagWindow = upstreamChannels.reduce((longest, channel) => Math.max(longest, channel.lagWindow), 0);
  // The two-lever view (fields from `lagWeights` to `downstreamAfterHorizon`) is the first channel
  // of each side; only kernels not yet written for channels read it, and only for two-lever models.
  const firstUpstream = upstreamChannels[0] ?? compileUpstreamChannel(NO_UPSTREAM_CHANNEL, periodsPerMonth, false);
  const firstDownstream = downstreamChannels[0] ?? compileDownstreamChannel(NO_DOWNSTREAM_CHANNEL, periodsPerMonth, false);
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

  const equityFromHistory = model.brand.initialEquity === 'history';
  const initialEquity = model.brand.initialEquity === 'history'
    ? equityImpliedByChannelHistory(upstreamChannels, downstreamChannels, model.brand.maxEquity, channels.insightFeedback)
    : model.brand.initialEquity;

  return {
    upstreamChannels,
    downstreamChannels,
    channelCount: upstreamChannels.length + downstreamChannels.length,
    periodsPerYear,
    periods,
    carryoverPeriods,
    lagWindow,
    lagWeights: firstUpstream.lagWeights,
    lagFirst: firstUpstream.lagFirst,
    lagLast: firstUpstream.lagLast,
    lagWeightSum: firstUpstream.lagWeightSum,
    historyUpstream: firstUpstream.history,
    initialAdstock: firstDownstream.history,
    equityRetention: Math.pow(0.5, 1 / (model.brand.halfLifeMonths * periodsPerMonth)),
    adstockRetention: firstDownstream.retention,
    upstreamHalfSaturation: firstUpstream.halfSaturation,
    upstreamShape: firstUpstream.shape,
    downstreamHalfSaturation: firstDownstream.halfSaturation,
    downstreamShape: firstDownstream.shape,
    insightFeedback: channels.insightFeedback,
    maxEquity: model.brand.maxEquity,
    initialEquity,
    equityFromHistory,
    demandLift: model.brand.demandLift,
    conversionLift: model.brand.conversionLift,
    baseConversion: model.economics.baseConversion,
    maxConversionLift: firstDownstream.maxConversionLift,
    shortTerm: firstUpstream.shortTerm,
    shortTermRetention: firstUpstream.shortTermRetention,
    shortTermHalfSaturation: firstUpstream.shortTermHalfSaturation,
    shortTermShape: firstUpstream.shortTermShape,
    shortTermMaxConversionLift: firstUpstream.shortTermMaxConversionLift,
    spendsAfterHorizon,
    upstreamAfterHorizon: firstUpstream.afterHorizon,
    downstreamAfterHorizon: firstDownstream.afterHorizon,
    valuePerSale: model.economics.valuePerSale,
    margin: model.economics.margin,
    demandBeforeBrand,
    discountFactor,
  };
}
