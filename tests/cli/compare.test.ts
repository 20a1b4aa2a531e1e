import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { SUMMARY_FIELDS, simulate, summaryDifference, type Summary } from '../../src/engine/index.ts';
import type { Comparison } from '../../src/cli/comparison.ts';
import { loadModel } from '../../src/cli/load-model.ts';
import { parseOverride } from '../../src/cli/set-override.ts';
import { PROJECT_ROOT, runInProcess, temporaryFiles } from './cli-harness.ts';

const defaultJson = JSON.parse(readFileSync(`${PROJECT_ROOT}models/default.json`, 'utf8'));
const files = temporaryFiles({
  'upstream-heavy.json': JSON.stringify({ ...defaultJson, name: 'Upstream heavy', budget: { ...defaultJson.budget, upstreamShare: 0.7 } }),
  'quarterly.json': JSON.stringify({ ...defaultJson, name: 'Quarterly, 5 years', periodsPerYear: 4, horizonYears: 5 }),
});
afterAll(() => files.remove());

const summaryOf = (file: string, ...overrides: string[]) => simulate(loadModel(file, overrides.map(parseOverride))).summary;

const someSummary = (changes: Partial<Summary>): Summary => ({
  totalSpend: 100, totalRevenue: 500, finalEquity: 0.3, npv: 50, roi: 0.2, roiByYear: [0.1, 0.3],
  paybackPeriod: 4, carryoverValue: 10, npvWithCarryover: 60, noSpendNpv: 30, incrementalNpv: 20, incrementalNpvWithCarryover: 30, irr: 0.5, channels: [], ...changes,
});

describe('summaryDifference', () => {
  it('subtracts every summary field, element by element for roiByYear', () => {
    const difference = summaryDifference(someSummary({ npv: 80, roiByYear: [0.2, 0.1] }), someSummary({}), true);
    expect(Object.keys(difference)).toEqual([...SUMMARY_FIELDS]);
    expect(difference.npv).toBe(30);
    expect(difference.roiByYear?.[0]).toBeCloseTo(0.1, 15);
    expect(difference.roiByYear?.[1]).toBeCloseTo(-0.2, 15);
    expect(difference.totalSpend).toBe(0);
  });

  it('gives null where either side is null', () => {
    const difference = summaryDifference(someSummary({ roi: null, roiByYear: [null, 0.3] }), someSummary({ paybackPeriod: null }), true);
    expect(difference.roi).toBeNull();
    expect(difference.paybackPeriod).toBeNull();
    expect(difference.roiByYear).toEqual([null, 0]);
  });

  it('gives a null roiByYear when the horizons differ, and a null payback when the periods differ', () => {
    const difference = summaryDifference(someSummary({ roiByYear: [0.1] }), someSummary({}), false);
    expect(difference.roiByYear).toBeNull();
    expect(difference.paybackPeriod).toBeNull();
  });
});

