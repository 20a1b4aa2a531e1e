import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { compareMonteCarlo, monteCarlo } from '../../src/engine/index.ts';
import { formatMonteCarloComparisonTable } from '../../src/cli/format-monte-carlo.ts';
import { loadModel } from '../../src/cli/load-model.ts';
import { PROJECT_ROOT, STACK_LINE, runInProcess, temporaryFiles } from './cli-harness.ts';

const defaultJson = JSON.parse(readFileSync(`${PROJECT_ROOT}models/default.json`, 'utf8'));
const { uncertainty: _uncertainty, ...certainJson } = defaultJson;
const weeklyLongWindow = { ...defaultJson, periodsPerYear: 52, horizonYears: 5, upstream: { ...defaultJson.upstream, lagWindowMonths: 600 } };
const files = temporaryFiles({ 'certain.json': JSON.stringify(certainJson), 'weekly-long-window.json': JSON.stringify(weeklyLongWindow) });
afterAll(() => files.remove());

describe('montecarlo command', () => {
  it('prints { model, draws, seed, summary, probabilityRoiPositive, ..., bands } as the engine computes it', () => {
    const run = runInProcess(['montecarlo', 'models/default.json', '--draws', '400', '--seed', '42', '--format', 'json']);
    expect(run.exitCode).toBe(0);
    // A run this short says nothing about its time.
    expect(run.stderr).toBe('');
    const printed = JSON.parse(run.stdout);
    expect(Object.keys(printed)).toEqual([
      'model', 'draws', 'seed', 'summary', 'probabilityRoiPositive', 'probabilityPaysBack', 'bands', 'bandDraws', 'uncertainFields',
    ]);
    expect(Object.keys(printed.summary.npv)).toEqual(['mean', 'p5', 'p10', 'p50', 'p90', 'p95']);
    // The marketing's own value first, the business's total NPV after it.
    expect(Object.keys(printed.summary)).toEqual([
      'incrementalNpvWithCarryover', 'incrementalNpv', 'roi', 'roiByYear', 'paybackPeriod', 'npvWithCarryover', 'npv',
      'noSpendNpv', 'carryoverValue', 'totalRevenue', 'totalSpend', 'finalEquity',
    ]);
    expect(Object.keys(printed.bands)).toEqual(['equity', 'revenue', 'cumulativeIncrementalProfit']);
    const expected = monteCarlo(loadModel('models/default.json', []), { draws: 400, seed: 42 });
    expect(printed).toEqual({ model: 'Consumer brand (default)', ...JSON.parse(JSON.stringify(expected)) });
  });

  it('is repeatable: the same seed prints the same, another seed differs; json is the default format', () => {
    const first = runInProcess(['montecarlo', 'models/default.json', '--draws', '200', '--seed', '7']);
    const again = runInProcess(['montecarlo', 'models/default.json', '--draws=200', '--seed=7']);
    const other = runInProcess(['montecarlo', 'models/default.json', '--draws', '200', '--seed', '8']);
    expect(again.stdout).toBe(first.stdout);
    expect(other.stdout).not.toBe(first.stdout);
    expect(JSON.parse(first.stdout).draws).toBe(200);
  });

  it('prints csv: figure,mean,p5,p10,p50,p90,p95, a row per figure and per year\'s ROI, empty cells for null', () => {
    const run = runInProcess(['montecarlo', 'models/default.json', '--draws', '300', '--seed', '1', '--format', 'csv']);
    expect(run.exitCode).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('figure,mean,p5,p10,p50,p90,p95');
    expect(lines.map((line) => line.split(',')[0]).slice(1)).toEqual([
      'incrementalNpvWithCarryover', 'incrementalNpv', 'roi', 'roiYear1', 'roiYear2', 'roiYear3', 'paybackPeriod',
      'npvWithCarryover', 'npv', 'noSpendNpv', 'carryoverValue', 'totalRevenue', 'totalSpend', 'finalEquity',
    ]);
    expect(lines[13]).toBe('totalSpend,3600000,3600000,3600000,3600000,3600000,3600000');
    const json = JSON.parse(runInProcess(['montecarlo', 'models/default.json', '--draws', '300', '--seed', '1']).stdout);
    expect(Number(lines[1].split(',')[1])).toBe(json.summary.incrementalNpvWithCarryover.mean);
    expect(Number(lines[9].split(',')[1])).toBe(json.summary.npv.mean);
    expect(lines[4].split(',').slice(1).map(Number)).toEqual(Object.values(json.summary.roiByYear[0]));
  });

  it('prints a table for reading: the marketing\'s value first, ROI by year, payback in months or "not within horizon", the chances', () => {
    const uncertainty = '{"economics.margin":{"dist":"uniform","min":0.02,"max":0.6}}';
    const run = runInProcess(['montecarlo', 'models/default.json', '--draws', '500', '--seed', '1', '--format', 'table', '--set', `uncertainty=${uncertainty}`]);
    expect(run.exitCode).toBe(0);
    const json = JSON.parse(runInProcess(['montecarlo', 'models/default.json', '--draws', '500', '--seed', '1', '--set', `uncertainty=${uncertainty}`]).stdout);
    const lines = run.stdout.split('\n');
    const cells = (label: string) => lines.find((line) => line.trimStart().startsWith(label))!.trim().split(/\s{3,}/);
    expect(lines[0]).toBe('Uncertainty of Consumer brand (default): 500 draws (seed 1), 3 years of monthly periods');
    const rowLabels = lines.filter((line) => /^ {2}\S/.test(line) || /^ {4}ROI in/.test(line)).map((line) => line.trim().split(/\s{3,}/)[0]);
    expect(rowLabels.slice(0, 7)).toEqual(['Marketing NPV with carryover', 'Marketing NPV', 'ROI over the horizon', 'ROI in year 1', 'ROI in year 2', 'ROI in year 3', 'Payback']);
    expect(cells('Marketing NPV with carryover').slice(1)).toEqual(
      (['mean', 'p5', 'p10', 'p50', 'p90', 'p95'] as const).map((key) => Math.round(json.summary.incrementalNpvWithCarryover[key]).toLocaleString('en-US').replace('-', '-')),
    );
    // About 40 % of these draws never pay back: the upper percentiles fall on them.
    expect(json.probabilityPaysBack).toBeGreaterThan(0.05);
    expect(json.probabilityPaysBack).toBeLessThan(0.9);
    const payback = cells('Payback');
    expect(payback[1]).toBe('—');
    expect(payback[2]).toBe(`month ${json.summary.paybackPeriod.p5}`);
    expect(payback.slice(-2)).toEqual(['not within horizon', 'not within horizon']);
    expect(cells('ROI in year 2')[4]).toBe(`${(json.summary.roiByYear[1].p50 * 100).toFixed(1)}%`);
    expect(run.stdout).toContain(`Chance it pays back within the horizon: ${(json.probabilityPaysBack * 100).toFixed(1)}%`);
  });

  it('prints a mean payback between periods with one decimal ("month 1.4"), as the app does', () => {
    const table = runInProcess(['montecarlo', 'models/default.json', '--draws', '3000', '--seed', '42', '--format', 'table']).stdout;
    const { summary } = JSON.parse(runInProcess(['montecarlo', 'models/default.json', '--draws', '3000', '--seed', '42']).stdout);
    expect(summary.paybackPeriod.mean % 1).not.toBe(0);
    const payback = table.split('\n').find((line) => line.trimStart().startsWith('Payback'))!.trim().split(/\s{3,}/);
    expect(payback[1]).toBe(`month ${Math.round(summary.paybackPeriod.mean * 10) / 10}`);
  });

  it('says on stderr how long a run of a second or more will take, early on, and prints the same figures', () => {
    // 100,000 weekly draws take 2–7 s here: well above the second below which nothing is said.
    const run = runInProcess(['montecarlo', files.path('weekly-long-window.json'), '--draws', '100000', '--seed', '3', '--format', 'csv']);
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toMatch(/^About \d+ s for 100,000 draws of 260 periods\n$/);
    expect(run.stdout.split('\n')[0]).toBe('figure,mean,p5,p10,p50,p90,p95');
  });

  it('compare --draws\' table leads with the marketing\'s NPV with carryover: mean, 10th to 90th, chance of the highest', () => {
    const model = loadModel('models/default.json', []);
    const comparison = compareMonteCarlo([model, model], { draws: 300, seed: 1 });
    const lines = formatMonteCarloComparisonTable(comparison, ['A', 'B']).split('\n');
    const { incrementalNpvWithCarryover } = comparison.scenarios[0].summary;
    expect(lines[2]).toMatch(new RegExp(`^Marketing NPV w/ carryover, mean\\s+${Math.round(incrementalNpvWithCarryover.mean!).toLocaleString('en-US')}\\s+`));
    expect(lines[3]).toMatch(/^Marketing NPV w\/ carryover, 10th to 90th\s+[\d,]+ to [\d,]+/);
    expect(lines.find((line) => line.startsWith('Chance of the highest marketing NPV w/ carryover'))).toMatch(/50\.0%\s+50\.0%$/);
  });

  it('warns on stderr when the model has no uncertainty, and prints the deterministic figures', () => {
    const run = runInProcess(['montecarlo', files.path('certain.json'), '--draws', '5']);
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toMatch(/has no "uncertainty": every draw is the same/);
    const { summary } = JSON.parse(run.stdout);
    expect(summary.npv.p5).toBe(summary.npv.p95);
  });

  it('accepts --set on uncertainty entries', () => {
    const run = runInProcess(['montecarlo', files.path('certain.json'), '--draws', '50', '--set',
      'uncertainty={"brand.halfLifeMonths":{"dist":"lognormal","median":24,"sigma":0.4}}']);
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout).uncertainFields).toEqual(['brand.halfLifeMonths']);
  });

  it.each([
    [['--draws', '0'], /--draws must be a whole number from 1 to 1000000, got '0'/],
    [['--draws', '1.5'], /--draws must be a whole number/],
    [['--seed', '-1'], /--seed must be a whole number from 0/],
    [['--format', 'text'], /unknown format 'text' for montecarlo.*; choose json, csv or table/],
    [['--set', 'uncertainty={"brand.halfLifeMonths":{"dist":"normal","mean":24,"sd":-1}}'], /models\/default.json: uncertainty.brand.halfLifeMonths: sd must be ≥ 0, got -1/],
    [['--set', 'upstream.lagWindowMonths=0', '--set', 'upstream.lagMonths=0'], /models\/default.json: uncertainty.upstream.lagMonths: only 0.0 %/],
  ])('refuses %j with exit status 2 and a one-line reason', (extra, message) => {
    const run = runInProcess(['montecarlo', 'models/default.json', ...extra]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(STACK_LINE);
  });

  it('needs exactly one model file', () => {
    expect(runInProcess(['montecarlo']).stderr).toMatch(/montecarlo needs a model file/);
    expect(runInProcess(['montecarlo', 'models/default.json', 'models/default.json']).stderr).toMatch(/use budget-sim compare --draws N/);
  });
});
