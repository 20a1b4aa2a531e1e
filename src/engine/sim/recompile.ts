import { type CompiledModel, compileModel } from './compile-model.ts';
import type { Model, TwoLeverModel } from '../model/model.ts';
import { negligibleLagShare, peakLag } from './lag-weights.ts';
import { seasonalIndices } from './seasonality.ts';
import { equityImpliedByHistory } from './starting-equity.ts';

/** A compiled model that can take new values for some of its settings, quickly. */
export interface Recompiler {
  /** The compiled model, changed in place by `apply`. */
  readonly compiled: CompiledModel;
  /**
   * Sets the uncertain settings to `values` (one per path, in the order given to
   * `createRecompiler`) and recomputes only the constants they affect, with `compileModel`'s
   * formulas, but far fewer exponentials (each costs 20–40 ns in Node 20, and a draw's other
   * work is a few microseconds):
   * - a period's growth or discount factor b^(t/P) is (b^(1/P))^(period of the year) ×
   *   b^(whole years), each power a running product: 2 exponentials per draw rather than T + k;
   * - lag weights c^((l − peak)²) are a running product too, outward from the peak:
   *   w(l + 1) = w(l) · c^(2(l − peak) + 1), and that ratio itself shrinks by c² each lag.
   *   Both restart from exp every `RESTART_EVERY` lags, so rounding (which grows with the
   *   square of the steps in such a two-level product) stays near 1e-14 relative.
   * Results agree with `compileModel`'s Math.pow to about 1e-14 relative. Allocates nothing.
   */
  apply(values: Float64Array): void;
}

type Settings = Record<string, number>;

/** What a setting changes in the compiled model: a scalar, or a flag to rebuild an array. */
const SCALAR_SETTERS: Readonly<Record<string, (compiled: CompiledModel, value: number, periodsPerMonth: number) => void>> = {
  // Under the "history" carryover baseline the history's spend also continues after the horizon.
  'history.upstreamPerMonth': (compiled, value, pm) => {
    compiled.historyUpstream = value / pm;
    if (compiled.spendsAfterHorizon) compiled.upstreamAfterHorizon = compiled.historyUpstream;
  },
  'history.downstreamPerMonth': (compiled, value, pm) => {
    compiled.initialAdstock = value / pm;
    if (compiled.spendsAfterHorizon) compiled.downstreamAfterHorizon = compiled.initialAdstock;
  },
  'brand.initialEquity': (compiled, value) => { compiled.initialEquity = value; },
  'brand.maxEquity': (compiled, value) => { compiled.maxEquity = value; },
  'brand.halfLifeMonths': (compiled, value, pm) => { compiled.equityRetention = Math.pow(0.5, 1 / (value * pm)); },
  'brand.demandLift': (compiled, value) => { compiled.demandLift = value; },
  'brand.conversionLift': (compiled, value) => { compiled.conversionLift = value; },
  'upstream.halfSaturation': (compiled, value, pm) => { compiled.upstreamHalfSaturation = value / pm; },
  'upstream.shape': (compiled, value) => { compiled.upstreamShape = value; },
  'upstream.insightFeedback': (compiled, value) => { compiled.insightFeedback = value; },
  'downstream.halfLifeMonths': (compiled, value, pm) => { compiled.adstockRetention = Math.pow(0.5, 1 / (value * pm)); },
  'downstream.halfSaturation': (compiled, value, pm) => { compiled.downstreamHalfSaturation = value / pm; },
  'downstream.shape': (compiled, value) => { compiled.downstreamShape = value; },
  'downstream.maxConversionLift': (compiled, value) => { compiled.maxConversionLift = value; },
  'economics.baseConversion': (compiled, value) => { compiled.baseConversion = value; },
  'economics.valuePerSale': (compiled, value) => { compiled.valuePerSale = value; },
  'economics.margin': (compiled, value) => { compiled.margin = value; },
  'upstream.shortTerm.halfLifeMonths': (compiled, value, pm) => { compiled.shortTermRetention = Math.pow(0.5, 1 / (value * pm)); },
  'upstream.shortTerm.halfSaturation': (compiled, value, pm) => { compiled.shortTermHalfSaturation = value / pm; },
  'upstream.shortTerm.shape': (compiled, value) => { compiled.shortTermShape = value; },
  'upstream.shortTerm.maxConversionLift': (compiled, value) => { compiled.shortTermMaxConversionLift = value; },
};

/** The settings that E* depends on (`equityImpliedByHistory`), recomputed when brand.initialEquity is "history". */
const EQUITY_FROM_HISTORY_PATHS = [
  'history.upstreamPerMonth', 'history.downstreamPerMonth', 'brand.maxEquity', 'upstream.halfSaturation', 'upstream.shape',
  'upstream.insightFeedback', 'downstream.halfSaturation', 'downstream.shape',
];

