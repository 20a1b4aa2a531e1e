import {
  type CompiledModel, type LagWeightFiller, compileDownstreamChannel, compileModel, compileUpstreamChannel,
} from './compile-model.ts';
import { type Model, isChannelModel } from '../model/model.ts';
import { type DownstreamChannelSettings, type UpstreamChannelSettings, modelChannels } from '../model/model-channels.ts';
import type { KeptLags } from './lag-weights.ts';
import { negligibleLagShare, peakLag } from './lag-weights.ts';
import { seasonalIndices } from './seasonality.ts';
import { equityImpliedByChannelHistory } from './starting-equity.ts';

/** A compiled model that can take new values for some of its settings, quickly. */
export interface Recompiler {
  /**
   * The compiled model, changed by `apply`: its scalars in place, its rebuilt arrays (demand,
   * discount factors, lag weights) in place, and each channel whose settings a draw changes
   * replaced by a newly compiled one (so a channel object is never changed once made).
   */
  readonly compiled: CompiledModel;
  /**
   * Sets the uncertain settings to `values` (one per path, in the order given to
   * `createRecompiler`) and recompiles only what they change:
   * - a channel whose settings change is compiled again by `compileModel`'s own per-channel
   *   functions (`compileUpstreamChannel`, `compileDownstreamChannel`) from its settings with the
   *   draw's values; the other channels stay as they are;
   * - an upstream channel's lag weights c^((l − peak)²), only when its lag, concentration or
   *   shape vary, are a running product outward from the peak, in one buffer per channel:
   *   w(l + 1) = w(l) · c^(2(l − peak) + 1), and that ratio itself shrinks by c² each lag,
   *   rather than one exponential (20–40 ns in Node 20) per lag;
   * - a period's growth or discount factor b^(t/P) is (b^(1/P))^(period of the year) ×
   *   b^(whole years), each power a running product: 2 exponentials per draw rather than T + k.
   * Both running products restart from exp every `RESTART_EVERY` steps, so rounding (which grows
   * with the square of the steps in such a two-level product) stays near 1e-14 relative.
   * Results agree with `compileModel`'s Math.pow to about 1e-14 relative.
   * Allocates only the recompiled channels' objects.
   */
  apply(values: Float64Array): void;
  /**
   * An independent copy of the compiled model as it is now: the arrays that `apply` rewrites in
   * place (rebuilt demand and discount factors, recomputed lag weights) are copied, everything
   * else shared. For keeping one compiled model per draw (the robust optimiser).
   */
  snapshot(): CompiledModel;
}

/** Where a path's value goes: a model-wide constant, the demand or discount factors, or a channel's settings. */
export type Target =
  | { kind: 'scalar'; set: (compiled: CompiledModel, value: number, periodsPerMonth: number) => void }
  | { kind: 'demand' | 'discount'; key: string }
  | { kind: 'upstream' | 'downstream'; channel: number; key: string };

/** Model-wide settings and what each changes in the compiled model. */
const SCALAR_SETTERS: Readonly<Record<string, (compiled: CompiledModel, value: number, periodsPerMonth: number) => void>> = {
  'brand.initialEquity': (compiled, value) => { compiled.initialEquity = value; },
  'brand.maxEquity': (compiled, value) => { compiled.maxEquity = value; },
  'brand.halfLifeMonths': (compiled, value, pm) => { compiled.equityRetention = Math.pow(0.5, 1 / (value * pm)); },
  'brand.demandLift': (compiled, value) => { compiled.demandLift = value; },
  'brand.conversionLift': (compiled, value) => { compiled.conversionLift = value; },
  'upstream.insightFeedback': (compiled, value) => { compiled.insightFeedback = value; },
  'economics.baseConversion': (compiled, value) => { compiled.baseConversion = value; },
  'economics.valuePerSale': (compiled, value) => { compiled.valuePerSale = value; },
  'economics.margin': (compiled, value) => { compiled.margin = value; },
};
const DEMAND_PATHS = ['market.inMarketPerMonth', 'market.growthPerYear'];
const DISCOUNT_PATHS = ['economics.discountRatePerYear'];

