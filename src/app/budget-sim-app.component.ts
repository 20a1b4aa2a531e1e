import { LitElement, html, nothing } from 'lit';
import { ALL_NUMBER_FIELDS, CARRYOVER_BASELINE_FIELD, type Model, type ModelIssue, type OptimizedPlan, isChannelModel, startingEquity } from '../engine/index.ts';
import { type ModelReadResult, formatPeriodsCsv, readScenarioLink } from '../engine/io/index.ts';
import { formatKeyFiguresCsv } from '../engine/io/key-figures-csv.ts';
import '../charts/after-horizon.chart.ts';
import '../charts/best-share.chart.ts';
import '../charts/cumulative-profit.chart.ts';
import { SCENARIO_COLOURS } from '../charts/palette.ts';
import '../charts/revenue-sources.chart.ts';
import '../charts/spend-equity.chart.ts';
import '../charts/tradeoff-curve.chart.ts';
import type { ScenarioPoint } from '../charts/tradeoff-curve.chart.ts';
import './action-toast.component.ts';
import { type ResultsView, listenAll } from './app-events.ts';
import { AppStateStore } from './app-state-store.ts';
import './assumptions-panel.component.ts';
import { spendPerMonthByChannel } from '../engine/channel-response-curve.ts';
import { isChannelDraft } from './channel-draft.ts';
import './channel-editor.component.ts';
import './channel-results.component.ts';
import './channel-shares.component.ts';
import { appStyles } from './budget-sim-app.styles.ts';
import { ComparedScenarios } from './compared-scenarios.ts';
import './currency-calendar.component.ts';
import { DeferredSaveController } from './deferred-save-controller.ts';
import { designTokens } from './design-tokens.ts';
import { downloadText, exportedModel, fileNameFor } from './downloads.ts';
import './key-figures.component.ts';
import {
  type Draft, draftFromModel, readField, withAppliedPlan, withBudgetOfPlan, withField, withHorizon, withPeriodsPerYear, withSplitMode, withoutPlan,
} from './model-draft.ts';
import { browserStorage, readModelFile, tabStorage } from './model-persistence.ts';
import './optimizer-panel.component.ts';
import './plan-controls.component.ts';
import './plan-grid.component.ts';
import { currentShare } from './plan-results.ts';
import './preset-picker.component.ts';
import { DEFAULT_PRESET_ID, PRESETS, findPreset } from './presets.ts';
import { printAssumptions } from './print-assumptions.ts';
import './risk-panel.component.ts';
import './scenario-comparison.component.ts';
import { ScenarioLinkController, isOwnLink } from './scenario-link-controller.ts';
import './scenario-panel.component.ts';
import { ScenariosController } from './scenarios-controller.ts';
import { startingPoint } from './starting-plan.ts';
import './sticky-summary.component.ts';
import './undo-buttons.component.ts';
import { APPLY_PLAN_STEP, type PlanSnapshot, UndoController, fieldStepLabel } from './undo-controller.ts';

/** Paths that have a control on screen; problems elsewhere are listed above the results. */
const PATHS_WITH_CONTROLS = [
  'name', 'startYear', 'horizonYears', 'periodsPerYear', 'currency', 'fiscalYearStartMonth', 'market.seasonality', 'upstream.shortTerm',
  CARRYOVER_BASELINE_FIELD.path, ...ALL_NUMBER_FIELDS.map((field) => field.path),
];

/**
 * The planner's shell: composes the controls, results and charts, and wires what they send up
 * to the modules that hold the state. Nothing below this component changes the model.
 *
 * - the plan on screen (draft, last valid model, results, problems): AppStateStore;
 * - saved scenarios, the working state and their storage: ScenariosController over ScenarioStore
 *   (model-persistence.ts finds the browser's storage);
 * - the address bar as a share link: ScenarioLinkController; what opens at start: starting-plan.ts;
 * - undo and redo: UndoController; saving a moment after the last edit: DeferredSaveController;
 * - every event and its detail: app-events.ts; colours and form styles: design-tokens.ts.
 *
 * An invalid edit shows the engine's message by its field and leaves the figures and charts on
 * the last valid result. Every edit is saved as the working state and a valid one is written to
 * the URL, so a reload, a closed tab or a shared link loses nothing; saved scenarios change only
 * when the person saves.
 */
