import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Model, isChannelModel } from '../../src/engine/model/model.ts';
import { modelChannels } from '../../src/engine/model/model-channels.ts';
import { compileModel } from '../../src/engine/sim/compile-model.ts';
import { createRecompiler } from '../../src/engine/sim/recompile.ts';
import { type RunSeeds, createConstantsAdjoint, runAdjoint } from '../../src/engine/sim/run-adjoint.ts';
import { channelSpendBuffers, createRunTape, createRunTrace, runModel } from '../../src/engine/sim/run-model.ts';
import { createSettingDerivatives } from '../../src/engine/sim/setting-derivatives.ts';
import { channelForm, channelModel, pinnedTwoLever, positiveRows, spentBefore } from './objective-gradient-models.ts';

/**
 * createSettingDerivatives(…).fromConstants against central differences of J taken through the
 * recompiler (`createRecompiler(model, paths).apply(values)` + `runModel`): the chain rule from
 * the compiled constants (tested on their own in run-adjoint.test.ts) back to the
 * settings, through compileModel's closed forms and, for a "history" starting equity, E*.
 *
 * Runs cover the horizon only (last < T): under the "history" carryover baseline the spend after
 * the horizon copies a channel's history, which the adjoint takes as given (see
 * `runAdjoint`), so J must not reach it.
 *
 * Which lags count is held fixed by the derivative but recomputed by each `apply` (the cut-off
 * moves with the lag, the concentration and the upstream shape, and the peak lag jumps where
 * lagMonths·pm crosses a half). That never matters at these steps: a lag is dropped or taken up
 * only while its weight is below 1e-16^max(1, 1/S)/(L + 1) of the peak, and the weights are
 * continuous in every setting, so a jump in the kept set moves J by ~1e-16 of itself, ~1e-10 of a
 * derivative after dividing by a step of 1e-6: far below the 1e-6 allowed.
 */

/** J = Σ_{t ≤ last} (R̄ₜ·Rₜ + Ēˢₜ·Eₜ) at the settings `values`, through the recompiler. */
function objectiveAt(recompiler: ReturnType<typeof createRecompiler>, values: Float64Array, plan: Float64Array[], length: number, seeds: RunSeeds, last: number): number {
  recompiler.apply(values);
  const { compiled } = recompiler;
  const trace = createRunTrace(length);
  runModel(compiled, channelSpendBuffers(compiled, plan, length), length, trace);
  let total = 0;
  for (let index = 0; index <= last; index += 1) {
    total += seeds.revenue[index] * trace.revenue[index] + (seeds.equity === undefined ? 0 : seeds.equity[index] * trace.equity[index]);
  }
  return total;
}

/** The model's value at a path (a file's path, so walking the parsed model finds it); E* for a "history" starting equity. */
function valueAt(model: Model, path: string): number {
  let value: any = model;
  for (const key of path.split('.')) value = value[key];
  return value === 'history' ? compileModel(model).initialEquity : value;
}

/** A typical magnitude for a setting that may be 0 (its step and its derivative's scale), by its last key. */
function typicalOf(path: string): number {
  const key = path.slice(path.lastIndexOf('.') + 1);
  if (key === 'maxConversionLift') return 0.01;
  if (key === 'initialEquity') return 0.3;
  if (key === 'baseConversion') return 0.01;
  if (key.endsWith('PerMonth') || key === 'halfSaturation') return 1e4;
  return 1;
}

/** Every setting of `model` that a run's constants are made of and that can vary. */
function settingPaths(model: Model, withInitialEquity: boolean): string[] {
  const channels = modelChannels(model);
  const paths = [
    'brand.halfLifeMonths', 'brand.maxEquity', 'brand.demandLift', 'brand.conversionLift', 'upstream.insightFeedback',
    'economics.baseConversion', 'economics.valuePerSale', 'economics.margin',
  ];
  if (withInitialEquity) paths.push('brand.initialEquity');
  for (const channel of channels.upstream) {
    const keys = ['historyPerMonth', 'lagMonths', 'lagConcentration', 'halfSaturation', 'shape', 'maxEquityShare'];
    if (channel.shortTerm !== undefined) keys.push('shortTerm.halfLifeMonths', 'shortTerm.halfSaturation', 'shortTerm.shape', 'shortTerm.maxConversionLift');
    paths.push(...keys.map((key) => `upstream.channels.${channel.name}.${key}`));
  }
  for (const channel of channels.downstream) {
    paths.push(...['historyPerMonth', 'halfLifeMonths', 'halfSaturation', 'shape', 'maxConversionLift'].map((key) => `downstream.channels.${channel.name}.${key}`));
  }
  return paths;
}

