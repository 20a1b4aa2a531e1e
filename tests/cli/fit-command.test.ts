// The fit command end to end, in-process: options, refusals (status 2, one message, no stack
// trace, --out untouched), and a fit of the example history in each format. The fits use
// --starts 1 to stay quick; the engine's own tests check the fit itself.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitJson } from '../../src/cli/fit-json.ts';
import { loadModel } from '../../src/cli/load-model.ts';
import { fitHistory } from '../../src/engine/fit/fit-history.ts';
import { MAX_HISTORY_BYTES, readHistory } from '../../src/engine/fit/read-history.ts';
import { PROJECT_ROOT, STACK_LINE, runInProcess, runSubprocess, temporaryFiles, type CliRun } from './cli-harness.ts';

const HISTORY = 'models/examples/consumer-history.csv';
const START = 'models/examples/consumer-weekly.json';
const historyText = readFileSync(`${PROJECT_ROOT}${HISTORY}`, 'utf8');
const historyLines = historyText.trimEnd().split('\n');
const header = historyLines[0].split(',');
const column = (name: string) => header.indexOf(name);
/** The example history with the cell in data row `row` (the header is row 1) and `name`'s column replaced. */
const withCell = (row: number, name: string, value: string) => historyLines
  .map((line, index) => (index === row - 1 ? line.split(',').map((cell, at) => (at === column(name) ? value : cell)).join(',') : line))
  .join('\n');

const OLD_OUTPUT = '{ "kept": "as it was" }\n';
const files = temporaryFiles({
  'renamed.csv': historyText.replace(',Search,', ',Serch,'),
  'negative-spend.csv': withCell(7, 'TV', '-5'),
  'empty-cell.csv': withCell(12, 'revenue', ''),
  'repeated-date.csv': withCell(6, 'date', historyLines[3].split(',')[0]),
  'empty.csv': '',
  'kept.json': OLD_OUTPUT,
});
afterAll(() => files.remove());

const fit = (...argv: string[]) => runInProcess(['fit', ...argv]);
/** A refusal: status 2, nothing on stdout, the message alone on stderr (one line, no stack trace). */
const expectRefusal = (run: CliRun, message: string) => {
  expect(run.stderr).toBe(`${message}\n`);
  expect(run.exitCode).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr).not.toMatch(STACK_LINE);
};

