import { LitElement, css, html, nothing } from 'lit';
import { scrollCue } from '../charts/scroll-cue.styles.ts';
import '../charts/channel-results.chart.ts';
import type { ChannelMeasure, ChannelResultRow } from '../charts/channel-results.chart.ts';
import '../charts/channel-spend.chart.ts';
import { channelStyles } from '../charts/channel-colours.ts';
import '../charts/response-curves.chart.ts';
import { type ChannelResponseCurve, channelResponseCurves } from '../engine/channel-response-curve.ts';
import { formatSignedRatio } from '../engine/io/number-formats.ts';
import type { Model } from '../engine/model/model.ts';
import type { MarginalRoi } from '../engine/sim/marginal-roi.ts';
import type { SimulationResult } from '../engine/sim/results.ts';
import { type NumberFormats, formatsFor } from './format.ts';

/** How long after the last change of the model the response curves are redrawn. */
const CURVES_DELAY_MS = 150;

/**
 * What each channel returns (spec §9.4), for a model in the channel form: a table of each
 * channel's spend, incremental revenue, ROI, marginal ROI and value added; a chart of its value
 * added or ROI; spend stacked by channel over time; and each channel's response curve with the
 * current plan (and, when the shell passes one, the optimum) marked.
 *
 * The response curves are computed here from the model (`channelResponseCurves`), once per
 * model, a moment after it last changed (see `willUpdate`).
 */
export class ChannelResults extends LitElement {
  static override styles = css`
    :host { display: block; }
    .intro { margin: 0 0 8px; font-size: 0.85rem; color: var(--colour-text-soft); }
    .table-wrap { overflow-x: auto; border: 1px solid var(--colour-rule); border-radius: 6px; margin: 0 0 8px; }
    ${scrollCue('.table-wrap')}
    table { border-collapse: collapse; width: 100%; font-size: 0.84rem; font-variant-numeric: tabular-nums; }
    caption { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
    .notes { margin: 0 0 8px; font-size: 0.8rem; color: var(--colour-text-muted); }
    th, td { padding: 5px 8px; border-bottom: 1px solid var(--colour-row); text-align: right; white-space: nowrap; }
    th[scope='row'], thead th:nth-child(-n + 2), td.side { text-align: left; }
    /* The channel's name stays in view while the figures scroll sideways on a phone. */
    th[scope='row'] { font-weight: 600; white-space: normal; overflow-wrap: break-word; min-width: 8.5em; max-width: 12em; position: sticky; left: 0; background: var(--colour-surface); }
    thead th { background: var(--colour-table-head); font-weight: 600; font-size: 0.8rem; }
    .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; vertical-align: baseline; }
    .negative { color: var(--colour-error); }
    .measure { display: flex; gap: 6px; align-items: center; flex-wrap: wrap; margin: 10px 0 8px; font-size: 0.85rem; }
    .measure button {
      font: inherit; font-size: 0.82rem; padding: 4px 10px; border-radius: 4px; border: 1px solid var(--colour-control-border); background: var(--colour-surface); color: var(--colour-text); cursor: pointer;
    }
    .measure button[aria-pressed='true'] { background: var(--colour-brand); border-color: var(--colour-brand); color: var(--colour-on-dark); }
    .measure button:focus-visible { outline: var(--focus-ring); outline-offset: 2px; }
    .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 360px), 1fr)); gap: 12px; }
    .charts .span { grid-column: 1 / -1; }
  `;

  static override properties = {
    model: { attribute: false },
    result: { attribute: false },
    marginal: { attribute: false },
    formats: { attribute: false },
    optimumPerMonth: { attribute: false },
    measure: { state: true },
  };

  /** The last valid model (its response curves are computed here). */
  declare model: Model | undefined;
  /** `simulate(model)`: per-channel results and spend per period. */
  declare result: SimulationResult | undefined;
  /** `marginalRoi(model)`, for each channel's marginal ROI; "—" without it. */
  declare marginal: MarginalRoi | undefined;
  declare formats: NumberFormats | undefined;
  /** Spend per month (average over the horizon) of the best plan found, by channel name, to mark on the response curves. */
  declare optimumPerMonth: Readonly<Record<string, number>> | undefined;
  declare private measure: ChannelMeasure;

