import type { MarginalRoi, Summary } from '../engine/index.ts';

/** One run of a sweep: the value given to the swept setting and what it produced. */
export interface SweepPoint {
  value: number;
  summary: Summary;
  /** What the next unit of money on each side returns above its cost, at this point's plan. */
  marginalRoi: MarginalRoi;
}

/** What `budget-sim sweep --format json` prints. */
export interface SweepResult {
  /** The model's name (after any --set overrides). */
  model: string;
  /** The model's ISO 4217 currency code, when it has one: what the money in the summaries is in. */
  currency?: string;
  /** The swept setting's path, as given to --param, e.g. `budget.upstreamShare`. */
  param: string;
  points: SweepPoint[];
}