export class BudgetSimApp extends LitElement {
  static override styles = [designTokens, appStyles];
  static override properties = {
    view: { state: true },
    riskOpen: { state: true },
    optimum: { state: true },
    fitOpen: { state: true },
    fitLoaded: { state: true },
  };

  declare view: ResultsView;
  /** Whether the risk panel is open: closed, it does no work on each edit. */
  declare riskOpen: boolean;
  /** The optimiser's last plan, as spend per month by channel, for the model it was found for: marked on the response curves. */
  declare optimum: { model: Model; perMonth: Record<string, number> } | undefined;
  /** Whether "Fit to your data" is open (its code loads the first time it opens). */
  declare fitOpen: boolean;
  /** Whether it has been opened: closed again, it stays on the page, hidden, with its file and its fit. */
  declare fitLoaded: boolean;
  private readonly state = new AppStateStore(this);
  private readonly scenarios = new ScenariosController(this, browserStorage(), tabStorage());
  private readonly link = new ScenarioLinkController(this, (href) => this.openLink(href));
  private readonly deferredSave = new DeferredSaveController(this);
  private readonly compared = new ComparedScenarios();
  /** Undo and redo of every change of the plan (buttons, Ctrl/Cmd+Z), and the message about the last step. */
  private readonly undo = new UndoController(this, (snapshot) => this.restoreSnapshot(snapshot));

  constructor() {
    super();
    this.view = 'plan';
    this.riskOpen = false;
    this.optimum = undefined;
    this.fitOpen = false;
    this.fitLoaded = false;
    this.state.onDraftChange(({ draft, validModel }) => {
      const working = { draft, lastValid: this.state.model, presetId: this.state.presetId, scenarioId: this.scenarios.currentId };
      // Writing the address and storage costs a millisecond or two; done a moment after the last
      // edit (and at once when the page is hidden), not on every step of a slider.
      this.deferredSave.schedule(() => {
        if (validModel !== undefined) this.link.write(validModel);
        this.scenarios.autosave(working);
      });
    });
    this.listenForEvents();
    this.start();
    this.undo.start(this.snapshot());
  }