/** The settings of a channel that may vary from draw to draw (its window and share may not: see the field table). */
const UPSTREAM_KEYS = [
  'historyPerMonth', 'lagMonths', 'lagConcentration', 'halfSaturation', 'shape', 'maxEquityShare',
  'shortTerm.halfLifeMonths', 'shortTerm.halfSaturation', 'shortTerm.shape', 'shortTerm.maxConversionLift',
];
const DOWNSTREAM_KEYS = ['historyPerMonth', 'halfLifeMonths', 'halfSaturation', 'shape', 'maxConversionLift'];
/** The settings that set which lags count and their weights (the shape sets the cut-off: `negligibleLagShare`). */
const LAG_KEYS = ['lagMonths', 'lagConcentration', 'shape'];

/** A two-lever path as a setting of the side's single channel (spec §9.1: a two-lever file is one channel a side). */
const TWO_LEVER_CHANNEL_PATHS: Readonly<Record<string, { kind: 'upstream' | 'downstream'; key: string }>> = {
  'history.upstreamPerMonth': { kind: 'upstream', key: 'historyPerMonth' },
  'history.downstreamPerMonth': { kind: 'downstream', key: 'historyPerMonth' },
  'upstream.lagMonths': { kind: 'upstream', key: 'lagMonths' },
  'upstream.lagConcentration': { kind: 'upstream', key: 'lagConcentration' },
  'upstream.halfSaturation': { kind: 'upstream', key: 'halfSaturation' },
  'upstream.shape': { kind: 'upstream', key: 'shape' },
  'upstream.shortTerm.halfLifeMonths': { kind: 'upstream', key: 'shortTerm.halfLifeMonths' },
  'upstream.shortTerm.halfSaturation': { kind: 'upstream', key: 'shortTerm.halfSaturation' },
  'upstream.shortTerm.shape': { kind: 'upstream', key: 'shortTerm.shape' },
  'upstream.shortTerm.maxConversionLift': { kind: 'upstream', key: 'shortTerm.maxConversionLift' },
  'downstream.halfLifeMonths': { kind: 'downstream', key: 'halfLifeMonths' },
  'downstream.halfSaturation': { kind: 'downstream', key: 'halfSaturation' },
  'downstream.shape': { kind: 'downstream', key: 'shape' },
  'downstream.maxConversionLift': { kind: 'downstream', key: 'maxConversionLift' },
};

/**
 * Where `path`'s value goes in a compiled `model`, or a reason it cannot vary. Channel paths are
 * `upstream.channels.<name>.<setting>` (`….shortTerm.<setting>` for a short-term effect) and
 * `downstream.channels.<name>.<setting>` in the channel form; a two-lever model's side paths
 * (`upstream.halfSaturation`, `history.upstreamPerMonth`, …) are its single channels' settings.
 */
export function targetOf(model: Model, path: string, channels: ReturnType<typeof modelChannels>): Target | string {
  if (Object.hasOwn(SCALAR_SETTERS, path)) return { kind: 'scalar', set: SCALAR_SETTERS[path] };
  if (DEMAND_PATHS.includes(path)) return { kind: 'demand', key: path };
  if (DISCOUNT_PATHS.includes(path)) return { kind: 'discount', key: path };
  let target: { kind: 'upstream' | 'downstream'; channel: number; key: string } | undefined;
  if (!isChannelModel(model)) {
    const side = TWO_LEVER_CHANNEL_PATHS[path];
    if (Object.hasOwn(TWO_LEVER_CHANNEL_PATHS, path)) target = { ...side, channel: 0 };
  } else {
    const match = /^(upstream|downstream)\.channels\.([^.]+)\.(.+)$/.exec(path);
    if (match !== null) {
      const kind = match[1] as 'upstream' | 'downstream';
      const channel = channels[kind].findIndex((settings) => settings.name === match[2]);
      if (channel < 0) return `${path} cannot vary: the model has no ${kind} channel named ${match[2]}`;
      if (!(kind === 'upstream' ? UPSTREAM_KEYS : DOWNSTREAM_KEYS).includes(match[3])) return `${path} cannot vary from draw to draw`;
      target = { kind, channel, key: match[3] };
    }
  }
  if (target === undefined) return `${path} cannot vary from draw to draw`;
  if (target.key.startsWith('shortTerm.') && channels.upstream[target.channel].shortTerm === undefined) {
    return isChannelModel(model) ? `${path} cannot vary: the channel ${channels.upstream[target.channel].name} has no shortTerm`
      : `${path} cannot vary: the model has no upstream.shortTerm`;
  }
  return target;
}

