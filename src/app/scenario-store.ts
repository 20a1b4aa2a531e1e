import { type Model, ModelError, parseModel } from '../engine/index.ts';

/**
 * Saved scenarios in the browser's localStorage, behind this one module.
 *
 * Each scenario is its own key, so two tabs saving at once write different keys and neither
 * save is lost; there is no shared index to race on. Every entry carries a format version so a
 * later format can migrate it. An entry that cannot be read (damaged JSON, an unknown format, a
 * model that no longer validates) is never deleted: it is moved to a "set aside" key and
 * reported, and every other scenario still loads.
 */

/** The format this version writes. Older formats are migrated on read; see MIGRATIONS. */
export const STORAGE_FORMAT = 1;

const PREFIX = 'budget-sim:';
const SCENARIO_PREFIX = `${PREFIX}scenario:`;
const SET_ASIDE_PREFIX = `${PREFIX}set-aside:`;
const WORKING_KEY = `${PREFIX}working`;
const COMPARISON_KEY = `${PREFIX}comparison`;

export interface Scenario {
  id: string;
  /** ISO 8601 time of the last save. */
  savedAt: string;
  /** The model; its `name` is the scenario's name. */
  model: Model;
}

/** What the app was showing, saved on every edit so a reload or a closed tab loses nothing. */
export interface WorkingState {
  /** The draft as typed, which may be invalid. */
  draft: unknown;
  /** The last valid model, shown while the draft is invalid (validated again when read). */
  lastValid?: unknown;
  /** The preset the plan started from, or '' for a plan from a link, a file or a saved scenario. */
  presetId: string;
  /** The saved scenario being edited, if any. */
  scenarioId: string | null;
}

/** Which saved scenarios are compared (in order), and the one the others are measured against. */
export interface Comparison {
  ids: string[];
  baselineId: string;
}

export interface SetAsideEntry {
  key: string;
  reason: string;
}

/** Thrown when the browser's storage is full; nothing was written. */
export class StorageFullError extends Error {
  constructor(what: string) {
    super(`The browser's storage is full, so ${what} was not saved. Delete scenarios you no longer need, or export this one as a file.`);
    this.name = 'StorageFullError';
  }
}

/** Upgrades from each older format to the next; none yet, as 1 is the first format. */
const MIGRATIONS: Record<number, (entry: Record<string, unknown>) => Record<string, unknown>> = {};

export class ScenarioStore {
  private readonly storage: Storage;
  private readonly tabStorage: Storage | undefined;
  private readonly now: () => Date;
  private readonly newId: () => string;

  /**
   * @param storage where scenarios live (localStorage), shared by every tab
   * @param options.tabStorage this tab's own storage (sessionStorage), which survives its
   *   reloads: the working state is also kept there, so that a reload brings back this tab's
   *   own work even when another tab has edited since
   */
  constructor(storage: Storage, options: { now?: () => Date; newId?: () => string; tabStorage?: Storage } = {}) {
    this.storage = storage;
    this.tabStorage = options.tabStorage;
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? randomId;
  }

  /**
   * Every readable scenario, newest first, and the entries set aside on this read because they
   * could not be read (each moved to its own set-aside key, with the reason).
   */
  list(): { scenarios: Scenario[]; setAside: SetAsideEntry[] } {
    const scenarios: Scenario[] = [];
    const setAside: SetAsideEntry[] = [];
    for (const key of this.keys(SCENARIO_PREFIX)) {
      const raw = this.storage.getItem(key);
      if (raw === null) continue;
      const read = readEntry(raw, key.slice(SCENARIO_PREFIX.length));
      if ('scenario' in read) {
        scenarios.push(read.scenario);
      } else {
        setAside.push(this.setAside(key, raw, read.reason));
      }
    }
    scenarios.sort((a, b) => b.savedAt.localeCompare(a.savedAt) || a.model.name.localeCompare(b.model.name));
    return { scenarios, setAside };
  }

  /** Keys of entries set aside so far (by this or an earlier session). */
  setAsideKeys(): string[] {
    return this.keys(SET_ASIDE_PREFIX);
  }

