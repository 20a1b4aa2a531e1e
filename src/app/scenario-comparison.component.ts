import { LitElement, css, html, nothing } from 'lit';
import type { IncrementalProfitPoint, Model, SimulationResult, Summary } from '../engine/index.ts';
import '../charts/multi-line.chart.ts';
import type { LineSeries } from '../charts/multi-line.chart.ts';
import { SCENARIO_COLOURS, SCENARIO_DASHES } from '../charts/palette.ts';
import { type FigureKind, MISSING, differenceTone, formatDifference, formatEquity, formatMoney, formatMoneyShort, formatPercent, formatPeriod } from './format.ts';
import { MonteCarloController } from './monte-carlo-controller.ts';

/** Draws and seed for the chance that each scenario is best: enough for ±1 point. */
const COMPARE_DRAWS = 10_000;
const COMPARE_SEED = 1;

/** One scenario in the comparison, simulated by the shell. */
export interface ComparedEntry {
  id: string;
  model: Model;
  result: SimulationResult;
  profit: IncrementalProfitPoint[];
}


interface FigureRow {
  label: string;
  kind: FigureKind;
  value: (summary: Summary) => number | null;
}

const MAX_YEARS = 5;

const ROWS: FigureRow[] = [
  { label: 'NPV', kind: 'money', value: (summary) => summary.npv },
  { label: 'NPV with carryover', kind: 'money', value: (summary) => summary.npvWithCarryover },
  { label: 'Carryover value', kind: 'money', value: (summary) => summary.carryoverValue },
  { label: 'Total revenue', kind: 'money', value: (summary) => summary.totalRevenue },
  { label: 'Total spend', kind: 'money', value: (summary) => summary.totalSpend },
  { label: 'ROI over the horizon', kind: 'ratio', value: (summary) => summary.roi },
  ...Array.from({ length: MAX_YEARS }, (_, year): FigureRow => ({ label: `ROI year ${year + 1}`, kind: 'ratio', value: (summary) => summary.roiByYear[year] ?? null })),
  { label: 'Payback', kind: 'period', value: (summary) => summary.paybackPeriod },
  { label: 'Final brand equity', kind: 'equity', value: (summary) => summary.finalEquity },
];

/**
 * Up to four scenarios side by side: every key figure with its difference from the chosen
 * baseline (money and percentage; points for ROI), and their time series overlaid.
 *
 * @event baseline-change - `{ id }` when another scenario is chosen as the baseline
 */
export class ScenarioComparison extends LitElement {
  static override styles = css`
    :host { display: block; }
    .card { background: var(--surface, #fff); border: 1px solid var(--line, #ddd); border-radius: 8px; padding: 12px 14px; }
    h2 { margin: 0 0 6px; font-size: 1.05rem; }
    .intro { margin: 0 0 10px; font-size: 0.86rem; color: #444; }
    .wrap { overflow-x: auto; }
    table { border-collapse: collapse; width: 100%; font-size: 0.85rem; font-variant-numeric: tabular-nums; }
    th, td { padding: 5px 8px; border-bottom: 1px solid #eee; text-align: right; white-space: nowrap; }
    th:first-child { text-align: left; position: sticky; left: 0; z-index: 1; background: #fff; }
    thead th:first-child { background: #f4f4f4; }
    @media (max-width: 600px) {
      table { font-size: 0.78rem; }
      tbody th { white-space: normal; min-width: 6.5em; }
      th, td { padding: 4px 5px; }
    }
    thead th { vertical-align: bottom; background: #f4f4f4; }
    .name { display: inline-flex; align-items: center; gap: 6px; max-width: 16em; overflow: hidden; text-overflow: ellipsis; }
    .swatch { flex: none; width: 12px; height: 12px; border-radius: 2px; }
    .delta { color: #333; font-size: 0.8rem; }
    .up { color: #00603f; }
    .down { color: #a3350b; }
    label.baseline { display: inline-flex; align-items: center; gap: 4px; font-weight: 400; font-size: 0.78rem; margin-top: 2px; }
    input[type='radio']:focus-visible { outline: 3px solid var(--focus, #0072B2); outline-offset: 2px; }
    .charts { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 14px; margin-top: 14px; }
    .chance-row { margin-top: 10px; display: flex; gap: 10px; align-items: center; flex-wrap: wrap; }
    .chance-row button { font: inherit; font-size: 0.86rem; padding: 6px 12px; border-radius: 4px; border: 1px solid #666; background: #fff; cursor: pointer; }
    .chance-row button:focus-visible { outline: 3px solid var(--focus, #0072B2); outline-offset: 2px; }
    .error { color: #B00020; font-weight: 600; font-size: 0.85rem; }
    tr.chance td, tr.chance th { background: #f3f7fb; font-weight: 600; }
    .charts .span { grid-column: 1 / -1; }
    @media (max-width: 1180px) { .charts { grid-template-columns: minmax(0, 1fr); } }
  `;

  static override properties = {
    entries: { attribute: false },
    baselineId: { type: String },
  };

  declare entries: ComparedEntry[];
  declare baselineId: string;
  private readonly monteCarlo = new MonteCarloController(this);

  constructor() {
    super();
    this.entries = [];
    this.baselineId = '';
  }