describe('compare command', () => {
  it('prints { baseline, scenarios: [{ model, file, horizonYears, periodsPerYear, phasing, budgetByYear, upstreamShareByYear, summary, marginalRoi, difference }] }', () => {
    const run = runInProcess(['compare', 'models/default.json', files.path('upstream-heavy.json'), '--format', 'json']);
    expect(run.exitCode).toBe(0);
    const comparison = JSON.parse(run.stdout) as Comparison;
    expect(comparison.baseline).toBe('Consumer brand (default)');
    expect(comparison.scenarios.map((scenario) => Object.keys(scenario))).toEqual([
      ['model', 'file', 'horizonYears', 'periodsPerYear', 'phasing', 'budgetByYear', 'upstreamShareByYear', 'summary', 'marginalRoi', 'difference'],
      ['model', 'file', 'horizonYears', 'periodsPerYear', 'phasing', 'budgetByYear', 'upstreamShareByYear', 'summary', 'marginalRoi', 'difference'],
    ]);
    const [baseline, heavy] = comparison.scenarios;
    expect(baseline.summary).toStrictEqual(summaryOf('models/default.json'));
    expect(heavy.summary).toStrictEqual(summaryOf(files.path('upstream-heavy.json')));
    expect(heavy.difference.npv).toBe(heavy.summary.npv - baseline.summary.npv);
    expect(baseline.difference.npv).toBe(0);
  });

  it('applies --set to every model', () => {
    const run = runInProcess(['compare', 'models/default.json', files.path('upstream-heavy.json'), '--set', 'horizonYears=1', '--format', 'json']);
    const comparison = JSON.parse(run.stdout) as Comparison;
    expect(comparison.scenarios.map((scenario) => scenario.horizonYears)).toEqual([1, 1]);
  });

  it('prints a table: a row per figure, a column per model, and a "vs <first>" column', () => {
    const run = runInProcess(['compare', 'models/default.json', files.path('upstream-heavy.json'), files.path('quarterly.json')]);
    expect(run.exitCode).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^\s+Consumer brand \(default\)\s+Upstream heavy\s+vs Consumer brand \(default\)\s+Quarterly, 5 years\s+vs Consumer brand \(default\)$/);
    expect(lines[1]).toContain('models/default.json');
    expect(run.stdout).toMatch(/Total spend\s+3,600,000\s+3,600,000\s+0 \(0\.0%\)\s+6,000,000\s+\+2,400,000 \(\+66\.7%\)/);
    expect(run.stdout).toMatch(/ROI over the horizon\s+-?[\d.]+%\s+-?[\d.]+%\s+[+-][\d.]+ pts/);
    // The quarterly model has years 4 and 5 that the baseline lacks, and counts payback in quarters.
    expect(run.stdout).toMatch(/ROI year 5\s+—\s+—\s+—\s+-?[\d.]+%\s+—/);
    expect(run.stdout).toMatch(/Payback\s+month \d+\s+month \d+\s+[+-]?\d+ months?\s+quarter \d+\s+—/);
    expect(run.stdout).not.toMatch(/NaN|undefined|null/);
  });

  it('needs at least two files and refuses csv', () => {
    expect(runInProcess(['compare', 'models/default.json']).stderr).toMatch(/compare needs at least two model files, got 1/);
    const csv = runInProcess(['compare', 'models/default.json', 'models/default.json', '--format', 'csv']);
    expect(csv.exitCode).toBe(2);
    expect(csv.stderr).toBe("unknown format 'csv' for compare; choose table or json\n");
  });

  it('names the file that fails', () => {
    const run = runInProcess(['compare', 'models/default.json', 'models/missing.json']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toBe('cannot read models/missing.json: no such file\n');
  });
});

describe('compare --draws (Monte Carlo on common random numbers)', () => {
  it('adds monteCarlo and probabilityBest to each scenario in json', () => {
    const run = runInProcess(['compare', 'models/default.json', files.path('upstream-heavy.json'), '--draws', '300', '--seed', '5', '--format', 'json']);
    expect(run.exitCode).toBe(0);
    const comparison = JSON.parse(run.stdout);
    expect(Object.keys(comparison.scenarios[0])).toEqual([
      'model', 'file', 'horizonYears', 'periodsPerYear', 'phasing', 'budgetByYear', 'upstreamShareByYear', 'summary', 'marginalRoi', 'difference', 'monteCarlo', 'probabilityBest',
    ]);
    expect(comparison.scenarios[0].monteCarlo.draws).toBe(300);
    expect(comparison.scenarios[0].monteCarlo.bands).toBeUndefined();
    const chances = comparison.scenarios.map((scenario: { probabilityBest: { npv: number } }) => scenario.probabilityBest.npv);
    expect(chances[0] + chances[1]).toBeCloseTo(1, 12);
  });

  it('gives a model compared with itself equal chances, in a second table', () => {
    const run = runInProcess(['compare', 'models/default.json', 'models/default.json', '--draws', '200']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/\nUncertainty: 200 draws, seed 1, the same draws for every model \(common random numbers\)\n/);
    expect(run.stdout).toMatch(/\nChance of the highest NPV\s+50\.0%\s+50\.0%\n/);
    expect(run.stdout).toMatch(/\nChance of the highest NPV w\/ carryover\s+50\.0%\s+50\.0%\n/);
  });

  it('refuses --seed without --draws', () => {
    const run = runInProcess(['compare', 'models/default.json', 'models/default.json', '--seed', '3']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/--seed only applies with --draws/);
  });
});
