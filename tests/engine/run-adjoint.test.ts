import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Model } from '../../src/engine/model/model.ts';
import { parseModel } from '../../src/engine/model/parse-model.ts';
import { type CompiledModel, compileModel } from '../../src/engine/sim/compile-model.ts';
import { hill } from '../../src/engine/sim/hill.ts';
import { type ConstantsAdjoint, type RunSeeds, createConstantsAdjoint, runAdjoint } from '../../src/engine/sim/run-adjoint.ts';
import { channelSpendBuffers, createRunTape, createRunTrace, runModel } from '../../src/engine/sim/run-model.ts';
import { channelForm, channelModel, positiveRows, spentBefore } from './objective-gradient-models.ts';

/**
 * runAdjoint against central differences of J taken by changing one constant of the
 * compiled model itself (a copy of the model or channel object with one field changed) and
 * running `runModel` again: an independent check of every line of the reverse pass, with no
 * settings or recompiler in between (tests/engine/setting-derivatives.test.ts covers those).
 */

/** J = Σ_{t ≤ last} (R̄ₜ·Rₜ + Ēˢₜ·Eₜ) of one run, the spend buffers rebuilt (a history fills the lag window). */
function objective(compiled: CompiledModel, plan: Float64Array[], length: number, seeds: RunSeeds, last: number): number {
  const spend = channelSpendBuffers(compiled, plan, length);
  const trace = createRunTrace(length);
  runModel(compiled, spend, length, trace);
  let total = 0;
  for (let index = 0; index <= last; index += 1) {
    total += seeds.revenue[index] * trace.revenue[index] + (seeds.equity === undefined ? 0 : seeds.equity[index] * trace.equity[index]);
  }
  return total;
}

function adjointAt(compiled: CompiledModel, plan: Float64Array[], length: number, seeds: RunSeeds, last: number): ConstantsAdjoint {
  const spend = channelSpendBuffers(compiled, plan, length);
  const trace = createRunTrace(length);
  const tape = createRunTape(compiled, length);
  runModel(compiled, spend, length, trace, tape);
  const out = createConstantsAdjoint(compiled);
  runAdjoint(compiled, spend, trace, tape, seeds, last, { constants: out });
  return out;
}

/** One constant: its value, a scale for a value of 0, how to change it in a copy, and its adjoint. */
interface Constant {
  name: string;
  value: number;
  /** The step is 1e-6 of this, and derivatives are compared as scale · ∂J/∂constant. */
  scale: number;
  with: (value: number) => CompiledModel;
  adjoint: (out: ConstantsAdjoint) => number;
}

/**
 * The constant's own size, or a typical magnitude for one that is 0 or next to it (a lift, the
 * insight feedback, E₀; fast-check draws 5e-324, whose step would round to 0).
 */
const scaleOf = (value: number, typical: number) => (Math.abs(value) > 1e-6 * typical ? Math.abs(value) : typical);

const SCALARS: readonly [keyof ConstantsAdjoint & keyof CompiledModel, number][] = [
  ['initialEquity', 0.3], ['equityRetention', 1], ['maxEquity', 1], ['demandLift', 1], ['conversionLift', 1],
  ['insightFeedback', 1], ['baseConversion', 0.01], ['valuePerSale', 1],
];
const UPSTREAM_FIELDS = ['history', 'halfSaturation', 'shape', 'equityShare'] as const;
const SHORT_TERM_FIELDS = ['shortTermRetention', 'shortTermHalfSaturation', 'shortTermShape', 'shortTermMaxConversionLift'] as const;
const DOWNSTREAM_FIELDS = ['history', 'retention', 'halfSaturation', 'shape', 'maxConversionLift'] as const;

