/**
 * An optimiser option that cannot be used: out of range, crossed with another, impossible to
 * meet, or an unknown name. The CLI prints its message and exits with status 2; the app shows
 * it beside the option named by `option`.
 */
export class OptimizeError extends Error {
  /** The option at fault, as the engine names it (e.g. `minShare`, `phasing`). */
  readonly option: string;

  constructor(option: string, message: string) {
    super(message);
    this.name = 'OptimizeError';
    this.option = option;
  }
}