/**
 * Where a channel setting's value goes: the object (the recompiler's copy of the channel's
 * settings, or of its `shortTerm`) and the key in it, found once rather than every draw.
 */
function channelSettingSlot(settings: UpstreamChannelSettings | DownstreamChannelSettings, key: string): { object: Record<string, number>; key: string } {
  if (key.startsWith('shortTerm.')) {
    return { object: (settings as UpstreamChannelSettings).shortTerm as unknown as Record<string, number>, key: key.slice('shortTerm.'.length) };
  }
  return { object: settings as unknown as Record<string, number>, key };
}

/**
 * Compiles `model` once and prepares to change the settings at `paths` draw after draw.
 * @throws {Error} for a path that cannot vary (one with a `fixedReason`, unknown, a short-term
 *   setting without a short-term effect); parseModel already refuses those in `uncertainty`
 * @example createRecompiler(model, ['upstream.channels.TV.halfSaturation']).apply(Float64Array.of(50000))
 */
export function createRecompiler(model: Model, paths: readonly string[]): Recompiler {
  const compiled = compileModel(model);
  // Arrays and channel lists are copied so that the caller's compiled model, if any, is never changed.
  compiled.demandBeforeBrand = compiled.demandBeforeBrand.slice();
  compiled.discountFactor = compiled.discountFactor.slice();
  compiled.upstreamChannels = compiled.upstreamChannels.slice();
  compiled.downstreamChannels = compiled.downstreamChannels.slice();
  const periodsPerMonth = model.periodsPerYear / 12;
  const { spendsAfterHorizon } = compiled;
  const channels = modelChannels(model);
  const targets = paths.map((path) => {
    const target = targetOf(model, path, channels);
    if (typeof target === 'string') throw new Error(target);
    return target;
  });

  // Each channel a path changes: its settings (a copy, with the draw's values) and, upstream,
  // how its lag weights are made.
  const upstreamSettings = new Map<number, UpstreamChannelSettings>();
  const downstreamSettings = new Map<number, DownstreamChannelSettings>();
  const lagFillers = new Map<number, LagWeightFiller>();
  // The upstream channels whose lag weights a draw rewrites in place (in a buffer of their own).
  const lagsRewritten = new Set<number>();
  for (const target of targets) {
    if (target.kind === 'upstream' && !upstreamSettings.has(target.channel)) {
      const settings = channels.upstream[target.channel];
      upstreamSettings.set(target.channel, { ...settings, shortTerm: settings.shortTerm === undefined ? undefined : { ...settings.shortTerm } });
      const lagsVary = targets.some((other) => other.kind === 'upstream' && other.channel === target.channel && LAG_KEYS.includes(other.key));
      lagFillers.set(target.channel, lagFillerFor(compiled.upstreamChannels[target.channel], lagsVary));
      if (lagsVary) lagsRewritten.add(target.channel);
    }
    if (target.kind === 'downstream' && !downstreamSettings.has(target.channel)) {
      downstreamSettings.set(target.channel, { ...channels.downstream[target.channel] });
    }
  }
  const changedUpstream = [...upstreamSettings.keys()];
  const changedDownstream = [...downstreamSettings.keys()];
  // Per path: where a channel setting's value goes (null for the others).
  const slots = targets.map((target) => (target.kind === 'upstream' ? channelSettingSlot(upstreamSettings.get(target.channel)!, target.key)
    : target.kind === 'downstream' ? channelSettingSlot(downstreamSettings.get(target.channel)!, target.key) : null));
  // Each recompiled channel with its settings and lag filler, looked up once.
  const upstreamJobs = changedUpstream.map((channel) => ({ channel, settings: upstreamSettings.get(channel)!, lags: lagFillers.get(channel)! }));
  const downstreamJobs = changedDownstream.map((channel) => ({ channel, settings: downstreamSettings.get(channel)! }));

  // A starting equity of "history" is E* of each draw's settings, unless the draws give it a
  // value of its own (as setting it on the model would; parseModel refuses such a range).
  const recomputeEquity = compiled.equityFromHistory && !paths.includes('brand.initialEquity')
    && targets.some((target) => target.kind === 'upstream' || target.kind === 'downstream'
      || (target.kind === 'scalar' && (target.set === SCALAR_SETTERS['brand.maxEquity'] || target.set === SCALAR_SETTERS['upstream.insightFeedback'])));
  const settings: Record<string, number> = {
    'market.inMarketPerMonth': model.market.inMarketPerMonth,
    'market.growthPerYear': model.market.growthPerYear,
    'economics.discountRatePerYear': model.economics.discountRatePerYear,
  };
  const rebuildDemand = targets.some((target) => target.kind === 'demand');
  const rebuildDiscount = targets.some((target) => target.kind === 'discount');
  const totalPeriods = compiled.demandBeforeBrand.length;
  const { periodsPerYear } = compiled;
  const seasonality = seasonalIndices(model.market.seasonality, periodsPerYear);
  // Each period's seasonal index (over the horizon and the carryover), or null for none.
  const seasonalDemand = seasonality === null ? null : Float64Array.from({ length: totalPeriods }, (_, index) => seasonality[index % periodsPerYear]);
  // b^(t/P) = b^(whole years) · b^(period of the year / P), each a running product.
  const withinYear = new Float64Array(periodsPerYear);
  const wholeYears = new Float64Array(Math.ceil(totalPeriods / periodsPerYear) + 1);
  const fillPowers = (logBase: number) => {
    runningPowers(withinYear, logBase / periodsPerYear);
    runningPowers(wholeYears, logBase);
  };
  // out[i] = scale · seasonal[i] · b^((i + shift) / P), for i = 0 … totalPeriods − 1, after fillPowers(ln b).
  const writePowers = (out: Float64Array, shift: number, scale: number, seasonal: Float64Array | null) => {
    let year = Math.floor(shift / periodsPerYear);
    let period = shift % periodsPerYear;
    for (let index = 0; index < totalPeriods; index += 1) {
      out[index] = (seasonal === null ? scale : scale * seasonal[index]) * (wholeYears[year] * withinYear[period]);
      period += 1;
      if (period === periodsPerYear) {
        period = 0;
        year += 1;
      }
    }
  };

  return {
    compiled,
    apply(values) {
      for (let index = 0; index < targets.length; index += 1) {
        const target = targets[index];
        const value = values[index];
        const slot = slots[index];
        if (slot !== null) slot.object[slot.key] = value;
        else if (target.kind === 'scalar') target.set(compiled, value, periodsPerMonth);
        else settings[target.key] = value;
      }
      for (let job = 0; job < upstreamJobs.length; job += 1) {
        const { channel, settings: channelSettings, lags } = upstreamJobs[job];
        compiled.upstreamChannels[channel] = compileUpstreamChannel(channelSettings, periodsPerMonth, spendsAfterHorizon, lags);
      }
      for (let job = 0; job < downstreamJobs.length; job += 1) {
        const { channel, settings: channelSettings } = downstreamJobs[job];
        compiled.downstreamChannels[channel] = compileDownstreamChannel(channelSettings, periodsPerMonth, spendsAfterHorizon);
      }
      if (recomputeEquity) {
        compiled.initialEquity = equityImpliedByChannelHistory(compiled.upstreamChannels, compiled.downstreamChannels, compiled.maxEquity, compiled.insightFeedback);
      }
      if (rebuildDemand) {
        const inMarketPerPeriod = settings['market.inMarketPerMonth'] / periodsPerMonth;
        fillPowers(Math.log1p(settings['market.growthPerYear']));
        writePowers(compiled.demandBeforeBrand, 0, inMarketPerPeriod, seasonalDemand);
      }
      if (rebuildDiscount) {
        fillPowers(-Math.log1p(settings['economics.discountRatePerYear']));
        writePowers(compiled.discountFactor, 1, 1, null);
      }
    },
    snapshot() {
      return {
        ...compiled,
        upstreamChannels: compiled.upstreamChannels.map((channel, index) => (
          lagsRewritten.has(index) ? { ...channel, lagWeights: channel.lagWeights.slice() } : channel)),
        downstreamChannels: compiled.downstreamChannels.slice(),
        demandBeforeBrand: rebuildDemand ? compiled.demandBeforeBrand.slice() : compiled.demandBeforeBrand,
        discountFactor: rebuildDiscount ? compiled.discountFactor.slice() : compiled.discountFactor,
      };
    },
  };
}

