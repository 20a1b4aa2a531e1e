import { CliError } from './cli-error.ts';

// Plain decimal notation only: Number() would also accept "", " ", "0x10" and "Infinity",
// which on a command line are far more likely mistakes than intentions.
const DECIMAL_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Reads an option's value as a finite number in decimal notation (`-0.5`, `1e6`).
 * @throws {CliError} naming the option and the text when it is not such a number
 * @example parseNumberOption('from', '0.25') // 0.25
 */
export function parseNumberOption(option: string, text: string): number {
  const value = DECIMAL_NUMBER.test(text.trim()) ? Number(text) : Number.NaN;
  if (!Number.isFinite(value)) throw new CliError(`--${option} must be a number, got '${text}'`);
  return value;
}

/**
 * Reads an option's value as a whole number within [min, max].
 * @throws {CliError} naming the option, the allowed range and the text
 * @example parseWholeNumberOption('steps', '11', 2, 10000) // 11
 */
export function parseWholeNumberOption(option: string, text: string, min: number, max: number): number {
  const value = DECIMAL_NUMBER.test(text.trim()) ? Number(text) : Number.NaN;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new CliError(`--${option} must be a whole number from ${min} to ${max}, got '${text}'`);
  }
  return value;
}
