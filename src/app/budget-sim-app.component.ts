import { LitElement, html, nothing } from 'lit';
import {
  ALL_NUMBER_FIELDS, CARRYOVER_BASELINE_FIELD, type IncrementalProfitPoint, type Model, type ModelIssue, type TwoLeverModel, NUMBER_FIELDS, SHORT_TERM_FIELDS, type SimulationResult, type TradeoffCurve,
  incrementalProfit, planSpend, simulate, startingEquity, tradeoffCurve,
} from '../engine/index.ts';
import { type ModelReadResult, formatPeriodsCsv, hasScenario, readModelText, readScenarioLink, scenarioHash } from '../engine/io/index.ts';
import '../charts/best-share.chart.ts';
import '../charts/cumulative-profit.chart.ts';
import { SCENARIO_COLOURS } from '../charts/palette.ts';
import '../charts/revenue-sources.chart.ts';
import '../charts/after-horizon.chart.ts';
import { type AfterHorizonPoint, afterHorizon } from '../engine/after-horizon.ts';
import { type BaseFall, baseFall } from '../engine/base-fall.ts';
import './sticky-summary.component.ts';
import '../charts/spend-equity.chart.ts';
import '../charts/tradeoff-curve.chart.ts';
import type { ScenarioPoint } from '../charts/tradeoff-curve.chart.ts';
import './assumptions-panel.component.ts';
import { appStyles } from './budget-sim-app.styles.ts';
import { downloadText, exportedModel, fileNameFor } from './downloads.ts';
import type { FieldChangeDetail } from './field-events.ts';
import { plainIssues } from './field-messages.ts';
import { type NumberFormats, formatEquity, formatMoney, formatsFor } from './format.ts';
import { marginalRoi, type MarginalRoi } from '../engine/sim/marginal-roi.ts';
import { formatKeyFiguresCsv } from '../engine/io/key-figures-csv.ts';
import { marketingTradeoffCurve } from '../engine/marketing-tradeoff-curve.ts';
import './key-figures.component.ts';
import {
  type Draft, checkDraft, draftFromModel, readField, withAppliedPlan, withBudgetOfPlan, withField, withHorizon, withPeriodsPerYear, withSplitMode, withoutPlan,
} from './model-draft.ts';
import './optimizer-panel.component.ts';
import './plan-grid.component.ts';
import type { PlanEditDetail } from './plan-grid.component.ts';
import './risk-panel.component.ts';
import './plan-controls.component.ts';
import './currency-calendar.component.ts';
import './preset-picker.component.ts';
import { DEFAULT_PRESET_ID, PRESETS, findPreset } from './presets.ts';
import './scenario-comparison.component.ts';
import type { ComparedEntry } from './scenario-comparison.component.ts';
import './scenario-panel.component.ts';
import { ScenariosController } from './scenarios-controller.ts';
import type { WorkingState } from './scenario-store.ts';
import { DeferredSaveController } from './deferred-save-controller.ts';
import './action-toast.component.ts';
import { printedPlanRows } from './plan-summary.ts';
import './undo-buttons.component.ts';
import { APPLY_PLAN_STEP, type PlanSnapshot, UndoController, fieldStepLabel } from './undo-controller.ts';

/** Paths that have a control on screen; problems elsewhere are listed above the results. */
const PATHS_WITH_CONTROLS = [
  'name', 'startYear', 'horizonYears', 'periodsPerYear', 'currency', 'fiscalYearStartMonth', 'market.seasonality', 'upstream.shortTerm',
  CARRYOVER_BASELINE_FIELD.path, ...ALL_NUMBER_FIELDS.map((field) => field.path),
];

/** Grid steps of the trade-off curve: 2-point steps, refined around each best share. */
const TRADEOFF_STEPS = 50;

/**
 * The planner: holds the state, validates every edit with the engine, and passes results down.
 * Controls send events up; nothing below this component changes the model.
 *
 * State: the draft (what the person typed, possibly invalid) and the last valid model with its
 * results. An invalid edit shows the engine's message by its field and leaves the figures and
 * charts on the last valid result. Every edit is saved as the working state and a valid one is
 * written to the URL, so a reload, a closed tab or a shared link loses nothing; saved scenarios
 * change only when the person saves.
 */
