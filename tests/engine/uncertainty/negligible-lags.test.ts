import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../../src/engine/sim/compile-model.ts';
import { PERIOD_FIELDS, type TwoLeverModel, parseModel, simulate } from '../../../src/engine/index.ts';
import { NEGLIGIBLE_LAG_SHARE, negligibleLagShare } from '../../../src/engine/sim/lag-weights.ts';
import { channelSpend } from '../../../src/engine/sim/plan-spend.ts';
import { channelSpendBuffers, createRunTrace, runModel } from '../../../src/engine/sim/run-model.ts';
import { fastRun, runPowers } from '../../../src/engine/sim/fast-run.ts';
import { validModel } from '../arbitrary-model.ts';
import { expectClose } from '../expect-close.ts';
import { referenceSimulate } from '../reference/reference-simulate.ts';
import { defaultJson } from './fixtures.ts';
import { evenly } from './realistic-models.ts';

// Lags whose weights are negligible are dropped (src/engine/sim/lag-weights.ts, docs/uncertainty.md
// "Negligible lags"). These tests check the rule against a full scan of every weight, that the
// loops never touch a dropped lag, and that results still agree with the spec's literal
// transcription (every lag summed) to its 1e-9, for windows up to 600 months of weekly periods.

/** Lag settings over the whole valid space, long windows and concentrations near 1 included. */
const lagSettings = fc.record({
  periodsPerYear: fc.constantFrom(4, 12, 52, 52),
  lagWindowMonths: fc.oneof(evenly(0, 36), evenly(0, 600)),
  lagFraction: evenly(0, 1),
  lagConcentration: fc.oneof(evenly(0.01, 0.99), evenly(0.999, 0.99999), fc.constant(1e-200)),
  shape: fc.oneof(evenly(0.05, 4), fc.constant(1), fc.constant(0.01)),
});

function modelWithLags(settings: { periodsPerYear: number; lagWindowMonths: number; lagFraction: number; lagConcentration: number; shape: number }): TwoLeverModel {
  const json = defaultJson();
  delete json.uncertainty;
  Object.assign(json, { periodsPerYear: settings.periodsPerYear, horizonYears: 5 });
  Object.assign(json.upstream, {
    lagWindowMonths: settings.lagWindowMonths, lagMonths: settings.lagFraction * settings.lagWindowMonths,
    lagConcentration: settings.lagConcentration, shape: settings.shape,
  });
  return parseModel(json) as TwoLeverModel;
}

