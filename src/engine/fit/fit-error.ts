/**
 * A fit that cannot be set up as asked (an unknown path in --free, a holdout longer than the
 * history): the message names the option and the rule. Problems in the file itself are
 * `HistoryError`s.
 */
export class FitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FitError';
  }
}
