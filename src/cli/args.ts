import { CliError } from './cli-error.ts';
import { printableText } from './printable.ts';
import { closestName } from './closest-name.ts';

/** An option a command accepts, always written in long form: `--name value` or `--name=value`. */
export interface OptionSpec {
  /** Long name without the dashes, e.g. `format`. */
  name: string;
  /** Placeholder shown in messages, e.g. `json|csv|table`. Options without one are flags. */
  valueName?: string;
  /** Whether the option may be given more than once (each value is kept, in order). */
  repeatable?: boolean;
}

/** A command's arguments, split into positionals and options. */
export interface ParsedArgs {
  positionals: string[];
  /** Every value of each option that takes one, in the order given. */
  values: ReadonlyMap<string, readonly string[]>;
  /** Flags that were present. */
  flags: ReadonlySet<string>;
}

/**
 * Splits a command's arguments (everything after the command name) by its option specs.
 *
 * Hand-written rather than `node:util` parseArgs so that every message is ours and names the
 * option. A value is the next argument unless that starts with `--` (then the value is missing);
 * values that start with a single dash, such as `--from -0.5`, are accepted. `--` ends the
 * options; everything after it is positional.
 *
 * @param command the command's name, used in messages
 * @throws {CliError} for an unknown option (with a suggestion), a missing value, a value given
 *   to a flag, or an option that may appear once given twice
 * @example parseCommandArgs(['m.json', '--format', 'csv'], [{ name: 'format', valueName: 'json|csv' }], 'simulate')
 */
export function parseCommandArgs(argv: readonly string[], specs: readonly OptionSpec[], command: string): ParsedArgs {
  const positionals: string[] = [];
  const values = new Map<string, string[]>();
  const flags = new Set<string>();
  let optionsEnded = false;

  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index];
    if (optionsEnded || argument === '-' || !argument.startsWith('-') || /^-[\d.]/.test(argument)) {
      positionals.push(argument);
      continue;
    }
    if (argument === '--') {
      optionsEnded = true;
      continue;
    }
    if (!argument.startsWith('--')) {
      throw new CliError(`unknown option ${printableText(argument)} for ${command}; options are written in full, e.g. --format (see budget-sim ${command} --help)`);
    }

    const equals = argument.indexOf('=');
    const name = argument.slice(2, equals === -1 ? undefined : equals);
    const inlineValue = equals === -1 ? undefined : argument.slice(equals + 1);
    const spec = specs.find((candidate) => candidate.name === name);
    if (spec === undefined) throw unknownOption(name, specs, command);

    if (spec.valueName === undefined) {
      if (inlineValue !== undefined) throw new CliError(`option --${name} takes no value, got --${name}=${printableText(inlineValue)}`);
      flags.add(name);
      continue;
    }

    let value = inlineValue;
    if (value === undefined) {
      const next = argv[index + 1];
      if (next === undefined || next.startsWith('--')) {
        throw new CliError(`option --${name} needs a value (--${name} ${spec.valueName})`);
      }
      value = next;
      index += 1;
    }
    const earlier = values.get(name) ?? [];
    if (earlier.length > 0 && !spec.repeatable) {
      throw new CliError(`option --${name} was given more than once (${printableText(earlier[0])}, then ${printableText(value)}); give it once`);
    }
    values.set(name, [...earlier, value]);
  }
  return { positionals, values, flags };
}

/**
 * The single value of an option that may appear once, or undefined when it was not given.
 * @example optionValue(args, 'format') // 'csv'
 */
export function optionValue(args: ParsedArgs, name: string): string | undefined {
  return args.values.get(name)?.[0];
}

/**
 * The value of an option the command cannot run without.
 * @throws {CliError} naming the option and the command when it is absent
 */
export function requiredOptionValue(args: ParsedArgs, name: string, command: string): string {
  const value = optionValue(args, name);
  if (value === undefined) throw new CliError(`${command} needs --${name} (see budget-sim ${command} --help)`);
  return value;
}

function unknownOption(name: string, specs: readonly OptionSpec[], command: string): CliError {
  const known = [...specs.map((spec) => spec.name), 'help'];
  const suggestion = closestName(name, known);
  const hint = suggestion === undefined
    ? `options are ${known.map((option) => `--${option}`).join(', ')}`
    : `did you mean --${suggestion}?`;
  return new CliError(`unknown option --${printableText(name)} for ${command}; ${hint}`);
}
