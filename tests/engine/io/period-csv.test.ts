import { readFileSync } from 'node:fs';
import { csvParse } from 'd3';
import { describe, expect, it } from 'vitest';
import { PERIOD_FIELDS, type Model, parseModel, simulate } from '../../../src/engine/index.ts';
import { formatPeriodsCsv } from '../../../src/engine/io/period-csv.ts';
import { periodLabel } from '../../../src/engine/io/period-label.ts';

const defaultModel = parseModel(JSON.parse(readFileSync(new URL('../../../models/default.json', import.meta.url), 'utf8')));
const result = simulate(defaultModel);
const csv = formatPeriodsCsv(result, defaultModel);
const variant = (change: Partial<Model>) => parseModel({ ...defaultModel, ...change });

describe('periodLabel', () => {
  it.each([
    [1, 12, 2027, '2027-01'], [12, 12, 2027, '2027-12'], [13, 12, 2027, '2028-01'], [36, 12, undefined, 'Y3-M12'],
    [1, 4, 2030, '2030-Q1'], [8, 4, 2030, '2031-Q4'], [5, 4, undefined, 'Y2-Q1'],
    [1, 52, 2027, '2027-W01'], [53, 52, 2027, '2028-W01'], [104, 52, undefined, 'Y2-W52'],
  ] as const)('period %i of %i per year from %s is %s', (t, periodsPerYear, startYear, expected) => {
    expect(periodLabel(t, periodsPerYear, startYear)).toBe(expected);
  });
});

describe('formatPeriodsCsv', () => {
  it('has a header row of period and PERIOD_FIELDS, and one row per period', () => {
    const lines = csv.split('\n');
    expect(lines[0]).toBe(['period', ...PERIOD_FIELDS].join(','));
    expect(lines).toHaveLength(result.periods.length + 2); // header, rows, and the final newline
    expect(csv.endsWith('\n')).toBe(true);
    expect(lines[1].startsWith('Y1-M01,1,')).toBe(true);
  });

  it('labels periods with calendar months when the model has a start year', () => {
    const model = variant({ startYear: 2027 });
    const lines = formatPeriodsCsv(simulate(model), model).split('\n');
    expect(lines[1].startsWith('2027-01,1,')).toBe(true);
    expect(lines[36].startsWith('2029-12,36,')).toBe(true);
  });

  it('writes every number at full precision, so reading it back gives the engine values exactly', () => {
    const rows = csvParse(csv);
    rows.forEach((row, index) => {
      for (const field of PERIOD_FIELDS) expect(Number(row[field])).toBe(result.periods[index][field]);
    });
  });

  it('has no thousands separators, quotes or missing values', () => {
    expect(csv).not.toMatch(/"|NaN|undefined|null/);
    for (const line of csv.trimEnd().split('\n').slice(1)) expect(line.split(',')).toHaveLength(PERIOD_FIELDS.length + 1);
  });

  it('has one row per week for a weekly model', () => {
    const weekly = variant({ periodsPerYear: 52, horizonYears: 2 });
    expect(formatPeriodsCsv(simulate(weekly), weekly).trimEnd().split('\n')).toHaveLength(105);
  });

  it('uses no Node or DOM APIs, so the command and the browser app share it', () => {
    for (const file of ['period-csv.ts', 'period-label.ts']) {
      const source = readFileSync(new URL(`../../../src/engine/io/${file}`, import.meta.url), 'utf8');
      const imports = [...source.matchAll(/from '([^']+)'/g)].map((match) => match[1]);
      expect(imports.every((name) => name === 'd3' || name.startsWith('.'))).toBe(true);
      expect(source).not.toMatch(/\b(process|document|window)\./);
    }
  });
});
