/**
 * A problem with what the user asked for: a bad argument, an unreadable or invalid model file.
 *
 * The CLI prints its message (one or more lines) to stderr and exits with status 2, never with
 * a stack trace. Anything else that is thrown is a bug in budget-sim and exits with status 1.
 */
export class CliError extends Error {
  constructor(lines: string | readonly string[]) {
    super(typeof lines === 'string' ? lines : lines.join('\n'));
    this.name = 'CliError';
  }
}

/** Exit status: 0 success, 1 internal error (a bug), 2 invalid input. */
export type ExitCode = 0 | 1 | 2;
