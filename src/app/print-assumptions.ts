import { html, nothing } from 'lit';
import { type ChannelSettings, type Model, NUMBER_FIELDS, SHORT_TERM_FIELDS, isChannelModel, modelChannels, startingEquity } from '../engine/index.ts';
import { type NumberFormats, formatEquity, formatMoney, formatPercent } from './format.ts';
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
      ${isChannelModel(model) ? channelRows(model)
        : model.upstream.shortTerm === undefined ? html`<div><dt>Short-term effect of brand spend</dt><dd>none</dd></div>`
        : SHORT_TERM_FIELDS.map((field) => html`<div><dt>${field.label}</dt><dd>${formatAssumption(readField(model as unknown as Draft, field.path))}</dd></div>`)}
      <div><dt>Carryover against</dt><dd>${(model.economics.carryoverBaseline ?? 'zero') === 'history' ? 'spending as before' : 'spending nothing'}</dd></div>
      <div><dt>Seasonality</dt><dd>${model.market.seasonality === null ? 'none' : model.market.seasonality.join(', ')}</dd></div>
    </dl>
  </section>`;
}

/** A model in the channel form: one line per channel with its side, share and response settings. */
function channelRows(model: Model) {
  const { upstream, downstream } = modelChannels(model);
  return [...upstream, ...downstream].map((channel) => html`<div style="grid-column: 1 / -1; justify-content: flex-start; gap: 1em">
    <dt>${channel.name}</dt><dd>${channelDetail(channel)}</dd></div>`);
}

function channelDetail(channel: ChannelSettings): string {
  const share = channel.share === undefined ? [] : [`share ${typeof channel.share === 'number' ? formatPercent(channel.share) : channel.share.map((value) => formatPercent(value)).join(' / ')}`];
  const response = channel.side === 'upstream'
    ? [`lag ${months(channel.lagMonths)}`, `half-saturation ${formatAssumption(channel.halfSaturation)}`, `shape ${channel.shape}`, `equity share ${channel.maxEquityShare}`,
      ...(channel.shortTerm === undefined ? [] : ['short-term effect'])]
    : [`half-life ${months(channel.halfLifeMonths)}`, `half-saturation ${formatAssumption(channel.halfSaturation)}`, `shape ${channel.shape}`, `lift ${channel.maxConversionLift}`];
  return [channel.side, ...share, ...response, `past ${formatAssumption(channel.historyPerMonth)} a month`].join(', ');
}

const months = (count: number) => `${count} month${count === 1 ? '' : 's'}`;

/** Large amounts with thousands separators; rates and shares as they are. */
function formatAssumption(value: unknown): string {
  return typeof value === 'number' && Math.abs(value) >= 1000 ? formatMoney(value) : String(value);
}
