import { LitElement, css, html, nothing } from 'lit';
import { scrollCue } from '../charts/scroll-cue.styles.ts';
import type { IncrementalProfitPoint, Model, SimulationResult } from '../engine/index.ts';
import { KEY_FIGURES, type KeyFigure } from '../engine/key-figures.ts';
import type { FigureStatistics } from '../engine/uncertainty/figure-statistics.ts';
import type { MonteCarloSummary } from '../engine/uncertainty/monte-carlo.ts';
import { type SensitivityFigure, type SensitivityResult, sensitivity } from '../engine/uncertainty/sensitivity.ts';
import { uncertainFields } from '../engine/uncertainty/uncertain-fields.ts';
import '../charts/fan.chart.ts';
import '../charts/histogram.chart.ts';
import '../charts/tornado.chart.ts';
import { formatEquity, formatFigure, formatPercent, formatsFor } from './format.ts';
import { MonteCarloController } from './monte-carlo-controller.ts';

const DRAW_CHOICES = [1_000, 10_000, 100_000];

/** The key figures the panel shows across draws, in `KEY_FIGURES` order: the marketing's own value first. */
const RISK_FIGURES = KEY_FIGURES.filter((figure): figure is KeyFigure & { field: Exclude<keyof MonteCarloSummary, 'roiByYear'> } =>
  ['incrementalNpvWithCarryover', 'incrementalNpv', 'roi', 'paybackPeriod', 'npvWithCarryover', 'npv', 'totalRevenue', 'finalEquity'].includes(figure.field));

const STATISTICS = ['mean', 'p5', 'p10', 'p50', 'p90', 'p95'] as const;

/** The tornado's choices in the words of the key figures: the marketing's own value, or the whole business's. */
const keyFigureLabel = (field: 'incrementalNpvWithCarryover' | 'npvWithCarryover') => KEY_FIGURES.find((figure) => figure.field === field)!.label;

/** What a payback percentile that falls on draws that never pay back reads. */
const NEVER = 'Not within horizon';

/**
 * Risk: how sure the plan's figures are, given the ranges in the model's `uncertainty`. A Monte
 * Carlo run (across one Web Worker per core, with progress, Cancel, and for a long run how long
 * it should take) gives each key figure's percentiles, the marketing's own value (marketing
 * NPV with carryover) first; ROI by year (5th, median, 95th); payback, with the chance it comes
 * within the horizon and "Not within horizon" where a percentile falls on draws that never pay
 * back; the chance that ROI is positive, fan charts of equity and revenue and a histogram of
 * marketing NPV with carryover; the tornado shows which assumption moves the marketing's value
 * (or, as chosen, the total NPV) most.
 */
export class RiskPanel extends LitElement {
  static override styles = css`
    ${scrollCue('.wrap')}
    :host { display: block; }
    .row { display: flex; gap: 10px; align-items: flex-end; flex-wrap: wrap; }
    label { display: block; font-weight: 600; font-size: 0.85rem; margin-bottom: 3px; }
    select, input[type='text'] { font: inherit; padding: var(--field-padding); border: 1px solid var(--field-border); border-radius: var(--field-radius); background: var(--field-background); color: var(--field-text); }
    input[type='text'] { width: 7em; }
    select:focus-visible, input:focus-visible, button:focus-visible { outline: var(--focus-ring); outline-offset: 2px; }
    button { font: inherit; font-size: 0.88rem; padding: 6px 14px; border-radius: 4px; border: 1px solid var(--colour-control-border); background: var(--colour-surface); color: var(--colour-text); cursor: pointer; }
    button.primary { background: var(--colour-brand); border-color: var(--colour-brand); color: var(--colour-on-dark); }
    progress { flex: 1; min-width: 120px; height: 14px; accent-color: var(--colour-accent); }
    .status { font-size: 0.85rem; margin: 8px 0 0; }
    .error { font-size: 0.85rem; color: var(--colour-error); font-weight: 600; margin: 8px 0 0; }
    .wrap { overflow-x: auto; margin-top: 10px; }
    table { border-collapse: collapse; width: 100%; font-size: 0.84rem; font-variant-numeric: tabular-nums; }
    th, td { padding: 4px 8px; border-bottom: 1px solid var(--colour-row); text-align: right; white-space: nowrap; }
    th:first-child { text-align: left; position: sticky; left: 0; background: var(--colour-surface); }
    thead th { background: var(--colour-table-head); }
    .chances { display: flex; flex-wrap: wrap; gap: 6px 18px; margin: 10px 0 0; font-size: 0.9rem; }
    .chances strong { font-size: 1.05rem; }
    .charts { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 12px; margin-top: 12px; }
    .charts .span { grid-column: 1 / -1; }
    @media (max-width: 1180px) { .charts { grid-template-columns: minmax(0, 1fr); } }
    .figure-choice { display: flex; gap: 14px; font-size: 0.85rem; margin: 12px 0 4px; }
    .figure-choice label { display: inline-flex; gap: 5px; align-items: center; font-weight: 400; margin: 0; }
    .estimate { font-size: 0.85rem; flex-basis: 100%; margin: 0; }
    h3 { font-size: 0.92rem; margin: 14px 0 0; }
    td.never { color: var(--colour-text-muted); font-style: italic; }
    table[data-table='roi-by-year'] { max-width: 520px; }
  `;

