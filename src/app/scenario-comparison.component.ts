import { LitElement, css, html, nothing } from 'lit';
import { appEvent } from './app-events.ts';
import { scrollCue } from '../charts/scroll-cue.styles.ts';
import type { IncrementalProfitPoint, MarginalRoi, Model, SimulationResult, Summary } from '../engine/index.ts';
import { KEY_FIGURES, type KeyFigure, keyFigure } from '../engine/key-figures.ts';
import { MARGINAL_ROI_FIGURES } from '../engine/marginal-roi-figure.ts';
import { PHASING_WORDS, planOutline } from '../engine/plan-outline.ts';
import '../charts/multi-line.chart.ts';
import type { LineSeries } from '../charts/multi-line.chart.ts';
import { SCENARIO_COLOURS, SCENARIO_DASHES } from '../charts/palette.ts';
import {
  type FigureKind, MISSING, type NumberFormats, figureTone, formatDifference, formatFigure, formatMarginalRoi, formatsFor,
} from './format.ts';
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
  /** What the next unit of money returns on each side; its rows show "—" without it. */
  marginal?: MarginalRoi;
}

/** The id of the unsaved plan's column. */
export const CURRENT_PLAN_ID = 'current';
const CURRENT_PLAN_LABEL = 'Current plan (unsaved)';
/** The unsaved plan's colour and dash: dark grey, dotted, apart from the saved scenarios' palette. */
const UNSAVED_COLOUR = '#444444';
const UNSAVED_DASH = '2 3';

/** A row of figures: its label, how its number is shown, and which way is better. */
interface FigureRow {
  label: string;
  help?: string;
  kind: FigureKind;
  better: KeyFigure['better'];
  value: (entry: ComparedEntry) => number | null;
}

/** A row that says what a scenario is (no differences). */
interface DescribingRow {
  label: string;
  value: (entry: ComparedEntry, formats: NumberFormats) => string;
}

/** One value for every year when they are all the same, else each year's, short. */
function byYear(values: readonly (number | null)[], one: (value: number | null) => string, short: (value: number | null) => string): string {
  if (values.length === 0) return MISSING;
  return values.every((value) => value === values[0]) ? one(values[0]) : values.map(short).join(' / ');
}

const PERIOD_WORDS: Record<number, string> = { 12: 'monthly', 4: 'quarterly', 52: 'weekly' };

const DESCRIBING_ROWS: readonly DescribingRow[] = [
  { label: 'Budget per year', value: (entry, formats) => byYear(planOutline(entry.model).budgetByYear, formats.money, formats.moneyShort) },
  { label: 'Upstream share by year', value: (entry, formats) => byYear(planOutline(entry.model).upstreamShareByYear, formats.percentWhole, formats.percentWhole) },
  { label: 'Horizon', value: (entry) => `${entry.model.horizonYears} year${entry.model.horizonYears === 1 ? '' : 's'}` },
  { label: 'Periods', value: (entry) => PERIOD_WORDS[entry.model.periodsPerYear] ?? String(entry.model.periodsPerYear) },
  { label: 'Phasing', value: (entry) => PHASING_WORDS[planOutline(entry.model).phasing] },
];

const MAX_YEARS = 5;

/** A label inside a sentence: "Total NPV" → "total NPV" (a leading acronym stays as it is). */
function inSentence(label: string): string {
  return /^[A-Z][a-z]/.test(label) ? `${label[0].toLowerCase()}${label.slice(1)}` : label;
}

/** Every key figure from `KEY_FIGURES` (the marketing's own value first), ROI by year after ROI, marginal ROI after IRR. */
const FIGURE_ROWS: readonly FigureRow[] = KEY_FIGURES.flatMap((figure): FigureRow[] => {
  const row: FigureRow = { label: figure.label, help: figure.help, kind: figure.unit, better: figure.better, value: (entry) => entry.result.summary[figure.field as keyof Summary] as number | null };
  if (figure.field === 'roi') {
    return [row, ...Array.from({ length: MAX_YEARS }, (_, year): FigureRow => ({
      label: `ROI year ${year + 1}`, kind: 'ratio', better: 'higher', value: (entry) => entry.result.summary.roiByYear[year] ?? null,
    }))];
  }
  if (figure.field === 'irr') {
    return [row, ...MARGINAL_ROI_FIGURES.map((side): FigureRow => ({
      label: side.label, help: side.help, kind: 'ratio', better: 'higher', value: (entry) => entry.marginal?.[side.side] ?? null,
    }))];
  }
  return [row];
});