export class BudgetSimApp extends LitElement {
  static override styles = appStyles;
  static override properties = {
    presetId: { state: true },
    draft: { state: true },
    model: { state: true },
    issues: { state: true },
    view: { state: true },
    riskOpen: { state: true },
  };

  declare presetId: string;
  declare draft: Draft;
  declare model: Model;
  declare issues: readonly ModelIssue[];
  declare view: 'plan' | 'compare';
  /** Whether the risk panel is open: closed, it does no work on each edit. */
  declare riskOpen: boolean;
  private result!: SimulationResult;
  /** The model's number formats (currency symbol, calendar), passed to the figures and every chart. */
  private formats!: NumberFormats;
  /** What the next unit of money returns on each side, for the key figures. */
  private marginal: MarginalRoi | undefined;
  private profit: IncrementalProfitPoint[] = [];
  /** The carryover years period by period, and the base's early fall, for the charts. */
  private carryover: AfterHorizonPoint[] = [];
  private fall: BaseFall | undefined;
  private curve: TradeoffCurve | undefined;
  private curveKey = '';
  private readonly scenarios = new ScenariosController(this, browserStorage(), tabStorage());
  private readonly onHashChange = () => {
    if (hasScenario(location.hash) && location.hash !== this.writtenHash) this.openLink(location.href);
  };
  /** The hash this tab last wrote, so its own URL updates are not read back as a new link. */
  private writtenHash = '';
  private readonly deferredSave = new DeferredSaveController(this);
  private compared: ComparedEntry[] = [];
  private comparedKey = '';
  /** Undo and redo of every change of the plan (buttons, Ctrl/Cmd+Z), and the message about the last step. */
  private readonly undo = new UndoController(this, (snapshot) => this.restoreSnapshot(snapshot));

