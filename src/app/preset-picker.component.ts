import { LitElement, css, html } from 'lit';
import type { Preset } from './presets.ts';

/**
 * Chooses a ready-made scenario from `models/` and shows its description as a short lesson:
 * the situation, what to try, what to notice.
 *
 * @event preset-change - `{ id }` when a preset is chosen
 */
export class PresetPicker extends LitElement {
  static override styles = css`
    :host { display: block; }
    label { display: block; font-weight: 600; font-size: 0.88rem; margin-bottom: 3px; }
    select { font: inherit; width: 100%; padding: 6px 8px; border: 1px solid #8a8a8a; border-radius: 4px; background: #fff; color: #111; }
    select:focus-visible { outline: 3px solid var(--focus, #0072B2); outline-offset: 2px; }
    .lesson { margin: 8px 0 0; padding: 10px 12px; background: #f3f7fb; border-left: 4px solid #0072B2; border-radius: 4px; font-size: 0.86rem; line-height: 1.45; }
    .lesson strong { display: block; margin-bottom: 2px; }
  `;

  static override properties = {
    presets: { attribute: false },
    selected: { type: String },
  };

  declare presets: readonly Preset[];
  /** The chosen preset's id, or '' when the plan on screen did not come from a preset. */
  declare selected: string;

  constructor() {
    super();
    this.presets = [];
    this.selected = '';
  }

  override render() {
    const current = this.presets.find((preset) => preset.id === this.selected);
    return html`
      <label for="preset">Preset</label>
      <select id="preset" @change=${this.onChange}>
        ${this.selected === '' ? html`<option value="" selected disabled>Your own plan (from a link, a file or a saved scenario)</option>` : null}
        ${this.presets.map((preset) => html`<option value=${preset.id} ?selected=${preset.id === this.selected}>${preset.model.name}</option>`)}
      </select>
      ${current?.model.description
        ? html`<p class="lesson" aria-live="polite"><strong>The lesson</strong>${current.model.description}</p>`
        : null}`;
  }

  override updated(): void {
    // An option's selected attribute does not move a choice the person has made (an undo of a
    // preset switch changes `selected` afterwards); the select's value does.
    const select = this.renderRoot.querySelector('select');
    if (select !== null && this.selected !== '' && select.value !== this.selected) select.value = this.selected;
  }

  private onChange(event: Event): void {
    const id = (event.target as HTMLSelectElement).value;
    this.dispatchEvent(new CustomEvent('preset-change', { detail: { id }, bubbles: true, composed: true }));
  }
}

customElements.define('preset-picker', PresetPicker);

declare global {
  interface HTMLElementTagNameMap { 'preset-picker': PresetPicker; }
}
