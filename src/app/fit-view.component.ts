import { LitElement, html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { type Model, channelList, modelChannels } from '../engine/index.ts';
import type { ColumnRole } from '../engine/fit/history-table.ts';
import { HISTORY_FREQUENCIES } from '../engine/fit/read-history.ts';
import { appEvent } from './app-events.ts';
import { type ColumnChoice, choiceOf, choiceOptions } from './fit-columns.ts';
import { FitController } from './fit-controller.ts';
import { describeFitProgress } from './fit-progress.ts';
import './fit-results.component.ts';
import { loadFitExample } from './fit-start.ts';
import { fitViewStyles } from './fit-view.styles.ts';
import { formatsFor } from './format.ts';
import {
  type HistoryReading, NO_HISTORY, type StartOverride, chooseColumn, followModel, openHistory, problemText, refusedFile, startModelOf,
  useHistoryGranularity, withFileMessage,
} from './history-reading.ts';

/**
 * "Fit to your data": open or drop a history CSV, see how its columns are read (each column's
 * select changes it, as the command's --target, --map and --ignore do), fit the starting model
 * to it in a Web Worker with progress and Cancel, and see the fit (`fit-results`), whose
 * "Use the fitted model" the shell turns into an undoable edit kept as a scenario.
 *
 * The starting model is the current model (`model`), unless the history is at another
 * granularity and the person chose to fit at the history's, or the example is loaded with its
 * own weekly starting model; either is said on screen.
 *
 * Nothing here changes the plan: a file that cannot be read, a column read wrongly or a failed
 * fit shows its message (the reader's, naming the row and column) and the last good table and
 * fit stay. While another fit runs, and after it is cancelled or fails, the last fit that finished
 * stays on screen, usable, under a line that says it is the previous one. Column names and cells
 * appear in messages only as text.
 *
 * The keyboard focus follows the steps: the example's table of columns once it is read, Cancel
 * while a fit runs, the results' heading when the fit finishes, "Fit the model" after a cancel or
 * a failure; a pressed button that goes away never leaves the focus on the page.
 *
 * @event fit-close - the person closed the view
 * @event fit-use - sent up from `fit-results`: `{ model }`, the fitted model to plan with
 */
export class FitView extends LitElement {
  static override styles = fitViewStyles;
  static override properties = {
    model: { attribute: false },
    reading: { state: true },
    dragging: { state: true },
    loading: { state: true },
  };

  /** The current model: the fit's starting model unless the view says otherwise. */
  declare model: Model | undefined;
  /** The history on screen and how it reads (history-reading.ts). */
  declare private reading: HistoryReading;
  declare private dragging: boolean;
  declare private loading: boolean;
  private readonly fit = new FitController(this);
  /** What had the focus in this view when an update began: a button the update removes or disables takes it away (see `updated`). */
  private focusedBeforeUpdate: Element | null = null;

  constructor() {
    super();
    this.model = undefined;
    this.reading = NO_HISTORY;
    this.dragging = false;
    this.loading = false;
  }

  /** The model the fit starts from. */
  get startModel(): Model | undefined {
    return startModelOf(this.reading, this.model);
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    // A new current model (an edit, an undo) is a new start when the view follows it; the reader
    // reads again only if its channels or granularity changed, not at every step of a slider.
    if (changed.has('model')) this.reading = followModel(this.reading, this.model);
    this.focusedBeforeUpdate = this.shadowRoot?.activeElement ?? null;
  }

  override updated(): void {
    const focused = this.focusedBeforeUpdate;
    this.focusedBeforeUpdate = null;
    if (focused === null || (focused.isConnected && !(focused instanceof HTMLButtonElement && focused.disabled))) return;
    // The element went away (Fit the model gives way to Cancel and back, Fit at … granularity
    // goes once used) and the focus fell to the page, unless the person has moved it since.
    const active = this.shadowRoot?.activeElement ?? null;
    if (active === null || active === focused) void this.focusNextStep(focused.matches('[data-cancel]'));
  }

  /**
   * Puts the focus on what comes next: Cancel while a fit runs, the results when the fit waited
   * for is done (its Cancel button, which had the focus, went away), else Fit the model.
   */
  private async focusNextStep(cancelButtonWentAway: boolean): Promise<void> {
    const root = this.renderRoot;
    const status = this.fit.state.status;
    if (status === 'running') {
      root.querySelector<HTMLElement>('[data-cancel]')?.focus();
    } else if (status === 'done' && cancelButtonWentAway) {
      await root.querySelector('fit-results')?.focusHeading();
    } else {
      const fit = root.querySelector<HTMLButtonElement>('[data-fit]');
      (fit !== null && !fit.disabled ? fit : root.querySelector<HTMLElement>('#columns-heading') ?? root.querySelector<HTMLElement>('#fit-heading'))?.focus();
    }
  }

  override render() {
    const start = this.startModel;
    const { file, fileMessage } = this.reading;
    return html`
      <header class="head">
        <h2 id="fit-heading" tabindex="-1">Fit to your data</h2>
        <button type="button" class="close" @click=${() => this.dispatchEvent(appEvent('fit-close'))}>Close</button>
      </header>
      <p class="intro">Fit the model’s settings to your own history of spend and revenue, check the fit on the last weeks it did not see,
        then plan with the fitted model. The file needs a header row: a <code>date</code> column (the start of each period), the
        <code>revenue</code>, one spend column per channel named as the channel, and any demand drivers (price, promotions, …).</p>
      <div class=${this.dragging ? 'source dragging' : 'source'} @dragover=${this.onDragOver} @dragleave=${() => { this.dragging = false; }} @drop=${this.onDrop}>
        <div class="pick">
          <label for="history-file">Open a history CSV</label>
          <input id="history-file" type="file" accept=".csv,text/csv,text/plain" @change=${this.onFileChosen}>
          <span class="hint">or drop it here</span>
        </div>
        <button type="button" class="example" aria-disabled=${this.loading ? 'true' : 'false'} @click=${this.tryExample}>Try with example data</button>
      </div>
      ${fileMessage === undefined ? nothing : html`<p class="error" role="alert" data-file-message>${fileMessage}</p>`}
      ${start === undefined ? nothing : html`<p class="start" data-start>Starting model: <strong>${start.name}</strong>
        (${HISTORY_FREQUENCIES[start.periodsPerYear].name}, ${channelList(modelChannels(start)).length} channels)${this.reading.start === undefined ? ', the current model' : ''}.</p>`}
      ${this.reading.start === undefined ? nothing : html`<p class="note" role="status" data-start-note>${this.reading.start.note}</p>`}
      ${file === undefined ? nothing : this.renderColumns()}
      ${file === undefined ? nothing : this.renderRun()}
      ${this.renderOutcome()}`;
  }

  private renderColumns() {
    const start = this.startModel;
    const { file, roles, problem, summary, choiceProblem, granularity } = this.reading;
    const choices = choiceOptions(start === undefined ? [] : channelList(modelChannels(start)).map((channel) => channel.name));
    return html`
      <h3 id="columns-heading" tabindex="-1">Columns of ${file?.source}</h3>
      <div class="columns">
        <div class="wrap" tabindex="0" role="region" aria-labelledby="columns-heading">
          <table data-table="columns">
            <thead><tr><th scope="col">Column</th><th scope="col">Read as</th></tr></thead>
            <tbody>${roles.map((role) => html`<tr class=${problem?.column === role.column ? 'flagged' : ''}>
              <th scope="row">${role.column}</th>
              <td><select aria-label=${`Read column ${role.column} as`} .value=${live(choiceOf(role))} ?disabled=${this.fit.running}
                @change=${(event: Event) => this.choose(role.column, (event.target as HTMLSelectElement).value as ColumnChoice)}>
                ${choices.map((choice) => html`<option value=${choice.value} ?selected=${choice.value === choiceOf(role)}>${choice.label}</option>`)}
              </select><span class="holds">${holdsText(role)}</span></td>
            </tr>`)}</tbody>
          </table>
        </div>
        <div class="problems" aria-live="polite">
          ${choiceProblem === undefined ? nothing : html`<p class="error" data-choice-problem>${choiceProblem}</p>`}
          ${problem === undefined
            ? html`<p class="ok" data-read-ok>${summary}: ready to fit.</p>`
            : html`<p class="error" data-read-problem>${problemText(problem)}</p>
              ${granularity === undefined ? nothing : html`<p class="offer">The history reads as ${HISTORY_FREQUENCIES[granularity.periodsPerYear].name}.
                <button type="button" data-use-granularity @click=${this.useGranularity}>Fit at ${HISTORY_FREQUENCIES[granularity.periodsPerYear].name} granularity</button></p>`}`}
        </div>
      </div>`;
  }

  private renderRun() {
    const state = this.fit.state;
    if (state.status === 'running') {
      return html`<div class="run" data-fit-running>
        <progress max="1" .value=${state.fraction} aria-label="Fit progress"></progress>
        <span class="stage" aria-live="polite">${Math.round(state.fraction * 100)} % · ${state.stage}</span>
        <button type="button" data-cancel @click=${() => this.fit.cancel()}>Cancel</button>
        <p class="elapsed" data-elapsed>${describeFitProgress(performance.now() - state.startedAt, state.fraction)}</p>
      </div>`;
    }
    const problem = this.reading.problem;
    return html`<div class="run">
      <button type="button" class="primary" data-fit ?disabled=${problem !== undefined || this.startModel === undefined} @click=${this.runFit}>Fit the model</button>
      ${problem === undefined ? nothing : html`<span class="hint">Fix the problem above to fit.</span>`}
    </div>`;
  }

  private renderOutcome() {
    const state = this.fit.state;
    const completed = this.fit.completed;
    // The results on screen may be of another file, or of the starting model before later edits
    // (Use the fitted model plans with that one): say so whenever they are not of what is open now.
    const otherFile = completed !== undefined && completed.source !== this.reading.file?.source;
    const otherStart = completed !== undefined && completed.start !== this.startModel;
    const current = state.status === 'done' && !otherFile && !otherStart;
    return html`
      ${state.status === 'cancelled' ? html`<p class="status" role="status" data-fit-cancelled>Fit cancelled; nothing was changed.</p>` : nothing}
      ${state.status === 'failed' ? html`<p class="error" role="alert" data-fit-failed>The fit failed: ${problemText(state)}. Nothing was changed.</p>` : nothing}
      ${completed === undefined ? nothing : html`
        ${current ? nothing : html`<p class="note" data-fit-previous>${state.status === 'running'
          ? html`Until this fit finishes, the results below are <strong>the previous fit, of ${completed.source}</strong>.`
          : html`The results below are <strong>the last fit that finished, of ${completed.source}</strong>${otherStart
            ? ', from the starting model as it was then; fit again to fit the one above' : ''}.`}</p>`}
        <fit-results .result=${completed.result} .start=${completed.start} .source=${completed.source} .target=${completed.target} .ms=${completed.ms}
          .curves=${completed.curves} .formats=${formatsFor(completed.result.model)}></fit-results>`}`;
  }

  private onDragOver(event: DragEvent): void {
    event.preventDefault();
    if (event.dataTransfer !== null) event.dataTransfer.dropEffect = 'copy';
    this.dragging = true;
  }

  private onDrop(event: DragEvent): void {
    event.preventDefault();
    this.dragging = false;
    const file = event.dataTransfer?.files[0];
    if (file !== undefined) this.openFile(file);
  }

  private onFileChosen(event: Event): void {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    if (file !== undefined) this.openFile(file);
    // The same file chosen again (after fixing it) is a change too.
    input.value = '';
  }

  /** Reads a file the person chose; a file too large is refused before it is read. */
  async openFile(file: File): Promise<void> {
    const refused = refusedFile(file.name, file.size);
    if (refused !== undefined) {
      this.reading = withFileMessage(this.reading, refused);
      return;
    }
    let text: string;
    try {
      text = await file.text();
    } catch {
      this.reading = withFileMessage(this.reading, `${file.name} could not be read. Nothing was changed.`);
      return;
    }
    this.open(text, file.name, undefined);
  }

  /** Loads the example; the button is aria-disabled rather than disabled meanwhile, so that it keeps the focus. */
  private async tryExample(event: Event): Promise<void> {
    if (this.loading) return;
    const button = event.currentTarget as HTMLElement;
    this.loading = true;
    try {
      const example = await loadFitExample();
      this.open(example.text, example.source, {
        model: example.start,
        note: `The example comes with its own starting model, “${example.start.name}” (weekly, six channels), so the fit starts from it rather than from the current model. “Use the fitted model” then makes the fitted one current.`,
      });
      await this.updateComplete;
      // The table just read is the next thing to check; its heading names the file.
      if (this.shadowRoot?.activeElement === button) this.renderRoot.querySelector<HTMLElement>('#columns-heading')?.focus();
    } catch (error) {
      this.reading = withFileMessage(this.reading, `The example could not be loaded: ${error instanceof Error ? error.message : String(error)}. Nothing was changed.`);
    } finally {
      this.loading = false;
    }
  }

  private open(text: string, source: string, start: StartOverride | undefined): void {
    this.reading = openHistory(this.reading, text, source, start, this.model);
  }

  private choose(column: string, choice: ColumnChoice): void {
    this.reading = chooseColumn(this.reading, column, choice, this.model);
    // After a choice the reader cannot make, the select goes back to what the reader does.
    this.requestUpdate();
  }

  private useGranularity(): void {
    this.reading = useHistoryGranularity(this.reading, this.model);
  }

  private runFit(): void {
    const start = this.startModel;
    const { file, problem, options } = this.reading;
    if (file === undefined || start === undefined || problem !== undefined) return;
    this.fit.run({ text: file.text, start, history: options, fit: { source: file.source, advice: 'table' } });
  }
}

/** What a column holds, in words, beside its select. */
function holdsText(role: ColumnRole): string {
  if (role.role === 'date') return 'the start of each period';
  if (role.role === 'target') return 'what the model is fitted to';
  if (role.role === 'channel') return `${role.channel}’s spend per period`;
  if (role.role === 'driver') return role.kind === 'numeric' ? 'numbers: acts on demand' : 'text values: one effect per value';
  return 'left out';
}

customElements.define('fit-view', FitView);

declare global {
  interface HTMLElementTagNameMap { 'fit-view': FitView; }
}