  constructor() {
    super();
    this.issues = [];
    this.view = 'plan';
    this.riskOpen = false;
    this.start();
    this.undo.start(this.snapshot());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHashChange);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('hashchange', this.onHashChange);
    super.disconnectedCallback();
  }

  /** Resolves once this component and every chart and control inside it have rendered. */
  async whenRendered(): Promise<void> {
    await this.updateComplete;
    const pending = [...(this.renderRoot.querySelectorAll('*') as NodeListOf<Element>)]
      .filter((element): element is LitElement => element instanceof LitElement)
      .map(async (element) => {
        await element.updateComplete;
        await Promise.all([...element.renderRoot.querySelectorAll('*')]
          .filter((inner): inner is LitElement => inner instanceof LitElement)
          .map((inner) => inner.updateComplete));
      });
    await Promise.all(pending);
  }

  override async firstUpdated(): Promise<void> {
    await this.whenRendered();
    // Read by `npm run bench:ui` as the time to the first chart.
    performance.mark('budget-sim:first-chart');
  }

  /**
   * Opens, in order of precedence: a scenario in the URL (unless it is this browser's own last
   * plan, reloaded), the last working state with any invalid text still in its fields, the
   * default preset.
   */
  private start(): void {
    const working = this.scenarios.loadWorkingState();
    const lastValid = working === undefined ? undefined : readModelText(JSON.stringify(working.lastValid ?? null), 'The saved plan');
    if (hasScenario(location.hash)) {
      const read = readScenarioLink(location.href);
      if (read.ok) {
        // A reload of this tab: the address holds a link this tab wrote itself (possibly a moment
        // behind its last edits, which the working state has), not one from elsewhere.
        const ownPlan = working !== undefined && lastValid?.ok === true
          && (isOwnLink(location.hash) || JSON.stringify(lastValid.model) === JSON.stringify(read.model));
        if (ownPlan) {
          this.restore(working, lastValid.model);
        } else {
          this.presetId = '';
          this.setDraft(draftFromModel(read.model));
        }
        this.writtenHash = location.hash;
        return;
      }
      this.reportRead(read, 'The link could not be opened');
    }
    if (working !== undefined) {
      const fallback = lastValid?.ok ? lastValid.model : (findPreset(working.presetId) ?? findPreset(DEFAULT_PRESET_ID)!).model;
      this.restore(working, fallback);
      return;
    }
    this.loadPreset(DEFAULT_PRESET_ID);
  }

  /** Puts back the working state of the last visit: its preset, open scenario and draft as typed. */
  private restore(working: WorkingState, lastValid: Model): void {
    this.presetId = working.presetId === '' || findPreset(working.presetId) !== undefined ? working.presetId : '';
    if (working.scenarioId !== null && this.scenarios.scenarios.some((scenario) => scenario.id === working.scenarioId)) {
      this.scenarios.currentId = working.scenarioId;
    }
    this.model = lastValid;
    this.recompute();
    this.setDraft(typeof working.draft === 'object' && working.draft !== null ? working.draft as Draft : draftFromModel(lastValid));
  }

  private loadPreset(id: string): void {
    const preset = findPreset(id) ?? findPreset(DEFAULT_PRESET_ID) ?? PRESETS[0];
    this.presetId = preset.id;
    this.scenarios.detach();
    this.setDraft(draftFromModel(preset.model));
  }

  private setDraft(draft: Draft): void {
    this.draft = draft;
    const check = checkDraft(draft);
    // Worded for the screen: labels and the units the boxes show, not the file's paths (field-messages.ts).
    this.issues = plainIssues(check.issues, draft);
    if (check.model !== undefined) {
      this.model = check.model;
      this.recompute();
    }
    const model = check.model;
    const state: WorkingState = { draft, lastValid: this.model, presetId: this.presetId, scenarioId: this.scenarios.currentId };
    // Writing the address and storage costs a millisecond or two; done a moment after the last
    // edit (and at once when the page is hidden), not on every step of a slider.
    this.deferredSave.schedule(() => {
      if (model !== undefined) this.writeLink(model);
      this.scenarios.autosave(state);
    });
  }

  private recompute(): void {
    const model = this.model;
    this.result = simulate(model);
    this.formats = formatsFor(model);
    this.marginal = marginalRoi(model);
    this.profit = incrementalProfit(this.result.periods, model.economics.margin);
    this.carryover = afterHorizon(model);
    this.fall = baseFall(this.result.periods, model);
    // The curve covers every horizon and share, so moving the share slider or changing the
    // horizon reuses it; anything else that changes the numbers recomputes it.
    const key = JSON.stringify({ ...model, name: '', description: '', startYear: 0, horizonYears: 0, budget: model.budget && { perYear: model.budget.perYear } });
    if (key !== this.curveKey) {
      // In the marketing's own value, as the key figures lead with (the best shares are the same).
      this.curve = marketingTradeoffCurve(tradeoffCurve(model, TRADEOFF_STEPS), model);
      this.curveKey = key;
    }
  }

  /** Keeps the URL a link to what is on screen, without adding history entries. */
  private writeLink(model: Model): void {
    const hash = scenarioHash(model);
    if (hash === this.writtenHash) return;
    this.writtenHash = hash;
    rememberOwnLink(hash);
    history.replaceState(history.state, '', `${location.pathname}${location.search}${hash}`);
  }

  /** Loads a model from outside (a file or a link) as the working plan; saved scenarios are untouched. */
  private openRead(read: ModelReadResult, failure: string, success: (model: Model) => string): void {
    if (!read.ok) {
      this.reportRead(read, failure);
      return;
    }
    this.scenarios.detach();
    this.presetId = '';
    this.setDraft(draftFromModel(read.model));
    this.undo.record(this.snapshot(), `Open “${read.model.name}”`);
    this.scenarios.notify('info', success(read.model));
  }

  private openLink(text: string): void {
    this.openRead(readScenarioLink(text), 'The link could not be opened', (model) => `Opened “${model.name}” from the link. Save it to keep it.`);
  }

  private async importFile(file: File): Promise<void> {
    // Refuse a huge file before reading it into memory.
    if (file.size > 5 * 1024 * 1024) {
      this.scenarios.notify('error', `${file.name} is too large (${(file.size / 1024 / 1024).toFixed(1)} MB); a model file is at most 5 MB. Nothing was changed.`);
      return;
    }
    let text: string;
    try {
      text = await file.text();
    } catch {
      this.scenarios.notify('error', `${file.name} could not be read. Nothing was changed.`);
      return;
    }
    this.openRead(readModelText(text, file.name), `${file.name} could not be imported`, (model) => `Imported “${model.name}” from ${file.name}. Save it to keep it.`);
  }

  private reportRead(read: ModelReadResult & { ok: false }, failure: string): void {
    this.scenarios.notify('error', `${failure}: ${read.message}. Nothing was changed.`, read.issues.slice(0, 8).map((issue) => issue.message));
  }

  private async shareLink(): Promise<void> {
    const link = `${location.origin}${location.pathname}${scenarioHash(this.model)}`;
    try {
      await navigator.clipboard.writeText(link);
      this.scenarios.notify('info', 'Copied a link to this scenario. Anyone who opens it sees exactly these numbers.');
    } catch {
      this.scenarios.notify('info', 'Copy this link to share the scenario (it is also in the address bar):', [link]);
    }
  }

  /** Compared scenarios simulated once per change of the selection, not on every render. */
  private comparedEntries(): ComparedEntry[] {
    const key = this.scenarios.compareIds.map((id) => `${id}@${this.scenarios.scenarios.find((scenario) => scenario.id === id)?.savedAt}`).join(',');
    if (key !== this.comparedKey) {
      this.comparedKey = key;
      this.compared = this.simulateCompared();
    }
    return this.compared;
  }

  private simulateCompared(): ComparedEntry[] {
    return this.scenarios.compareIds.flatMap((id) => {
      const scenario = this.scenarios.scenarios.find((candidate) => candidate.id === id);
      if (scenario === undefined) return [];
      const result = simulate(scenario.model);
      return [{ id, model: scenario.model, result, profit: incrementalProfit(result.periods, scenario.model.economics.margin), marginal: marginalRoi(scenario.model) }];
    });
  }

  override render() {
    const model = this.model;
    const result = this.result;
    const compared = this.scenarios.compareIds.length >= 2 ? this.comparedEntries() : [];
    const view = compared.length >= 2 ? this.view : 'plan';
    const unplaced = this.issues.filter((issue) => !PATHS_WITH_CONTROLS.some((path) => issue.path === path || issue.path.startsWith(`${path}[`)));
    const scenarioPoints: ScenarioPoint[] = compared.map((entry, index) => ({
      label: entry.model.name, colour: SCENARIO_COLOURS[index], share: currentShare(entry.model), value: entry.result.summary.incrementalNpvWithCarryover,
    }));
    return html`
      <header class="masthead">
        <h1>budget-sim</h1>
        <p>Upstream builds the brand, downstream converts today’s demand: find the split that pays over your horizon.</p>
        <undo-buttons .undoLabel=${this.undo.history.undoLabel} .redoLabel=${this.undo.history.redoLabel}
          @history-undo=${() => this.undo.undo()} @history-redo=${() => this.undo.redo()}></undo-buttons>
      </header>
      <main class="layout"
        @field-change=${(event: CustomEvent<FieldChangeDetail>) => this.edit(withField(this.draft, event.detail.path, event.detail.value),
          event.detail.step ?? fieldStepLabel(event.detail.path), event.detail.step === undefined ? { group: `field:${event.detail.path}` } : {})}
        @horizon-change=${(event: CustomEvent<{ horizonYears: number }>) => this.edit(withHorizon(this.draft, event.detail.horizonYears), 'Change the horizon')}
        @periods-change=${(event: CustomEvent<{ periodsPerYear: number }>) => this.edit(withPeriodsPerYear(this.draft, event.detail.periodsPerYear), 'Change the planning periods')}
        @split-mode-change=${(event: CustomEvent<{ byYear: boolean }>) => this.changeSplitMode(event.detail.byYear)}
        @reset-preset=${() => this.switchPreset(this.presetId, true)}
        @preset-change=${(event: CustomEvent<{ id: string }>) => this.switchPreset(event.detail.id, false)}
        @scenario-save=${(event: CustomEvent<{ asNew: boolean }>) => this.onSave(event.detail.asNew)}
        @scenario-open=${(event: CustomEvent<{ id: string }>) => this.onOpen(event.detail.id)}
        @scenario-rename=${(event: CustomEvent<{ id: string; name: string }>) => this.onRename(event.detail.id, event.detail.name)}
        @scenario-duplicate=${(event: CustomEvent<{ id: string }>) => this.scenarios.duplicate(event.detail.id)}
        @scenario-delete=${(event: CustomEvent<{ id: string }>) => this.scenarios.remove(event.detail.id)}
        @scenario-undo=${() => this.scenarios.undoLast()}
        @compare-toggle=${(event: CustomEvent<{ id: string; compared: boolean }>) => this.onCompare(event.detail.id, event.detail.compared)}
        @baseline-change=${(event: CustomEvent<{ id: string }>) => this.scenarios.setBaseline(event.detail.id)}
        @notice-dismiss=${(event: CustomEvent<{ id: number }>) => this.scenarios.dismiss(event.detail.id)}
        @share-link=${() => this.shareLink()}
        @export-json=${() => downloadText(fileNameFor(model.name, 'json'), `${JSON.stringify(exportedModel(model), null, 2)}\n`, 'application/json')}
        @export-csv=${() => downloadText(fileNameFor(model.name, 'csv'), formatPeriodsCsv(result, model), 'text/csv')}
        @export-figures-csv=${() => downloadText(fileNameFor(`${model.name} key figures`, 'csv'), formatKeyFiguresCsv(result.summary, model, this.marginal), 'text/csv')}
        @print-report=${() => window.print()}
        @import-file=${(event: CustomEvent<{ file: File }>) => this.importFile(event.detail.file)}
        @import-link=${(event: CustomEvent<{ text: string }>) => this.openLink(event.detail.text)}
        @plan-apply=${(event: CustomEvent<{ plan: { upstream: number[]; downstream: number[] } }>) => this.applyPlan(event.detail.plan)}
        @plan-undo=${() => this.undo.undo()}
        @plan-edit=${(event: CustomEvent<PlanEditDetail>) => this.edit(withBudgetOfPlan(withField(this.draft, 'plan', event.detail.plan)), 'Edit the plan by period')}
        @plan-clear=${() => this.edit(withoutPlan(this.draft), 'Use budget and split instead of the plan')}>
        <aside class="controls" aria-label="Plan and assumptions">
          <section class="card"><preset-picker .presets=${PRESETS} .selected=${this.presetId}></preset-picker></section>
          <section class="card" aria-labelledby="plan-heading">
            <h2 id="plan-heading">Your plan</h2>
            <plan-controls .draft=${this.draft} .issues=${this.issues} .validShare=${currentShare(this.model)} .formats=${this.formats}></plan-controls>
            <currency-calendar class="currency-calendar" .draft=${this.draft} .issues=${this.issues}></currency-calendar>
          </section>
          <section class="card" aria-labelledby="scenarios-heading">
            <h2 id="scenarios-heading">Scenarios</h2>
            <scenario-panel .scenarios=${this.scenarios.scenarios} .currentId=${this.scenarios.currentId}
              .compareIds=${this.scenarios.compareIds} .name=${readField(this.draft, 'name')} .issues=${this.issues}
              .notices=${this.scenarios.notices} ?unsaved=${this.scenarios.hasUnsavedChanges(this.issues.length > 0 ? undefined : model)}></scenario-panel>
          </section>
          <details class="card" ?open=${window.matchMedia('(min-width: 901px)').matches}>
            <summary><h2>Assumptions</h2></summary>
            <assumptions-panel .draft=${this.draft} .issues=${this.issues} .model=${this.model} ?canReset=${this.presetId !== ''}></assumptions-panel>
          </details>
        </aside>
        <section class="results" aria-label="Results">
          <h2 class="print-only report-title">${model.name}</h2>
          ${compared.length >= 2 ? html`<div class="tabs" role="tablist" aria-label="View" @keydown=${this.onTabKey}>
            <button id="tab-plan" role="tab" type="button" aria-controls="view-panel" aria-selected=${view === 'plan' ? 'true' : 'false'}
              tabindex=${view === 'plan' ? '0' : '-1'} @click=${() => { this.view = 'plan'; }}>Plan</button>
            <button id="tab-compare" role="tab" type="button" aria-controls="view-panel" aria-selected=${view === 'compare' ? 'true' : 'false'}
              tabindex=${view === 'compare' ? '0' : '-1'} @click=${() => { this.view = 'compare'; }}>Compare (${compared.length})</button>
          </div>` : nothing}
          <div id="view-panel" class="view" role=${compared.length >= 2 ? 'tabpanel' : nothing} aria-labelledby=${compared.length >= 2 ? (view === 'plan' ? 'tab-plan' : 'tab-compare') : nothing}>
            ${view === 'compare'
              ? html`<scenario-comparison .entries=${compared} .baselineId=${this.scenarios.baselineId}
                  .current=${this.issues.length > 0 ? undefined : { id: 'current', model, result, profit: this.profit, marginal: this.marginal }}></scenario-comparison>`
              : this.renderPlanResults(model, result, unplaced, scenarioPoints)}
          </div>
          ${this.renderPrintAssumptions(model)}
        </section>
      </main>
      <sticky-summary class="sticky-summary" .summary=${result.summary} .formats=${this.formats} ?stale=${this.issues.length > 0}
        .view=${view} .comparedCount=${compared.length >= 2 ? compared.length : 0}
        @view-change=${(event: CustomEvent<{ view: 'plan' | 'compare' }>) => this.showView(event.detail.view)}></sticky-summary>
      <action-toast .toast=${this.undo.toast} @history-undo=${() => this.undo.undo()} @history-redo=${() => this.undo.redo()}
        @toast-dismiss=${(event: CustomEvent<{ id: number }>) => this.undo.dismiss(event.detail.id)}></action-toast>`;
  }

  private renderPlanResults(model: Model, result: SimulationResult, unplaced: readonly ModelIssue[], scenarioPoints: ScenarioPoint[]) {
    return html`
      <p class=${this.issues.length > 0 ? 'status stale' : 'status'} role="status">${this.issues.length > 0
        ? html`<strong>Showing the last valid results.</strong> Fix the highlighted ${this.issues.length === 1 ? 'field' : 'fields'} to update them.`
        : html`Results of the plan as entered, updated as you type.`}</p>
      ${unplaced.length > 0 ? html`<ul class="stale unplaced">${unplaced.map((issue) => html`<li>${issue.message}</li>`)}</ul>` : nothing}
      <key-figures .summary=${result.summary} .marginalRoi=${this.marginal} .formats=${this.formats} .periodsPerYear=${model.periodsPerYear} .initialEquity=${startingEquity(model)}></key-figures>
      <details class="card risk" ?open=${this.riskOpen} @toggle=${(event: Event) => { this.riskOpen = (event.target as HTMLDetailsElement).open; }}>
        <summary><h2>Risk and uncertainty</h2></summary>
        <risk-panel .formats=${this.formats} .model=${this.issues.length > 0 ? undefined : model} .result=${result} .profit=${this.profit} ?active=${this.riskOpen}></risk-panel>
      </details>
      <details class="card optimizer">
        <summary><h2>Find the best plan</h2></summary>
        <optimizer-panel .formats=${this.formats} .model=${this.issues.length > 0 ? undefined : model} .summary=${result.summary} ?canUndo=${this.undo.history.undoLabel === APPLY_PLAN_STEP}></optimizer-panel>
      </details>
      ${model.plan === undefined ? nothing : html`<section class="card plan-grid-card" aria-labelledby="plan-grid-heading">
        <h2 id="plan-grid-heading">Plan by period</h2>
        <plan-grid .plan=${model.plan} .formats=${this.formats} periodsPerYear=${model.periodsPerYear} .startYear=${model.startYear}></plan-grid>
      </section>`}
      <div class="charts">
        <div class="span tradeoff-row">
          <tradeoff-curve-chart .formats=${this.formats} .curve=${this.curve} .currentShare=${currentShare(model)}
            .currentHorizon=${model.horizonYears} .currentValue=${result.summary.incrementalNpvWithCarryover} .scenarioPoints=${scenarioPoints}></tradeoff-curve-chart>
          <best-share-chart .formats=${this.formats} .curve=${this.curve} .currentShare=${currentShare(model)}></best-share-chart>
        </div>
        <spend-equity-chart .formats=${this.formats} .periods=${result.periods} .periodsPerYear=${model.periodsPerYear} .startYear=${model.startYear}></spend-equity-chart>
        <revenue-sources-chart .formats=${this.formats} .baseFall=${this.fall} .periods=${result.periods} .periodsPerYear=${model.periodsPerYear} .startYear=${model.startYear}></revenue-sources-chart>
        <cumulative-profit-chart class="span" .formats=${this.formats} .points=${this.profit} .paybackPeriod=${result.summary.paybackPeriod}
          .periodsPerYear=${model.periodsPerYear} .startYear=${model.startYear}></cumulative-profit-chart>
        <after-horizon-chart class="span" .formats=${this.formats} .points=${this.carryover} .carryoverValue=${result.summary.carryoverValue}
          ?baselineSpendsHistory=${model.economics.carryoverBaseline === 'history'} .periodsPerYear=${model.periodsPerYear} .startYear=${model.startYear}></after-horizon-chart>
      </div>`;
  }

  /** Only in print: the plan and every assumption, so the one-page report stands alone. */
  private renderPrintAssumptions(model: Model) {
    return html`<section class="print-only print-assumptions" aria-hidden="true">
      <h3>Plan and assumptions</h3>
      <dl>
        <div><dt>Horizon</dt><dd>${model.horizonYears} years, ${model.periodsPerYear === 12 ? 'monthly' : model.periodsPerYear === 4 ? 'quarterly' : 'weekly'}</dd></div>
        ${model.currency === undefined ? nothing : html`<div><dt>Currency</dt><dd>${model.currency} (${this.formats.symbol})</dd></div>`}
        ${(model.fiscalYearStartMonth ?? 1) === 1 ? nothing : html`<div><dt>Years</dt><dd>${this.formats.yearLabel(1)}</dd></div>`}
        ${printedPlanRows(model).map((row) => html`<div style=${row.wide ? 'grid-column: 1 / -1; justify-content: flex-start; gap: 1em' : ''}><dt>${row.term}</dt><dd>${row.detail}</dd></div>`)}
        ${NUMBER_FIELDS.filter((field) => field.group !== 'Budget').map((field) => html`<div><dt>${field.label}</dt><dd>${field.path === 'brand.initialEquity' && model.brand.initialEquity === 'history'
          ? `${formatEquity(startingEquity(model))} (from past spend)` : formatAssumption(readField(model as unknown as Draft, field.path))}</dd></div>`)}
        ${(model as TwoLeverModel).upstream.shortTerm === undefined ? html`<div><dt>Short-term effect of brand spend</dt><dd>none</dd></div>`
          : SHORT_TERM_FIELDS.map((field) => html`<div><dt>${field.label}</dt><dd>${formatAssumption(readField(model as unknown as Draft, field.path))}</dd></div>`)}
        <div><dt>Carryover against</dt><dd>${(model.economics.carryoverBaseline ?? 'zero') === 'history' ? 'spending as before' : 'spending nothing'}</dd></div>
        <div><dt>Seasonality</dt><dd>${model.market.seasonality === null ? 'none' : model.market.seasonality.join(', ')}</dd></div>
      </dl>
    </section>`;
  }

  /** A view picked in the phone's summary bar: shown, with the results scrolled into view. */
  private showView(view: 'plan' | 'compare'): void {
    this.view = view;
    this.updateComplete.then(() => this.renderRoot.querySelector('#view-panel')?.scrollIntoView({ block: 'start' }));
  }

  /** Arrow keys move between the Plan and Compare tabs, as for any tab list. */
  private onTabKey(event: KeyboardEvent): void {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    this.view = this.view === 'plan' ? 'compare' : 'plan';
    this.updateComplete.then(() => this.renderRoot.querySelector<HTMLButtonElement>(`#tab-${this.view}`)?.focus());
  }

  private applyPlan(plan: { upstream: number[]; downstream: number[] }): void {
    // The panel offers Apply only for the model it optimised; this guards against any other.
    if (plan.upstream.length !== this.model.periodsPerYear * this.model.horizonYears) return;
    this.edit(withAppliedPlan(this.draft, plan, new Date()), APPLY_PLAN_STEP, { announce: 'Applied the optimised plan.' });
  }

  /** What an undo step restores: the draft, its preset and the open scenario. */
  private snapshot(): PlanSnapshot {
    return { draft: this.draft, presetId: this.presetId, scenarioId: this.scenarios.currentId };
  }

  private restoreSnapshot(snapshot: PlanSnapshot): void {
    this.presetId = snapshot.presetId;
    this.scenarios.reopen(snapshot.scenarioId);
    this.setDraft(snapshot.draft);
  }

  /** An edit of the plan: shown, and one step (or part of a burst) in the edit history. */
  private edit(draft: Draft, label: string, options: { group?: string; announce?: string } = {}): void {
    this.setDraft(draft);
    this.undo.record(this.snapshot(), label, options);
  }

  /** Switching preset or resetting to it replaces the plan on screen, so it says so and offers Undo. */
  private switchPreset(id: string, reset: boolean): void {
    this.loadPreset(id);
    const name = findPreset(this.presetId)?.model.name ?? '';
    this.undo.record(this.snapshot(), reset ? 'Reset to preset' : `Switch to the preset “${name}”`,
      { announce: reset ? `Reset to the preset “${name}”.` : `Switched to the preset “${name}”.` });
  }

  /** The yearly switch; unticked, it keeps the total and says what it did. */
  private changeSplitMode(byYear: boolean): void {
    const change = withSplitMode(this.draft, byYear);
    if (change.refused === true) {
      this.undo.tell(change.note ?? '');
      return;
    }
    this.edit(change.draft, change.label, change.note === undefined ? {} : { announce: change.note });
  }

  private onSave(asNew: boolean): void {
    if (this.issues.length > 0) {
      this.scenarios.notify('error', 'Fix the highlighted fields first: only a valid scenario can be saved.', this.issues.map((issue) => issue.message));
      return;
    }
    if (this.scenarios.save(this.model, asNew)) {
      this.setDraft(this.draft);
      this.undo.replace(this.snapshot());
    }
  }

  private onOpen(id: string): void {
    const model = this.scenarios.open(id);
    if (model !== undefined) {
      this.presetId = '';
      this.setDraft(draftFromModel(model));
      this.undo.record(this.snapshot(), `Open “${model.name}”`, { announce: `Opened “${model.name}”.` });
    }
  }

  private onRename(id: string, name: string): void {
    const renamed = this.scenarios.rename(id, name);
    if (renamed !== undefined && id === this.scenarios.currentId) {
      this.setDraft(withField(this.draft, 'name', renamed.model.name));
      this.undo.replace(this.snapshot());
    }
  }

  private onCompare(id: string, compared: boolean): void {
    this.scenarios.toggleCompare(id, compared);
    if (compared && this.scenarios.compareIds.length >= 2) this.view = 'compare';
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

/** Large amounts with thousands separators; rates and shares as they are. */
function formatAssumption(value: unknown): string {
  return typeof value === 'number' && Math.abs(value) >= 1000 ? formatMoney(value) : String(value);
}

const OWN_LINKS_KEY = 'budget-sim:own-links';

/** A short fingerprint of a link, to remember which links this tab wrote without storing them. */
function fingerprint(hash: string): string {
  let value = 2166136261;
  for (let index = 0; index < hash.length; index += 1) value = Math.imul(value ^ hash.charCodeAt(index), 16777619) >>> 0;
  return `${hash.length}:${value.toString(36)}`;
}

/** Records, for this tab only (sessionStorage), that it wrote this link into its address bar. */
function rememberOwnLink(hash: string): void {
  try {
    const known = (sessionStorage.getItem(OWN_LINKS_KEY) ?? '').split(' ').filter(Boolean);
    sessionStorage.setItem(OWN_LINKS_KEY, [...known.slice(-19), fingerprint(hash)].join(' '));
  } catch {
    // Without sessionStorage a reload opens the address's link, which is at most a moment behind.
  }
}

function isOwnLink(hash: string): boolean {
  try {
    return (sessionStorage.getItem(OWN_LINKS_KEY) ?? '').split(' ').includes(fingerprint(hash));
  } catch {
    return false;
  }
}

/** This tab's sessionStorage, or undefined where the browser refuses it. */
function tabStorage(): Storage | undefined {
  try {
    const storage = window.sessionStorage;
    storage.getItem('budget-sim:probe');
    return storage;
  } catch {
    return undefined;
  }
}

/** localStorage, or an in-memory stand-in where the browser refuses it (private modes, policies). */
function browserStorage(): Storage {
  try {
    const storage = window.localStorage;
    storage.getItem('budget-sim:probe');
    return storage;
  } catch {
    const items = new Map<string, string>();
    return {
      get length() { return items.size; },
      key: (index: number) => [...items.keys()][index] ?? null,
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => { items.set(key, value); },
      removeItem: (key: string) => { items.delete(key); },
      clear: () => items.clear(),
    };
  }
}

customElements.define('budget-sim-app', BudgetSimApp);

declare global {
  interface HTMLElementTagNameMap { 'budget-sim-app': BudgetSimApp; }
}
