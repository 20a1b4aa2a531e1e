import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ColumnChoice, choiceOf, choiceOptions, historyOptionsFor, withChoice } from '../../src/app/fit-columns.ts';
import { describeFitProgress, durationWords, fitTimeLeftMs } from '../../src/app/fit-progress.ts';
import type { ColumnRole } from '../../src/engine/fit/history-table.ts';
import { historyColumns, readHistory } from '../../src/engine/fit/read-history.ts';
import { channelList, modelChannels, parseModel } from '../../src/engine/index.ts';

// The fit view's table of columns: a choice in a column's select becomes the reader's options
// (--target, --map, --ignore), and the reader, given those options, reads the columns exactly as
// the table shows them. Checked on the project's example history and its starting model.

const exampleText = readFileSync(new URL('../../models/examples/consumer-history.csv', import.meta.url), 'utf8');
const start = parseModel(JSON.parse(readFileSync(new URL('../../models/examples/consumer-weekly.json', import.meta.url), 'utf8')));
const channels = channelList(modelChannels(start)).map((channel) => channel.name);

/** The example with its TV column renamed `tv_S` and its revenue column `sales`, as exports often name them. */
const renamedText = exampleText.replace(/^date,revenue,TV,/, 'date,sales,tv_S,');

/** Roles without a driver's kind (which the reader judges from the cells; the table cannot choose it). */
const withoutKinds = (roles: readonly ColumnRole[]) => roles.map((role) => (role.role === 'driver' ? { column: role.column, role: 'driver' } : role));

