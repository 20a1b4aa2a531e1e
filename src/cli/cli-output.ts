/**
 * Where commands write. The real CLI writes to the process streams; tests and other callers
 * collect the text instead, so that every command can run in-process.
 */
export interface CliOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** A `CliOutput` that keeps everything written, for tests and in-process callers. */
export interface CapturedOutput extends CliOutput {
  readonly written: { stdout: string; stderr: string };
}

/**
 * Creates an output that collects what is written instead of printing it.
 * @example const output = captureOutput(); runCli(['validate', 'm.json'], output); output.written.stdout
 */
export function captureOutput(): CapturedOutput {
  const written = { stdout: '', stderr: '' };
  return {
    written,
    stdout: (text) => { written.stdout += text; },
    stderr: (text) => { written.stderr += text; },
  };
}
