import { LitElement, css, html, nothing } from 'lit';
import { type AppEventDetails, type AppEventName, appEvent } from './app-events.ts';
import { repeat } from 'lit/directives/repeat.js';
import type { ModelIssue } from '../engine/index.ts';
import { fieldChange, messagesFor } from './field-events.ts';
import type { Scenario } from './scenario-store.ts';

/** A message for the person: what happened, or what went wrong and what to do. */
export interface Notice {
  id: number;
  kind: 'info' | 'error';
  text: string;
  /** Details, such as each problem found in an imported file. */
  details?: string[];
  /** Offer Undo (after a delete or an overwrite). */
  undo?: boolean;
}

const MAX_COMPARED = 4;
const dateFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

/** Sends one of the panel's events (declared in app-events.ts). */
function emit<Name extends AppEventName>(target: EventTarget, name: Name, ...detail: AppEventDetails[Name] extends void ? [] : [AppEventDetails[Name]]): void {
  target.dispatchEvent(appEvent(name, ...detail));
}

/**
 * Saved scenarios and what to do with them: save, open, rename, duplicate, delete (with undo),
 * choose up to four to compare, share a link, export and import. Names are always rendered as
 * text, never as markup.
 *
 * Saving never writes over a scenario by surprise: with a scenario open, "Save changes to “…”"
 * is its own button (and can be undone), and the main button saves a new scenario as soon as the
 * name differs from the open one's. A rename being typed is kept when another tab renames or
 * saves meanwhile.
 *
 * @event field-change - `{ path: 'name', value }` when the scenario name is edited
 * @event scenario-save - `{ asNew }`: save the current plan as a new scenario, or (`asNew` false) over the open one
 * @event scenario-open / scenario-duplicate / scenario-delete - `{ id }`
 * @event scenario-rename - `{ id, name }`
 * @event scenario-undo - restore the scenario just deleted
 * @event compare-toggle - `{ id, compared }`
 * @event share-link / export-json / export-csv / export-figures-csv / print-report - the named action, on the current plan
 * @event import-file - `{ file }`; import-link - `{ text }`
 * @event notice-dismiss - `{ id }`
 */
export class ScenarioPanel extends LitElement {
  static override styles = css`
    :host { display: block; }
    button.save { max-width: 100%; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    label, .label { display: block; font-weight: 600; font-size: 0.88rem; margin-bottom: 3px; }
    input[type='text'], input[type='url'] {
      font: inherit; width: 100%; box-sizing: border-box; padding: var(--field-padding); border: 1px solid var(--field-border); border-radius: var(--field-radius); color: var(--field-text); background: var(--field-background);
    }
    input[aria-invalid='true'] { border-color: var(--colour-error); border-width: 2px; }
    button {
      font: inherit; font-size: 0.84rem; padding: 5px 10px; border-radius: 4px; border: 1px solid var(--colour-control-border); background: var(--colour-surface); color: var(--colour-text); cursor: pointer;
    }
    button.primary { background: var(--colour-brand); border-color: var(--colour-brand); color: var(--colour-on-dark); }
    button.link { border: none; background: none; padding: 2px 4px; color: var(--colour-link); text-decoration: underline; }
    button:focus-visible, input:focus-visible { outline: var(--focus-ring); outline-offset: 2px; }
    .row { display: flex; gap: 8px; flex-wrap: wrap; align-items: center; margin-top: 8px; }
    .error { margin: 4px 0 0; font-size: 0.8rem; color: var(--colour-error); font-weight: 600; }
    .notice { margin: 8px 0 0; padding: 8px 10px; border-radius: 6px; font-size: 0.85rem; display: flex; gap: 8px; align-items: flex-start; justify-content: space-between; }
    .notice.info { background: var(--colour-info-surface); border: 1px solid var(--colour-info-border); }
    .notice.error { background: var(--colour-error-surface); border: 1px solid var(--colour-error-border); }
    .notice ul { margin: 4px 0 0; padding-left: 18px; }
    .notice p { margin: 0; overflow-wrap: anywhere; }
    ul.saved { list-style: none; margin: 8px 0 0; padding: 0; }
    ul.saved li { border-top: 1px solid var(--colour-rule-faint); padding: 7px 0; }
    .scenario { display: flex; align-items: center; gap: 8px; }
    .scenario .name { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-weight: 600; }
    .scenario .current { font-size: 0.75rem; font-weight: 400; color: var(--colour-current); margin-left: 4px; }
    .meta { font-size: 0.75rem; color: var(--colour-text-muted); margin: 2px 0 0 26px; }
    .actions { display: flex; flex-wrap: wrap; gap: 2px 6px; margin: 3px 0 0 22px; }
    input[type='checkbox'] { width: 18px; height: 18px; flex: none; accent-color: var(--colour-accent); }
    h3 { font-size: 0.92rem; margin: 14px 0 4px; }
    .empty { font-size: 0.85rem; color: var(--colour-text-muted); margin: 6px 0 0; }
    .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
    label.button {
      display: inline-block; font-weight: 400; font-size: 0.84rem; margin: 0; padding: 5px 10px; border-radius: 4px; border: 1px solid var(--colour-control-border); background: var(--colour-surface); cursor: pointer;
    }
    .file:focus-within label.button { outline: var(--focus-ring); outline-offset: 2px; }
  `;

