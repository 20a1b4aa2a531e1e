import { LitElement, css, html, nothing } from 'lit';
import { appEvent } from './app-events.ts';
import type { ModelIssue } from '../engine/index.ts';
import { HORIZON_CHOICES } from '../engine/index.ts';
import { fieldChange, messagesFor } from './field-events.ts';
import { type NumberFormats, formatMoney, formatPercent, formatPercentWhole } from './format.ts';
import { type Draft, planYearsOfDraft, readField } from './model-draft.ts';
import type { YearOfPlan } from './plan-summary.ts';
import './number-field.component.ts';
import './year-split-editor.component.ts';

const PERIOD_CHOICES: { value: number; label: string }[] = [
  { value: 12, label: 'Monthly' },
  { value: 4, label: 'Quarterly' },
  { value: 52, label: 'Weekly' },
];

/**
 * The plan itself: budget per year, horizon, periods, and the upstream share as a slider with
 * its number and both amounts in money; per-year budgets and shares in the editor below.
 *
 * @event field-change - `{ path, value }` when the budget or the share is edited
 * @event horizon-change - `{ horizonYears }` when the horizon is chosen
 * @event periods-change - `{ periodsPerYear }` when monthly, quarterly or weekly is chosen
 * @event split-mode-change - `{ byYear }` from the per-year editor's switch
 * @event plan-clear - back from an explicit spend plan to budget and split
 */
export class PlanControls extends LitElement {
  static override styles = css`
    :host { display: block; }
    .grid { display: grid; grid-template-columns: 1fr 1fr; gap: 12px 14px; }
    .wide { grid-column: 1 / -1; }
    label, .label { display: block; font-weight: 600; font-size: 0.88rem; margin-bottom: 3px; }
    select {
      font: inherit; width: 100%; padding: var(--field-padding); border: 1px solid var(--field-border); border-radius: var(--field-radius); background: var(--field-background); color: var(--field-text);
    }
    select:focus-visible, input[type='range']:focus-visible { outline: var(--focus-ring); outline-offset: 2px; }
    .share-row { display: flex; align-items: center; gap: 10px; }
    input[type='range'] { flex: 1; min-width: 0; accent-color: var(--colour-accent); height: 28px; }
    number-field.percent { --field-width: 4.6em; flex: none; }
    .amounts { display: flex; justify-content: space-between; gap: 0 8px; flex-wrap: wrap; margin-top: 4px; font-size: 0.82rem; }
    /* The amounts and, for an invalid share, its message share one slot two lines high, so
       neither moves what is below when the other takes its place. */
    .amounts, p#amounts.error { margin: 4px 0 0; font-size: 0.82rem; line-height: 1.35; min-height: calc(2 * 1.35em); align-content: flex-start; }
    .amounts .up { color: var(--colour-upstream-text); font-weight: 600; }
    .amounts .down { color: var(--colour-downstream-text); font-weight: 600; }
    .note { font-size: 0.8rem; color: var(--colour-text-muted); margin: 4px 0 0; }
    button.plain { font: inherit; font-size: 0.84rem; margin-top: 6px; padding: 5px 10px; border-radius: 4px; border: 1px solid var(--colour-control-border); background: var(--colour-surface); cursor: pointer; }
    button.plain:focus-visible { outline: var(--focus-ring); outline-offset: 2px; }
    .error { margin: 4px 0 0; font-size: 0.8rem; color: var(--colour-error); font-weight: 600; }
    table.plan-years { border-collapse: collapse; margin-top: 6px; font-size: 0.84rem; font-variant-numeric: tabular-nums; }
    table.plan-years th, table.plan-years td { padding: 2px 12px 2px 0; text-align: right; }
    table.plan-years th:first-child, table.plan-years td:first-child { text-align: left; }
    table.plan-years thead th { font-size: 0.78rem; color: var(--colour-text-soft); font-weight: 600; }
  `;

  static override properties = {
    draft: { attribute: false },
    issues: { attribute: false },
    validShare: { attribute: false },
    formats: { attribute: false },
  };

  declare draft: Draft;
  declare issues: readonly ModelIssue[];
  /** The last valid model's share, where the slider rests while the typed share is invalid. */
  declare validShare: number | undefined;
  /** The model's number formats, so amounts carry its currency symbol; plain without them. */
  declare formats: NumberFormats | undefined;

  constructor() {
    super();
    this.draft = {};
    this.issues = [];
    this.validShare = undefined;
    this.formats = undefined;
  }

  private money(value: number | null | undefined): string {
    return this.formats === undefined ? formatMoney(value) : this.formats.money(value);
  }