  /**
   * Saves a model as a scenario: a new one, or over `id`. The model is validated first.
   * @throws {ModelError} if the model is invalid; {StorageFullError} if storage is full
   */
  save(model: Model, id?: string): Scenario {
    const scenario: Scenario = { id: id ?? this.newId(), savedAt: this.now().toISOString(), model: parseModel(model) };
    this.write(SCENARIO_PREFIX + scenario.id, { format: STORAGE_FORMAT, ...scenario }, `“${scenario.model.name}”`);
    return scenario;
  }

  /** @throws {ModelError} for an invalid name (empty, over 200 characters); {StorageFullError} */
  rename(id: string, name: string): Scenario {
    const scenario = this.get(id);
    return this.save({ ...scenario.model, name }, id);
  }

  /** A copy under a new id, named "… (copy)" (cut to fit the 200-character limit). */
  duplicate(id: string): Scenario {
    const scenario = this.get(id);
    const suffix = ' (copy)';
    return this.save({ ...scenario.model, name: `${scenario.model.name.slice(0, 200 - suffix.length)}${suffix}` });
  }

  /** Deletes a scenario and returns it, so the app can offer Undo (which calls `restore`). */
  remove(id: string): Scenario {
    const scenario = this.get(id);
    this.storage.removeItem(SCENARIO_PREFIX + id);
    return scenario;
  }

  restore(scenario: Scenario): void {
    this.write(SCENARIO_PREFIX + scenario.id, { format: STORAGE_FORMAT, ...scenario }, `“${scenario.model.name}”`);
  }

  get(id: string): Scenario {
    const raw = this.storage.getItem(SCENARIO_PREFIX + id);
    const read = raw === null ? { reason: 'it no longer exists' } : readEntry(raw, id);
    if (!('scenario' in read)) throw new Error(`The scenario could not be read: ${read.reason}`);
    return read.scenario;
  }

  /**
   * Keeps the working state for this tab's reloads and for the next visit (the last tab to write
   * it is the next visit's).
   * @throws {StorageFullError} when the shared storage is full (this tab's own copy is kept if it fits)
   */
  saveWorkingState(state: WorkingState): void {
    const entry = { format: STORAGE_FORMAT, ...state };
    try {
      this.tabStorage?.setItem(WORKING_KEY, JSON.stringify(entry));
    } catch {
      // This tab's copy only spares it another tab's later edits on reload; the shared one below still counts.
    }
    this.write(WORKING_KEY, entry, 'your latest change');
  }

  /**
   * This tab's own working state if it has one (a reload), else the last visit's; undefined if
   * there is none or it cannot be read.
   */
  loadWorkingState(): WorkingState | undefined {
    let own: WorkingState | undefined;
    try {
      own = readWorkingState(this.tabStorage?.getItem(WORKING_KEY) ?? null);
    } catch {
      own = undefined; // a browser that refuses this tab's storage: the shared copy serves
    }
    return own ?? readWorkingState(this.storage.getItem(WORKING_KEY));
  }

  /**
   * Keeps which scenarios are compared, and the baseline, for the next visit. A convenience: if
   * storage is full it is not kept, and nothing is reported (the working state's save reports it).
   */
  saveComparison(comparison: Comparison): void {
    try {
      this.write(COMPARISON_KEY, { format: STORAGE_FORMAT, ids: comparison.ids, baselineId: comparison.baselineId }, 'the comparison');
    } catch (error) {
      if (!(error instanceof StorageFullError)) throw error;
    }
  }

  /**
   * The comparison of the last visit: at most `maxIds` ids of saved scenarios, each a short
   * string, and a baseline among them. Anything else in storage (edited, damaged, or ids of
   * scenarios deleted since) is dropped rather than trusted.
   */
  loadComparison(savedIds: ReadonlySet<string>, maxIds: number): Comparison {
    const entry = storedObject(this.storage.getItem(COMPARISON_KEY));
    if (entry === undefined || !Array.isArray(entry.ids)) return { ids: [], baselineId: '' };
    const ids = [...new Set(entry.ids.filter((id): id is string => typeof id === 'string' && id.length <= 100 && savedIds.has(id)))].slice(0, maxIds);
    const baselineId = typeof entry.baselineId === 'string' && ids.includes(entry.baselineId) ? entry.baselineId : (ids[0] ?? '');
    return { ids, baselineId };
  }

