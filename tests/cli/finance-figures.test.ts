import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { marginalRoi, parseModel, simulate } from '../../src/engine/index.ts';
import { KEY_FIGURES } from '../../src/engine/key-figures.ts';
import { createNumberFormats } from '../../src/engine/io/number-formats.ts';
import type { Comparison } from '../../src/cli/comparison.ts';
import { formatFigureChange } from '../../src/cli/format-numbers.ts';
import type { SweepResult } from '../../src/cli/sweep-result.ts';
import { keyFigure } from '../../src/engine/key-figures.ts';
import { PROJECT_ROOT, runInProcess, temporaryFiles } from './cli-harness.ts';

// The command leads with the value of the marketing itself (plan minus spending nothing), shows
// IRR and each side's marginal ROI, and writes money with the model's currency when it has one.

const defaultJson = JSON.parse(readFileSync(`${PROJECT_ROOT}models/default.json`, 'utf8'));
const euroJson = { ...defaultJson, name: 'Euro plan', currency: 'EUR', startYear: 2027, fiscalYearStartMonth: 4 };
const yearlyJson = { ...defaultJson, name: 'Yearly', budget: { perYear: [1e6, 1.5e6, 2e6], upstreamShare: [0.4, 0.5, 0.6] } };
const { budget: _budget, ...withoutBudget } = defaultJson;
const planJson = {
  ...withoutBudget, name: 'Explicit', horizonYears: 1,
  plan: { upstream: Array(12).fill(20_000), downstream: Array(12).fill(60_000) },
};
const files = temporaryFiles({
  'euro.json': JSON.stringify(euroJson),
  'yearly.json': JSON.stringify(yearlyJson),
  'plan.json': JSON.stringify(planJson),
});
afterAll(() => files.remove());

const plainFormats = createNumberFormats();
const euroFormats = createNumberFormats({ currency: 'EUR' });

/** The "Key figures" block of simulate's table, one [label, value] per line. */
function keyFigureLines(text: string): [string, string][] {
  const block = text.slice(text.indexOf('Key figures\n') + 'Key figures\n'.length, text.indexOf('\n\nBy year'));
  return block.split('\n').map((line) => {
    const match = /^ {2}(.+?)\s{2,}(\S.*)$/.exec(line);
    if (match === null) throw new Error(`not a figure line: ${line}`);
    return [match[1], match[2]];
  });
}

describe('simulate: the marketing’s own value first', () => {
  const model = parseModel(defaultJson);
  const { summary } = simulate(model);
  const marginal = marginalRoi(model);
  const lines = keyFigureLines(runInProcess(['simulate', 'models/default.json']).stdout);

  it('leads with marketing NPV with carryover, then marketing NPV, equal to the engine’s', () => {
    expect(lines[0]).toEqual(['Marketing NPV with carryover', plainFormats.money(summary.incrementalNpvWithCarryover)]);
    expect(lines[1]).toEqual(['Marketing NPV', plainFormats.money(summary.incrementalNpv)]);
  });

  it('lists every key figure in KEY_FIGURES order, with IRR and each side’s marginal ROI after IRR', () => {
    const labels = lines.map(([label]) => label);
    const irrAt = labels.indexOf('IRR');
    expect(labels.slice(irrAt + 1, irrAt + 3)).toEqual(['Marginal ROI, upstream', 'Marginal ROI, downstream']);
    expect(labels.filter((label) => !label.startsWith('Marginal ROI'))).toEqual(KEY_FIGURES.map((figure) => figure.label));
    const signed = (value: number) => `${value > 0 ? '+' : ''}${plainFormats.percent(value)}`;
    expect(lines[irrAt + 1][1]).toBe(signed(marginal.upstream));
    expect(lines[irrAt + 2][1]).toBe(signed(marginal.downstream));
    expect(lines[irrAt][1]).toBe(plainFormats.rate(summary.irr));
    expect(lines.find(([label]) => label === 'Total NPV')?.[1]).toBe(plainFormats.money(summary.npv));
  });

  it('shows a huge IRR as "> 1,000%" and a missing one as a dash', () => {
    // Upstream only for one year pays back within months at most: a huge or missing rate, never a raw number.
    for (const overrides of [['--set', 'horizonYears=1', '--set', 'budget.upstreamShare=0'], ['--set', 'budget.perYear=0']]) {
      const run = runInProcess(['simulate', 'models/default.json', ...overrides]);
      const irr = keyFigureLines(run.stdout).find(([label]) => label === 'IRR')![1];
      expect(irr).toMatch(/^(> 1,000%|—|-?[\d,]+\.\d%)$/);
      expect(run.stdout).not.toMatch(/NaN|undefined|null|Infinity/);
    }
    expect(keyFigureLines(runInProcess(['simulate', 'models/default.json', '--set', 'budget.perYear=0']).stdout)
      .find(([label]) => label === 'IRR')![1]).toBe('—');
  });

  it('--format json has marginalRoi beside summary, equal to the engine’s', () => {
    const printed = JSON.parse(runInProcess(['simulate', 'models/default.json', '--format', 'json']).stdout);
    expect(Object.keys(printed)).toEqual(['model', 'periods', 'summary', 'marginalRoi']);
    expect(printed.marginalRoi).toStrictEqual(marginal);
    expect(printed.summary.incrementalNpvWithCarryover).toBe(summary.incrementalNpvWithCarryover);
  });
});

