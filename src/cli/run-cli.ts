import { parseCommandArgs } from './args.ts';
import { CliError, type ExitCode } from './cli-error.ts';
import type { CliOutput } from './cli-output.ts';
import { closestName } from './closest-name.ts';
import { COMMANDS, type Command } from './commands/index.ts';
import { overallHelp } from './help.ts';
import { printableOutput, printableText } from './printable.ts';

/** What `runCli` may be given besides the arguments. */
export interface RunOptions {
  /** Environment variables; only BUDGET_SIM_DEBUG is read. */
  env?: Readonly<Record<string, string | undefined>>;
  /** The commands to dispatch to; tests substitute their own. */
  commands?: readonly Command[];
}

const HELP_FLAGS: ReadonlySet<string> = new Set(['--help', '-h']);

/**
 * Runs budget-sim with the arguments after the program name, writing to `output`, and returns
 * the exit status. This is the error boundary: a `CliError` becomes its message on stderr and
 * status 2; any other error is a bug, reported in one line with status 1 (with its stack trace
 * only when BUDGET_SIM_DEBUG=1). Nothing escapes.
 *
 * @example runCli(['simulate', 'models/default.json', '--format', 'json'], captureOutput())
 */
export function runCli(argv: readonly string[], rawOutput: CliOutput, options: RunOptions = {}): ExitCode {
  const commands = options.commands ?? COMMANDS;
  // The output boundary: whatever a command writes, control characters from a model file or an
  // argument (an escape sequence that clears the screen, a carriage return that draws a fake
  // "OK") reach the terminal as visible escapes. Applied here so that no command can forget it.
  const output: CliOutput = {
    stdout: (text) => rawOutput.stdout(printableOutput(text)),
    stderr: (text) => rawOutput.stderr(printableOutput(text)),
  };
  try {
    return dispatch(argv, output, commands);
  } catch (error) {
    if (error instanceof CliError) {
      output.stderr(`${error.message}\n`);
      return 2;
    }
    if (options.env?.BUDGET_SIM_DEBUG === '1' && error instanceof Error && error.stack !== undefined) {
      output.stderr(`internal error: ${error.stack}\n`);
    } else {
      const message = error instanceof Error ? error.message : String(error);
      output.stderr(`internal error: ${message.split('\n')[0]} (this is a bug in budget-sim; BUDGET_SIM_DEBUG=1 shows details)\n`);
    }
    return 1;
  }
}

function dispatch(argv: readonly string[], output: CliOutput, commands: readonly Command[]): ExitCode {
  const [first, ...rest] = argv;
  if (first === undefined) {
    // No command is a usage mistake: help goes to stderr and the status says something is wrong.
    output.stderr(overallHelp(commands));
    return 2;
  }
  if (HELP_FLAGS.has(first) || first === 'help') {
    const topic = first === 'help' ? rest[0] : undefined;
    output.stdout(topic === undefined ? overallHelp(commands) : findCommand(topic, commands).help);
    return 0;
  }
  if (first.startsWith('-')) {
    throw new CliError(`expected a command before ${first}; commands are ${commandNames(commands)} (see budget-sim --help)`);
  }

  const command = findCommand(first, commands);
  const optionsEnd = rest.indexOf('--');
  if ((optionsEnd === -1 ? rest : rest.slice(0, optionsEnd)).some((argument) => HELP_FLAGS.has(argument))) {
    output.stdout(command.help);
    return 0;
  }
  return command.run(parseCommandArgs(rest, command.options, command.name), output);
}

function findCommand(name: string, commands: readonly Command[]): Command {
  const command = commands.find((candidate) => candidate.name === name);
  if (command !== undefined) return command;
  const suggestion = closestName(name, commands.map((candidate) => candidate.name));
  const hint = suggestion === undefined ? '' : `did you mean ${suggestion}? `;
  throw new CliError(`unknown command '${printableText(name)}'; ${hint}commands are ${commandNames(commands)}`);
}

function commandNames(commands: readonly Command[]): string {
  return commands.map((command) => command.name).join(', ');
}
