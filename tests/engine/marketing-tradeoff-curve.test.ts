import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseModel, simulate, tradeoffCurve } from '../../src/engine/index.ts';
import { marketingTradeoffCurve } from '../../src/engine/marketing-tradeoff-curve.ts';

const defaultJson = JSON.parse(readFileSync(new URL('../../models/default.json', import.meta.url), 'utf8'));

describe('marketingTradeoffCurve', () => {
  const model = parseModel(defaultJson);
  const curve = tradeoffCurve(model, 10);
  const marketing = marketingTradeoffCurve(curve, model);

  it.each([[1, 0], [3, 0.5], [5, 0.7]])('at %i years and share %f is the marketing NPV with carryover simulate gives', (horizonYears, share) => {
    const line = marketing.lines.find((each) => each.horizonYears === horizonYears)!;
    const expected = simulate(parseModel({ ...defaultJson, horizonYears, budget: { ...defaultJson.budget, upstreamShare: share } })).summary.incrementalNpvWithCarryover;
    const value = line.values[Math.round(share * 10)];
    expect(Math.abs(value - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
  });

  it('moves each line by one amount, so its best share stays', () => {
    marketing.lines.forEach((line, index) => {
      const shift = curve.lines[index].values[0] - line.values[0];
      line.values.forEach((value, at) => expect(curve.lines[index].values[at] - value).toBeCloseTo(shift, 6));
      expect(line.bestShare).toBe(curve.lines[index].bestShare);
      expect(curve.lines[index].bestValue - line.bestValue).toBeCloseTo(shift, 6);
    });
  });
});