describe('simulate: the model’s currency and fiscal year', () => {
  const model = parseModel(euroJson);
  const { summary } = simulate(model);
  const run = runInProcess(['simulate', files.path('euro.json')]);

  it('says which currency and puts € on every amount', () => {
    expect(run.exitCode).toBe(0);
    expect(run.stdout.split('\n')[2]).toBe('Money in EUR (€)');
    const lines = keyFigureLines(run.stdout);
    expect(lines[0]).toEqual(['Marketing NPV with carryover', euroFormats.money(summary.incrementalNpvWithCarryover)]);
    expect(lines[0][1]).toMatch(/^-?€[\d,]+$/);
    for (const figure of KEY_FIGURES.filter((each) => each.unit === 'money')) {
      expect(lines.find(([label]) => label === figure.label)?.[1]).toMatch(/^-?€[\d,]+$/);
    }
    // The per-year table too, with each year's months.
    expect(run.stdout).toMatch(/\n\s+1 \(Apr 2027 – Mar 2028\)\s+€600,000\s+€600,000\s/);
  });

  it('--format json names the currency', () => {
    const printed = JSON.parse(runInProcess(['simulate', files.path('euro.json'), '--format', 'json']).stdout);
    expect(printed.currency).toBe('EUR');
    expect(Object.keys(printed)).toEqual(['model', 'currency', 'periods', 'summary', 'marginalRoi']);
  });

  it('has no symbol and no "Money in" line without a currency', () => {
    const text = runInProcess(['simulate', 'models/default.json']).stdout;
    expect(text).not.toMatch(/Money in|€|\$/);
  });
});

