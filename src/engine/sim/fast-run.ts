import type { CompiledModel } from './compile-model.ts';
import { type ChannelSpendBuffers, type RunTrace, channelSpendAfterHorizon } from './run-model.ts';

/** The smallest positive normal double: below it a product loses precision. */
const SMALLEST_NORMAL = 2 ** -1022;

/**
 * Constants of one draw's model that every run of it uses, per channel: K^S of each Hill curve,
 * and ρ^S of each downstream adstock. `updateRunPowers` recomputes a power only when the numbers
 * it comes from changed (a Monte Carlo draw usually changes a few).
 */
export interface RunPowers {
  /** Per upstream channel: K'ᵢ^Sᵢ. */
  upstreamHalfPower: Float64Array;
  /** Per upstream channel: K'ˢ^Sˢ of its short-term curve (0 without one). */
  shortTermHalfPower: Float64Array;
  /** Per downstream channel: K'ⱼ^Sⱼ. */
  downstreamHalfPower: Float64Array;
  /** Per downstream channel: ρⱼ^Sⱼ, how its adstock's power shrinks in a period without its spend. */
  adstockRetentionPower: Float64Array;
  /** The base and exponent each power above was computed from, in the same order (NaN: not yet). */
  from: Float64Array;
}

/** `RunPowers` for a compiled model (K^S by Math.pow, as `hill` computes it). */
export function runPowers(model: CompiledModel): RunPowers {
  const upstreamCount = model.upstreamChannels.length;
  const downstreamCount = model.downstreamChannels.length;
  const powers: RunPowers = {
    upstreamHalfPower: new Float64Array(upstreamCount),
    shortTermHalfPower: new Float64Array(upstreamCount),
    downstreamHalfPower: new Float64Array(downstreamCount),
    adstockRetentionPower: new Float64Array(downstreamCount),
    from: new Float64Array(4 * (upstreamCount + downstreamCount)).fill(Number.NaN),
  };
  updateRunPowers(model, powers);
  return powers;
}

/** base^exponent into out[index], unless from[at], from[at + 1] already hold that base and exponent. */
function updatePower(out: Float64Array, index: number, from: Float64Array, at: number, base: number, exponent: number): void {
  if (from[at] === base && from[at + 1] === exponent) return;
  from[at] = base;
  from[at + 1] = exponent;
  out[index] = Math.pow(base, exponent);
}

/** Brings `powers` up to date with `model`'s channels, recomputing only the powers whose base or exponent changed. */
export function updateRunPowers(model: CompiledModel, powers: RunPowers): void {
  const { upstreamChannels, downstreamChannels } = model;
  const { from } = powers;
  const upstreamCount = upstreamChannels.length;
  for (let channel = 0; channel < upstreamCount; channel += 1) {
    const settings = upstreamChannels[channel];
    updatePower(powers.upstreamHalfPower, channel, from, 4 * channel, settings.halfSaturation, settings.shape);
    if (settings.shortTerm) updatePower(powers.shortTermHalfPower, channel, from, 4 * channel + 2, settings.shortTermHalfSaturation, settings.shortTermShape);
    else powers.shortTermHalfPower[channel] = 0;
  }
  for (let channel = 0; channel < downstreamChannels.length; channel += 1) {
    const settings = downstreamChannels[channel];
    const at = 4 * (upstreamCount + channel);
    updatePower(powers.downstreamHalfPower, channel, from, at, settings.halfSaturation, settings.shape);
    updatePower(powers.adstockRetentionPower, channel, from, at + 2, settings.retention, settings.shape);
  }
}

/**
 * Per-channel state of a run, kept between runs so that a run allocates nothing. One set for
 * the process (runs are synchronous), grown to the largest channel counts seen.
 */
