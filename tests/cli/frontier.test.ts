import { csvParse } from 'd3';
import { describe, expect, it } from 'vitest';
import type { Frontier } from '../../src/engine/optimize/index.ts';
import { runInProcess } from './cli-harness.ts';

const frontier = (...extra: string[]) => runInProcess(['frontier', 'models/default.json', ...extra]);

describe('frontier command', () => {
  it('prints { model, objective, phasing, points, evaluations, ms } as JSON by default', () => {
    const run = frontier('--from', '0.5', '--to', '2', '--steps', '4');
    expect(run.exitCode).toBe(0);
    const result = JSON.parse(run.stdout) as Frontier & { model: string; ms: number };
    expect(Object.keys(result)).toEqual(['model', 'objective', 'phasing', 'points', 'evaluations', 'ms']);
    expect(result).toMatchObject({ model: 'Consumer brand (default)', objective: 'npvWithCarryover', phasing: 'constant' });
    expect(result.points.map((point) => point.multiplier)).toEqual([0.5, 1, 1.5, 2]);
    expect(Object.keys(result.points[0])).toEqual([
      'multiplier', 'budgetPerYear', 'totalSpend', 'value', 'upstreamShare', 'upstreamShareByYear', 'channels', 'roi', 'marginalValue', 'marginalRoi',
    ]);
    expect(result.points[0].marginalValue).toBeNull();
  });

  it('prints one CSV row per budget, revenue rising at a falling marginal return', () => {
    const run = frontier('--from', '0.25', '--to', '2', '--steps', '8', '--objective', 'totalRevenue', '--format', 'csv');
    expect(run.exitCode).toBe(0);
    const rows = csvParse(run.stdout);
    expect(rows.columns).toEqual(['multiplier', 'budgetPerYear', 'totalSpend', 'value', 'upstreamShare', 'roi', 'marginalValue', 'marginalRoi']);
    expect(rows).toHaveLength(8);
    expect(rows[0].marginalValue).toBe('');
    for (let index = 2; index < rows.length; index += 1) {
      expect(Number(rows[index].value)).toBeGreaterThan(Number(rows[index - 1].value));
      expect(Number(rows[index].marginalValue)).toBeLessThan(Number(rows[index - 1].marginalValue));
    }
  });

  it('takes the practical limits of optimize, and refuses them where they cannot act', () => {
    const run = frontier('--from', '1', '--to', '1.5', '--steps', '2', '--phasing', 'period', '--max-step', '0.2', '--min-flight', '3');
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect((JSON.parse(run.stdout) as Frontier).points).toHaveLength(2);
    const refused = frontier('--from', '1', '--to', '1.5', '--steps', '2', '--max-step', '0.2');
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toMatch(/^--max-step applies to the period and flighting phasings/);
    expect(frontier('--from', '1', '--to', '1.5', '--steps', '2', '--exact-best').stderr).toMatch(/^unknown option --exact-best for frontier/);
  });

  it('optimises each budget with the phasing and bounds given', () => {
    const run = frontier('--from', '1', '--to', '2', '--steps', '2', '--phasing', 'yearly', '--min-share', '0.6');
    const result = JSON.parse(run.stdout) as Frontier;
    expect(result.phasing).toBe('yearly');
    for (const point of result.points) for (const share of point.upstreamShareByYear) expect(share).toBeGreaterThanOrEqual(0.6 - 1e-9);
  });

  it.each([
    [['--to', '2', '--steps', '3'], /^frontier needs --from/],
    [['--from', '0.5', '--to', '2', '--steps', '1'], /^--steps must be a whole number from 2 to 1000, got '1'\n$/],
    [['--from', '-0.5', '--to', '2', '--steps', '3'], /^--from must be a multiple of the budget ≥ 0, got -0\.5\n$/],
    [['--from', '0.5', '--to', '2', '--steps', '3', '--max-share', '2'], /^--max-share must be a share from 0 to 1, got 2\n$/],
    [['--from', '0.5', '--to', '2', '--steps', '3', '--format', 'table'], /^unknown format 'table' for frontier; choose json or csv\n$/],
  ])('refuses %j with status 2', (extra, message) => {
    const run = frontier(...extra);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});