/**
 * The worst |scale · (fromConstants − central difference)| over the paths, relative to the largest
 * scale · ∂J/∂setting: the change in J per relative change of each setting (scale = the setting,
 * or a typical magnitude when it is 0), so that settings in dollars and dimensionless ones
 * compare on one footing. Step 1e-6 of the scale: truncation ~1e-12, rounding ~1e-16/1e-6 =
 * 1e-10 of J's terms, the recompiler's running products (1e-14 relative, recompile.ts) ~1e-8:
 * all far below the 1e-6 allowed, while a wrong factor in one chain rule is off by its whole size.
 */
function worstError(model: Model, paths: string[], plan: Float64Array[], length: number, seeds: RunSeeds, last: number) {
  const values = Float64Array.from(paths, (path) => valueAt(model, path));
  const recompiler = createRecompiler(model, paths);
  recompiler.apply(values);
  const { compiled } = recompiler;
  const spend = channelSpendBuffers(compiled, plan, length);
  const trace = createRunTrace(length);
  const tape = createRunTape(compiled, length);
  runModel(compiled, spend, length, trace, tape);
  const adjoint = createConstantsAdjoint(compiled);
  runAdjoint(compiled, spend, trace, tape, seeds, last, { constants: adjoint });
  const derivatives = new Float64Array(paths.length);
  createSettingDerivatives(model, paths, compiled).fromConstants(adjoint, values, derivatives);

  let largest = 0;
  let worst = 0;
  let worstPath = '';
  paths.forEach((path, index) => {
    const value = values[index];
    const typical = typicalOf(path);
    const scale = Math.abs(value) > 1e-6 * typical ? Math.abs(value) : typical;
    const step = 1e-6 * scale;
    const shifted = values.slice();
    shifted[index] = value + step;
    const above = objectiveAt(recompiler, shifted, plan, length, seeds, last);
    shifted[index] = value - step;
    const below = objectiveAt(recompiler, shifted, plan, length, seeds, last);
    const numeric = scale * ((above - below) / (2 * step));
    const analytic = scale * derivatives[index];
    largest = Math.max(largest, Math.abs(numeric), Math.abs(analytic));
    const error = Math.abs(numeric - analytic);
    if (!(error <= worst)) { worst = error; worstPath = path; }
  });
  return { relative: worst / largest, worstPath, derivatives };
}

/** A deterministic generator in [0, 1) from a seed (Park–Miller, as `positiveRows`). */
function uniforms(seed: number) {
  let state = Math.max(1, Math.floor(seed) % 2147483647);
  return () => { state = (state * 16807) % 2147483647; return state / 2147483647; };
}

/** A plan and seeds for `model` over its horizon: revenue weights of either sign, equity weights at a period's revenue per unit of equity. */
function planAndSeeds(model: Model, seed: number, withEquity = true) {
  const compiled = compileModel(model);
  const length = compiled.periods;
  const plan = positiveRows(compiled.channelCount, length, 6e4 / (model.periodsPerYear / 12) / Math.max(1, compiled.channelCount / 2), seed);
  const next = uniforms(seed + 13);
  const revenueScale = compiled.demandBeforeBrand[0] * compiled.baseConversion * compiled.valuePerSale;
  const seeds: RunSeeds = {
    revenue: Float64Array.from({ length }, () => 2 * next() - 0.8),
    equity: withEquity ? Float64Array.from({ length }, () => revenueScale * (2 * next() - 1)) : undefined,
  };
  return { plan, length, seeds };
}

