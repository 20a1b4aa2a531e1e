import { LitElement, html, nothing } from 'lit';
import '../charts/fit-decomposition.chart.ts';
import '../charts/fit-over-time.chart.ts';
import '../charts/fit-parameters.chart.ts';
import '../charts/response-curves.chart.ts';
import type { ChannelKey } from '../charts/channel-colours.ts';
import { driverBasisText, driverEffectShown } from '../engine/fit/driver-effect-shown.ts';
import { fitParameterLabel } from '../engine/fit/fit-parameter-label.ts';
import type { FitMetrics, FitResult } from '../engine/fit/fit-result.ts';
import { type Model, channelList, modelChannels } from '../engine/index.ts';
import { appEvent } from './app-events.ts';
import type { FitCurves } from './fit-controller.ts';
import { fitResultsStyles } from './fit-results.styles.ts';
import { durationWords } from './fit-progress.ts';
import { MISSING, type NumberFormats, formatsFor } from './format.ts';

/** A quantity of the fit to three significant digits, grouped ("60,100", "0.0312"); "—" when not finite. */
const quantity = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 });
function formatQuantity(value: number): string {
  return Number.isFinite(value) ? quantity.format(value).replace('-', '−') : MISSING;
}

/** R² to two decimals; "—" when not finite. */
function formatR2(value: number): string {
  return Number.isFinite(value) ? value.toFixed(2).replace('-', '−') : MISSING;
}

/**
 * What a fit found: how well it fits (R², NRMSE, MAPE on the weeks it was fitted to and on
 * those held out), the fit over time with the residuals, the history decomposed, each setting's
 * prior against its posterior, the warnings, the drivers and the parameters as tables, and
 * "Use the fitted model".
 *
 * @event fit-use - `{ model }` when "Use the fitted model" is pressed
 */
export class FitResults extends LitElement {
  static override styles = fitResultsStyles;
  static override properties = {
    result: { attribute: false },
    start: { attribute: false },
    source: { type: String },
    target: { type: String },
    ms: { type: Number },
    curves: { attribute: false },
    formats: { attribute: false },
    used: { state: true },
  };

  declare result: FitResult | undefined;
  /** The model the fit started from (for the start values and the labels). */
  declare start: Model | undefined;
  /** The history's file name. */
  declare source: string;
  /** The history's target column ("revenue" unless another was chosen). */
  declare target: string;
  /** From the request to the result on the page, in milliseconds. */
  declare ms: number;
  /** The fitted model's response curves with their bands (they come a moment after the result). */
  declare curves: FitCurves;
  declare formats: NumberFormats | undefined;
  /** The result whose "Use the fitted model" was pressed. */
  declare private used: FitResult | undefined;

  constructor() {
    super();
    this.result = undefined;
    this.start = undefined;
    this.source = '';
    this.target = 'revenue';
    this.ms = Number.NaN;
    this.curves = { status: 'pending' };
    this.formats = undefined;
    this.used = undefined;
  }

