import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ALL_NUMBER_FIELDS } from '../engine/index.ts';
import type { Toast } from './action-toast.component.ts';
import { channelFieldAt } from './channel-field-display.ts';
import { EditHistory } from './edit-history.ts';
import type { Draft } from './model-draft.ts';

/** What one step of the edit history restores: the plan as typed, where it came from, and which saved scenario is open. */
export interface PlanSnapshot {
  draft: Draft;
  /** The preset the plan started from, or ''. */
  presetId: string;
  /** The saved scenario open at the time, or null. */
  scenarioId: string | null;
}

/** The step that applies the optimiser's plan; the optimiser panel's "Undo apply" takes back exactly this step. */
export const APPLY_PLAN_STEP = 'Apply the optimised plan';

const STEP_LIMIT = 100;
/** Slider steps and keystrokes in one field less than this apart are one step. */
const BURST_MS = 1000;

/** The history step for an edit of one field, in the field's own words. */
export function fieldStepLabel(path: string): string {
  if (path === 'name') return 'Edit the scenario name';
  if (path === 'startYear') return 'Edit the first calendar year';
  const channel = channelFieldAt(path);
  if (channel !== undefined) return `Edit ${channel.field.label.toLowerCase()} of ${channel.channel}`;
  const field = ALL_NUMBER_FIELDS.find((candidate) => candidate.path === path);
  return field === undefined ? `Edit ${path}` : `Edit ${field.label.toLowerCase()}`;
}

/**
 * Undo and redo for the planner: keeps each step of the plan in an EditHistory, applies the
 * shortcuts (Ctrl/Cmd+Z, Shift+Ctrl/Cmd+Z, Ctrl+Y) anywhere in the page except in a text box,
 * which keeps its own undo of what is typed, and holds the message about the last step (a
 * toast with Undo or Redo) that the host renders.
 *
 * The host records a snapshot after each change of the plan and restores one when asked.
 */
export class UndoController implements ReactiveController {
  readonly history: EditHistory<PlanSnapshot>;
  /** The message about the last step, or undefined. */
  toast: Toast | undefined;
  private readonly host: ReactiveControllerHost;
  private readonly restore: (snapshot: PlanSnapshot) => void;
  private nextToastId = 1;
  private readonly onKeyDown = (event: KeyboardEvent) => {
    const action = shortcutOf(event);
    if (action === undefined || event.defaultPrevented || editsText(event.composedPath()[0])) return;
    event.preventDefault();
    if (action === 'undo') this.undo();
    else this.redo();
  };

  constructor(host: ReactiveControllerHost, restore: (snapshot: PlanSnapshot) => void) {
    this.host = host;
    this.restore = restore;
    this.history = new EditHistory<PlanSnapshot>({ draft: {}, presetId: '', scenarioId: null }, { limit: STEP_LIMIT, burstMs: BURST_MS });
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('keydown', this.onKeyDown);
  }

  hostDisconnected(): void {
    window.removeEventListener('keydown', this.onKeyDown);
  }

  /** The plan the page opened on: nothing to undo before it. */
  start(snapshot: PlanSnapshot): void {
    this.history.reset(snapshot);
    this.host.requestUpdate();
  }

  /**
   * A new step. `announce` shows a message with Undo (for a step that replaces work, such as a
   * preset switch); `group` merges a burst of edits of one field into one step.
   */
  record(snapshot: PlanSnapshot, label: string, options: { group?: string; announce?: string } = {}): void {
    // A change that changes nothing (Reset on an untouched preset, the same value typed again)
    // is no step: an Undo that seems to do nothing would only confuse.
    if (sameSnapshot(snapshot, this.history.present)) {
      if (options.announce !== undefined) this.show(options.announce, undefined);
      return;
    }
    this.history.record(snapshot, label, { group: options.group });
    if (options.announce !== undefined) this.show(options.announce, 'undo');
    else if (this.toast?.offer === 'redo') this.toast = undefined; // nothing left to redo
    this.host.requestUpdate();
  }

  /** A change that is not a step of its own (a save, a rename of the open scenario). */
  replace(snapshot: PlanSnapshot): void {
    this.history.replacePresent(snapshot);
  }

  undo(): void {
    const move = this.history.undo();
    if (move === undefined) return;
    this.restore(move.state);
    this.show(`Undone: ${move.label}.`, this.history.canRedo ? 'redo' : undefined);
  }

  redo(): void {
    const move = this.history.redo();
    if (move === undefined) return;
    this.restore(move.state);
    this.show(`Redone: ${move.label}.`, 'undo');
  }

  /** A message without a step, such as why a change was not made. */
  tell(text: string): void {
    this.show(text, undefined);
  }

  dismiss(id: number): void {
    if (this.toast?.id === id) this.toast = undefined;
    this.host.requestUpdate();
  }

  private show(text: string, offer: Toast['offer']): void {
    this.toast = { id: this.nextToastId++, text, offer };
    this.host.requestUpdate();
  }
}

function sameSnapshot(a: PlanSnapshot, b: PlanSnapshot): boolean {
  return a.presetId === b.presetId && a.scenarioId === b.scenarioId && (a.draft === b.draft || JSON.stringify(a.draft) === JSON.stringify(b.draft));
}

/** 'undo' for Ctrl/Cmd+Z, 'redo' for Shift+Ctrl/Cmd+Z and Ctrl+Y, else undefined. */
function shortcutOf(event: KeyboardEvent): 'undo' | 'redo' | undefined {
  if (event.altKey || !(event.ctrlKey || event.metaKey)) return undefined;
  const key = event.key.toLowerCase();
  if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && event.ctrlKey && !event.metaKey && !event.shiftKey) return 'redo';
  return undefined;
}

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'url', 'tel', 'email', 'password', 'number', 'date', 'time', 'datetime-local', 'month', 'week']);

/** Whether the key press is in a box that edits text, whose own undo the browser keeps. */
function editsText(target: EventTarget | undefined): boolean {
  if (target instanceof HTMLTextAreaElement) return true;
  if (target instanceof HTMLInputElement) return TEXT_INPUT_TYPES.has(target.type);
  return target instanceof HTMLElement && target.isContentEditable;
}
