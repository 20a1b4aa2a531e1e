import { LitElement, css, html, nothing } from 'lit';
import { appEvent } from './app-events.ts';
import { scrollCue } from '../charts/scroll-cue.styles.ts';
import { type Model, type OptimizedPlan, type Summary, simulate } from '../engine/index.ts';
import {
  DEFAULT_ROBUST_DRAWS, describePlanNote, type NoteFormats, type ObjectiveName, OptimizeError, type OptimizeOptions, type OptimizeResult, type PhasingName, type RobustStatistic, resolveOptions,
} from '../engine/optimize/index.ts';
import '../charts/spend-equity.chart.ts';
import { KEY_FIGURES, type KeyFigure, keyFigure } from '../engine/key-figures.ts';
import { type NumberFormats, differenceTone, figureTone, formatDifference, formatFigure, formatPercent, formatPeriod, formatsFor, periodName } from './format.ts';
import { numberFromText } from './model-draft.ts';
import { OptimizerController } from './optimizer-controller.ts';

/** The objectives, each named as the key-figures table names the figure it maximises. */
const OBJECTIVES: { value: ObjectiveName; label: string }[] = (['npvWithCarryover', 'npv', 'totalRevenue'] as const)
  .map((value) => ({ value, label: keyFigure(value).label }));

const PHASINGS: { value: PhasingName; label: string }[] = [
  { value: 'constant', label: 'One split' },
  { value: 'yearly', label: 'A split per year' },
  { value: 'period', label: 'A split per period' },
  { value: 'flighting', label: 'Timing and split' },
];

/** What the plan is best for: the settings as entered, or a statistic across the model's ranges. */
type PlanFor = 'settings' | RobustStatistic;

const PLAN_FOR: { value: PlanFor; label: string; note: string }[] = [
  { value: 'settings', label: 'Settings as entered', note: '' },
  { value: 'mean', label: 'Average outcome', note: 'The average' },
  { value: 'p10', label: 'Bad case (P10: 9 in 10 draws do better)', note: 'The 10th percentile' },
];

/** The optimiser's option names in the words of this panel, for its messages. */
const OPTION_WORDS: Record<string, string> = {
  minShare: 'the lowest upstream share',
  maxShare: 'the highest upstream share',
  minPeriodMultiple: 'the least spend in a period',
  maxPeriodMultiple: 'the most spend in a period',
  maxStep: 'the largest change between periods',
  minFlight: 'the shortest flight',
};

/** Phasings that choose spend period by period: the only ones the practical limits act on. */
const PER_PERIOD: readonly PhasingName[] = ['period', 'flighting'];

/**
 * The bound fields, each tied to the optimiser option it sets (for its error messages), the
 * phasings it acts on, and its help. `optional`: empty means no limit.
 */
const BOUNDS = [
  { option: 'minShare', label: 'Lowest upstream share (%)', scale: 100, phasings: undefined, optional: false, help: '' },
  { option: 'maxShare', label: 'Highest upstream share (%)', scale: 100, phasings: undefined, optional: false, help: '' },
  { option: 'minPeriodMultiple', label: 'Least spend in a period (× average)', scale: 1, phasings: ['flighting'], optional: false, help: '' },
  { option: 'maxPeriodMultiple', label: 'Most spend in a period (× average)', scale: 1, phasings: ['flighting'], optional: true, help: 'Leave empty for no limit.' },
  {
    option: 'maxStep', label: 'Largest change between periods (% of average)', scale: 100, phasings: PER_PERIOD, optional: true,
    help: 'How much each side may change from one period to the next, as a share of the average period. Empty: no limit.',
  },
  {
    option: 'minFlight', label: 'Shortest flight (periods)', scale: 1, phasings: PER_PERIOD, optional: true,
    help: 'Buy in flights of this many periods: what is switched on or off stays so that long. Must divide the periods in a year.',
  },
] as const;

type BoundOption = (typeof BOUNDS)[number]['option'];

/**
 * "Find the best plan": chooses an objective, a phasing and practical bounds, runs the optimiser
 * in a Web Worker with progress and Cancel, and shows the best plan against the current one with
 * its phasing charted, ready to apply.
 *
 * @event plan-apply - `{ plan }` when the person applies the best plan
 * @event plan-undo - when the person undoes the last apply
 * @event plan-found - `{ plan, model }` once when a search the person started finishes, so the response curves can mark its plan
 */
