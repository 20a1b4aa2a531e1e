import type { CompiledModel } from './compile-model.ts';
import { type RunTrace, spendAfterHorizon } from './run-model.ts';

/** The smallest positive normal double: below it a product loses precision. */
const SMALLEST_NORMAL = 2 ** -1022;

/** Constants of one draw's model that every run of it uses: K^S of each Hill curve, and r^S. */
export interface RunPowers {
  upstreamHalfPower: number;
  downstreamHalfPower: number;
  /** (adstock retention)^(downstream shape): how aₜ^S shrinks in a period without downstream spend. */
  adstockRetentionPower: number;
  /** K'ˢ^Sˢ of the upstream short-term curve (0 without `upstream.shortTerm`). */
  shortTermHalfPower: number;
}

/** `RunPowers` for a compiled model (as `runTwoLeverModel` computes K^S: Math.pow). */
export function runPowers(model: CompiledModel): RunPowers {
  return {
    upstreamHalfPower: Math.pow(model.upstreamHalfSaturation, model.upstreamShape),
    downstreamHalfPower: Math.pow(model.downstreamHalfSaturation, model.downstreamShape),
    adstockRetentionPower: Math.pow(model.adstockRetention, model.downstreamShape),
    shortTermHalfPower: model.shortTerm ? Math.pow(model.shortTermHalfSaturation, model.shortTermShape) : 0,
  };
}

/**
 * `runTwoLeverModel` for Monte Carlo: the same equations (spec §4) in the same order, with savings
 * that matter when it runs twice per draw, 10,000 times:
 *
 * - x^S in the Hill curves is exp(S · ln x): in Node 20, Math.pow with a fractional exponent
 *   costs about 100 ns and exp + log about 40 ns, and one power per period was most of a run.
 *   The two differ by a few units in the last place (relative 1e-15), so results agree with
 *   `simulate` to about 1e-13 relative rather than bit for bit (a test checks 1e-11);
 * - K^S of each Hill curve is computed once per draw (`runPowers`) rather than once per period;
 * - x^1 is x, so a shape of exactly 1 skips the power;
 * - `upstream` holds no spend after position `lastSpend` (history included, so that is also the
 *   last period whose lag window reaches spend): the lag sum skips the lags that point past it
 *   (adding 0 changes no bit of a sum), and once the kept lags (lagFirst … lagLast, as in
 *   `runTwoLeverModel`) no longer reach it the lagged upstream is exactly 0 and its Hill curve is
 *   skipped (both give 0 in `runTwoLeverModel` too);
 * - a Hill curve whose input equals the previous period's reuses its output (constant spend
 *   settles the adstock, and then the lagged upstream, on a fixed value within a few periods);
 * - the lagged upstream is reused when both this period's and the previous period's lag windows
 *   hold one and the same spend (the sum would repeat the same operations on the same numbers);
 * - in a period without downstream spend the adstock only decays, aₜ = r·aₜ₋₁ exactly, so
 *   aₜ^S = aₜ₋₁^S · r^S: one multiplication instead of an exponential and a logarithm. Each
 *   step adds about one rounding (≈ 1e-16 relative), and the chain restarts from exp · log
 *   whenever spend resumes or the power would leave the normal range. This is all of the
 *   zero-spend run's downstream response and the planned run's carryover;
 * - once downstream spend has ended and its response h has become so small that
 *   c₀ + c_lift·h == c₀ and 1 + κ·h == 1 in floating point (c_lift·h ≤ 2⁻⁵⁵·c₀, κ·h ≤ 2⁻⁵⁵),
 *   h only shrinks further, so it is taken as 0 from then on, which changes no bit of any
 *   result. This is most of the zero-spend run and of the carryover.
 *
 * - once no spend can reach either stock (past `lastSpend` and the last downstream spend, with
 *   the downstream response negligible or the adstock 0), a plain loop of the decaying equity
 *   finishes the run: most of the zero-spend run and much of the carryover;
 * - it writes only the trace's equity, revenue and contribution, all that Monte Carlo and the
 *   robust optimiser read; demand, conversion and sales are left as they were;
 * - with `upstream.shortTerm`, its Hill curve is reused while its adstock is unchanged, and once
 *   upstream spend has ended and c_liftˢ·Hill(aₜ) ≤ 2⁻⁵⁵·c₀ (so that adding it leaves the
 *   conversion's sum unchanged) it is taken as 0 from then on, as for the downstream response;
 * - with `economics.carryoverBaseline` "history" there is spend after the horizon: the run
 *   writes it (`spendAfterHorizon`) and then takes `lastSpend` and `lastDownstreamSpend` as
 *   unknown (the end of the run), whatever the caller said.
 *
 * Together about 8 times faster than `runTwoLeverModel` on the 5-year monthly default (the plan and
 * the zero-spend run of 5,000 draws: 18.5 ms against 164.5 ms, fastest of 30 rounds each).
 *
 * @param upstream laid out by `upstreamWithHistory` (history first, for the lag window)
 * @param lastSpend the last position of `upstream` that may hold spend, which is also the last
 *   period index whose lag window reaches it: lagWindow + T − 1 for a plan of T periods,
 *   lagWindow − 1 for the zero-spend run, lagWindow + length − 1 when unsure (a smaller value
 *   drops spend)
 * @param lastDownstreamSpend the last index with downstream spend (length − 1 when unsure; −1 for none)
 */
