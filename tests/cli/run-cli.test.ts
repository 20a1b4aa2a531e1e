import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { PERIOD_FIELDS, parseModel, simulate } from '../../src/engine/index.ts';
import type { Command } from '../../src/cli/commands/index.ts';
import { COMMANDS } from '../../src/cli/commands/index.ts';
import { PROJECT_ROOT, STACK_LINE, runInProcess, temporaryFiles } from './cli-harness.ts';

const engineResult = simulate(parseModel(JSON.parse(readFileSync(`${PROJECT_ROOT}models/default.json`, 'utf8'))));

describe('simulate', () => {
  it('--format json prints { model, periods, summary, marginalRoi } equal to the engine result exactly', () => {
    const run = runInProcess(['simulate', 'models/default.json', '--format', 'json']);
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toBe('');
    const printed = JSON.parse(run.stdout);
    expect(Object.keys(printed)).toEqual(['model', 'periods', 'summary', 'marginalRoi']);
    expect(printed.model).toBe('Consumer brand (default)');
    expect(printed.summary).toStrictEqual(engineResult.summary);
    expect(printed.periods).toStrictEqual(engineResult.periods);
    expect(Object.keys(printed.periods[0])).toEqual([...PERIOD_FIELDS, 'spend']);
    expect(run.stdout).toMatch(/^\{\n {2}"model"/);
  });

  it('prints the table by default', () => {
    const run = runInProcess(['simulate', 'models/default.json']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^Consumer brand \(default\)\nHorizon: 3 years/);
  });

  it('applies --set before validation', () => {
    const run = runInProcess(['simulate', 'models/default.json', '--set', 'horizonYears=5', '--set', 'name=My plan', '--format', 'json']);
    const printed = JSON.parse(run.stdout);
    expect(printed.model).toBe('My plan');
    expect(printed.periods).toHaveLength(60);
  });

  it('reports every problem an override causes, prefixed by the file', () => {
    const run = runInProcess(['simulate', 'models/default.json', '--set', 'horizonYears=9', '--set', 'budget.upstreamShare=2']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toBe([
      'models/default.json: horizonYears must be a whole number from 1 to 5, got 9',
      'models/default.json: budget.upstreamShare must be between 0 and 1, got 2',
      '',
    ].join('\n'));
  });

  it('takes exactly one model file', () => {
    expect(runInProcess(['simulate']).stderr).toMatch(/simulate needs a model file/);
    expect(runInProcess(['simulate', 'a.json', 'b.json']).stderr).toMatch(/simulate takes one model file, got 2 \(a.json, b.json\)/);
  });
});

describe('validate', () => {
  const files = temporaryFiles({ 'bad.json': JSON.stringify({ name: 'Bad', periodsPerYear: 7 }) });
  afterAll(() => files.remove());

  it('prints OK with the name and path', () => {
    expect(runInProcess(['validate', 'models/default.json'])).toEqual({
      exitCode: 0, stdout: 'OK: Consumer brand (default) (models/default.json)\n', stderr: '',
    });
  });

  it('prints every problem on stderr, one per line, and exits 2', () => {
    const run = runInProcess(['validate', files.path('bad.json')]);
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(3);
    expect(lines[0]).toBe(`${files.path('bad.json')}: periodsPerYear must be 12 (monthly), 4 (quarterly) or 52 (weekly), got 7`);
    for (const line of lines) expect(line.startsWith(`${files.path('bad.json')}: `)).toBe(true);
  });

  it('passes over the JSON Schema of model files, so models/*.json checks in one go', () => {
    const run = runInProcess(['validate', 'models/default.json', 'models/model.schema.json']);
    expect(run).toEqual({
      exitCode: 0,
      stdout: 'OK: Consumer brand (default) (models/default.json)\nSKIP: models/model.schema.json is a JSON Schema (it describes model files), not a model\n',
      stderr: '',
    });
  });

  it('checks every file it is given', () => {
    const run = runInProcess(['validate', files.path('bad.json'), 'models/default.json']);
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe('OK: Consumer brand (default) (models/default.json)\n');
  });
});

describe('dispatch and help', () => {
  it('prints the overall help for --help, -h and help, on stdout', () => {
    for (const argument of ['--help', '-h', 'help']) {
      const run = runInProcess([argument]);
      expect(run.exitCode).toBe(0);
      expect(run.stdout).toMatch(/^Usage: budget-sim <command> \[options\]/);
      for (const command of COMMANDS) expect(run.stdout).toContain(`  ${command.name}`);
    }
  });

  it('prints the overall help on stderr and exits 2 with no arguments', () => {
    const run = runInProcess([]);
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^Usage: budget-sim/);
  });

  it.each(COMMANDS.map((command) => [command.name]))('%s --help shows usage, options and an example', (name) => {
    for (const argv of [[name, '--help'], [name, '-h'], ['help', name], [name, 'models/x.json', '--bogus', '--help']]) {
      const run = runInProcess(argv);
      expect(run.exitCode).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^Usage: budget-sim ${name} `));
      expect(run.stdout).toMatch(/\nOptions:\n/);
      expect(run.stdout).toMatch(/\nExamples:\n {2}budget-sim /);
    }
  });

  it('suggests the closest command for an unknown one', () => {
    const run = runInProcess(['simualte', 'models/default.json']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toBe("unknown command 'simualte'; did you mean simulate? commands are simulate, sweep, compare, optimize, frontier, montecarlo, sensitivity, fit, validate, schema\n");
  });

  it('does not suggest a command that is not close', () => {
    expect(runInProcess(['frobnicate']).stderr).toBe("unknown command 'frobnicate'; commands are simulate, sweep, compare, optimize, frontier, montecarlo, sensitivity, fit, validate, schema\n");
  });

  it('refuses an option before the command', () => {
    expect(runInProcess(['--format', 'json']).stderr).toMatch(/^expected a command before --format/);
  });
});

describe('error boundary', () => {
  const failing: Command = {
    name: 'explode',
    summary: 'fails',
    help: 'Usage: budget-sim explode\n',
    options: [],
    run() {
      throw new TypeError("Cannot read properties of undefined (reading 'x')\nsecond line");
    },
  };

  it('reports an unexpected error in one line with exit 1 and no stack trace', () => {
    const run = runInProcess(['explode'], { commands: [failing], env: {} });
    expect(run.exitCode).toBe(1);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^internal error: Cannot read properties of undefined \(reading 'x'\)/);
    expect(run.stderr).not.toMatch(STACK_LINE);
  });

  it('shows the stack trace when BUDGET_SIM_DEBUG=1', () => {
    const run = runInProcess(['explode'], { commands: [failing], env: { BUDGET_SIM_DEBUG: '1' } });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(STACK_LINE);
  });
});
