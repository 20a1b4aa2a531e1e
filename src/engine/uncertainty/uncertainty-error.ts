/**
 * Thrown while drawing when an uncertain field cannot find a valid value (see `drawValues`),
 * and by the Monte Carlo functions for invalid options. `path` names the field or option.
 */
export class UncertaintyError extends Error {
  readonly path: string;

  constructor(path: string, message: string) {
    super(message);
    this.name = 'UncertaintyError';
    this.path = path;
  }
}