/**
 * How a recompiled upstream channel gets its lag weights: the ones it was compiled with when its
 * lag settings do not vary, else running products (`fillRunningLagWeights`) in a buffer of its own.
 */
function lagFillerFor(base: CompiledModel['upstreamChannels'][number], lagsVary: boolean): LagWeightFiller {
  const kept: KeptLags & { weights: Float64Array } = {
    weights: base.lagWeights.slice(), first: base.lagFirst, last: base.lagLast, sum: base.lagWeightSum,
  };
  if (!lagsVary) return () => kept;
  return (lagWindow, lagPeak, concentration, shape) => {
    fillRunningLagWeights(kept, lagWindow, lagPeak, Math.log(concentration), shape);
    return kept;
  };
}

/** Restart a running product from exp after this many steps (see `Recompiler.apply`). */
const RESTART_EVERY = 16;

/** powers[i] = exp(i · logStep), as a running product restarted every `RESTART_EVERY` steps. */
function runningPowers(powers: Float64Array, logStep: number): void {
  const step = Math.exp(logStep);
  for (let index = 0; index < powers.length; index += 1) {
    powers[index] = index % RESTART_EVERY === 0 ? Math.exp(index * logStep) : powers[index - 1] * step;
  }
}

/**
 * kept.weights[l] = c^((l − peak)²) for the lags that count (`fillKeptLagWeights`' rule, the same
 * cut-off) and 0 for the others, with c = exp(logConcentration); sets kept's first, last and sum.
 * Computed outward from the lag nearest the peak, where weights only shrink, so each walk stops
 * at its first negligible lag: O(kept lags) per draw, however long the window. Only the previous
 * draw's kept lags (kept.first … kept.last on entry) need clearing. The largest weight is
 * computed directly; where c is tiny the running product may round a weight to 0 before Math.pow
 * would, which changes the weighted average by less than c of itself.
 */
