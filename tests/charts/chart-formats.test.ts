import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chartFormats } from '../../src/charts/chart-formats.ts';
import { createNumberFormats } from '../../src/engine/io/number-formats.ts';

// Charts get their number formats as a property (money with the model's currency), built once
// by the app; they import nothing from the app's formatting, so a chart cannot quietly drop the
// currency by calling a plain formatter.

const chartsFolder = new URL('../../src/charts/', import.meta.url);
const chartFiles = readdirSync(chartsFolder).filter((file) => file.endsWith('.ts'));

describe('charts and number formats', () => {
  it.each(chartFiles)('%s imports nothing from src/app/format.ts', (file) => {
    const source = readFileSync(new URL(file, chartsFolder), 'utf8');
    expect(source).not.toMatch(/from '\.\.\/app\/format\.ts'/);
  });

  it('every chart that writes money takes its formats as a property', () => {
    for (const file of chartFiles.filter((name) => name.endsWith('.chart.ts'))) {
      const source = readFileSync(new URL(file, chartsFolder), 'utf8');
      if (!/\.money(Short)?\(|moneyShort/.test(source)) continue;
      expect(source, file).toMatch(/formats: \{ attribute: false \}/);
    }
  });

  it('uses the given formats, and plain ones for the chart’s own periods until given any', () => {
    const euro = createNumberFormats({ currency: 'EUR' });
    expect(chartFormats(euro, 4)).toBe(euro);
    const plain = chartFormats(undefined, 4, 2027);
    expect(plain.money(1500)).toBe('1,500');
    expect(plain.periodLabel(2)).toBe('2027-Q2');
    expect(chartFormats(undefined, 4, 2027)).toBe(plain);
  });
});
