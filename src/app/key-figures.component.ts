import { LitElement, css, html } from 'lit';
import type { Summary } from '../engine/index.ts';
import { formatEquity, formatMoney, formatPercent, formatPeriod } from './format.ts';
import './info-tip.component.ts';

interface Figure {
  id: string;
  label: string;
  value: string;
  detail?: string;
  explain: string;
}

/**
 * The key figures of the current plan, each with a tooltip saying what it means. Values are
 * formatted in one place (format.ts) and are never NaN: a missing one shows as "—".
 */
export class KeyFigures extends LitElement {
  static override styles = css`
    :host { display: block; }
    dl { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 10px; margin: 0; }
    @media (max-width: 600px) { dl { grid-template-columns: repeat(2, minmax(0, 1fr)); } }
    .figure { background: var(--surface, #fff); border: 1px solid var(--line, #ddd); border-radius: 8px; padding: 10px 12px; min-width: 0; }
    dt { font-size: 0.8rem; color: #444; display: flex; align-items: center; justify-content: space-between; gap: 6px; }
    dd { margin: 4px 0 0; font-size: 1.3rem; font-weight: 700; font-variant-numeric: tabular-nums; overflow-wrap: break-word; }
    .detail { display: block; font-size: 0.78rem; font-weight: 400; color: #444; margin-top: 2px; }
    @media print {
      dl { grid-template-columns: repeat(6, minmax(0, 1fr)); gap: 4px; }
      .figure { padding: 4px 6px; }
      dt { font-size: 0.65rem; }
      dd { font-size: 0.8rem; white-space: nowrap; }
      .detail { font-size: 0.6rem; white-space: normal; }
      info-tip { display: none; }
    }
  `;

  static override properties = {
    summary: { attribute: false },
    periodsPerYear: { type: Number },
    initialEquity: { type: Number },
  };

  declare summary: Summary | undefined;
  declare periodsPerYear: number;
  declare initialEquity: number;

  constructor() {
    super();
    this.summary = undefined;
    this.periodsPerYear = 12;
    this.initialEquity = 0;
  }

  override render() {
    const summary = this.summary;
    if (summary === undefined) return html``;
    const roiByYear = summary.roiByYear;
    const figures: Figure[] = [
      { id: 'npv', label: 'NPV', value: formatMoney(summary.npv), explain: 'Net present value: profit (contribution less all marketing spend) over the horizon, each period discounted back to today at the discount rate.' },
      { id: 'npv-carryover', label: 'NPV with carryover', value: formatMoney(summary.npvWithCarryover), detail: `carryover ${formatMoney(summary.carryoverValue)}`, explain: 'NPV plus the discounted extra profit the plan keeps earning after the horizon, from brand equity and adstock that linger, over the carryover years.' },
      { id: 'revenue', label: 'Total revenue', value: formatMoney(summary.totalRevenue), detail: `spend ${formatMoney(summary.totalSpend)}`, explain: 'All revenue over the horizon, including what would come with no spend at all.' },
      { id: 'roi', label: 'ROI over the horizon', value: formatPercent(summary.roi), detail: roiByYear.map((roi, year) => `Y${year + 1} ${formatPercent(roi)}`).join(' · '), explain: 'Return on marketing spend: contribution above the no-spend counterfactual, less the spend, divided by the spend. Each year’s own ROI is listed below it (Y1 first), because brand spend pays back later; a dash marks a year with no spend.' },
      { id: 'payback', label: 'Payback', value: summary.totalSpend === 0 ? 'No spend' : summary.paybackPeriod === null ? 'Not within horizon' : formatPeriod(summary.paybackPeriod, this.periodsPerYear), explain: 'The first period in which cumulative profit above the no-spend counterfactual, less spend, reaches zero.' },
      { id: 'equity', label: 'Brand equity', value: `${formatEquity(this.initialEquity)} → ${formatEquity(summary.finalEquity)}`, detail: 'start → end of horizon', explain: 'Brand equity on a 0–1 scale at the start and at the end of the horizon. It decays without upstream spend and grows with it, after a lag.' },
    ];
    return html`<dl>
      ${figures.map((figure) => html`<div class="figure" data-figure=${figure.id}>
        <dt><span>${figure.label}</span><info-tip subject=${figure.label} text=${figure.explain} align="end"></info-tip></dt>
        <dd><span class="value">${figure.value}</span>${figure.detail ? html`<span class="detail">${figure.detail}</span>` : null}</dd>
      </div>`)}
    </dl>`;
  }
}

customElements.define('key-figures', KeyFigures);

declare global {
  interface HTMLElementTagNameMap { 'key-figures': KeyFigures; }
}