function fillRunningLagWeights(kept: KeptLags & { weights: Float64Array }, lagWindow: number, peak: number, logConcentration: number, shape: number): void {
  const weights = kept.weights;
  const last = lagWindow;
  weights.fill(0, kept.first, kept.last + 1);
  const start = peakLag(peak, last);
  const squared = Math.exp(2 * logConcentration);
  const cutoff = Math.exp((start - peak) * (start - peak) * logConcentration) * negligibleLagShare(last, shape);
  // Walks from `first` one lag at a time in `direction` (+1 or −1), where weights only shrink:
  // w(lag + direction) / w(lag) = c^(1 + 2·direction·d), a ratio that itself shrinks by c² a lag.
  // Returns the last lag kept (first − direction when none is).
  const walk = (first: number, direction: number) => {
    let weight = 0;
    let ratio = 0;
    let lag = first;
    for (let step = 0; lag >= 0 && lag <= last; lag += direction, step += 1) {
      const distance = lag - peak;
      if (step % RESTART_EVERY === 0) {
        weight = Math.exp(distance * distance * logConcentration);
        ratio = Math.exp((1 + 2 * direction * distance) * logConcentration);
      } else {
        weight *= ratio;
        ratio *= squared;
      }
      if (!(weight > cutoff)) break;
      weights[lag] = weight;
    }
    return lag - direction;
  };
  kept.last = walk(start, 1); // the peak itself is always kept
  kept.first = walk(start - 1, -1);
  // Summed from the lowest lag up, as `fillKeptLagWeights` sums.
  let sum = 0;
  for (let lag = kept.first; lag <= kept.last; lag += 1) sum += weights[lag];
  kept.sum = sum;
}