const scratch = {
  upstream: 0,
  downstream: 0,
  // Downstream channels: adstock dⱼ, the last adstock whose Hill curve was computed, its response,
  // that adstock^S while known and normal (else NaN), and this period's response.
  adstock: new Float64Array(0),
  lastAdstock: new Float64Array(0),
  lastDownstreamResponse: new Float64Array(0),
  lastDownstreamPower: new Float64Array(0),
  // Upstream channels: how many values up to the current one are equal in its spend buffer, the
  // last lagged spend, the last effective spend and its response, the last period whose kept lags
  // reach spend; its short-term adstock, the last one whose curve was computed, c_liftˢ·Hill of it,
  // 1 while that effect sleeps (see `fastRun`), and the decays of its adstock not yet applied.
  sameSpendRun: new Float64Array(0),
  lastLagged: new Float64Array(0),
  lastEffective: new Float64Array(0),
  lastUpstreamResponse: new Float64Array(0),
  lastReach: new Float64Array(0),
  shortTermAdstock: new Float64Array(0),
  lastShortTermAdstock: new Float64Array(0),
  shortTermEffect: new Float64Array(0),
  shortTermAsleep: new Uint8Array(0),
  pendingShortTermDecay: new Float64Array(0),
  // Downstream channels: decays of a sleeping adstock not yet applied.
  pendingDecay: new Float64Array(0),
};

function scratchFor(upstreamCount: number, downstreamCount: number): typeof scratch {
  if (scratch.upstream < upstreamCount) {
    scratch.upstream = upstreamCount;
    scratch.sameSpendRun = new Float64Array(upstreamCount);
    scratch.lastLagged = new Float64Array(upstreamCount);
    scratch.lastEffective = new Float64Array(upstreamCount);
    scratch.lastUpstreamResponse = new Float64Array(upstreamCount);
    scratch.lastReach = new Float64Array(upstreamCount);
    scratch.shortTermAdstock = new Float64Array(upstreamCount);
    scratch.lastShortTermAdstock = new Float64Array(upstreamCount);
    scratch.shortTermEffect = new Float64Array(upstreamCount);
    scratch.shortTermAsleep = new Uint8Array(upstreamCount);
    scratch.pendingShortTermDecay = new Float64Array(upstreamCount);
  }
  if (scratch.downstream < downstreamCount) {
    scratch.downstream = downstreamCount;
    scratch.adstock = new Float64Array(downstreamCount);
    scratch.lastAdstock = new Float64Array(downstreamCount);
    scratch.lastDownstreamResponse = new Float64Array(downstreamCount);
    scratch.lastDownstreamPower = new Float64Array(downstreamCount);
    scratch.pendingDecay = new Float64Array(downstreamCount);
  }
  return scratch;
}