describe('fit: refusals', () => {
  it.each([
    [['--model', START], 'fit needs a history file: budget-sim fit <history.csv> --model <start.json>'],
    [[HISTORY], 'fit needs the starting model: --model START.json (its channels name the spend columns; see budget-sim fit --help)'],
    [[HISTORY, '--model', START, '--holdot', '3'], 'unknown option --holdot for fit; did you mean --holdout?'],
    [[HISTORY, '--model', START, '--holdout', '-1'], "--holdout must be a whole number from 0 to 10000, got '-1'"],
    [[HISTORY, '--model', START, '--holdout', '1.5'], "--holdout must be a whole number from 0 to 10000, got '1.5'"],
    [[HISTORY, '--model', START, '--format', 'xml'], "unknown format 'xml' for fit; choose text, json or csv"],
    [[HISTORY, '--model', START, '--format', 'jsn'], "unknown format 'jsn' for fit (did you mean json?); choose text, json or csv"],
    [[HISTORY, '--model', START, '--map', 'a='], `--map pair 'a=' has no channel after '='; write column=channel pairs separated by commas, e.g. --map "tv_S=TV,search_S=Search"`],
    [[HISTORY, '--model', 'models/examples/no-such-start.json'], 'cannot read models/examples/no-such-start.json: no such file'],
    [['models/examples/no-such-history.csv', '--model', START], 'cannot read models/examples/no-such-history.csv: no such file'],
    [['models/examples', '--model', START], 'models/examples is a directory, not a history file'],
  ])('%j: %s', (argv, message) => {
    expectRefusal(fit(...argv), message);
  });

  it('a fit that cannot be set up as asked (the engine\'s FitError): its message, naming the option, status 2', () => {
    for (const [option, value] of [['--free', 'brand.halfLife'], ['--holdout', '200']]) {
      const run = fit(HISTORY, '--model', START, option, value);
      expect(run.exitCode).toBe(2);
      expect(run.stderr.startsWith(`${option} ${value}`)).toBe(true);
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(run.stderr).not.toMatch(STACK_LINE);
    }
  });

  it('takes --format table as text, the other commands\' name for it', () => {
    const run = fit(files.path('empty.csv'), '--model', START, '--format', 'table');
    expect(run.stderr).toMatch(/the file is empty/);
  });

  it.each([
    ['renamed.csv', 'the model\'s channel "Search" has no spend column; did you mean "Serch"? Name it "Search" or use --map "Serch=Search"'],
    ['negative-spend.csv', 'row 7, column "TV"'],
    ['empty-cell.csv', 'row 12, column "revenue"'],
    ['repeated-date.csv', 'row 6, column "date"'],
    ['empty.csv', 'the file is empty; a history needs a header row and one row per period'],
  ])('%s: the file, the row and column, status 2, and --out neither created nor changed', (name, problem) => {
    for (const out of [files.path('never.json'), files.path('kept.json')]) {
      const run = fit(files.path(name), '--model', START, '--out', out);
      expect(run.exitCode).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.startsWith(`${files.path(name)}: `)).toBe(true);
      expect(run.stderr).toContain(problem);
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(run.stderr).not.toMatch(STACK_LINE);
    }
    expect(existsSync(files.path('never.json'))).toBe(false);
    expect(readFileSync(files.path('kept.json'), 'utf8')).toBe(OLD_OUTPUT);
  });

  it('refuses a history file over the reader\'s limit by its size, before reading it', () => {
    writeFileSync(files.path('huge.csv'), Buffer.alloc(MAX_HISTORY_BYTES + 1, 0x61));
    expectRefusal(fit(files.path('huge.csv'), '--model', START), `${files.path('huge.csv')} is 10.0 MB; history files larger than 10 MB are refused`);
  });

  it('refuses a bad --out before fitting: a missing folder, a folder, the history itself', () => {
    expectRefusal(fit(HISTORY, '--model', START, '--out', files.path('none/fitted.json')), `cannot write --out ${files.path('none/fitted.json')}: there is no folder ${files.path('none')}`);
    expectRefusal(fit(HISTORY, '--model', START, '--out', files.dir), `--out ${files.dir} is a folder; give a file name, e.g. ${files.path('fitted.json')}`);
    expectRefusal(fit(HISTORY, '--model', START, '--out', `./${HISTORY}`), `--out ./${HISTORY} is the input file ${HISTORY}; write the output to another file`);
  });
});

