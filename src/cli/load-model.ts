import type { Model } from '../engine/index.ts';
import type { ParsedArgs } from './args.ts';
import { readModelJson, validateModelJson } from './read-model-file.ts';
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
  return validateModelJson(json, file);
}