describe('the columns table', () => {
  it('offers date, target, each channel of the model in its order, driver and ignored', () => {
    expect(choiceOptions(['TV', 'Search']).map((option) => option.value)).toEqual(['date', 'target', 'channel:TV', 'channel:Search', 'driver', 'ignored']);
    expect(choiceOptions(['TV']).find((option) => option.value === 'channel:TV')?.label).toBe('Spend of TV');
    expect(choiceOf({ column: 'tv_S', role: 'channel', channel: 'TV' })).toBe('channel:TV');
    expect(choiceOf({ column: 'price', role: 'driver', kind: 'numeric' })).toBe('driver');
  });

  it('reads the example as it is named: no options needed, and the reader accepts it', () => {
    const roles = historyColumns(exampleText, start);
    expect(roles).toEqual([
      { column: 'date', role: 'date' },
      { column: 'revenue', role: 'target' },
      ...channels.map((name) => ({ column: name, role: 'channel', channel: name })),
      { column: 'price', role: 'driver', kind: 'numeric' },
      { column: 'promotion', role: 'driver', kind: 'text' },
    ]);
    expect(historyOptionsFor(roles, 'date', channels)).toEqual({ options: { target: 'revenue' } });
  });

  it('renamed columns: choosing the target and the channel gives --target and --map, and the file then reads', () => {
    let roles = historyColumns(renamedText, start);
    // As read with no options: no revenue column and no TV column, so sales and tv_S are drivers.
    expect(roles.find((role) => role.column === 'sales')).toEqual({ column: 'sales', role: 'driver', kind: 'numeric' });
    expect(() => readHistory(renamedText, start)).toThrow(/target "revenue"/);

    roles = withChoice(roles, 'sales', 'target');
    roles = withChoice(roles, 'tv_S', 'channel:TV');
    const read = historyOptionsFor(roles, 'date', channels);
    expect(read).toEqual({ options: { target: 'sales', map: { tv_S: 'TV' } } });
    if (!('options' in read)) return;
    expect(withoutKinds(historyColumns(renamedText, start, read.options))).toEqual(withoutKinds(roles));
    const history = readHistory(renamedText, start, read.options);
    expect(history.targetName).toBe('sales');
    expect(history.channels.find((channel) => channel.name === 'TV')?.column).toBe('tv_S');
    // The example's first TV spend is in row 5 (2023-01-23): 15517.15.
    expect(history.channels.find((channel) => channel.name === 'TV')?.spend[3]).toBe(15517.15);
  });

  it('a role only one column can have moves: the column that had it is left out', () => {
    const roles = historyColumns(exampleText, start);
    const priceAsTarget = withChoice(roles, 'price', 'target');
    expect(priceAsTarget.find((role) => role.column === 'revenue')).toEqual({ column: 'revenue', role: 'ignored' });
    expect(priceAsTarget.filter((role) => role.role === 'target')).toEqual([{ column: 'price', role: 'target' }]);
    const priceAsTv = withChoice(roles, 'price', 'channel:TV');
    expect(priceAsTv.find((role) => role.column === 'TV')).toEqual({ column: 'TV', role: 'ignored' });
    expect(historyOptionsFor(priceAsTv, 'date', channels)).toEqual({ options: { target: 'revenue', map: { price: 'TV' }, ignore: ['TV'] } });
    // Other roles stay as they were.
    expect(priceAsTv.find((role) => role.column === 'Search')).toEqual({ column: 'Search', role: 'channel', channel: 'Search' });
  });

  it('explains a choice the reader cannot make, rather than ignoring it', () => {
    const roles = historyColumns(exampleText, start);
    const dateElsewhere = historyOptionsFor(withChoice(roles, 'price', 'date'), 'date', channels);
    expect(dateElsewhere).toEqual({ problem: expect.stringContaining('column named “date”, or else the first column') });
    const noTarget = historyOptionsFor(withChoice(roles, 'revenue', 'ignored'), 'date', channels);
    expect(noTarget).toEqual({ problem: expect.stringContaining('Choose one column as the target') });
    // A file without a revenue column may leave the target for later: the reader will ask for it.
    const renamedRoles = historyColumns(renamedText, start);
    expect(historyOptionsFor(withChoice(renamedRoles, 'tv_S', 'channel:TV'), 'date', channels)).toEqual({ options: { map: { tv_S: 'TV' } } });
    const channelAsDriver = historyOptionsFor(withChoice(roles, 'TV', 'driver'), 'date', channels);
    expect(channelAsDriver).toEqual({ problem: '“TV” is named as a channel, so it is read as TV’s spend; to read it as a demand driver, rename the column in the file.' });
    // Once another column is TV's spend, the column named TV is free to be a driver.
    const moved = withChoice(withChoice(roles, 'price', 'channel:TV'), 'TV', 'driver');
    expect(historyOptionsFor(moved, 'date', channels)).toEqual({ options: { target: 'revenue', map: { price: 'TV' } } });
  });

  it('a column named __proto__ is an ordinary key of --map (no prototype is touched)', () => {
    const roles: ColumnRole[] = [{ column: 'date', role: 'date' }, { column: 'revenue', role: 'target' }, { column: '__proto__', role: 'channel', channel: 'TV' }];
    const read = historyOptionsFor(roles, 'date', ['TV']);
    expect('options' in read && Object.keys(read.options.map ?? {})).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).TV).toBeUndefined();
  });

  it('property: whatever the choices, options that are given make the reader report exactly the table', () => {
    const columns = historyColumns(renamedText, start).map((role) => role.column);
    const choice = fc.constantFrom<ColumnChoice>('date', 'target', 'driver', 'ignored', ...channels.map((name): ColumnChoice => `channel:${name}`));
    fc.assert(fc.property(fc.array(fc.tuple(fc.constantFrom(...columns), choice), { minLength: 1, maxLength: 8 }), (choices) => {
      let roles = historyColumns(renamedText, start);
      let given = 0;
      for (const [column, chosen] of choices) {
        const wanted = withChoice(roles, column, chosen);
        const read = historyOptionsFor(wanted, 'date', channels);
        if ('problem' in read) continue;
        given += 1;
        const reported = historyColumns(renamedText, start, read.options);
        expect(withoutKinds(reported)).toEqual(withoutKinds(wanted));
        roles = reported;
      }
      return given >= 0;
    }), { numRuns: 300 });
  });
});

describe('the fit’s progress in words', () => {
  it('estimates the time left from the pace so far, from 10 % and half a second in', () => {
    // 2 s for 40 %: 3 s more at that pace.
    expect(fitTimeLeftMs(2000, 0.4)).toBeCloseTo(3000, 9);
    expect(fitTimeLeftMs(2000, 1)).toBe(0);
    expect(fitTimeLeftMs(2000, 0.05)).toBeUndefined();
    expect(fitTimeLeftMs(300, 0.5)).toBeUndefined();
    expect(fitTimeLeftMs(Number.NaN, 0.5)).toBeUndefined();
    expect(fitTimeLeftMs(2000, 0)).toBeUndefined();
    expect(describeFitProgress(2000, 0.4)).toBe('2.0 s so far, about 3.0 s left');
    expect(describeFitProgress(200, 0.02)).toBe('0.2 s so far');
  });

  it('says durations without NaN', () => {
    expect(durationWords(420)).toBe('0.4 s');
    expect(durationWords(14_600)).toBe('15 s');
    expect(durationWords(130_000)).toBe('2 min 10 s');
    expect(durationWords(120_000)).toBe('2 min');
    expect(durationWords(Number.NaN)).toBe('—');
    fc.assert(fc.property(fc.double(), fc.double(), (elapsed, fraction) => !describeFitProgress(elapsed, fraction).includes('NaN')));
  });
});
