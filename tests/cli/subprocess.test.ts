// The CLI as a user runs it: a real process, real exit codes, real streams. Each run costs about
// half a second, so the runs are started together (two at a time) before the checks.
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERIOD_FIELDS, parseModel, simulate } from '../../src/engine/index.ts';
import { MAX_MODEL_FILE_BYTES } from '../../src/cli/read-model-file.ts';
import { PROJECT_ROOT, STACK_LINE, inBatches, runSubprocess, temporaryFiles, type CliRun } from './cli-harness.ts';

const defaultText = readFileSync(`${PROJECT_ROOT}models/default.json`, 'utf8');
const defaultJson = JSON.parse(defaultText);
const files = temporaryFiles({
  'variant.json': JSON.stringify({ ...defaultJson, name: 'Upstream heavy', budget: { ...defaultJson.budget, upstreamShare: 0.7 } }),
  'empty.json': '',
  'broken.json': '{\n  "name": "Broken",\n  "horizonYears": 3,,\n}\n',
  'invalid.json': JSON.stringify({ ...defaultJson, horizonYears: 0, economics: { ...defaultJson.economics, margin: 2 } }),
});
writeFileSync(files.path('huge.json'), Buffer.alloc(MAX_MODEL_FILE_BYTES + 1024, 0x20));
afterAll(() => files.remove());

/** A run that must succeed: what to run and what to check. */
interface Success { argv: string[]; pipe?: string; check: (run: CliRun) => void }

const successes: Record<string, Success> = {
  'simulate prints the table': {
    argv: ['simulate', 'models/default.json'],
    check: (run) => {
      expect(run.stdout).toMatch(/^Consumer brand \(default\)\nHorizon: 3 years, 36 monthly periods\n/);
      expect(run.stdout).toMatch(/Key figures\n {2}Marketing NPV with carryover\s+[\d,]+\n/);
      expect(run.stdout).toMatch(/\n {2}Total spend\s+3,600,000\n/);
      expect(run.stdout).not.toMatch(/NaN|undefined|null/);
    },
  },
  'simulate --format json equals the engine result': {
    argv: ['simulate', 'models/default.json', '--format', 'json'],
    check: (run) => {
      const expected = simulate(parseModel(defaultJson));
      const printed = JSON.parse(run.stdout);
      expect(printed.summary).toStrictEqual(expected.summary);
      expect(printed.periods).toStrictEqual(expected.periods);
    },
  },
  'simulate --format csv prints a header and one row per period': {
    argv: ['simulate', 'models/default.json', '--format', 'csv', '--set', 'horizonYears=2'],
    check: (run) => {
      const lines = run.stdout.trimEnd().split('\n');
      expect(lines[0]).toBe(['period', ...PERIOD_FIELDS].join(','));
      expect(lines).toHaveLength(25);
    },
  },
  'simulate csv piped into head stops quietly': {
    argv: ['simulate', 'models/default.json', '--format', 'csv', '--set', 'periodsPerYear=52', '--set', 'horizonYears=5'],
    pipe: 'head -1',
    check: (run) => expect(run.stdout).toBe(`period,${PERIOD_FIELDS.join(',')}\n`),
  },
  'sweep finds the best share for a 5-year horizon above one half': {
    argv: ['sweep', 'models/default.json', '--param', 'budget.upstreamShare', '--from', '0', '--to', '1', '--steps', '101', '--set', 'horizonYears=5'],
    check: (run) => {
      const { points } = JSON.parse(run.stdout) as { points: { value: number; summary: { npvWithCarryover: number } }[] };
      expect(points).toHaveLength(101);
      const best = points.reduce((a, b) => (b.summary.npvWithCarryover > a.summary.npvWithCarryover ? b : a));
      expect(best.value).toBeGreaterThan(0.5);
    },
  },
  'compare prints a table with a "vs" column': {
    argv: ['compare', 'models/default.json', files.path('variant.json')],
    check: (run) => {
      expect(run.stdout).toMatch(/Upstream heavy\s+vs Consumer brand \(default\)/);
      expect(run.stdout).toMatch(/\nMarketing NPV with carryover\s+[\d,]+\s+[\d,]+\s+[+-][\d,]+ \([+-][\d.]+%\)/);
    },
  },
  'compare --format json': {
    argv: ['compare', 'models/default.json', files.path('variant.json'), '--format', 'json'],
    check: (run) => expect(JSON.parse(run.stdout).scenarios[1].model).toBe('Upstream heavy'),
  },
  'validate prints OK': {
    argv: ['validate', 'models/default.json'],
    check: (run) => expect(run.stdout).toBe('OK: Consumer brand (default) (models/default.json)\n'),
  },
  '--help prints the overall help': {
    argv: ['--help'],
    check: (run) => expect(run.stdout).toMatch(/^Usage: budget-sim <command>[\s\S]*simulate[\s\S]*sweep[\s\S]*compare[\s\S]*validate/),
  },
  'simulate --help': { argv: ['simulate', '--help'], check: (run) => expect(run.stdout).toMatch(/^Usage: budget-sim simulate <model.json>/) },
  'sweep -h': { argv: ['sweep', '-h'], check: (run) => expect(run.stdout).toMatch(/^Usage: budget-sim sweep <model.json> --param PATH/) },
  'help compare': { argv: ['help', 'compare'], check: (run) => expect(run.stdout).toMatch(/^Usage: budget-sim compare <a.json> <b.json>/) },
  'validate --help': { argv: ['validate', '--help'], check: (run) => expect(run.stdout).toMatch(/^Usage: budget-sim validate <model.json>/) },
};

