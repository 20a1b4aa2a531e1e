import { LitElement, html, nothing } from 'lit';
import {
  type IncrementalProfitPoint, type Model, type ModelIssue, NUMBER_FIELDS, type SimulationResult, type TradeoffCurve,
  incrementalProfit, planSpend, simulate, tradeoffCurve,
} from '../engine/index.ts';
import '../charts/cumulative-profit.chart.ts';
import '../charts/revenue-sources.chart.ts';
import '../charts/spend-equity.chart.ts';
import '../charts/tradeoff-curve.chart.ts';
import './assumptions-panel.component.ts';
import { appStyles } from './budget-sim-app.styles.ts';
import type { FieldChangeDetail } from './field-events.ts';
import './key-figures.component.ts';
import { type Draft, checkDraft, draftFromModel, readField, withField, withHorizon, withPeriodsPerYear } from './model-draft.ts';
import './plan-controls.component.ts';
import './preset-picker.component.ts';
import { DEFAULT_PRESET_ID, PRESETS, findPreset } from './presets.ts';

/** Paths that have a control on screen; problems elsewhere are listed above the results. */
const PATHS_WITH_CONTROLS = ['horizonYears', 'periodsPerYear', 'market.seasonality', ...NUMBER_FIELDS.map((field) => field.path)];

/** Grid steps of the trade-off curve: 2-point steps, refined around each best share. */
const TRADEOFF_STEPS = 50;

/**
 * The planner: holds the state, validates every edit with the engine, and passes results down.
 * Controls send events up; nothing below this component changes the model.
 *
 * State: the draft (what the person typed, possibly invalid) and the last valid model with its
 * results. An invalid edit shows the engine's message by its field and leaves the figures and
 * charts on the last valid result.
 */
export class BudgetSimApp extends LitElement {
  static override styles = appStyles;
  static override properties = {
    presetId: { state: true },
    draft: { state: true },
    model: { state: true },
    issues: { state: true },
  };

  declare presetId: string;
  declare draft: Draft;
  declare model: Model;
  declare issues: readonly ModelIssue[];
  private result!: SimulationResult;
  private profit: IncrementalProfitPoint[] = [];
  private curve: TradeoffCurve | undefined;
  private curveKey = '';

  constructor() {
    super();
    this.issues = [];
    this.loadPreset(DEFAULT_PRESET_ID);
  }

  /** Resolves once this component and every chart and control inside it have rendered. */
  async whenRendered(): Promise<void> {
    await this.updateComplete;
    const pending = [...(this.renderRoot.querySelectorAll('*') as NodeListOf<Element>)]
      .filter((element): element is LitElement => element instanceof LitElement)
      .map(async (element) => {
        await element.updateComplete;
        const frame = element.renderRoot.querySelector('chart-frame') as LitElement | null;
        if (frame !== null) await frame.updateComplete;
      });
    await Promise.all(pending);
  }

  override async firstUpdated(): Promise<void> {
    await this.whenRendered();
    // Read by `npm run bench:ui` as the time to the first chart.
    performance.mark('budget-sim:first-chart');
  }

  private loadPreset(id: string): void {
    const preset = findPreset(id) ?? findPreset(DEFAULT_PRESET_ID) ?? PRESETS[0];
    this.presetId = preset.id;
    this.setDraft(draftFromModel(preset.model));
  }

  private setDraft(draft: Draft): void {
    this.draft = draft;
    const check = checkDraft(draft);
    this.issues = check.issues;
    if (check.model !== undefined) {
      this.model = check.model;
      this.recompute();
    }
  }

  private recompute(): void {
    const model = this.model;
    this.result = simulate(model);
    this.profit = incrementalProfit(this.result.periods, model.economics.margin);
    // The curve covers every horizon and share, so moving the share slider or changing the
    // horizon reuses it; anything else that changes the numbers recomputes it.
    const key = JSON.stringify({ ...model, name: '', description: '', horizonYears: 0, budget: model.budget && { perYear: model.budget.perYear } });
    if (key !== this.curveKey) {
      this.curve = tradeoffCurve(model, TRADEOFF_STEPS);
      this.curveKey = key;
    }
  }

