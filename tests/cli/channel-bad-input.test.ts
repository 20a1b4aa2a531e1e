import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, STACK_LINE, inBatches, runInProcess, runSubprocessWith, temporaryFiles } from './cli-harness.ts';

// Issue 11's list of bad channel files, each the valid fixture with one rule of spec 9.1 broken:
// every command that reads a model must exit 2 with a message naming the field, and no stack
// trace. (The rules are parseModel's, tested one by one in tests/engine/parse-channels.test.ts;
// this checks that every command path shows them.)
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const fixture = (): Json => JSON.parse(readFileSync(`${PROJECT_ROOT}tests/cli/fixtures/channel-brand.json`, 'utf8'));

/** The channels object with one channel renamed, in place of the old name (order kept). */
const renamed = (channels: Json, from: string, to: string): Json => {
  const result: Json = {};
  for (const [name, channel] of Object.entries(channels)) Object.defineProperty(result, name === from ? to : name, { value: channel, enumerable: true, writable: true, configurable: true });
  return result;
};

const downstreamChannel = (share: number) => ({ share, historyPerMonth: 1000, halfLifeMonths: 0.5, halfSaturation: 7000, shape: 1.2, maxConversionLift: 0.006 });

/** Each case: how to break the fixture, and what the message must name. */
const cases: Record<string, { change: (input: Json) => void; names: RegExp }> = {
  'a name with a dot': { change: (input) => { input.upstream.channels = renamed(input.upstream.channels, 'TV', 'TV.Brand'); }, names: /upstream\.channels\b.*"TV\.Brand"/ },
  '__proto__ as a name': { change: (input) => { input.downstream.channels = renamed(input.downstream.channels, 'Social', '__proto__'); }, names: /downstream\.channels\b.*"__proto__"/ },
  'the same name on both sides': { change: (input) => { input.downstream.channels = renamed(input.downstream.channels, 'Social', 'TV'); }, names: /downstream\.channels\b.*"TV"/ },
  '13 channels': {
    change: (input) => { input.downstream.channels = Object.fromEntries(Array.from({ length: 13 }, (_, index) => [`Channel ${index + 1}`, downstreamChannel(index === 0 ? 0.25 : 1 / 16)])); },
    names: /downstream\.channels must have at most 12 channels, got 13/,
  },
  'shares summing to 0.9': { change: (input) => { input.upstream.channels.TV.share = 0.6; }, names: /upstream\.channels\.TV\.share must sum to 1/ },
  'β summing to 1.1': { change: (input) => { input.upstream.channels.TV.maxEquityShare = 0.8; }, names: /upstream\.channels\.TV\.maxEquityShare must sum to 1/ },
  'a plan without one channel': {
    change: (input) => { const row = Array.from({ length: 36 }, () => 10000); input.plan = { TV: row, Sponsorship: row, Search: row }; },
    names: /plan\.Social is required/,
  },
  'a history in channel form': { change: (input) => { input.history = { upstreamPerMonth: 50000, downstreamPerMonth: 50000 }; }, names: /\bhistory must be left out/ },
  'a mixed file': {
    change: (input) => { input.downstream = { halfLifeMonths: 0.5, halfSaturation: 15000, shape: 1.5, maxConversionLift: 0.015 }; },
    names: /\bdownstream must be in the channel form/,
  },
  'a shortTerm with a negative half-life': { change: (input) => { input.upstream.channels.TV.shortTerm.halfLifeMonths = -1; }, names: /upstream\.channels\.TV\.shortTerm\.halfLifeMonths must be > 0, got -1/ },
  'a name of 61 characters': { change: (input) => { input.upstream.channels = renamed(input.upstream.channels, 'Sponsorship', 'S'.repeat(61)); }, names: /upstream\.channels\b.*at most 60 characters, got 61/ },
};

const files = temporaryFiles(Object.fromEntries(Object.entries(cases).map(([name, { change }]) => {
  const input = fixture();
  change(input);
  return [`${name.replace(/[^A-Za-z0-9]+/g, '-')}.json`, JSON.stringify(input)];
})));
afterAll(() => files.remove());
const fileFor = (name: string) => files.path(`${name.replace(/[^A-Za-z0-9]+/g, '-')}.json`);

/** Every command that reads a model, with the arguments it needs around the file. */
const COMMANDS: Record<string, (file: string) => string[]> = {
  simulate: (file) => ['simulate', file],
  'simulate --format csv': (file) => ['simulate', file, '--format', 'csv'],
  compare: (file) => ['compare', 'tests/cli/fixtures/channel-brand.json', file],
  sweep: (file) => ['sweep', file, '--param', 'budget.perYear', '--from', '1e6', '--to', '2e6', '--steps', '2'],
  validate: (file) => ['validate', file],
  montecarlo: (file) => ['montecarlo', file, '--draws', '10'],
  sensitivity: (file) => ['sensitivity', file],
  optimize: (file) => ['optimize', file],
  frontier: (file) => ['frontier', file, '--from', '0.5', '--to', '1.5', '--steps', '3'],
};

describe('a channel file with one rule of spec 9.1 broken: every command exits 2 naming the field', () => {
  const table = Object.keys(cases).flatMap((name) => Object.keys(COMMANDS).map((command) => [name, command] as const));
  it.each(table)('%s: %s', (name, command) => {
    const file = fileFor(name);
    const run = runInProcess(COMMANDS[command](file));
    expect(run.exitCode, run.stderr).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(cases[name].names);
    // Each problem line starts with the file it is in.
    expect(run.stderr.split('\n').filter((line) => cases[name].names.test(line))[0].startsWith(`${file}: `)).toBe(true);
    expect(run.stderr).not.toMatch(STACK_LINE);
    expect(run.stderr).not.toMatch(/internal error/);
  });

  it('sweeping a channel share of a file with a broken rule names that rule (the share that it rescales aside)', () => {
    const run = runInProcess(['sweep', fileFor('a shortTerm with a negative half-life'), '--param', 'upstream.channels.TV.share', '--from', '0', '--to', '1', '--steps', '2']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/^sweep value 0 \(--from\) for upstream.channels.TV.share gives an invalid model:\n.*upstream\.channels\.TV\.shortTerm\.halfLifeMonths must be > 0/);
  });

  it('as a program (a subprocess), too: status 2, the field named, no stack trace', async () => {
    const names = ['__proto__ as a name', 'shares summing to 0.9', 'a mixed file'];
    const runs = await inBatches(names.map((name) => () => runSubprocessWith(['simulate', fileFor(name)], { timeoutMs: 20_000 })), 2);
    runs.forEach((run, index) => {
      expect(run.exitCode, run.stderr).toBe(2);
      expect(run.stderr).toMatch(cases[names[index]].names);
      expect(run.stderr).not.toMatch(STACK_LINE);
    });
  }, 60_000);
});
