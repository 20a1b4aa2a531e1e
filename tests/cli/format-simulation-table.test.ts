import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/index.ts';
import { formatSimulationTable } from '../../src/cli/format-simulation-table.ts';
import { loadModel } from '../../src/cli/load-model.ts';
import { parseOverride } from '../../src/cli/set-override.ts';

const tableFor = (...overrides: string[]) => {
  const model = loadModel('models/default.json', overrides.map(parseOverride));
  return formatSimulationTable(model, simulate(model));
};

/** The spec's example model (the old default), in which all upstream over one year never pays back. */
const specExampleTableFor = (...overrides: string[]) => {
  const model = loadModel('tests/engine/fixtures/spec-example.json', overrides.map(parseOverride));
  return formatSimulationTable(model, simulate(model));
};

const FORBIDDEN_WORDS = /NaN|undefined|null|Infinity/;

describe('formatSimulationTable', () => {
  const table = tableFor();

  it('starts with the model name and the horizon', () => {
    const [name, horizon] = table.split('\n');
    expect(name).toBe('Consumer brand (default)');
    expect(horizon).toBe('Horizon: 3 years, 36 monthly periods');
  });

  it('shows the key figures with money separators and one-decimal percentages', () => {
    expect(table).toMatch(/Total spend\s+3,600,000\n/);
    expect(table).toMatch(/ROI over the horizon\s+-?\d+\.\d%\n/);
    expect(table).toMatch(/Payback\s+month \d+\n/);
    expect(table).toMatch(/Brand equity at the end\s+0\.\d{3}\n/);
  });

  it('has a per-year table with one row per year', () => {
    const byYear = table.slice(table.indexOf('By year'));
    expect(byYear).toMatch(/Year\s+Upstream spend\s+Downstream spend\s+Revenue\s+Profit\s+ROI\s+Equity at year end/);
    expect(byYear).toMatch(/\n\s+1\s+600,000\s+600,000\s/);
    expect(byYear.trimEnd().split('\n')).toHaveLength(5);
  });

  it.each([
    ['the default model', []],
    ['no spend at all (ROI and payback are missing)', ['budget.perYear=0']],
    ['all upstream over one year (no payback)', ['budget.upstreamShare=1', 'horizonYears=1']],
    ['a weekly model', ['periodsPerYear=52']],
  ])('never prints NaN, undefined or null: %s', (_, overrides) => {
    const text = tableFor(...overrides);
    expect(text).not.toMatch(FORBIDDEN_WORDS);
  });

  it('shows a missing ROI (no spend) and a missing payback (none within the horizon) as a dash', () => {
    expect(tableFor('budget.perYear=0')).toMatch(/ROI over the horizon\s+—\n/);
    expect(specExampleTableFor('budget.upstreamShare=1', 'horizonYears=1')).toMatch(/Payback\s+—\n/);
  });

  it('prints the lesson of a model file that has one: situation, what to try, what to notice', () => {
    const model = loadModel('models/default.json', []);
    const lines = tableFor().split('\n');
    const at = (heading: string) => lines.findIndex((line) => line.startsWith(`${heading}: `));
    expect(at('Situation')).toBeGreaterThan(0);
    expect(at('What to try')).toBeGreaterThan(at('Situation'));
    expect(at('What to notice')).toBeGreaterThan(at('What to try'));
    expect(lines[at('What to try')]).toBe(`What to try: ${model.lesson!.tryThis}`);
    expect(specExampleTableFor()).not.toMatch(/^Situation: /m);
  });

  it('names the payback period after the granularity', () => {
    expect(tableFor('periodsPerYear=4')).toMatch(/Payback\s+quarter \d+\n/);
    expect(tableFor('periodsPerYear=52')).toMatch(/Payback\s+week \d+\n/);
  });
});