  static override properties = {
    scenarios: { attribute: false },
    currentId: { attribute: false },
    compareIds: { attribute: false },
    name: { attribute: false },
    issues: { attribute: false },
    notices: { attribute: false },
    unsaved: { type: Boolean },
    editingId: { state: true },
  };

  declare scenarios: readonly Scenario[];
  declare currentId: string | null;
  declare compareIds: readonly string[];
  /** The draft's name, as typed. */
  declare name: unknown;
  declare issues: readonly ModelIssue[];
  declare notices: readonly Notice[];
  /** What is on screen differs from the open scenario as saved. */
  declare unsaved: boolean;
  declare editingId: string | null;

  constructor() {
    super();
    this.scenarios = [];
    this.currentId = null;
    this.compareIds = [];
    this.name = '';
    this.issues = [];
    this.notices = [];
    this.unsaved = false;
    this.editingId = null;
  }

  override render() {
    const nameErrors = messagesFor(this.issues, 'name');
    const current = this.scenarios.find((scenario) => scenario.id === this.currentId);
    return html`
      <label for="scenario-name">Scenario name</label>
      <input id="scenario-name" type="text" autocomplete="off" .value=${typeof this.name === 'string' ? this.name : ''}
        aria-invalid=${nameErrors.length > 0 ? 'true' : 'false'} aria-describedby="name-error"
        @input=${(event: Event) => this.dispatchEvent(fieldChange('name', (event.target as HTMLInputElement).value))}>
      <p id="name-error" class="error">${nameErrors.join(' ')}</p>
      <div class="row">${this.renderSaveButtons(current)}</div>
      <div role="status" aria-live="polite">${this.notices.map((notice) => this.renderNotice(notice))}</div>

      <h3 id="saved-heading">Saved scenarios</h3>
      ${this.scenarios.length === 0
        ? html`<p class="empty">None yet. Saved scenarios stay in this browser; tick up to four to compare them.</p>`
        : html`<ul class="saved" aria-labelledby="saved-heading">${repeat(this.scenarios, (scenario) => scenario.id, (scenario) => this.renderScenario(scenario))}</ul>`}

      <h3>Share and export</h3>
      <div class="row">
        <button type="button" @click=${() => emit(this, 'share-link')}>Copy share link</button>
        <button type="button" @click=${() => emit(this, 'export-json')}>Model file (JSON)</button>
        <button type="button" @click=${() => emit(this, 'export-csv')}>Results (CSV)</button>
        <button type="button" @click=${() => emit(this, 'export-figures-csv')}>Key figures (CSV)</button>
        <button type="button" @click=${() => emit(this, 'print-report')}>Print report</button>
      </div>

      <h3>Import</h3>
      <div class="row">
        <span class="file">
          <input id="import-file" class="visually-hidden" type="file" accept=".json,application/json" @change=${this.onFile}>
          <label class="button" for="import-file">Open a model file…</label>
        </span>
      </div>
      <label for="link" style="margin-top:8px">Or paste a budget-sim link</label>
      <div class="row" style="margin-top:0">
        <input id="link" type="url" autocomplete="off" placeholder="https://…#scenario=…" style="flex:1;min-width:0">
        <button type="button" @click=${this.onLink}>Open link</button>
      </div>`;
  }

  /**
   * No scenario open: "Save scenario". One open: "Save changes to “name”" writes over it and
   * "Save as new" keeps it; the main one of the two is "Save as new" once the name was changed.
   */
  private renderSaveButtons(current: Scenario | undefined) {
    if (current === undefined) return html`<button class="primary save" type="button" @click=${() => emit(this, 'scenario-save', { asNew: true })}>Save scenario</button>`;
    const renamed = typeof this.name === 'string' && this.name !== current.model.name;
    const overwrite = html`<button class=${renamed ? 'save' : 'primary save'} type="button" title=${renamed ? `Replaces the saved “${current.model.name}” with what is on screen, named “${String(this.name)}”` : ''}
      @click=${() => emit(this, 'scenario-save', { asNew: false })}>Save changes to “${current.model.name}”</button>`;
    const asNew = html`<button class=${renamed ? 'primary save' : 'save'} type="button" @click=${() => emit(this, 'scenario-save', { asNew: true })}>Save as new</button>`;
    return renamed ? html`${asNew}${overwrite}` : html`${overwrite}${asNew}`;
  }