export class OptimizerPanel extends LitElement {
  static override styles = css`
    ${scrollCue('.wrap')}
    :host { display: block; }
    .form { display: grid; grid-template-columns: repeat(auto-fill, minmax(180px, 1fr)); gap: 10px 14px; }
    label { display: block; font-weight: 600; font-size: 0.85rem; margin-bottom: 3px; }
    select, input {
      font: inherit; width: 100%; box-sizing: border-box; padding: var(--field-padding); border: 1px solid var(--field-border); border-radius: var(--field-radius); background: var(--field-background); color: var(--field-text);
    }
    input[aria-invalid='true'] { border-color: var(--colour-error); border-width: 2px; }
    select:focus-visible, input:focus-visible, button:focus-visible { outline: var(--focus-ring); outline-offset: 2px; }
    .hint { margin: 3px 0 0; font-size: 0.76rem; color: var(--colour-text-muted); }
    label.check { display: inline-flex; align-items: center; gap: 8px; margin-top: 10px; font-weight: 400; }
    label.check input { width: 18px; height: 18px; accent-color: var(--colour-accent); }
    .error { margin: 4px 0 0; font-size: 0.8rem; color: var(--colour-error); font-weight: 600; }
    .row { display: flex; gap: 10px; align-items: center; flex-wrap: wrap; margin-top: 12px; }
    button {
      font: inherit; font-size: 0.88rem; padding: 6px 14px; border-radius: 4px; border: 1px solid var(--colour-control-border); background: var(--colour-surface); color: var(--colour-text); cursor: pointer;
    }
    button.primary { background: var(--colour-brand); border-color: var(--colour-brand); color: var(--colour-on-dark); }
    progress { flex: 1; min-width: 120px; height: 14px; accent-color: var(--colour-accent); }
    .status { font-size: 0.85rem; margin: 8px 0 0; }
    table { border-collapse: collapse; width: 100%; margin-top: 12px; font-size: 0.86rem; font-variant-numeric: tabular-nums; }
    th, td { padding: 5px 8px; border-bottom: 1px solid var(--colour-row); text-align: right; white-space: nowrap; }
    th:first-child { text-align: left; position: sticky; left: 0; background: var(--colour-surface); }
    thead th:first-child { background: var(--colour-table-head); }
    thead th { background: var(--colour-table-head); }
    .up { color: var(--colour-better); }
    .down { color: var(--colour-worse); }
    .wrap { overflow-x: auto; }
    table.robust th { white-space: normal; }
    spend-equity-chart { margin-top: 12px; }
    ul.notes { margin: 10px 0 0; padding: 8px 12px 8px 28px; background: var(--colour-note-surface); border-left: 4px solid var(--colour-note-border); font-size: 0.86rem; }
    ul.notes li + li { margin-top: 6px; }
  `;

  static override properties = {
    formats: { attribute: false },
    model: { attribute: false },
    summary: { attribute: false },
    canUndo: { type: Boolean },
    objective: { state: true },
    phasing: { state: true },
    planFor: { state: true },
    bounds: { state: true },
    thorough: { state: true },
    exactBest: { state: true },
    optionError: { state: true },
  };

  /** Number formats of the model (its currency and calendar); plain numbers until set. */
  declare formats: NumberFormats | undefined;
  declare model: Model | undefined;
  declare summary: Summary | undefined;
  declare canUndo: boolean;
  declare objective: ObjectiveName;
  declare phasing: PhasingName;
  /** Risk-averse planning chooses the plan by its mean or 10th percentile across the model's uncertainty ranges. */
  declare planFor: PlanFor;
  /** The bound fields as typed. The app suggests practical spend limits; shares start free. */
  declare bounds: Record<BoundOption, string>;
  /** Search ten times longer, for the last fraction of a percent (and to compare with a quick run). */
  declare thorough: boolean;
  /** The best plan found, even when a smoother one is almost as good (the default returns the smoother). */
  declare exactBest: boolean;
  declare optionError: { option: string; message: string } | undefined;
  private readonly optimizer = new OptimizerController(this);

  constructor() {
    super();
    this.formats = undefined;
    this.model = undefined;
    this.summary = undefined;
    this.canUndo = false;
    this.objective = 'npvWithCarryover';
    this.phasing = 'flighting';
    this.planFor = 'settings';
    this.bounds = { minShare: '0', maxShare: '100', minPeriodMultiple: '0.5', maxPeriodMultiple: '2', maxStep: '', minFlight: '1' };
    this.thorough = false;
    this.exactBest = false;
    this.optionError = undefined;
  }

