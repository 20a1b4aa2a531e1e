import { LitElement, css, html, nothing } from 'lit';
import { channelStyles } from '../charts/channel-colours.ts';
import type { ModelIssue } from '../engine/model/parse-model.ts';
import type { Side } from '../engine/model/model.ts';
import { channelEdit } from './channel-events.ts';
import { channelMessageFor, sideIssues } from './channel-field-display.ts';
import { channelsOf, isChannelDraft, sideBudgetPerYear, withChannelAmount, withChannelPart } from './channel-draft.ts';
import type { FieldChangeDetail } from './field-events.ts';
import { type NumberFormats, formatMoney, formatPercent } from './format.ts';
import { type Draft, readField } from './model-draft.ts';
import './number-field.component.ts';

/** How shares are typed: percent of the side, or money per year. */
type ShareEntry = 'percent' | 'money';

/**
 * The split of each side's budget between its channels (the split between the sides stays the
 * upstream share slider in *Your plan*). Each channel's share is typed as a percentage of its
 * side, and the side's other channels rescale in proportion so the side always sums to 100 %
 * (as `budget-sim sweep` does over a channel's share); or, with one budget and split for every
 * year, as money per year within the side's budget. A value that breaks a rule (120 %) is kept
 * as typed with the engine's message by its box, and the figures stay on the last valid plan.
 *
 * @event channels-edit - `{ draft, step, group }` on each edit of a share: the whole draft, the side's other shares rescaled
 */
export class ChannelShares extends LitElement {
  static override styles = css`
    :host { display: block; }
    .entry { display: flex; flex-wrap: wrap; gap: 4px 14px; align-items: center; margin: 0 0 10px; padding: 0; border: 0; font-size: 0.86rem; }
    .entry legend { font-weight: 600; padding: 0; margin-bottom: 4px; float: left; width: 100%; }
    .entry label { display: inline-flex; gap: 6px; align-items: center; cursor: pointer; }
    .entry input { accent-color: var(--colour-accent); width: 16px; height: 16px; margin: 0; }
    .entry input:focus-visible { outline: var(--focus-ring); outline-offset: 2px; }
    .entry .note { flex-basis: 100%; }
    .side { margin: 0 0 14px; }
    h3 { font-size: 0.92rem; margin: 0 0 2px; }
    .total { margin: 0 0 6px; font-size: 0.8rem; color: var(--colour-text-soft); }
    .bar { display: flex; height: 10px; border-radius: 3px; overflow: hidden; background: var(--colour-row); margin: 0 0 8px; }
    .bar span { display: block; height: 100%; }
    ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 8px; }
    li { display: grid; grid-template-columns: minmax(0, 1fr) auto; gap: 2px 10px; align-items: start; }
    .name { display: flex; gap: 6px; align-items: center; font-weight: 600; font-size: 0.88rem; min-width: 0; padding-top: 7px; overflow-wrap: anywhere; }
    .swatch { flex: none; width: 10px; height: 10px; border-radius: 2px; }
    number-field { width: 11.5em; }
    number-field.percent { --field-width: 5.2em; width: 9em; }
    .also { grid-column: 1 / -1; margin: 0; font-size: 0.78rem; color: var(--colour-text-muted); }
    .also.error { font-size: 0.8rem; color: var(--colour-error); font-weight: 600; }
    .note { margin: 4px 0 0; font-size: 0.8rem; color: var(--colour-text-muted); }
    .error { margin: 4px 0 6px; font-size: 0.8rem; color: var(--colour-error); font-weight: 600; }
    .error:empty { display: none; }
  `;

  static override properties = {
    draft: { attribute: false },
    issues: { attribute: false },
    formats: { attribute: false },
    entry: { state: true },
  };

  declare draft: Draft;
  declare issues: readonly ModelIssue[];
  /** The model's number formats, so amounts carry its currency symbol; plain without them. */
  declare formats: NumberFormats | undefined;
  declare private entry: ShareEntry;

  constructor() {
    super();
    this.draft = {};
    this.issues = [];
    this.formats = undefined;
    this.entry = 'percent';
  }

  private money(value: number | null | undefined): string {
    return this.formats === undefined ? formatMoney(value) : this.formats.money(value);
  }

  override render() {
    if (!isChannelDraft(this.draft)) return nothing;
    if (readField(this.draft, 'plan') !== undefined) {
      return html`<p class="note">This scenario has an explicit spend plan per period, channel by channel: shares do not apply.
        <em>Use budget and split instead</em> (in Your plan) returns to a budget split by shares.</p>`;
    }
    const moneyPossible = sideBudgetPerYear(this.draft, 'upstream') !== undefined;
    const entry = moneyPossible ? this.entry : 'percent';
    return html`<fieldset class="entry">
        <legend>Enter each channel’s part as</legend>
        <label><input type="radio" name="entry" value="percent" .checked=${entry === 'percent'} @change=${() => { this.entry = 'percent'; }}>Percent of its side</label>
        <label><input type="radio" name="entry" value="money" .checked=${entry === 'money'} ?disabled=${!moneyPossible}
          aria-describedby=${moneyPossible ? nothing : 'money-note'} @change=${() => { this.entry = 'money'; }}>Money per year</label>
        ${moneyPossible ? nothing : html`<p class="note" id="money-note">Money per year needs one budget and upstream share for every year.</p>`}
      </fieldset>
      ${(['upstream', 'downstream'] as const).map((side) => this.renderSide(side, entry))}`;
  }

