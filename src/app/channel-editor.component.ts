import { LitElement, css, html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import {
  CHANNEL_SHORT_TERM_FIELDS, MAX_CHANNELS_PER_SIDE, MAX_CHANNEL_NAME_LENGTH, channelFieldPath, channelFields,
} from '../engine/model/channel-fields.ts';
import type { ModelIssue } from '../engine/model/parse-model.ts';
import type { Side } from '../engine/model/model.ts';
import { channelEdit } from './channel-events.ts';
import { channelFieldDisplay, channelMessageFor, sideIssues } from './channel-field-display.ts';
import {
  channelsOf, isChannelDraft, splitIntoChannels, withChannelPart, withMovedChannel, withNewChannel, withRenamedChannel, withoutChannel,
} from './channel-draft.ts';
import { fieldDisplay } from './field-display.ts';
import { formatPercent } from './format.ts';
import { type FieldChangeDetail, fieldChange, messagesFor } from './field-events.ts';
import { type Draft, readField } from './model-draft.ts';
import './number-field.component.ts';

const SIDE_WORDS: Readonly<Record<Side, { title: string; intro: string; other: Side }>> = {
  upstream: { title: 'Upstream channels', intro: 'Brand building (TV, online video, sponsorship): lagged, lasting, each building its share of brand equity.', other: 'downstream' },
  downstream: { title: 'Downstream channels', intro: 'Conversion (search, social, retail media): fast, fading, each on its own saturating curve.', other: 'upstream' },
};

/** The lift a new short-term effect starts with: 0.5 points, below a conversion channel's. */
const NEW_SHORT_TERM_LIFT = 0.005;

/**
 * The channels of a model, side by side: add, rename, remove, move a channel to the other side,
 * and edit each channel's settings (units, one-line help and the message by each field, from the
 * engine's channel field table), including an upstream channel's own short-term sales effect.
 * The split of budget between channels is in `<channel-shares>`.
 *
 * A two-lever model shows only *Split into channels*, which turns it into the channel form with
 * one channel a side and the same numbers (`splitIntoChannels`).
 *
 * @event channels-edit - `{ draft, step, group? }`: the whole draft after an edit of the channels (add, rename, remove, move, split, a share of maximum equity with the others rescaled)
 * @event field-change - `{ path, value }` from each channel setting (`upstream.channels.TV.halfSaturation`); `{ path, value, step }` when a short-term effect is added or removed
 */
export class ChannelEditor extends LitElement {
  static override styles = css`
    :host { display: block; }
    .intro { margin: 0 0 8px; font-size: 0.85rem; color: var(--colour-text-soft); }
    .sides { display: grid; gap: 14px; }
    fieldset { border: 1px solid var(--colour-fieldset); border-radius: 6px; margin: 0; padding: 8px 12px 12px; min-width: 0; }
    legend { font-weight: 700; padding: 0 4px; }
    .side-intro { margin: 0 0 8px; font-size: 0.8rem; color: var(--colour-text-muted); }
    details.channel { border: 1px solid var(--colour-rule-light); border-radius: 6px; margin: 0 0 8px; background: var(--colour-surface-subtle); }
    details.channel[open] { background: var(--colour-surface); }
    details.channel > summary {
      cursor: pointer; padding: 8px 10px; font-weight: 600; display: flex; gap: 8px; align-items: baseline; flex-wrap: wrap;
    }
    details.channel > summary:focus-visible { outline: var(--focus-ring); outline-offset: 1px; border-radius: 6px; }
    summary .meta { font-weight: 400; font-size: 0.8rem; color: var(--colour-text-muted); }
    summary .invalid { font-weight: 600; font-size: 0.8rem; color: var(--colour-error); }
    .body { padding: 4px 10px 12px; }
    .head { display: flex; flex-wrap: wrap; gap: 8px; align-items: flex-end; margin-bottom: 10px; }
    .name { flex: 1 1 180px; min-width: 0; }
    label.text { display: block; font-weight: 600; font-size: 0.88rem; margin-bottom: 3px; }
    input[type='text'] {
      font: inherit; width: 100%; box-sizing: border-box; padding: 6px 8px; border: 1px solid var(--field-border); border-radius: 4px; background: var(--colour-surface); color: var(--colour-text);
    }
    input[type='text']:focus-visible { outline: var(--focus-ring); outline-offset: 1px; }
    input[aria-invalid='true'] { border-color: var(--colour-error); box-shadow: 0 0 0 1px var(--colour-error); }
    button {
      font: inherit; font-size: 0.84rem; padding: 6px 10px; border-radius: 4px; border: 1px solid var(--colour-control-border); background: var(--colour-surface); color: var(--colour-text); cursor: pointer;
    }
    button:focus-visible { outline: var(--focus-ring); outline-offset: 2px; }
    button:disabled { color: var(--colour-text-disabled); border-color: var(--colour-rule-strong); cursor: default; }
    button.primary { background: var(--colour-brand); border-color: var(--colour-brand); color: var(--colour-on-dark); font-weight: 600; }
    .help { margin: 3px 0 0; font-size: 0.78rem; color: var(--colour-text-muted); }
    .error { margin: 3px 0 0; font-size: 0.8rem; color: var(--colour-error); font-weight: 600; }
    .error:empty { display: none; }
    .error .line { display: block; }
    .fields { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 12px; }
    .switch { display: flex; align-items: flex-start; gap: 8px; font-weight: 700; font-size: 0.9rem; cursor: pointer; margin-top: 12px; }
    .switch input { width: 18px; height: 18px; margin: 1px 0 0; flex: none; accent-color: var(--colour-accent); }
    .switch input:focus-visible { outline: var(--focus-ring); outline-offset: 2px; }
    .short-term { border-top: 1px solid var(--colour-rule-light); margin-top: 12px; }
    .short-term .fields { margin-top: 8px; }
    .none { font-size: 0.85rem; color: var(--colour-text-soft); margin: 0 0 8px; }
  `;

  static override properties = {
    draft: { attribute: false },
    issues: { attribute: false },
    opened: { state: true },
  };

  declare draft: Draft;
  /** The engine's problems with the draft (paths as in the file, such as `upstream.channels.TV.shape`). */
  declare issues: readonly ModelIssue[];
  /** Channels whose settings are open. */
  declare private opened: ReadonlySet<string>;

  constructor() {
    super();
    this.draft = {};
    this.issues = [];
    this.opened = new Set();
  }

  override render() {
    if (!isChannelDraft(this.draft)) {
      return html`<p class="intro">This model has one upstream and one downstream lever. Split it into channels to plan TV, search and the rest
        one by one, each with its own lag, decay and saturation: it starts as one channel a side, named “upstream” and “downstream”,
        so every figure stays as it is until you change something.</p>
        <button class="primary" type="button" @click=${this.onSplit}>Split into channels</button>`;
    }
    return html`<p class="intro">Each channel sits on the upstream or the downstream side and has its own settings. Amounts are per month;
      open a channel to edit it. Its share of the side’s budget is under <em>Split within each side</em>.</p>
      <div class="sides">${(['upstream', 'downstream'] as const).map((side) => this.renderSide(side))}</div>`;
  }

  private renderSide(side: Side) {
    const channels = channelsOf(this.draft, side);
    const names = Object.keys(channels);
    const words = SIDE_WORDS[side];
    const problems = sideIssues(this.issues, side);
    const full = names.length >= MAX_CHANNELS_PER_SIDE;
    return html`<fieldset @field-change=${(event: CustomEvent<FieldChangeDetail>) => this.onField(event, side)}>
      <legend>${words.title}</legend>
      <p class="side-intro">${words.intro}</p>
      <p class="error" role=${problems.forSide.length > 0 ? 'alert' : nothing}>${problems.forSide.map((issue) => issue.message).join(' ')}</p>
      ${side === 'upstream' ? this.renderInsightFeedback() : nothing}
      ${names.length === 0 ? html`<p class="none">No ${side} channels: this side takes no budget.</p>` : nothing}
      ${names.map((name) => this.renderChannel(side, name, channels[name], problems.forChannel(name)))}
      <button type="button" id=${`add-${side}`} ?disabled=${full} @click=${() => this.onAdd(side)}
        aria-describedby=${full ? `full-${side}` : nothing}>Add ${side === 'upstream' ? 'an upstream' : 'a downstream'} channel</button>
      ${full ? html`<p class="help" id=${`full-${side}`}>A side has at most ${MAX_CHANNELS_PER_SIDE} channels.</p>` : nothing}
    </fieldset>`;
  }

  private renderInsightFeedback() {
    const display = fieldDisplay('upstream.insightFeedback')!;
    return html`<div class="fields" style="margin-bottom:10px">
      <number-field label=${display.label} path="upstream.insightFeedback" .value=${readField(this.draft, 'upstream.insightFeedback')}
        .kind=${display.kind} ?grouping=${display.grouping} suffix=${display.suffix} help=${display.help}
        .error=${messagesFor(this.issues, 'upstream.insightFeedback').join(' ')}></number-field>
    </div>`;
  }

  private renderChannel(side: Side, name: string, channel: Record<string, unknown>, problems: ModelIssue[]) {
    const other = SIDE_WORDS[side].other;
    const id = `${side}-${encodeURIComponent(name)}`;
    // A name the engine refuses (a ".") cannot address its fields: they wait until it is fixed.
    const addressable = !name.includes('.');
    // By the name box: the name's own problems and, while the fields wait for a valid name, theirs in words.
    const nameProblems = problems.filter((issue) => issue.path === `${side}.channels.${name}` || !addressable)
      .map((issue) => ({ ...issue, message: issue.path === `${side}.channels.${name}` ? withoutSidePrefix(issue.message, side)
        : channelMessageFor(issue, valueAt(channel, issue.path.slice(`${side}.channels.${name}.`.length)), side, name) }));
    const otherFull = Object.keys(channelsOf(this.draft, other)).length >= MAX_CHANNELS_PER_SIDE;
    const share = channel.share;
    const shareText = typeof share === 'number' && Number.isFinite(share) ? `${formatPercent(share)} of ${side}` : Array.isArray(share) ? 'share varies by year' : '';
    return html`<details class="channel" ?open=${this.opened.has(`${side}.${name}`) || problems.length > 0}
      @toggle=${(event: Event) => this.onToggle(side, name, (event.target as HTMLDetailsElement).open)}>
      <summary><span>${name}</span><span class="meta">${shareText}</span>${problems.length > 0 ? html`<span class="invalid">needs a fix</span>` : nothing}</summary>
      <div class="body">
        <div class="head">
          <div class="name">
            <label class="text" for=${`name-${id}`}>Channel name</label>
            <input id=${`name-${id}`} type="text" autocomplete="off" spellcheck="false" maxlength=${MAX_CHANNEL_NAME_LENGTH * 2}
              .value=${live(name)} aria-invalid=${nameProblems.length > 0 ? 'true' : 'false'} aria-describedby=${`name-help-${id} name-error-${id}`}
              @change=${(event: Event) => this.onRename(side, name, (event.target as HTMLInputElement).value)}>
            <p class="help" id=${`name-help-${id}`}>Up to ${MAX_CHANNEL_NAME_LENGTH} characters, starting with a letter, without “.”; unique across both sides.</p>
            <p class="error" id=${`name-error-${id}`} role=${nameProblems.length > 0 ? 'alert' : nothing}>${nameProblems.map((issue) => html`<span class="line">${issue.message}</span>`)}</p>
          </div>
          <button type="button" ?disabled=${otherFull} @click=${() => this.onMove(side, name)}>Move to ${other}</button>
          <button type="button" aria-label=${`Remove ${name}`} @click=${() => this.onRemove(side, name)}>Remove</button>
        </div>
        ${addressable ? html`<div class="fields" role="group" aria-label=${`Settings of ${name}`}>
          ${channelFields(side).filter((field) => field.key !== 'share' && !field.key.startsWith('shortTerm.'))
            .map((field) => this.renderField(side, name, channel, field.key, problems))}
        </div>
        ${side === 'upstream' ? this.renderShortTerm(name, channel, problems) : nothing}` : nothing}
      </div>
    </details>`;
  }

  private renderField(side: Side, name: string, channel: Record<string, unknown>, key: string, problems: ModelIssue[]) {
    const field = channelFields(side).find((candidate) => candidate.key === key)!;
    const display = channelFieldDisplay(field);
    const path = channelFieldPath(side, name, key);
    const [outer, inner] = key.split('.');
    const holder = inner === undefined ? channel : (channel[outer] as Record<string, unknown> | undefined);
    const value = holder?.[inner ?? outer];
    const errors = problems.filter((issue) => issue.path === path || issue.path.startsWith(`${path}[`)).map((issue) => channelMessageFor(issue, value, side, name));
    return html`<number-field label=${display.label} path=${path} .value=${value}
      .kind=${display.kind} ?grouping=${display.grouping} suffix=${display.suffix} help=${display.help}
      ?optional=${field.optional === true} .error=${errors.join(' ')}></number-field>`;
  }

  private renderShortTerm(name: string, channel: Record<string, unknown>, problems: ModelIssue[]) {
    const shortTerm = channel.shortTerm;
    const present = typeof shortTerm === 'object' && shortTerm !== null;
    const id = `short-term-${encodeURIComponent(name)}`;
    return html`<div class="short-term">
      <label class="switch">
        <input type="checkbox" .checked=${live(present)} aria-describedby=${`${id}-help`} @change=${(event: Event) => this.onShortTerm(name, channel, (event.target as HTMLInputElement).checked)}>
        <span id=${`${id}-title`}>Short-term sales effect of ${name}</span>
      </label>
      <p class="help" id=${`${id}-help`}>${present
        ? 'This channel also sells this month, through a fast, fading effect of its own, besides the equity it builds.'
        : 'Off: this channel sells only through the equity it builds. Tick to add a fast, fading effect on this month’s sales.'}</p>
      ${present ? html`<div class="fields" role="group" aria-labelledby=${`${id}-title`}>
        ${CHANNEL_SHORT_TERM_FIELDS.map((field) => this.renderField('upstream', name, channel, field.key, problems))}
      </div>` : nothing}
    </div>`;
  }

  private emit(draft: Draft, step: string, group?: string): void {
    this.dispatchEvent(channelEdit(draft, step, group));
  }

  private onToggle(side: Side, name: string, open: boolean): void {
    const key = `${side}.${name}`;
    if (open === this.opened.has(key)) return;
    const next = new Set(this.opened);
    if (open) next.add(key);
    else next.delete(key);
    this.opened = next;
  }

  private onSplit(): void {
    this.emit(splitIntoChannels(this.draft), 'Split into channels');
  }

  private async onAdd(side: Side): Promise<void> {
    const { draft, name } = withNewChannel(this.draft, side);
    this.opened = new Set([...this.opened, `${side}.${name}`]);
    this.emit(draft, `Add the ${side} channel “${name}”`);
    // The new channel's name box, ready to type its real name, once the shell has passed the new draft down.
    await this.focusWhenShown(`#name-${side}-${CSS.escape(encodeURIComponent(name))}`);
  }

  /** Focuses the element once it is rendered: the shell passes the edited draft down a frame or two after the event. */
  private async focusWhenShown(selector: string): Promise<void> {
    for (let frame = 0; frame < 20; frame += 1) {
      await this.updateComplete;
      const element = this.renderRoot.querySelector<HTMLElement>(selector);
      if (element !== null) {
        element.focus();
        return;
      }
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
  }

  private onRename(side: Side, from: string, typed: string): void {
    const to = typed.trim();
    if (to === from) return;
    if (this.opened.has(`${side}.${from}`)) this.opened = new Set([...this.opened, `${side}.${to}`]);
    this.emit(withRenamedChannel(this.draft, side, from, to), `Rename the channel “${from}” to “${to}”`);
  }

  private async onRemove(side: Side, name: string): Promise<void> {
    this.emit(withoutChannel(this.draft, side, name), `Remove the ${side} channel “${name}”`);
    await this.focusWhenShown(`#add-${side}`);
  }

  private onMove(side: Side, name: string): void {
    const other = SIDE_WORDS[side].other;
    this.emit(withMovedChannel(this.draft, side, name), `Move “${name}” to ${other}`);
  }

  /** Adds the channel's own short-term effect: a fast half-life, its own half-saturation, a modest lift. */
  private onShortTerm(name: string, channel: Record<string, unknown>, add: boolean): void {
    const path = `upstream.channels.${name}.shortTerm`;
    if (!add) {
      this.dispatchEvent(fieldChange(path, undefined, `Remove the short-term sales effect of ${name}`));
      return;
    }
    const halfSaturation = typeof channel.halfSaturation === 'number' && channel.halfSaturation > 0 ? channel.halfSaturation : 50000;
    this.dispatchEvent(fieldChange(path, { halfLifeMonths: 0.5, halfSaturation, shape: 1, maxConversionLift: NEW_SHORT_TERM_LIFT },
      `Add a short-term sales effect to ${name}`));
  }

  /**
   * A channel's share of maximum equity keeps the upstream side's shares summing to 1: the edit
   * goes up as the whole draft, the other channels rescaled. Every other field goes up as it is.
   */
  private onField(event: CustomEvent<FieldChangeDetail>, side: Side): void {
    const match = event.detail.path.match(/^upstream\.channels\.(.+)\.maxEquityShare$/);
    if (side !== 'upstream' || match === null || event.detail.step !== undefined) return;
    event.stopPropagation();
    const name = match[1];
    this.emit(withChannelPart(this.draft, 'upstream', name, 'maxEquityShare', event.detail.value), `Edit the share of maximum equity of ${name}`, event.detail.path);
  }
}

/** A channel's value at a key such as `halfSaturation` or `shortTerm.shape[0]` (the year ignored). */
function valueAt(channel: Record<string, unknown>, key: string): unknown {
  const [outer, inner] = key.replace(/\[\d+\]$/, '').split('.');
  const value = channel[outer];
  return inner === undefined ? value : (value as Record<string, unknown> | undefined)?.[inner];
}

/** "upstream.channels: the channel name …" reads, by the name box, as "The channel name …". */
function withoutSidePrefix(message: string, side: Side): string {
  const prefix = `${side}.channels: `;
  const text = message.startsWith(prefix) ? message.slice(prefix.length) : message;
  return `${text[0]?.toUpperCase() ?? ''}${text.slice(1)}`;
}

customElements.define('channel-editor', ChannelEditor);

declare global {
  interface HTMLElementTagNameMap { 'channel-editor': ChannelEditor; }
}