  static override properties = {
    model: { attribute: false },
    result: { attribute: false },
    profit: { attribute: false },
    draws: { state: true },
    seedText: { state: true },
    seedError: { state: true },
    tornadoFigure: { state: true },
    active: { type: Boolean },
  };

  declare model: Model | undefined;
  /** The plan at its central assumptions, for the reference lines. */
  declare result: SimulationResult | undefined;
  declare profit: IncrementalProfitPoint[];
  declare draws: number;
  declare seedText: string;
  declare seedError: string;
  declare tornadoFigure: SensitivityFigure;
  /** Whether the panel is open; a closed panel skips its work (the tornado recomputes per plan). */
  declare active: boolean;
  private readonly monteCarlo = new MonteCarloController(this);
  private sensitivityFor: { model: Model; result: SensitivityResult | string } | undefined;

  constructor() {
    super();
    this.model = undefined;
    this.result = undefined;
    this.profit = [];
    this.draws = 10_000;
    this.seedText = '1';
    this.seedError = '';
    this.tornadoFigure = 'incrementalNpvWithCarryover';
    this.active = true;
  }

  override render() {
    const model = this.model;
    if (!this.active) return nothing;
    if (model === undefined) return html`<p class="status">Fix the highlighted fields to see the plan's risk.</p>`;
    const ranges = uncertainFields(model);
    if (ranges.length === 0) {
      return html`<p class="status">This plan has no ranges on its assumptions, so its figures are certain. Ranges come from the model file's
        <code>uncertainty</code> (every preset has them).</p>`;
    }
    const state = this.monteCarlo.state;
    const running = state.status === 'running';
    return html`
      <p class="status">${ranges.length} assumptions have ranges (${ranges.slice(0, 4).map((field) => field.path).join(', ')}${ranges.length > 4 ? ', …' : ''}).${posteriorNote(model, ranges)}</p>
      <div class="row">
        <div>
          <label for="draws">Draws</label>
          <select id="draws" ?disabled=${running} @change=${(event: Event) => { this.draws = Number((event.target as HTMLSelectElement).value); }}>
            ${DRAW_CHOICES.map((draws) => html`<option value=${draws} ?selected=${draws === this.draws}>${draws.toLocaleString('en-US')}</option>`)}
          </select>
        </div>
        <div>
          <label for="seed">Seed</label>
          <input id="seed" type="text" inputmode="numeric" .value=${this.seedText} ?disabled=${running}
            aria-invalid=${this.seedError ? 'true' : 'false'} aria-describedby="seed-error"
            @input=${(event: Event) => { this.seedText = (event.target as HTMLInputElement).value; this.seedError = ''; }}>
        </div>
        ${running
          ? html`<progress max="1" .value=${state.fraction} aria-label="Simulation progress"></progress>
              <span aria-live="polite">${Math.round(state.fraction * 100)} % on ${state.workers} ${state.workers === 1 ? 'core' : 'cores'}</span>
              <button type="button" @click=${() => this.monteCarlo.cancel()}>Cancel</button>
              ${state.estimate === undefined ? nothing : html`<p class="estimate" role="status" data-estimate>${state.estimate}</p>`}`
          : html`<button class="primary" type="button" @click=${this.run}>Run the simulation</button>`}
      </div>
      <p id="seed-error" class="error" role=${this.seedError ? 'alert' : nothing}>${this.seedError}</p>
      ${state.status === 'cancelled' ? html`<p class="status" role="status">Simulation cancelled.</p>` : nothing}
      ${state.status === 'failed' ? html`<p class="error" role="alert">${state.message}</p>` : nothing}
      ${state.status === 'done' && state.model !== model ? html`<p class="status" role="status">The plan has changed since the last run; run it again to see its risk.</p>` : nothing}
      ${state.status === 'done' && state.model === model ? this.renderResult(state) : nothing}
      ${this.renderTornado(model)}`;
  }