/** Every constant `runModel` reads, each with its way to change it (a lag weight moves Σ w with it). */
function constantsOf(compiled: CompiledModel): Constant[] {
  const constants: Constant[] = [];
  for (const [key, typical] of SCALARS) {
    constants.push({
      name: key, value: compiled[key] as number, scale: scaleOf(compiled[key] as number, typical),
      with: (value) => ({ ...compiled, [key]: value }), adjoint: (out) => out[key] as number,
    });
  }
  compiled.upstreamChannels.forEach((channel, index) => {
    const replaced = (changed: object) => ({
      ...compiled, upstreamChannels: compiled.upstreamChannels.map((other, at) => (at === index ? { ...other, ...changed } : other)),
    });
    const fields = channel.shortTerm ? [...UPSTREAM_FIELDS, ...SHORT_TERM_FIELDS] : UPSTREAM_FIELDS;
    for (const key of fields) {
      const typical = key === 'history' ? channel.halfSaturation : key === 'shortTermMaxConversionLift' ? 0.01 : 1;
      constants.push({
        name: `upstream ${index} ${key}`, value: channel[key], scale: scaleOf(channel[key], typical),
        with: (value) => replaced({ [key]: value }), adjoint: (out) => out.upstream[index][key],
      });
    }
    for (let lag = channel.lagFirst; lag <= channel.lagLast; lag += 1) {
      const weight = channel.lagWeights[lag];
      constants.push({
        name: `upstream ${index} lagWeights[${lag}]`, value: weight, scale: weight,
        with: (value) => {
          const lagWeights = channel.lagWeights.slice();
          lagWeights[lag] = value;
          return replaced({ lagWeights, lagWeightSum: channel.lagWeightSum + (value - weight) });
        },
        adjoint: (out) => out.upstream[index].lagWeights[lag],
      });
    }
  });
  compiled.downstreamChannels.forEach((channel, index) => {
    for (const key of DOWNSTREAM_FIELDS) {
      const typical = key === 'history' ? channel.halfSaturation : key === 'maxConversionLift' ? 0.01 : 1;
      constants.push({
        name: `downstream ${index} ${key}`, value: channel[key], scale: scaleOf(channel[key], typical),
        with: (value) => ({
          ...compiled, downstreamChannels: compiled.downstreamChannels.map((other, at) => (at === index ? { ...other, [key]: value } : other)),
        }),
        adjoint: (out) => out.downstream[index][key],
      });
    }
  });
  return constants;
}

/**
 * The worst |scale · (adjoint − central difference)| over every constant, relative to the largest
 * scale · ∂J/∂constant (the change in J per relative change of a constant, so that dollars per
 * month and dimensionless shapes compare on one footing). Step 1e-6 of the scale: truncation
 * ~1e-12 relative, rounding ~1e-16 · Σ|terms of J| / 1e-6 ≈ 1e-10 of it, both far below the 1e-6
 * allowed; an error in one term of the reverse pass shows up at the size of that term.
 */
function worstError(compiled: CompiledModel, plan: Float64Array[], length: number, seeds: RunSeeds, last: number) {
  const out = adjointAt(compiled, plan, length, seeds, last);
  let largest = 0;
  let worst = 0;
  let worstName = '';
  for (const constant of constantsOf(compiled)) {
    const step = 1e-6 * constant.scale;
    const above = objective(constant.with(constant.value + step), plan, length, seeds, last);
    const below = objective(constant.with(constant.value - step), plan, length, seeds, last);
    const numeric = constant.scale * ((above - below) / (2 * step));
    const analytic = constant.scale * constant.adjoint(out);
    largest = Math.max(largest, Math.abs(numeric), Math.abs(analytic));
    const error = Math.abs(numeric - analytic);
    if (error > worst) { worst = error; worstName = constant.name; }
  }
  // The lags that do not count are never read: their adjoint is exactly 0.
  compiled.upstreamChannels.forEach((channel, index) => {
    out.upstream[index].lagWeights.forEach((entry, lag) => {
      if (lag < channel.lagFirst || lag > channel.lagLast) expect(entry).toBe(0);
    });
  });
  return { relative: worst / largest, worstName, out };
}

/** A deterministic generator in [0, 1) from a seed (Park–Miller, as `positiveRows`). */
function uniforms(seed: number) {
  let state = Math.max(1, Math.floor(seed) % 2147483647);
  return () => { state = (state * 16807) % 2147483647; return state / 2147483647; };
}

