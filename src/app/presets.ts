import { type Model, parseModel } from '../engine/index.ts';

/** A model file from `models/`, bundled into the app. */
export interface Preset {
  /** The file name without `.json`, e.g. `default`; used in the picker and the URL. */
  id: string;
  model: Model;
}

// Vite bundles every model file at build time, so the app needs no server and always offers
// exactly the files in models/ (the schema is not a model).
const files = import.meta.glob<Record<string, unknown>>(['../../models/*.json', '!../../models/model.schema.json'], {
  eager: true,
  import: 'default',
});

function idOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1, -'.json'.length);
}

/** Every preset, the default first, then by name. Files are validated like any other input. */
export const PRESETS: readonly Preset[] = Object.entries(files)
  .map(([path, json]) => ({ id: idOf(path), model: parseModel(json) }))
  .sort((a, b) => (a.id === 'default' ? -1 : b.id === 'default' ? 1 : a.model.name.localeCompare(b.model.name)));

export const DEFAULT_PRESET_ID = 'default';

export function findPreset(id: string): Preset | undefined {
  return PRESETS.find((preset) => preset.id === id);
}
