import { LitElement, css, html, nothing } from 'lit';
import { fieldChange } from './field-events.ts';
import { type AmountKind, amountText, parseAmount } from './parse-amount.ts';

/**
 * A labelled text box for one number of the model, with its unit, a one-line explanation and
 * the message when the value is invalid. Text is kept as typed while the box has focus, so
 * validation never fights the person typing. What is typed is read by `parseAmount` for the
 * box's kind ("2.5m", "€2,000,000", "50%"); text it cannot read is sent as it is, for the
 * message to say why.
 *
 * The message takes the place of the help line (both sit in one grid cell, the help hidden but
 * still holding its height), so an error does not push what follows down.
 *
 * @event field-change - on every edit, with `{ path, value }`; value is the number typed, or the text when it is not one
 * @cssproperty --field-width - width of the text box
 */
export class NumberField extends LitElement {
  static override styles = css`
    :host { display: block; }
    label { display: block; font-weight: 600; font-size: 0.88rem; margin-bottom: 3px; }
    :host([hide-error]) .error, :host([hide-label]) label { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
    .row { display: flex; align-items: center; gap: 6px; }
    input {
      font: inherit; font-variant-numeric: tabular-nums; width: var(--field-width, 100%); box-sizing: border-box;
      padding: var(--field-padding); border: 1px solid var(--field-border); border-radius: var(--field-radius); background: var(--field-background); color: var(--field-text);
    }
    input:focus-visible { outline: var(--focus-ring); outline-offset: 1px; }
    /* Thicker by a shadow, not by the border: the box keeps its size, so nothing moves. */
    input[aria-invalid='true'] { border-color: var(--colour-error); box-shadow: 0 0 0 1px var(--colour-error); }
    input:disabled { background: var(--colour-surface-disabled); color: var(--colour-text-disabled); }
    .suffix { color: var(--colour-text-soft); font-size: 0.85rem; white-space: nowrap; }
    .notes { display: grid; }
    .notes > p { grid-area: 1 / 1; }
    .help { margin: 3px 0 0; font-size: 0.78rem; color: var(--colour-text-muted); }
    .help.covered { visibility: hidden; }
    .error { margin: 3px 0 0; font-size: 0.8rem; line-height: 1.25; color: var(--colour-error); font-weight: 600; }
    .error:empty { margin: 0; }
  `;

  static override properties = {
    label: { type: String },
    path: { type: String },
    value: { attribute: false },
    help: { type: String },
    suffix: { type: String },
    error: { type: String },
    grouping: { type: Boolean },
    disabled: { type: Boolean },
    scale: { type: Number },
    kind: { type: String },
    hideLabel: { type: Boolean, attribute: 'hide-label', reflect: true },
    hideError: { type: Boolean, attribute: 'hide-error', reflect: true },
    optional: { type: Boolean },
  };

  declare label: string;
  /** Where the value lives in the model, e.g. `brand.halfLifeMonths`. */
  declare path: string;
  /** The draft's value: a number, or text the person typed that is not one. */
  declare value: unknown;
  declare help: string;
  /** Shown after the box, e.g. "%" or "months". */
  declare suffix: string;
  declare error: string;
  /** Show thousands separators (for money) when the box does not have focus. */
  declare grouping: boolean;
  declare disabled: boolean;
  /** Display = model value × scale: 100 for a share shown in percent (the same as kind "percent"). */
  declare scale: number;
  /**
   * What the box holds, which decides how typed text is read (see `parseAmount`). Unset: a
   * percent box when scale is 100, money when grouping, else a plain number.
   */
  declare kind: AmountKind | undefined;
  /** Keep the label for screen readers but not on screen, where a visible label already names the control. */
  declare hideLabel: boolean;
  /** The error is shown elsewhere (where there is room); this box still reports it to screen readers. */
  declare hideError: boolean;
  /** An empty box means "not set" (undefined) rather than invalid text. */
  declare optional: boolean;

  constructor() {
    super();
    this.label = '';
    this.path = '';
    this.value = undefined;
    this.help = '';
    this.suffix = '';
    this.error = '';
    this.grouping = false;
    this.disabled = false;
    this.scale = 1;
    this.kind = undefined;
    this.hideLabel = false;
    this.hideError = false;
    this.optional = false;
  }

  override render() {
    const invalid = this.error !== '';
    return html`
      <label for="input">${this.label}</label>
      <div class="row">
        <input id="input" type="text" inputmode="decimal" autocomplete="off" spellcheck="false"
          ?disabled=${this.disabled}
          aria-invalid=${invalid ? 'true' : 'false'}
          aria-describedby="help error"
          @input=${this.onInput} @blur=${() => this.showValue()}>
        ${this.suffix ? html`<span class="suffix" aria-hidden="true">${this.suffix}</span>` : nothing}
      </div>
      <div class="notes">
        ${this.help ? html`<p id="help" class=${invalid && !this.hideError ? 'help covered' : 'help'}>${this.help}</p>` : nothing}
        <p id="error" class="error" role=${invalid ? 'alert' : nothing}>${this.error}</p>
      </div>`;
  }

  override updated(): void {
    // Never overwrite what the person is typing; show the model's value otherwise.
    if (this.shadowRoot?.activeElement !== this.input) this.showValue();
  }

  private get input(): HTMLInputElement | null {
    return this.shadowRoot?.querySelector('input') ?? null;
  }

  /** The kind that reads this box's text. */
  private get amountKind(): AmountKind {
    return this.kind ?? (this.scale === 100 ? 'percent' : this.grouping ? 'money' : 'number');
  }

  private showValue(): void {
    const input = this.input;
    if (input === null) return;
    const value = this.value;
    let text: string;
    // A number too large for a double (1e400 read as Infinity) keeps the text as typed.
    if (typeof value === 'number' && !Number.isFinite(value)) return;
    if (typeof value === 'number') {
      text = amountText(value, this.amountKind, this.grouping);
    } else {
      text = value === undefined || value === null ? '' : String(value);
    }
    if (input.value !== text) input.value = text;
  }

  private onInput(event: Event): void {
    const text = (event.target as HTMLInputElement).value;
    if (this.optional && text.trim() === '') {
      this.dispatchEvent(fieldChange(this.path, undefined));
      return;
    }
    const parsed = parseAmount(text, this.amountKind);
    this.dispatchEvent(fieldChange(this.path, parsed.ok ? parsed.value : text));
  }
}

customElements.define('number-field', NumberField);

declare global {
  interface HTMLElementTagNameMap { 'number-field': NumberField; }
}
