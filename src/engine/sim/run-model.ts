import type { CompiledModel } from './compile-model.ts';
import { hill } from './hill.ts';

/** What one run of the equations produces, per period (index t − 1). */
export interface RunTrace {
  equity: Float64Array;
  demand: Float64Array;
  conversion: Float64Array;
  sales: Float64Array;
  revenue: Float64Array;
  contribution: Float64Array;
}

export function createRunTrace(length: number): RunTrace {
  return {
    equity: new Float64Array(length),
    demand: new Float64Array(length),
    conversion: new Float64Array(length),
    sales: new Float64Array(length),
    revenue: new Float64Array(length),
    contribution: new Float64Array(length),
  };
}

/**
 * Spend per channel (index c: upstream channels first, then downstream ones, as
 * `CompiledModel.upstreamChannels` / `downstreamChannels`), each laid out for the lag window:
 * entries 0 … L − 1 hold the channel's history per period (t = 1 − L … 0), entry L + i holds
 * period t = i + 1. Downstream channels share the layout so that every channel's buffer is
 * alike; only upstream ones read the history entries.
 */
export type ChannelSpendBuffers = Float64Array[];

/** The history per period of channel c (upstream channels first). */
export function channelHistory(model: CompiledModel, channel: number): number {
  const upstreamCount = model.upstreamChannels.length;
  return channel < upstreamCount ? model.upstreamChannels[channel].history : model.downstreamChannels[channel - upstreamCount].history;
}

/**
 * Spend buffers for `length` periods, laid out as `ChannelSpendBuffers`: each channel's history
 * in the lag window, then its row of `plan` (index t − 1; shorter rows and a null plan leave
 * zeros, as for a channel that spends nothing).
 * @param plan spend per channel and period, or null for none
 */
export function channelSpendBuffers(model: CompiledModel, plan: readonly Float64Array[] | null, length: number): ChannelSpendBuffers {
  const buffers: Float64Array[] = new Array(model.channelCount);
  for (let channel = 0; channel < model.channelCount; channel += 1) {
    const buffer = new Float64Array(model.lagWindow + length);
    buffer.fill(channelHistory(model, channel), 0, model.lagWindow);
    const row = plan === null ? undefined : plan[channel];
    if (row !== undefined) buffer.set(row.subarray(0, Math.min(row.length, length)), model.lagWindow);
    buffers[channel] = buffer;
  }
  return buffers;
}

/**
 * Writes each channel's spend after the horizon (T < t ≤ length) when the model spends there:
 * with `economics.carryoverBaseline` "history", both the plan and the zero-spend run spend each
 * channel's history per period after T (docs/model.md, "Carryover after the horizon"). That spend
 * belongs to the model, not to the plan, so the kernels write it themselves at the start of every
 * run (a Monte Carlo draw may change the history); with the default "zero" they leave the buffers
 * alone, and the layout (`channelSpendBuffers`) already holds zeros there.
 */
export function channelSpendAfterHorizon(model: CompiledModel, spend: ChannelSpendBuffers, length: number): void {
  if (!model.spendsAfterHorizon || length <= model.periods) return;
  const from = model.lagWindow + model.periods;
  const to = model.lagWindow + length;
  const upstreamCount = model.upstreamChannels.length;
  for (let channel = 0; channel < upstreamCount; channel += 1) spend[channel].fill(model.upstreamChannels[channel].afterHorizon, from, to);
  for (let channel = upstreamCount; channel < model.channelCount; channel += 1) {
    spend[channel].fill(model.downstreamChannels[channel - upstreamCount].afterHorizon, from, to);
  }
}

/** Per-channel state of a run, kept between calls so that a run allocates nothing. */
const runState = new WeakMap<CompiledModel, { adstock: Float64Array; shortTermAdstock: Float64Array }>();

function stateFor(model: CompiledModel) {
  let state = runState.get(model);
  if (state === undefined) {
    state = {
      adstock: new Float64Array(model.downstreamChannels.length),
      shortTermAdstock: new Float64Array(model.upstreamChannels.length),
    };
    runState.set(model, state);
  }
  return state;
}

/**
 * Runs the equations of spec §9.3 (sections 4 and 9: every channel with its own lag, adstock and
 * Hill curve) for periods t = 1 … length and writes each period into `trace`. With one channel a
 * side this performs exactly the operations of spec §4, so two-lever models give the numbers
 * they always did (docs/model.md, "Channels").
 *
 * Allocates nothing after the first run of a compiled model: the caller owns the buffers.
 * Positions after the horizon are the model's: see `channelSpendAfterHorizon`.
 *
 * @param spend laid out by `channelSpendBuffers` (history first, for the lag windows)
 * @param tape when given, also receives each channel's intermediate values per period, which the
 *   adjoint (run-adjoint.ts) reads: so the reverse pass differentiates this very run,
 *   with no second copy of the equations
 */
