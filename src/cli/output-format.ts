import { optionValue, type ParsedArgs } from './args.ts';
import { CliError } from './cli-error.ts';
import { closestName } from './closest-name.ts';

/** The ways a command can print its results. */
export type OutputFormat = 'table' | 'text' | 'json' | 'csv';

/**
 * The `--format` a command was given, checked against the formats that command supports.
 * @param allowed the command's formats; the first is the default
 * @throws {CliError} naming the unknown format and listing the allowed ones
 * @example chooseFormat(args, ['table', 'json', 'csv'], 'simulate') // 'table' when --format is absent
 */
export function chooseFormat<Format extends OutputFormat>(
  args: ParsedArgs, allowed: readonly [Format, ...Format[]], command: string,
): Format {
  const requested = optionValue(args, 'format');
  if (requested === undefined) return allowed[0];
  const match = allowed.find((format) => format === requested);
  if (match !== undefined) return match;
  const suggestion = closestName(requested, allowed);
  const hint = suggestion === undefined ? '' : ` (did you mean ${suggestion}?)`;
  throw new CliError(`unknown format '${requested}' for ${command}${hint}; choose ${listInWords(allowed)}`);
}

function listInWords(items: readonly string[]): string {
  return items.length === 1 ? items[0] : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
