import { csvParse } from 'd3';
import { describe, expect, it } from 'vitest';
import type { FitPeriod } from '../../src/engine/fit/fit-result.ts';
import { formatFitCsv } from '../../src/cli/fit-csv.ts';
import { fitJson, fitPeriodColumns, flattenFitPeriods } from '../../src/cli/fit-json.ts';
import { formatFitReport } from '../../src/cli/format-fit-report.ts';
import { handMadeFit } from './fit-result-fixture.ts';

const cells = (line: string) => line.trim().split(/ {3,}/);

describe('fitJson', () => {
  it('prints the issue\'s shape: { model, fit: { train, holdout: { periods, r2, nrmse, mape } }, periods, drivers, parameters, warnings, ms }', () => {
    const result = handMadeFit();
    const printed = JSON.parse(JSON.stringify(fitJson(result)));
    expect(Object.keys(printed)).toEqual(['model', 'fit', 'periods', 'drivers', 'parameters', 'warnings', 'ms']);
    expect(printed.model).toEqual(JSON.parse(JSON.stringify(result.model)));
    expect(printed.fit).toEqual({
      train: { r2: 0.91234, nrmse: 0.0412, mape: 0.0381 },
      holdout: { periods: 1, r2: 0.8741, nrmse: 0.0533, mape: 0.049 },
    });
    expect(Object.keys(printed.fit.holdout)).toEqual(['periods', 'r2', 'nrmse', 'mape']);
    expect(printed.drivers[1]).toEqual({ name: 'promotion=bundle', effect: 0.12, lower: 0.05, upper: 0.195 });
    expect(printed.parameters[1]).toEqual({
      path: 'brand.halfLifeMonths', prior: { lower: 4.5, median: 24, upper: 128, source: 'default' }, start: 24, value: 20.31, lower: 14.1, upper: 29.04,
    });
    expect(printed.warnings).toEqual([{ code: 'brand-long-run', message: result.warnings[0].message }]);
    // To a tenth of a millisecond, as optimize prints it.
    expect(printed.ms).toBe(1234.6);
  });

  it('flattens each period: its fields, then a key per channel and per driver, then interaction; the parts sum to fitted', () => {
    const { periods } = fitJson(handMadeFit());
    expect(periods[2]).toEqual({
      date: '2025-03-01', actual: 1050, fitted: 1000, lower: 910, upper: 1090, holdout: true, base: 730, TV: 110, Search: 155, price: -5, promotion: 0, interaction: 10,
    });
    expect(Object.keys(periods[0])).toEqual(['date', 'actual', 'fitted', 'lower', 'upper', 'holdout', 'base', 'TV', 'Search', 'price', 'promotion', 'interaction']);
    for (const period of periods) {
      const parts = ['base', 'TV', 'Search', 'price', 'promotion', 'interaction'].reduce((sum, key) => sum + (period[key] as number), 0);
      expect(parts).toBeCloseTo(period.fitted as number, 9);
    }
  });

  it('prints holdout null when nothing was held out', () => {
    const result = handMadeFit();
    result.fit.holdout = null;
    expect(JSON.parse(JSON.stringify(fitJson(result))).fit.holdout).toBeNull();
  });
});

describe('fitPeriodColumns', () => {
  const period = (channels: Record<string, number>, drivers: Record<string, number>): FitPeriod => ({
    date: '2025-01-06', actual: 10, fitted: 9, lower: 8, upper: 11, holdout: false, base: 5, channels, drivers, interaction: 0,
  });

  it('keys a channel or driver whose name is taken by "channel:" or "driver:" + its name, so no figure hides another', () => {
    const periods = [period({ 'channel:date': 1, date: 2, TV: 3 }, { base: 4, TV: 5 })];
    expect(fitPeriodColumns(periods).map((column) => column.key)).toEqual([
      'date', 'actual', 'fitted', 'lower', 'upper', 'holdout', 'base', 'channel:date', 'channel:date:2', 'TV', 'driver:base', 'driver:TV', 'interaction',
    ]);
    expect(flattenFitPeriods(periods)[0]).toMatchObject({ date: '2025-01-06', 'channel:date': 1, 'channel:date:2': 2, TV: 3, 'driver:base': 4, 'driver:TV': 5 });
  });

  it('keeps a driver named "__proto__" as a key of the period, not its prototype', () => {
    const drivers: Record<string, number> = Object.create(null);
    drivers.__proto__ = 7;
    const [flat] = flattenFitPeriods([period({ TV: 1 }, drivers)]);
    expect(Object.getPrototypeOf(flat)).toBe(Object.prototype);
    expect(Object.hasOwn(flat, '__proto__')).toBe(true);
    expect(JSON.parse(JSON.stringify(flat)).__proto__).toBe(7);
  });
});