  private renderResult(state: Extract<MonteCarloController['state'], { status: 'done' }>) {
    const { result, incrementalNpvWithCarryover } = state.run;
    const formats = formatsFor(state.model);
    const { summary } = result;
    // Payback percentiles that fall on draws that never pay back are null: a category of their own.
    const cell = (figure: KeyFigure, statistics: FigureStatistics, key: (typeof STATISTICS)[number]) => {
      const value = statistics[key];
      if (figure.field === 'paybackPeriod' && value === null && key !== 'mean' && result.probabilityPaysBack < 1) return html`<td class="never">${NEVER}</td>`;
      // A mean or an interpolated percentile of payback falls between periods: one decimal says enough.
      return html`<td>${formatFigure(figure, figure.unit === 'period' && value !== null ? Math.round(value * 10) / 10 : value, formats)}</td>`;
    };
    const roiFigure = KEY_FIGURES.find((figure) => figure.field === 'roi')!;
    const central = this.result;
    const headline = summary.incrementalNpvWithCarryover;
    return html`
      <p class="status" role="status">${result.draws.toLocaleString('en-US')} draws (seed ${result.seed}) in ${Math.round(state.ms).toLocaleString('en-US')} ms on ${state.workers} ${state.workers === 1 ? 'core' : 'cores'}.</p>
      <div class="chances">
        <span>Chance ROI is positive: <strong data-chance="roi">${formatPercent(result.probabilityRoiPositive)}</strong></span>
        <span>Chance it pays back within the horizon: <strong data-chance="payback">${formatPercent(result.probabilityPaysBack)}</strong></span>
      </div>
      <div class="wrap" role="region" aria-label="Key figures across draws" tabindex="0">
        <table>
          <thead><tr><th scope="col">Key figure</th><th scope="col">Mean</th><th scope="col">5th</th><th scope="col">10th</th><th scope="col">Median</th><th scope="col">90th</th><th scope="col">95th</th></tr></thead>
          <tbody>${RISK_FIGURES.map((figure) => html`<tr data-figure=${figure.field}><th scope="row">${figure.label}</th>
            ${STATISTICS.map((key) => cell(figure, summary[figure.field], key))}</tr>`)}</tbody>
        </table>
      </div>
      <h3 id="roi-by-year">ROI by year across draws</h3>
      <div class="wrap" role="region" aria-labelledby="roi-by-year" tabindex="0">
        <table data-table="roi-by-year">
          <thead><tr><th scope="col">Year</th><th scope="col">5th</th><th scope="col">Median</th><th scope="col">95th</th></tr></thead>
          <tbody>${summary.roiByYear.map((statistics, year) => html`<tr><th scope="row">${formats.yearLabel(year + 1)}</th>
            ${(['p5', 'p50', 'p95'] as const).map((key) => cell(roiFigure, statistics, key))}</tr>`)}</tbody>
        </table>
      </div>
      <div class="charts">
        <fan-chart heading="Brand equity across draws" yLabel="Brand equity" .band=${result.bands.equity}
          .central=${central?.periods.map((period) => period.equity) ?? []} periodsPerYear=${state.model.periodsPerYear} .startYear=${state.model.startYear}
          .formats=${formats} .formatY=${formatEquity}></fan-chart>
        <fan-chart heading="Revenue across draws" yLabel="Revenue per period" .band=${result.bands.revenue}
          .central=${central?.periods.map((period) => period.revenue) ?? []} periodsPerYear=${state.model.periodsPerYear} .startYear=${state.model.startYear}
          .formats=${formats} .formatY=${(value: number) => formats.moneyShort(value)}></fan-chart>
        <histogram-chart class="span" heading=${`${keyFigureLabel('incrementalNpvWithCarryover')} across draws`} xLabel=${keyFigureLabel('incrementalNpvWithCarryover')} .formats=${formats} .values=${incrementalNpvWithCarryover}
          .markers=${[
            { label: '10th', value: headline.p10 ?? 0, dash: '4 3' },
            { label: 'median', value: headline.p50 ?? 0, dash: '' },
            { label: '90th', value: headline.p90 ?? 0, dash: '4 3' },
            ...(central === undefined ? [] : [{ label: 'central', value: central.summary.incrementalNpvWithCarryover, dash: '1 2' }]),
          ]}></histogram-chart>
      </div>`;
  }

