import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HistoryTable, NumericDriver } from '../../../src/engine/fit/history-table.ts';
import { linearTerms, prefersLogForm } from '../../../src/engine/fit/linear-terms.ts';

const WEEKS = 104;
/** Quasi-random in [0, 1): the fractional part of t·φ, so the series is deterministic and not periodic with the seasons. */
const spread = (t: number) => (t * 0.6180339887498949) % 1;
/** Small deterministic noise (sd ≈ 0.007 on log revenue). */
const noise = (t: number) => 0.01 * Math.sin(1.7 * t);

/** Two years of weekly rows, one channel, one numeric driver z; log revenue = 1 + effect(z) + 0.02·spend/100 + noise. */
function history(z: (t: number) => number, effect: (z: number) => number): { table: HistoryTable; driver: NumericDriver } {
  const values = Float64Array.from({ length: WEEKS }, (_, t) => z(t));
  const spend = Float64Array.from({ length: WEEKS }, (_, t) => 100 + 50 * Math.cos(t));
  const driver: NumericDriver = { name: 'z', kind: 'numeric', values };
  const target = Float64Array.from({ length: WEEKS }, (_, t) => Math.exp(1 + effect(values[t]) + 0.02 * spend[t] / 100 + noise(t)));
  const dates = Array.from({ length: WEEKS }, (_, t) => new Date(Date.UTC(2023, 0, 2 + 7 * t)).toISOString().slice(0, 10));
  return { table: { dates, periodsPerYear: 52, targetName: 'revenue', target, channels: [{ name: 'Search', side: 'downstream', column: 'Search', spend }], drivers: [driver] }, driver };
}

/** z spanning ×10 (1 … 10, log-uniform). */
const wide = (t: number) => 10 ** spread(t);

describe('prefersLogForm', () => {
  it('chooses the log form when revenue follows a power law of a driver spanning ×10, and the term carries log z centred on the fitted rows', () => {
    const { table, driver } = history(wide, (z) => 0.6 * Math.log(z));
    expect(prefersLogForm(table, 90, driver)).toBe(true);
    const term = linearTerms(table, 90, { startGrowth: 0 }).find((candidate) => candidate.name === 'z')!;
    expect(term.logForm).toBe(true);
    const mean = Array.from(driver.values.subarray(0, 90), Math.log).reduce((sum, value) => sum + value, 0) / 90;
    expect(term.values[7]).toBeCloseTo(Math.log(driver.values[7]) - mean, 12);
  });

  it('keeps the linear form when revenue is exp(γ·z) of the same driver', () => {
    const { table, driver } = history(wide, (z) => 0.08 * z);
    expect(prefersLogForm(table, 90, driver)).toBe(false);
    expect(linearTerms(table, 90, { startGrowth: 0 }).find((candidate) => candidate.name === 'z')!.logForm).toBeUndefined();
  });

  it('keeps a driver moving a few % linear even under a power-law truth: log z ≈ z there, so the margin is not met', () => {
    // z in 9.8 … 10.2: log z and z correlate above 0.9999, so the two fits differ by far less than 2 nats.
    const { table, driver } = history((t) => 9.8 + 0.4 * spread(t), (z) => 0.6 * Math.log(z));
    expect(prefersLogForm(table, 90, driver)).toBe(false);
  });

  it('never logs a driver with a zero or negative value in the fitted rows', () => {
    const { table, driver } = history((t) => (t === 3 ? 0 : wide(t)), (z) => 0.6 * Math.log(Math.max(z, 1)));
    expect(prefersLogForm(table, 90, driver)).toBe(false);
  });

  it('never logs a driver with a zero or negative value in a held-out row either: their forecast takes its log', () => {
    for (const bad of [0, -2]) {
      const { table, driver } = history(wide, (z) => 0.6 * Math.log(z));
      driver.values[WEEKS - 1] = bad;
      expect(prefersLogForm(table, 90, driver)).toBe(false);
      const term = linearTerms(table, 90, { startGrowth: 0 }).find((candidate) => candidate.name === 'z')!;
      expect(term.values.every(Number.isFinite)).toBe(true);
    }
  });

  it('takes the form it is given (a refit keeps the first fit’s choice) instead of screening again', () => {
    const { table } = history(wide, (z) => 0.6 * Math.log(z));
    expect(linearTerms(table, 90, { startGrowth: 0 }, new Set()).find((term) => term.name === 'z')!.logForm).toBeUndefined();
    const linearTruth = history(wide, (z) => 0.08 * z).table;
    expect(linearTerms(linearTruth, 90, { startGrowth: 0 }, new Set(['z'])).find((term) => term.name === 'z')!.logForm).toBe(true);
  });

  it('reads nothing after the fitted rows: wrecking the held-out revenue and (keeping it positive) the driver leaves the choice as it was', () => {
    for (const effect of [(z: number) => 0.6 * Math.log(z), (z: number) => 0.08 * z]) {
      const { table, driver } = history(wide, effect);
      const before = prefersLogForm(table, 90, driver);
      for (let t = 90; t < WEEKS; t += 1) { table.target[t] = 1e9 * (t % 2 + 1); driver.values[t] = t % 2 === 0 ? 1e6 : 1e-6; }
      expect(prefersLogForm(table, 90, driver)).toBe(before);
    }
  });

  it('does not depend on the driver\'s units: z and c·z give the same choice', () => {
    fc.assert(fc.property(fc.double({ min: -3, max: 6, noNaN: true }), fc.boolean(), (exponent, powerLaw) => {
      const effect = powerLaw ? (z: number) => 0.6 * Math.log(z) : (z: number) => 0.08 * z;
      const { table, driver } = history(wide, effect);
      const scaled: NumericDriver = { ...driver, values: driver.values.map((value) => value * 10 ** exponent) };
      expect(prefersLogForm({ ...table, drivers: [scaled] }, 90, scaled)).toBe(powerLaw);
    }), { numRuns: 30 });
  });
});