describe('negligible lags', () => {
  it('compileModel keeps exactly the lags whose weight exceeds the peak weight times ε^max(1, 1/S) / (L + 1), with Math.pow weights, 0 elsewhere', () => {
    fc.assert(fc.property(lagSettings, (settings) => {
      const model = modelWithLags(settings);
      const compiled = compileModel(model).upstreamChannels[0];
      const { lagWindow } = compiled;
      const peak = model.upstream.lagMonths * (model.periodsPerYear / 12);
      const full = Array.from({ length: lagWindow + 1 }, (_, lag) => Math.pow(model.upstream.lagConcentration, (lag - peak) ** 2));
      const largest = Math.max(...full);
      const cutoff = largest * Math.pow(NEGLIGIBLE_LAG_SHARE, Math.max(1, 1 / model.upstream.shape)) / (lagWindow + 1);
      const kept = full.map((weight) => weight > cutoff);
      expect(compiled.lagFirst).toBe(kept.indexOf(true));
      expect(compiled.lagLast).toBe(kept.lastIndexOf(true));
      let sum = 0;
      full.forEach((weight, lag) => {
        const inside = lag >= compiled.lagFirst && lag <= compiled.lagLast;
        expect(inside, `lag ${lag} kept`).toBe(kept[lag]);
        expect(compiled.lagWeights[lag], `weight ${lag}`).toBe(inside ? weight : 0);
        if (inside) sum += weight;
      });
      expect(compiled.lagWeightSum).toBe(sum);
      // The bound the documentation states: the dropped weights are at most ε^max(1, 1/S) of all of them.
      const dropped = full.reduce((total, weight, lag) => total + (kept[lag] ? 0 : weight), 0);
      expect(dropped).toBeLessThanOrEqual(Math.pow(NEGLIGIBLE_LAG_SHARE, Math.max(1, 1 / model.upstream.shape)) * (sum + dropped));
    }), { numRuns: 300 });
  });

  it('keeps a handful of lags of a 600-month weekly window at the default concentration', () => {
    const compiled = compileModel(modelWithLags({ periodsPerYear: 52, lagWindowMonths: 600, lagFraction: 4 / 600, lagConcentration: 0.6, shape: 1 })).upstreamChannels[0];
    expect(compiled.lagWindow).toBe(2600);
    // θ = 4 · 52/12 = 17.33, the peak weight α^(1/9) at l = 17; kept: α^(d²) > α^(1/9) · 1e-16 / 2601
    // ⇔ d² < 1/9 + ln(2601e16) / ln(1/0.6) = 87.63 ⇔ 7.97 < l < 26.69.
    expect([compiled.lagFirst, compiled.lagLast]).toEqual([8, 26]);
    expect(negligibleLagShare(2600, 1)).toBeCloseTo(1e-16 / 2601, 30);
  });

  it('runModel and fastRun never read a dropped lag: poison in the spend only dropped lags reach changes nothing', () => {
    fc.assert(fc.property(lagSettings, (settings) => {
      const model = modelWithLags(settings);
      const compiled = compileModel(model);
      const { periods, lagWindow } = compiled;
      const { lagLast } = compiled.upstreamChannels[0];
      const length = periods + compiled.carryoverPeriods;
      const spend = channelSpend(model);
      const clean = channelSpendBuffers(compiled, spend, length);
      const poisoned = clean.map((row) => row.slice());
      // Period index i reads positions i + L − lagLast … i + L − lagFirst: these it never reads.
      poisoned[0].fill(Number.NaN, 0, lagWindow - lagLast);
      const powers = runPowers(compiled);
      for (const [name, run] of [
        ['runModel', (buffers: Float64Array[], trace: ReturnType<typeof createRunTrace>) => runModel(compiled, buffers, length, trace)],
        ['fastRun', (buffers: Float64Array[], trace: ReturnType<typeof createRunTrace>) => fastRun(compiled, powers, buffers, length, periods - 1, trace)],
      ] as const) {
        const expected = createRunTrace(length);
        const actual = createRunTrace(length);
        run(clean, expected);
        run(poisoned, actual);
        for (let index = 0; index < length; index += 1) expect(actual.revenue[index], `${name} revenue[${index}]`).toBe(expected.revenue[index]);
      }
    }), { numRuns: 100 });
  });

  it('simulate still agrees with the literal transcription of the spec (every lag summed) to 1e-9, for any valid model with a window of up to 600 months', () => {
    const longWindows = validModel.chain((model) => fc.record({
      lagWindowMonths: evenly(0, 600),
      lagFraction: evenly(0, 1),
      lagConcentration: fc.oneof(evenly(0.01, 0.99), evenly(0.99, 0.9999)),
    }).map(({ lagWindowMonths, lagFraction, lagConcentration }) => {
      const changed = structuredClone(model);
      Object.assign(changed.upstream, { lagWindowMonths, lagMonths: lagFraction * lagWindowMonths, lagConcentration });
      return parseModel(changed);
    }));
    fc.assert(fc.property(longWindows, (model) => {
      const actual = simulate(model);
      const expected = referenceSimulate(model);
      actual.periods.forEach((period, index) => {
        const reference = expected.periods[index];
        for (const field of PERIOD_FIELDS) {
          const value = period[field];
          const referenceValue = reference[field];
          // Spend by channel is the plan's, the same numbers in both.
          if (typeof value !== 'number' || typeof referenceValue !== 'number') continue;
          // The spec's measure: relative to max(1, |value|), or to the larger numbers a difference comes from.
          const scale = field === 'profit' ? period.contribution + period.upstream + period.downstream
            : field.startsWith('revenue') ? Math.max(1, period.revenue) : 1;
          expectClose(value, referenceValue, `period ${index + 1} ${field}`, scale);
        }
      });
      const profitScale = actual.periods.reduce((sum, period) => sum + Math.abs(period.contribution) + period.upstream + period.downstream, 0);
      const summary = expected.summary as Record<string, number | null>;
      for (const figure of ['totalRevenue', 'finalEquity', 'npv', 'carryoverValue', 'npvWithCarryover'] as const) {
        expectClose(actual.summary[figure], summary[figure], figure, figure === 'finalEquity' || figure === 'totalRevenue' ? 1 : Math.max(1, profitScale));
      }
      expect(actual.summary.paybackPeriod).toBe(summary.paybackPeriod);
    }), { numRuns: 60 });
  });

  it('changes equity and revenue of realistic weekly models with windows of up to 600 months by less than 1e-12 of each value itself', () => {
    const realistic = fc.record({
      horizonYears: fc.integer({ min: 1, max: 5 }),
      lagWindowMonths: evenly(0, 600),
      lagFraction: evenly(0, 1),
      lagConcentration: fc.oneof(evenly(0.05, 0.99), evenly(0.99, 0.9999)),
      shape: evenly(0.3, 4),
      halfSaturation: evenly(5e3, 3e5),
      flighting: fc.boolean(),
    }).map((settings) => {
      const json = defaultJson();
      delete json.uncertainty;
      Object.assign(json, { periodsPerYear: 52, horizonYears: settings.horizonYears });
      Object.assign(json.upstream, {
        lagWindowMonths: settings.lagWindowMonths, lagMonths: settings.lagFraction * settings.lagWindowMonths,
        lagConcentration: settings.lagConcentration, shape: settings.shape, halfSaturation: settings.halfSaturation,
      });
      if (settings.flighting) {
        // Upstream spend in 4 bursts a year, so that spend far back in the window matters.
        const periods = 52 * settings.horizonYears;
        delete json.budget;
        json.plan = {
          upstream: Array.from({ length: periods }, (_, index) => (index % 13 < 2 ? 150000 : 0)),
          downstream: Array.from({ length: periods }, () => 12000),
        };
      }
      return parseModel(json);
    });
    fc.assert(fc.property(realistic, (model) => {
      const actual = simulate(model);
      const expected = referenceSimulate(model);
      actual.periods.forEach((period, index) => {
        for (const field of ['equity', 'revenue'] as const) {
          const reference = expected.periods[index][field];
          expect(Math.abs(period[field] - reference), `period ${index + 1} ${field}: ${period[field]} vs ${reference}`).toBeLessThanOrEqual(1e-12 * Math.abs(reference));
        }
      });
    }), { numRuns: 25 });
  });
});
