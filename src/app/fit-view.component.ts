import { LitElement, html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { type Model, channelList, modelChannels } from '../engine/index.ts';
import { HistoryError, type ColumnRole, type HistoryOptions } from '../engine/fit/history-table.ts';
import type { PeriodsPerYear } from '../engine/model/model.ts';
import { HISTORY_FREQUENCIES, MAX_HISTORY_BYTES, historyColumns, readHistory } from '../engine/fit/read-history.ts';
import { appEvent } from './app-events.ts';
import { type ColumnChoice, choiceOf, choiceOptions, historyOptionsFor, withChoice } from './fit-columns.ts';
import { FitController } from './fit-controller.ts';
import { describeFitProgress } from './fit-progress.ts';
import './fit-results.component.ts';
import { loadFitExample, modelAtGranularity } from './fit-start.ts';
import { fitViewStyles } from './fit-view.styles.ts';
import { formatsFor } from './format.ts';

/** A problem with the history as read: the reader's message, with its row and column where it has them. */
interface ReadProblem {
  message: string;
  row: number | null;
  column: string | null;
}

/** The starting model when it is not the current model, and what to tell the person about it. */
interface StartOverride {
  model: Model;
  note: string;
}

const GRANULARITIES: readonly PeriodsPerYear[] = [52, 12, 4];

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
 * fit stay. Column names and cells appear in messages only as text.
 *
 * @event fit-close - the person closed the view
 * @event fit-use - sent up from `fit-results`: `{ model }`, the fitted model to plan with
 */
export class FitView extends LitElement {
  static override styles = fitViewStyles;
  static override properties = {
    model: { attribute: false },
    file: { state: true },
    start: { state: true },
    roles: { state: true },
    options: { state: true },
    readProblem: { state: true },
    readSummary: { state: true },
    choiceProblem: { state: true },
    fileMessage: { state: true },
    granularity: { state: true },
    dragging: { state: true },
    loading: { state: true },
  };

  /** The current model: the fit's starting model unless the view says otherwise. */
  declare model: Model | undefined;
  /** The history being fitted: its text and its file's name. */
  declare private file: { text: string; source: string } | undefined;
  declare private start: StartOverride | undefined;
  /** How each column is read, as the reader reports it for `options`. */
  declare private roles: ColumnRole[];
  declare private options: HistoryOptions;
  /** Why the history cannot be fitted as read (from `readHistory`), or undefined when it can. */
  declare private readProblem: ReadProblem | undefined;
  /** What the history holds when it reads: "156 weekly rows, 2023-01-02 to 2025-12-22". */
  declare private readSummary: string;
  /** Why the last choice in the table could not be made (the table stays as it was). */
  declare private choiceProblem: string | undefined;
  /** Why the last file could not be opened at all (the previous one stays). */
  declare private fileMessage: string | undefined;
  /** The history's own granularity, when the starting model's is not it and the history reads at it. */
  declare private granularity: { periodsPerYear: PeriodsPerYear; model: Model } | undefined;
  declare private dragging: boolean;
  declare private loading: boolean;
  private readonly fit = new FitController(this);
  /** The starting model's channels and granularity when the columns were last read (`readerKey`). */
  private readFor = '';

  constructor() {
    super();
    this.model = undefined;
    this.file = undefined;
    this.start = undefined;
    this.roles = [];
    this.options = {};
    this.readProblem = undefined;
    this.readSummary = '';
    this.choiceProblem = undefined;
    this.fileMessage = undefined;
    this.granularity = undefined;
    this.dragging = false;
    this.loading = false;
  }

  /** The model the fit starts from. */
  get startModel(): Model | undefined {
    return this.start?.model ?? this.model;
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    // A new current model (an edit, an undo) is a new start when the view follows it. The reader
    // depends only on its channels and granularity, so the columns are read again only when
    // those change, not at every step of a slider.
    if (!changed.has('model') || this.start !== undefined || this.file === undefined) return;
    const key = readerKey(this.model);
    if (key !== this.readFor) this.readColumns();
  }

  override render() {
    const start = this.startModel;
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
        <button type="button" class="example" ?disabled=${this.loading} @click=${this.tryExample}>Try with example data</button>
      </div>
      ${this.fileMessage === undefined ? nothing : html`<p class="error" role="alert" data-file-message>${this.fileMessage}</p>`}
      ${start === undefined ? nothing : html`<p class="start" data-start>Starting model: <strong>${start.name}</strong>
        (${HISTORY_FREQUENCIES[start.periodsPerYear].name}, ${channelList(modelChannels(start)).length} channels)${this.start === undefined ? ', the current model' : ''}.</p>`}
      ${this.start === undefined ? nothing : html`<p class="note" role="status" data-start-note>${this.start.note}</p>`}
      ${this.file === undefined ? nothing : this.renderColumns()}
      ${this.file === undefined ? nothing : this.renderRun()}
      ${this.renderOutcome()}`;
  }

  private renderColumns() {
    const start = this.startModel;
    const channels = start === undefined ? [] : channelList(modelChannels(start)).map((channel) => channel.name);
    const choices = choiceOptions(channels);
    return html`
      <h3 id="columns-heading">Columns of ${this.file?.source}</h3>
      <div class="columns">
        <div class="wrap" tabindex="0" role="region" aria-labelledby="columns-heading">
          <table data-table="columns">
            <thead><tr><th scope="col">Column</th><th scope="col">Read as</th></tr></thead>
            <tbody>${this.roles.map((role) => html`<tr class=${this.readProblem?.column === role.column ? 'flagged' : ''}>
              <th scope="row">${role.column}</th>
              <td><select aria-label=${`Read column ${role.column} as`} .value=${live(choiceOf(role))} ?disabled=${this.fit.running}
                @change=${(event: Event) => this.choose(role.column, (event.target as HTMLSelectElement).value as ColumnChoice)}>
                ${choices.map((choice) => html`<option value=${choice.value} ?selected=${choice.value === choiceOf(role)}>${choice.label}</option>`)}
              </select><span class="holds">${holdsText(role)}</span></td>
            </tr>`)}</tbody>
          </table>
        </div>
        <div class="problems" aria-live="polite">
          ${this.choiceProblem === undefined ? nothing : html`<p class="error" data-choice-problem>${this.choiceProblem}</p>`}
          ${this.readProblem === undefined
            ? html`<p class="ok" data-read-ok>${this.readSummary}: ready to fit.</p>`
            : html`<p class="error" data-read-problem>${problemText(this.readProblem)}</p>
              ${this.granularity === undefined ? nothing : html`<p class="offer">The history reads as ${HISTORY_FREQUENCIES[this.granularity.periodsPerYear].name}.
                <button type="button" data-use-granularity @click=${this.useGranularity}>Fit at ${HISTORY_FREQUENCIES[this.granularity.periodsPerYear].name} granularity</button></p>`}`}
        </div>
      </div>`;
  }

  private renderRun() {
    const state = this.fit.state;
    if (state.status === 'running') {
      return html`<div class="run" data-fit-running>
        <progress max="1" .value=${state.fraction} aria-label="Fit progress"></progress>
        <span class="stage" aria-live="polite">${Math.round(state.fraction * 100)} % · ${state.stage}</span>
        <button type="button" @click=${() => this.fit.cancel()}>Cancel</button>
        <p class="elapsed" data-elapsed>${describeFitProgress(performance.now() - state.startedAt, state.fraction)}</p>
      </div>`;
    }
    return html`<div class="run">
      <button type="button" class="primary" data-fit ?disabled=${this.readProblem !== undefined || this.startModel === undefined} @click=${this.runFit}>Fit the model</button>
      ${this.readProblem === undefined ? nothing : html`<span class="hint">Fix the problem above to fit.</span>`}
    </div>`;
  }

  private renderOutcome() {
    const state = this.fit.state;
    if (state.status === 'cancelled') return html`<p class="status" role="status" data-fit-cancelled>Fit cancelled; nothing was changed.</p>`;
    if (state.status === 'failed') return html`<p class="error" role="alert" data-fit-failed>The fit failed: ${problemText(state)}. Nothing was changed.</p>`;
    if (state.status !== 'done') return nothing;
    return html`<fit-results .result=${state.result} .start=${state.start} .source=${state.source} .target=${state.target} .ms=${state.ms} .curves=${state.curves}
      .formats=${formatsFor(state.result.model)}></fit-results>`;
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
    if (file.size > MAX_HISTORY_BYTES) {
      this.fileMessage = `${file.name} is too large (${(file.size / 1024 / 1024).toFixed(1)} MB); a history file is at most ${MAX_HISTORY_BYTES / 1024 / 1024} MB. Nothing was changed.`;
      return;
    }
    let text: string;
    try {
      text = await file.text();
    } catch {
      this.fileMessage = `${file.name} could not be read. Nothing was changed.`;
      return;
    }
    this.openText(text, file.name, undefined);
  }

  private async tryExample(): Promise<void> {
    this.loading = true;
    try {
      const example = await loadFitExample();
      this.openText(example.text, example.source, {
        model: example.start,
        note: `The example comes with its own starting model, “${example.start.name}” (weekly, six channels), so the fit starts from it rather than from the current model. “Use the fitted model” then makes the fitted one current.`,
      });
    } catch (error) {
      this.fileMessage = `The example could not be loaded: ${error instanceof Error ? error.message : String(error)}. Nothing was changed.`;
    } finally {
      this.loading = false;
    }
  }

  /**
   * A new history: shown if its columns can be read at all (an empty file, or a header with a
   * nameless or repeated column, keeps the previous one on screen with the message).
   */
  openText(text: string, source: string, start: StartOverride | undefined): void {
    const model = start?.model ?? this.model;
    if (model === undefined) return;
    let roles: ColumnRole[];
    try {
      roles = historyColumns(text, model, {});
    } catch (error) {
      this.fileMessage = `${source} could not be read: ${error instanceof Error ? error.message : String(error)}. Nothing was changed.`;
      return;
    }
    this.fileMessage = undefined;
    this.choiceProblem = undefined;
    this.file = { text, source };
    this.start = start;
    this.roles = roles;
    this.options = {};
    this.check();
  }

  /** The columns read again for the current options and starting model. */
  private readColumns(): void {
    const model = this.startModel;
    if (this.file === undefined || model === undefined) return;
    try {
      this.roles = historyColumns(this.file.text, model, this.options);
    } catch {
      // The file's header read before, and neither the options nor the model change it.
    }
    this.check();
  }

  /** Whether the history reads for the fit as the table stands; if not, why, and whether it reads at another granularity. */
  private check(): void {
    const model = this.startModel;
    if (this.file === undefined || model === undefined) return;
    this.readFor = readerKey(model);
    this.granularity = undefined;
    try {
      const history = readHistory(this.file.text, model, this.options);
      this.readProblem = undefined;
      this.readSummary = `${history.dates.length} ${HISTORY_FREQUENCIES[history.periodsPerYear].name} rows, ${history.dates[0]} to ${history.dates[history.dates.length - 1]}, `
        + `${history.channels.length} channel${history.channels.length === 1 ? '' : 's'} and ${history.drivers.length} driver${history.drivers.length === 1 ? '' : 's'}`;
    } catch (error) {
      this.readProblem = error instanceof HistoryError
        ? { message: error.message, row: error.row, column: error.column }
        : { message: error instanceof Error ? error.message : String(error), row: null, column: null };
      this.granularity = this.otherGranularity(this.file.text, model);
    }
  }

  /** The granularity the history reads at, when it is not the starting model's, with the model converted to it. */
  private otherGranularity(text: string, model: Model): { periodsPerYear: PeriodsPerYear; model: Model } | undefined {
    for (const periodsPerYear of GRANULARITIES) {
      if (periodsPerYear === model.periodsPerYear) continue;
      const converted = modelAtGranularity(model, periodsPerYear);
      if (converted === undefined) continue;
      try {
        readHistory(text, converted, this.options);
        return { periodsPerYear, model: converted };
      } catch {
        // Not this one either.
      }
    }
    return undefined;
  }

  private choose(column: string, choice: ColumnChoice): void {
    const model = this.startModel;
    const date = this.roles.find((role) => role.role === 'date');
    if (model === undefined || date === undefined) return;
    const wanted = withChoice(this.roles, column, choice);
    const read = historyOptionsFor(wanted, date.column, channelList(modelChannels(model)).map((channel) => channel.name));
    if ('problem' in read) {
      this.choiceProblem = read.problem;
      // The select goes back to what the reader does.
      this.requestUpdate();
      return;
    }
    this.choiceProblem = undefined;
    this.options = read.options;
    this.readColumns();
  }

  private useGranularity(): void {
    const offer = this.granularity;
    const model = this.startModel;
    if (offer === undefined || model === undefined) return;
    const name = HISTORY_FREQUENCIES[offer.periodsPerYear].name;
    this.start = {
      model: offer.model,
      note: `Fitting at ${name} granularity, as the history is: the starting model is “${model.name}” with ${offer.periodsPerYear} periods a year, for this fit only.`,
    };
    this.readColumns();
  }

  private runFit(): void {
    const start = this.startModel;
    if (this.file === undefined || start === undefined || this.readProblem !== undefined) return;
    this.fit.run({ text: this.file.text, start, history: this.options, fit: { source: this.file.source } });
  }
}

/** What the reader reads a history by, of a starting model: its granularity and its channels. */
function readerKey(model: Model | undefined): string {
  if (model === undefined) return '';
  return JSON.stringify([model.periodsPerYear, channelList(modelChannels(model)).map((channel) => [channel.name, channel.side])]);
}

/** What a column holds, in words, beside its select. */
function holdsText(role: ColumnRole): string {
  if (role.role === 'date') return 'the start of each period';
  if (role.role === 'target') return 'what the model is fitted to';
  if (role.role === 'channel') return `${role.channel}’s spend per period`;
  if (role.role === 'driver') return role.kind === 'numeric' ? 'numbers: acts on demand' : 'text values: one effect per value';
  return 'left out';
}

/** A reader's message with its row and column up front when the message does not already name them. */
function problemText(problem: ReadProblem): string {
  const place = [problem.row === null ? '' : `row ${problem.row}`, problem.column === null ? '' : `column “${problem.column}”`].filter(Boolean).join(', ');
  if (place === '' || problem.message.startsWith('row ')) return capitalise(problem.message);
  return `${capitalise(place)}: ${problem.message}`;
}

function capitalise(text: string): string {
  return text.length === 0 ? text : text[0].toUpperCase() + text.slice(1);
}

customElements.define('fit-view', FitView);

declare global {
  interface HTMLElementTagNameMap { 'fit-view': FitView; }
}