export function runModel(model: CompiledModel, spend: ChannelSpendBuffers, length: number, trace: RunTrace, tape?: RunTape): void {
  const {
    upstreamChannels, downstreamChannels, lagWindow, equityRetention, maxEquity, insightFeedback, demandLift, conversionLift,
    baseConversion, valuePerSale, margin, demandBeforeBrand,
  } = model;
  channelSpendAfterHorizon(model, spend, length);
  const upstreamCount = upstreamChannels.length;
  const downstreamCount = downstreamChannels.length;
  const equityInflow = (1 - equityRetention) * maxEquity;
  const { adstock, shortTermAdstock } = stateFor(model);
  for (let channel = 0; channel < downstreamCount; channel += 1) adstock[channel] = downstreamChannels[channel].history;
  for (let channel = 0; channel < upstreamCount; channel += 1) shortTermAdstock[channel] = upstreamChannels[channel].history;
  const { equity, demand, conversion, sales, revenue, contribution } = trace;

  let equityStock = model.initialEquity;
  for (let index = 0; index < length; index += 1) {
    const current = lagWindow + index;

    // Downstream adstock of each channel (normalised so constant spend D holds it at D), its
    // Hill response, and the mean response: the downstream activity that feeds insight.
    let activity = 0;
    let conversionBeforeBrand = baseConversion;
    for (let channel = 0; channel < downstreamCount; channel += 1) {
      const settings = downstreamChannels[channel];
      const stock = settings.retention * adstock[channel] + (1 - settings.retention) * spend[upstreamCount + channel][current];
      adstock[channel] = stock;
      const channelResponse = hill(stock, settings.halfSaturation, settings.shape);
      if (tape !== undefined) {
        tape.adstock[channel][index] = stock;
        tape.response[channel][index] = channelResponse;
      }
      activity += channelResponse;
      conversionBeforeBrand += settings.maxConversionLift * channelResponse;
    }
    if (downstreamCount > 0) activity /= downstreamCount;
    if (tape !== undefined) tape.activity[index] = activity;

    // Each upstream channel: lagged spend (weighted over its lags that count), made more
    // effective by insight, through its own Hill curve into its share β of the equity ceiling;
    // and its short-term effect on conversion, when it has one.
    let equityResponse = 0;
    for (let channel = 0; channel < upstreamCount; channel += 1) {
      const settings = upstreamChannels[channel];
      const channelSpend = spend[channel];
      const weights = settings.lagWeights;
      let lagged = 0;
      for (let lag = settings.lagFirst; lag <= settings.lagLast; lag += 1) lagged += weights[lag] * channelSpend[current - lag];
      lagged /= settings.lagWeightSum;
      const effective = lagged * (1 + insightFeedback * activity);
      const channelResponse = hill(effective, settings.halfSaturation, settings.shape);
      equityResponse += settings.equityShare * channelResponse;
      if (tape !== undefined) {
        tape.lagged[channel][index] = lagged;
        tape.effective[channel][index] = effective;
        tape.equityResponse[channel][index] = channelResponse;
      }
    }
    equityStock = equityRetention * equityStock + equityInflow * equityResponse;

    for (let channel = 0; channel < upstreamCount; channel += 1) {
      const settings = upstreamChannels[channel];
      if (!settings.shortTerm) continue;
      const stock = settings.shortTermRetention * shortTermAdstock[channel] + (1 - settings.shortTermRetention) * spend[channel][current];
      shortTermAdstock[channel] = stock;
      const channelResponse = hill(stock, settings.shortTermHalfSaturation, settings.shortTermShape);
      conversionBeforeBrand += settings.shortTermMaxConversionLift * channelResponse;
      if (tape !== undefined) {
        tape.shortTermAdstock[channel][index] = stock;
        tape.shortTermResponse[channel][index] = channelResponse;
      }
    }
    if (tape !== undefined) tape.conversionBeforeBrand[index] = conversionBeforeBrand;

    // Brand enlarges demand and lifts conversion.
    const periodDemand = demandBeforeBrand[index] * (1 + demandLift * equityStock);
    const periodConversion = Math.min(1, conversionBeforeBrand * (1 + conversionLift * equityStock));
    const periodSales = periodDemand * periodConversion;
    const periodRevenue = periodSales * valuePerSale;

    equity[index] = equityStock;
    demand[index] = periodDemand;
    conversion[index] = periodConversion;
    sales[index] = periodSales;
    revenue[index] = periodRevenue;
    contribution[index] = periodRevenue * margin;
  }
}

/**
 * What the reverse pass needs of a run beyond its trace: each channel's intermediate values per
 * period (index t − 1), one array per channel, written by `runModel` when given one.
 */
export interface RunTape {
  /** dⱼ,ₜ and hⱼ,ₜ of each downstream channel. */
  adstock: Float64Array[];
  response: Float64Array[];
  /** Aₜ. */
  activity: Float64Array;
  /** bᵢ,ₜ, xᵢ,ₜ and Hillᵢ(xᵢ,ₜ) of each upstream channel. */
  lagged: Float64Array[];
  effective: Float64Array[];
  equityResponse: Float64Array[];
  /** aᵢ,ₜ and Hillˢᵢ(aᵢ,ₜ) of each upstream channel with a short-term effect (empty arrays for the others). */
  shortTermAdstock: Float64Array[];
  shortTermResponse: Float64Array[];
  /** Conversion before the brand's lift: c₀ plus every downstream lift and short-term effect. */
  conversionBeforeBrand: Float64Array;
}

/** A tape for runs of `length` periods of this model. */
export function createRunTape(model: CompiledModel, length: number): RunTape {
  const rows = (count: number) => Array.from({ length: count }, () => new Float64Array(length));
  const upstreamCount = model.upstreamChannels.length;
  const downstreamCount = model.downstreamChannels.length;
  return {
    adstock: rows(downstreamCount),
    response: rows(downstreamCount),
    activity: new Float64Array(length),
    lagged: rows(upstreamCount),
    effective: rows(upstreamCount),
    equityResponse: rows(upstreamCount),
    shortTermAdstock: model.upstreamChannels.map((channel) => new Float64Array(channel.shortTerm ? length : 0)),
    shortTermResponse: model.upstreamChannels.map((channel) => new Float64Array(channel.shortTerm ? length : 0)),
    conversionBeforeBrand: new Float64Array(length),
  };
}
