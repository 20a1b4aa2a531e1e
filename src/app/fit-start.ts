import { type Model, parseModel } from '../engine/index.ts';
import type { PeriodsPerYear } from '../engine/model/model.ts';
import { checkDraft, draftFromModel, withPeriodsPerYear } from './model-draft.ts';

/**
 * The starting model of a fit in the app, when it is not simply the current model: the current
 * model at the history's granularity, or the example's own starting model.
 */

/**
 * `model` at another granularity, converted as the planner's *Planning periods* select does
 * (settings are per month, so they mean the same; a plan per period is resampled), or undefined
 * when the result would not be a valid model.
 */
export function modelAtGranularity(model: Model, periodsPerYear: PeriodsPerYear): Model | undefined {
  if (model.periodsPerYear === periodsPerYear) return model;
  return checkDraft(withPeriodsPerYear(draftFromModel(model), periodsPerYear)).model;
}

/** The example history and its weekly starting model, as "Try with example data" loads them. */
export interface FitExample {
  text: string;
  start: Model;
  /** The file's name, for messages and the fitted model's name. */
  source: string;
}

/**
 * Loads the example that scripts/generate-example-history.ts generates from the consumer brand by channel preset (seeded;
 * the README and the tests use the same file): three years of weekly spend on six channels, a
 * price and a promotion driver, and its weekly starting model. Loaded only when asked for, so
 * the first screen does not carry it.
 */
export async function loadFitExample(): Promise<FitExample> {
  const [csv, json] = await Promise.all([
    import('../../models/examples/consumer-history.csv?raw'),
    import('../../models/examples/consumer-weekly.json'),
  ]);
  return { text: csv.default, start: parseModel(json.default), source: 'consumer-history.csv' };
}
