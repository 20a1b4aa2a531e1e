import { readFileSync } from 'node:fs';
import { csvParse } from 'd3';
import { describe, expect, it } from 'vitest';
import { PERIOD_FIELDS, simulate } from '../../src/engine/index.ts';
import { loadModel } from '../../src/cli/load-model.ts';
import { formatPeriodsCsv } from '../../src/cli/period-csv.ts';
import { parseOverride } from '../../src/cli/set-override.ts';
import { PROJECT_ROOT } from './cli-harness.ts';

const result = simulate(loadModel('models/default.json', []));
const csv = formatPeriodsCsv(result);

describe('formatPeriodsCsv', () => {
  it('has a header row of PERIOD_FIELDS and one row per period', () => {
    const lines = csv.split('\n');
    expect(lines[0]).toBe(PERIOD_FIELDS.join(','));
    expect(lines).toHaveLength(result.periods.length + 2); // header, rows, and the final newline
    expect(csv.endsWith('\n')).toBe(true);
  });

  it('writes every number at full precision, so reading it back gives the engine values exactly', () => {
    const rows = csvParse(csv);
    rows.forEach((row, index) => {
      for (const field of PERIOD_FIELDS) expect(Number(row[field])).toBe(result.periods[index][field]);
    });
  });

  it('has no thousands separators, quotes or missing values', () => {
    expect(csv).not.toMatch(/"|NaN|undefined|null/);
    for (const line of csv.trimEnd().split('\n').slice(1)) expect(line.split(',')).toHaveLength(PERIOD_FIELDS.length);
  });

  it('has one row per week for a weekly model', () => {
    const weekly = simulate(loadModel('models/default.json', [parseOverride('periodsPerYear=52'), parseOverride('horizonYears=2')]));
    expect(formatPeriodsCsv(weekly).trimEnd().split('\n')).toHaveLength(105);
  });

  it('uses no Node APIs, so the browser app can import it', () => {
    const source = readFileSync(`${PROJECT_ROOT}src/cli/period-csv.ts`, 'utf8');
    const imports = [...source.matchAll(/from '([^']+)'/g)].map((match) => match[1]);
    expect(imports).toEqual(['d3', '../engine/index.ts']);
    expect(source).not.toMatch(/\bprocess\./);
  });
});
