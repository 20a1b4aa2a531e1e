import { LitElement, css, html, nothing } from 'lit';
import type { MarginalRoi, Summary } from '../engine/index.ts';
import { type KeyFigure, type ScalarSummaryField, keyFigure } from '../engine/key-figures.ts';
import { MARGINAL_ROI_HELP } from '../engine/marginal-roi-figure.ts';
import { type NumberFormats, formatFigure, formatMarginalRoi, formatsFor } from './format.ts';
import './info-tip.component.ts';

interface Figure {
  /** The card's `data-figure`, stable for tests and styles. */
  id: string;
  label: string;
  /** Where space is short (the printed report). */
  shortLabel: string;
  value: ReturnType<typeof html> | string;
  detail?: string;
  explain: string;
}

/** Each summary field's card id (the first ones kept from before the marketing's own value led). */
const FIGURE_IDS: Readonly<Partial<Record<ScalarSummaryField, string>>> = {
  incrementalNpvWithCarryover: 'marketing-npv-carryover',
  incrementalNpv: 'marketing-npv',
  roi: 'roi',
  paybackPeriod: 'payback',
  irr: 'irr',
  npvWithCarryover: 'npv-carryover',
  npv: 'npv',
  noSpendNpv: 'no-spend-npv',
  totalRevenue: 'revenue',
  finalEquity: 'equity',
};

/** The headline cards, in `KEY_FIGURES` order; marginal ROI follows IRR. */
const HEADLINE: readonly ScalarSummaryField[] = ['incrementalNpvWithCarryover', 'incrementalNpv', 'roi', 'paybackPeriod', 'irr'];
/** Secondary figures, smaller, below: the whole business's NPV and what it would be with no marketing. */
const SECONDARY: readonly ScalarSummaryField[] = ['npvWithCarryover', 'npv', 'noSpendNpv', 'totalRevenue', 'finalEquity'];

/**
 * The key figures of the current plan, the value of the marketing itself first (marketing NPV
 * with carryover, then over the horizon), then ROI with each year's, payback, IRR and what the
 * next unit of money returns on each side; the whole business's NPV and the rest below as
 * secondary figures. Labels and explanations come from `KEY_FIGURES`; values are formatted with
 * the model's `formats` (its currency symbol on money) and are never NaN: a missing one shows
 * as "—" or says why it is missing.
 */
export class KeyFigures extends LitElement {
  static override styles = css`
    :host { display: block; }
    dl { margin: 0; }
    .headline { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 10px; }
    .secondary { display: grid; grid-template-columns: repeat(5, minmax(0, 1fr)); gap: 8px; margin-top: 10px; }
    .sides { display: grid; grid-template-columns: auto auto; justify-content: start; column-gap: 8px; font-size: 1.05rem; }
    .sides .side { font-weight: 400; font-size: 0.85rem; color: var(--colour-text-secondary); align-self: baseline; }
    @media (max-width: 1100px) { .secondary { grid-template-columns: repeat(3, minmax(0, 1fr)); } }
    @media (max-width: 600px) {
      .headline, .secondary { grid-template-columns: repeat(2, minmax(0, 1fr)); }
      .sides { grid-template-columns: minmax(0, 1fr); font-size: 1rem; }
      .sides .side { font-size: 0.78rem; }
    }
    .figure { background: var(--colour-surface); border: 1px solid var(--colour-line); border-radius: 8px; padding: 10px 12px; min-width: 0; }
    .figure.lead { border-color: var(--colour-accent); border-width: 2px; padding: 9px 11px; }
    dt { font-size: 0.8rem; color: var(--colour-text-soft); display: flex; align-items: center; justify-content: space-between; gap: 6px; }
    dd { margin: 4px 0 0; font-size: 1.3rem; font-weight: 700; font-variant-numeric: tabular-nums; overflow-wrap: break-word; }
    .secondary .figure { padding: 6px 10px; background: var(--colour-surface-subtle); }
    .secondary dd { font-size: 1rem; }
    .detail { display: block; font-size: 0.78rem; font-weight: 400; color: var(--colour-text-soft); margin-top: 2px; }
    .secondary-heading { font-size: 0.8rem; color: var(--colour-text-soft); margin: 12px 0 0; font-weight: 600; }
    .short { display: none; }
    @media print {
      /* Two compact rows of short labels (KEY_FIGURES' shortLabel), so the report keeps to one page. */
      .all { display: grid; grid-template-columns: repeat(6, minmax(0, 1fr)); gap: 0 8px; }
      .headline, .secondary { display: contents; }
      .figure, .secondary .figure, .figure.lead {
        padding: 0 0 1px; border: none; border-bottom: 1px solid var(--colour-rule); border-radius: 0; background: none; line-height: 1.2; min-width: 0;
      }
      dt { font-size: 6.5pt; color: var(--colour-text-secondary); display: block; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
      dt .label { display: none; }
      dt .short { display: inline; }
      dd, .secondary dd { margin: 0; font-size: 8pt; white-space: nowrap; }
      .sides { display: inline; font-size: 8pt; }
      .sides .side { display: none; }
      .sides [data-side='upstream']::after { content: ' / '; font-weight: 400; }
      .detail, .secondary-heading, info-tip { display: none; }
    }
  `;

  static override properties = {
    summary: { attribute: false },
    marginalRoi: { attribute: false },
    formats: { attribute: false },
    periodsPerYear: { type: Number },
    initialEquity: { type: Number },
  };

  declare summary: Summary | undefined;
  /** What the next unit of money returns on each side (`marginalRoi(model)`); the card is left out without it. */
  declare marginalRoi: MarginalRoi | undefined;
  /** The model's number formats (`formatsFor(model)`): its currency symbol on every amount. */
  declare formats: NumberFormats | undefined;
  /** Used only when no `formats` are given, to name payback's period. */
  declare periodsPerYear: number;
  declare initialEquity: number;