  override render() {
    const perYear = readField(this.draft, 'budget.perYear');
    const share = readField(this.draft, 'budget.upstreamShare');
    const horizon = readField(this.draft, 'horizonYears');
    const periodsPerYear = readField(this.draft, 'periodsPerYear');
    const byYear = Array.isArray(perYear) || Array.isArray(share);
    const hasPlan = readField(this.draft, 'plan') !== undefined;
    const shareValue = typeof share === 'number' ? share : undefined;
    const budgetValue = typeof perYear === 'number' ? perYear : undefined;
    const shareError = byYear ? [] : messagesFor(this.issues, 'budget.upstreamShare');

    return html`<div class="grid">
      <number-field class="wide" label="Budget per year" path="budget.perYear" grouping
        .value=${byYear || hasPlan ? undefined : perYear} ?disabled=${byYear || hasPlan}
        help=${hasPlan ? 'Set by the plan: each year’s total is below.' : byYear ? 'Set per year below.' : 'Total marketing budget for each year, in your currency.'}
        .error=${byYear || hasPlan ? '' : messagesFor(this.issues, 'budget.perYear').join(' ')}></number-field>

      <div>
        <label for="horizon">Horizon (years)</label>
        <select id="horizon" @change=${this.onHorizon}>
          ${HORIZON_CHOICES.map((years) => html`<option value=${years} ?selected=${horizon === years}>${years}</option>`)}
        </select>
      </div>
      <div>
        <label for="periods">Planning periods</label>
        <select id="periods" @change=${this.onPeriods}>
          ${PERIOD_CHOICES.map((choice) => html`<option value=${choice.value} ?selected=${periodsPerYear === choice.value}>${choice.label}</option>`)}
        </select>
      </div>

      <div class="wide">
        <label for="share">Upstream share</label>
        <div class="share-row">
          <input id="share" type="range" min="0" max="100" step="1" ?disabled=${byYear || hasPlan}
            .value=${String(Math.round((shareValue ?? this.validShare ?? 0.5) * 100))}
            aria-valuetext=${shareValue !== undefined ? `${formatPercentWhole(shareValue)} upstream` : byYear ? 'varies by year' : 'not a valid share; see the message below'}
            aria-describedby="amounts"
            @input=${this.onSlider}>
          <number-field class="percent" hide-label hide-error label="Upstream share (%)" path="budget.upstreamShare" suffix="%" .scale=${100}
            .value=${byYear ? undefined : share} ?disabled=${byYear || hasPlan} .error=${shareError.join(' ')}></number-field>
        </div>
        ${shareError.length > 0
          // In the amounts' place (they mean nothing for an invalid share), so nothing below moves.
          ? html`<p id="amounts" class="error" role="alert">${shareError.join(' ')}</p>`
          : budgetValue !== undefined && shareValue !== undefined && !hasPlan
          ? html`<div id="amounts" class="amounts" aria-live="polite">
              <span class="up">Upstream ${this.money(budgetValue * shareValue)} / year</span>
              <span class="down">Downstream ${this.money(budgetValue * (1 - shareValue))} / year</span>
            </div>`
          : html`<p id="amounts" class="note">${hasPlan ? 'This scenario has an explicit spend plan per period.' : byYear ? 'The split varies by year: see below.' : ''}</p>`}
        ${hasPlan ? this.renderPlanYears(planYearsOfDraft(this.draft)) : nothing}
        ${hasPlan ? html`<button class="plain" type="button" @click=${() => this.dispatchEvent(appEvent('plan-clear'))}>Use budget and split instead</button>` : nothing}
      </div>

      <number-field class="wide" label="First calendar year (optional)" path="startYear" optional
        .value=${readField(this.draft, 'startYear')} .error=${messagesFor(this.issues, 'startYear').join(' ')}
        help="Labels periods 2027-01, 2027-Q1 or 2027-W01 in tables and exports; leave empty for Y1-M01."></number-field>

      ${hasPlan ? nothing : html`<year-split-editor class="wide" .draft=${this.draft} .issues=${this.issues}></year-split-editor>`}
    </div>`;
  }

  /** An explicit plan's yearly totals and shares, summed from its periods: what the figures come from. */
  private renderPlanYears(years: YearOfPlan[] | undefined) {
    if (years === undefined) return nothing;
    return html`<table class="plan-years">
      <caption class="note" style="text-align:left">The plan per year</caption>
      <thead><tr><th scope="col">Year</th><th scope="col">Spend</th><th scope="col">Upstream</th></tr></thead>
      <tbody>${years.map((year) => html`<tr><th scope="row">Year ${year.year}</th><td>${this.money(year.total)}</td><td>${formatPercent(year.upstreamShare)}</td></tr>`)}</tbody>
    </table>`;
  }

  private onHorizon(event: Event): void {
    const horizonYears = Number((event.target as HTMLSelectElement).value);
    this.dispatchEvent(appEvent('horizon-change', { horizonYears }));
  }

  private onPeriods(event: Event): void {
    const periodsPerYear = Number((event.target as HTMLSelectElement).value);
    this.dispatchEvent(appEvent('periods-change', { periodsPerYear }));
  }

  private onSlider(event: Event): void {
    const percent = Number((event.target as HTMLInputElement).value);
    this.dispatchEvent(fieldChange('budget.upstreamShare', percent / 100));
  }
}

customElements.define('plan-controls', PlanControls);

declare global {
  interface HTMLElementTagNameMap { 'plan-controls': PlanControls; }
}
