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
   * channel's spend buffer starts with L periods of its history.
   */
  lagWindow: number;
  /** ρ_E: share of brand equity kept from one period to the next. */
  equityRetention: number;
  /** κ: how much downstream activity raises upstream effectiveness. */
  insightFeedback: number;
  maxEquity: number;
  /** E₀: the model's number, or E* when `brand.initialEquity` is "history" (`startingEquity`). */
  initialEquity: number;
  /** True when E₀ is E*: the Monte Carlo recompiler then recomputes it from each draw's settings. */
  equityFromHistory: boolean;
  demandLift: number;
  conversionLift: number;
  baseConversion: number;
  /**
   * True when both runs spend the history after the horizon (`economics.carryoverBaseline`
   * "history"); false for "zero", spec §6, when they spend nothing.
   */
  spendsAfterHorizon: boolean;
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
    equityRetention: Math.pow(0.5, 1 / (model.brand.halfLifeMonths * periodsPerMonth)),
    insightFeedback: channels.insightFeedback,
    maxEquity: model.brand.maxEquity,
    initialEquity,
    equityFromHistory,
    demandLift: model.brand.demandLift,
    conversionLift: model.brand.conversionLift,
    baseConversion: model.economics.baseConversion,
    spendsAfterHorizon,
    valuePerSale: model.economics.valuePerSale,
    margin: model.economics.margin,
    demandBeforeBrand,
    discountFactor,
  };
}
