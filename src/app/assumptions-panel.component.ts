import { LitElement, css, html } from 'lit';
import { type FieldGroup, type ModelIssue, NUMBER_FIELDS } from '../engine/index.ts';
import { fieldDisplay } from './field-display.ts';
import { fieldChange, messagesFor } from './field-events.ts';
import { periodName } from './format.ts';
import { type Draft, readField } from './model-draft.ts';
import './number-field.component.ts';
import { GLOSSARY } from './glossary.ts';
import { parseAmount } from './parse-amount.ts';

const GROUPS: { group: FieldGroup; intro: string }[] = [
  { group: 'Market', intro: 'The buyers there are to win.' },
  { group: 'Brand', intro: 'Brand equity: the lasting strength that upstream spend builds, on a 0–1 scale (0.37: roughly 37 % of buyers think of the brand first).' },
  { group: 'Upstream', intro: 'Research, brand building, positioning: slow, lagged, lasting.' },
  { group: 'Downstream', intro: 'Ads, promotions, conversion work: fast, fading, saturating.' },
  { group: 'Economics', intro: 'What a sale is worth and how future money is valued.' },
];

/**
 * Every assumption of the model, grouped as Market, Brand, Upstream, Downstream and Economics,
 * each with its unit and a one-line explanation, built from the engine's field table.
 *
 * @event field-change - `{ path, value }` when an assumption is edited
 * @event reset-preset - when "Reset to preset" is pressed
 */
export class AssumptionsPanel extends LitElement {
  static override styles = css`
    :host { display: block; }
    .top { display: flex; justify-content: space-between; align-items: center; gap: 8px; flex-wrap: wrap; margin-bottom: 8px; }
    .top p { margin: 0; font-size: 0.85rem; color: #444; }
    button {
      font: inherit; font-size: 0.85rem; padding: 5px 12px; border-radius: 4px; border: 1px solid #666; background: #fff; cursor: pointer; color: #111;
    }
    button:focus-visible { outline: 3px solid var(--focus, #0072B2); outline-offset: 2px; }
    fieldset { border: 1px solid #d6d6d6; border-radius: 6px; margin: 0 0 12px; padding: 8px 12px 12px; }
    legend { font-weight: 700; padding: 0 4px; }
    .intro { margin: 0 0 8px; font-size: 0.8rem; color: #555; }
    .fields { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 12px; }
    label { display: block; font-weight: 600; font-size: 0.88rem; margin-bottom: 3px; }
    input {
      font: inherit; width: 100%; box-sizing: border-box; padding: 6px 8px; border: 1px solid #8a8a8a; border-radius: 4px;
    }
    input:focus-visible { outline: 3px solid var(--focus, #0072B2); outline-offset: 1px; }
    /* Thicker by a shadow, not by the border: the box keeps its size, so nothing moves. */
    input[aria-invalid='true'] { border-color: #B00020; box-shadow: 0 0 0 1px #B00020; }
    .help { margin: 3px 0 0; font-size: 0.78rem; color: #555; }
    .error { margin: 4px 0 0; font-size: 0.8rem; color: #B00020; font-weight: 600; }
    .wide { grid-column: 1 / -1; }
    details.words { border-top: 1px solid #d6d6d6; padding-top: 8px; }
    details.words summary { cursor: pointer; font-weight: 700; }
    details.words summary:focus-visible { outline: 3px solid var(--focus, #0072B2); outline-offset: 2px; border-radius: 4px; }
    details.words dl { margin: 8px 0 0; font-size: 0.84rem; }
    details.words dt { font-weight: 600; margin-top: 8px; }
    details.words dd { margin: 2px 0 0; color: #333; }
  `;

  static override properties = {
    draft: { attribute: false },
    issues: { attribute: false },
    canReset: { type: Boolean },
  };

  declare draft: Draft;
  declare issues: readonly ModelIssue[];
  /** Whether the plan came from a preset that "Reset to preset" can go back to. */
  declare canReset: boolean;

  constructor() {
    super();
    this.draft = {};
    this.issues = [];
    this.canReset = true;
  }

  override render() {
    return html`
      <div class="top">
        <p>Every setting of the model. Amounts are per month, whatever the planning periods; percentages are typed as percent (40 means 40 %); amounts as 1,200,000, 1.2m or €1.2m.</p>
        ${this.canReset ? html`<button type="button" @click=${() => this.dispatchEvent(new CustomEvent('reset-preset', { bubbles: true, composed: true }))}>Reset to preset</button>` : null}
      </div>
      ${GROUPS.map(({ group, intro }) => html`<fieldset>
        <legend>${group}</legend>
        <p class="intro">${intro}</p>
        <div class="fields">
          ${NUMBER_FIELDS.filter((field) => field.group === group).map((field) => {
            const display = fieldDisplay(field.path)!;
            return html`<number-field
              label=${display.label} path=${field.path} .value=${readField(this.draft, field.path)}
              .kind=${display.kind} ?grouping=${display.grouping} suffix=${display.suffix} help=${display.help}
              .error=${messagesFor(this.issues, field.path).join(' ')}></number-field>`;
          })}
          ${group === 'Market' ? this.renderSeasonality() : null}
        </div>
      </fieldset>`)}
      <details class="words">
        <summary>Words used here</summary>
        <dl>${Object.values(GLOSSARY).map((entry) => html`<dt>${entry.term}</dt><dd>${entry.meaning}</dd>`)}</dl>
      </details>`;
  }

  /**
   * Seasonality is a list (or none), typed as numbers separated by commas: 12 monthly values
   * for any planning periods, or one per period of the year (4 quarters, 52 weeks).
   */
  private renderSeasonality() {
    const value = readField(this.draft, 'market.seasonality');
    const text = Array.isArray(value) ? value.join(', ') : '';
    const errors = messagesFor(this.issues, 'market.seasonality');
    const periods = readField(this.draft, 'periodsPerYear');
    const perYear = typeof periods === 'number' ? periods : 12;
    const count = Array.isArray(value) ? value.length : 0;
    const reading = count === 12 && perYear !== 12 ? ` Now: 12 monthly values, turned into ${perYear} ${periodName(perYear)}ly ones.` : '';
    const choices = perYear === 12
      ? '12 values, one per month (the plan’s first month first)'
      : `12 values, one per month (the plan’s first month first), or ${perYear}, one per ${periodName(perYear)}`;
    return html`<div class="wide">
      <label for="seasonality">Seasonality</label>
      <input id="seasonality" type="text" autocomplete="off" spellcheck="false" .value=${text}
        aria-invalid=${errors.length > 0 ? 'true' : 'false'} aria-describedby="seasonality-help seasonality-error"
        @change=${this.onSeasonality}>
      <p id="seasonality-help" class="help">Demand in each part of the year against an average of 1 (1.2 = 20 % busier): ${choices}, separated by commas. Leave empty for none.${reading}</p>
      <p id="seasonality-error" class="error" role=${errors.length > 0 ? 'alert' : 'none'}>${errors.join(' ')}</p>
    </div>`;
  }

  private onSeasonality(event: Event): void {
    const text = (event.target as HTMLInputElement).value.trim();
    const value = text === '' ? null : text.split(/[,;\s]+/).filter((part) => part !== '').map((part) => {
      const parsed = parseAmount(part, 'number');
      return parsed.ok ? parsed.value : part;
    });
    this.dispatchEvent(fieldChange('market.seasonality', value));
  }
}

customElements.define('assumptions-panel', AssumptionsPanel);

declare global {
  interface HTMLElementTagNameMap { 'assumptions-panel': AssumptionsPanel; }
}
