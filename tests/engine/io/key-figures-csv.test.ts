import { csvParse } from 'd3';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { marginalRoi, parseModel, simulate } from '../../../src/engine/index.ts';
import { KEY_FIGURES } from '../../../src/engine/key-figures.ts';
import { formatKeyFiguresCsv } from '../../../src/engine/io/key-figures-csv.ts';

const defaultJson = JSON.parse(readFileSync(new URL('../../../models/default.json', import.meta.url), 'utf8'));

describe('formatKeyFiguresCsv', () => {
  it('lists the key figures in KEY_FIGURES order, marketing NPV first, with ROI by year and marginal ROI, at full precision', () => {
    const model = parseModel({ ...defaultJson, currency: 'EUR' });
    const { summary } = simulate(model);
    const marginal = marginalRoi(model);
    const rows = csvParse(formatKeyFiguresCsv(summary, model, marginal));
    expect(rows.columns).toEqual(['field', 'label', 'value', 'unit']);
    const fields = rows.map((row) => row.field);
    expect(fields[0]).toBe('incrementalNpvWithCarryover');
    expect(fields.filter((field) => !/^roiYear|^marginalRoi/.test(field!))).toEqual(KEY_FIGURES.map((figure) => figure.field));
    expect(fields.slice(fields.indexOf('roi') + 1, fields.indexOf('roi') + 4)).toEqual(['roiYear1', 'roiYear2', 'roiYear3']);
    expect(fields.slice(fields.indexOf('irr') + 1, fields.indexOf('irr') + 3)).toEqual(['marginalRoiUpstream', 'marginalRoiDownstream']);
    const byField = new Map(rows.map((row) => [row.field, row]));
    expect(Number(byField.get('incrementalNpvWithCarryover')!.value)).toBe(summary.incrementalNpvWithCarryover);
    expect(byField.get('incrementalNpvWithCarryover')!.unit).toBe('EUR');
    expect(byField.get('incrementalNpvWithCarryover')!.label).toBe('Marketing NPV with carryover');
    expect(Number(byField.get('marginalRoiUpstream')!.value)).toBe(marginal.upstream);
    expect(byField.get('paybackPeriod')!.unit).toBe('month');
  });

  it('writes a missing figure as an empty cell, never null or NaN, and "money" without a currency', () => {
    const model = parseModel({ ...defaultJson, budget: { perYear: 0, upstreamShare: 0.5 } });
    const text = formatKeyFiguresCsv(simulate(model).summary, model);
    expect(text).not.toMatch(/null|NaN|undefined/);
    const byField = new Map(csvParse(text).map((row) => [row.field, row]));
    expect(byField.get('roi')!.value).toBe('');
    expect(byField.get('paybackPeriod')!.value).toBe('');
    expect(byField.get('npv')!.unit).toBe('money');
    expect(byField.has('marginalRoiUpstream')).toBe(false);
  });
});
