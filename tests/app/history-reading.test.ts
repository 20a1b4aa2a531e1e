import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  NO_HISTORY, chooseColumn, followModel, openHistory, problemText, readerKey, refusedFile, startModelOf, useHistoryGranularity,
} from '../../src/app/history-reading.ts';
import { modelAtGranularity } from '../../src/app/fit-start.ts';
import { parseModel } from '../../src/engine/index.ts';

// The fit view's state of the history on screen, changed only by pure functions: every failure
// keeps the last good state (the previous file, the table as it was) with its message, and the
// reader's verdict is always for the table as shown.

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const exampleText = read('../../models/examples/consumer-history.csv');
const exampleStart = parseModel(JSON.parse(read('../../models/examples/consumer-weekly.json')));
const monthlyChannels = parseModel(JSON.parse(read('../../models/consumer-channels.json')));
const exampleRows = exampleText.trimEnd().split('\n').slice(1);
const example = { model: exampleStart, note: 'the example’s own start' };

/** A monthly history for the consumer brand by channel preset: 24 months from 2023-01-01, month `gapAt` left out. */
function monthlyHistory(gapAt: number): string {
  const lines = ['date,revenue,TV,Online video,Sponsorship,Search,Social,Retail media,price'];
  for (let month = 0, row = 0; row < 24; month += 1) {
    if (month === gapAt) continue;
    const date = `${2023 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}-01`;
    lines.push(`${date},${1_500_000 + 10_000 * (month % 5)},60000,30000,15000,50000,30000,20000,${9 + (month % 3) * 0.5}`);
    row += 1;
  }
  return `${lines.join('\n')}\n`;
}