  override render() {
    const model = this.model;
    const result = this.result;
    const unplaced = this.issues.filter((issue) => !PATHS_WITH_CONTROLS.some((path) => issue.path === path || issue.path.startsWith(`${path}[`)));
    return html`
      <header class="masthead">
        <h1>budget-sim</h1>
        <p>Upstream builds the brand, downstream converts today’s demand: find the split that pays over your horizon.</p>
      </header>
      <main class="layout"
        @field-change=${(event: CustomEvent<FieldChangeDetail>) => this.setDraft(withField(this.draft, event.detail.path, event.detail.value))}
        @horizon-change=${(event: CustomEvent<{ horizonYears: number }>) => this.setDraft(withHorizon(this.draft, event.detail.horizonYears))}
        @periods-change=${(event: CustomEvent<{ periodsPerYear: number }>) => this.setDraft(withPeriodsPerYear(this.draft, event.detail.periodsPerYear))}
        @split-mode-change=${(event: CustomEvent<{ byYear: boolean }>) => this.setDraft(withSplitMode(this.draft, event.detail.byYear))}
        @reset-preset=${() => this.loadPreset(this.presetId)}
        @preset-change=${(event: CustomEvent<{ id: string }>) => this.loadPreset(event.detail.id)}>
        <aside class="controls" aria-label="Plan and assumptions">
          <section class="card"><preset-picker .presets=${PRESETS} selected=${this.presetId}></preset-picker></section>
          <section class="card" aria-labelledby="plan-heading">
            <h2 id="plan-heading">Your plan</h2>
            <plan-controls .draft=${this.draft} .issues=${this.issues}></plan-controls>
          </section>
          <details class="card" ?open=${window.matchMedia('(min-width: 901px)').matches}>
            <summary><h2>Assumptions</h2></summary>
            <assumptions-panel .draft=${this.draft} .issues=${this.issues}></assumptions-panel>
          </details>
        </aside>
        <section class="results" aria-label="Results">
          ${this.issues.length > 0 ? html`<div class="stale" role="status">
            <strong>Showing the last valid results.</strong> Fix the highlighted ${this.issues.length === 1 ? 'field' : 'fields'} to update them.
            ${unplaced.length > 0 ? html`<ul>${unplaced.map((issue) => html`<li>${issue.message}</li>`)}</ul>` : nothing}
          </div>` : nothing}
          <key-figures .summary=${result.summary} periodsPerYear=${model.periodsPerYear} initialEquity=${model.brand.initialEquity}></key-figures>
          <div class="charts">
            <tradeoff-curve-chart class="span" .curve=${this.curve} currentShare=${currentShare(model)}
              currentHorizon=${model.horizonYears} currentValue=${result.summary.npvWithCarryover}></tradeoff-curve-chart>
            <spend-equity-chart .periods=${result.periods} periodsPerYear=${model.periodsPerYear}></spend-equity-chart>
            <revenue-sources-chart .periods=${result.periods} periodsPerYear=${model.periodsPerYear}></revenue-sources-chart>
            <cumulative-profit-chart class="span" .points=${this.profit} .paybackPeriod=${result.summary.paybackPeriod}
              periodsPerYear=${model.periodsPerYear}></cumulative-profit-chart>
          </div>
        </section>
      </main>`;
  }
}

/** The plan's upstream share of all spend: the share itself, or a spend-weighted average. */
function currentShare(model: Model): number {
  const share = model.budget?.upstreamShare;
  if (model.plan === undefined && typeof share === 'number') return share;
  const spend = planSpend(model);
  let upstream = 0;
  let total = 0;
  for (let index = 0; index < spend.upstream.length; index += 1) {
    upstream += spend.upstream[index];
    total += spend.upstream[index] + spend.downstream[index];
  }
  return total > 0 ? upstream / total : 0;
}

/** Turns budget and share into one value per year, or back into single values (year 1's). */
function withSplitMode(draft: Draft, byYear: boolean): Draft {
  const years = Number(readField(draft, 'horizonYears')) || 1;
  let next = draft;
  for (const path of ['budget.perYear', 'budget.upstreamShare']) {
    const value = readField(next, path);
    if (byYear && !Array.isArray(value)) next = withField(next, path, Array.from({ length: years }, () => value));
    if (!byYear && Array.isArray(value)) next = withField(next, path, value[0]);
  }
  return next;
}

customElements.define('budget-sim-app', BudgetSimApp);

declare global {
  interface HTMLElementTagNameMap { 'budget-sim-app': BudgetSimApp; }
}