const DEMAND_PATHS = ['market.inMarketPerMonth', 'market.growthPerYear'];
// The shape too: it sets which lags are negligible (`negligibleLagShare`).
const LAG_PATHS = ['upstream.lagMonths', 'upstream.lagConcentration', 'upstream.shape'];
const DISCOUNT_PATHS = ['economics.discountRatePerYear'];

/**
 * Compiles `model` once and prepares to change the settings at `paths` draw after draw.
 * @throws {Error} for a path that cannot vary (one with a `fixedReason`, or unknown); parseModel
 *   already refuses those in `uncertainty`
 * @example createRecompiler(model, ['brand.halfLifeMonths']).apply(Float64Array.of(30))
 */
export function createRecompiler(model: Model, paths: readonly string[]): Recompiler {
  const compiled = compileModel(model);
  // Arrays are copied so that the caller's compiled model, if any, is never changed.
  compiled.lagWeights = compiled.lagWeights.slice();
  compiled.demandBeforeBrand = compiled.demandBeforeBrand.slice();
  compiled.discountFactor = compiled.discountFactor.slice();
  const periodsPerMonth = model.periodsPerYear / 12;
  const settings: Settings = {
    'market.inMarketPerMonth': model.market.inMarketPerMonth,
    'market.growthPerYear': model.market.growthPerYear,
    'upstream.lagMonths': (model as TwoLeverModel).upstream.lagMonths,
    'upstream.lagConcentration': (model as TwoLeverModel).upstream.lagConcentration,
    'economics.discountRatePerYear': model.economics.discountRatePerYear,
  };
  for (const path of paths) {
    if (!Object.hasOwn(SCALAR_SETTERS, path) && !Object.hasOwn(settings, path)) throw new Error(`${path} cannot vary from draw to draw`);
    if (path.startsWith('upstream.shortTerm.') && !compiled.shortTerm) throw new Error(`${path} cannot vary: the model has no upstream.shortTerm`);
  }
  // A starting equity of "history" is E* of each draw's settings, unless the draws give it a
  // value of its own (as setting it on the model would; parseModel refuses such a range).
  const recomputeEquity = compiled.equityFromHistory && !paths.includes('brand.initialEquity')
    && paths.some((path) => EQUITY_FROM_HISTORY_PATHS.includes(path));
  const scalarSetters = paths.map((path) => SCALAR_SETTERS[path]);
  const rebuildDemand = paths.some((path) => DEMAND_PATHS.includes(path));
  const rebuildLag = paths.some((path) => LAG_PATHS.includes(path));
  const rebuildDiscount = paths.some((path) => DISCOUNT_PATHS.includes(path));
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
      for (let index = 0; index < paths.length; index += 1) {
        const setter = scalarSetters[index];
        if (setter !== undefined) setter(compiled, values[index], periodsPerMonth);
        else settings[paths[index]] = values[index];
      }
      if (recomputeEquity) {
        compiled.initialEquity = equityImpliedByHistory(compiled.historyUpstream, compiled.initialAdstock, compiled.maxEquity,
          compiled.upstreamHalfSaturation, compiled.upstreamShape, compiled.downstreamHalfSaturation, compiled.downstreamShape,
          compiled.insightFeedback);
      }
      if (rebuildLag) {
        const lagPeak = settings['upstream.lagMonths'] * periodsPerMonth;
        fillLagWeights(compiled, lagPeak, Math.log(settings['upstream.lagConcentration']));
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
 * weights[l] = c^((l − peak)²) for the lags that count (`fillKeptLagWeights`' rule, the same
 * cut-off) and 0 for the others, with c = exp(logConcentration); sets `compiled`'s lagFirst,
 * lagLast and lagWeightSum. Computed outward from the lag nearest the peak, where weights only
 * shrink, so each walk stops at its first negligible lag: O(kept lags) per draw, however long the
 * window. Only the previous draw's kept lags need clearing. The largest weight is computed
 * directly; where c is tiny the running product may round a weight to 0 before Math.pow would,
 * which changes the weighted average by less than c of itself.
 */
function fillLagWeights(compiled: CompiledModel, peak: number, logConcentration: number): void {
  const weights = compiled.lagWeights;
  const last = weights.length - 1;
  weights.fill(0, compiled.lagFirst, compiled.lagLast + 1);
  const start = peakLag(peak, last);
  const squared = Math.exp(2 * logConcentration);
  const cutoff = Math.exp((start - peak) * (start - peak) * logConcentration) * negligibleLagShare(last, compiled.upstreamShape);
  let sum = 0;
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
  compiled.lagLast = walk(start, 1); // the peak itself is always kept
  compiled.lagFirst = walk(start - 1, -1);
  // Summed from the lowest lag up, as `fillKeptLagWeights` sums.
  for (let lag = compiled.lagFirst; lag <= compiled.lagLast; lag += 1) sum += weights[lag];
  compiled.lagWeightSum = sum;
}