describe('fit: the example history', () => {
  const argv = [HISTORY, '--model', START, '--starts', '1'];
  let json: CliRun;
  let text: CliRun;
  let csv: CliRun;
  beforeAll(() => {
    json = fit(...argv, '--format', 'json', '--out', files.path('fitted.json'));
    text = fit(...argv, '--out', files.path('kept.json'));
    csv = fit(...argv, '--format', 'csv');
  });

  it('json: what the engine returns for the same history and options, in the issue\'s shape; the model written is the printed one', () => {
    expect(json.exitCode).toBe(0);
    expect(json.stderr).toBe(`Fitted model written to ${files.path('fitted.json')}\n`);
    const printed = JSON.parse(json.stdout);
    const start = loadModel(START, []);
    const expected = JSON.parse(JSON.stringify(fitJson(fitHistory(readHistory(historyText, start), start, { starts: 1, source: 'consumer-history.csv' }))));
    expect({ ...printed, ms: 0 }).toEqual({ ...expected, ms: 0 });
    expect(Object.keys(printed)).toEqual(['model', 'fit', 'periods', 'drivers', 'parameters', 'warnings', 'ms']);
    // 156 weeks, the default holdout of 13 weeks.
    expect(printed.periods).toHaveLength(156);
    expect(printed.fit.holdout.periods).toBe(13);
    expect(printed.periods.filter((period: { holdout: boolean }) => period.holdout)).toHaveLength(13);
    expect(Object.keys(printed.periods[0])).toEqual([
      'date', 'actual', 'fitted', 'lower', 'upper', 'holdout', 'base', 'TV', 'Online video', 'Sponsorship', 'Search', 'Social', 'Retail media', 'price', 'promotion', 'interaction',
    ]);
    expect(printed.periods[0].date).toBe('2023-01-02');
    expect(printed.periods[0].actual).toBe(Number(historyLines[1].split(',')[column('revenue')]));
    expect(JSON.parse(readFileSync(files.path('fitted.json'), 'utf8'))).toEqual(printed.model);
    expect(readdirSync(files.dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('--out writes a model that budget-sim validate accepts, pretty-printed like the models in models/', () => {
    const written = readFileSync(files.path('fitted.json'), 'utf8');
    expect(written.startsWith('{\n  "')).toBe(true);
    expect(written.endsWith('}\n')).toBe(true);
    const validated = runInProcess(['validate', files.path('fitted.json')]);
    expect(validated.exitCode).toBe(0);
    expect(validated.stdout).toMatch(/^OK: /);
  });

  it('text: the figures, the settings, the drivers, the warnings, and where the model went (replacing the old file)', () => {
    expect(text.exitCode).toBe(0);
    expect(text.stderr).toBe('');
    const lines = text.stdout.split('\n');
    expect(lines[0]).toBe(`Fit of ${loadModel(START, []).name} to ${HISTORY}`);
    expect(lines[1]).toBe('156 weekly periods, 2023-01-02 to 2025-12-22; the last 13 weeks (from 2025-09-29) held out to check the fit, then refitted on all 156.');
    const printed = JSON.parse(json.stdout);
    const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
    expect(lines[4].trim().split(/ +/)).toEqual(['Training', printed.fit.train.r2.toFixed(3), percent(printed.fit.train.nrmse), percent(printed.fit.train.mape)]);
    expect(lines[5].trim().split(/ +/)).toEqual(['Holdout', '(13)', printed.fit.holdout.r2.toFixed(3), percent(printed.fit.holdout.nrmse), percent(printed.fit.holdout.mape)]);
    for (const parameter of printed.parameters) expect(text.stdout).toContain(` (${parameter.path})   `);
    expect(text.stdout).toMatch(/\n {2}promotion=discount +\+\d+\.\d%/);
    expect(text.stdout).toContain('\nWarnings\n');
    expect(text.stdout.endsWith(`Fitted model written to ${files.path('kept.json')}.\n`)).toBe(true);
    expect(readFileSync(files.path('kept.json'), 'utf8')).toBe(readFileSync(files.path('fitted.json'), 'utf8'));
  });

  it('csv: a row per period with the json\'s period values', () => {
    expect(csv.exitCode).toBe(0);
    const lines = csv.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(157);
    const printed = JSON.parse(json.stdout);
    expect(lines[0]).toBe(Object.keys(printed.periods[0]).join(','));
    expect(lines[156].split(',').map((cell, index) => (index === 0 || index === 5 ? cell : Number(cell))))
      .toEqual(Object.values(printed.periods[155]).map((value) => (typeof value === 'boolean' ? String(value) : value)));
  });
});

describe('fit as a user runs it', () => {
  it('a bad history: status 2, one message with the row and column, no stack trace', async () => {
    const run = await runSubprocess(['fit', files.path('negative-spend.csv'), '--model', START, '--out', files.path('never.json')]);
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(new RegExp(`^${files.path('negative-spend.csv').replace(/[.\\/]/g, '\\$&')}: row 7, column "TV": .+\\n$`));
    expect(run.stderr).not.toMatch(STACK_LINE);
    expect(existsSync(files.path('never.json'))).toBe(false);
  });
});