describe('formatFitCsv', () => {
  it('one row per period with the JSON\'s period columns, full precision, holdout as true/false', () => {
    const text = formatFitCsv(handMadeFit().periods);
    const lines = text.split('\n');
    expect(lines[0]).toBe('date,actual,fitted,lower,upper,holdout,base,TV,Search,price,promotion,interaction');
    expect(lines[2]).toBe('2025-02-01,1100,1110.5,1020,1200,false,720,200,160,0,25.5,5');
    expect(lines[3]).toBe('2025-03-01,1050,1000,910,1090,true,730,110,155,-5,0,10');
    expect(text.endsWith('1090,true,730,110,155,-5,0,10\n')).toBe(true);
    expect(lines).toHaveLength(5);
  });

  it('reads back to the JSON\'s periods, quoting a name with a comma; a value that is not finite is an empty cell', () => {
    const result = handMadeFit();
    result.periods = result.periods.map((period) => ({ ...period, channels: { 'TV, online': period.channels.TV, Search: period.channels.Search } }));
    result.periods[0].lower = Number.NaN;
    const rows = csvParse(formatFitCsv(result.periods));
    expect(rows.columns[7]).toBe('TV, online');
    expect(rows[0].lower).toBe('');
    const json = fitJson(result).periods;
    expect(rows.map((row) => Number(row['TV, online']))).toEqual(json.map((period) => period['TV, online']));
    expect(rows.map((row) => row.holdout)).toEqual(['false', 'false', 'true']);
  });
});

describe('formatFitReport', () => {
  it('says what was fitted to what, the figures, each setting, each driver, the warnings, the time and where the model went', () => {
    const result = handMadeFit();
    const text = formatFitReport({ result, modelName: 'Consumer brand by channel', historyFile: 'sales.csv', out: 'fitted.json' });
    const lines = text.split('\n');
    expect(lines[0]).toBe('Fit of Consumer brand by channel to sales.csv');
    expect(lines[1]).toBe('3 monthly periods, 2025-01-01 to 2025-03-01; the last month (from 2025-03-01) held out to check the fit, then refitted on all 3.');
    expect(cells(lines[3])).toEqual(['Fit', 'R²', 'NRMSE', 'MAPE']);
    expect(cells(lines[4])).toEqual(['Training', '0.912', '4.1%', '3.8%']);
    expect(cells(lines[5])).toEqual(['Holdout (1)', '0.874', '5.3%', '4.9%']);
    const settings = lines.indexOf('Estimated settings');
    expect(cells(lines[settings + 1])).toEqual(['Setting', 'Prior 90%', 'Start', 'Fitted', '90% interval']);
    // Four significant digits, whatever the scale; a default prior is marked.
    expect(cells(lines[settings + 2])).toEqual(['TV: half-saturation (upstream.channels.TV.halfSaturation)', '20,000 to 101,300', '45,000', '38,120', '30,010 to 48,250']);
    expect(cells(lines[settings + 3])).toEqual(['Brand half-life (brand.halfLifeMonths)', '4.5 to 128 *', '24', '20.31', '14.1 to 29.04']);
    expect(cells(lines[settings + 4])).toEqual(['Noise around the fit (σ) (noise.sigma)', 'flat', '0.05', '0.04127', '0.0355 to 0.0488']);
    expect(lines[settings + 5]).toBe('  * no range in the starting model\'s "uncertainty": a wide default prior');
    const drivers = lines.findIndex((line) => line.startsWith('Drivers'));
    // A number per sd of the driver (its units do not matter), a log-form one per doubling, a text value on its own.
    expect(cells(lines[drivers + 2])).toEqual(['price', '-3.8%', 'per sd (0.45)', '-4.7% to -2.9%']);
    expect(cells(lines[drivers + 3])).toEqual(['promotion=bundle', '+12.0%', '+5.0% to +19.5%']);
    expect(cells(lines[drivers + 4])).toEqual(['competitor sales (log)', '+25.0%', 'per doubling', '+10.0% to +40.0%']);
    expect(text).toContain(`\nWarnings\n  - ${result.warnings[0].message}\n`);
    expect(text.endsWith('\nFitted in 1,235 ms.\nFitted model written to fitted.json.\n')).toBe(true);
    expect(text).not.toMatch(/NaN|undefined|null/);
  });

  it('without a holdout, a default prior, drivers, warnings or --out, says so or leaves the part out', () => {
    const result = handMadeFit();
    result.fit.holdout = null;
    result.periods = result.periods.map((period) => ({ ...period, holdout: false }));
    result.parameters = result.parameters.slice(0, 1);
    result.drivers = [];
    result.warnings = [];
    result.fit.train.r2 = Number.NaN;
    const text = formatFitReport({ result, modelName: 'M', historyFile: 'h.csv', out: undefined });
    expect(text.split('\n')[1]).toBe('3 monthly periods, 2025-01-01 to 2025-03-01; none held out, so the fit is checked only on the months it was fitted to.');
    expect(text).not.toMatch(/Holdout|Drivers|Warnings|\* no range/);
    expect(cells(text.split('\n')[4])).toEqual(['Training', '—', '4.1%', '3.8%']);
    expect(text.endsWith('The fitted model was not written: add --out FITTED.json to save it (--format json prints it).\n')).toBe(true);
  });

  it('shows control characters in a file or driver name as escapes', () => {
    const result = handMadeFit();
    result.drivers[0].name = 'price\u001b[2J';
    const text = formatFitReport({ result, modelName: 'M', historyFile: 'h\n.csv', out: undefined });
    expect(text).toContain('Fit of M to h\\u000a.csv\n');
    expect(text).toContain('price\\u001b[2J');
    expect(text).not.toContain('\u001b');
  });
});
