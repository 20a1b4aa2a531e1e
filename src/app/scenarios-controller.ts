import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { type Model, ModelError } from '../engine/index.ts';
import type { Notice } from './scenario-panel.component.ts';
import { type Scenario, ScenarioStore, StorageFullError, type WorkingState } from './scenario-store.ts';

const MAX_COMPARED = 4;
const MAX_NOTICES = 3;

/**
 * The app's side of saved scenarios: the list, which one is open, which are compared, and the
 * messages about them. Storage itself is ScenarioStore's; this turns its results and errors into
 * state the shell renders, and follows saves made in other tabs.
 */
export class ScenariosController implements ReactiveController {
  scenarios: Scenario[] = [];
  /** The saved scenario that is open (edits change it only when saved), or null. */
  currentId: string | null = null;
  compareIds: string[] = [];
  baselineId = '';
  notices: Notice[] = [];
  private readonly host: ReactiveControllerHost;
  private readonly store: ScenarioStore;
  /** The last delete or overwrite, which Undo takes back: the scenario as it was, and whether it was open. */
  private lastChange: { kind: 'delete' | 'overwrite'; before: Scenario; wasOpen: boolean } | undefined;
  private nextNoticeId = 1;
  private storageFullReported = false;
  private readonly onStorage = (event: StorageEvent) => {
    if (ScenarioStore.concernsScenarios(event.key)) this.refresh();
  };

  /** @param tabStorage this tab's own storage (sessionStorage), if the browser allows it; see ScenarioStore */
  constructor(host: ReactiveControllerHost, storage: Storage, tabStorage?: Storage) {
    this.host = host;
    this.store = new ScenarioStore(storage, { tabStorage });
    host.addController(this);
    this.refresh();
    // The comparison of the last visit, as far as its scenarios still exist.
    const comparison = this.store.loadComparison(new Set(this.scenarios.map((scenario) => scenario.id)), MAX_COMPARED);
    this.compareIds = comparison.ids;
    this.baselineId = comparison.baselineId;
  }

  hostConnected(): void {
    window.addEventListener('storage', this.onStorage);
  }

  hostDisconnected(): void {
    window.removeEventListener('storage', this.onStorage);
  }

  /** Re-reads the saved scenarios; entries that cannot be read are set aside and reported. */
  refresh(): void {
    const { scenarios, setAside } = this.store.list();
    this.scenarios = scenarios;
    const ids = new Set(scenarios.map((scenario) => scenario.id));
    this.compareIds = this.compareIds.filter((id) => ids.has(id));
    if (this.currentId !== null && !ids.has(this.currentId)) this.currentId = null;
    if (setAside.length > 0) {
      this.notify('error', `${setAside.length} saved scenario${setAside.length === 1 ? '' : 's'} could not be read and ${setAside.length === 1 ? 'was' : 'were'} set aside; the rest loaded.`,
        setAside.map((entry) => `${entry.key.replace('budget-sim:scenario:', 'Scenario ')}: ${entry.reason}`));
    }
    this.host.requestUpdate();
  }

  loadWorkingState(): WorkingState | undefined {
    return this.store.loadWorkingState();
  }

  /**
   * Keeps what is on screen saved as the person edits, so a reload or a closed tab loses nothing.
   * Saved scenarios change only when the person saves: editing an open scenario and then
   * choosing "Save as new" leaves the original as it was.
   */
  autosave(state: WorkingState): void {
    try {
      this.store.saveWorkingState(state);
      this.storageFullReported = false;
    } catch (error) {
      // Report a full storage once, not on every keystroke; what is on screen stays.
      if (error instanceof StorageFullError && !this.storageFullReported) {
        this.storageFullReported = true;
        this.notify('error', error.message);
      } else if (!(error instanceof StorageFullError)) {
        throw error;
      }
    }
  }

  /**
   * Saves the model as a new scenario, or over the open one (only when asked: `asNew` false),
   * keeping the version it replaces so that Undo can put it back. Returns false (with a
   * message) if it could not.
   */
  save(model: Model, asNew: boolean): boolean {
    try {
      const overwriting = asNew || this.currentId === null ? undefined : this.scenarios.find((scenario) => scenario.id === this.currentId);
      const saved = this.store.save(model, asNew || this.currentId === null ? undefined : this.currentId);
      this.currentId = saved.id;
      this.refresh();
      if (overwriting === undefined) {
        this.notify('info', `Saved “${saved.model.name}”.`);
      } else {
        this.lastChange = { kind: 'overwrite', before: overwriting, wasOpen: true };
        const renamed = overwriting.model.name === saved.model.name ? '' : `, now named “${saved.model.name}”`;
        this.notify('info', `Saved changes to “${overwriting.model.name}”${renamed}.`, undefined, true);
      }
      return true;
    } catch (error) {
      this.reportFailure(error, 'The scenario could not be saved');
      return false;
    }
  }

