import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../../src/engine/sim/compile-model.ts';
import { parseModel } from '../../../src/engine/index.ts';
import { channelSpend } from '../../../src/engine/sim/plan-spend.ts';
import { channelSpendBuffers, createRunTrace, runModel } from '../../../src/engine/sim/run-model.ts';
import { type Model, createDrawRunner, simulate } from '../../../src/engine/index.ts';
import { createRecompiler } from '../../../src/engine/sim/recompile.ts';
import { anyValidModel } from '../arbitrary-model.ts';
import { SHORT_TERM, baseModelWith } from '../extension-fixtures.ts';
import { withSettings } from './fixtures.ts';
import { OBJECTIVES } from '../../../src/engine/sim/objectives.ts';
import { createRobustObjective } from '../../../src/engine/optimize/robust-objective.ts';
import { drawValues, uncertainFields } from '../../../src/engine/uncertainty/uncertain-fields.ts';
import { fastRun, runPowers } from '../../../src/engine/sim/fast-run.ts';
import { validModel } from '../arbitrary-model.ts';
import { realisticModel } from './realistic-models.ts';
import { anyChannelModel } from '../channel-arbitraries.ts';
import { channelExampleModel } from '../channel-example-model.ts';
import { isChannelModel } from '../../../src/engine/model/model.ts';

/**
 * fastRun's shortcuts that rest on knowing where spend ends (the lag sum skipping lags past the
 * last spend, the negligible downstream response, the plain decay loop at the end) claim to
 * change no bit. Told nothing (the last spend at the end of the run), it takes none of them.
 */
describe('fastRun', () => {
  /** The plan's run (spend up to T − 1) and the zero-spend run (none), each as told to fastRun and as told nothing. */
  function expectSameBitsToldOrNot(model: Model): void {
    const compiled = compileModel(model);
    const { periods } = compiled;
    const length = periods + compiled.carryoverPeriods;
    const powers = runPowers(compiled);
    const spend = channelSpend(model);
    for (const [plan, lastSpend] of [[spend, periods - 1], [null, -1]] as const) {
      const told = createRunTrace(length);
      const untold = createRunTrace(length);
      fastRun(compiled, powers, channelSpendBuffers(compiled, plan, length), length, lastSpend, told);
      fastRun(compiled, powers, channelSpendBuffers(compiled, plan, length), length, length - 1, untold);
      for (const series of ['equity', 'revenue', 'contribution'] as const) {
        for (let index = 0; index < length; index += 1) {
          expect(Object.is(told[series][index], untold[series][index]), `${series}[${index}]: ${told[series][index]} vs ${untold[series][index]}`).toBe(true);
        }
      }
    }
  }

  it('gives the same bits when told where spend ends as when told nothing, for the plan and for no spend (two-lever models)', () => {
    fc.assert(fc.property(fc.oneof(validModel.map(parseModel), realisticModel), expectSameBitsToldOrNot), { numRuns: 300 });
  });

  it('gives the same bits when told where spend ends as when told nothing, for the plan and for no spend (channel models)', () => {
    fc.assert(fc.property(anyChannelModel, expectSameBitsToldOrNot), { numRuns: 300 });
  });
});

/**
 * Each value of a series within `tolerance` of the series' largest value (its scale in the run,
 * as the draw runner's tests measure figures against their scale): random models reach values
 * such as a base conversion of 1e-256, whose products lose bits at the bottom of the double
 * range in either kernel.
 */
function expectSeriesClose(actual: Float64Array, expected: Float64Array, length: number, tolerance: number, label: string): void {
  let scale = 0;
  for (let index = 0; index < length; index += 1) scale = Math.max(scale, Math.abs(expected[index]));
  for (let index = 0; index < length; index += 1) {
    expect(Math.abs(actual[index] - expected[index]) <= tolerance * scale, `${label}[${index}]: ${actual[index]} vs ${expected[index]}`).toBe(true);
  }
}

describe('fastRun against runModel, with the optional extensions', () => {
  /** Equity, revenue and contribution of the plan and of no spend, fastRun against runModel. */
  function expectLikeRunModel(model: Model): void {
    const compiled = compileModel(model);
    const { periods } = compiled;
    const length = periods + compiled.carryoverPeriods;
    const powers = runPowers(compiled);
    const spend = channelSpend(model);
    for (const [plan, lastSpend] of [[spend, periods - 1], [null, -1]] as const) {
      const fast = createRunTrace(length);
      const exact = createRunTrace(length);
      fastRun(compiled, powers, channelSpendBuffers(compiled, plan, length), length, lastSpend, fast);
      runModel(compiled, channelSpendBuffers(compiled, plan, length), length, exact);
      for (const series of ['equity', 'revenue', 'contribution'] as const) expectSeriesClose(fast[series], exact[series], length, 1e-11, series);
    }
  }

  it('agrees to 1e-11 of each series\' scale on equity, revenue and contribution for the plan and for no spend (fast-check, two-lever models)', () => {
    fc.assert(fc.property(anyValidModel.map(parseModel), expectLikeRunModel), { numRuns: 200 });
  });

  it('agrees to 1e-11 of each series\' scale on equity, revenue and contribution for the plan and for no spend (fast-check, channel models)', () => {
    fc.assert(fc.property(anyChannelModel, expectLikeRunModel), { numRuns: 300 });
  });
});

