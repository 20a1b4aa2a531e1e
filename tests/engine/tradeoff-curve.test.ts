import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Model } from '../../src/engine/model/model.ts';
import { parseModel } from '../../src/engine/model/parse-model.ts';
import { simulate } from '../../src/engine/sim/simulate.ts';
import { tradeoffCurve, yearlyBudgets } from '../../src/engine/tradeoff-curve.ts';

const defaultModel = parseModel(JSON.parse(readFileSync(new URL('../../models/default.json', import.meta.url), 'utf8')));

function withShare(model: Model, horizonYears: number, share: number): Model {
  return parseModel({ ...model, horizonYears, budget: { perYear: model.budget!.perYear, upstreamShare: share } });
}

describe('tradeoffCurve', () => {
  const curve = tradeoffCurve(defaultModel);

  it('has one line per horizon from 1 to 5 years over shares 0 … 1 in 1-point steps', () => {
    expect(curve.lines.map((line) => line.horizonYears)).toEqual([1, 2, 3, 4, 5]);
    expect(curve.shares).toHaveLength(101);
    expect(curve.shares[0]).toBe(0);
    expect(curve.shares[100]).toBe(1);
  });

  it('gives simulate’s npvWithCarryover at every point', () => {
    for (const line of curve.lines) {
      for (const index of [0, 17, 50, 83, 100]) {
        const expected = simulate(withShare(defaultModel, line.horizonYears, curve.shares[index])).summary.npvWithCarryover;
        expect(line.values[index]).toBeCloseTo(expected, 6);
      }
    }
  });

  it('finds a best share no worse than any grid point, that rises with the horizon for the default model', () => {
    for (const line of curve.lines) {
      expect(line.bestValue).toBeGreaterThanOrEqual(Math.max(...line.values));
      const exact = simulate(withShare(defaultModel, line.horizonYears, line.bestShare)).summary.npvWithCarryover;
      expect(exact).toBeCloseTo(line.bestValue, 6);
    }
    const best = curve.lines.map((line) => line.bestShare);
    for (let index = 1; index < best.length; index += 1) expect(best[index]).toBeGreaterThan(best[index - 1]);
    expect(best[0]).toBeLessThan(0.5);
    expect(best[4]).toBeGreaterThan(0.5);
  });

  it('repeats the last year’s budget for horizons longer than the model’s', () => {
    const model = parseModel({ ...defaultModel, budget: { perYear: [1e6, 2e6, 3e6], upstreamShare: 0.5 } });
    const line = tradeoffCurve(model, 10).lines[4];
    const expected = simulate(parseModel({ ...model, horizonYears: 5, budget: { perYear: [1e6, 2e6, 3e6, 3e6, 3e6], upstreamShare: 0.3 } }));
    expect(line.values[3]).toBeCloseTo(expected.summary.npvWithCarryover, 6);
  });

  it('takes yearly budgets from an explicit plan’s totals', () => {
    const upstream = Array.from({ length: 36 }, (_, index) => (index < 12 ? 1000 : 2000));
    const model = parseModel({ ...defaultModel, budget: undefined, plan: { upstream, downstream: upstream } });
    expect(yearlyBudgets(model)).toEqual([24000, 48000, 48000]);
  });
});
