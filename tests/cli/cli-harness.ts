import { expect } from 'vitest';
import { CliError } from '../../src/cli/cli-error.ts';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { captureOutput } from '../../src/cli/cli-output.ts';
import { runCli, type RunOptions } from '../../src/cli/run-cli.ts';

/** What a run of the CLI printed and how it ended. */
export interface CliRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

/** The project root: tests run the CLI from here, as `npm run sim` does. */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Runs the CLI in-process and collects its output. */
export function runInProcess(argv: readonly string[], options?: RunOptions): CliRun {
  const output = captureOutput();
  const exitCode = runCli(argv, output, options);
  return { exitCode, ...output.written };
}

/**
 * Runs `node --import tsx src/cli/main.ts ...argv` in the project root, as a user would
 * (through npm it is the same program), and collects exit code and output.
 * @param shellPipe when given, the CLI's stdout is piped into this shell command
 */
export function runSubprocess(argv: readonly string[], shellPipe?: string): Promise<CliRun> {
  const command = ['node', '--import', 'tsx', 'src/cli/main.ts', ...argv];
  const child = shellPipe === undefined
    ? spawn(command[0], command.slice(1), { cwd: PROJECT_ROOT, env: cleanEnvironment() })
    : spawn('sh', ['-c', `${command.map(shellQuote).join(' ')} | ${shellPipe}`], { cwd: PROJECT_ROOT, env: cleanEnvironment() });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => { stdout += chunk; });
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (exitCode) => resolve({ exitCode, stdout, stderr }));
  });
}

/** What `runSubprocessWith` may be given besides the arguments. */
export interface SubprocessOptions {
  /** Written to the CLI's standard input, which is then closed; without it, stdin is closed at once. */
  input?: string | Buffer;
  /** The CLI is killed after this long (a hang then shows as exitCode null and timedOut). */
  timeoutMs?: number;
}

/**
 * Runs the CLI as `runSubprocess` does, with text on its standard input and a time limit.
 * @returns the run, with `ms` (wall time) and `timedOut`
 */
export function runSubprocessWith(argv: readonly string[], options: SubprocessOptions): Promise<CliRun & { ms: number; timedOut: boolean }> {
  const started = performance.now();
  const child = spawn('node', ['--import', 'tsx', 'src/cli/main.ts', ...argv], { cwd: PROJECT_ROOT, env: cleanEnvironment() });
  let stdout = '';
  let stderr = '';
  let timedOut = false;
  child.stdout.on('data', (chunk) => { stdout += chunk; });
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  child.stdin.on('error', () => { /* the CLI may exit before reading all of its input */ });
  child.stdin.end(options.input ?? '');
  const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, options.timeoutMs);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      resolve({ exitCode, stdout, stderr, ms: performance.now() - started, timedOut });
    });
  });
}

/** Runs tasks at most `limit` at a time (subprocesses each cost half a second of a core). */
export async function inBatches<Result>(tasks: readonly (() => Promise<Result>)[], limit: number): Promise<Result[]> {
  const results: Result[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next;
      next += 1;
      results[index] = await tasks[index]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

/** A fresh temporary directory with the given files; call `remove` when done. */
export function temporaryFiles(files: Readonly<Record<string, string>>): { dir: string; path: (name: string) => string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'budget-sim-cli-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return { dir, path: (name) => join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A line of a Node stack trace, which the CLI must never print for bad input. */
export const STACK_LINE = /^\s+at /m;

function shellQuote(argument: string): string {
  return `'${argument.replace(/'/g, `'\\''`)}'`;
}

// The runs must not depend on how the test runner was started (npm sets INIT_CWD and
// npm_lifecycle_event, which main.ts reads) or on a debugging switch left on.
function cleanEnvironment(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.BUDGET_SIM_DEBUG;
  delete env.INIT_CWD;
  delete env.npm_lifecycle_event;
  return env;
}

/** The message of the CliError that `action` throws; fails the test if it throws nothing or something else. */
export function cliErrorMessage(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    return (error as Error).message;
  }
  throw new Error('expected a CliError');
}
