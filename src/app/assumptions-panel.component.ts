import { LitElement, css, html, nothing } from 'lit';
import { appEvent } from './app-events.ts';
import { live } from 'lit/directives/live.js';
import {
  CARRYOVER_BASELINE_FIELD, CARRYOVER_BASELINES, type CarryoverBaseline, type FieldGroup, type Model, type ModelIssue, NUMBER_FIELDS,
  type NumberField, startingEquity,
} from '../engine/index.ts';
import { EQUITY_FROM_HISTORY } from '../engine/model/model-fields.ts';
import { isChannelDraft } from './channel-draft.ts';
import { fieldDisplay } from './field-display.ts';
import { fieldChange, messagesFor } from './field-events.ts';
import { periodName } from './format.ts';
import { type Draft, readField } from './model-draft.ts';
import './number-field.component.ts';
import { GLOSSARY } from './glossary.ts';
import { parseAmount } from './parse-amount.ts';
import './short-term-editor.component.ts';

const GROUPS: { group: FieldGroup; intro: string }[] = [
  { group: 'Market', intro: 'The buyers there are to win.' },
  { group: 'Brand', intro: 'Brand equity: the lasting strength that upstream spend builds, on a 0–1 scale (0.37: roughly 37 % of buyers think of the brand first).' },
  { group: 'Upstream', intro: 'Research, brand building, positioning: slow, lagged, lasting.' },
  { group: 'Downstream', intro: 'Ads, promotions, conversion work: fast, fading, saturating.' },
  { group: 'Economics', intro: 'What a sale is worth and how future money is valued.' },
];

/** The carryover baselines in plain words, in the order the select offers them. */
const CARRYOVER_CHOICES: readonly { value: CarryoverBaseline; label: string }[] = [
  { value: 'zero', label: 'Spending nothing' },
  { value: 'history', label: 'Spending as before (business as usual)' },
];

/**
 * Every assumption of the model, grouped as Market, Brand, Upstream, Downstream and Economics,
 * each with its unit and a one-line explanation, built from the engine's field table; with the
 * settings that are choices rather than numbers: the starting equity the past spend sustains
 * (a tick beside Starting brand equity), the short-term sales effect of brand spend (in
 * Upstream) and what the carryover compares against (in Economics).
 *
 * @event field-change - `{ path, value }` when an assumption is edited; `{ path, value, step }` for a choice (one undo step each)
 * @event reset-preset - when "Reset to preset" is pressed
 */
export class AssumptionsPanel extends LitElement {
  static override styles = css`
    :host { display: block; }
    .top { display: flex; justify-content: space-between; align-items: center; gap: 8px; flex-wrap: wrap; margin-bottom: 8px; }
    .top p { margin: 0; font-size: 0.85rem; color: var(--colour-text-soft); }
    button {
      font: inherit; font-size: 0.85rem; padding: 5px 12px; border-radius: 4px; border: 1px solid var(--colour-control-border); background: var(--colour-surface); cursor: pointer; color: var(--colour-text);
    }
    button:focus-visible { outline: var(--focus-ring); outline-offset: 2px; }
    fieldset { border: 1px solid var(--colour-fieldset); border-radius: 6px; margin: 0 0 12px; padding: 8px 12px 12px; }
    legend { font-weight: 700; padding: 0 4px; }
    .intro { margin: 0 0 8px; font-size: 0.8rem; color: var(--colour-text-muted); }
    .fields { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 12px; }
    label { display: block; font-weight: 600; font-size: 0.88rem; margin-bottom: 3px; }
    input {
      font: inherit; width: 100%; box-sizing: border-box; padding: var(--field-padding); border: 1px solid var(--field-border); border-radius: var(--field-radius);
    }
    input:focus-visible { outline: var(--focus-ring); outline-offset: 1px; }
    /* Thicker by a shadow, not by the border: the box keeps its size, so nothing moves. */
    input[aria-invalid='true'] { border-color: var(--colour-error); box-shadow: 0 0 0 1px var(--colour-error); }
    .help { margin: 3px 0 0; font-size: 0.78rem; color: var(--colour-text-muted); }
    .error { margin: 4px 0 0; font-size: 0.8rem; color: var(--colour-error); font-weight: 600; }
    .wide { grid-column: 1 / -1; }
    details.words { border-top: 1px solid var(--colour-fieldset); padding-top: 8px; }
    details.words summary { cursor: pointer; font-weight: 700; }
    details.words summary:focus-visible { outline: var(--focus-ring); outline-offset: 2px; border-radius: 4px; }
    details.words dl { margin: 8px 0 0; font-size: 0.84rem; }
    details.words dt { font-weight: 600; margin-top: 8px; }
    details.words dd { margin: 2px 0 0; color: var(--colour-text-secondary); }
    select {
      font: inherit; font-size: 0.88rem; width: 100%; box-sizing: border-box; padding: 6px 4px; border: 1px solid var(--field-border); border-radius: var(--field-radius); background: var(--field-background); color: var(--field-text);
    }
    select:focus-visible { outline: var(--focus-ring); outline-offset: 1px; }
    select[aria-invalid='true'] { border-color: var(--colour-error); box-shadow: 0 0 0 1px var(--colour-error); }
    .check { display: flex; align-items: flex-start; gap: 6px; margin-top: 6px; font-weight: 400; font-size: 0.84rem; cursor: pointer; }
    .check input { width: 16px; height: 16px; margin: 1px 0 0; flex: none; accent-color: var(--colour-accent); }
    .check input:focus-visible { outline: var(--focus-ring); outline-offset: 2px; }
    short-term-editor { border-top: 1px solid var(--colour-rule-light); padding-top: 10px; }
  `;

