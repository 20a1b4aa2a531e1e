import { csvParse } from 'd3';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/index.ts';
import { KEY_FIGURES } from '../../src/engine/key-figures.ts';
import { loadModel } from '../../src/cli/load-model.ts';
import { parseOverride } from '../../src/cli/set-override.ts';
import type { SweepResult } from '../../src/cli/sweep-result.ts';
import { sweepValues } from '../../src/cli/sweep-values.ts';
import { runInProcess } from './cli-harness.ts';

const sweep = (...extra: string[]) => runInProcess(['sweep', 'models/default.json', ...extra]);

/** The swept value with the highest npvWithCarryover (the first, on a tie). */
const bestValue = (result: SweepResult): number =>
  result.points.reduce((best, point) => (point.summary.npvWithCarryover > best.summary.npvWithCarryover ? point : best)).value;

describe('sweepValues', () => {
  it('spaces values evenly, both ends included', () => {
    expect(sweepValues(0, 1, 5)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(sweepValues(1, 5, 5)).toEqual([1, 2, 3, 4, 5]);
    expect(sweepValues(2, 1, 3)).toEqual([2, 1.5, 1]);
  });

  it('gives clean decimals on a percent grid and ends exactly at "to"', () => {
    const values = sweepValues(0, 1, 101);
    expect(values[43]).toBe(0.43);
    expect(values[57]).toBe(0.57);
    expect(sweepValues(0.1, 0.3, 3)[2]).toBe(0.3);
  });
});

describe('sweep command', () => {
  // Acceptance test of the CLI issue, and spec §8: with the default model, the upstream share that
  // maximises npvWithCarryover rises with the horizon (short horizons favour downstream, long
  // ones upstream). A quick check found 0.43, 0.50, 0.54, 0.56, 0.57 for 1 … 5 years.
  it('the best upstream share for npvWithCarryover rises strictly with the horizon', () => {
    const best = [1, 2, 3, 4, 5].map((years) => {
      const run = sweep('--param', 'budget.upstreamShare', '--from', '0', '--to', '1', '--steps', '101', '--set', `horizonYears=${years}`);
      expect(run.exitCode).toBe(0);
      const result = JSON.parse(run.stdout) as SweepResult;
      expect(result.points).toHaveLength(101);
      return bestValue(result);
    });
    for (let index = 1; index < best.length; index += 1) expect(best[index]).toBeGreaterThan(best[index - 1]);
    expect(best[0]).toBeLessThan(0.5);
    expect(best[4]).toBeGreaterThan(0.5);
  });

  it('prints { model, param, points: [{ value, summary }] } with the engine summary at each value', () => {
    const run = sweep('--param', 'budget.upstreamShare', '--from', '0.2', '--to', '0.8', '--steps', '3', '--set', 'horizonYears=2');
    expect(run.exitCode).toBe(0);
    const result = JSON.parse(run.stdout) as SweepResult;
    expect(Object.keys(result)).toEqual(['model', 'param', 'points']);
    expect(result.param).toBe('budget.upstreamShare');
    expect(result.points.map((point) => point.value)).toEqual([0.2, 0.5, 0.8]);
    const expected = simulate(loadModel('models/default.json', [parseOverride('horizonYears=2'), parseOverride('budget.upstreamShare=0.8')])).summary;
    expect(result.points[2].summary).toStrictEqual(expected);
  });

  it('applies --param after --set, so the swept value wins', () => {
    const run = sweep('--param', 'horizonYears', '--from', '1', '--to', '2', '--steps', '2', '--set', 'horizonYears=5');
    const result = JSON.parse(run.stdout) as SweepResult;
    expect(result.points.map((point) => point.summary.roiByYear.length)).toEqual([1, 2]);
  });

  it('prints CSV: value, each scalar summary figure (marketing NPV first), marginal ROI of each side, then roiYear1 … roiYearY', () => {
    const run = sweep('--param', 'horizonYears', '--from', '1', '--to', '3', '--steps', '3', '--format', 'csv');
    expect(run.exitCode).toBe(0);
    const rows = csvParse(run.stdout);
    const scalar = KEY_FIGURES.map((figure) => figure.field);
    expect(rows.columns).toEqual(['value', ...scalar, 'marginalRoiUpstream', 'marginalRoiDownstream', 'roiYear1', 'roiYear2', 'roiYear3']);
    expect(rows.columns[1]).toBe('incrementalNpvWithCarryover');
    expect(rows.map((row) => row.value)).toEqual(['1', '2', '3']);
    // A one-year point has no second or third year: empty cells, not "null".
    expect(rows[0].roiYear2).toBe('');
    expect(run.stdout).not.toMatch(/null|NaN|undefined/);
    const expected = simulate(loadModel('models/default.json', [parseOverride('horizonYears=2')])).summary;
    expect(Number(rows[1].npvWithCarryover)).toBe(expected.npvWithCarryover);
  });

  it('stops at a value that makes the model invalid, naming it', () => {
    const run = sweep('--param', 'horizonYears', '--from', '0', '--to', '2', '--steps', '3');
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('sweep value 0 (--from) for horizonYears gives an invalid model:\nmodels/default.json: horizonYears must be a whole number from 1 to 5, got 0\n');
  });

  it.each([
    [['--from', '0', '--to', '1', '--steps', '3'], 'sweep needs --param'],
    [['--param', 'horizonYears', '--to', '1', '--steps', '3'], 'sweep needs --from'],
    [['--param', 'horizonYears', '--from', 'one', '--to', '1', '--steps', '3'], "--from must be a number, got 'one'"],
    [['--param', 'horizonYears', '--from', '1', '--to', 'x', '--steps', '3'], "--to must be a number, got 'x'"],
    [['--param', 'horizonYears', '--from', '1', '--to', '2', '--steps', '1'], "--steps must be a whole number from 2 to 10000, got '1'"],
    [['--param', 'horizonYears', '--from', '1', '--to', '2', '--steps', 'many'], "--steps must be a whole number from 2 to 10000, got 'many'"],
    [['--param', 'horizonYears', '--from', '1', '--to', '2', '--steps', '2', '--format', 'table'], "unknown format 'table' for sweep; choose json or csv"],
    [['--param', 'a..b', '--from', '1', '--to', '2', '--steps', '2'], 'has an empty part'],
    [['--param', 'horizonYears=2', '--from', '1', '--to', '2', '--steps', '2'], "--param takes a path such as budget.upstreamShare, not path=value; got 'horizonYears=2'"],
  ])('refuses bad options: %j', (extra, message) => {
    const run = sweep(...extra);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(message);
  });
});