  override render() {
    const result = this.result;
    if (result === undefined) return nothing;
    const model = result.model;
    const formats = this.formats ?? formatsFor(model);
    const channels: ChannelKey[] = channelList(modelChannels(model)).map((channel) => ({ name: channel.name, side: channel.side }));
    const periodsPerYear = model.periodsPerYear;
    return html`
      <section class="figures" aria-labelledby="fit-figures-heading">
        <h3 id="fit-figures-heading" tabindex="-1">How well it fits</h3>
        <p class="lead">Fitted <strong>${this.source}</strong> (${result.periods.length} ${formats.periodName}s) from “${this.start?.name ?? ''}”
          in ${durationWords(result.ms)}${Number.isFinite(this.ms) ? html` (${durationWords(this.ms)} on this page, with the worker’s start)` : nothing}.</p>
        <div class="wrap" tabindex="0" role="region" aria-label="Fit figures">
          <table data-table="fit-figures">
            <thead><tr><th scope="col">Periods</th><th scope="col"><abbr title="share of the variation explained">R²</abbr></th>
              <th scope="col"><abbr title="root mean square error ÷ (largest − smallest actual)">NRMSE</abbr></th>
              <th scope="col"><abbr title="mean absolute percentage error">MAPE</abbr></th></tr></thead>
            <tbody>
              ${metricsRow(`Fitted (${result.periods.length - (result.fit.holdout?.periods ?? 0)} ${formats.periodName}s)`, result.fit.train, formats, 'train')}
              ${result.fit.holdout === null
                ? html`<tr data-row="holdout"><th scope="row">Held out</th><td colspan="3">none</td></tr>`
                : metricsRow(`Held out (last ${result.fit.holdout.periods} ${formats.periodName}${result.fit.holdout.periods === 1 ? '' : 's'})`, result.fit.holdout, formats, 'holdout')}
            </tbody>
          </table>
        </div>
        <div class="use">
          <button type="button" class="primary" data-use-fitted @click=${this.useFitted}>Use the fitted model</button>
          <span class="hint">Plans with “${model.name}” from the end of the history; Undo takes it back, and it is kept as a scenario.</span>
        </div>
        ${result.warnings.length === 0 ? nothing : html`<p class="warning-count"><a href="#fit-warnings-heading" @click=${this.toWarnings}>${result.warnings.length === 1 ? 'One warning' : `${result.warnings.length} warnings`}</a>
          about this fit, below the charts: read ${result.warnings.length === 1 ? 'it' : 'them'} before planning with the fitted model.</p>`}
        ${this.used === result ? html`<p class="status" role="status" data-used>“${model.name}” is now the current model and saved as a scenario; Undo (Ctrl+Z) takes it back.</p>` : nothing}
      </section>
      <div class="charts">
        <fit-over-time-chart class="span" .formats=${formats} .periods=${result.periods} periodsPerYear=${periodsPerYear}
          target=${targetLabel(this.target)}></fit-over-time-chart>
        <fit-decomposition-chart class="span" .formats=${formats} .periods=${result.periods} .channels=${channels}
          periodsPerYear=${periodsPerYear} target=${targetLabel(this.target)}></fit-decomposition-chart>
        <fit-parameters-chart class="span" .parameters=${result.parameters} .model=${this.start ?? model}></fit-parameters-chart>
        ${this.renderCurves(formats)}
      </div>
      ${result.warnings.length === 0 ? nothing : html`<section class="warnings" aria-labelledby="fit-warnings-heading">
        <h3 id="fit-warnings-heading" tabindex="-1">Warnings</h3>
        <ul data-list="warnings">${result.warnings.map((warning) => html`<li data-code=${warning.code}>${warning.message}</li>`)}</ul>
      </section>`}
      ${result.drivers.length === 0 ? nothing : html`<section aria-labelledby="fit-drivers-heading">
        <h3 id="fit-drivers-heading">Demand drivers</h3>
        <div class="wrap" tabindex="0" role="region" aria-labelledby="fit-drivers-heading">
          <table data-table="fit-drivers">
            <thead><tr><th scope="col">Driver</th><th scope="col">Effect on revenue</th><th scope="col">90 % interval</th></tr></thead>
            <tbody>${result.drivers.map((driver) => {
              const shown = driverEffectShown(driver);
              const basis = driverBasisText(shown, formatQuantity);
              return html`<tr>
                <th scope="row">${driver.name}</th>
                <td>${formats.percentChange(shown.effect)}${basis === '' ? '' : ` ${basis}`}</td>
                <td>${formats.percentChange(shown.lower)} to ${formats.percentChange(shown.upper)}</td>
              </tr>`;
            })}</tbody>
          </table>
        </div>
      </section>`}
      <section aria-labelledby="fit-parameters-heading">
        <h3 id="fit-parameters-heading">Settings estimated</h3>
        <div class="wrap" tabindex="0" role="region" aria-labelledby="fit-parameters-heading">
          <table data-table="fit-parameters">
            <thead><tr><th scope="col">Setting</th><th scope="col">Fitted</th><th scope="col">Fitted 90 %</th><th scope="col">Start</th>
              <th scope="col">Prior median</th><th scope="col">Prior 90 %</th></tr></thead>
            <tbody>${result.parameters.map((parameter) => {
              const words = fitParameterLabel(this.start ?? model, parameter.path);
              return html`<tr>
                <th scope="row" title=${parameter.path}>${words.label}${words.unit === '' ? nothing : html`<span class="unit">${words.unit}</span>`}</th>
                <td class="value">${formatQuantity(parameter.value)}</td>
                <td>${formatQuantity(parameter.lower)} to ${formatQuantity(parameter.upper)}</td>
                <td>${formatQuantity(parameter.start)}</td>
                ${parameter.prior === null
                  ? html`<td colspan="2" class="flat">none (flat)</td>`
                  : html`<td>${formatQuantity(parameter.prior.median)}</td>
                    <td>${formatQuantity(parameter.prior.lower)} to ${formatQuantity(parameter.prior.upper)}${parameter.prior.source === 'default' ? html`<sup title="a wide default prior: the starting model gave no range">*</sup>` : nothing}</td>`}
              </tr>`;
            })}</tbody>
          </table>
        </div>
        ${result.parameters.some((parameter) => parameter.prior?.source === 'default')
          ? html`<p class="footnote">* A wide default prior: the starting model gives this setting no range in its uncertainty.</p>` : nothing}
      </section>`;
  }

  private renderCurves(formats: NumberFormats) {
    const curves = this.curves;
    if (curves.status === 'pending') return html`<p class="span status" role="status" data-curves-pending>Drawing each channel’s response curve with its band…</p>`;
    if (curves.status === 'failed') return html`<p class="span error" data-curves-failed>The response curves could not be drawn: ${curves.message}</p>`;
    return html`<response-curves-chart class="span" .formats=${formats} .curves=${curves.curves} .bands=${curves.bands}></response-curves-chart>`;
  }

  /** Moves the keyboard focus to "How well it fits" (the fit view does, when the fit the person waited for is done). */
  async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#fit-figures-heading')?.focus();
  }

  /** The link to the warnings moves there within the shadow root (a fragment link cannot reach into it). */
  private toWarnings(event: Event): void {
    event.preventDefault();
    const heading = this.renderRoot.querySelector<HTMLElement>('#fit-warnings-heading');
    heading?.scrollIntoView({ block: 'start' });
    heading?.focus({ preventScroll: true });
  }

  private useFitted(): void {
    const result = this.result;
    if (result === undefined) return;
    this.used = result;
    this.dispatchEvent(appEvent('fit-use', { model: result.model }));
  }
}

function metricsRow(label: string, metrics: FitMetrics, formats: NumberFormats, row: string) {
  return html`<tr data-row=${row}><th scope="row">${label}</th><td>${formatR2(metrics.r2)}</td>
    <td>${formats.percent(metrics.nrmse)}</td><td>${formats.percent(metrics.mape)}</td></tr>`;
}

/** The target's name as the chart axes say it: "Revenue", or the column's own name. */
function targetLabel(target: string): string {
  return target.charAt(0).toUpperCase() + target.slice(1);
}

customElements.define('fit-results', FitResults);

declare global {
  interface HTMLElementTagNameMap { 'fit-results': FitResults; }
}
