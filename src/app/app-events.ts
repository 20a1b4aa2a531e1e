import type { Model, OptimizedPlan } from '../engine/index.ts';
import type { Draft } from './model-draft.ts';

/**
 * Every custom event the app's components send up, with its detail, declared once.
 *
 * Controls never change the model themselves: they say what the person did, and the shell
 * decides what happens. Each event is sent with `appEvent` (it bubbles and crosses shadow roots,
 * so the shell hears it wherever it starts) and, because the map below is merged into the DOM's
 * `HTMLElementEventMap`, `addEventListener('field-change', (event) => event.detail.path)` is typed
 * without a cast. A test (tests/app/app-events.test.ts) checks that every event created in
 * src/app and src/charts is declared here.
 *
 * To add an event: add its name and detail to `AppEventDetails`, send it with `appEvent`, and
 * listen for it in the shell (`budget-sim-app.component.ts`, `listen`).
 */

/** A field was edited: `value` is a number when the text reads as one, else the text itself. */
export interface FieldChangeDetail {
  path: string;
  /** The new value; `undefined` leaves an optional setting out (such as `upstream.shortTerm`). */
  value: unknown;
  /**
   * The step's name in the edit history, for a choice (a switch, a select) that is one step of
   * its own. Unset for typing, whose keystrokes in one field merge into one step named after it.
   */
  step?: string;
}

/** Spend per period, t = 1 … T, as a model's `plan` holds it (the plan grid's rows). */
export interface GridPlan {
  upstream: number[];
  downstream: number[];
}

/** The plan grid's edit: the whole plan as it now reads. */
export interface PlanEditDetail {
  plan: GridPlan;
}

/**
 * The channel panels' edit: the whole draft after an edit that changes more than one field (add,
 * rename, remove or move a channel, a share with the others rescaled), one undo step named
 * `step`; edits with the same `group` a moment apart merge into one step.
 */
export interface ChannelEditDetail {
  draft: Draft;
  step: string;
  group?: string;
}

/** Which view the results show: the plan on screen, or the compared scenarios. */
export type ResultsView = 'plan' | 'compare';

/** Each event's name and the detail it carries (`void`: none). */
export interface AppEventDetails {
  // The plan and its assumptions (plan-controls, assumptions-panel, number-field, preset-picker, …)
  'field-change': FieldChangeDetail;
  'horizon-change': { horizonYears: number };
  'periods-change': { periodsPerYear: number };
  'split-mode-change': { byYear: boolean };
  'preset-change': { id: string };
  'reset-preset': void;
  // Channels (channel-editor and the channel panels)
  'channels-edit': ChannelEditDetail;
  // The plan period by period (plan-grid, plan-controls) and the optimiser's plan (optimizer-panel)
  'plan-edit': PlanEditDetail;
  'plan-clear': void;
  'plan-apply': { plan: OptimizedPlan };
  'plan-undo': void;
  // A search of the optimiser finished (optimizer-panel): its plan for `model`, marked on the response curves
  'plan-found': { plan: OptimizedPlan; model: Model };
  // Saved scenarios, links and files (scenario-panel, scenario-comparison)
  'scenario-save': { asNew: boolean };
  'scenario-open': { id: string };
  'scenario-rename': { id: string; name: string };
  'scenario-duplicate': { id: string };
  'scenario-delete': { id: string };
  'scenario-undo': void;
  'compare-toggle': { id: string; compared: boolean };
  'baseline-change': { id: string };
  'notice-dismiss': { id: number };
  'share-link': void;
  'export-json': void;
  'export-csv': void;
  'export-figures-csv': void;
  'print-report': void;
  'import-file': { file: File };
  'import-link': { text: string };
  // Edit history and views (undo-buttons, action-toast, sticky-summary)
  'history-undo': void;
  'history-redo': void;
  'toast-dismiss': { id: number };
  'view-change': { view: ResultsView };
  // Fit to your data (fit-view, fit-results): plan with the fitted model; close the view
  'fit-use': { model: Model };
  'fit-close': void;
}

export type AppEventName = keyof AppEventDetails;

/** The events as the DOM types them: each a `CustomEvent` of its detail. */
export type AppEventMap = { [Name in AppEventName]: CustomEvent<AppEventDetails[Name]> };

declare global {
  interface HTMLElementEventMap extends AppEventMap {}
}

/**
 * An app event, ready to dispatch: it bubbles and is composed, so it leaves the component's
 * shadow root and reaches the shell. An event without a detail takes no second argument.
 */
export function appEvent<Name extends AppEventName>(
  name: Name, ...detail: AppEventDetails[Name] extends void ? [] : [AppEventDetails[Name]]
): AppEventMap[Name] {
  return new CustomEvent(name, { detail: detail[0], bubbles: true, composed: true }) as AppEventMap[Name];
}

/** Every event name, for the test that checks each one sent is declared (kept in step by the type). */
export const APP_EVENT_NAMES: readonly AppEventName[] = Object.keys({
  'field-change': 0, 'horizon-change': 0, 'periods-change': 0, 'split-mode-change': 0, 'preset-change': 0, 'reset-preset': 0, 'channels-edit': 0,
  'plan-edit': 0, 'plan-clear': 0, 'plan-apply': 0, 'plan-undo': 0, 'plan-found': 0,
  'scenario-save': 0, 'scenario-open': 0, 'scenario-rename': 0, 'scenario-duplicate': 0, 'scenario-delete': 0, 'scenario-undo': 0,
  'compare-toggle': 0, 'baseline-change': 0, 'notice-dismiss': 0, 'share-link': 0, 'export-json': 0, 'export-csv': 0,
  'export-figures-csv': 0, 'print-report': 0, 'import-file': 0, 'import-link': 0,
  'history-undo': 0, 'history-redo': 0, 'toast-dismiss': 0, 'view-change': 0, 'fit-use': 0, 'fit-close': 0,
} satisfies Record<AppEventName, 0>) as AppEventName[];

/**
 * Listens on `target` for each event in `handlers`, typed by the map; returns a function that
 * removes every listener it added.
 */
export function listenAll(target: EventTarget, handlers: { [Name in AppEventName]?: (event: AppEventMap[Name]) => void }): () => void {
  const added = Object.entries(handlers) as [AppEventName, (event: Event) => void][];
  for (const [name, handler] of added) target.addEventListener(name, handler);
  return () => { for (const [name, handler] of added) target.removeEventListener(name, handler); };
}