/** The model with every Hill shape 1 (upstream, downstream and short-term curves), in either form. */
function withLinearCurves(model: Model): Model {
  const copy = structuredClone(model);
  if (isChannelModel(copy)) {
    for (const channel of Object.values(copy.upstream.channels)) {
      channel.shape = 1;
      if (channel.shortTerm !== undefined) channel.shortTerm.shape = 1;
    }
    for (const channel of Object.values(copy.downstream.channels)) channel.shape = 1;
  } else {
    copy.upstream.shape = 1;
    copy.downstream.shape = 1;
    if (copy.upstream.shortTerm !== undefined) copy.upstream.shortTerm.shape = 1;
  }
  return copy;
}

/**
 * With every shape 1 fastRun computes no power at all (x¹ is x, K¹ is K, and the decaying
 * adstock's chain multiplies by ρ¹ = ρ, the very product the adstock is), so every one of its
 * other shortcuts (reused sums and curves, steady periods, sleeping adstocks whose decays are
 * applied on waking, the tail) must give runModel's numbers bit for bit.
 */
describe('fastRun bit for bit against runModel, every curve linear', () => {
  function expectSameBitsAsRunModel(model: Model): void {
    const compiled = compileModel(model);
    const { periods } = compiled;
    const length = periods + compiled.carryoverPeriods;
    const powers = runPowers(compiled);
    const spend = channelSpend(model);
    for (const [plan, lastSpend] of [[spend, periods - 1], [null, -1]] as const) {
      const fast = createRunTrace(length);
      const exact = createRunTrace(length);
      fastRun(compiled, powers, channelSpendBuffers(compiled, plan, length), length, lastSpend, fast);
      runModel(compiled, channelSpendBuffers(compiled, plan, length), length, exact);
      for (const series of ['equity', 'revenue', 'contribution'] as const) {
        for (let index = 0; index < length; index += 1) {
          expect(Object.is(fast[series][index], exact[series][index]), `${plan === null ? 'no spend' : 'plan'} ${series}[${index}]: ${fast[series][index]} vs ${exact[series][index]}`).toBe(true);
        }
      }
    }
  }

  it('on the channel example whose zero-spend run sleeps through the horizon and wakes to the history\'s spend after it', () => {
    const model = channelExampleModel();
    model.economics.carryoverBaseline = 'history';
    model.economics.carryoverYears = 2;
    model.upstream.insightFeedback = 0.3;
    model.upstream.channels.TV.shortTerm = { halfLifeMonths: 0.5, halfSaturation: 30000, shape: 1, maxConversionLift: 0.004 };
    expectSameBitsAsRunModel(withLinearCurves(model));
    // A plan that stops every channel for over three years and then spends a little: the sleeping
    // adstocks (1e-12 or less by then) are not lost in the rounding of a new spend of 1 a month,
    // so their decays while asleep must be applied exactly.
    model.horizonYears = 5;
    const paused = (amount: number) => Array.from({ length: 60 }, (_, index) => (index < 6 ? amount : index < 50 ? 0 : 1));
    model.plan = { TV: paused(40000), Sponsorship: paused(20000), Search: paused(30000), Social: paused(20000) };
    delete model.budget;
    expectSameBitsAsRunModel(withLinearCurves(model));
  });

  it('on any two-lever model (fast-check)', () => {
    fc.assert(fc.property(anyValidModel.map((json) => withLinearCurves(parseModel(json))), expectSameBitsAsRunModel), { numRuns: 200 });
  });

  it('on any channel model (fast-check)', () => {
    fc.assert(fc.property(anyChannelModel.map(withLinearCurves), expectSameBitsAsRunModel), { numRuns: 300 });
  });
});