describe('the history on screen', () => {
  it('reads the example from its own starting model, ready to fit', () => {
    const reading = openHistory(NO_HISTORY, exampleText, 'consumer-history.csv', example, monthlyChannels);
    expect(reading.problem).toBeUndefined();
    expect(reading.summary).toBe(`${exampleRows.length} weekly rows, 2023-01-02 to ${exampleRows.at(-1)!.slice(0, 10)}, 6 channels and 2 drivers`);
    expect(exampleRows.length).toBe(156);
    expect(startModelOf(reading, monthlyChannels)).toBe(exampleStart);
    expect(reading.roles.map((role) => role.role)).toEqual(['date', 'target', 'channel', 'channel', 'channel', 'channel', 'channel', 'channel', 'driver', 'driver']);
  });

  it('a file that cannot be read at all keeps the previous history, with the reason', () => {
    const before = openHistory(NO_HISTORY, exampleText, 'consumer-history.csv', example, monthlyChannels);
    const after = openHistory(before, '', 'empty.csv', undefined, monthlyChannels);
    expect(after.fileMessage).toBe('empty.csv could not be read: the file is empty; a history needs a header row and one row per period. Nothing was changed.');
    expect(after.file).toBe(before.file);
    expect(after.roles).toBe(before.roles);
    expect(after.start).toBe(before.start);
    const repeated = openHistory(before, 'date,revenue,revenue\n2023-01-02,1,2\n', 'twice.csv', undefined, monthlyChannels);
    expect(repeated.fileMessage).toMatch(/^twice\.csv could not be read: .*revenue/);
    // The next good file clears the message.
    expect(openHistory(after, monthlyHistory(99), 'good.csv', undefined, monthlyChannels).fileMessage).toBeUndefined();
  });

  it('a gap in the dates is the reader’s message with its row and column, and nothing reads as ready', () => {
    const reading = openHistory(NO_HISTORY, monthlyHistory(5), 'gap.csv', undefined, monthlyChannels);
    expect(reading.problem).toEqual({
      message: 'row 7, column "date": a gap: 2023-07-01 follows 2023-05-01 (row 6), but the next month starts 2023-06-01 (1 month is missing); the months must be consecutive',
      row: 7, column: 'date',
    });
    expect(reading.summary).toBe('');
    expect(reading.granularity).toBeUndefined();
    expect(openHistory(NO_HISTORY, monthlyHistory(99), 'good.csv', undefined, monthlyChannels).summary)
      .toBe('24 monthly rows, 2023-01-01 to 2024-12-01, 6 channels and 1 driver');
  });

  it('a weekly history for a monthly model with a slip in a cell still offers the weekly granularity, which then shows the slip', () => {
    const lines = exampleText.trim().split('\n');
    const revenue = lines[0].split(',').indexOf('revenue');
    const cells = lines[9].split(',');
    cells[revenue] = '1e-300';
    lines[9] = cells.join(',');
    const reading = openHistory(NO_HISTORY, lines.join('\n'), 'slip.csv', undefined, structuredClone(monthlyChannels));
    expect(reading.problem?.message).toMatch(/^the history is weekly/);
    expect(reading.granularity?.periodsPerYear).toBe(52);
    const weekly = useHistoryGranularity(reading, monthlyChannels);
    expect(weekly.problem).toMatchObject({ row: 10, column: 'revenue' });
    expect(weekly.problem?.message).toContain('"1e-300" is over a million times below');
  });

  it('a weekly history for a monthly model offers the weekly granularity, for the fit only', () => {
    const current = structuredClone(monthlyChannels);
    const reading = openHistory(NO_HISTORY, exampleText, 'consumer-history.csv', undefined, current);
    expect(reading.problem?.message).toMatch(/^the history is weekly .* but the model has periodsPerYear 12 \(monthly\)/);
    expect(reading.granularity?.periodsPerYear).toBe(52);
    const weekly = useHistoryGranularity(reading, current);
    expect(weekly.problem).toBeUndefined();
    expect(weekly.start?.model.periodsPerYear).toBe(52);
    expect(weekly.start?.model).toEqual(modelAtGranularity(monthlyChannels, 52));
    expect(weekly.start?.note).toBe('Fitting at weekly granularity, as the history is: the starting model is “Consumer brand by channel” with 52 periods a year, for this fit only.');
    // The current model is not touched.
    expect(current).toEqual(monthlyChannels);
  });

  it('a choice the reader cannot make leaves the table as it was, explained; a choice it can make is read again', () => {
    const renamed = exampleText.replace(/^date,revenue,TV,/, 'date,sales,tv_S,');
    const before = openHistory(NO_HISTORY, renamed, 'export.csv', example, undefined);
    expect(before.problem?.message).toMatch(/^the target "revenue"/);
    // With no column as the target yet, a channel can still be matched; the reader still asks for the target.
    const tvFirst = chooseColumn(before, 'tv_S', 'channel:TV', undefined);
    expect(tvFirst.options).toEqual({ map: { tv_S: 'TV' }, advice: 'table' });
    expect(tvFirst.problem?.message).toMatch(/^the target "revenue"/);
    const target = chooseColumn(before, 'sales', 'target', undefined);
    expect(target.choiceProblem).toBeUndefined();
    expect(target.options).toEqual({ target: 'sales', advice: 'table' });
    expect(target.problem?.message).toMatch(/channel "TV" has no spend column/);
    // Worded for the table the person is looking at, not for the command's options.
    expect(target.problem?.message).toContain('choose “Spend of TV” for');
    expect(target.problem?.message).not.toContain('--map');
    const refused = chooseColumn(target, 'Search', 'driver', undefined);
    expect(refused.roles).toBe(target.roles);
    expect(refused.options).toBe(target.options);
    expect(refused.choiceProblem).toMatch(/^“Search” is named as a channel/);
    const ready = chooseColumn(refused, 'tv_S', 'channel:TV', undefined);
    expect(ready.options).toEqual({ target: 'sales', map: { tv_S: 'TV' }, advice: 'table' });
    expect(ready.problem).toBeUndefined();
    expect(ready.choiceProblem).toBeUndefined();
    expect(ready.roles.find((role) => role.column === 'tv_S')).toEqual({ column: 'tv_S', role: 'channel', channel: 'TV' });
  });

  it('follows the current model only when the reader would read differently', () => {
    const reading = openHistory(NO_HISTORY, monthlyHistory(99), 'good.csv', undefined, monthlyChannels);
    // Another budget: the same channels and granularity, so nothing is read again.
    const richer = parseModel({ ...structuredClone(monthlyChannels), description: 'another budget', budget: { ...monthlyChannels.budget, perYear: 2_000_000 } });
    expect(readerKey(richer)).toBe(readerKey(monthlyChannels));
    expect(followModel(reading, richer)).toBe(reading);
    // A weekly model reads the monthly history differently.
    const weekly = modelAtGranularity(monthlyChannels, 52)!;
    const followed = followModel(reading, weekly);
    expect(followed).not.toBe(reading);
    expect(followed.problem?.message).toMatch(/^the history is monthly/);
    expect(followed.granularity?.periodsPerYear).toBe(12);
    // With a starting model of its own (the example's), the view does not follow.
    const own = openHistory(NO_HISTORY, exampleText, 'consumer-history.csv', example, monthlyChannels);
    expect(followModel(own, weekly)).toBe(own);
  });

  it('refuses a file over 10 MB before reading it', () => {
    expect(refusedFile('big.csv', 10 * 1024 * 1024)).toBeUndefined();
    expect(refusedFile('big.csv', 50 * 1024 * 1024)).toBe('big.csv is too large (50.0 MB); a history file is at most 10 MB. Nothing was changed.');
  });

  it('puts the row and column before a message that does not name them', () => {
    expect(problemText({ message: 'row 7, column "date": a gap', row: 7, column: 'date' })).toBe('Row 7, column "date": a gap');
    expect(problemText({ message: 'spend must be a number', row: 3, column: 'TV' })).toBe('Row 3, column “TV”: spend must be a number');
    expect(problemText({ message: 'the file is empty', row: null, column: null })).toBe('The file is empty');
    expect(problemText({ message: 'no column', row: null, column: 'x<b>' })).toBe('Column “x<b>”: no column');
    // A message that names its column already is not given it twice.
    expect(problemText({ message: 'the history is weekly (column "date": 2024-01-01 in row 2, …)', row: null, column: 'date' }))
      .toBe('The history is weekly (column "date": 2024-01-01 in row 2, …)');
  });
});