  /** The last valid model on screen (read by browser tests). */
  get model(): Model {
    return this.state.model;
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

  /** Opens what starting-plan.ts chooses: a link, the last working state, or the default preset. */
  private start(): void {
    const start = startingPoint(this.scenarios.loadWorkingState(), { hash: location.hash, href: location.href }, isOwnLink);
    if (start.linkFailure !== undefined) this.reportRead(start.linkFailure, 'The link could not be opened');
    if (start.openedHash !== undefined) this.link.markOpened(start.openedHash);
    const plan = start.plan;
    if (plan.kind === 'preset') {
      this.loadPreset(plan.presetId);
    } else if (plan.kind === 'link') {
      this.state.setPresetId('');
      this.state.setDraft(plan.draft);
    } else {
      this.state.setPresetId(plan.presetId);
      if (plan.scenarioId !== null) this.scenarios.reopen(plan.scenarioId);
      this.state.restore(plan.draft, plan.lastValid);
    }
  }

  /**
   * Every event the controls send up, each turned into a change of the plan, the scenarios or
   * the view. Events bubble out of the shadow root, so the host hears all of them.
   */
  private listenForEvents(): void {
    listenAll(this, {
      'field-change': ({ detail }) => this.edit(withField(this.state.draft, detail.path, detail.value),
        detail.step ?? fieldStepLabel(detail.path), detail.step === undefined ? { group: `field:${detail.path}` } : {}),
      'horizon-change': ({ detail }) => this.edit(withHorizon(this.state.draft, detail.horizonYears), 'Change the horizon'),
      'periods-change': ({ detail }) => this.edit(withPeriodsPerYear(this.state.draft, detail.periodsPerYear), 'Change the planning periods'),
      'split-mode-change': ({ detail }) => this.changeSplitMode(detail.byYear),
      'reset-preset': () => this.switchPreset(this.state.presetId, true),
      'channels-edit': ({ detail }) => this.edit(detail.draft, detail.step, detail.group === undefined ? {} : { group: detail.group }),
      'preset-change': ({ detail }) => this.switchPreset(detail.id, false),
      'scenario-save': ({ detail }) => this.onSave(detail.asNew),
      'scenario-open': ({ detail }) => this.onOpen(detail.id),
      'scenario-rename': ({ detail }) => this.onRename(detail.id, detail.name),
      'scenario-duplicate': ({ detail }) => this.scenarios.duplicate(detail.id),
      'scenario-delete': ({ detail }) => this.scenarios.remove(detail.id),
      'scenario-undo': () => this.scenarios.undoLast(),
      'compare-toggle': ({ detail }) => this.onCompare(detail.id, detail.compared),
      'baseline-change': ({ detail }) => this.scenarios.setBaseline(detail.id),
      'notice-dismiss': ({ detail }) => this.scenarios.dismiss(detail.id),
      'share-link': () => this.shareLink(),
      'export-json': () => this.exportJson(),
      'export-csv': () => this.exportCsv(),
      'export-figures-csv': () => this.exportFiguresCsv(),
      'print-report': () => window.print(),
      'import-file': ({ detail }) => this.importFile(detail.file),
      'import-link': ({ detail }) => this.openLink(detail.text),
      'plan-apply': ({ detail }) => this.applyPlan(detail.plan),
      'plan-found': ({ detail }) => { this.optimum = { model: detail.model, perMonth: spendPerMonthByChannel(detail.model, detail.plan as unknown as Record<string, number[]>) }; },
      'plan-undo': () => this.undo.undo(),
      'plan-edit': ({ detail }) => this.edit(withBudgetOfPlan(withField(this.state.draft, 'plan', detail.plan)), 'Edit the plan by period'),
      'plan-clear': () => this.edit(withoutPlan(this.state.draft), 'Use budget and split instead of the plan'),
      'history-undo': () => this.undo.undo(),
      'history-redo': () => this.undo.redo(),
      'toast-dismiss': ({ detail }) => this.undo.dismiss(detail.id),
      'view-change': ({ detail }) => this.showView(detail.view),
      'fit-use': ({ detail }) => this.useFittedModel(detail.model),
      'fit-close': () => this.closeFit(),
    });
  }

  private loadPreset(id: string): void {
    const preset = findPreset(id) ?? findPreset(DEFAULT_PRESET_ID) ?? PRESETS[0];
    this.state.setPresetId(preset.id);
    this.scenarios.detach();
    this.state.setDraft(draftFromModel(preset.model));
  }

  /** Loads a model from outside (a file or a link) as the working plan; saved scenarios are untouched. */
  private openRead(read: ModelReadResult, failure: string, success: (model: Model) => string): void {
    if (!read.ok) {
      this.reportRead(read, failure);
      return;
    }
    this.scenarios.detach();
    this.state.setPresetId('');
    this.state.setDraft(draftFromModel(read.model));
    this.undo.record(this.snapshot(), `Open “${read.model.name}”`);
    this.scenarios.notify('info', success(read.model));
  }

  private openLink(text: string): void {
    this.openRead(readScenarioLink(text), 'The link could not be opened', (model) => `Opened “${model.name}” from the link. Save it to keep it.`);
  }

  private async importFile(file: File): Promise<void> {
    const opened = await readModelFile(file);
    if ('refused' in opened) {
      this.scenarios.notify('error', opened.refused);
      return;
    }
    this.openRead(opened.read, `${file.name} could not be imported`, (model) => `Imported “${model.name}” from ${file.name}. Save it to keep it.`);
  }

  private reportRead(read: ModelReadResult & { ok: false }, failure: string): void {
    this.scenarios.notify('error', `${failure}: ${read.message}. Nothing was changed.`, read.issues.slice(0, 8).map((issue) => issue.message));
  }

  private async shareLink(): Promise<void> {
    const { link, copied } = await this.link.copy(this.state.model);
    if (copied) this.scenarios.notify('info', 'Copied a link to this scenario. Anyone who opens it sees exactly these numbers.');
    else this.scenarios.notify('info', 'Copy this link to share the scenario (it is also in the address bar):', [link]);
  }

  private exportJson(): void {
    const model = this.state.model;
    downloadText(fileNameFor(model.name, 'json'), `${JSON.stringify(exportedModel(model), null, 2)}\n`, 'application/json');
  }

  private exportCsv(): void {
    const model = this.state.model;
    downloadText(fileNameFor(model.name, 'csv'), formatPeriodsCsv(this.state.results.result, model), 'text/csv');
  }

  private exportFiguresCsv(): void {
    const model = this.state.model;
    const { result, marginal } = this.state.results;
    downloadText(fileNameFor(`${model.name} key figures`, 'csv'), formatKeyFiguresCsv(result.summary, model, marginal), 'text/csv');
  }

  override render() {
    const { model, issues, draft, presetId } = this.state;
    const { result, formats, marginal, profit } = this.state.results;
    const compared = this.scenarios.compareIds.length >= 2 ? this.compared.results(this.scenarios.scenarios, this.scenarios.compareIds) : [];
    const view = compared.length >= 2 ? this.view : 'plan';
    const unplaced = issues.filter((issue) => !PATHS_WITH_CONTROLS.some((path) => issue.path === path || issue.path.startsWith(`${path}[`))
      // Channel problems show by their fields in the channel panels.
      && !/^(upstream|downstream)\.channels([.[]|$)/.test(issue.path));
    const scenarioPoints: ScenarioPoint[] = compared.map((entry, index) => ({
      label: entry.model.name, colour: SCENARIO_COLOURS[index], share: currentShare(entry.model), value: entry.result.summary.incrementalNpvWithCarryover,
    }));
    return html`
      <header class="masthead">
        <h1>budget-sim</h1>
        <p>Upstream builds the brand, downstream converts today’s demand: find the split that pays over your horizon.</p>
        <undo-buttons .undoLabel=${this.undo.history.undoLabel} .redoLabel=${this.undo.history.redoLabel}></undo-buttons>
      </header>
      <main class="layout">
        ${this.fitLoaded ? html`<section id="fit-card" class="card fit-card" aria-label="Fit to your data" ?hidden=${!this.fitOpen}><fit-view .model=${model}></fit-view></section>` : nothing}
        <aside class="controls" aria-label="Plan and assumptions">
          <section class="card"><preset-picker .presets=${PRESETS} .selected=${presetId}></preset-picker>
            <button type="button" class="fit-open" aria-expanded=${this.fitOpen ? 'true' : 'false'} aria-controls="fit-card" @click=${this.openFit}>Fit to your data…</button></section>
          <section class="card" aria-labelledby="plan-heading">
            <h2 id="plan-heading">Your plan</h2>
            <plan-controls .draft=${draft} .issues=${issues} .validShare=${currentShare(model)} .formats=${formats}></plan-controls>
            <currency-calendar class="currency-calendar" .draft=${draft} .issues=${issues}></currency-calendar>
          </section>
          ${isChannelDraft(draft) ? html`<section class="card" aria-labelledby="channel-shares-heading">
            <h2 id="channel-shares-heading">Split within each side</h2>
            <channel-shares .draft=${draft} .issues=${issues} .formats=${formats}></channel-shares>
          </section>` : nothing}
          <details class="card channels-card" ?open=${isChannelDraft(draft) && window.matchMedia('(min-width: 901px)').matches}>
            <summary><h2>Channels</h2></summary>
            <channel-editor .draft=${draft} .issues=${issues}></channel-editor>
          </details>
          <section class="card" aria-labelledby="scenarios-heading">
            <h2 id="scenarios-heading">Scenarios</h2>
            <scenario-panel .scenarios=${this.scenarios.scenarios} .currentId=${this.scenarios.currentId}
              .compareIds=${this.scenarios.compareIds} .name=${readField(draft, 'name')} .issues=${issues}
              .notices=${this.scenarios.notices} ?unsaved=${this.scenarios.hasUnsavedChanges(issues.length > 0 ? undefined : model)}></scenario-panel>
          </section>
          <details class="card" ?open=${window.matchMedia('(min-width: 901px)').matches}>
            <summary><h2>Assumptions</h2></summary>
            <assumptions-panel .draft=${draft} .issues=${issues} .model=${model} ?canReset=${presetId !== ''}></assumptions-panel>
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
                  .current=${issues.length > 0 ? undefined : { id: 'current', model, result, profit, marginal }}></scenario-comparison>`
              : this.renderPlanResults(unplaced, scenarioPoints)}
          </div>
          ${printAssumptions(model, formats)}
        </section>
      </main>
      <sticky-summary class="sticky-summary" .summary=${result.summary} .formats=${formats} ?stale=${issues.length > 0}
        .view=${view} .comparedCount=${compared.length >= 2 ? compared.length : 0}></sticky-summary>
      <action-toast .toast=${this.undo.toast}></action-toast>`;
  }

  private renderPlanResults(unplaced: readonly ModelIssue[], scenarioPoints: ScenarioPoint[]) {
    const { model, issues } = this.state;
    const { result, formats, marginal, profit, carryover, fall, curve } = this.state.results;
    const stale = issues.length > 0;
    return html`
      <p class=${stale ? 'status stale' : 'status'} role="status">${stale
        ? html`<strong>Showing the last valid results.</strong> Fix the highlighted ${issues.length === 1 ? 'field' : 'fields'} to update them.`
        : html`Results of the plan as entered, updated as you type.`}</p>
      ${unplaced.length > 0 ? html`<ul class="stale unplaced">${unplaced.map((issue) => html`<li>${issue.message}</li>`)}</ul>` : nothing}
      <key-figures .summary=${result.summary} .marginalRoi=${marginal} .formats=${formats} .periodsPerYear=${model.periodsPerYear} .initialEquity=${startingEquity(model)}></key-figures>
      ${isChannelModel(model) ? html`<section class="card channel-results-card" aria-labelledby="channel-results-heading">
        <h2 id="channel-results-heading">Results by channel</h2>
        <channel-results .model=${model} .result=${result} .marginal=${marginal} .formats=${formats}
          .optimumPerMonth=${this.optimum?.model === model ? this.optimum.perMonth : undefined}></channel-results>
      </section>` : nothing}
      <details class="card risk" ?open=${this.riskOpen} @toggle=${(event: Event) => { this.riskOpen = (event.target as HTMLDetailsElement).open; }}>
        <summary><h2>Risk and uncertainty</h2></summary>
        <risk-panel .formats=${formats} .model=${stale ? undefined : model} .result=${result} .profit=${profit} ?active=${this.riskOpen}></risk-panel>
      </details>
      <details class="card optimizer">
        <summary><h2>Find the best plan</h2></summary>
        <optimizer-panel .formats=${formats} .model=${stale ? undefined : model} .summary=${result.summary} ?canUndo=${this.undo.history.undoLabel === APPLY_PLAN_STEP}></optimizer-panel>
      </details>
      ${model.plan === undefined ? nothing : html`<section class="card plan-grid-card" aria-labelledby="plan-grid-heading">
        <h2 id="plan-grid-heading">Plan by period</h2>
        <plan-grid .plan=${model.plan} .formats=${formats} periodsPerYear=${model.periodsPerYear} .startYear=${model.startYear}></plan-grid>
      </section>`}
      <div class="charts">
        <div class="span tradeoff-row">
          <tradeoff-curve-chart .formats=${formats} .curve=${curve} .currentShare=${currentShare(model)}
            .currentHorizon=${model.horizonYears} .currentValue=${result.summary.incrementalNpvWithCarryover} .scenarioPoints=${scenarioPoints}></tradeoff-curve-chart>
          <best-share-chart .formats=${formats} .curve=${curve} .currentShare=${currentShare(model)}></best-share-chart>
        </div>
        <spend-equity-chart .formats=${formats} .periods=${result.periods} .periodsPerYear=${model.periodsPerYear} .startYear=${model.startYear}></spend-equity-chart>
        <revenue-sources-chart .formats=${formats} .baseFall=${fall} .periods=${result.periods} .periodsPerYear=${model.periodsPerYear} .startYear=${model.startYear}></revenue-sources-chart>
        <cumulative-profit-chart class="span" .formats=${formats} .points=${profit} .paybackPeriod=${result.summary.paybackPeriod}
          .periodsPerYear=${model.periodsPerYear} .startYear=${model.startYear}></cumulative-profit-chart>
        <after-horizon-chart class="span" .formats=${formats} .points=${carryover} .carryoverValue=${result.summary.carryoverValue}
          ?baselineSpendsHistory=${model.economics.carryoverBaseline === 'history'} .periodsPerYear=${model.periodsPerYear} .startYear=${model.startYear}></after-horizon-chart>
      </div>`;
  }

  /** Opens "Fit to your data" above the planner, loading its code the first time, and moves focus to it. */
  private async openFit(): Promise<void> {
    await import('./fit-view.component.ts');
    this.fitLoaded = true;
    this.fitOpen = true;
    await this.updateComplete;
    const view = this.renderRoot.querySelector('fit-view');
    await view?.updateComplete;
    view?.scrollIntoView({ block: 'start' });
    view?.shadowRoot?.querySelector<HTMLElement>('#fit-heading')?.focus({ preventScroll: true });
  }

  private async closeFit(): Promise<void> {
    this.fitOpen = false;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('.fit-open')?.focus();
  }

  /**
   * "Use the fitted model": the fitted model becomes the plan on screen as one undoable step,
   * and is saved as a scenario under its own name (a full storage is reported; the model is
   * still used, and kept as the working state).
   */
  private useFittedModel(fitted: Model): void {
    this.scenarios.save(fitted, true);
    this.state.setPresetId('');
    this.state.setDraft(draftFromModel(fitted));
    this.undo.record(this.snapshot(), `Use the fitted model “${fitted.name}”`,
      { announce: `Now planning with the fitted model “${fitted.name}”, saved as a scenario.` });
  }

  /** A view picked in the phone's summary bar: shown, with the results scrolled into view. */
  private showView(view: ResultsView): void {
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

  private applyPlan(plan: OptimizedPlan): void {
    // The panel offers Apply only for the model it optimised; this guards against any other.
    const model = this.state.model;
    const periods = model.periodsPerYear * model.horizonYears;
    if (!Object.values(plan).every((spend: readonly number[]) => spend.length === periods)) return;
    this.edit(withAppliedPlan(this.state.draft, plan, new Date()), APPLY_PLAN_STEP, { announce: 'Applied the optimised plan.' });
  }

  /** What an undo step restores: the draft, its preset and the open scenario. */
  private snapshot(): PlanSnapshot {
    return { draft: this.state.draft, presetId: this.state.presetId, scenarioId: this.scenarios.currentId };
  }

  private restoreSnapshot(snapshot: PlanSnapshot): void {
    this.state.setPresetId(snapshot.presetId);
    this.scenarios.reopen(snapshot.scenarioId);
    this.state.setDraft(snapshot.draft);
  }

  /** An edit of the plan: shown, and one step (or part of a burst) in the edit history. */
  private edit(draft: Draft, label: string, options: { group?: string; announce?: string } = {}): void {
    this.state.setDraft(draft);
    this.undo.record(this.snapshot(), label, options);
  }

  /** Switching preset or resetting to it replaces the plan on screen, so it says so and offers Undo. */
  private switchPreset(id: string, reset: boolean): void {
    this.loadPreset(id);
    const name = findPreset(this.state.presetId)?.model.name ?? '';
    this.undo.record(this.snapshot(), reset ? 'Reset to preset' : `Switch to the preset “${name}”`,
      { announce: reset ? `Reset to the preset “${name}”.` : `Switched to the preset “${name}”.` });
  }

  /** The yearly switch; unticked, it keeps the total and says what it did. */
  private changeSplitMode(byYear: boolean): void {
    const change = withSplitMode(this.state.draft, byYear);
    if (change.refused === true) {
      this.undo.tell(change.note ?? '');
      return;
    }
    this.edit(change.draft, change.label, change.note === undefined ? {} : { announce: change.note });
  }

  private onSave(asNew: boolean): void {
    const issues = this.state.issues;
    if (issues.length > 0) {
      this.scenarios.notify('error', 'Fix the highlighted fields first: only a valid scenario can be saved.', issues.map((issue) => issue.message));
      return;
    }
    if (this.scenarios.save(this.state.model, asNew)) {
      this.state.setDraft(this.state.draft);
      this.undo.replace(this.snapshot());
    }
  }

  private onOpen(id: string): void {
    const model = this.scenarios.open(id);
    if (model !== undefined) {
      this.state.setPresetId('');
      this.state.setDraft(draftFromModel(model));
      this.undo.record(this.snapshot(), `Open “${model.name}”`, { announce: `Opened “${model.name}”.` });
    }
  }

  private onRename(id: string, name: string): void {
    const renamed = this.scenarios.rename(id, name);
    if (renamed !== undefined && id === this.scenarios.currentId) {
      this.state.setDraft(withField(this.state.draft, 'name', renamed.model.name));
      this.undo.replace(this.snapshot());
    }
  }

  private onCompare(id: string, compared: boolean): void {
    this.scenarios.toggleCompare(id, compared);
    if (compared && this.scenarios.compareIds.length >= 2) this.view = 'compare';
  }
}

customElements.define('budget-sim-app', BudgetSimApp);

declare global {
  interface HTMLElementTagNameMap { 'budget-sim-app': BudgetSimApp; }
}