  override render() {
    const entries = this.entries;
    if (entries.length < 2) return nothing;
    const baseline = entries.find((entry) => entry.id === this.baselineId) ?? entries[0];
    const years = Math.max(...entries.map((entry) => entry.model.horizonYears));
    const rows = ROWS.filter((row) => !row.label.startsWith('ROI year ') || Number(row.label.slice(9)) <= years);
    return html`<section class="card" aria-labelledby="compare-heading">
        <h2 id="compare-heading">Comparing ${entries.length} scenarios</h2>
        <p class="intro">Differences are each scenario minus the baseline: money and percentage, points for ROI.</p>
        <div class="wrap" role="region" aria-label="Key figures side by side" tabindex="0">
          <table>
            <thead><tr>
              <th scope="col">Key figure</th>
              ${entries.map((entry, index) => html`<th scope="col">
                <span class="name" title=${entry.model.name}><span class="swatch" style="background:${SCENARIO_COLOURS[index]}"></span>${entry.model.name}</span><br>
                <label class="baseline"><input type="radio" name="baseline" .checked=${entry === baseline}
                  @change=${() => this.dispatchEvent(new CustomEvent('baseline-change', { detail: { id: entry.id }, bubbles: true, composed: true }))}>baseline</label>
              </th>`)}
            </tr></thead>
            <tbody>${rows.map((row) => html`<tr>
              <th scope="row">${row.label}</th>
              ${entries.map((entry) => html`<td>${this.value(row, entry)}${entry === baseline ? nothing : html`<br><span class="delta">${this.difference(row, entry, baseline)}</span>`}</td>`)}
            </tr>`)}
            ${this.renderChances(entries)}</tbody>
          </table>
        </div>
        ${this.renderChanceButton(entries)}
      </section>
      <div class="charts">
        <multi-line-chart class="span" heading="Cumulative incremental profit" yLabel="Cumulative profit"
          description="Profit above the no-spend counterfactual, added up; each crosses zero at its payback."
          .series=${this.series((entry) => entry.profit.map((point) => point.cumulative))} .formatY=${formatMoneyShort}></multi-line-chart>
        <multi-line-chart heading="Brand equity" yLabel="Brand equity" description="Equity at the end of each period (0–1 scale)."
          .series=${this.series((entry) => entry.result.periods.map((period) => period.equity))} .formatY=${formatEquity}></multi-line-chart>
        <multi-line-chart heading="Revenue per month" yLabel="Revenue per month" description="Revenue per period, scaled to a month so plans of any period length compare."
          .series=${this.series((entry) => entry.result.periods.map((period) => period.revenue * entry.model.periodsPerYear / 12))} .formatY=${formatMoneyShort}></multi-line-chart>
      </div>`;
  }

  /** The scenarios' identity for the chance-of-best result: which models, as saved. */
  private key(entries: ComparedEntry[]): string {
    return entries.map((entry) => JSON.stringify(entry.model)).join('\n');
  }

  private renderChances(entries: ComparedEntry[]) {
    const state = this.monteCarlo.comparison;
    if (state.status !== 'done' || state.key !== this.key(entries)) return nothing;
    const chances = state.comparison.probabilityBest;
    return html`
      <tr class="chance"><th scope="row">Chance of the highest NPV</th>${entries.map((_, index) => html`<td>${formatPercent(chances.npv[index])}</td>`)}</tr>
      <tr class="chance"><th scope="row">Chance of the highest NPV with carryover</th>${entries.map((_, index) => html`<td>${formatPercent(chances.npvWithCarryover[index])}</td>`)}</tr>`;
  }

  private renderChanceButton(entries: ComparedEntry[]) {
    const state = this.monteCarlo.comparison;
    const current = state.status === 'done' && state.key === this.key(entries);
    if (current) return html`<p class="intro">Chances from ${COMPARE_DRAWS.toLocaleString('en-US')} draws of each scenario's ranges, the same draws for all (common random numbers).</p>`;
    return html`<div class="chance-row">
      <button type="button" ?disabled=${state.status === 'running'}
        @click=${() => this.monteCarlo.compare(entries.map((entry) => entry.model), this.key(entries), COMPARE_DRAWS, COMPARE_SEED)}>
        ${state.status === 'running' ? 'Working out the chances…' : 'Chance that each is best'}</button>
      ${state.status === 'failed' ? html`<span class="error" role="alert">${state.message}</span>` : nothing}
    </div>`;
  }

  private value(row: FigureRow, entry: ComparedEntry): string {
    const value = row.value(entry.result.summary);
    if (row.kind === 'money') return formatMoney(value);
    if (row.kind === 'ratio') return formatPercent(value);
    if (row.kind === 'period') return value === null ? 'none' : formatPeriod(value, entry.model.periodsPerYear);
    return formatEquity(value);
  }

  /** "+123,456 (+4.5 %)", "+2.3 pts", "+2 months", "+0.012", or a dash where it cannot be said. */
  private difference(row: FigureRow, entry: ComparedEntry, baseline: ComparedEntry) {
    const value = row.value(entry.result.summary);
    const base = row.value(baseline.result.summary);
    if (row.kind === 'period' && entry.model.periodsPerYear !== baseline.model.periodsPerYear) return MISSING;
    const delta = value === null || base === null ? null : value - base;
    if (delta === null || !Number.isFinite(delta)) return MISSING;
    // Spend is neither better nor worse for being higher.
    const tone = row.label === 'Total spend' ? '' : differenceTone(row.kind, delta);
    const text = formatDifference(row.kind, delta, base, entry.model.periodsPerYear);
    return html`<span class=${tone}>${text}</span>`;
  }

  private series(values: (entry: ComparedEntry) => number[]): LineSeries[] {
    return this.entries.map((entry, index) => {
      const monthsPerPeriod = 12 / entry.model.periodsPerYear;
      return {
        label: entry.model.name,
        colour: SCENARIO_COLOURS[index],
        dash: SCENARIO_DASHES[index],
        points: values(entry).map((value, period) => ({ x: (period + 1) * monthsPerPeriod, y: value, label: '' })),
      };
    });
  }
}

customElements.define('scenario-comparison', ScenarioComparison);

declare global {
  interface HTMLElementTagNameMap { 'scenario-comparison': ScenarioComparison; }
}
