import type { Model } from '../engine/index.ts';
import { budgetOfPlan, yearsOfPlan } from './plan-summary.ts';
import { PRESETS } from './presets.ts';

export { downloadBlob, downloadText, fileNameFor } from '../charts/download-file.ts';

/**
 * A model as a file to save: it must describe the plan that produced the figures.
 *
 * - No `$schema`: the relative path would not hold where the file is saved.
 * - With an explicit plan, the budget is the plan's yearly totals and upstream shares (the engine
 *   ignores the budget beside a plan, so any other budget would misstate it), and a description
 *   that is one of `lessons` (a preset's, telling the story of the preset's own plan) is replaced
 *   by one that says the spend is an explicit plan. A description written for the plan is kept.
 *
 * @param lessons the presets' descriptions, by preset name
 */
export function exportedModel(model: Model, lessons: ReadonlyMap<string, string> = presetLessons()): Model {
  const { $schema: _schema, ...rest } = model;
  if (rest.plan === undefined) return rest;
  const years = yearsOfPlan(rest);
  const preset = [...lessons].find(([, lesson]) => lesson === rest.description)?.[0];
  const description = rest.description === undefined || preset !== undefined
    ? `An explicit plan of spend per period${preset === undefined ? '' : `, in place of the budget and split of the preset “${preset}” (whose lesson was about that plan, not this one)`}; budget gives its yearly totals and upstream shares.`
    : rest.description;
  return { ...rest, description, budget: budgetOfPlan(years) };
}

/** Each preset's lesson (its description), by the preset's name. */
function presetLessons(): Map<string, string> {
  return new Map(PRESETS.flatMap((preset) => (preset.model.description === undefined ? [] : [[preset.model.name, preset.model.description] as [string, string]])));
}