/**
 * Up to four scenarios side by side: every key figure with its difference from the chosen
 * baseline (money and percentage; points for ROI), and their time series overlaid.
 *
 * @event baseline-change - `{ id }` when another scenario is chosen as the baseline
 */
export class ScenarioComparison extends LitElement {
  static override styles = css`
    ${scrollCue('.wrap')}
    :host { display: block; }
    .card { background: var(--colour-surface); border: 1px solid var(--colour-line); border-radius: 8px; padding: 12px 14px; }
    h2 { margin: 0 0 6px; font-size: 1.05rem; }
    .intro { margin: 0 0 10px; font-size: 0.86rem; color: var(--colour-text-soft); }
    .wrap { overflow-x: auto; }
    table { border-collapse: collapse; width: 100%; font-size: 0.85rem; font-variant-numeric: tabular-nums; }
    th, td { padding: 5px 8px; border-bottom: 1px solid var(--colour-row); text-align: right; white-space: nowrap; }
    th:first-child { text-align: left; position: sticky; left: 0; z-index: 1; background: var(--colour-surface); }
    thead th:first-child { background: var(--colour-table-head); }
    @media (max-width: 600px) {
      table { font-size: 0.78rem; }
      tbody th { white-space: normal; min-width: 6.5em; }
      th, td { padding: 4px 5px; }
    }
    thead th { vertical-align: bottom; background: var(--colour-table-head); }
    .name { display: inline-flex; align-items: center; gap: 6px; max-width: 16em; overflow: hidden; text-overflow: ellipsis; }
    .swatch { flex: none; width: 12px; height: 12px; border-radius: 2px; }
    .delta { color: var(--colour-text-secondary); font-size: 0.8rem; }
    .up { color: var(--colour-better); }
    .down { color: var(--colour-worse); }
    label.baseline { display: inline-flex; align-items: center; gap: 4px; font-weight: 400; font-size: 0.78rem; margin-top: 2px; }
    input[type='radio']:focus-visible { outline: var(--focus-ring); outline-offset: 2px; }
    .charts { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 14px; margin-top: 14px; }
    .chance-row { margin-top: 10px; display: flex; gap: 10px; align-items: center; flex-wrap: wrap; }
    .chance-row button { font: inherit; font-size: 0.86rem; padding: 6px 12px; border-radius: 4px; border: 1px solid var(--colour-control-border); background: var(--colour-surface); cursor: pointer; }
    .chance-row button:focus-visible { outline: var(--focus-ring); outline-offset: 2px; }
    .error { color: var(--colour-error); font-weight: 600; font-size: 0.85rem; }
    tr.chance td, tr.chance th { background: var(--colour-tinted); font-weight: 600; }
    .charts .span { grid-column: 1 / -1; }
    tr.section th { text-align: left; background: var(--colour-section); font-weight: 700; font-size: 0.8rem; color: var(--colour-text-strong); position: static; }
    tbody.describing td { color: var(--colour-text-strong); }
    th.unsaved { background: var(--colour-unsaved-surface); }
    .sub { font-weight: 400; font-size: 0.78rem; color: var(--colour-text-soft); }
    @media (max-width: 1180px) { .charts { grid-template-columns: minmax(0, 1fr); } }
  `;

  static override properties = {
    entries: { attribute: false },
    baselineId: { type: String },
    current: { attribute: false },
  };

  declare entries: ComparedEntry[];
  declare baselineId: string;
  /**
   * The plan on screen, simulated (id `CURRENT_PLAN_ID`); shown as one more column, "Current
   * plan (unsaved)", when it differs from every compared scenario. Undefined while it is invalid.
   */
  declare current: ComparedEntry | undefined;
  private readonly monteCarlo = new MonteCarloController(this);

  constructor() {
    super();
    this.entries = [];
    this.baselineId = '';
    this.current = undefined;
  }

  /** The compared scenarios, and the unsaved plan after them when it is none of them. */
  private columns(): ComparedEntry[] {
    const current = this.current;
    if (current === undefined) return this.entries;
    const key = JSON.stringify(current.model);
    return this.entries.some((entry) => JSON.stringify(entry.model) === key) ? this.entries : [...this.entries, { ...current, id: CURRENT_PLAN_ID }];
  }