  static override properties = {
    draft: { attribute: false },
    issues: { attribute: false },
    model: { attribute: false },
    canReset: { type: Boolean },
  };

  declare draft: Draft;
  declare issues: readonly ModelIssue[];
  /** The last valid model, for the starting equity the past spend sustains (shown while it is chosen). */
  declare model: Model | undefined;
  /** Whether the plan came from a preset that "Reset to preset" can go back to. */
  declare canReset: boolean;

  constructor() {
    super();
    this.draft = {};
    this.issues = [];
    this.model = undefined;
    this.canReset = true;
  }

  override render() {
    return html`
      <div class="top">
        <p>Every setting of the model. Amounts are per month, whatever the planning periods; percentages are typed as percent (40 means 40 %); amounts as 1,200,000, 1.2m or €1.2m.</p>
        ${this.canReset ? html`<button type="button" @click=${() => this.dispatchEvent(appEvent('reset-preset'))}>Reset to preset</button>` : null}
      </div>
      ${isChannelDraft(this.draft) ? html`<p class="intro">Upstream and downstream settings belong to each channel: see <em>Channels</em>.</p>` : null}
      ${GROUPS.filter(({ group }) => !isChannelDraft(this.draft) || (group !== 'Upstream' && group !== 'Downstream')).map(({ group, intro }) => html`<fieldset>
        <legend>${group}</legend>
        <p class="intro">${intro}</p>
        <div class="fields">
          ${NUMBER_FIELDS.filter((field) => field.group === group).map((field) => (field.path === 'brand.initialEquity' ? this.renderInitialEquity(field) : this.renderNumber(field)))}
          ${group === 'Market' ? this.renderSeasonality() : null}
          ${group === 'Upstream' ? html`<short-term-editor class="wide" .draft=${this.draft} .issues=${this.issues}></short-term-editor>` : null}
          ${group === 'Economics' ? this.renderCarryoverBaseline() : null}
        </div>
      </fieldset>`)}
      <details class="words">
        <summary>Words used here</summary>
        <dl>${Object.values(GLOSSARY).map((entry) => html`<dt>${entry.term}</dt><dd>${entry.meaning}</dd>`)}</dl>
      </details>`;
  }

  private renderNumber(field: NumberField, options: { value?: unknown; disabled?: boolean; help?: string } = {}) {
    const display = fieldDisplay(field.path)!;
    return html`<number-field
      label=${display.label} path=${field.path} .value=${'value' in options ? options.value : readField(this.draft, field.path)}
      ?disabled=${options.disabled ?? false}
      .kind=${display.kind} ?grouping=${display.grouping} suffix=${display.suffix} help=${options.help ?? display.help}
      .error=${messagesFor(this.issues, field.path).join(' ')}></number-field>`;
  }