export function fastRun(
  model: CompiledModel,
  powers: RunPowers,
  upstream: Float64Array,
  downstream: Float64Array,
  length: number,
  lastSpend: number,
  lastDownstreamSpend: number,
  trace: RunTrace,
): void {
  const {
    lagWindow, lagWeights, lagFirst, lagLast, lagWeightSum, equityRetention, adstockRetention, maxEquity,
    upstreamHalfSaturation, upstreamShape, downstreamHalfSaturation, downstreamShape,
    insightFeedback, demandLift, conversionLift, baseConversion, maxConversionLift,
    valuePerSale, margin, demandBeforeBrand,
    shortTerm, shortTermRetention, shortTermHalfSaturation, shortTermShape, shortTermMaxConversionLift,
  } = model;
  // Under the "history" carryover baseline both runs spend after the horizon too.
  spendAfterHorizon(model, upstream, downstream, length);
  if (model.spendsAfterHorizon && length > model.periods) {
    lastSpend = lagWindow + length - 1;
    lastDownstreamSpend = length - 1;
  }
  // The last period whose kept lags (lagFirst … lagLast, see `fillKeptLagWeights`) reach
  // position lastSpend; after it the lagged upstream is exactly 0.
  const lastReach = lastSpend - (lagWindow - lagLast);
  const equityInflow = (1 - equityRetention) * maxEquity;
  const adstockInflow = 1 - adstockRetention;
  const { upstreamHalfPower, downstreamHalfPower, adstockRetentionPower, shortTermHalfPower } = powers;
  const upstreamLinear = upstreamShape === 1;
  const downstreamLinear = downstreamShape === 1;
  const { equity, revenue, contribution } = trace;

  // Below these, h no longer changes c₀ + c_lift·h or 1 + κ·h (see above).
  const negligibleForConversion = baseConversion * 2 ** -55;
  const negligibleForFeedback = 2 ** -55;
  let downstreamNegligible = false;
  let lastAdstock = Number.NaN;
  let lastDownstreamResponse = 0;
  // lastAdstock^S while it is known and a normal number, else NaN.
  let lastDownstreamPower = Number.NaN;
  let lastEffectiveUpstream = Number.NaN;
  let lastUpstreamResponse = 0;

  // How many values up to the current one in `upstream` are equal (the history's are).
  let sameSpendRun = lagWindow;
  let lastLaggedUpstream = 0;

  // The upstream short-term effect (only with upstream.shortTerm): its adstock, the last one
  // whose Hill curve was computed, c_liftˢ·Hill of it, and whether it is negligible for good.
  const shortTermInflow = 1 - shortTermRetention;
  const shortTermLinear = shortTermShape === 1;
  const lastUpstreamSpend = lastSpend - lagWindow;
  let shortTermAdstock = model.historyUpstream;
  let lastShortTermAdstock = Number.NaN;
  let shortTermEffect = 0;
  let shortTermNegligible = false;

  let equityStock = model.initialEquity;
  let adstock = model.initialAdstock;
  let index = 0;
  for (; index < length; index += 1) {
    const current = lagWindow + index;
    sameSpendRun = current > 0 && upstream[current] === upstream[current - 1] ? sameSpendRun + 1 : 1;
    let laggedUpstream = 0;
    if (index <= lastReach) {
      if (index > 0 && sameSpendRun >= lagLast + 2) {
        laggedUpstream = lastLaggedUpstream;
      } else {
        // Positions after lastSpend hold no spend: skipping their zero terms leaves every bit of the sum as it was.
        for (let lag = Math.max(lagFirst, current - lastSpend); lag <= lagLast; lag += 1) laggedUpstream += lagWeights[lag] * upstream[current - lag];
        laggedUpstream /= lagWeightSum;
      }
    }
    lastLaggedUpstream = laggedUpstream;

    adstock = adstockRetention * adstock + adstockInflow * downstream[index];
    let downstreamResponse = 0;
    if (adstock === lastAdstock) {
      downstreamResponse = lastDownstreamResponse;
    } else if (adstock > 0 && !downstreamNegligible) {
      // NaN when the chain is broken (NaN · r^S fails the test below).
      const decayed = downstream[index] === 0 ? lastDownstreamPower * adstockRetentionPower : Number.NaN;
      const power = decayed >= SMALLEST_NORMAL ? decayed
        : downstreamLinear ? adstock : Math.exp(downstreamShape * Math.log(adstock));
      const sum = power + downstreamHalfPower;
      if (sum > 0 && sum < Infinity) {
        downstreamResponse = power / sum;
        lastDownstreamPower = power >= SMALLEST_NORMAL ? power : Number.NaN;
      } else {
        downstreamResponse = 1 / (1 + Math.pow(downstreamHalfSaturation / adstock, downstreamShape));
        lastDownstreamPower = Number.NaN;
      }
      if (index > lastDownstreamSpend && maxConversionLift * downstreamResponse <= negligibleForConversion
        && insightFeedback * downstreamResponse <= negligibleForFeedback) {
        downstreamNegligible = true;
        downstreamResponse = 0;
      }
    } else {
      lastDownstreamPower = Number.NaN;
    }
    lastAdstock = adstock;
    lastDownstreamResponse = downstreamResponse;

    const effectiveUpstream = laggedUpstream * (1 + insightFeedback * downstreamResponse);
    let upstreamResponse = 0;
    if (effectiveUpstream === lastEffectiveUpstream) {
      upstreamResponse = lastUpstreamResponse;
    } else if (effectiveUpstream > 0) {
      const power = upstreamLinear ? effectiveUpstream : Math.exp(upstreamShape * Math.log(effectiveUpstream));
      const sum = power + upstreamHalfPower;
      upstreamResponse = sum > 0 && sum < Infinity ? power / sum : 1 / (1 + Math.pow(upstreamHalfSaturation / effectiveUpstream, upstreamShape));
    }
    lastEffectiveUpstream = effectiveUpstream;
    lastUpstreamResponse = upstreamResponse;
    equityStock = equityRetention * equityStock + equityInflow * upstreamResponse;

    const periodDemand = demandBeforeBrand[index] * (1 + demandLift * equityStock);
    let conversionBeforeBrand = baseConversion + maxConversionLift * downstreamResponse;
    if (shortTerm) {
      shortTermAdstock = shortTermRetention * shortTermAdstock + shortTermInflow * upstream[current];
      if (shortTermAdstock !== lastShortTermAdstock && !shortTermNegligible) {
        lastShortTermAdstock = shortTermAdstock;
        let response = 0;
        if (shortTermAdstock > 0) {
          const power = shortTermLinear ? shortTermAdstock : Math.exp(shortTermShape * Math.log(shortTermAdstock));
          const sum = power + shortTermHalfPower;
          response = sum > 0 && sum < Infinity ? power / sum : 1 / (1 + Math.pow(shortTermHalfSaturation / shortTermAdstock, shortTermShape));
        }
        shortTermEffect = shortTermMaxConversionLift * response;
        if (index > lastUpstreamSpend && shortTermEffect <= negligibleForConversion) {
          shortTermNegligible = true;
          shortTermEffect = 0;
        }
      }
      conversionBeforeBrand += shortTermEffect;
    }
    const periodConversion = Math.min(1, conversionBeforeBrand * (1 + conversionLift * equityStock));
    const periodSales = periodDemand * periodConversion;
    const periodRevenue = periodSales * valuePerSale;

    equity[index] = equityStock;
    revenue[index] = periodRevenue;
    contribution[index] = periodRevenue * margin;

    // From here on nothing feeds the stocks: no spend reaches the lag window or the adstock.
    if (index >= lastReach && index >= lastDownstreamSpend && (downstreamNegligible || adstock === 0)
      && (!shortTerm || shortTermNegligible || shortTermAdstock === 0)) {
      index += 1;
      break;
    }
  }

  // The tail: every response is 0, so equity only decays. The same operations as above with
  // h = 0, x = 0 and no short-term effect (E·ρ + inflow·0 is E·ρ, c₀ + c_lift·0 is c₀), so the same bits.
  for (; index < length; index += 1) {
    equityStock *= equityRetention;
    const periodRevenue = demandBeforeBrand[index] * (1 + demandLift * equityStock)
      * Math.min(1, baseConversion * (1 + conversionLift * equityStock)) * valuePerSale;
    equity[index] = equityStock;
    revenue[index] = periodRevenue;
    contribution[index] = periodRevenue * margin;
  }
}