  override render() {
    const entries = this.entries;
    if (entries.length < 2) return nothing;
    const columns = this.columns();
    const baseline = entries.find((entry) => entry.id === this.baselineId) ?? entries[0];
    const formats = new Map(columns.map((entry) => [entry, formatsFor(entry.model)]));
    const years = Math.max(...columns.map((entry) => entry.model.horizonYears));
    const rows = FIGURE_ROWS.filter((row) => !row.label.startsWith('ROI year ') || Number(row.label.slice(9)) <= years);
    const currencies = new Set(columns.map((entry) => entry.model.currency));
    const describing = currencies.size > 1 || !currencies.has(undefined)
      ? [...DESCRIBING_ROWS, { label: 'Currency', value: (entry: ComparedEntry) => entry.model.currency ?? 'none' }]
      : DESCRIBING_ROWS;
    const span = columns.length + 1;
    return html`<section class="card" aria-labelledby="compare-heading">
        <h2 id="compare-heading">Comparing ${entries.length} scenarios${columns.length > entries.length ? ' and the current plan' : ''}</h2>
        <p class="intro">What each plan is, then its key figures, the value of the marketing itself first. Differences are each column minus the baseline: money and percentage, points for ROI.</p>
        <div class="wrap" role="region" aria-label="Scenarios side by side" tabindex="0">
          <table>
            <thead><tr>
              <th scope="col">Scenario</th>
              ${columns.map((entry, index) => html`<th scope="col" class=${entry.id === CURRENT_PLAN_ID ? 'unsaved' : ''} data-column=${entry.id}>
                ${entry.id === CURRENT_PLAN_ID
                  ? html`<span class="name" title=${`${entry.model.name}: the plan on screen, not saved`}><span class="swatch" style="background:${UNSAVED_COLOUR}"></span>${CURRENT_PLAN_LABEL}</span><br>
                    <span class="sub">${entry.model.name}</span>`
                  : html`<span class="name" title=${entry.model.name}><span class="swatch" style="background:${SCENARIO_COLOURS[index]}"></span>${entry.model.name}</span><br>
                    <label class="baseline"><input type="radio" name="baseline" .checked=${entry === baseline}
                      @change=${() => this.dispatchEvent(appEvent('baseline-change', { id: entry.id }))}>baseline</label>`}
              </th>`)}
            </tr></thead>
            <tbody class="describing">
              <tr class="section"><th scope="rowgroup" colspan=${span}>What each plan is</th></tr>
              ${describing.map((row) => html`<tr>
                <th scope="row">${row.label}</th>
                ${columns.map((entry) => html`<td>${row.value(entry, formats.get(entry)!)}</td>`)}
              </tr>`)}
            </tbody>
            <tbody class="figures">
              <tr class="section"><th scope="rowgroup" colspan=${span}>Key figures</th></tr>
              ${rows.map((row) => html`<tr>
                <th scope="row" title=${row.help ?? nothing}>${row.label}</th>
                ${columns.map((entry) => html`<td>${this.value(row, entry, formats.get(entry)!)}${entry === baseline ? nothing : html`<br><span class="delta">${this.difference(row, entry, baseline, formats.get(entry)!)}</span>`}</td>`)}
              </tr>`)}
              ${this.renderChances(entries, columns.length - entries.length)}
            </tbody>
          </table>
        </div>
        ${this.renderChanceButton(entries)}
      </section>
      <div class="charts">
        <multi-line-chart class="span" heading="Cumulative incremental profit" yLabel="Cumulative profit"
          description="Profit above what spending nothing would earn, added up; each crosses zero at its payback."
          .series=${this.series(columns, (entry) => entry.profit.map((point) => point.cumulative))} .formatY=${formats.get(baseline)!.moneyShort}></multi-line-chart>
        <multi-line-chart heading="Brand equity" yLabel="Brand equity" description="Equity at the end of each period (0–1 scale)."
          .series=${this.series(columns, (entry) => entry.result.periods.map((period) => period.equity))} .formatY=${formats.get(baseline)!.equity}></multi-line-chart>
        <multi-line-chart heading="Revenue per month" yLabel="Revenue per month" description="Revenue per period, scaled to a month so plans of any period length compare."
          .series=${this.series(columns, (entry) => entry.result.periods.map((period) => period.revenue * entry.model.periodsPerYear / 12))} .formatY=${formats.get(baseline)!.moneyShort}></multi-line-chart>
      </div>`;
  }

