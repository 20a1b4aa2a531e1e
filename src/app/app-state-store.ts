import type { ReactiveControllerHost } from 'lit';
import type { Model, ModelIssue } from '../engine/index.ts';
import { plainIssues } from './field-messages.ts';
import { type Draft, checkDraft } from './model-draft.ts';
import { type PlanResults, PlanResultsCalculator } from './plan-results.ts';

/** What changed, told to every listener after each change of the draft. */
export interface DraftChange {
  draft: Draft;
  /** The draft as a valid model, or undefined when the draft is invalid (the last valid model stays). */
  validModel: Model | undefined;
}

/**
 * The plan on screen, in one place: the draft (what the person typed, possibly invalid), the
 * last valid model with its results, the problems with the draft, and the preset it started
 * from. Only this store changes them: each change validates the draft with the engine, keeps
 * the last valid model and results when it is invalid (so nothing ever shows NaN), asks the host
 * to render and tells its listeners (the shell saves the working state and writes the link).
 *
 * Which saved scenario is open is the scenarios controller's; what an undo step holds is the
 * undo controller's; this store holds only the plan.
 */
export class AppStateStore {
  private readonly host: Pick<ReactiveControllerHost, 'requestUpdate'>;
  private readonly calculator = new PlanResultsCalculator();
  private readonly listeners: ((change: DraftChange) => void)[] = [];
  private currentDraft!: Draft;
  private currentModel!: Model;
  private currentResults!: PlanResults;
  private currentIssues: readonly ModelIssue[] = [];
  private currentPresetId = '';

  /** @param host the component that renders the state: asked to render after each change */
  constructor(host: Pick<ReactiveControllerHost, 'requestUpdate'>) {
    this.host = host;
  }

  /** The draft as typed (the fields show it). */
  get draft(): Draft { return this.currentDraft; }
  /** The last valid model: the draft's when it is valid. */
  get model(): Model { return this.currentModel; }
  /** The last valid model's results. */
  get results(): PlanResults { return this.currentResults; }
  /** The draft's problems, worded for the screen (labels and the units the boxes show). */
  get issues(): readonly ModelIssue[] { return this.currentIssues; }
  /** True while the draft is invalid and the results are the last valid model's. */
  get stale(): boolean { return this.currentIssues.length > 0; }
  /** The preset the plan started from, or '' for a plan from a link, a file or a saved scenario. */
  get presetId(): string { return this.currentPresetId; }

  /** Called after every change of the draft (not for the preset alone). */
  onDraftChange(listener: (change: DraftChange) => void): void {
    this.listeners.push(listener);
  }

  /** Shows a draft: validated, and if valid, its results; the last valid ones stay otherwise. */
  setDraft(draft: Draft): void {
    this.currentDraft = draft;
    const check = checkDraft(draft);
    // Worded for the screen: labels and the units the boxes show, not the file's paths (field-messages.ts).
    this.currentIssues = plainIssues(check.issues, draft);
    if (check.model !== undefined) this.show(check.model);
    this.host.requestUpdate();
    for (const listener of this.listeners) listener({ draft, validModel: check.model });
  }

  /**
   * Puts back a saved draft with the last valid model it had: the draft may be invalid (its
   * text stays in its fields), in which case `lastValid`'s results are shown.
   */
  restore(draft: Draft, lastValid: Model): void {
    this.show(lastValid);
    this.setDraft(draft);
  }

  setPresetId(presetId: string): void {
    this.currentPresetId = presetId;
    this.host.requestUpdate();
  }

  private show(model: Model): void {
    this.currentModel = model;
    this.currentResults = this.calculator.compute(model);
  }
}
