import { describe, expect, it } from 'vitest';
import { OptimizeError, budgetFrontier, budgetForTargetRoi, resolveOptions, type OptimizeOptions } from '../../../src/engine/optimize/index.ts';
import { expectPlanWithinBounds, optimize } from './optimize-test-kit.ts';
import { defaultModel } from './model-files.ts';

/** The OptimizeError that `action` throws. */
function optimizeError(action: () => unknown): OptimizeError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(OptimizeError);
    return error as OptimizeError;
  }
  throw new Error('expected an OptimizeError');
}

describe('optimiser options', () => {
  it('default to npvWithCarryover, constant, shares 0–1 and unbounded periods', () => {
    const settings = resolveOptions({});
    expect(settings.objective.name).toBe('npvWithCarryover');
    expect(settings).toMatchObject({ phasing: 'constant', minShare: 0, maxShare: 1, minPeriodMultiple: 0, maxPeriodMultiple: Infinity, effort: 1 });
  });

  const invalid: [string, OptimizeOptions, string, RegExp][] = [
    ['a share below 0', { minShare: -0.1 }, 'minShare', /minShare must be a share from 0 to 1, got -0.1/],
    ['a share above 1', { maxShare: 1.5 }, 'maxShare', /maxShare must be a share from 0 to 1, got 1.5/],
    ['a share that is not a number', { minShare: Number.NaN }, 'minShare', /got NaN/],
    ['crossed shares', { minShare: 0.7, maxShare: 0.4 }, 'minShare', /minShare \(0.7\) is above maxShare \(0.4\)/],
    ['a negative period multiple', { minPeriodMultiple: -1 }, 'minPeriodMultiple', /must be a number ≥ 0, got -1/],
    ['a minimum period multiple above 1', { minPeriodMultiple: 1.2 }, 'minPeriodMultiple', /1.2 cannot be met.*use at most 1/],
    ['a maximum period multiple below 1', { maxPeriodMultiple: 0.8 }, 'maxPeriodMultiple', /0.8 cannot be met.*use at least 1/],
    ['an unknown objective', { objective: 'profit' as never }, 'objective', /invalid objective "profit"; choose npv, npvWithCarryover or totalRevenue/],
    ['an unknown phasing', { phasing: 'monthly' as never }, 'phasing', /invalid phasing "monthly"; choose constant, yearly, period or flighting/],
    ['a zero effort', { effort: 0 }, 'effort', /effort must be a positive number/],
  ];
  it.each(invalid)('refuse %s, naming the option', (_, options, option, message) => {
    const error = optimizeError(() => optimize(defaultModel(), options));
    expect(error.option).toBe(option);
    expect(error.message).toMatch(message);
  });

  it('accept period bounds of exactly 1, which fix every period at the average', () => {
    // The best plans themselves: the smoothing step may give up a little value, differently for each.
    const result = optimize(defaultModel(), { phasing: 'flighting', minPeriodMultiple: 1, maxPeriodMultiple: 1, exactBest: true });
    expectPlanWithinBounds(result, 12, { minShare: 0, maxShare: 1, minPeriodMultiple: 1, maxPeriodMultiple: 1 });
    const period = optimize(defaultModel(), { phasing: 'period', exactBest: true });
    expect(result.value).toBeGreaterThanOrEqual(period.value - 1e-9 * Math.abs(period.value));
  });

  it('are checked the same way by the target-ROI search and the frontier', () => {
    expect(optimizeError(() => budgetForTargetRoi(defaultModel(), { targetRoi: 0.5, minShare: 2 })).option).toBe('minShare');
    expect(optimizeError(() => budgetFrontier(defaultModel(), { from: 0.5, to: 2, steps: 3, maxPeriodMultiple: 0.5 })).option).toBe('maxPeriodMultiple');
  });
});
