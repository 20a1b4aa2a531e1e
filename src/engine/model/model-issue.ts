/** One problem with a model: where it is and what is wrong, as a full sentence. */
export interface ModelIssue {
  /** Dotted path of the offending field, e.g. `brand.halfLifeMonths`; "" for the whole model. */
  path: string;
  /** A sentence naming the field and the rule, e.g. "brand.halfLifeMonths must be > 0, got -3". */
  message: string;
}

/** Thrown by `parseModel` with every problem found, not only the first. */
export class ModelError extends Error {
  readonly issues: readonly ModelIssue[];

  constructor(issues: readonly ModelIssue[]) {
    super(issues.map((issue) => issue.message).join('\n'));
    this.name = 'ModelError';
    this.issues = issues;
  }
}
