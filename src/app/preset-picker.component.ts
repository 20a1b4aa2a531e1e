import { LitElement, css, html } from 'lit';
import { appEvent } from './app-events.ts';
import { live } from 'lit/directives/live.js';
import { fieldChange } from './field-events.ts';
import { HORIZON_PATH, type Lesson } from '../engine/index.ts';
import type { Preset } from './presets.ts';

/**
 * Chooses a ready-made scenario from `models/` and shows its lesson (the model file's `lesson`)
 * in three parts: the situation, what to try and what to notice. "Try it" applies the "what to try" change by sending
 * the events the controls send for the same edit (`field-change`, `horizon-change`), so the shell
 * treats it as an ordinary edit and Undo takes it back. A preset without a lesson shows its
 * description.
 *
 * @event preset-change - `{ id }` when a preset is chosen
 * @event field-change - `{ path, value }` for each field the lesson's "Try it" changes
 * @event horizon-change - `{ horizonYears }` when the lesson's "Try it" changes the horizon
 */
export class PresetPicker extends LitElement {
  static override styles = css`
    :host { display: block; }
    label { display: block; font-weight: 600; font-size: 0.88rem; margin-bottom: 3px; }
    select { font: inherit; width: 100%; padding: var(--field-padding); border: 1px solid var(--field-border); border-radius: var(--field-radius); background: var(--field-background); color: var(--field-text); }
    select:focus-visible, button:focus-visible { outline: var(--focus-ring); outline-offset: 2px; }
    .lesson { margin: 8px 0 0; padding: 10px 12px; background: var(--colour-tinted); border-left: 4px solid var(--colour-accent); border-radius: 4px; font-size: 0.86rem; line-height: 1.45; }
    .lesson h3 { margin: 0 0 6px; font-size: 0.92rem; }
    .lesson dl { margin: 0; display: grid; gap: 8px; }
    .lesson dt { font-weight: 600; font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.03em; color: var(--colour-lesson-label); }
    .lesson dd { margin: 1px 0 0; overflow-wrap: anywhere; }
    .try { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 10px; }
    button { font: inherit; font-weight: 600; padding: 4px 12px; border: 1px solid var(--colour-accent); border-radius: 4px; background: var(--colour-accent); color: var(--colour-on-dark); cursor: pointer; min-height: 32px; }
    button:hover { background: var(--colour-accent-dark); }
    .applied { font-size: 0.8rem; color: var(--colour-lesson-label); }
    .description { margin: 8px 0 0; font-size: 0.86rem; line-height: 1.45; }
  `;

  static override properties = {
    presets: { attribute: false },
    selected: { type: String },
    applied: { state: true },
  };

  declare presets: readonly Preset[];
  /** The chosen preset's id, or '' when the plan on screen did not come from a preset. */
  declare selected: string;
  /** The preset whose "Try it" was last clicked, for the note that Undo takes it back. */
  declare private applied: string;

  constructor() {
    super();
    this.presets = [];
    this.selected = '';
    this.applied = '';
  }

  // The select shows `selected` whenever it changes (an undo can bring back an earlier preset):
  // `?selected` on the options sets the first render, and `.value` (live) every later one, since
  // an option's selected attribute no longer moves a select that a person has already changed.
  override render() {
    const current = this.presets.find((preset) => preset.id === this.selected);
    return html`
      <label for="preset">Preset</label>
      <select id="preset" .value=${live(this.selected)} @change=${this.onChange}>
        ${this.selected === '' ? html`<option value="" selected disabled>Your own plan (from a link, a file or a saved scenario)</option>` : null}
        ${this.presets.map((preset) => html`<option value=${preset.id} ?selected=${preset.id === this.selected}>${preset.model.name}</option>`)}
      </select>
      ${current?.model.lesson
        ? this.renderLesson(current.id, current.model.lesson)
        : current?.model.description
          ? html`<p class="lesson description" aria-live="polite"><strong>About this preset</strong> ${current.model.description}</p>`
          : null}`;
  }

  private renderLesson(id: string, lesson: Lesson) {
    return html`
      <section class="lesson" aria-labelledby="lesson-heading" aria-live="polite">
        <h3 id="lesson-heading">The lesson</h3>
        <dl>
          <div><dt>Situation</dt><dd part="situation">${lesson.situation}</dd></div>
          <div><dt>What to try</dt><dd part="try">
            <span class="try"><span id="try-text">${lesson.tryThis}</span>
              <button type="button" aria-describedby="try-text" @click=${() => this.tryLesson(id, lesson)}>Try it</button></span>
            ${this.applied === id ? html`<span class="applied" role="status">Applied as an edit: Undo (Ctrl+Z) takes it back.</span>` : null}
          </dd></div>
          <div><dt>What to notice</dt><dd part="notice">${lesson.notice}</dd></div>
        </dl>
      </section>`;
  }

  private onChange(event: Event): void {
    const id = (event.target as HTMLSelectElement).value;
    this.applied = '';
    this.dispatchEvent(appEvent('preset-change', { id }));
  }

  /** Sends the edits a person would make by hand, one event per setting, in the lesson's order. */
  private tryLesson(id: string, lesson: Lesson): void {
    for (const { path, value } of lesson.change) {
      if (path === HORIZON_PATH) {
        this.dispatchEvent(appEvent('horizon-change', { horizonYears: value }));
      } else {
        this.dispatchEvent(fieldChange(path, value));
      }
    }
    this.applied = id;
  }
}

customElements.define('preset-picker', PresetPicker);

declare global {
  interface HTMLElementTagNameMap { 'preset-picker': PresetPicker; }
}
