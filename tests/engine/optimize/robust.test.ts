import { describe, expect, it } from 'vitest';
import { planSpend, type Model } from '../../../src/engine/index.ts';
import {
  OBJECTIVES, OptimizeError, budgetFrontier, createRobustObjective, optimize, type OptimizedPlan, type OptimizeOptions, type RobustStatistic,
} from '../../../src/engine/optimize/index.ts';
import { compileDraws } from '../../../src/engine/optimize/compiled-draws.ts';
import { createRobustObjectiveGradient } from '../../../src/engine/optimize/robust-objective-gradient.ts';
import { monteCarlo } from '../../../src/engine/uncertainty/index.ts';
import { defaultModel } from './model-files.ts';
import { expectPlanWithinBounds } from './optimize-test-kit.ts';

const DRAWS = 200;
const model = defaultModel();

/** The default model without its `uncertainty`. */
function certainModel(): Model {
  const { uncertainty: _, ...rest } = structuredClone(model);
  return defaultModel({ ...rest, uncertainty: undefined } as Partial<Model>);
}

/** The statistic of a result's plan on the draws of (statistic, DRAWS, seed). */
function statisticOf(plan: OptimizedPlan, statistic: RobustStatistic, seed = 1, objective = OBJECTIVES.npvWithCarryover): number {
  return createRobustObjective(model, objective, { statistic, draws: DRAWS, seed })
    .value([Float64Array.from(plan.upstream), Float64Array.from(plan.downstream)]);
}

