import { type Model, simulate } from '../engine/index.ts';
import { nonFiniteResultMessage } from '../engine/sim/finite-results.ts';
import type { ParsedArgs } from './args.ts';
import { CliError } from './cli-error.ts';
import { readModelJson, shownFile, validateModelJson } from './read-model-file.ts';
import { applyOverride, parseOverride, type Override } from './set-override.ts';

/**
 * The `--set` overrides a command was given, parsed, in the order given (a later one wins).
 * @throws {CliError} for a malformed or forbidden `--set`
 */
export function overridesFrom(args: ParsedArgs): Override[] {
  return (args.values.get('set') ?? []).map(parseOverride);
}

/**
 * Reads a model file, applies the overrides to its JSON, then validates it: the path every
 * command takes from a file name to a model the engine can run.
 * @throws {CliError} for any problem with the file, an override, or the resulting model
 * @example loadModel('models/default.json', [parseOverride('horizonYears=5')])
 */
export function loadModel(file: string, overrides: readonly Override[]): Model {
  const json = readModelJson(file);
  for (const override of overrides) applyOverride(json, override);
  return runnableModel(json, file);
}

/**
 * Validates parsed JSON as a model and makes sure that it runs to finite numbers: the limits
 * of docs/model-limits.md promise that, and one simulation (about a millisecond) checks it, so
 * that no command ever prints Infinity, NaN or a null for an overflow.
 * @throws {CliError} naming the problems, or the settings most likely behind an overflow
 */
export function runnableModel(json: unknown, file: string): Model {
  const model = validateModelJson(json, file);
  refuseOverflow(model, simulate(model), file);
  return model;
}

/**
 * Refuses a result that holds a number that is not finite (the last guard behind the limits).
 * @param result anything the command is about to print: a simulation, a sweep, a tornado
 * @throws {CliError} "<file>: the results overflow: ...; the settings most likely responsible: ..."
 */
export function refuseOverflow(model: Model, result: unknown, file: string): void {
  const message = nonFiniteResultMessage(model, result);
  if (message !== undefined) throw new CliError(`${shownFile(file)}: ${message}`);
}
