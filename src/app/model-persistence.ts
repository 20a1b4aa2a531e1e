import { type ModelReadResult, readModelText } from '../engine/io/index.ts';

/**
 * Where the app keeps models outside the page: the browser's storage, and model files the person
 * opens. What is stored, and how entries are kept safe (one key per scenario, a format version,
 * damaged entries set aside rather than deleted, a full storage reported and nothing lost), is
 * ScenarioStore's (scenario-store.ts); this module finds the storage to give it.
 */

/** The largest model file read: a model file is a few kilobytes; this refuses a wrong file before reading it. */
export const MAX_MODEL_FILE_BYTES = 5 * 1024 * 1024;

/** localStorage, or an in-memory stand-in where the browser refuses it (private modes, policies). */
export function browserStorage(): Storage {
  try {
    const storage = window.localStorage;
    storage.getItem('budget-sim:probe');
    return storage;
  } catch {
    return memoryStorage();
  }
}

/** This tab's sessionStorage, or undefined where the browser refuses it. */
export function tabStorage(): Storage | undefined {
  try {
    const storage = window.sessionStorage;
    storage.getItem('budget-sim:probe');
    return storage;
  } catch {
    return undefined;
  }
}

/** A Storage that lives as long as the page: nothing survives a reload, but nothing fails either. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() { return items.size; },
    key: (index: number) => [...items.keys()][index] ?? null,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => { items.set(key, value); },
    removeItem: (key: string) => { items.delete(key); },
    clear: () => items.clear(),
  };
}

/**
 * A model file the person chose, read and validated; or why it could not be read at all (too
 * large, unreadable), as a message that says nothing was changed.
 */
export async function readModelFile(file: File): Promise<{ read: ModelReadResult } | { refused: string }> {
  // Refuse a huge file before reading it into memory.
  if (file.size > MAX_MODEL_FILE_BYTES) {
    return { refused: `${file.name} is too large (${(file.size / 1024 / 1024).toFixed(1)} MB); a model file is at most 5 MB. Nothing was changed.` };
  }
  let text: string;
  try {
    text = await file.text();
  } catch {
    return { refused: `${file.name} could not be read. Nothing was changed.` };
  }
  return { read: readModelText(text, file.name) };
}