  private curves: ChannelResponseCurve[] = [];
  private curvesFor: { model: Model; optimum: Readonly<Record<string, number>> | undefined } | undefined;
  private curvesTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.model = undefined;
    this.result = undefined;
    this.marginal = undefined;
    this.formats = undefined;
    this.optimumPerMonth = undefined;
    this.measure = 'valueAdded';
  }

  override willUpdate(): void {
    const model = this.model;
    if (model === undefined) return;
    if (this.curvesFor?.model === model && this.curvesFor.optimum === this.optimumPerMonth) return;
    // The curves cost about a run of the model per point (some 20 ms for 3 + 3 channels), more
    // than the rest of a slider step: drawn at once the first time, then a moment after the
    // last change, so dragging the slider stays smooth (the curves follow when it rests).
    if (this.curvesFor === undefined) this.computeCurves();
    else this.scheduleCurves();
  }

  override disconnectedCallback(): void {
    clearTimeout(this.curvesTimer);
    super.disconnectedCallback();
  }

  /** Resolves once the response curves are those of the current model (for tests and printing). */
  async curvesReady(): Promise<void> {
    await this.updateComplete;
    if (this.model !== undefined && this.curvesFor?.model !== this.model) {
      clearTimeout(this.curvesTimer);
      this.computeCurves();
      this.requestUpdate();
      await this.updateComplete;
    }
  }

  private computeCurves(): void {
    const model = this.model;
    if (model === undefined) return;
    this.curves = channelResponseCurves(model, { optimumPerMonth: this.optimumPerMonth });
    this.curvesFor = { model, optimum: this.optimumPerMonth };
  }

  private scheduleCurves(): void {
    clearTimeout(this.curvesTimer);
    this.curvesTimer = setTimeout(() => {
      this.computeCurves();
      this.requestUpdate();
    }, CURVES_DELAY_MS);
  }

  override render() {
    const model = this.model;
    const result = this.result;
    if (model === undefined || result === undefined) return nothing;
    const formats = this.formats ?? formatsFor(model);
    const rows = this.rows(result);
    const styles = channelStyles(rows);
    return html`<p class="intro">Each channel against the run in which it alone spends nothing, the rest of the plan as it is.
        Channels work together through brand equity and conversion, so their figures do not add up to the plan’s.</p>
      <div class="table-wrap" tabindex="0" role="region" aria-label="Results by channel">
        <table>
          <caption>Results by channel</caption>
          <thead><tr><th scope="col">Channel</th><th scope="col">Side</th><th scope="col">Spend</th><th scope="col">Incremental revenue</th>
            <th scope="col">ROI</th><th scope="col">Marginal ROI</th><th scope="col">Value added</th></tr></thead>
          <tbody>${rows.map((row) => html`<tr>
            <th scope="row"><span class="swatch" style="background:${styles.get(row.name)?.colour ?? '#999'}" aria-hidden="true"></span>${row.name}</th>
            <td class="side">${row.side}</td>
            <td>${formats.money(row.spend)}</td>
            <td>${formats.money(row.incrementalRevenue)}</td>
            <td class=${row.roi !== null && row.roi < 0 ? 'negative' : ''}>${formats.percent(row.roi)}</td>
            <td class=${row.marginalRoi !== undefined && row.marginalRoi < 0 ? 'negative' : ''}>${formatSignedRatio(row.marginalRoi, formats)}</td>
            <td class=${row.valueAdded < 0 ? 'negative' : ''}>${formats.money(row.valueAdded)}</td>
          </tr>`)}</tbody>
        </table>
      </div>
      <p class="notes">Incremental revenue and ROI are over the horizon; marginal ROI is what the next unit of money on the channel returns above its cost;
        value added is how much marketing NPV with carryover would fall without the channel’s spend (carryover years included).</p>
      <div class="measure" role="group" aria-label="Chart by channel shows">
        <span>Chart:</span>
        <button type="button" aria-pressed=${this.measure === 'valueAdded' ? 'true' : 'false'} @click=${() => { this.measure = 'valueAdded'; }}>Value added</button>
        <button type="button" aria-pressed=${this.measure === 'roi' ? 'true' : 'false'} @click=${() => { this.measure = 'roi'; }}>ROI</button>
      </div>
      <div class="charts">
        <channel-results-chart .formats=${formats} .channels=${rows} .measure=${this.measure}></channel-results-chart>
        <channel-spend-chart .formats=${formats} .periods=${result.periods} .channels=${rows.map(({ name, side }) => ({ name, side }))}
          .periodsPerYear=${model.periodsPerYear} .startYear=${model.startYear}></channel-spend-chart>
        <response-curves-chart class="span" .formats=${formats} .curves=${this.curves}></response-curves-chart>
      </div>`;
  }

  private rows(result: SimulationResult): ChannelResultRow[] {
    const marginal = this.marginal?.channels;
    return result.summary.channels.map((channel) => ({
      ...channel,
      marginalRoi: marginal?.find((entry) => entry.name === channel.name && entry.side === channel.side)?.marginalRoi,
    }));
  }
}

customElements.define('channel-results', ChannelResults);

declare global {
  interface HTMLElementTagNameMap { 'channel-results': ChannelResults; }
}
