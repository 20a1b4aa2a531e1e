import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import defaultJson from '../../models/default.json' with { type: 'json' };
import type { Model } from '../../src/engine/model/model.ts';
import { parseModel } from '../../src/engine/model/parse-model.ts';
import { marginalRoi } from '../../src/engine/sim/marginal-roi.ts';
import { simulate } from '../../src/engine/sim/simulate.ts';
import { tradeoffCurve } from '../../src/engine/tradeoff-curve.ts';
import { validModel } from './arbitrary-model.ts';
import { PINNED_TWO_LEVER_CASES } from './objective-gradient-models.ts';
import recorded from './objective-gradient-two-lever.fixture.json' with { type: 'json' };

const defaultModel = parseModel(defaultJson);

/** The plan's spend per period on each side, with `extra` more in total on one side, spread like the plan. */
function withExtra(model: Model, side: 'upstream' | 'downstream', extra: number): Model {
  const { periods } = simulate(model);
  const totals = periods.map((period) => period.upstream + period.downstream);
  const total = totals.reduce((sum, value) => sum + value, 0);
  const weights = totals.map((value) => (total > 0 ? value / total : 1 / totals.length));
  const plan = {
    upstream: periods.map((period, index) => period.upstream + (side === 'upstream' ? extra * weights[index] : 0)),
    downstream: periods.map((period, index) => period.downstream + (side === 'downstream' ? extra * weights[index] : 0)),
  };
  const { budget: _budget, ...rest } = model;
  return { ...rest, plan };
}

/** Central finite difference of NPV with carryover per discounted unit of extra spend, minus nothing (the spend's cost is in the NPV). */
function finiteDifference(model: Model, side: 'upstream' | 'downstream'): number {
  const { periods } = simulate(model);
  const totals = periods.map((period) => period.upstream + period.downstream);
  const total = totals.reduce((sum, value) => sum + value, 0);
  const rate = model.economics.discountRatePerYear;
  const discountedPerUnit = totals.reduce((sum, value, index) =>
    sum + (total > 0 ? value / total : 1 / totals.length) * Math.pow(1 + rate, -(index + 1) / model.periodsPerYear), 0);
  const step = Math.max(1, total * 1e-4);
  const up = simulate(withExtra(model, side, step)).summary.npvWithCarryover;
  const down = simulate(withExtra(model, side, -step)).summary.npvWithCarryover;
  return (up - down) / (2 * step) / discountedPerUnit;
}

describe('marginalRoi', () => {
  it('is the derivative of NPV with carryover per discounted unit of extra spend, on the default model (central differences)', () => {
    const exact = marginalRoi(defaultModel);
    expect(exact.upstream).toBeCloseTo(finiteDifference(defaultModel, 'upstream'), 5);
    expect(exact.downstream).toBeCloseTo(finiteDifference(defaultModel, 'downstream'), 5);
  });

  it('matches central differences on random valid models with spend on both sides (fast-check)', () => {
    // Both sides spend in every period, far from zero (the Hill curve's kink at 0), and
    // conversion stays below its cap (where the derivative has a kink).
    const spending = fc.tuple(validModel, fc.double({ min: 0.1, max: 0.9, noNaN: true }), fc.double({ min: 1e4, max: 1e8, noNaN: true }))
      .map(([model, upstreamShare, perYear]) => {
        const { plan: _plan, ...rest } = model;
        return { ...rest, budget: { perYear, upstreamShare } } as Model;
      })
      .filter((model) => simulate(parseModel(model)).periods.every((period) => period.conversion < 0.99));
    fc.assert(fc.property(spending, (raw) => {
      const model = parseModel(raw);
      const exact = marginalRoi(model);
      for (const side of ['upstream', 'downstream'] as const) {
        const approximate = finiteDifference(model, side);
        expect(Math.abs(exact[side] - approximate)).toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(approximate)));
      }
    }), { numRuns: 40 });
  });

  it('is equal on both sides at the best constant split of a fixed budget (first-order condition)', () => {
    // The trade-off curve's best share for the model's horizon: NPV with carryover maximised over
    // one upstream share for the whole horizon, to within 1e-4.
    const share = tradeoffCurve(defaultModel, 100).lines.find((line) => line.horizonYears === defaultModel.horizonYears)!.bestShare;
    expect(share).toBeGreaterThan(0.05);
    expect(share).toBeLessThan(0.95);
    const atBest = marginalRoi({ ...defaultModel, budget: { ...defaultModel.budget!, upstreamShare: share } });
    expect(Math.abs(atBest.upstream - atBest.downstream)).toBeLessThan(1e-3);
    // Away from the best split they differ, in the direction that points back to it.
    const moreUpstream = marginalRoi({ ...defaultModel, budget: { ...defaultModel.budget!, upstreamShare: share + 0.2 } });
    expect(moreUpstream.upstream).toBeLessThan(moreUpstream.downstream);
  });

  // Recorded from marginalRoi before channels (commit eb624cf) for PINNED_TWO_LEVER_CASES.
  it.each(PINNED_TWO_LEVER_CASES.map(([name, model], index) => ({ name, model, index })))(
    'gives a two-lever model the values it had before channels: $name',
    ({ name, model, index }) => {
      expect(recorded[index].name).toBe(name);
      const { upstream, downstream } = marginalRoi(model());
      expect(upstream).toBeCloseTo(recorded[index].marginalRoi.upstream, 12);
      expect(downstream).toBeCloseTo(recorded[index].marginalRoi.downstream, 12);
    },
  );

  it('gives a two-lever model one channel a side, named after it, equal to its side when the share is constant', () => {
    const result = marginalRoi(defaultModel);
    expect(result.channels.map(({ name, side }) => [name, side])).toEqual([['upstream', 'upstream'], ['downstream', 'downstream']]);
    expect(result.channels[0].marginalRoi).toBeCloseTo(result.upstream, 12);
    expect(result.channels[1].marginalRoi).toBeCloseTo(result.downstream, 12);
  });
});