describe('compare: what each scenario is, then the marketing’s value first', () => {
  const run = runInProcess(['compare', 'models/default.json', files.path('yearly.json'), files.path('plan.json')]);
  const rowLabels = run.stdout.trimEnd().split('\n').slice(2).map((line) => line.split(/\s{2,}/)[0]);

  it('describes each scenario above the figures: horizon, phasing, budget and share by year', () => {
    expect(run.exitCode).toBe(0);
    expect(rowLabels.slice(0, 5)).toEqual(['Horizon', 'Phasing', 'Budget per year', 'Upstream share', 'Marketing NPV with carryover']);
    expect(run.stdout).toMatch(/\nPhasing\s+constant\s+by year\s+explicit plan\n/);
    expect(run.stdout).toMatch(/\nBudget per year\s+1,200,000\s+1M \/ 1\.5M \/ 2M\s+960,000\n/);
    expect(run.stdout).toMatch(/\nUpstream share\s+50%\s+40% \/ 50% \/ 60%\s+25%\n/);
    expect(rowLabels[5]).toBe('Marketing NPV');
  });

  it('shows each figure and its difference from the baseline as the engine computes them', () => {
    const base = simulate(parseModel(defaultJson)).summary;
    const yearly = simulate(parseModel(yearlyJson)).summary;
    const difference = yearly.incrementalNpvWithCarryover - base.incrementalNpvWithCarryover;
    const row = run.stdout.split('\n').find((line) => line.startsWith('Marketing NPV with carryover'))!;
    expect(row.split(/\s{2,}/).slice(1, 4)).toEqual([
      plainFormats.money(base.incrementalNpvWithCarryover),
      plainFormats.money(yearly.incrementalNpvWithCarryover),
      `${plainFormats.moneyChange(difference)} (${plainFormats.percentChange(difference / Math.abs(base.incrementalNpvWithCarryover))})`,
    ]);
  });

  it('shows each side’s marginal ROI after IRR, as the engine computes it, with its difference in points', () => {
    const labels = rowLabels;
    const irrAt = labels.indexOf('IRR');
    expect(labels.slice(irrAt + 1, irrAt + 3)).toEqual(['Marginal ROI, upstream', 'Marginal ROI, downstream']);
    const base = marginalRoi(parseModel(defaultJson)).upstream;
    const yearly = marginalRoi(parseModel(yearlyJson)).upstream;
    const signed = (value: number) => `${value > 0 ? '+' : ''}${plainFormats.percent(value)}`;
    const row = run.stdout.split('\n').find((line) => line.startsWith('Marginal ROI, upstream'))!;
    expect(row.split(/\s{2,}/).slice(1, 4)).toEqual([signed(base), signed(yearly), plainFormats.pointsChange(yearly - base)]);
  });

  it('--format json carries phasing, budgetByYear and upstreamShareByYear, and the currency when there is one', () => {
    const json = JSON.parse(runInProcess(['compare', 'models/default.json', files.path('euro.json'), '--format', 'json']).stdout) as Comparison;
    expect(json.scenarios[0].phasing).toBe('constant');
    expect(json.scenarios[0].budgetByYear).toEqual([1_200_000, 1_200_000, 1_200_000]);
    expect(json.scenarios[0].currency).toBeUndefined();
    expect(json.scenarios[1].currency).toBe('EUR');
    expect(json.scenarios[1].marginalRoi).toStrictEqual(marginalRoi(parseModel(euroJson)));
  });

  it('writes each model’s money with its own symbol', () => {
    const text = runInProcess(['compare', 'models/default.json', files.path('euro.json')]).stdout;
    const row = text.split('\n').find((line) => line.startsWith('Total spend'))!;
    expect(row.split(/\s{2,}/).slice(1)).toEqual(['3,600,000', '€3,600,000', '€0 (0.0%)']);
  });

  it('says nothing of an IRR difference where either rate is only shown as "> 1,000%"', () => {
    const irr = keyFigure('irr');
    expect(formatFigureChange(irr, 0.05, 0.2, plainFormats, 12)).toBe('+5.0 pts');
    expect(formatFigureChange(irr, 1e6, 0.2, plainFormats, 12)).toBe('—');
    expect(formatFigureChange(irr, null, 0.2, plainFormats, 12)).toBe('—');
  });
});

describe('sweep: marginal ROI of each side at every point', () => {
  it('json: each point has marginalRoi equal to the engine’s at that value', () => {
    const run = runInProcess(['sweep', 'models/default.json', '--param', 'budget.upstreamShare', '--from', '0.2', '--to', '0.8', '--steps', '2']);
    const sweep = JSON.parse(run.stdout) as SweepResult;
    expect(Object.keys(sweep.points[0])).toEqual(['value', 'summary', 'marginalRoi']);
    const expected = marginalRoi(parseModel({ ...defaultJson, budget: { ...defaultJson.budget, upstreamShare: 0.8 } }));
    expect(sweep.points[1].marginalRoi).toStrictEqual(expected);
    expect(Object.keys(sweep)).toEqual(['model', 'param', 'points']);
  });

  it('json names the model’s currency when it has one', () => {
    const run = runInProcess(['sweep', files.path('euro.json'), '--param', 'budget.upstreamShare', '--from', '0.2', '--to', '0.8', '--steps', '2']);
    const sweep = JSON.parse(run.stdout) as SweepResult;
    expect(Object.keys(sweep)).toEqual(['model', 'currency', 'param', 'points']);
    expect(sweep.currency).toBe('EUR');
  });
});
