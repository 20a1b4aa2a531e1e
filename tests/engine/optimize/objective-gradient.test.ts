import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPlanEvaluator, parseModel, type Model } from '../../../src/engine/index.ts';
import { compileModel } from '../../../src/engine/sim/compile-model.ts';
import { OBJECTIVES, OBJECTIVE_NAMES, createObjectiveGradient } from '../../../src/engine/optimize/index.ts';
import { between, validModel } from '../arbitrary-model.ts';
import { MODEL_FILES } from './model-files.ts';
import { SHORT_TERM, baseModelWith } from '../extension-fixtures.ts';

/** A plan with every period's spend strictly positive (away from Hill's kink at 0), from a seed. */
function positivePlan(periods: number, scale: number, seed: number): { upstream: Float64Array; downstream: Float64Array } {
  let state = seed;
  const next = () => { state = (state * 16807) % 2147483647; return state / 2147483647; };
  return {
    upstream: Float64Array.from({ length: periods }, () => scale * (0.2 + next())),
    downstream: Float64Array.from({ length: periods }, () => scale * (0.2 + next())),
  };
}

function gradientAt(model: Model, objective: keyof typeof OBJECTIVES, plan: { upstream: Float64Array; downstream: Float64Array }) {
  const gradient = createObjectiveGradient(compileModel(model), OBJECTIVES[objective]);
  const value = gradient.value(plan.upstream, plan.downstream);
  const upstream = new Float64Array(gradient.periods);
  const downstream = new Float64Array(gradient.periods);
  gradient.gradient(upstream, downstream);
  return { gradient, value, upstream, downstream };
}

