import { html, nothing } from 'lit';
import { type Model, NUMBER_FIELDS, SHORT_TERM_FIELDS, isChannelModel, startingEquity } from '../engine/index.ts';
import { printedChannelRows } from './channel-print.ts';
import { type NumberFormats, formatEquity, formatMoney } from './format.ts';
import { type Draft, readField } from './model-draft.ts';
import { printedPlanRows } from './plan-summary.ts';

/**
 * Only in print: the plan and every assumption, so the one-page report stands alone. Rendered
 * into the shell's own shadow root, whose print styles (budget-sim-app.styles.ts) lay it out.
 */
export function printAssumptions(model: Model, formats: NumberFormats) {
  return html`<section class="print-only print-assumptions" aria-hidden="true">
    <h3>Plan and assumptions</h3>
    <dl>
      <div><dt>Horizon</dt><dd>${model.horizonYears} years, ${model.periodsPerYear === 12 ? 'monthly' : model.periodsPerYear === 4 ? 'quarterly' : 'weekly'}</dd></div>
      ${model.currency === undefined ? nothing : html`<div><dt>Currency</dt><dd>${model.currency} (${formats.symbol})</dd></div>`}
      ${(model.fiscalYearStartMonth ?? 1) === 1 ? nothing : html`<div><dt>Years</dt><dd>${formats.yearLabel(1)}</dd></div>`}
      ${printedPlanRows(model).map((row) => html`<div style=${row.wide ? 'grid-column: 1 / -1; justify-content: flex-start; gap: 1em' : ''}><dt>${row.term}</dt><dd>${row.detail}</dd></div>`)}
      ${NUMBER_FIELDS.filter((field) => field.group !== 'Budget' && readField(model as unknown as Draft, field.path) !== undefined).map((field) => html`<div><dt>${field.label}</dt><dd>${field.path === 'brand.initialEquity' && model.brand.initialEquity === 'history'
        ? `${formatEquity(startingEquity(model))} (from past spend)` : formatAssumption(readField(model as unknown as Draft, field.path))}</dd></div>`)}
      ${isChannelModel(model) ? printedChannelRows(model).map((row) => html`<div style="grid-column: 1 / -1; justify-content: flex-start; gap: 1em"><dt>${row.term}</dt><dd>${row.detail}</dd></div>`)
        : model.upstream.shortTerm === undefined ? html`<div><dt>Short-term effect of brand spend</dt><dd>none</dd></div>`
        : SHORT_TERM_FIELDS.map((field) => html`<div><dt>${field.label}</dt><dd>${formatAssumption(readField(model as unknown as Draft, field.path))}</dd></div>`)}
      <div><dt>Carryover against</dt><dd>${(model.economics.carryoverBaseline ?? 'zero') === 'history' ? 'spending as before' : 'spending nothing'}</dd></div>
      <div><dt>Seasonality</dt><dd>${model.market.seasonality === null ? 'none' : model.market.seasonality.join(', ')}</dd></div>
    </dl>
  </section>`;
}

/** Large amounts with thousands separators; rates and shares as they are. */
function formatAssumption(value: unknown): string {
  return typeof value === 'number' && Math.abs(value) >= 1000 ? formatMoney(value) : String(value);
}