  /** The search whose plan was last announced with `plan-found`. */
  private announced: unknown;

  override updated(): void {
    const state = this.optimizer.state;
    if (state.status !== 'done' || state.result === this.announced) return;
    this.announced = state.result;
    this.dispatchEvent(appEvent('plan-found', { plan: state.result.plan, model: state.model }));
  }

  override render() {
    const state = this.optimizer.state;
    const running = state.status === 'running';
    return html`
      <div class="form">
        <div>
          <label for="objective">Objective</label>
          <select id="objective" ?disabled=${running} @change=${(event: Event) => { this.objective = (event.target as HTMLSelectElement).value as ObjectiveName; }}>
            ${OBJECTIVES.map((choice) => html`<option value=${choice.value} ?selected=${choice.value === this.objective}>${choice.label}</option>`)}
          </select>
        </div>
        <div>
          <label for="phasing">Phasing</label>
          <select id="phasing" ?disabled=${running} @change=${(event: Event) => { this.phasing = (event.target as HTMLSelectElement).value as PhasingName; }}>
            ${PHASINGS.map((choice) => html`<option value=${choice.value} ?selected=${choice.value === this.phasing}>${choice.label}</option>`)}
          </select>
        </div>
        <div>
          <label for="plan-for">Best for</label>
          <select id="plan-for" ?disabled=${running || !this.hasRanges()} aria-describedby="plan-for-note" .value=${this.effectivePlanFor()}
            @change=${(event: Event) => { this.planFor = (event.target as HTMLSelectElement).value as PlanFor; }}>
            ${PLAN_FOR.map((choice) => html`<option value=${choice.value}>${choice.label}</option>`)}
          </select>
          <p id="plan-for-note" class="hint">${this.hasRanges()
            ? (this.effectivePlanFor() === 'settings' ? ''
              : `${PLAN_FOR.find((choice) => choice.value === this.planFor)!.note} across ${DEFAULT_ROBUST_DRAWS.toLocaleString('en-US')} draws of the model's uncertainty ranges; takes seconds.`)
            : 'This model has no uncertainty ranges.'}</p>
        </div>
        ${BOUNDS.map((bound) => {
          const error = this.optionError?.option === bound.option ? this.optionError.message : '';
          const phasings: readonly PhasingName[] | undefined = bound.phasings;
          const inactive = phasings !== undefined && !phasings.includes(this.phasing);
          return html`<div>
            <label for=${bound.option}>${bound.label}</label>
            <input id=${bound.option} type="text" inputmode="decimal" .value=${this.bounds[bound.option]} ?disabled=${running || inactive}
              aria-invalid=${error ? 'true' : 'false'} aria-describedby=${`${bound.option}-note`}
              @input=${(event: Event) => { this.bounds = { ...this.bounds, [bound.option]: (event.target as HTMLInputElement).value }; this.optionError = undefined; }}>
            <p id=${`${bound.option}-note`} class=${error ? 'error' : 'hint'}>${error || (inactive ? inactiveHint(bound.option) : bound.help)}</p>
          </div>`;
        })}
      </div>
      <label class="check"><input type="checkbox" .checked=${this.thorough} ?disabled=${running}
        @change=${(event: Event) => { this.thorough = (event.target as HTMLInputElement).checked; }}>Search harder (about ten times longer)</label>
      <label class="check"><input type="checkbox" .checked=${this.exactBest} ?disabled=${running || !PER_PERIOD.includes(this.phasing)} aria-describedby="exact-best-note"
        @change=${(event: Event) => { this.exactBest = (event.target as HTMLInputElement).checked; }}>Exact best plan</label>
      <p id="exact-best-note" class="hint">Otherwise, per period, the smoothest plan within 0.1 % of the best (keeping at least three quarters of its gain over a yearly plan): the best often swings from period to period for almost no gain.</p>
      ${this.optionError !== undefined && !BOUNDS.some((bound) => bound.option === this.optionError?.option)
        ? html`<p class="error" role="alert">${this.optionError.message}</p>` : nothing}
      <div class="row">
        ${running
          ? html`<progress max="1" .value=${state.fraction} aria-label="Search progress"></progress>
              <span aria-live="polite">${Math.round(state.fraction * 100)} %</span>
              <button type="button" @click=${() => this.optimizer.cancel()}>Cancel</button>`
          : html`<button class="primary" type="button" ?disabled=${this.model === undefined} @click=${this.run}>Find the best plan</button>
              ${this.canUndo ? html`<button type="button" @click=${() => this.dispatchEvent(appEvent('plan-undo'))}>Undo apply</button>` : nothing}`}
      </div>
      ${state.status === 'cancelled' ? html`<p class="status" role="status">Search cancelled. Nothing was changed.</p>` : nothing}
      ${state.status === 'failed' ? html`<p class="error" role="alert">${state.message}</p>` : nothing}
      ${state.status === 'done' ? this.renderResult(state.result, state.model, state.model !== this.model) : nothing}`;
  }

  /** `stale`: the plan has changed since the search, so its result no longer applies. */
  private renderResult(result: OptimizeResult, model: Model, stale: boolean) {
    if (stale) {
      return html`<p class="status" role="status">The plan has changed since this search, so its result no longer applies.
        <button type="button" @click=${() => this.optimizer.clear()}>Dismiss</button></p>`;
    }
    const best = result.summary;
    const current = result.current.summary;
    // The headline figures (the marketing's own value first), then the whole business's NPV with
    // carryover, the objective's own scale: one table of key figures for every panel.
    const formats = this.formats ?? formatsFor(model);
    const figures = KEY_FIGURES.filter((figure) => figure.headline || figure.field === 'irr' || figure.field === 'npvWithCarryover');
    const difference = (figure: KeyFigure) => {
      const bestValue = best[figure.field];
      const currentValue = current[figure.field];
      if (bestValue === null || currentValue === null) return '—';
      const delta = bestValue - currentValue;
      return html`<span class=${figureTone(figure, delta)}>${formatDifference(figure.unit, delta, currentValue, model.periodsPerYear, formats)}</span>`;
    };
    const bestResult = simulate({ ...model, plan: result.plan } as Model);
    return html`
      <p class="status" role="status">Found ${result.cancelled ? 'a partial plan' : result.smoothing === undefined ? 'the best plan' : 'a smooth plan near the best'} in ${result.evaluations.toLocaleString('en-US')} runs of the model.
        Upstream share by year: ${result.upstreamShareByYear.map((share, year) => `Y${year + 1} ${formatPercent(share)}`).join(' · ')}.</p>
      ${result.notes.length === 0 ? nothing : html`<ul class="notes" aria-label="Notes on this plan">
        ${result.notes.map((note) => html`<li>${describePlanNote(note, noteFormats(model, formats))}</li>`)}</ul>`}
      ${result.robust === undefined ? nothing : this.renderRobust(result, formats)}
      <div class="wrap" role="region" aria-label="Current and best plan compared" tabindex="0"><table>
        <thead><tr><th scope="col">Key figure</th><th scope="col">Current plan</th><th scope="col">Best plan</th><th scope="col">Difference</th></tr></thead>
        <tbody>${figures.map((figure) => html`<tr><th scope="row">${figure.label}</th><td>${formatFigure(figure, current[figure.field], formats)}</td><td>${formatFigure(figure, best[figure.field], formats)}</td><td>${difference(figure)}</td></tr>`)}</tbody>
      </table></div>
      <spend-equity-chart heading="The best plan: spend and brand equity" .formats=${formats} .periods=${bestResult.periods} periodsPerYear=${model.periodsPerYear} .startYear=${model.startYear}></spend-equity-chart>
      <div class="row">
        <button class="primary" type="button" @click=${() => this.apply(result.plan)}>Apply this plan</button>
        <button type="button" @click=${() => this.optimizer.clear()}>Dismiss</button>
      </div>`;
  }

  /** True when the model has uncertainty ranges to plan against. */
  private hasRanges(): boolean {
    return Object.keys(this.model?.uncertainty ?? {}).length > 0;
  }

  /** The choice in force: without ranges, only the settings themselves. */
  private effectivePlanFor(): PlanFor {
    return this.hasRanges() ? this.planFor : 'settings';
  }

  /** The statistic the plan was chosen by, for it, the plan best at the settings, and the current plan. */
  private renderRobust(result: OptimizeResult, formats: NumberFormats) {
    const robust = result.robust!;
    const objective = OBJECTIVES.find((choice) => choice.value === result.objective)?.label ?? result.objective;
    const statistic = robust.statistic === 'p10' ? `10th percentile of ${objective}` : `Average ${objective}`;
    const rows = [
      { label: 'This plan', value: robust.value },
      { label: 'Plan best at the settings as entered', value: robust.centralOptimum.value },
      { label: 'Current plan', value: robust.current },
    ];
    return html`<p class="status">Across ${robust.draws.toLocaleString('en-US')} draws of the uncertainty ranges (seed ${robust.seed}).
        The key figures below are at the settings as entered.</p>
      <div class="wrap" role="region" aria-label="Plans compared across the ranges" tabindex="0"><table class="robust">
      <thead><tr><th scope="col">Plan</th><th scope="col">${statistic}</th><th scope="col">This plan gains</th></tr></thead>
      <tbody>${rows.map((row, index) => html`<tr><th scope="row">${row.label}</th><td>${formats.money(row.value)}</td>
        <td>${index === 0 ? '' : html`<span class=${differenceTone('money', robust.value - row.value)}>${formatDifference('money', robust.value - row.value, row.value, 1, formats)}</span>`}</td></tr>`)}</tbody>
    </table></div>`;
  }

  private run(): void {
    if (this.model === undefined) return;
    const planFor = this.effectivePlanFor();
    const options: Omit<OptimizeOptions, 'onProgress' | 'shouldStop'> = {
      objective: this.objective,
      phasing: this.phasing,
      ...(this.thorough ? { effort: 10 } : {}),
      ...(this.exactBest && PER_PERIOD.includes(this.phasing) ? { exactBest: true } : {}),
      ...(planFor === 'settings' ? {} : { robust: { statistic: planFor } }),
    };
    for (const bound of BOUNDS) {
      const text = this.bounds[bound.option].trim();
      const phasings: readonly PhasingName[] | undefined = bound.phasings;
      if (phasings !== undefined && !phasings.includes(this.phasing)) continue;
      if (text === '' && bound.optional) continue;
      const value = numberFromText(text);
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        this.optionError = { option: bound.option, message: `${bound.label} must be a number, got "${text.slice(0, 20)}"` };
        return;
      }
      if (bound.scale === 100 && (value < 0 || value > 100)) {
        this.optionError = { option: bound.option, message: `${bound.label} must be between 0 and 100, got ${value}` };
        return;
      }
      if (value < 0) {
        this.optionError = { option: bound.option, message: `${bound.label} must be ≥ 0, got ${value}` };
        return;
      }
      options[bound.option] = value / bound.scale;
    }
    try {
      resolveOptions(options);
    } catch (error) {
      if (error instanceof OptimizeError) {
        // The engine names its options (minShare, 0.8); this panel speaks of fields in percent.
        const message = error.message
          .replace(/\b(minShare|maxShare|minPeriodMultiple|maxPeriodMultiple|maxStep|minFlight)\b/g, (name) => OPTION_WORDS[name] ?? name)
          .replace(/\((0?\.\d+|[01])\)/g, (_, share) => `(${Math.round(Number(share) * 1000) / 10} %)`);
        this.optionError = { option: error.option, message: message.charAt(0).toUpperCase() + message.slice(1) };
        return;
      }
      throw error;
    }
    this.optionError = undefined;
    this.optimizer.run(this.model, options);
  }

  private apply(plan: OptimizedPlan): void {
    this.optimizer.clear();
    this.dispatchEvent(appEvent('plan-apply', { plan }));
  }
}

/** Why a limit's field is greyed out for the phasing chosen. */
function inactiveHint(option: BoundOption): string {
  return option === 'maxStep' || option === 'minFlight' ? 'Only the per-period phasings choose spend period by period.' : 'Only timing moves spend between periods.';
}

/** How the notes' numbers read in this panel. */
function noteFormats(model: Model, formats: NumberFormats): NoteFormats {
  const unit = periodName(model.periodsPerYear);
  return {
    money: (value) => formats.money(value),
    percent: formatPercent,
    period: (period) => formatPeriod(period, model.periodsPerYear).toLowerCase(),
    periods: (count) => `${count} ${count === 1 ? unit : `${unit}s`}`,
    objective: (name) => OBJECTIVES.find((choice) => choice.value === name)?.label ?? name,
  };
}

customElements.define('optimizer-panel', OptimizerPanel);

declare global {
  interface HTMLElementTagNameMap { 'optimizer-panel': OptimizerPanel; }
}
