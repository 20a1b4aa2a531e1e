import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decompositionParts, driversTotal, stackDecomposition } from '../../src/charts/fit-decomposition-stack.ts';
import type { FitPeriod } from '../../src/engine/fit/fit-result.ts';
import { FIXTURE_CHANNELS, fitResultFixture } from '../fixtures/fit-result-fixture.ts';

const CHANNELS = [{ name: 'TV', side: 'upstream' as const }, { name: 'Search', side: 'downstream' as const }];

function period(parts: { base: number; TV: number; Search: number; drivers: Record<string, number>; interaction: number }): FitPeriod {
  const fitted = parts.base + parts.TV + parts.Search + driversTotal(parts) + parts.interaction;
  return {
    date: '2024-01-01', actual: fitted, fitted, lower: fitted, upper: fitted, holdout: false,
    base: parts.base, channels: { TV: parts.TV, Search: parts.Search }, drivers: parts.drivers, interaction: parts.interaction,
  };
}

describe('decomposition stack', () => {
  it('orders the parts base, channels (upstream first), drivers, interaction', () => {
    expect(decompositionParts(FIXTURE_CHANNELS).map((part) => part.key)).toEqual([
      'base', 'channel:TV', 'channel:Online video', 'channel:Sponsorship', 'channel:Search', 'channel:Social', 'channel:Retail media', 'drivers', 'interaction',
    ]);
  });

  it('stacks positive parts up from 0 and negative ones (drivers, interaction) down from 0', () => {
    // Drivers −15 + 5 = −10, interaction −2: below zero, drivers first.
    const layers = stackDecomposition([period({ base: 100, TV: 20, Search: 10, drivers: { price: -15, promotion: 5 }, interaction: -2 })], decompositionParts(CHANNELS));
    expect(layers.map((layer) => layer.above[0])).toEqual([[0, 100], [100, 120], [120, 130], [130, 130], [130, 130]]);
    expect(layers.map((layer) => layer.below[0])).toEqual([[0, 0], [0, 0], [0, 0], [-10, 0], [-12, -10]]);
  });

  it('keeps a part with nothing on one side at the edge of that side’s pile, never at 0 (no slivers across the base)', () => {
    // TV 0 in the second week: its band closes at the top of the base (100), where it sits, not at 0.
    const weeks = [
      period({ base: 100, TV: 20, Search: 10, drivers: { price: 5 }, interaction: 0 }),
      period({ base: 100, TV: 0, Search: 10, drivers: { price: -5 }, interaction: 0 }),
    ];
    const [, tv, search, drivers] = stackDecomposition(weeks, decompositionParts(CHANNELS));
    expect(tv.above).toEqual([[100, 120], [100, 100]]);
    expect(search.above).toEqual([[120, 130], [100, 110]]);
    // Drivers +5 on top of the pile, then −5 below zero: each side has its own band.
    expect(drivers.above).toEqual([[130, 135], [110, 110]]);
    expect(drivers.below).toEqual([[0, 0], [-5, 0]]);
  });

  it('counts a part that is zero but for rounding as 0, so it does not flip sides', () => {
    const layers = stackDecomposition([period({ base: 1e6, TV: 1e-10, Search: 5, drivers: {}, interaction: -1e-10 })], decompositionParts(CHANNELS));
    expect(layers[1].above[0]).toEqual([1e6, 1e6]);
    expect(layers[4].below[0]).toEqual([0, 0]);
  });

  it('stacks to the fitted value: the top of the positive pile plus the bottom of the negative one, in every fixture week', () => {
    const periods = fitResultFixture().periods;
    const layers = stackDecomposition(periods, decompositionParts(FIXTURE_CHANNELS));
    periods.forEach((week, index) => {
      const top = Math.max(0, ...layers.map((layer) => layer.above[index][1]));
      const bottom = Math.min(0, ...layers.map((layer) => layer.below[index][0]));
      expect(top + bottom).toBeCloseTo(week.fitted, 6);
    });
    // The fixture's price driver is negative in weeks 1–12 (−6,000 sin(2πt/26) < 0): drivers sit below 0 there.
    const drivers = layers[7];
    expect(drivers.below[5][1]).toBe(0);
    expect(drivers.below[5][0]).toBeCloseTo(-6_000 * Math.sin((2 * Math.PI * 5) / 26), 9);
    expect(drivers.above[5][1] - drivers.above[5][0]).toBe(0);
  });

  it('keeps each band as tall as its part, whatever the signs (property)', () => {
    const amount = fc.double({ min: -1e6, max: 1e6, noNaN: true });
    fc.assert(fc.property(amount, amount, amount, amount, amount, (base, tv, search, price, interaction) => {
      const week = period({ base, TV: tv, Search: search, drivers: { price }, interaction });
      const parts = decompositionParts(CHANNELS);
      const layers = stackDecomposition([week], parts);
      parts.forEach((part, index) => {
        const value = part.value(week);
        const height = (layers[index].above[0][1] - layers[index].above[0][0]) + (layers[index].below[0][1] - layers[index].below[0][0]);
        const expected = Math.abs(value) <= 1e-9 * Math.abs(week.fitted) ? 0 : Math.abs(value);
        expect(Math.abs(height - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(base) + Math.abs(tv) + Math.abs(search) + Math.abs(price) + Math.abs(interaction)));
      });
    }));
  });
});