describe('createObjectiveGradient', () => {
  it('scores a plan exactly as createPlanEvaluator does, for every objective (fast-check)', () => {
    fc.assert(fc.property(validModel, fc.integer({ min: 1, max: 1e6 }), (raw, seed) => {
      const model = parseModel(raw);
      const evaluator = createPlanEvaluator(model);
      const plan = positivePlan(evaluator.periods, 1e4, seed);
      const summary = evaluator.evaluate(plan.upstream, plan.downstream);
      for (const name of OBJECTIVE_NAMES) expect(gradientAt(model, name, plan).value).toBe(summary[name]);
    }), { numRuns: 60 });
  });

  it.each(MODEL_FILES)('agrees with central finite differences in every period on $file', ({ model }) => {
    expectGradientMatchesCentralDifferences(model);
  });

  // Over random models the conversion cap and S < 1 Hill curves make kinks possible, so the check
  // is on directional derivatives along random directions, which a rare kink disturbs only a little.
  it('agrees with central differences along random directions for random valid models (fast-check)', () => {
    fc.assert(fc.property(
      validModel, fc.constantFrom(...OBJECTIVE_NAMES), fc.integer({ min: 1, max: 1e6 }), between(1e2, 1e5),
      (raw, name, seed, scale) => {
        const model = parseModel(raw);
        const periods = model.periodsPerYear * model.horizonYears;
        const plan = positivePlan(periods, scale, seed);
        const direction = positivePlan(periods, 1, seed + 1);
        const { gradient, upstream, downstream } = gradientAt(model, name, plan);
        let analytic = 0;
        let magnitude = 0;
        for (let index = 0; index < periods; index += 1) {
          const up = direction.upstream[index] - 0.7;
          const down = direction.downstream[index] - 0.7;
          analytic += upstream[index] * up + downstream[index] * down;
          magnitude += Math.abs(upstream[index] * up) + Math.abs(downstream[index] * down);
        }
        const step = 1e-5 * scale;
        const shifted = (sign: number) => gradient.value(
          plan.upstream.map((spend, index) => spend + sign * step * (direction.upstream[index] - 0.7)),
          plan.downstream.map((spend, index) => spend + sign * step * (direction.downstream[index] - 0.7)),
        );
        const numeric = (shifted(1) - shifted(-1)) / (2 * step);
        const scaleOfValue = Math.abs(gradient.value(plan.upstream, plan.downstream)) / scale;
        expect(Math.abs(numeric - analytic)).toBeLessThanOrEqual(1e-4 * magnitude + 1e-7 * scaleOfValue + 1e-12);
      },
    ), { numRuns: 80 });
  });

  // The optional extensions: upstream's short-term adstock has an adjoint of its own, and under the
  // "history" carryover baseline the spend after the horizon is the model's, not a variable.
  it.each<[string, Model]>([
    ['upstream.shortTerm', baseModelWith((json) => { json.upstream.shortTerm = { ...SHORT_TERM }; json.upstream.insightFeedback = 0.5; })],
    ['upstream.shortTerm, weekly, S-shaped', baseModelWith((json) => {
      json.periodsPerYear = 52;
      json.horizonYears = 1;
      json.upstream.shortTerm = { ...SHORT_TERM, shape: 2, maxConversionLift: 0.02 };
    })],
    ['the "history" carryover baseline', baseModelWith((json) => { json.economics.carryoverBaseline = 'history'; })],
    ['all four extensions, quarterly', baseModelWith((json) => {
      json.periodsPerYear = 4;
      json.brand.initialEquity = 'history';
      json.upstream.shortTerm = { ...SHORT_TERM };
      json.economics.carryoverBaseline = 'history';
      json.market.seasonality = [0.8, 0.8, 0.9, 1, 1, 1.1, 1.2, 1.2, 1, 0.9, 1, 1.3];
    })],
  ])('agrees with central finite differences in every period with %s', (_name, model) => {
    expectGradientMatchesCentralDifferences(model);
  });

  // docs/model.md, "Carryover after the horizon": measured there on the default model of the time.
  it('values the last period\'s downstream spend like any other under the "history" baseline, and far above it under "zero"', () => {
    const lastAndMiddle = (baseline: 'zero' | 'history') => {
      const model = baseModelWith((json) => { json.economics.carryoverBaseline = baseline; });
      const gradient = createObjectiveGradient(compileModel(model), OBJECTIVES.npvWithCarryover);
      const plan = { upstream: new Float64Array(36).fill(50000), downstream: new Float64Array(36).fill(50000) };
      gradient.value(plan.upstream, plan.downstream);
      const upstream = new Float64Array(36);
      const downstream = new Float64Array(36);
      gradient.gradient(upstream, downstream);
      return { last: downstream[35], middle: downstream[17] };
    };
    const zero = lastAndMiddle('zero');
    const history = lastAndMiddle('history');
    expect(zero.last).toBeCloseTo(0.72, 2);
    expect(zero.last).toBeGreaterThan(0); // one more unit in the last month more than pays for itself
    expect(history.last).toBeCloseTo(-0.26, 2);
    expect(Math.abs(history.last - history.middle)).toBeLessThan(0.1);
    // Mid-horizon spend barely reaches the carryover (the adstock keeps a quarter a month), so the baseline hardly matters there.
    expect(history.middle).toBeCloseTo(zero.middle, 6);
  });

  it('refuses to differentiate before any plan was scored', () => {
    const model = MODEL_FILES[0].model;
    const gradient = createObjectiveGradient(compileModel(model), OBJECTIVES.npv);
    expect(() => gradient.gradient(new Float64Array(36), new Float64Array(36))).toThrow(/call value first/);
  });
});

/**
 * Every objective's gradient against central finite differences in every period, on a positive
 * plan: step 1e-4 of the spend, truncation error ~1e-8 relative, far below the 1e-6 allowed.
 */
function expectGradientMatchesCentralDifferences(model: Model): void {
    for (const name of OBJECTIVE_NAMES) {
      const plan = positivePlan(model.periodsPerYear * model.horizonYears, 6e4 / (model.periodsPerYear / 12), 11);
      const { gradient, upstream, downstream } = gradientAt(model, name, plan);
      let largest = 0;
      let worst = 0;
      for (const [spend, analytic] of [[plan.upstream, upstream], [plan.downstream, downstream]] as const) {
        for (let index = 0; index < spend.length; index += 1) {
          const original = spend[index];
          const step = 1e-4 * original;
          spend[index] = original + step;
          const above = gradient.value(plan.upstream, plan.downstream);
          spend[index] = original - step;
          const below = gradient.value(plan.upstream, plan.downstream);
          spend[index] = original;
          const numeric = (above - below) / (2 * step);
          largest = Math.max(largest, Math.abs(numeric));
          worst = Math.max(worst, Math.abs(numeric - analytic[index]));
        }
      }
      expect(worst / largest, name).toBeLessThan(1e-6);
    }
}
