import { type CompiledModel, compileModel } from '../compile-model.ts';
import type { Model } from '../model.ts';

/** A compiled model that can take new values for some of its settings, quickly. */
export interface Recompiler {
  /** The compiled model, changed in place by `apply`. */
  readonly compiled: CompiledModel;
  /**
   * Sets the uncertain settings to `values` (one per path, in the order given to
   * `createRecompiler`) and recomputes only the constants they affect, with `compileModel`'s
   * formulas. Powers in the per-period arrays (growth, discount, lag weights) are written
   * exp(y · ln b) rather than Math.pow(b, y), which is 2–3 times faster in Node 20, and a
   * period's growth or discount as (one per whole year) × (one per period of the year), so a
   * draw costs P + Y + 1 exponentials rather than T + k; both agree with Math.pow to about
   * 1e-15 relative. Allocates nothing.
   */
  apply(values: Float64Array): void;
}

type Settings = Record<string, number>;

/** What a setting changes in the compiled model: a scalar, or a flag to rebuild an array. */
const SCALAR_SETTERS: Readonly<Record<string, (compiled: CompiledModel, value: number, periodsPerMonth: number) => void>> = {
  'history.upstreamPerMonth': (compiled, value, pm) => { compiled.historyUpstream = value / pm; },
  'history.downstreamPerMonth': (compiled, value, pm) => { compiled.initialAdstock = value / pm; },
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
};

const DEMAND_PATHS = ['market.inMarketPerMonth', 'market.growthPerYear'];
const LAG_PATHS = ['upstream.lagMonths', 'upstream.lagConcentration'];
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
    'upstream.lagMonths': model.upstream.lagMonths,
    'upstream.lagConcentration': model.upstream.lagConcentration,
    'economics.discountRatePerYear': model.economics.discountRatePerYear,
  };
  for (const path of paths) {
    if (!Object.hasOwn(SCALAR_SETTERS, path) && !Object.hasOwn(settings, path)) throw new Error(`${path} cannot vary from draw to draw`);
  }
  const scalarSetters = paths.map((path) => SCALAR_SETTERS[path]);
  const rebuildDemand = paths.some((path) => DEMAND_PATHS.includes(path));
  const rebuildLag = paths.some((path) => LAG_PATHS.includes(path));
  const rebuildDiscount = paths.some((path) => DISCOUNT_PATHS.includes(path));
  const totalPeriods = compiled.demandBeforeBrand.length;
  const { periodsPerYear } = compiled;
  const seasonality = model.market.seasonality;
  // b^(t/P) = b^(whole years) · b^(period of the year / P): P + years exponentials instead of T + k.
  const withinYear = new Float64Array(periodsPerYear);
  const wholeYears = new Float64Array(Math.ceil(totalPeriods / periodsPerYear) + 1);
  const fillPowers = (logBase: number) => {
    for (let period = 0; period < periodsPerYear; period += 1) withinYear[period] = Math.exp((period / periodsPerYear) * logBase);
    for (let year = 0; year < wholeYears.length; year += 1) wholeYears[year] = Math.exp(year * logBase);
  };
  const power = (index: number) => wholeYears[Math.floor(index / periodsPerYear)] * withinYear[index % periodsPerYear];

  return {
    compiled,
    apply(values) {
      for (let index = 0; index < paths.length; index += 1) {
        const setter = scalarSetters[index];
        if (setter !== undefined) setter(compiled, values[index], periodsPerMonth);
        else settings[paths[index]] = values[index];
      }
      if (rebuildLag) {
        const lagPeak = settings['upstream.lagMonths'] * periodsPerMonth;
        const logConcentration = Math.log(settings['upstream.lagConcentration']);
        let weightSum = 0;
        for (let lag = 0; lag <= compiled.lagWindow; lag += 1) {
          compiled.lagWeights[lag] = Math.exp((lag - lagPeak) ** 2 * logConcentration);
          weightSum += compiled.lagWeights[lag];
        }
        compiled.lagWeightSum = weightSum;
      }
      if (rebuildDemand) {
        const inMarketPerPeriod = settings['market.inMarketPerMonth'] / periodsPerMonth;
        fillPowers(Math.log1p(settings['market.growthPerYear']));
        for (let index = 0; index < totalPeriods; index += 1) {
          const seasonalIndex = seasonality === null ? 1 : seasonality[index % periodsPerYear];
          compiled.demandBeforeBrand[index] = inMarketPerPeriod * seasonalIndex * power(index);
        }
      }
      if (rebuildDiscount) {
        fillPowers(-Math.log1p(settings['economics.discountRatePerYear']));
        for (let index = 0; index < totalPeriods; index += 1) compiled.discountFactor[index] = power(index + 1);
      }
    },
  };
}