/** Invalid input: the arguments and what stderr must say. Each must exit 2 with nothing on stdout. */
const failures: Record<string, { argv: string[]; stderr: string | RegExp }> = {
  'no arguments (help on stderr)': { argv: [], stderr: /^Usage: budget-sim <command>/ },
  'a missing file': { argv: ['simulate', 'models/x.json'], stderr: 'cannot read models/x.json: no such file\n' },
  'a directory': { argv: ['simulate', 'models'], stderr: 'models is a directory, not a model file\n' },
  'an empty file': { argv: ['simulate', files.path('empty.json')], stderr: `${files.path('empty.json')} is empty\n` },
  'bad JSON': {
    argv: ['simulate', files.path('broken.json')],
    stderr: `${files.path('broken.json')} is not valid JSON: line 3, column 21: expected double-quoted property name\n`,
  },
  'a file over 5 MB': { argv: ['validate', files.path('huge.json')], stderr: `${files.path('huge.json')} is 5.0 MB; model files larger than 5 MB are refused\n` },
  'a model that fails validation': {
    argv: ['validate', files.path('invalid.json')],
    stderr: `${files.path('invalid.json')}: horizonYears must be a whole number from 1 to 5, got 0\n${files.path('invalid.json')}: economics.margin must be between 0 and 1, got 2\n`,
  },
  'an unknown command': { argv: ['simulat', 'models/default.json'], stderr: /^unknown command 'simulat'; did you mean simulate\?/ },
  'an unknown option': { argv: ['simulate', 'models/default.json', '--fromat', 'json'], stderr: 'unknown option --fromat for simulate; did you mean --format?\n' },
  'a missing option value': { argv: ['sweep', 'models/default.json', '--param'], stderr: 'option --param needs a value (--param PATH)\n' },
  '--set without "="': { argv: ['simulate', 'models/default.json', '--set', 'horizonYears'], stderr: /^--set needs path=value, got 'horizonYears'/ },
  '--set with an empty path': { argv: ['simulate', 'models/default.json', '--set', '=5'], stderr: /^--set '=5' has no path before '='/ },
  '--set through __proto__': { argv: ['simulate', 'models/default.json', '--set', '__proto__.polluted=1'], stderr: /'__proto__', which is not allowed/ },
  'a non-numeric --from': {
    argv: ['sweep', 'models/default.json', '--param', 'budget.upstreamShare', '--from', 'low', '--to', '1', '--steps', '3'],
    stderr: "--from must be a number, got 'low'\n",
  },
  'a non-numeric --steps': {
    argv: ['sweep', 'models/default.json', '--param', 'budget.upstreamShare', '--from', '0', '--to', '1', '--steps', 'ten'],
    stderr: "--steps must be a whole number from 2 to 10000, got 'ten'\n",
  },
  'a sweep value that makes the model invalid': {
    argv: ['sweep', 'models/default.json', '--param', 'horizonYears', '--from', '0', '--to', '5', '--steps', '6'],
    stderr: /^sweep value 0 \(--from\) for horizonYears gives an invalid model:\n/,
  },
  'an unknown --format': { argv: ['simulate', 'models/default.json', '--format', 'xml'], stderr: "unknown format 'xml' for simulate; choose table, json or csv\n" },
};

const runs = new Map<string, CliRun>();

beforeAll(async () => {
  const cases = [
    ...Object.entries(successes).map(([name, success]) => [name, success.argv, success.pipe] as const),
    ...Object.entries(failures).map(([name, failure]) => [name, failure.argv, undefined] as const),
  ];
  const results = await inBatches(cases.map(([, argv, pipe]) => () => runSubprocess(argv, pipe)), 2);
  cases.forEach(([name], index) => runs.set(name, results[index]));
}, 120_000);

describe('budget-sim in a subprocess: success', () => {
  it.each(Object.keys(successes))('%s (exit 0, nothing on stderr)', (name) => {
    const run = runs.get(name)!;
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    successes[name].check(run);
  });
});

describe('budget-sim in a subprocess: invalid input exits 2 with one clear message and no stack trace', () => {
  it.each(Object.keys(failures))('%s', (name) => {
    const run = runs.get(name)!;
    const expected = failures[name].stderr;
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe('');
    if (typeof expected === 'string') expect(run.stderr).toBe(expected);
    else expect(run.stderr).toMatch(expected);
    expect(run.stderr).not.toMatch(STACK_LINE);
  });
});