describe('robust (risk-averse) optimisation', () => {
  it('with no uncertainty gives exactly the non-robust result, for mean and p10', () => {
    const certain = certainModel();
    for (const phasing of ['constant', 'yearly', 'period', 'flighting'] as const) {
      const plain = optimize(certain, { phasing });
      for (const statistic of ['mean', 'p10'] as const) {
        const { robust, ...rest } = optimize(certain, { phasing, robust: { statistic, draws: DRAWS, seed: 1 } });
        expect(rest).toEqual(plain);
        expect(robust).toMatchObject({ statistic, draws: DRAWS, seed: 1, value: plain.value, current: plain.current.value });
      }
    }
  });

  it('with every range of zero spread at the model\'s own values gives exactly the non-robust result', () => {
    const zero = defaultModel({
      uncertainty: {
        'brand.halfLifeMonths': { dist: 'lognormal', median: model.brand.halfLifeMonths, sigma: 0 },
        'economics.margin': { dist: 'normal', mean: model.economics.margin, sd: 0 },
      },
    });
    const plain = optimize(zero, { phasing: 'yearly', objective: 'npv' });
    const { robust, ...rest } = optimize(zero, { phasing: 'yearly', objective: 'npv', robust: { statistic: 'p10', draws: DRAWS, seed: 3 } });
    expect(rest).toEqual(plain);
    expect(robust?.value).toBe(plain.value);
  });

  it('scores a plan in each draw as montecarlo does (the same draws, the same sums)', () => {
    const own = planSpend(model);
    const reference = monteCarlo(model, { draws: DRAWS, seed: 7 }).summary;
    for (const name of ['npv', 'npvWithCarryover', 'totalRevenue'] as const) {
      for (const statistic of ['mean', 'p10'] as const) {
        const robust = createRobustObjective(model, OBJECTIVES[name], { statistic, draws: DRAWS, seed: 7 });
        expect(robust.value([own.upstream, own.downstream])).toBe(reference[name][statistic]);
      }
    }
  });

  describe.each(['mean', 'p10'] as const)('maximising the %s', (statistic) => {
    const options: OptimizeOptions = { robust: { statistic, draws: DRAWS, seed: 1 } };

    it('reaches at least the central optimum\'s statistic on the same draws, for constant and yearly', () => {
      for (const phasing of ['constant', 'yearly'] as const) {
        const robust = optimize(model, { ...options, phasing });
        const central = optimize(model, { phasing });
        expect(statisticOf(robust.plan, statistic)).toBe(robust.robust?.value);
        expect(robust.robust!.value).toBeGreaterThanOrEqual(statisticOf(central.plan, statistic));
        expect(robust.robust!.centralOptimum.value).toBe(statisticOf(central.plan, statistic));
        expect(robust.robust!.centralOptimum.centralValue).toBe(central.value);
        expect(robust.robust!.value).toBeGreaterThanOrEqual(robust.robust!.current);
        // value and summary are the plan's central figures, as simulate gives them.
        expect(robust.value).toBeLessThanOrEqual(central.value + 1e-9 * Math.abs(central.value));
        expect(robust.value).toBe(robust.summary.npvWithCarryover);
        expectPlanWithinBounds(robust, model.periodsPerYear, { minShare: 0, maxShare: 1, minPeriodMultiple: 1, maxPeriodMultiple: 1 });
      }
    });

    it('finds the share of a 0.001 grid of the statistic to within 1e-3 (constant)', () => {
      const result = optimize(model, { ...options, objective: 'npv' });
      const robust = createRobustObjective(model, OBJECTIVES.npv, { statistic, draws: DRAWS, seed: 1 });
      const periods = model.periodsPerYear * model.horizonYears;
      const budgetPerPeriod = Float64Array.from({ length: periods }, (_, index) => result.budgetPerYear[Math.floor(index / model.periodsPerYear)] / model.periodsPerYear);
      let bestShare = 0;
      let bestValue = -Infinity;
      for (let step = 0; step <= 1000; step += 1) {
        const share = step / 1000;
        const value = robust.value([budgetPerPeriod.map((budget) => share * budget), budgetPerPeriod.map((budget) => (1 - share) * budget)]);
        if (value > bestValue) { bestValue = value; bestShare = share; }
      }
      expect(Math.abs(result.upstreamShareByYear[0]! - bestShare)).toBeLessThanOrEqual(1e-3);
      expect(result.robust!.value).toBeGreaterThanOrEqual(bestValue - 1e-9 * Math.abs(bestValue));
    });

    it('is deterministic for a seed, and the seed matters', () => {
      const first = optimize(model, options);
      expect(optimize(model, options)).toEqual(first);
      const other = optimize(model, { robust: { statistic, draws: DRAWS, seed: 2 } });
      expect(other.robust!.value).not.toBe(first.robust!.value);
    });
  });

  describe.each(['mean', 'p10'] as const)('maximising the %s per period (gradient phasings)', (statistic) => {
    const FEW = 60;
    const robust = { statistic, draws: FEW, seed: 4 };
    const yearly = optimize(model, { phasing: 'yearly', robust });
    const results = (['period', 'flighting'] as const).map((phasing) => optimize(model, { phasing, robust, minPeriodMultiple: 0.5, maxPeriodMultiple: 2 }));

    it('reaches at least the robust yearly plan\'s statistic and the central optimum\'s, keeping budgets and bounds', () => {
      for (const result of results) {
        const scored = createRobustObjective(model, OBJECTIVES.npvWithCarryover, robust)
          .value([Float64Array.from(result.plan.upstream), Float64Array.from(result.plan.downstream)]);
        expect(scored).toBe(result.robust!.value);
        expect(result.robust!.value).toBeGreaterThan(yearly.robust!.value);
        expect(result.robust!.value).toBeGreaterThanOrEqual(result.robust!.centralOptimum.value);
        expect(result.converged).toBe(true);
        expectPlanWithinBounds(result, model.periodsPerYear, { minShare: 0, maxShare: 1, minPeriodMultiple: 0.5, maxPeriodMultiple: 2 });
      }
      // Flighting can do everything period phasing can, and more.
      expect(results[1].robust!.value).toBeGreaterThanOrEqual(results[0].robust!.value);
    });
  });

  it('takes the statistic\'s gradient: the mean of the draws\' gradients, or those of the draws at the 10th percentile', () => {
    const own = planSpend(model);
    const periods = own.upstream.length;
    for (const [count, statistic] of [[40, 'mean'], [40, 'p10'], [1, 'p10'], [2, 'p10'], [2, 'mean']] as const) {
      const draws = compileDraws(model, count, 9);
      const robust = createRobustObjective(model, OBJECTIVES.npvWithCarryover, { statistic, draws: count, seed: 9 }, draws);
      const objective = createRobustObjectiveGradient(draws, OBJECTIVES.npvWithCarryover, statistic, robust);
      const upstreamGradient = new Float64Array(periods);
      const downstreamGradient = new Float64Array(periods);
      const base = objective.value([own.upstream, own.downstream]);
      objective.gradient([upstreamGradient, downstreamGradient]);
      // The value is exactly the Monte Carlo loop's statistic, with draws made afresh from the seed.
      const loop = createRobustObjective(model, OBJECTIVES.npvWithCarryover, { statistic, draws: count, seed: 9 }).value([own.upstream, own.downstream]);
      expect(base).toBe(loop);
      // Central differences in a few periods, small enough that no two draws swap ranks.
      for (const index of [0, 7, 20, periods - 1]) {
        for (const [spend, gradient] of [[own.upstream, upstreamGradient], [own.downstream, downstreamGradient]] as const) {
          const step = 1e-3 * spend[index];
          const at = (delta: number) => {
            const changed = spend.slice();
            changed[index] += delta;
            return spend === own.upstream ? objective.value([changed, own.downstream]) : objective.value([own.upstream, changed]);
          };
          const difference = (at(step) - at(-step)) / (2 * step);
          expect(Math.abs(gradient[index] - difference), `${statistic} of ${count}, period ${index}`).toBeLessThan(1e-5 * Math.abs(difference) + 1e-9);
        }
      }
    }
  });

  it('chooses a different plan under risk than at the central settings (default model, p10)', () => {
    const robust = optimize(model, { robust: { statistic: 'p10', draws: DRAWS, seed: 1 } });
    const central = optimize(model);
    expect(Math.abs(robust.upstreamShareByYear[0]! - central.upstreamShareByYear[0]!)).toBeGreaterThan(0.005);
    expect(robust.robust!.value).toBeGreaterThan(robust.robust!.centralOptimum.value);
  });

  it('defaults to 1,000 draws and seed 1', () => {
    const result = optimize(certainModel(), { robust: { statistic: 'mean' } });
    expect(result.robust).toMatchObject({ draws: 1000, seed: 1 });
  });

  const invalid: [string, OptimizeOptions, string, RegExp][] = [
    ['an unknown statistic', { robust: { statistic: 'median' as never } }, 'robust.statistic', /invalid robust statistic "median"; choose mean or p10/],
    ['zero draws', { robust: { statistic: 'mean', draws: 0 } }, 'robust.draws', /robust draws must be a whole number from 1 to 20000, got 0/],
    ['fractional draws', { robust: { statistic: 'mean', draws: 2.5 } }, 'robust.draws', /got 2.5/],
    ['a negative seed', { robust: { statistic: 'p10', seed: -1 } }, 'robust.seed', /robust seed must be a whole number/],
    ['over 2,000 draws per period', { phasing: 'flighting', robust: { statistic: 'p10', draws: 2001 } }, 'robust.draws', /robust draws for the flighting phasing must be at most 2000 \(each keeps the record of a run for the gradient\), got 2001/],
  ];
  it.each(invalid)('refuses %s, naming the option', (_, options, option, message) => {
    expect(() => optimize(model, options)).toThrow(OptimizeError);
    try { optimize(model, options); } catch (error) {
      expect((error as OptimizeError).option).toBe(option);
      expect((error as OptimizeError).message).toMatch(message);
    }
  });

  it('is refused by the frontier, which optimises at the central settings', () => {
    expect(() => budgetFrontier(model, { from: 0.5, to: 1, steps: 2, robust: { statistic: 'mean' } })).toThrow(/robust.*optimize alone/);
  });

  it('yearly p10 improves on the robust constant plan (its search direction is the smoothed percentile\'s: the two-draw gradient stalled there)', () => {
    const constant = optimize(model, { phasing: 'constant', robust: { statistic: 'p10', draws: DRAWS, seed: 1 } });
    const yearly = optimize(model, { phasing: 'yearly', robust: { statistic: 'p10', draws: DRAWS, seed: 1 } });
    expect(yearly.robust!.value).toBeGreaterThan(constant.robust!.value + 1e-5 * Math.abs(constant.robust!.value));
  });
});