  private renderNotice(notice: Notice) {
    return html`<div class="notice ${notice.kind}" role=${notice.kind === 'error' ? 'alert' : 'status'}>
      <div>
        <p>${notice.text}</p>
        ${notice.details && notice.details.length > 0 ? html`<ul>${notice.details.map((detail) => html`<li>${detail}</li>`)}</ul>` : nothing}
      </div>
      <div class="row" style="margin:0;flex-wrap:nowrap">
        ${notice.undo ? html`<button type="button" @click=${() => emit(this, 'scenario-undo')}>Undo</button>` : nothing}
        <button class="link" type="button" aria-label="Dismiss message" @click=${() => emit(this, 'notice-dismiss', { id: notice.id })}>✕</button>
      </div>
    </div>`;
  }

  private renderScenario(scenario: Scenario) {
    const compared = this.compareIds.includes(scenario.id);
    const name = scenario.model.name;
    if (this.editingId === scenario.id) {
      return html`<li>
        <label for="rename">New name for ${name}</label>
        <div class="row" style="margin-top:0">
          <input id="rename" type="text" style="flex:1;min-width:0"
            @keydown=${(event: KeyboardEvent) => { if (event.key === 'Enter') this.finishRename(scenario.id); if (event.key === 'Escape') this.editingId = null; }}>
          <button type="button" @click=${() => this.finishRename(scenario.id)}>Rename</button>
          <button type="button" @click=${() => { this.editingId = null; }}>Cancel</button>
        </div>
      </li>`;
    }
    return html`<li data-scenario=${scenario.id}>
      <div class="scenario">
        <input type="checkbox" .checked=${compared} aria-label=${`Compare ${name}`}
          ?disabled=${!compared && this.compareIds.length >= MAX_COMPARED}
          @change=${(event: Event) => emit(this, 'compare-toggle', { id: scenario.id, compared: (event.target as HTMLInputElement).checked })}>
        <span class="name" title=${name}>${name}${scenario.id === this.currentId ? html`<span class="current">${this.unsaved ? '(open, unsaved changes)' : '(open)'}</span>` : nothing}</span>
      </div>
      <p class="meta">Saved ${dateFormat.format(new Date(scenario.savedAt))}</p>
      <div class="actions">
        <button class="link" type="button" aria-label=${`Open ${name}`} @click=${() => emit(this, 'scenario-open', { id: scenario.id })}>Open</button>
        <button class="link" type="button" aria-label=${`Rename ${name}`} @click=${() => this.startRename(scenario.id)}>Rename</button>
        <button class="link" type="button" aria-label=${`Duplicate ${name}`} @click=${() => emit(this, 'scenario-duplicate', { id: scenario.id })}>Duplicate</button>
        <button class="link" type="button" aria-label=${`Delete ${name}`} @click=${() => emit(this, 'scenario-delete', { id: scenario.id })}>Delete</button>
      </div>
    </li>`;
  }

  private async startRename(id: string): Promise<void> {
    this.editingId = id;
    await this.updateComplete;
    const input = this.renderRoot.querySelector<HTMLInputElement>('#rename');
    // Filled once, not bound: a rename or save in another tab re-renders the list, and must
    // not replace what is being typed here.
    if (input !== null) input.value = this.scenarios.find((scenario) => scenario.id === id)?.model.name ?? '';
    input?.focus();
    input?.select();
  }

  private finishRename(id: string): void {
    const input = this.renderRoot.querySelector<HTMLInputElement>('#rename');
    this.editingId = null;
    if (input !== null) emit(this, 'scenario-rename', { id, name: input.value });
  }

  private onFile(event: Event): void {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    if (file !== undefined) emit(this, 'import-file', { file });
    input.value = '';
  }

  private onLink(): void {
    const input = this.renderRoot.querySelector<HTMLInputElement>('#link');
    if (input === null) return;
    emit(this, 'import-link', { text: input.value });
    input.value = '';
  }
}

customElements.define('scenario-panel', ScenarioPanel);

declare global {
  interface HTMLElementTagNameMap { 'scenario-panel': ScenarioPanel; }
}