  constructor() {
    super();
    this.summary = undefined;
    this.marginalRoi = undefined;
    this.formats = undefined;
    this.periodsPerYear = 12;
    this.initialEquity = 0;
  }

  override render() {
    const summary = this.summary;
    if (summary === undefined) return html``;
    const formats = this.formats ?? formatsFor({ periodsPerYear: this.periodsPerYear as 12 | 4 | 52 });
    const headline = HEADLINE.map((field) => this.figure(keyFigure(field), summary, formats));
    const marginal = this.marginalFigure(formats);
    if (marginal !== undefined) headline.push(marginal);
    return html`<div class="all"><dl class="headline" aria-label="Key figures: the marketing’s own value">
        ${headline.map((figure, index) => this.renderFigure(figure, index === 0 ? 'lead' : ''))}
      </dl>
      <p class="secondary-heading" id="whole-business">The whole business, with the plan</p>
      <dl class="secondary" aria-labelledby="whole-business">
        ${SECONDARY.map((field) => this.renderFigure(this.figure(keyFigure(field), summary, formats), ''))}
      </dl></div>`;
  }

  private renderFigure(figure: Figure, kind: string) {
    return html`<div class="figure ${kind}" data-figure=${figure.id}>
      <dt><span class="label">${figure.label}</span><span class="short" aria-hidden="true">${figure.shortLabel}</span><info-tip subject=${figure.label} text=${figure.explain} align="end"></info-tip></dt>
      <dd><span class="value">${figure.value}</span>${figure.detail ? html`<span class="detail">${figure.detail}</span>` : nothing}</dd>
    </div>`;
  }

  /** One summary figure's card: its value as its unit shows it, with a detail where it helps. */
  private figure(figure: KeyFigure, summary: Summary, formats: NumberFormats): Figure {
    const id = FIGURE_IDS[figure.field] ?? figure.field;
    const card = { id, label: figure.label, shortLabel: figure.shortLabel, explain: figure.help };
    const noSpend = summary.totalSpend === 0;
    switch (figure.field) {
      case 'incrementalNpvWithCarryover':
        return { ...card, value: formats.money(summary.incrementalNpvWithCarryover), detail: `of which carryover ${formats.money(summary.carryoverValue)}` };
      case 'incrementalNpv':
        return { ...card, value: formats.money(summary.incrementalNpv), detail: 'over the horizon only' };
      case 'roi':
        return {
          ...card,
          value: formats.percent(summary.roi),
          detail: summary.roiByYear.map((roi, year) => `Y${year + 1} ${formats.percent(roi)}`).join(' · '),
          explain: `${figure.help} Each year’s own ROI is listed below it (Y1 first), because brand spend pays back later; a dash marks a year with no spend.`,
        };
      case 'paybackPeriod':
        return { ...card, value: noSpend ? 'No spend' : summary.paybackPeriod === null ? 'Not within horizon' : formats.period(summary.paybackPeriod) };
      case 'irr':
        // A plan whose first period already earns more than it costs has no outlay to rate: its
        // IRR is unbounded rather than missing, so say that in words.
        const earnsAtOnce = summary.irr === null && summary.paybackPeriod === 1;
        return {
          ...card,
          value: noSpend ? 'No spend' : earnsAtOnce ? 'Unbounded' : summary.irr === null ? 'No single rate' : formats.rate(summary.irr),
          detail: summary.irr !== null ? 'per year' : earnsAtOnce ? 'earns more than it costs from the first period' : undefined,
        };
      case 'totalRevenue':
        return { ...card, value: formats.money(summary.totalRevenue), detail: `spend ${formats.money(summary.totalSpend)}` };
      case 'finalEquity':
        return {
          ...card,
          value: `${formats.equity(this.initialEquity)} → ${formats.equity(summary.finalEquity)}`,
          detail: `start → end: roughly ${formats.percentWhole(summary.finalEquity)} of buyers think of the brand first by the end`,
        };
      default:
        return { ...card, value: formatFigure(figure, summary[figure.field], formats) };
    }
  }

  /**
   * What the next unit of money returns on each side, as a signed ROI (+18.0%), and in money:
   * "the next €1 upstream returns €1.18".
   */
  private marginalFigure(formats: NumberFormats): Figure | undefined {
    const marginal = this.marginalRoi;
    if (marginal === undefined) return undefined;
    // "next €1" with a currency; "next unit" without one, where "next 1" would read oddly.
    const one = formats.symbol === '' ? 'unit' : formats.money(1);
    const returns = (side: 'upstream' | 'downstream') => formats.moneyCents(1 + marginal[side]);
    return {
      id: 'marginal-roi',
      label: `Marginal ROI (next ${one})`,
      shortLabel: `Next ${one}: up / down`,
      value: html`<span class="sides">
        <span class="side">Upstream</span><span data-side="upstream">${formatMarginalRoi(marginal.upstream, formats)}</span>
        <span class="side">Downstream</span><span data-side="downstream">${formatMarginalRoi(marginal.downstream, formats)}</span>
      </span>`,
      detail: `Each extra ${formats.symbol === '' ? '1' : one} spent returns ${returns('upstream')} upstream, ${returns('downstream')} downstream`,
      explain: `Upstream is brand building, downstream conversion. ${MARGINAL_ROI_HELP}`,
    };
  }
}

customElements.define('key-figures', KeyFigures);

declare global {
  interface HTMLElementTagNameMap { 'key-figures': KeyFigures; }
}
