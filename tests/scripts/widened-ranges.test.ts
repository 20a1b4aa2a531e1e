import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateHistory } from '../../src/engine/fit/example-history.ts';
import type { Model } from '../../src/engine/model/model.ts';
import { parseModel } from '../../src/engine/model/parse-model.ts';
import { widenedRanges } from '../../scripts/fit-quality.ts';

const start = parseModel(JSON.parse(readFileSync(new URL('../../models/examples/consumer-weekly.json', import.meta.url), 'utf8')));
const options = { seed: 7, years: 2, noise: 0.05, startDate: '2023-01-02' };

type Spread = { dist: string; median?: number; sigma?: number; mean?: number; sd?: number };
const rangesOf = (model: Model) => model.uncertainty as Record<string, Spread>;

describe("quality:fit --overconfident: the truth drawn from the start's ranges made wider", () => {
  it('multiplies every spread and keeps every centre, so the guesses stay unbiased', () => {
    const wide = rangesOf(widenedRanges(start, 2));
    for (const [path, range] of Object.entries(rangesOf(start))) {
      if (range.dist === 'lognormal') expect(wide[path]).toEqual({ ...range, sigma: 2 * range.sigma! });
      else expect(wide[path]).toEqual({ ...range, sd: 2 * range.sd! });
    }
  });

  it('leaves the start alone at 1', () => {
    expect(widenedRanges(start, 1)).toBe(start);
  });

  it("puts a drawn lognormal setting K times as far from its median, in logs, as the start's own draw", () => {
    const plain = generateHistory(start, options).trueValues;
    const wide = generateHistory(widenedRanges(start, 2.5), options).trueValues;
    const lognormals = Object.entries(rangesOf(start)).filter(([path, range]) => range.dist === 'lognormal' && path in plain);
    expect(lognormals.length).toBeGreaterThan(10);
    for (const [path, range] of lognormals) {
      const deviation = Math.log(plain[path] / range.median!);
      expect(Math.abs(deviation)).toBeGreaterThan(1e-6);
      expect(Math.log(wide[path] / range.median!)).toBeCloseTo(2.5 * deviation, 10);
    }
  });

  it('refuses a range it cannot widen, naming it', () => {
    const copy = JSON.parse(JSON.stringify(start)) as Model;
    (copy.uncertainty as Record<string, unknown>)['brand.demandLift'] = { dist: 'uniform', min: 0.4, max: 0.8 };
    expect(() => widenedRanges(parseModel(copy), 2)).toThrow(/brand\.demandLift is uniform/);
  });
});
