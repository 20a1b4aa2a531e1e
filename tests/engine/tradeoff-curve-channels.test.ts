import { describe, expect, it } from 'vitest';
import type { Model } from '../../src/engine/model/model.ts';
import { parseModel } from '../../src/engine/model/parse-model.ts';
import { compileModel } from '../../src/engine/sim/compile-model.ts';
import { channelSpend } from '../../src/engine/sim/plan-spend.ts';
import { simulate } from '../../src/engine/sim/simulate.ts';
import { marketingTradeoffCurve } from '../../src/engine/marketing-tradeoff-curve.ts';
import { channelProportions, tradeoffCurve } from '../../src/engine/tradeoff-curve.ts';
import { channelForm, modelFiles } from './objective-gradient-models.ts';

type Json = Model & { budget: { perYear: number | number[]; upstreamShare: number | number[] } };

/** The model at `horizonYears` with one upstream share for every year, as a file would say it. */
function atShare(model: Model, horizonYears: number, share: number): Model {
  const json = structuredClone(model) as Json;
  return parseModel({ ...json, horizonYears, budget: { perYear: json.budget.perYear, upstreamShare: share } });
}

const consumerChannels = modelFiles().find(({ file }) => file === 'consumer-channels.json')!.model;

describe('tradeoffCurve with channels', () => {
  const curve = tradeoffCurve(consumerChannels, 10);

  it('gives simulate’s npvWithCarryover at every point, each side split over its channels by their shares', () => {
    for (const line of curve.lines.filter((each) => each.horizonYears <= 3)) {
      for (const index of [0, 3, 5, 10]) {
        const expected = simulate(atShare(consumerChannels, line.horizonYears, curve.shares[index])).summary.npvWithCarryover;
        expect(Math.abs(line.values[index] - expected)).toBeLessThanOrEqual(1e-9 * Math.abs(expected));
      }
    }
  });

  it('splits a side as the plan does, year by year, when the model is a plan', () => {
    const base = channelForm({ upstream: 2, downstream: 2 });
    const rows = channelSpend(base);
    const names = ['Brand1', 'Brand2', 'Sales1', 'Sales2'];
    // Year 1 all upstream money in Brand1, later years 1 : 3; Sales2 twice Sales1 throughout.
    const plan = Object.fromEntries(names.map((name, channel) => [name, Array.from(rows[channel], (amount, index) => {
      const year = Math.floor(index / 12);
      if (channel === 0) return year === 0 ? 2 * amount : 0.5 * amount;
      if (channel === 1) return year === 0 ? 0 : 1.5 * amount;
      return channel === 2 ? (2 / 3) * amount : (4 / 3) * amount;
    })]));
    const { budget: _budget, ...rest } = structuredClone(base) as Json;
    const model = parseModel({ ...rest, plan });
    const proportions = channelProportions(model);
    expect(proportions[0]).toEqual([1, 0.25, 0.25]);
    expect(proportions[1]).toEqual([0, 0.75, 0.75]);
    expect(proportions[2].map((value) => Number(value.toFixed(12)))).toEqual([1 / 3, 1 / 3, 1 / 3].map((value) => Number(value.toFixed(12))));
  });

  it('counts money put on a side without channels as spent for nothing', () => {
    const model = channelForm({ upstream: 0, downstream: 2 });
    const line = tradeoffCurve(model, 4).lines.find((each) => each.horizonYears === 3)!;
    const compiled = compileModel(model);
    const perPeriod = 1.2e6 / 12;
    // At share 0.25, a quarter of each period's budget is lost: its discounted cost only.
    const downstreamOnly = simulate(parseModel({ ...structuredClone(model) as Json, budget: { perYear: 0.75 * 1.2e6, upstreamShare: 0 } })).summary.npvWithCarryover;
    let lost = 0;
    for (let index = 0; index < compiled.periods; index += 1) lost += 0.25 * perPeriod * compiled.discountFactor[index];
    expect(line.values[1]).toBeCloseTo(downstreamOnly - lost, 4);
    expect(line.bestShare).toBe(0);
  });

  it('is the marketing’s own value per point in the marketing curve', () => {
    const marketing = marketingTradeoffCurve(curve, consumerChannels);
    const line = marketing.lines.find((each) => each.horizonYears === 3)!;
    const expected = simulate(atShare(consumerChannels, 3, 0.4)).summary.incrementalNpvWithCarryover;
    expect(Math.abs(line.values[4] - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
  });
});
