import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import launchJson from '../../models/new-product-launch.json' with { type: 'json' };
import { parseModel, simulate } from '../../src/engine/index.ts';
import { MAX_REPORTED_RATE, internalRateOfReturn } from '../../src/engine/sim/internal-rate-of-return.ts';

/** Σ fₜ (1 + r)^(−t/P): the NPV the rate must zero. */
function presentValue(flows: number[], rate: number, periodsPerYear: number): number {
  return flows.reduce((sum, flow, index) => sum + flow * Math.pow(1 + rate, -(index + 1) / periodsPerYear), 0);
}

describe('internalRateOfReturn', () => {
  it('gives the closed forms: 10 % for −100 then 110 a year later; 10 % for 121 two years later', () => {
    expect(internalRateOfReturn([-100, 110], 2, 1)).toBeCloseTo(0.1, 12);
    expect(internalRateOfReturn([-100, 0, 121], 3, 1)).toBeCloseTo(0.1, 12);
    // Monthly periods: 1 % a month is 1.01¹² − 1 a year.
    expect(internalRateOfReturn([-100, 101], 2, 12)).toBeCloseTo(Math.pow(1.01, 12) - 1, 12);
  });

  it('gives a negative rate when the money never comes back in full', () => {
    const rate = internalRateOfReturn([-100, 50, 40], 3, 1)!;
    expect(rate).toBeLessThan(0);
    expect(presentValue([-100, 50, 40], rate, 1)).toBeCloseTo(0, 9);
  });

  it('is null when nothing goes out first, when nothing moves, and when the rate is not unique', () => {
    expect(internalRateOfReturn([100, -110], 2, 1)).toBeNull();
    expect(internalRateOfReturn([0, 0, 0], 3, 1)).toBeNull();
    // Flows −1, 3, −2.1 change sign twice and so does their running total: no single rate.
    expect(internalRateOfReturn([-1, 3, -2.1], 3, 1)).toBeNull();
  });

  it('caps rates that annualise beyond meaning', () => {
    expect(internalRateOfReturn([-1, 1000], 2, 52)).toBe(MAX_REPORTED_RATE);
  });

  it('zeroes the present value of any investment-shaped series (fast-check)', () => {
    const series = fc.tuple(
      fc.array(fc.double({ min: 1, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 12 }),
      fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 6, maxLength: 60 }),
      fc.constantFrom(4, 12, 52),
      // Half comes back over at least six periods: nearer −100 % a year, 1 + r itself loses the digits the check needs.
    ).filter(([outflows, inflows]) => inflows.some((value) => value > 0) && inflows.reduce((a, b) => a + b, 0) > 0.5 * outflows.reduce((a, b) => a + b, 0));
    fc.assert(fc.property(series, ([outflows, inflows, periodsPerYear]) => {
      const flows = [...outflows.map((value) => -value), ...inflows];
      const rate = internalRateOfReturn(flows, flows.length, periodsPerYear);
      expect(rate).not.toBeNull();
      expect(rate!).toBeGreaterThan(-1);
      // Beyond the cap, or within a tenth of −100 % a year, 1 + r has lost the digits the check needs.
      if (rate! >= MAX_REPORTED_RATE || rate! < -0.9) return;
      const scale = flows.reduce((sum, flow) => sum + Math.abs(flow), 0);
      expect(Math.abs(presentValue(flows, rate!, periodsPerYear))).toBeLessThan(1e-9 * scale);
    }), { numRuns: 300 });
  });
});

describe('summary.irr', () => {
  it('is the discount rate at which the marketing’s NPV with carryover is zero (new-product-launch)', () => {
    const model = parseModel(launchJson);
    const { irr, incrementalNpvWithCarryover } = simulate(model).summary;
    expect(irr).not.toBeNull();
    expect(incrementalNpvWithCarryover).toBeGreaterThan(0);
    const atIrr = simulate({ ...model, economics: { ...model.economics, discountRatePerYear: irr! } }).summary;
    expect(Math.abs(atIrr.incrementalNpvWithCarryover)).toBeLessThan(1e-6 * atIrr.totalSpend);
  });

  it('is null with no spend', () => {
    const model = parseModel(launchJson);
    expect(simulate({ ...model, budget: { perYear: 0, upstreamShare: 0.5 } }).summary.irr).toBeNull();
  });
});