  /**
   * Starting brand equity, typed, or (ticked) the level the history's constant spend sustains:
   * the box then shows that level, computed by the engine from the last valid model, and
   * unticking makes it the typed value, so the figures stay as they were until it is edited.
   */
  private renderInitialEquity(field: NumberField) {
    const fromHistory = readField(this.draft, field.path) === EQUITY_FROM_HISTORY;
    const implied = this.impliedEquity();
    return html`<div>
      ${fromHistory
        ? this.renderNumber(field, { value: implied, disabled: true, help: 'The level the past spend per month keeps brand equity at, computed from the history and the curves. Untick to type a value.' })
        : this.renderNumber(field)}
      <label class="check">
        <input type="checkbox" .checked=${live(fromHistory)} @change=${this.onEquityFromHistory}>
        <span>Start at the equity the past spend sustains</span>
      </label>
    </div>`;
  }

  /** The equity the history's spend sustains in the last valid model (whatever its starting equity says now). */
  private impliedEquity(): number | undefined {
    const model = this.model;
    if (model === undefined) return undefined;
    return startingEquity({ ...model, brand: { ...model.brand, initialEquity: EQUITY_FROM_HISTORY } });
  }

  private onEquityFromHistory(event: Event): void {
    const input = event.target as HTMLInputElement;
    if (input.checked) {
      this.dispatchEvent(fieldChange('brand.initialEquity', EQUITY_FROM_HISTORY, 'Start at the equity the past spend sustains'));
      return;
    }
    const implied = this.impliedEquity();
    if (implied === undefined) {
      input.checked = true; // nothing to start from yet: stay as it is
      return;
    }
    this.dispatchEvent(fieldChange('brand.initialEquity', implied, 'Type the starting brand equity'));
  }

  /**
   * What both runs spend after the horizon when the carryover is valued. A file without the
   * setting means "zero", the engine's reading, so the select shows that.
   */
  private renderCarryoverBaseline() {
    const { path } = CARRYOVER_BASELINE_FIELD;
    const value = readField(this.draft, path);
    const chosen = value === undefined ? 'zero' : value;
    const known = CARRYOVER_BASELINES.some((baseline) => baseline === chosen);
    const errors = messagesFor(this.issues, path);
    const years = readField(this.draft, 'economics.carryoverYears');
    return html`<div class="wide">
      <label for="carryover-baseline">After the horizon, compare against</label>
      <select id="carryover-baseline" .value=${live(known ? String(chosen) : '')}
        aria-invalid=${errors.length > 0 ? 'true' : 'false'} aria-describedby="carryover-baseline-help carryover-baseline-error"
        @change=${this.onCarryoverBaseline}>
        ${known ? nothing : html`<option value="" selected disabled>Not a choice: ${String(chosen)}</option>`}
        ${CARRYOVER_CHOICES.map((choice) => html`<option value=${choice.value} ?selected=${choice.value === chosen}>${choice.label}</option>`)}
      </select>
      <p id="carryover-baseline-help" class="help">The carryover is what the plan still earns in the carryover years beyond a run without it. After the horizon both runs spend the same: nothing, as if marketing stopped; or as before the plan, business as usual, so heavy spend at the very end does not look better than it is.${years === 0 ? ' With 0 carryover years this makes no difference.' : ''}</p>
      <p id="carryover-baseline-error" class="error" role=${errors.length > 0 ? 'alert' : 'none'}>${errors.join(' ')}</p>
    </div>`;
  }

  private onCarryoverBaseline(event: Event): void {
    const value = (event.target as HTMLSelectElement).value as CarryoverBaseline;
    const words = CARRYOVER_CHOICES.find((choice) => choice.value === value)?.label.toLowerCase() ?? value;
    this.dispatchEvent(fieldChange(CARRYOVER_BASELINE_FIELD.path, value, `Compare the carryover against ${words}`));
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