  private renderTornado(model: Model) {
    if (this.sensitivityFor?.model !== model) {
      let result: SensitivityResult | string;
      try {
        result = sensitivity(model);
      } catch (error) {
        result = error instanceof Error ? error.message : 'The sensitivity could not be computed';
      }
      this.sensitivityFor = { model, result };
    }
    const result = this.sensitivityFor.result;
    if (typeof result === 'string') return html`<p class="error" role="alert">${result}</p>`;
    return html`
      <div class="figure-choice" role="radiogroup" aria-label="Figure for the tornado">
        ${(['incrementalNpvWithCarryover', 'npvWithCarryover'] as const).map((figure) => html`<label><input type="radio" name="tornado-figure" .checked=${this.tornadoFigure === figure}
          @change=${() => { this.tornadoFigure = figure; }}>${keyFigureLabel(figure)}</label>`)}
      </div>
      <tornado-chart .formats=${formatsFor(model)} .sensitivity=${result} figure=${this.tornadoFigure}></tornado-chart>`;
  }

  private run(): void {
    if (this.model === undefined) return;
    const seed = Number(this.seedText.trim());
    if (this.seedText.trim() === '' || !Number.isSafeInteger(seed) || seed < 0) {
      this.seedError = `The seed must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER.toLocaleString('en-US')}, got "${this.seedText.slice(0, 20)}"`;
      return;
    }
    this.monteCarlo.run(this.model, this.draws, seed);
  }
}

customElements.define('risk-panel', RiskPanel);

declare global {
  interface HTMLElementTagNameMap { 'risk-panel': RiskPanel; }
}

/**
 * For a fitted model, which of its ranges are drawn together from the fit's posterior (each draw
 * a correlated set, as the history ties them: a channel's half-saturation and its maximum lift
 * move together), and which stay independent: "" for a model without a posterior.
 */
function posteriorNote(model: Model, ranges: readonly { path: string }[]): string {
  const joint = new Set(model.posterior?.paths ?? []);
  if (joint.size === 0) return '';
  const rest = ranges.filter((field) => !joint.has(field.path)).map((field) => field.path);
  const others = rest.length === 0 ? '' : rest.length === 1 ? `; ${rest[0]} is drawn on its own`
    : `; the other ${rest.length} (${rest.slice(0, 3).join(', ')}${rest.length > 3 ? ', …' : ''}) are drawn on their own`;
  return ` ${joint.size} of them come from the fit to the history and are drawn together from its posterior, so settings the history ties move together${others}.`;
}
