import { csvParse } from 'd3';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { marginalRoi, parseModel, simulate } from '../../../src/engine/index.ts';
import { KEY_FIGURES } from '../../../src/engine/key-figures.ts';
import { formatKeyFiguresCsv } from '../../../src/engine/io/key-figures-csv.ts';

const channelJson = JSON.parse(readFileSync(new URL('../../cli/fixtures/channel-brand.json', import.meta.url), 'utf8'));
const defaultJson = JSON.parse(readFileSync(new URL('../../../models/default.json', import.meta.url), 'utf8'));

describe('formatKeyFiguresCsv with channels', () => {
  it('adds each channel\'s figures after the key figures, channel by channel, at full precision', () => {
    const model = parseModel({ ...channelJson, currency: 'EUR' });
    const { summary } = simulate(model);
    const marginal = marginalRoi(model);
    const rows = csvParse(formatKeyFiguresCsv(summary, model, marginal));
    const fields = rows.map((row) => row.field!);
    const channelFields = fields.slice(fields.indexOf('finalEquity') + 1);
    expect(fields.indexOf('finalEquity')).toBe(KEY_FIGURES.length + 3 + 2 - 1);
    expect(channelFields).toEqual(['TV', 'Sponsorship', 'Search', 'Social'].flatMap((name) => ['spend', 'incrementalRevenue', 'roi', 'marginalRoi', 'valueAdded'].map((field) => `${field}:${name}`)));
    const byField = new Map(rows.map((row) => [row.field, row]));
    // TV: 1.2e6 a year · 0.5 upstream · 0.7 of it, over 3 years (by hand).
    expect(Number(byField.get('spend:TV')!.value)).toBeCloseTo(1_260_000, 6);
    expect(byField.get('spend:TV')!.label).toBe('TV: Spend');
    expect(byField.get('spend:TV')!.unit).toBe('EUR');
    expect(Number(byField.get('valueAdded:Social')!.value)).toBe(summary.channels[3].valueAdded);
    expect(Number(byField.get('marginalRoi:Search')!.value)).toBe(marginal.channels[2].marginalRoi);
    expect(byField.get('roi:Sponsorship')!.unit).toBe('ratio');
  });

  it('leaves out marginal ROI without it, and a channel that spends nothing has an empty ROI', () => {
    const json = structuredClone(channelJson);
    json.upstream.channels.TV.share = 1;
    json.upstream.channels.Sponsorship.share = 0;
    const model = parseModel(json);
    const text = formatKeyFiguresCsv(simulate(model).summary, model);
    expect(text).not.toMatch(/marginalRoi:|null|NaN|undefined/);
    const byField = new Map(csvParse(text).map((row) => [row.field, row]));
    expect(byField.get('roi:Sponsorship')!.value).toBe('');
    expect(byField.get('spend:Sponsorship')!.value).toBe('0');
  });

  it('a two-lever model has no channel rows', () => {
    const model = parseModel(defaultJson);
    expect(formatKeyFiguresCsv(simulate(model).summary, model, marginalRoi(model))).not.toMatch(/:upstream|:downstream/);
  });
});