  private renderSide(side: Side, entry: ShareEntry) {
    const channels = channelsOf(this.draft, side);
    const names = Object.keys(channels);
    const sideBudget = sideBudgetPerYear(this.draft, side);
    const upstreamShare = readField(this.draft, 'budget.upstreamShare');
    const sideShare = typeof upstreamShare === 'number' ? (side === 'upstream' ? upstreamShare : 1 - upstreamShare) : undefined;
    const styles = channelStyles([...Object.keys(channelsOf(this.draft, 'upstream')).map((name) => ({ name, side: 'upstream' as const })),
      ...Object.keys(channelsOf(this.draft, 'downstream')).map((name) => ({ name, side: 'downstream' as const }))]);
    const problems = sideIssues(this.issues, side);
    const heading = side === 'upstream' ? 'Upstream' : 'Downstream';
    if (names.length === 0) return html`<div class="side"><h3>${heading}</h3><p class="note">No ${side} channels: this side takes no budget.</p></div>`;
    const shares = names.map((name) => channels[name].share);
    const firstYear = shares.map((share) => (Array.isArray(share) ? share[0] : share));
    const barShares = firstYear.every((share) => typeof share === 'number' && Number.isFinite(share) && share >= 0) ? firstYear as number[] : undefined;
    const sum = barShares?.reduce((total, share) => total + share, 0);
    return html`<div class="side" role="group" aria-labelledby=${`${side}-shares-heading`}
      @field-change=${(event: CustomEvent<FieldChangeDetail>) => this.onShare(event, side, entry)}>
      <h3 id=${`${side}-shares-heading`}>${heading}</h3>
      <p class="total">${sideBudget !== undefined
        ? `${this.money(sideBudget)} a year, ${formatPercent(sideShare)} of the budget (the upstream share in Your plan)`
        : 'The side’s budget varies by year (Your plan).'}</p>
      ${barShares !== undefined && sum !== undefined && sum > 0 ? html`<div class="bar" aria-hidden="true">
        ${names.map((name, index) => html`<span style="width:${(100 * barShares[index]) / sum}%;background:${styles.get(name)?.colour ?? '#999'}"></span>`)}
      </div>` : nothing}
      <p class="error" role=${problems.forSide.length > 0 ? 'alert' : nothing}>${problems.forSide.map((issue) => issue.message).join(' ')}</p>
      <ul>${names.map((name) => this.renderChannel(side, name, channels[name].share, entry, sideBudget, styles.get(name)?.colour, problems.forChannel(name)))}</ul>
    </div>`;
  }

  private renderChannel(side: Side, name: string, share: unknown, entry: ShareEntry, sideBudget: number | undefined, colour: string | undefined, problems: ModelIssue[]) {
    const path = `${side}.channels.${name}.share`;
    const errors = problems.filter((issue) => issue.path === path || issue.path.startsWith(`${path}[`)).map((issue) => channelMessageFor(issue, share, side, name));
    const yearly = Array.isArray(share);
    const numeric = typeof share === 'number' && Number.isFinite(share);
    const inMoney = entry === 'money' && sideBudget !== undefined;
    const value = yearly ? undefined : inMoney && numeric ? share * sideBudget : share;
    const also = yearly
      ? `Varies by year: ${share.map((part) => (typeof part === 'number' ? formatPercent(part) : String(part))).join(', ')}. Type one value for every year.`
      : numeric && sideBudget !== undefined
        ? inMoney ? `${formatPercent(share)} of ${side}` : `${this.money(share * sideBudget)} a year`
        : '';
    return html`<li>
      <span class="name"><span class="swatch" style="background:${colour ?? '#999'}" aria-hidden="true"></span>${name}</span>
      ${inMoney
        ? html`<number-field label=${`${name}: spend per year`} hide-label hide-error path=${path} grouping kind="money" suffix="a year"
            .value=${value} .error=${errors.join(' ')}></number-field>`
        : html`<number-field class="percent" label=${`${name}: share of ${side} (%)`} hide-label hide-error path=${path} suffix="%" .scale=${100}
            .value=${value} .error=${errors.join(' ')}></number-field>`}
      ${errors.length > 0
        // Beside the box there is no room for a sentence: the message takes the line below, across the row
        // (the box itself still tells screen readers, as an alert).
        ? html`<p class="also error" data-share-error=${path}>${errors.join(' ')}</p>`
        : also === '' ? nothing : html`<p class="also">${also}</p>`}
    </li>`;
  }

  /** A share typed: the whole draft goes up, the side's other channels rescaled to keep 100 %. */
  private onShare(event: CustomEvent<FieldChangeDetail>, side: Side, entry: ShareEntry): void {
    const match = event.detail.path.match(/^(upstream|downstream)\.channels\.(.+)\.share$/);
    if (match === null) return;
    event.stopPropagation();
    const name = match[2];
    const typed = event.detail.value;
    const draft = entry === 'money' ? withChannelAmount(this.draft, side, name, typed) ?? withChannelPart(this.draft, side, name, 'share', typed)
      : withChannelPart(this.draft, side, name, 'share', typed);
    this.dispatchEvent(channelEdit(draft, `Edit the share of ${name}`, event.detail.path));
  }
}

customElements.define('channel-shares', ChannelShares);

declare global {
  interface HTMLElementTagNameMap { 'channel-shares': ChannelShares; }
}
