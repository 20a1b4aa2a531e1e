import type { OptionSpec, ParsedArgs } from '../args.ts';
import type { ExitCode } from '../cli-error.ts';
import type { CliOutput } from '../cli-output.ts';

/** A subcommand of budget-sim: its name, its help, the options it takes and what it does. */
export interface Command {
  name: string;
  /** One line for the overall help's list of commands. */
  summary: string;
  /** Full help: usage, options, examples. Ends with "\n". */
  help: string;
  /** Options besides --help, which every command has. */
  options: readonly OptionSpec[];
  /**
   * Runs with arguments already split by `options`; writes results to stdout.
   * @throws {CliError} for invalid input; anything else thrown is a bug
   */
  run(args: ParsedArgs, output: CliOutput): ExitCode;
}
