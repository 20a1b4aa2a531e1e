import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseModel } from '../../src/engine/index.ts';
import { planOutline } from '../../src/engine/plan-outline.ts';

const defaultJson = JSON.parse(readFileSync(new URL('../../models/default.json', import.meta.url), 'utf8'));

describe('planOutline', () => {
  it('a constant budget and split: each year the same', () => {
    const outline = planOutline(parseModel(defaultJson));
    expect(outline.phasing).toBe('constant');
    expect(outline.horizonYears).toBe(3);
    expect(outline.periodsPerYear).toBe(12);
    expect(outline.budgetByYear.map((value) => Math.round(value))).toEqual([1_200_000, 1_200_000, 1_200_000]);
    for (const share of outline.upstreamShareByYear) expect(share).toBeCloseTo(0.5, 12);
  });

  it('a budget or share by year: "yearly", each year its own', () => {
    const outline = planOutline(parseModel({ ...defaultJson, budget: { perYear: [1e6, 1.5e6, 0], upstreamShare: 0.4 } }));
    expect(outline.phasing).toBe('yearly');
    expect(outline.budgetByYear.map((value) => Math.round(value))).toEqual([1_000_000, 1_500_000, 0]);
    expect(outline.upstreamShareByYear[0]).toBeCloseTo(0.4, 12);
    expect(outline.upstreamShareByYear[1]).toBeCloseTo(0.4, 12);
    // A year with no spend has no share.
    expect(outline.upstreamShareByYear[2]).toBeNull();
  });

  it('an explicit plan: budgets and shares summed from its periods (by hand: year 1 = 12 × (10 + 30))', () => {
    const upstream = [...Array(12).fill(10), ...Array(12).fill(50)];
    const downstream = [...Array(12).fill(30), ...Array(12).fill(50)];
    const { budget: _budget, ...rest } = defaultJson;
    const outline = planOutline(parseModel({ ...rest, horizonYears: 2, plan: { upstream, downstream } }));
    expect(outline.phasing).toBe('explicit');
    expect(outline.budgetByYear).toEqual([480, 1200]);
    expect(outline.upstreamShareByYear).toEqual([0.25, 0.5]);
  });
});

describe('planOutline of a model in the channel form', () => {
  const b2b = JSON.parse(readFileSync(new URL('../../models/b2b-channels.json', import.meta.url), 'utf8'));

  it('a channel share given year by year makes the phasing yearly, and the budget is the file\'s own numbers', () => {
    const channels = b2b.downstream.channels;
    channels.Search.share = [0.2, 0.45, 0.7];
    channels['Sales development'].share = [0.8, 0.55, 0.3];
    const outline = planOutline(parseModel(b2b));
    expect(outline.phasing).toBe('yearly');
    expect(outline.budgetByYear).toEqual([800000, 800000, 800000]);
    expect(outline.upstreamShareByYear).toEqual([0.4, 0.4, 0.4]);
  });
});