describe('Monte Carlo draws with the optional extensions', () => {
  /** The draw runner's key figures for `values` at `paths`, against simulate of the model with those values set. */
  function expectDrawsLikeSimulate(model: Model, paths: string[], draws: number[][]): void {
    const fast = createDrawRunner(model, paths);
    const exact = createDrawRunner(model, paths, true);
    for (const values of draws) {
      const expected = simulate(withSettings(model, Object.fromEntries(paths.map((path, index) => [path, values[index]])))).summary;
      const scale = Math.abs(expected.npv) + expected.totalRevenue + expected.totalSpend + Math.abs(expected.carryoverValue);
      for (const [runner, tolerance] of [[fast, 1e-11], [exact, 0]] as const) {
        const actual = runner.run(Float64Array.from(values));
        for (const name of ['totalRevenue', 'finalEquity', 'npv', 'carryoverValue', 'npvWithCarryover'] as const) {
          const size = name === 'finalEquity' ? Math.abs(expected.finalEquity) : scale;
          expect(Math.abs(actual[name] - expected[name]) <= tolerance * size, `${name} (${values.join(', ')}): ${actual[name]} vs ${expected[name]}`).toBe(true);
        }
      }
    }
  }

  it('recompute the starting equity E* from each draw\'s settings when it is "history"', () => {
    const model = baseModelWith((json) => {
      json.brand.initialEquity = 'history';
      json.upstream.insightFeedback = 0.4;
      json.economics.carryoverBaseline = 'history';
    });
    const paths = ['history.upstreamPerMonth', 'history.downstreamPerMonth', 'brand.maxEquity', 'upstream.halfSaturation', 'upstream.shape', 'downstream.shape'];
    expectDrawsLikeSimulate(model, paths, [
      [50000, 50000, 0.9, 60000, 1, 1.5],
      [20000, 80000, 0.6, 30000, 0.7, 2.5],
      [90000, 0, 1, 120000, 1.8, 1],
    ]);
    // The draws really move E*: a run's first equity follows the history.
    const recompiler = createRecompiler(model, ['history.upstreamPerMonth']);
    recompiler.apply(Float64Array.of(20000));
    const low = recompiler.compiled.initialEquity;
    recompiler.apply(Float64Array.of(90000));
    expect(recompiler.compiled.initialEquity).toBeGreaterThan(low);
  });

  it('vary the short-term settings, and the history\'s spend after the horizon under the "history" baseline', () => {
    const model = baseModelWith((json) => {
      json.upstream.shortTerm = { ...SHORT_TERM };
      json.economics.carryoverBaseline = 'history';
      json.periodsPerYear = 4;
    });
    const paths = ['upstream.shortTerm.halfLifeMonths', 'upstream.shortTerm.halfSaturation', 'upstream.shortTerm.shape',
      'upstream.shortTerm.maxConversionLift', 'history.upstreamPerMonth', 'history.downstreamPerMonth'];
    expectDrawsLikeSimulate(model, paths, [
      [0.75, 40000, 1.3, 0.006, 50000, 50000],
      [3, 10000, 0.6, 0.02, 0, 120000],
      [0.1, 90000, 3, 0, 150000, 0],
    ]);
  });

  it('score a plan in the robust optimiser as simulate does in each draw (all four extensions)', () => {
    const model = baseModelWith((json) => {
      json.brand.initialEquity = 'history';
      json.upstream.shortTerm = { ...SHORT_TERM };
      json.economics.carryoverBaseline = 'history';
      json.market.seasonality = [0.8, 0.8, 0.9, 1, 1, 1.1, 1.2, 1.2, 1, 0.9, 1, 1.3];
      json.uncertainty = {
        'history.upstreamPerMonth': { dist: 'uniform', min: 20000, max: 90000 },
        'history.downstreamPerMonth': { dist: 'uniform', min: 10000, max: 90000 },
        'upstream.shortTerm.maxConversionLift': { dist: 'lognormal', median: 0.006, sigma: 0.5 },
      };
    });
    const draws = 12;
    const robust = createRobustObjective(model, OBJECTIVES.npvWithCarryover, { statistic: 'mean', draws, seed: 3 });
    const perDraw = new Float64Array(draws);
    robust.valuesPerDraw(channelSpend(model), perDraw);
    const fields = uncertainFields(model);
    const values = new Float64Array(fields.length);
    for (let draw = 0; draw < draws; draw += 1) {
      drawValues(fields, 3, draw, values);
      const expected = simulate(withSettings(model, Object.fromEntries(fields.map((field, index) => [field.path, values[index]])))).summary;
      const scale = expected.totalRevenue + expected.totalSpend;
      expect(Math.abs(perDraw[draw] - expected.npvWithCarryover) <= 1e-11 * scale, `draw ${draw}: ${perDraw[draw]} vs ${expected.npvWithCarryover}`).toBe(true);
    }
  });

  it('refuses a short-term path when the model has no upstream.shortTerm', () => {
    expect(() => createRecompiler(baseModelWith(), ['upstream.shortTerm.shape'])).toThrow(/no upstream.shortTerm/);
  });
});