/**
 * `runModel` for Monte Carlo and the robust optimiser: the same equations (spec §9.3, which with
 * one channel a side is §4) in the same order, with savings that matter when it runs twice per
 * draw, 10,000 times. Each applies to every channel on its own:
 *
 * - x^S in the Hill curves is exp(S · ln x): in Node 20, Math.pow with a fractional exponent
 *   costs about 100 ns and exp + log about 40 ns, and one power per channel and period was most
 *   of a run. The two differ by a few units in the last place (relative 1e-15), so results agree
 *   with `simulate` to about 1e-13 relative rather than bit for bit (a test checks 1e-11);
 * - K^S of each Hill curve is computed once per draw (`runPowers`) rather than once per period;
 * - x^1 is x, so a shape of exactly 1 skips the power;
 * - no channel spends after period `lastSpend` (its history, before the horizon, is always
 *   there): the lag sum of an upstream channel skips the lags that point past it (adding 0
 *   changes no bit of a sum), and once the channel's kept lags (lagFirst … lagLast, as in
 *   `runModel`) no longer reach it, its lagged spend is exactly 0 and its Hill curve is
 *   skipped (both give 0 in `runModel` too);
 * - a Hill curve whose input equals the previous period's reuses its output (constant spend
 *   settles an adstock, and then a lagged spend, on a fixed value within a few periods);
 * - an upstream channel's lagged spend is reused when both this period's and the previous
 *   period's lag windows hold one and the same spend (the sum would repeat the same operations
 *   on the same numbers);
 * - in a period without a downstream channel's spend its adstock only decays, aₜ = ρ·aₜ₋₁
 *   exactly, so aₜ^S = aₜ₋₁^S · ρ^S: one multiplication instead of an exponential and a
 *   logarithm. Each step adds about one rounding (≈ 1e-16 relative), and the chain restarts from
 *   exp · log whenever spend resumes or the power would leave the normal range. This is all of
 *   the zero-spend run's downstream responses and the planned run's carryover;
 * - once spend has ended and every downstream channel's response h has become so small that
 *   c₀ + c_lift·h == c₀ and 1 + κ·h == 1 in floating point (c_lift·h ≤ 2⁻⁵⁵·c₀, κ·h ≤ 2⁻⁵⁵),
 *   each h only shrinks further, so the downstream side is taken as 0 from then on, which changes
 *   no bit of any result: every partial sum of the conversion is ≥ c₀, so adding such a term
 *   leaves it as it was, and the mean activity A is at most the largest h, so 1 + κ·A == 1.
 *   (Only all channels together: dropping one channel's tiny h from the mean could move its
 *   last bit while the others are still large.) This is most of the zero-spend run and of the
 *   carryover;
 * - an upstream channel's short-term curve is reused while its adstock is unchanged, and once
 *   spend has ended and c_liftˢ·Hill(aₜ) ≤ 2⁻⁵⁵·c₀ it is taken as 0 from then on (a term of the
 *   conversion's sum again, so exactly);
 * - once no spend can reach any stock (past every channel's last reach, the downstream side and
 *   every short-term effect negligible), a plain loop of the decaying equity finishes the run:
 *   most of the zero-spend run and much of the carryover;
 * - it writes only the trace's equity, revenue and contribution, all that Monte Carlo and the
 *   robust optimiser read; demand, conversion and sales are left as they were;
 * - with `economics.carryoverBaseline` "history" there is spend after the horizon: the run
 *   writes it (`channelSpendAfterHorizon`) and then takes `lastSpend` as unknown (the end of
 *   the run), whatever the caller said.
 *
 * On the two-lever 5-year monthly default, about 8 times faster than `runModel` (docs/benchmarks.md).
 *
 * @param spend laid out by `channelSpendBuffers` (each channel's history first, for the lag windows)
 * @param lastSpend the last period index (t − 1) at which any channel may spend: T − 1 for a plan
 *   of T periods, −1 for the zero-spend run, length − 1 when unsure (a smaller value drops spend)
 */