  /** The scenarios' identity for the chance-of-best result: which models, as saved. */
  private key(entries: ComparedEntry[]): string {
    return entries.map((entry) => JSON.stringify(entry.model)).join('\n');
  }

  /** Chance rows cover the compared scenarios only; the unsaved plan's cell says so. */
  private renderChances(entries: ComparedEntry[], extraColumns: number) {
    const state = this.monteCarlo.comparison;
    if (state.status !== 'done' || state.key !== this.key(entries)) return nothing;
    const chances = state.comparison.probabilityBest;
    const extra = Array.from({ length: extraColumns }, () => html`<td title="Save the plan and compare it to include it">${MISSING}</td>`);
    return html`
      <tr class="chance"><th scope="row">Chance of the highest ${inSentence(keyFigure('npv').label)}</th>${entries.map((_, index) => html`<td>${formatsFor(entries[index].model).percent(chances.npv[index])}</td>`)}${extra}</tr>
      <tr class="chance"><th scope="row">Chance of the highest ${inSentence(keyFigure('npvWithCarryover').label)}</th>${entries.map((_, index) => html`<td>${formatsFor(entries[index].model).percent(chances.npvWithCarryover[index])}</td>`)}${extra}</tr>`;
  }

  private renderChanceButton(entries: ComparedEntry[]) {
    const state = this.monteCarlo.comparison;
    const current = state.status === 'done' && state.key === this.key(entries);
    if (current) return html`<p class="intro">Chances from ${COMPARE_DRAWS.toLocaleString('en-US')} draws of each scenario's ranges, the same draws for all, so the differences come from the plans, not from the luck of the draw.</p>`;
    return html`<div class="chance-row">
      <button type="button" ?disabled=${state.status === 'running'}
        @click=${() => this.monteCarlo.compare(entries.map((entry) => entry.model), this.key(entries), COMPARE_DRAWS, COMPARE_SEED)}>
        ${state.status === 'running' ? 'Working out the chances…' : 'Chance that each is best'}</button>
      ${state.status === 'failed' ? html`<span class="error" role="alert">${state.message}</span>` : nothing}
    </div>`;
  }

  private value(row: FigureRow, entry: ComparedEntry, formats: NumberFormats): string {
    const value = row.value(entry);
    if (row.kind === 'period') return value === null ? 'none' : formats.period(value);
    if (row.label.startsWith('Marginal ROI')) return formatMarginalRoi(value, formats);
    return formatFigure({ unit: row.kind }, value, formats);
  }

  /** "+€123,456 (+4.5%)", "+2.3 pts", "+2 months", "+0.012", or a dash where it cannot be said. */
  private difference(row: FigureRow, entry: ComparedEntry, baseline: ComparedEntry, formats: NumberFormats) {
    const value = row.value(entry);
    const base = row.value(baseline);
    if (row.kind === 'period' && entry.model.periodsPerYear !== baseline.model.periodsPerYear) return MISSING;
    const delta = value === null || base === null ? null : value - base;
    if (delta === null || !Number.isFinite(delta)) return MISSING;
    const text = formatDifference(row.kind, delta, base, entry.model.periodsPerYear, formats);
    return html`<span class=${text === MISSING ? '' : figureTone(row, delta)}>${text}</span>`;
  }

  private series(columns: ComparedEntry[], values: (entry: ComparedEntry) => number[]): LineSeries[] {
    return columns.map((entry, index) => {
      const monthsPerPeriod = 12 / entry.model.periodsPerYear;
      const unsaved = entry.id === CURRENT_PLAN_ID;
      return {
        label: unsaved ? CURRENT_PLAN_LABEL : entry.model.name,
        colour: unsaved ? UNSAVED_COLOUR : SCENARIO_COLOURS[index],
        dash: unsaved ? UNSAVED_DASH : SCENARIO_DASHES[index],
        points: values(entry).map((value, period) => ({ x: (period + 1) * monthsPerPeriod, y: value, label: '' })),
      };
    });
  }
}

customElements.define('scenario-comparison', ScenarioComparison);

declare global {
  interface HTMLElementTagNameMap { 'scenario-comparison': ScenarioComparison; }
}