describe('runAdjoint', () => {
  // Random channel models (0–4 channels a side, short-term effects, insight, lags, every
  // granularity; conversion kept below its cap by channelModel), random positive plans, random
  // signed revenue and equity seeds and a random last period (the carryover included). A failure
  // prints fast-check's seed and path: rerun with fc.assert(…, { seed, path }) to replay it.
  it('agrees with central differences of every constant for random channel models, plans and seeds (fast-check)', () => {
    let worst = 0;
    fc.assert(fc.property(
      channelModel().filter(spentBefore), fc.integer({ min: 1, max: 1e6 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean(),
      (model, seed, lastShare, withEquity) => {
        const compiled = compileModel(model);
        const length = compiled.demandBeforeBrand.length;
        const perPeriod = 6e4 / (model.periodsPerYear / 12) / Math.max(1, compiled.channelCount / 2);
        const plan = positiveRows(compiled.channelCount, length, perPeriod, seed);
        const next = uniforms(seed + 7);
        // Revenue weights of either sign; equity weights at the size of a period's revenue per unit of equity.
        const revenueScale = compiled.demandBeforeBrand[0] * compiled.baseConversion * compiled.valuePerSale;
        const seeds: RunSeeds = {
          revenue: Float64Array.from({ length }, () => 2 * next() - 0.8),
          equity: withEquity ? Float64Array.from({ length }, () => revenueScale * (2 * next() - 1)) : undefined,
        };
        const last = Math.min(length - 1, Math.floor(lastShare * length));
        const { relative, worstName } = worstError(compiled, plan, length, seeds, last);
        worst = Math.max(worst, relative);
        expect(relative, worstName).toBeLessThan(1e-6);
      },
    ), { numRuns: 30 });
    console.info(`constants adjoint, random channel models: worst central-difference error ${worst.toExponential(2)} of the largest`);
  });

  it.each<[string, () => Model, number]>([
    ['four a side, short-term effects, insight, weekly', () => channelForm({ upstream: 4, downstream: 4, periodsPerYear: 52 }), 40],
    ['two a side, "history" starting equity and baseline, quarterly', () => channelForm({ upstream: 2, downstream: 2, periodsPerYear: 4, history: true }), 19],
    ['three upstream channels, none downstream, monthly', () => channelForm({ upstream: 3, downstream: 0 }), 50],
  ])('agrees with central differences of every constant with %s', (_name, make, last) => {
    const compiled = compileModel(make());
    const length = compiled.demandBeforeBrand.length;
    const plan = positiveRows(compiled.channelCount, length, 2e4 / (compiled.periodsPerYear / 12), 5);
    const next = uniforms(99);
    const seeds: RunSeeds = { revenue: Float64Array.from({ length }, () => next()), equity: Float64Array.from({ length }, () => 1e5 * (next() - 0.5)) };
    const { relative, worstName } = worstError(compiled, plan, Math.min(length, last + 5), seeds, last);
    expect(relative, worstName).toBeLessThan(1e-6);
  });

  // Conversion min(1, q·(1 + μE)) at its cap in every period (c₀ = 1.5, set on the compiled
  // model: parseModel keeps a file's below 1): nothing that acts only through conversion moves
  // J, and both the adjoint and the differences (±1e-6 stays above the cap) say 0; demand still counts.
  it('gives 0 for every conversion constant when conversion sits at its cap, and still agrees with central differences', () => {
    const base = compileModel(channelForm({ upstream: 2, downstream: 2 }));
    const compiled = { ...base, baseConversion: 1.5 };
    const length = compiled.periods;
    const plan = positiveRows(compiled.channelCount, length, 2e4, 17);
    const seeds: RunSeeds = { revenue: new Float64Array(length).fill(1) };
    const { relative, worstName, out } = worstError(compiled, plan, length, seeds, length - 1);
    expect(relative, worstName).toBeLessThan(1e-6);
    expect(out.baseConversion).toBe(0);
    expect(out.conversionLift).toBe(0);
    expect(out.downstream.map((channel) => channel.maxConversionLift)).toEqual([0, 0]);
    expect(out.upstream[1].shortTermMaxConversionLift).toBe(0);
    expect(out.demandLift).toBeGreaterThan(0);
  });

  it('walks only t = last … 1: a seed after last changes nothing', () => {
    const compiled = compileModel(channelForm({ upstream: 2, downstream: 2 }));
    const length = compiled.periods;
    const plan = positiveRows(compiled.channelCount, length, 2e4, 3);
    const seeds: RunSeeds = { revenue: new Float64Array(length).fill(1) };
    const before = adjointAt(compiled, plan, length, seeds, 10);
    seeds.revenue.fill(1e9, 11);
    const after = adjointAt(compiled, plan, length, seeds, 10);
    expect(after).toEqual(before);
    expect(before.valuePerSale).toBeGreaterThan(0);
  });

  /**
   * One downstream channel, no upstream channel, spending its history D every period, so its
   * adstock stays at D and its response at h = Hill(D; K', S); equity then only decays:
   * Eₜ = E₀·ρ_E^t. With growth 0 and no seasonality, N'ₜ = N' (in-market per month / pm), and
   *   Rₜ = N'·v·q·(1 + λEₜ)(1 + μEₜ),   q = c₀ + ℓ·h.
   * For J = Σ_{t=1}^{n} (sₜRₜ + eₜEₜ), by hand:
   *   ∂J/∂ℓ = Σ sₜ·N'v·h·(1 + λEₜ)(1 + μEₜ)          ∂J/∂c₀ = Σ sₜ·N'v·(1 + λEₜ)(1 + μEₜ)
   *   ∂J/∂λ = Σ sₜ·N'v·q·Eₜ(1 + μEₜ)                  ∂J/∂μ = Σ sₜ·N'v·q·Eₜ(1 + λEₜ)
   *   with gₜ = sₜ·N'v·q·(λ(1 + μEₜ) + μ(1 + λEₜ)) + eₜ = ∂J/∂Eₜ,
   *   ∂J/∂E₀ = Σ gₜ·ρ_E^t,   ∂J/∂ρ_E = Σ gₜ·t·E₀·ρ_E^(t−1);
   * and since dₜ − D = ρ^t·(d₀ − D), ∂dₜ/∂d₀ = ρ^t and ∂dₜ/∂ρ = 0 at d₀ = D:
   *   ∂J/∂(history) = Σ sₜ·N'v·ℓ·Hill'(D)·(1 + λEₜ)(1 + μEₜ)·ρ^t,   ∂J/∂ρ = 0.
   */
  it('gives the hand-derived derivatives of a decaying brand and one steady downstream channel', () => {
    const model = parseModel({
      name: 'closed form', periodsPerYear: 12, horizonYears: 2,
      budget: { perYear: 240000, upstreamShare: 0 },
      market: { inMarketPerMonth: 300000, growthPerYear: 0, seasonality: null },
      brand: { initialEquity: 0.4, maxEquity: 0.9, halfLifeMonths: 10, demandLift: 0.8, conversionLift: 0.5 },
      upstream: { insightFeedback: 0, channels: {} },
      downstream: { channels: { Search: { share: 1, historyPerMonth: 20000, halfLifeMonths: 0.7, halfSaturation: 30000, shape: 1.4, maxConversionLift: 0.012 } } },
      economics: { baseConversion: 0.01, valuePerSale: 60, margin: 0.5, discountRatePerYear: 0.08, carryoverYears: 0 },
    });
    const compiled = compileModel(model);
    const n = 24;
    const D = 20000;
    const [search] = compiled.downstreamChannels;
    const plan = [new Float64Array(n).fill(D)];
    const next = uniforms(2024);
    const s = Float64Array.from({ length: n }, () => next() + 0.5);
    const e = Float64Array.from({ length: n }, () => 1e5 * (next() - 0.5));
    const out = adjointAt(compiled, plan, n, { revenue: s, equity: e }, n - 1);

    const N = 300000; // N' per period, monthly
    const v = 60, c0 = 0.01, lift = 0.012, lambda = 0.8, mu = 0.5, E0 = 0.4;
    const rhoE = Math.pow(0.5, 1 / 10);
    const rho = Math.pow(0.5, 1 / 0.7);
    const K = 30000, S = 1.4;
    const h = hill(D, K, S);
    const hillSlope = (S * h * (1 - h)) / D;
    const q = c0 + lift * h;
    const expected = { lift: 0, c0: 0, lambda: 0, mu: 0, E0: 0, rhoE: 0, history: 0 };
    const trace = createRunTrace(n);
    runModel(compiled, channelSpendBuffers(compiled, plan, n), n, trace);
    for (let t = 1; t <= n; t += 1) {
      const E = E0 * Math.pow(rhoE, t);
      const brand = (1 + lambda * E) * (1 + mu * E);
      // The closed form is the run: checks the premise (steady adstock, decaying equity) first.
      expect(trace.revenue[t - 1]).toBeCloseTo(N * v * q * brand, 6);
      expect(trace.equity[t - 1]).toBeCloseTo(E, 14);
      const st = s[t - 1];
      expected.lift += st * N * v * h * brand;
      expected.c0 += st * N * v * brand;
      expected.lambda += st * N * v * q * E * (1 + mu * E);
      expected.mu += st * N * v * q * E * (1 + lambda * E);
      const g = st * N * v * q * (lambda * (1 + mu * E) + mu * (1 + lambda * E)) + e[t - 1];
      expected.E0 += g * Math.pow(rhoE, t);
      expected.rhoE += g * t * E0 * Math.pow(rhoE, t - 1);
      expected.history += st * N * v * lift * hillSlope * brand * Math.pow(rho, t);
    }
    const close = (actual: number, wanted: number) => expect(Math.abs(actual - wanted)).toBeLessThan(1e-10 * Math.abs(wanted));
    close(out.downstream[0].maxConversionLift, expected.lift);
    close(out.baseConversion, expected.c0);
    close(out.demandLift, expected.lambda);
    close(out.conversionLift, expected.mu);
    close(out.initialEquity, expected.E0);
    close(out.equityRetention, expected.rhoE);
    close(out.downstream[0].history, expected.history);
    // ∂J/∂ρ is 0 but for the rounding of ρD + (1 − ρ)D against D: compare with the scale of ρ's other terms.
    expect(Math.abs(out.downstream[0].retention)).toBeLessThan(1e-9 * expected.history * D);
    expect(search.retention).toBeCloseTo(rho, 15);
    // No upstream channel: equity has no inflow, so M and κ move nothing.
    expect(out.maxEquity).toBe(0);
    expect(out.insightFeedback).toBe(0);
  });
});

describe('runAdjoint with both outputs', () => {
  it('writes the spend’s and the constants’ derivatives in one pass exactly as two passes of one output each', () => {
    const model = channelForm({ upstream: 2, downstream: 2, periodsPerYear: 52, history: true });
    const compiled = compileModel(model);
    const length = compiled.periods;
    const plan = positiveRows(compiled.channelCount, length, 20000, 5);
    const spend = channelSpendBuffers(compiled, plan, length);
    const trace = createRunTrace(length);
    const tape = createRunTape(compiled, length);
    runModel(compiled, spend, length, trace, tape);
    const seeds: RunSeeds = {
      revenue: Float64Array.from({ length }, (_, t) => Math.cos(t)),
      equity: Float64Array.from({ length }, (_, t) => Math.sin(t)),
      spendCost: Float64Array.from({ length }, (_, t) => 0.5 + 0.001 * t),
    };
    const last = length - 7;
    const rows = () => plan.map(() => new Float64Array(length).fill(Number.NaN));
    const both = { spend: rows(), constants: createConstantsAdjoint(compiled) };
    runAdjoint(compiled, spend, trace, tape, seeds, last, both);
    const spendOnly = rows();
    runAdjoint(compiled, spend, trace, tape, seeds, last, { spend: spendOnly });
    const constantsOnly = createConstantsAdjoint(compiled);
    runAdjoint(compiled, spend, trace, tape, seeds, last, { constants: constantsOnly });
    expect(both.spend.map((row) => Array.from(row))).toEqual(spendOnly.map((row) => Array.from(row)));
    expect(both.constants).toEqual(constantsOnly);
    // After `last` the only derivative is the spend's direct cost; every entry was overwritten.
    expect(spendOnly[0][length - 1]).toBe(-seeds.spendCost![length - 1]);
    expect(spendOnly.every((row) => row.every(Number.isFinite))).toBe(true);
  });
});
