import { LitElement, css, html, nothing } from 'lit';
import { appEvent } from './app-events.ts';
import { live } from 'lit/directives/live.js';
import type { ModelIssue } from '../engine/index.ts';
import { type FieldChangeDetail, fieldChange, messagesFor } from './field-events.ts';
import { type Draft, readField } from './model-draft.ts';
import './number-field.component.ts';

/**
 * The spec's per-year form: a budget and an upstream share for each year of the horizon. The
 * switch asks for single numbers to become one per year, or back; the app decides (going back
 * keeps the total, see `withSplitMode`), so the box shows the draft's mode, not the click.
 *
 * @event split-mode-change - `{ byYear }` when the switch is flipped
 * @event field-change - `{ path, value }` with the whole per-year list when one year is edited
 */
export class YearSplitEditor extends LitElement {
  static override styles = css`
    :host { display: block; }
    .switch { display: flex; align-items: center; gap: 8px; font-size: 0.88rem; font-weight: 600; cursor: pointer; }
    input[type='checkbox'] { width: 18px; height: 18px; accent-color: var(--colour-accent); }
    input[type='checkbox']:focus-visible { outline: var(--focus-ring); outline-offset: 2px; }
    .years { display: grid; grid-template-columns: auto minmax(0, 1fr) 6.5em; gap: 6px 10px; align-items: start; margin-top: 8px; }
    .heading { font-size: 0.8rem; font-weight: 600; color: var(--colour-text-soft); }
    .year { font-weight: 600; padding-top: 7px; font-size: 0.88rem; }
    number-field.percent { --field-width: 4.2em; }
    .error { grid-column: 1 / -1; margin: 0; font-size: 0.8rem; color: var(--colour-error); font-weight: 600; }
  `;

  static override properties = {
    draft: { attribute: false },
    issues: { attribute: false },
  };

  declare draft: Draft;
  declare issues: readonly ModelIssue[];

  constructor() {
    super();
    this.draft = {};
    this.issues = [];
  }

  override render() {
    const perYear = readField(this.draft, 'budget.perYear');
    const share = readField(this.draft, 'budget.upstreamShare');
    const byYear = Array.isArray(perYear) || Array.isArray(share);
    const listErrors = byYear ? [...messagesFor(this.issues, 'budget.perYear'), ...messagesFor(this.issues, 'budget.upstreamShare')] : [];
    return html`
      <label class="switch"><input type="checkbox" .checked=${live(byYear)} @change=${this.onSwitch}>Different budget and split each year</label>
      ${byYear ? html`<div class="years">
        <span class="heading" aria-hidden="true">Year</span><span class="heading" aria-hidden="true">Budget</span><span class="heading" aria-hidden="true">Upstream</span>
        ${(Array.isArray(perYear) ? perYear : Array.isArray(share) ? share : []).map((_, year) => html`
          <span class="year" aria-hidden="true">Year ${year + 1}</span>
          <number-field hide-label label=${`Year ${year + 1} budget`} grouping path="budget.perYear"
            .value=${Array.isArray(perYear) ? perYear[year] : perYear}
            @field-change=${(event: CustomEvent<FieldChangeDetail>) => this.onYear(event, 'budget.perYear', year)}></number-field>
          <number-field class="percent" hide-label label=${`Year ${year + 1} upstream share (%)`} suffix="%" .scale=${100} path="budget.upstreamShare"
            .value=${Array.isArray(share) ? share[year] : share}
            @field-change=${(event: CustomEvent<FieldChangeDetail>) => this.onYear(event, 'budget.upstreamShare', year)}></number-field>`)}
        ${listErrors.length > 0 ? html`<p class="error" role="alert">${listErrors.join(' ')}</p>` : nothing}
      </div>` : nothing}`;
  }

  private onSwitch(event: Event): void {
    const box = event.target as HTMLInputElement;
    const byYear = box.checked;
    // Back to the draft's mode until the app's answer comes down: if it refuses (a year's value
    // is not a number yet), the box must not claim a change that was not made.
    box.checked = !byYear;
    this.dispatchEvent(appEvent('split-mode-change', { byYear }));
  }

  /** Turns one year's edit into the whole list, which is what the model holds. */
  private onYear(event: CustomEvent<FieldChangeDetail>, path: string, year: number): void {
    event.stopPropagation();
    const current = readField(this.draft, path);
    const horizon = Number(readField(this.draft, 'horizonYears')) || 1;
    const list = Array.isArray(current) ? [...current] : Array.from({ length: horizon }, () => current);
    list[year] = event.detail.value;
    this.dispatchEvent(fieldChange(path, list));
  }
}

customElements.define('year-split-editor', YearSplitEditor);

declare global {
  interface HTMLElementTagNameMap { 'year-split-editor': YearSplitEditor; }
}