export function fastRun(
  model: CompiledModel,
  powers: RunPowers,
  spend: ChannelSpendBuffers,
  length: number,
  lastSpend: number,
  trace: RunTrace,
): void {
  const {
    upstreamChannels, downstreamChannels, lagWindow, equityRetention, maxEquity, insightFeedback, demandLift, conversionLift,
    baseConversion, valuePerSale, margin, demandBeforeBrand, channelCount,
  } = model;
  // Under the "history" carryover baseline both runs spend after the horizon too.
  channelSpendAfterHorizon(model, spend, length);
  if (model.spendsAfterHorizon && length > model.periods) lastSpend = length - 1;
  const upstreamCount = upstreamChannels.length;
  const downstreamCount = downstreamChannels.length;
  const { upstreamHalfPower, shortTermHalfPower, downstreamHalfPower, adstockRetentionPower } = powers;
  const state = scratchFor(upstreamCount, downstreamCount);
  const {
    adstock, lastAdstock, lastDownstreamResponse, lastDownstreamPower, pendingDecay,
    sameSpendRun, lastLagged, lastEffective, lastUpstreamResponse, lastReach,
    shortTermAdstock, lastShortTermAdstock, shortTermEffect, shortTermAsleep, pendingShortTermDecay,
  } = state;
  const equityInflow = (1 - equityRetention) * maxEquity;
  const { equity, revenue, contribution } = trace;

  // Below these, h no longer changes c₀ + c_lift·h or 1 + κ·h (see above).
  const negligibleForConversion = baseConversion * 2 ** -55;
  const negligibleForFeedback = 2 ** -55;

  let lastReachOfAll = lastSpend;
  for (let channel = 0; channel < upstreamCount; channel += 1) {
    const settings = upstreamChannels[channel];
    // The history's values are equal, so a run of them starts the count.
    sameSpendRun[channel] = lagWindow;
    lastLagged[channel] = 0;
    lastEffective[channel] = Number.NaN;
    lastUpstreamResponse[channel] = 0;
    // Period index i reads positions L + i − lagLast … of the buffer: the last that reaches L + lastSpend.
    lastReach[channel] = lastSpend + settings.lagLast;
    lastReachOfAll = Math.max(lastReachOfAll, lastReach[channel]);
    shortTermAdstock[channel] = settings.history;
    lastShortTermAdstock[channel] = Number.NaN;
    shortTermEffect[channel] = 0;
    // A channel without a short-term effect is asleep for good.
    shortTermAsleep[channel] = settings.shortTerm ? 0 : 1;
    pendingShortTermDecay[channel] = 0;
  }
  for (let channel = 0; channel < downstreamCount; channel += 1) {
    adstock[channel] = downstreamChannels[channel].history;
    lastAdstock[channel] = Number.NaN;
    lastDownstreamResponse[channel] = 0;
    lastDownstreamPower[channel] = Number.NaN;
    pendingDecay[channel] = 0;
  }
  // True while every downstream channel spends nothing and its response is negligible (see
  // above); at once without downstream channels. Their adstocks then only decay: the decays are
  // counted in pendingDecay and applied, with the same operations, when spend resumes.
  let downstreamAsleep = downstreamCount === 0;
  // True when the last period computed in full changed nothing that feeds the next (every awake
  // adstock at a fixed point, every lagged spend reused): a next period whose spend equals it in
  // every channel then repeats it exactly, and only equity and revenue need computing.
  let settled = false;
  let steadyPeriods = 0;
  let lastEquityResponse = 0;
  let lastConversionBeforeBrand = baseConversion;

  let equityStock = model.initialEquity;
  let index = 0;
  for (; index < length; index += 1) {
    const current = lagWindow + index;
    let equityResponse = 0;
    let conversionBeforeBrand = baseConversion;

    let steady = settled;
    for (let channel = 0; steady && channel < channelCount; channel += 1) {
      const channelSpend = spend[channel];
      if (channelSpend[current] !== channelSpend[current - 1]) steady = false;
    }
    if (steady) {
      steadyPeriods += 1;
      equityResponse = lastEquityResponse;
      conversionBeforeBrand = lastConversionBeforeBrand;
    } else {
      if (steadyPeriods > 0) {
        // What the steady periods left to do: each lag run grew, each sleeping adstock decayed.
        for (let channel = 0; channel < upstreamCount; channel += 1) {
          sameSpendRun[channel] += steadyPeriods;
          if (shortTermAsleep[channel] === 1) pendingShortTermDecay[channel] += steadyPeriods;
        }
        if (downstreamAsleep) for (let channel = 0; channel < downstreamCount; channel += 1) pendingDecay[channel] += steadyPeriods;
        steadyPeriods = 0;
      }
      let unchanged = true;

      // Downstream channels: adstock, Hill response, the mean activity and the conversion lifts.
      let activity = 0;
      if (downstreamAsleep && downstreamCount > 0) {
        let wakes = false;
        for (let channel = 0; channel < downstreamCount; channel += 1) {
          if (spend[upstreamCount + channel][current] !== 0) wakes = true;
        }
        if (wakes) {
          downstreamAsleep = false;
          unchanged = false;
          for (let channel = 0; channel < downstreamCount; channel += 1) {
            const retention = downstreamChannels[channel].retention;
            let stock = adstock[channel];
            for (let decay = pendingDecay[channel]; decay > 0; decay -= 1) stock = retention * stock + (1 - retention) * 0;
            adstock[channel] = stock;
            pendingDecay[channel] = 0;
            lastAdstock[channel] = Number.NaN;
            lastDownstreamPower[channel] = Number.NaN;
          }
        } else {
          for (let channel = 0; channel < downstreamCount; channel += 1) pendingDecay[channel] += 1;
        }
      }
      if (!downstreamAsleep) {
        let allNegligible = true;
        for (let channel = 0; channel < downstreamCount; channel += 1) {
          const settings = downstreamChannels[channel];
          const periodSpend = spend[upstreamCount + channel][current];
          const stock = settings.retention * adstock[channel] + (1 - settings.retention) * periodSpend;
          adstock[channel] = stock;
          let response = 0;
          if (stock === lastAdstock[channel]) {
            response = lastDownstreamResponse[channel];
          } else {
            unchanged = false;
            if (stock > 0) {
              // NaN when the chain is broken (NaN · ρ^S fails the test below).
              const decayed = periodSpend === 0 ? lastDownstreamPower[channel] * adstockRetentionPower[channel] : Number.NaN;
              const power = decayed >= SMALLEST_NORMAL ? decayed
                : settings.shape === 1 ? stock : Math.exp(settings.shape * Math.log(stock));
              const sum = power + downstreamHalfPower[channel];
              if (sum > 0 && sum < Infinity) {
                response = power / sum;
                lastDownstreamPower[channel] = power >= SMALLEST_NORMAL ? power : Number.NaN;
              } else {
                response = 1 / (1 + Math.pow(settings.halfSaturation / stock, settings.shape));
                lastDownstreamPower[channel] = Number.NaN;
              }
            } else {
              lastDownstreamPower[channel] = Number.NaN;
            }
            lastAdstock[channel] = stock;
            lastDownstreamResponse[channel] = response;
          }
          activity += response;
          conversionBeforeBrand += settings.maxConversionLift * response;
          if (allNegligible && !(periodSpend === 0 && settings.maxConversionLift * response <= negligibleForConversion
            && insightFeedback * response <= negligibleForFeedback)) {
            allNegligible = false;
          }
        }
        // The mean; x / 1 is x, so one channel skips the division (as a two-lever model always did).
        if (downstreamCount > 1) activity /= downstreamCount;
        if (allNegligible) {
          downstreamAsleep = true;
          unchanged = false;
          activity = 0;
          conversionBeforeBrand = baseConversion;
        }
      }

      // Upstream channels: lagged spend, made more effective by insight, through each channel's
      // Hill curve into its share β of the equity ceiling.
      for (let channel = 0; channel < upstreamCount; channel += 1) {
        const settings = upstreamChannels[channel];
        const channelSpend = spend[channel];
        const lagLast = settings.lagLast;
        sameSpendRun[channel] = current > 0 && channelSpend[current] === channelSpend[current - 1] ? sameSpendRun[channel] + 1 : 1;
        let lagged = 0;
        if (index <= lastReach[channel]) {
          if (index > 0 && sameSpendRun[channel] >= lagLast + 2) {
            lagged = lastLagged[channel];
          } else {
            unchanged = false;
            // Positions after lagWindow + lastSpend hold no spend: skipping their zero terms leaves every bit of the sum as it was.
            const weights = settings.lagWeights;
            for (let lag = Math.max(settings.lagFirst, index - lastSpend); lag <= lagLast; lag += 1) lagged += weights[lag] * channelSpend[current - lag];
            lagged /= settings.lagWeightSum;
          }
        }
        lastLagged[channel] = lagged;
        const effective = lagged * (1 + insightFeedback * activity);
        let response = 0;
        if (effective === lastEffective[channel]) {
          response = lastUpstreamResponse[channel];
        } else if (effective > 0) {
          const power = settings.shape === 1 ? effective : Math.exp(settings.shape * Math.log(effective));
          const sum = power + upstreamHalfPower[channel];
          response = sum > 0 && sum < Infinity ? power / sum : 1 / (1 + Math.pow(settings.halfSaturation / effective, settings.shape));
        }
        lastEffective[channel] = effective;
        lastUpstreamResponse[channel] = response;
        equityResponse += settings.equityShare * response;
      }

      // Upstream channels' short-term effects on conversion: asleep (0) while the channel spends
      // nothing and its effect is negligible, its adstock's decays counted and applied on waking.
      for (let channel = 0; channel < upstreamCount; channel += 1) {
        const settings = upstreamChannels[channel];
        if (!settings.shortTerm) continue;
        const periodSpend = spend[channel][current];
        if (shortTermAsleep[channel] === 1) {
          if (periodSpend === 0) {
            pendingShortTermDecay[channel] += 1;
            continue;
          }
          shortTermAsleep[channel] = 0;
          const retention = settings.shortTermRetention;
          let stock = shortTermAdstock[channel];
          for (let decay = pendingShortTermDecay[channel]; decay > 0; decay -= 1) stock = retention * stock + (1 - retention) * 0;
          shortTermAdstock[channel] = stock;
          pendingShortTermDecay[channel] = 0;
          lastShortTermAdstock[channel] = Number.NaN;
        }
        const stock = settings.shortTermRetention * shortTermAdstock[channel] + (1 - settings.shortTermRetention) * periodSpend;
        shortTermAdstock[channel] = stock;
        if (stock !== lastShortTermAdstock[channel]) {
          unchanged = false;
          lastShortTermAdstock[channel] = stock;
          let response = 0;
          if (stock > 0) {
            const power = settings.shortTermShape === 1 ? stock : Math.exp(settings.shortTermShape * Math.log(stock));
            const sum = power + shortTermHalfPower[channel];
            response = sum > 0 && sum < Infinity ? power / sum
              : 1 / (1 + Math.pow(settings.shortTermHalfSaturation / stock, settings.shortTermShape));
          }
          shortTermEffect[channel] = settings.shortTermMaxConversionLift * response;
          if (periodSpend === 0 && shortTermEffect[channel] <= negligibleForConversion) {
            shortTermAsleep[channel] = 1;
            shortTermEffect[channel] = 0;
            lastShortTermAdstock[channel] = Number.NaN;
          }
        }
        conversionBeforeBrand += shortTermEffect[channel];
      }
      settled = unchanged && index > 0;
      lastEquityResponse = equityResponse;
      lastConversionBeforeBrand = conversionBeforeBrand;
    }
    equityStock = equityRetention * equityStock + equityInflow * equityResponse;

    const periodDemand = demandBeforeBrand[index] * (1 + demandLift * equityStock);
    const periodConversion = Math.min(1, conversionBeforeBrand * (1 + conversionLift * equityStock));
    const periodRevenue = periodDemand * periodConversion * valuePerSale;

    equity[index] = equityStock;
    revenue[index] = periodRevenue;
    contribution[index] = periodRevenue * margin;

    // From here on nothing feeds the stocks: no spend reaches a lag window, an adstock or a short-term adstock.
    if (index >= lastReachOfAll && index > lastSpend && downstreamAsleep && allShortTermsAsleep(shortTermAsleep, upstreamCount)) {
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

/** True when no upstream channel's short-term effect is awake. */
function allShortTermsAsleep(asleep: Uint8Array, upstreamCount: number): boolean {
  for (let channel = 0; channel < upstreamCount; channel += 1) if (asleep[channel] === 0) return false;
  return true;
}