  /** True when a storage event from another tab concerns scenarios. */
  static concernsScenarios(key: string | null): boolean {
    return key === null || key.startsWith(SCENARIO_PREFIX);
  }

  private keys(prefix: string): string[] {
    const keys: string[] = [];
    for (let index = 0; index < this.storage.length; index += 1) {
      const key = this.storage.key(index);
      if (key !== null && key.startsWith(prefix)) keys.push(key);
    }
    return keys;
  }

  private write(key: string, value: unknown, what: string): void {
    try {
      this.storage.setItem(key, JSON.stringify(value));
    } catch (error) {
      if (isQuotaError(error)) throw new StorageFullError(what);
      throw error;
    }
  }

  /** Moves an unreadable entry out of the way, keeping its text for recovery. */
  private setAside(key: string, raw: string, reason: string): SetAsideEntry {
    const asideKey = `${SET_ASIDE_PREFIX}${key.slice(PREFIX.length)}:${this.now().toISOString()}`;
    try {
      this.storage.setItem(asideKey, raw);
      this.storage.removeItem(key);
    } catch {
      // Storage full: leave the entry where it is; it is skipped and reported again next time.
    }
    return { key, reason };
  }
}

type EntryRead = { scenario: Scenario } | { reason: string };

function readEntry(raw: string, id: string): EntryRead {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(raw);
  } catch {
    return { reason: 'its data is not valid JSON' };
  }
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return { reason: 'its data is not an object' };
  let format = entry.format;
  if (typeof format !== 'number' || !Number.isInteger(format) || format < 1) return { reason: 'it has no format version' };
  if (format > STORAGE_FORMAT) return { reason: `it was saved by a newer version of budget-sim (format ${format})` };
  while (format < STORAGE_FORMAT) {
    entry = MIGRATIONS[format](entry);
    format += 1;
  }
  if (typeof entry.savedAt !== 'string' || Number.isNaN(Date.parse(entry.savedAt))) return { reason: 'it has no valid save time' };
  try {
    return { scenario: { id, savedAt: entry.savedAt, model: parseModel(entry.model) } };
  } catch (error) {
    if (error instanceof ModelError) return { reason: `its model is invalid (${error.issues[0]?.message ?? 'unknown problem'})` };
    return { reason: 'its model could not be read' };
  }
}

function isQuotaError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'QuotaExceededError' || error.name === 'NS_ERROR_DOM_QUOTA_REACHED'
    || (error as { code?: number }).code === 22);
}

function randomId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

/** A stored working state, checked; undefined when missing, damaged or of another format. */
function readWorkingState(raw: string | null): WorkingState | undefined {
  const entry = storedObject(raw);
  if (entry === undefined || typeof entry.presetId !== 'string' || typeof entry.draft !== 'object' || entry.draft === null) return undefined;
  return {
    draft: entry.draft,
    ...(entry.lastValid !== undefined ? { lastValid: entry.lastValid } : {}),
    presetId: entry.presetId,
    scenarioId: typeof entry.scenarioId === 'string' ? entry.scenarioId : null,
  };
}

/**
 * A stored entry of this format as an object; undefined when missing, not JSON, not an object,
 * or of another format. (Saved scenarios are read by `readEntry`, which migrates old formats
 * and says why an entry cannot be read.)
 */
function storedObject(raw: string | null): Record<string, unknown> | undefined {
  if (raw === null) return undefined;
  try {
    const entry: unknown = JSON.parse(raw);
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return undefined;
    return (entry as Record<string, unknown>).format === STORAGE_FORMAT ? entry as Record<string, unknown> : undefined;
  } catch {
    return undefined;
  }
}
