import { MAX_DRAWS, ModelError, type MonteCarloOptions, UncertaintyError } from '../engine/index.ts';
import { type OptionSpec, type ParsedArgs, optionValue } from './args.ts';
import { CliError } from './cli-error.ts';
import { parseWholeNumberOption } from './number-option.ts';

/** `--draws N --seed S`, which montecarlo and compare share. */
export const MONTE_CARLO_OPTIONS: readonly OptionSpec[] = [
  { name: 'draws', valueName: 'N' },
  { name: 'seed', valueName: 'S' },
];

/** Draws when --draws is not given (montecarlo): the issue's benchmark size, about a tenth of a second. */
export const DEFAULT_DRAWS = 10_000;
/** Seed when --seed is not given, so that a run without one is still repeatable. */
export const DEFAULT_SEED = 1;

/**
 * `--draws` and `--seed` as the engine takes them, or undefined when neither was given and
 * `required` is false (compare runs Monte Carlo only when asked).
 * @throws {CliError} for a value that is not a whole number in range, or --seed without --draws when not required
 */
export function monteCarloOptionsFrom(args: ParsedArgs, required: boolean): MonteCarloOptions | undefined {
  const drawsText = optionValue(args, 'draws');
  const seedText = optionValue(args, 'seed');
  if (!required && drawsText === undefined) {
    if (seedText !== undefined) throw new CliError('--seed only applies with --draws (Monte Carlo over the models\' uncertainty)');
    return undefined;
  }
  return {
    draws: drawsText === undefined ? DEFAULT_DRAWS : parseWholeNumberOption('draws', drawsText, 1, MAX_DRAWS),
    seed: seedText === undefined ? DEFAULT_SEED : parseWholeNumberOption('seed', seedText, 0, Number.MAX_SAFE_INTEGER),
  };
}

/**
 * Runs an uncertainty calculation, turning the engine's refusals into CliErrors (exit status 2).
 * @param file the model file, prefixed to a draw's error
 */
export function withUncertaintyErrors<Result>(file: string, run: () => Result): Result {
  try {
    return run();
  } catch (error) {
    if (error instanceof UncertaintyError) throw new CliError(`${file}: ${error.message}`);
    if (error instanceof ModelError) throw new CliError(error.issues.map((issue) => `${file}: ${issue.message}`));
    throw error;
  }
}