  /** True when what is on screen differs from the open scenario as last saved. */
  hasUnsavedChanges(model: Model | undefined): boolean {
    const open = this.scenarios.find((scenario) => scenario.id === this.currentId);
    return open !== undefined && (model === undefined || JSON.stringify(model) !== JSON.stringify(open.model));
  }

  open(id: string): Model | undefined {
    try {
      const scenario = this.store.get(id);
      this.currentId = id;
      this.host.requestUpdate();
      return scenario.model;
    } catch (error) {
      this.reportFailure(error, 'The scenario could not be opened');
      this.refresh();
      return undefined;
    }
  }

  /** Makes `id` the open scenario again (an undo of an earlier step), or none if it no longer exists. */
  reopen(id: string | null): void {
    this.currentId = id !== null && this.scenarios.some((scenario) => scenario.id === id) ? id : null;
    this.host.requestUpdate();
  }

  /** Stops autosaving into the open scenario (after opening a preset, a link or a file). */
  detach(): void {
    this.currentId = null;
    this.host.requestUpdate();
  }

  rename(id: string, name: string): Scenario | undefined {
    try {
      const renamed = this.store.rename(id, name);
      this.refresh();
      return renamed;
    } catch (error) {
      this.reportFailure(error, 'The scenario was not renamed');
      return undefined;
    }
  }

  duplicate(id: string): void {
    try {
      const copy = this.store.duplicate(id);
      this.refresh();
      this.notify('info', `Saved a copy: “${copy.model.name}”.`);
    } catch (error) {
      this.reportFailure(error, 'The scenario was not duplicated');
    }
  }

  remove(id: string): void {
    try {
      const wasOpen = id === this.currentId;
      const deleted = this.store.remove(id);
      this.lastChange = { kind: 'delete', before: deleted, wasOpen };
      this.refresh();
      this.notify('info', `Deleted “${deleted.model.name}”.`, undefined, true);
    } catch (error) {
      this.reportFailure(error, 'The scenario was not deleted');
    }
  }

  /**
   * Takes back the last delete (the scenario comes back, open again if it was) or overwrite (the
   * saved version comes back; what is on screen stays, as unsaved changes).
   */
  undoLast(): void {
    const change = this.lastChange;
    if (change === undefined) return;
    const scenario = change.before;
    try {
      this.store.restore(scenario);
      this.lastChange = undefined;
      this.notices = this.notices.filter((notice) => !notice.undo);
      this.refresh();
      if (change.wasOpen) this.currentId = scenario.id;
      this.notify('info', change.kind === 'delete'
        ? `Restored “${scenario.model.name}”.`
        : `Put back “${scenario.model.name}” as saved before; your changes are still on screen, unsaved.`);
    } catch (error) {
      this.reportFailure(error, 'The scenario could not be restored');
    }
  }

  toggleCompare(id: string, compared: boolean): void {
    if (!compared) {
      this.compareIds = this.compareIds.filter((other) => other !== id);
    } else if (this.compareIds.length >= MAX_COMPARED) {
      this.notify('error', `Compare up to ${MAX_COMPARED} scenarios at a time; untick one first.`);
    } else if (!this.compareIds.includes(id)) {
      this.compareIds = [...this.compareIds, id];
    }
    if (!this.compareIds.includes(this.baselineId)) this.baselineId = this.compareIds[0] ?? '';
    this.store.saveComparison({ ids: this.compareIds, baselineId: this.baselineId });
    this.host.requestUpdate();
  }

  setBaseline(id: string): void {
    this.baselineId = id;
    this.store.saveComparison({ ids: this.compareIds, baselineId: this.baselineId });
    this.host.requestUpdate();
  }

  notify(kind: Notice['kind'], text: string, details?: string[], undo = false): void {
    const notice: Notice = { id: this.nextNoticeId++, kind, text, ...(details ? { details } : {}), ...(undo ? { undo } : {}) };
    // Only the latest confirmation and the latest Undo offer stay; errors stay until dismissed.
    const kept = this.notices.filter((other) => (undo ? !other.undo : true) && (kind === 'info' && !undo ? other.kind !== 'info' || other.undo : true));
    this.notices = [...kept, notice].slice(-MAX_NOTICES);
    this.host.requestUpdate();
  }

  dismiss(id: number): void {
    this.notices = this.notices.filter((notice) => notice.id !== id);
    this.host.requestUpdate();
  }

  private reportFailure(error: unknown, summary: string): void {
    if (error instanceof StorageFullError) this.notify('error', error.message);
    else if (error instanceof ModelError) this.notify('error', `${summary}:`, error.issues.map((issue) => issue.message));
    else if (error instanceof Error) this.notify('error', `${summary}: ${error.message}`);
    else throw error;
  }
}
