import { describe, expect, it } from 'vitest';
import { cliErrorMessage as messageOf } from './cli-harness.ts';
import { parseCommandArgs, type OptionSpec } from '../../src/cli/args.ts';
import { parseNumberOption, parseWholeNumberOption } from '../../src/cli/number-option.ts';

const specs: OptionSpec[] = [
  { name: 'set', valueName: 'path=value', repeatable: true },
  { name: 'format', valueName: 'json|csv' },
  { name: 'from', valueName: 'A' },
  { name: 'verbose' },
];

const parse = (argv: string[]) => parseCommandArgs(argv, specs, 'simulate');
describe('parseCommandArgs', () => {
  it('separates positionals, values and flags', () => {
    const args = parse(['a.json', '--format', 'csv', '--verbose', 'b.json']);
    expect(args.positionals).toEqual(['a.json', 'b.json']);
    expect(args.values.get('format')).toEqual(['csv']);
    expect(args.flags.has('verbose')).toBe(true);
  });

  it('accepts --name=value, including values that contain "="', () => {
    expect(parse(['--set=name=My plan']).values.get('set')).toEqual(['name=My plan']);
  });

  it('keeps every value of a repeatable option in order', () => {
    expect(parse(['--set', 'a=1', '--set', 'b=2']).values.get('set')).toEqual(['a=1', 'b=2']);
  });

  it('takes a negative number as a value', () => {
    expect(parse(['--from', '-0.5']).values.get('from')).toEqual(['-0.5']);
  });

  it('treats everything after -- as positional', () => {
    expect(parse(['--', '--format']).positionals).toEqual(['--format']);
  });

  it('names an unknown option and suggests the closest', () => {
    expect(messageOf(() => parse(['--formt', 'csv']))).toBe('unknown option --formt for simulate; did you mean --format?');
  });

  it('lists the options when nothing is close to an unknown one', () => {
    expect(messageOf(() => parse(['--zzzzzzzz']))).toMatch(/options are --set, --format, --from, --verbose, --help/);
  });

  it('refuses short options other than -h', () => {
    expect(messageOf(() => parse(['-f', 'csv']))).toMatch(/unknown option -f for simulate/);
  });

  it('reports a missing value at the end or before another option', () => {
    expect(messageOf(() => parse(['--format']))).toBe('option --format needs a value (--format json|csv)');
    expect(messageOf(() => parse(['--format', '--set', 'a=1']))).toBe('option --format needs a value (--format json|csv)');
  });

  it('refuses an option given twice unless it is repeatable', () => {
    expect(messageOf(() => parse(['--format', 'csv', '--format', 'json']))).toMatch(/--format was given more than once/);
  });

  it('refuses a value given to a flag', () => {
    expect(messageOf(() => parse(['--verbose=yes']))).toMatch(/--verbose takes no value/);
  });
});

describe('number options', () => {
  it('reads decimal numbers', () => {
    expect(parseNumberOption('from', '-0.5')).toBe(-0.5);
    expect(parseNumberOption('from', '1e6')).toBe(1e6);
    expect(parseNumberOption('to', '.25')).toBe(0.25);
  });

  it.each(['', 'abc', '0x10', 'Infinity', '1e999', '1,5'])('refuses %j, naming the option', (text) => {
    expect(messageOf(() => parseNumberOption('from', text))).toBe(`--from must be a number, got '${text}'`);
  });

  it('reads whole numbers within a range and refuses others', () => {
    expect(parseWholeNumberOption('steps', '101', 2, 10_000)).toBe(101);
    for (const text of ['1', '2.5', 'ten', '10001']) {
      expect(messageOf(() => parseWholeNumberOption('steps', text, 2, 10_000))).toBe(`--steps must be a whole number from 2 to 10000, got '${text}'`);
    }
  });
});
