import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseModel } from '../../../src/engine/model/parse-model.ts';
import { fittedSettings } from '../../../src/engine/fit/fit-settings.ts';
import { createHistoryRun } from '../../../src/engine/fit/history-run.ts';
import { readHistory } from '../../../src/engine/fit/read-history.ts';

/**
 * The fit's derivatives (issue 12: "gradients: your adjoint, extended to the settings") against
 * central differences of the same run, on the example history (156 weeks, 3 + 3 channels, the
 * starting equity "history", so E* moves with the channel settings) with every kind of setting
 * free: the brand's, a lag's peak and concentration, an upstream Hill shape, a channel's spend
 * before the history, a short-term effect's four settings, the insight feedback (0.2 here, so
 * that the downstream activity reaches the brand), and the downstream ones.
 */
const json = JSON.parse(readFileSync(new URL('../../../models/examples/consumer-weekly.json', import.meta.url), 'utf8'));
json.upstream.insightFeedback = 0.2;
const start = parseModel(json);
const history = readHistory(readFileSync(new URL('../../../models/examples/consumer-history.csv', import.meta.url), 'utf8'), start);
const FREE = [
  'brand.conversionLift', 'upstream.insightFeedback',
  'upstream.channels.TV.lagMonths', 'upstream.channels.TV.lagConcentration', 'upstream.channels.TV.shape',
  'upstream.channels.TV.historyPerMonth', 'upstream.channels.TV.shortTerm.halfLifeMonths',
  'upstream.channels.TV.shortTerm.halfSaturation', 'upstream.channels.TV.shortTerm.shape',
  'upstream.channels.TV.shortTerm.maxConversionLift', 'downstream.channels.Search.shape', 'downstream.channels.Search.historyPerMonth',
];
const settings = fittedSettings(start, FREE);
const paths = settings.map((setting) => setting.path);
const run = createHistoryRun(start, history, paths);
const periods = run.periods;
// Away from the starting values, so that nothing sits at a special point (a peak on a whole lag).
const values = Float64Array.from(settings, (setting, index) => setting.start * (1 + 0.07 * Math.sin(index + 1)));

/**
 * Central differences with a step of 1e-5 of each value: truncation error ~1e-10 relative and
 * rounding ~1e-16 / 1e-5, so agreement to 1e-6 of a column's largest entry leaves room for both
 * and still catches a wrong term (those are off by O(1) of some entry).
 */
function centralDifferences(): { rows: Float64Array[]; finalEquity: Float64Array } {
  const rows = Array.from({ length: periods }, () => new Float64Array(paths.length));
  const finalEquity = new Float64Array(paths.length);
  const up = new Float64Array(periods);
  const down = new Float64Array(periods);
  for (let k = 0; k < paths.length; k += 1) {
    const step = Math.abs(values[k]) * 1e-5;
    const shifted = values.slice();
    shifted[k] = values[k] + step;
    run.logRevenue(shifted, up);
    const equityUp = run.trace.equity[periods - 1];
    shifted[k] = values[k] - step;
    run.logRevenue(shifted, down);
    const equityDown = run.trace.equity[periods - 1];
    for (let t = 0; t < periods; t += 1) rows[t][k] = (up[t] - down[t]) / (2 * step);
    finalEquity[k] = (equityUp - equityDown) / (2 * step);
  }
  return { rows, finalEquity };
}

describe('the fit’s exact derivatives (the run’s adjoint, taken back to the settings)', () => {
  const expected = centralDifferences();

  it('gives ∂log Rₜ/∂setting for every row and ∂E_T/∂setting as central differences do, for every kind of setting', () => {
    expect(paths).toHaveLength(26);
    const rows = Array.from({ length: periods }, () => new Float64Array(paths.length));
    const finalEquity = new Float64Array(paths.length);
    run.jacobian(values, rows, finalEquity);
    for (let k = 0; k < paths.length; k += 1) {
      let scale = 0;
      let worst = 0;
      for (let t = 0; t < periods; t += 1) {
        scale = Math.max(scale, Math.abs(expected.rows[t][k]));
        worst = Math.max(worst, Math.abs(rows[t][k] - expected.rows[t][k]));
      }
      expect(scale, paths[k]).toBeGreaterThan(0);
      expect(worst / scale, paths[k]).toBeLessThan(1e-6);
      // A difference of equities near 0.5 carries rounding of ~1e-16 · 0.5 / step: allowed with room.
      const rounding = (1e-12 * run.trace.equity[periods - 1]) / (Math.abs(values[k]) * 1e-5);
      expect(Math.abs(finalEquity[k] - expected.finalEquity[k]), paths[k]).toBeLessThanOrEqual(1e-6 * Math.abs(expected.finalEquity[k]) + rounding);
    }
    // The starting equity is E* of the settings, so the channels' settings reach the last row's equity.
    expect(Math.abs(finalEquity[paths.indexOf('upstream.channels.TV.halfSaturation')])).toBeGreaterThan(0);
  });

  it('gives the gradient of a weighted sum of the log revenue in one pass, equal to the Jacobian’s weighted rows', () => {
    const weights = Float64Array.from({ length: periods }, (_, t) => Math.sin(0.3 * t) + 0.2);
    const gradient = new Float64Array(paths.length);
    run.gradient(values, weights, gradient);
    for (let k = 0; k < paths.length; k += 1) {
      let sum = 0;
      let size = 0;
      for (let t = 0; t < periods; t += 1) {
        sum += weights[t] * expected.rows[t][k];
        size += Math.abs(weights[t] * expected.rows[t][k]);
      }
      expect(Math.abs(gradient[k] - sum), paths[k]).toBeLessThan(1e-6 * size);
    }
  });

  it('does not depend on what was run before: the derivatives are taken at the values given', () => {
    const first = new Float64Array(paths.length);
    const weights = new Float64Array(periods).fill(1);
    run.gradient(values, weights, first);
    run.logRevenue(Float64Array.from(values, (value) => value * 1.3), new Float64Array(periods));
    const again = new Float64Array(paths.length);
    run.gradient(values, weights, again);
    expect(Array.from(again)).toEqual(Array.from(first));
  });
});
