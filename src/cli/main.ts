/**
 * Entry point of the budget-sim command (run by tsx: `npm run sim -- <command> ...`, or through
 * bin/budget-sim.js). Connects `runCli` to the process: arguments, streams, exit status.
 */
import type { CliOutput } from './cli-output.ts';
import { runCli } from './run-cli.ts';

// Output piped into a reader that stops early (`| head -3`) closes the pipe; that is the
// reader's choice, not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') {
    process.stderr.write(`cannot write the output: ${error.code ?? error.message}\n`);
    process.exitCode = 1;
  }
  process.exit();
});

const processOutput: CliOutput = {
  stdout: (text) => { process.stdout.write(text); },
  stderr: (text) => { process.stderr.write(text); },
};

// `npm run sim` runs the script in the package root, but a user in a subfolder who types a
// relative path means it relative to where they are; npm keeps that folder in INIT_CWD.
if (process.env.npm_lifecycle_event === 'sim' && process.env.INIT_CWD !== undefined) {
  try {
    process.chdir(process.env.INIT_CWD);
  } catch {
    // The folder has gone away; paths then resolve from the package root, as npm intended.
  }
}

process.exitCode = runCli(process.argv.slice(2), processOutput, { env: process.env });