describe('createSettingDerivatives', () => {
  // Random channel models (either starting equity, short-term effects, insight, every
  // granularity), every path that can vary for them, brand.initialEquity a path or not, random
  // seeds and last period. A failure prints fast-check's seed and path: rerun with
  // fc.assert(…, { seed, path }) to replay it.
  it('agrees with central differences through the recompiler for random channel models (fast-check)', () => {
    let worst = 0;
    fc.assert(fc.property(
      channelModel().filter(spentBefore), fc.integer({ min: 1, max: 1e6 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean(), fc.boolean(),
      (model, seed, lastShare, withInitialEquity, withEquity) => {
        const { plan, length, seeds } = planAndSeeds(model, seed, withEquity);
        const last = Math.min(length - 1, Math.floor(lastShare * length));
        const { relative, worstPath } = worstError(model, settingPaths(model, withInitialEquity), plan, length, seeds, last);
        worst = Math.max(worst, relative);
        expect(relative, worstPath).toBeLessThan(1e-6);
      },
    ), { numRuns: 25 });
    console.info(`setting derivatives, random channel models: worst central-difference error ${worst.toExponential(2)} of the largest`);
  });

  // E₀ = E* of the settings: every channel's history, Hill curve and share, M and κ reach J
  // through the start as well, which only passOnStartingEquity accounts for.
  it('follows a "history" starting equity through E* when brand.initialEquity is not a path', () => {
    const model = channelForm({ upstream: 2, downstream: 2, periodsPerYear: 4, history: true });
    expect(model.brand.initialEquity).toBe('history');
    const paths = settingPaths(model, false);
    const { plan, length, seeds } = planAndSeeds(model, 41);
    const { relative, worstPath, derivatives } = worstError(model, paths, plan, length, seeds, length - 1);
    expect(relative, worstPath).toBeLessThan(1e-6);

    // The same derivatives with E₀ a path of its own differ exactly by ∂J/∂E₀ · ∂E*/∂setting,
    // which is not 0 for a channel's history: so the test above would see a missing pass-on.
    const withStart = worstError(model, settingPaths(model, true), plan, length, seeds, length - 1);
    expect(withStart.relative, withStart.worstPath).toBeLessThan(1e-6);
    const history = paths.indexOf('upstream.channels.Brand1.historyPerMonth');
    const difference = derivatives[history] - withStart.derivatives[settingPaths(model, true).indexOf('upstream.channels.Brand1.historyPerMonth')];
    expect(Math.abs(difference)).toBeGreaterThan(1e-3 * Math.abs(derivatives[history]));
  });

  it('works on a two-lever model through its side paths, "history" starting equity, short-term effect and insight', () => {
    const model = pinnedTwoLever((json) => {
      json.brand.initialEquity = 'history';
      json.upstream.shortTerm = { halfLifeMonths: 0.75, halfSaturation: 40000, shape: 1.3, maxConversionLift: 0.006 };
      json.upstream.insightFeedback = 0.4;
    });
    expect(isChannelModel(model)).toBe(false);
    const paths = [
      'history.upstreamPerMonth', 'history.downstreamPerMonth', 'upstream.lagMonths', 'upstream.lagConcentration', 'upstream.halfSaturation',
      'upstream.shape', 'upstream.shortTerm.halfLifeMonths', 'upstream.shortTerm.halfSaturation', 'upstream.shortTerm.shape',
      'upstream.shortTerm.maxConversionLift', 'downstream.halfLifeMonths', 'downstream.halfSaturation', 'downstream.shape',
      'downstream.maxConversionLift', 'brand.halfLifeMonths', 'brand.maxEquity', 'brand.demandLift', 'brand.conversionLift',
      'upstream.insightFeedback', 'economics.baseConversion', 'economics.valuePerSale',
    ];
    const { plan, length, seeds } = planAndSeeds(model, 7);
    const { relative, worstPath } = worstError(model, paths, plan, length, seeds, length - 1);
    expect(relative, worstPath).toBeLessThan(1e-6);
  });

  it('refuses the settings that are not constants of a run, and paths that cannot vary', () => {
    const model = channelForm({ upstream: 1, downstream: 1 });
    const compiled = createRecompiler(model, []).compiled;
    expect(() => createSettingDerivatives(model, ['market.inMarketPerMonth'], compiled)).toThrow('market.inMarketPerMonth is not a constant of a run: it has no derivative here');
    expect(() => createSettingDerivatives(model, ['economics.discountRatePerYear'], compiled)).toThrow(/is not a constant of a run/);
    expect(() => createSettingDerivatives(model, ['upstream.channels.Nope.shape'], compiled)).toThrow(/no upstream channel named Nope/);
    expect(() => createSettingDerivatives(model, ['upstream.channels.Brand1.shortTerm.shape'], compiled)).toThrow(/has no shortTerm/);
    expect(() => createSettingDerivatives(model, ['budget.perYear'], compiled)).toThrow(/cannot vary/);
  });
});
