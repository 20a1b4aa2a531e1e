import { readFileSync } from 'node:fs';
import { type Model, parseModel } from '../../../src/engine/index.ts';
import { setSetting } from '../../../src/engine/model/model-fields.ts';

/** models/default.json as raw JSON, a fresh copy each call. */
export function defaultJson(): Record<string, any> {
  return JSON.parse(readFileSync(new URL('../../../models/default.json', import.meta.url), 'utf8'));
}

/** The default model with another `uncertainty` (and any other changes), validated. */
export function defaultWith(uncertainty: Record<string, unknown> | undefined, changes: Record<string, unknown> = {}): Model {
  const json = { ...defaultJson(), ...changes };
  if (uncertainty === undefined) delete json.uncertainty;
  else json.uncertainty = uncertainty;
  return parseModel(json);
}

/** The model with the listed settings replaced (dotted paths), without its uncertainty. */
export function withSettings(model: Model, values: Readonly<Record<string, number>>): Model {
  const copy = structuredClone(model);
  delete copy.uncertainty;
  for (const [path, value] of Object.entries(values)) setSetting(copy, path, value);
  return parseModel(copy);
}

/** |a − b| ≤ tolerance · max(1, |b|). */
export function relativelyClose(a: number, b: number, tolerance: number): boolean {
  return Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(b));
}
