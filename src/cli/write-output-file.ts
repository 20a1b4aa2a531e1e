import { randomBytes } from 'node:crypto';
import { type Stats, constants, accessSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CliError } from './cli-error.ts';
import { shownFile } from './read-model-file.ts';

/**
 * Checks, before any work is done, that `file` can be written: its folder exists and is
 * writable, and the path is not a folder, a device or a pipe (renaming over /dev/null would
 * replace the device), nor one of the command's own input files. Seconds of fitting are not
 * then thrown away on a typo in --out.
 *
 * @param option the option that named the file, for messages ("out")
 * @param inputs files the command reads, which the output must not replace
 * @throws {CliError} naming the option, the file and the problem
 */
export function checkOutputFile(option: string, file: string, inputs: readonly string[]): void {
  const shown = shownFile(file);
  const folder = dirname(file);
  const folderStats = statOrUndefined(folder);
  if (folderStats === undefined) throw new CliError(`cannot write --${option} ${shown}: there is no folder ${shownFile(folder)}`);
  if (!folderStats.isDirectory()) throw new CliError(`cannot write --${option} ${shown}: ${shownFile(folder)} is not a folder`);
  const stats = statOrUndefined(file);
  if (stats !== undefined) {
    if (stats.isDirectory()) throw new CliError(`--${option} ${shown} is a folder; give a file name, e.g. ${shownFile(join(file, 'fitted.json'))}`);
    if (!stats.isFile()) throw new CliError(`--${option} ${shown} is not a regular file; give a file name`);
    for (const input of inputs) {
      const inputStats = statOrUndefined(input);
      if (inputStats !== undefined && inputStats.dev === stats.dev && inputStats.ino === stats.ino) {
        throw new CliError(`--${option} ${shown} is the input file ${shownFile(input)}; write the output to another file`);
      }
    }
  }
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    throw new CliError(`cannot write --${option} ${shown}: permission denied in ${shownFile(folder)}`);
  }
}

/**
 * Writes `text` to `file` so that the file is either as it was or completely new, never half
 * written: the text goes to a temporary file in the same folder, which is then renamed over
 * `file` (a rename within one file system is atomic). On failure the temporary file is removed.
 * @throws {CliError} "cannot write <file>: <reason>"
 */
export function writeFileAtomically(file: string, text: string): void {
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(temporary, text, { flag: 'wx' });
    renameSync(temporary, file);
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // Never created, or already renamed: nothing to clean up.
    }
    throw new CliError(`cannot write ${shownFile(file)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
