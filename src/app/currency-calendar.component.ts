import { LitElement, css, html, nothing } from 'lit';
import type { ModelIssue } from '../engine/index.ts';
import { currencySymbol } from '../engine/model/currency.ts';
import { fieldChange, messagesFor } from './field-events.ts';
import { type Draft, readField } from './model-draft.ts';

/** The currencies most plans are made in, offered first; any other ISO code can be typed. */
export const COMMON_CURRENCIES: readonly string[] = ['EUR', 'USD', 'GBP', 'JPY', 'CHF', 'CAD', 'AUD', 'SEK', 'NOK', 'DKK', 'PLN', 'CNY', 'INR', 'BRL'];

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The select's value for "type a code". */
const OTHER = 'other';

/**
 * The model's currency (an ISO 4217 code: a select of common ones, or any code typed) and the
 * month its years start in (a fiscal year). Both only change how numbers are labelled: money
 * gets the currency's symbol everywhere, periods and years the fiscal calendar; no number changes.
 *
 * The typed code is checked by the engine like every field: an unknown code shows its message
 * here and the figures stay on the last valid plan.
 *
 * @event field-change - `{ path: 'currency', value }` (undefined for none) or `{ path: 'fiscalYearStartMonth', value }` (1–12)
 */
export class CurrencyCalendar extends LitElement {
  static override styles = css`
    :host { display: block; margin-top: 12px; }
    .grid { display: grid; grid-template-columns: 1fr 1fr; gap: 12px 14px; }
    label { display: block; font-weight: 600; font-size: 0.88rem; margin-bottom: 3px; }
    select, input {
      font: inherit; width: 100%; box-sizing: border-box; padding: var(--field-padding); border: 1px solid var(--field-border); border-radius: var(--field-radius); background: var(--field-background); color: var(--field-text);
    }
    input { margin-top: 6px; text-transform: uppercase; }
    select:focus-visible, input:focus-visible { outline: var(--focus-ring); outline-offset: 2px; }
    input[aria-invalid='true'] { border-color: var(--colour-error); }
    .error { margin: 4px 0 0; font-size: 0.8rem; color: var(--colour-error); font-weight: 600; }
    .note { font-size: 0.8rem; color: var(--colour-text-muted); margin: 4px 0 0; }
  `;

  static override properties = {
    draft: { attribute: false },
    issues: { attribute: false },
    typing: { state: true },
  };

  declare draft: Draft;
  declare issues: readonly ModelIssue[];
  /** Whether the person chose to type a code not in the list. */
  declare typing: boolean;

  constructor() {
    super();
    this.draft = {};
    this.issues = [];
    this.typing = false;
  }

  override render() {
    const currency = readField(this.draft, 'currency');
    const code = typeof currency === 'string' ? currency : '';
    const listed = code === '' || COMMON_CURRENCIES.includes(code);
    const other = this.typing || !listed;
    const currencyErrors = messagesFor(this.issues, 'currency');
    const month = readField(this.draft, 'fiscalYearStartMonth');
    const monthErrors = messagesFor(this.issues, 'fiscalYearStartMonth');
    return html`<div class="grid">
      <div>
        <label for="currency">Currency</label>
        <select id="currency" aria-describedby="currency-note" @change=${this.onCurrencySelect}>
          <option value="" ?selected=${code === '' && !other}>None</option>
          ${COMMON_CURRENCIES.map((each) => html`<option value=${each} ?selected=${each === code && !this.typing}>${each} (${currencySymbol(each)})</option>`)}
          <option value=${OTHER} ?selected=${other}>Other code…</option>
        </select>
        ${other ? html`<input id="currency-code" aria-label="Currency code (ISO 4217)" placeholder="e.g. NZD" maxlength="3" autocomplete="off" spellcheck="false"
          .value=${code} aria-invalid=${currencyErrors.length > 0 ? 'true' : 'false'} aria-describedby="currency-errors"
          @change=${(event: Event) => this.sendCurrency((event.target as HTMLInputElement).value.trim().toUpperCase())}>` : nothing}
        <div id="currency-errors">${currencyErrors.map((message) => html`<p class="error" role="alert">${message}</p>`)}</div>
        <p class="note" id="currency-note">Shown on every amount; nothing is converted.</p>
      </div>
      <div>
        <label for="fiscal-month">Year starts in</label>
        <select id="fiscal-month" aria-describedby="fiscal-note" @change=${(event: Event) => this.dispatchEvent(fieldChange('fiscalYearStartMonth', Number((event.target as HTMLSelectElement).value)))}>
          ${MONTHS.map((name, index) => html`<option value=${index + 1} ?selected=${(typeof month === 'number' ? month : 1) === index + 1}>${name}</option>`)}
        </select>
        ${monthErrors.map((message) => html`<p class="error" role="alert">${message}</p>`)}
        <p class="note" id="fiscal-note">The plan’s first period and each of its years begin in this month (a fiscal year).</p>
      </div>
    </div>`;
  }

  private onCurrencySelect(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    if (value === OTHER) {
      this.typing = true;
      this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#currency-code')?.focus());
      return;
    }
    this.typing = false;
    this.sendCurrency(value);
  }

  private sendCurrency(code: string): void {
    this.dispatchEvent(fieldChange('currency', code === '' ? undefined : code));
  }
}

customElements.define('currency-calendar', CurrencyCalendar);

declare global {
  interface HTMLElementTagNameMap { 'currency-calendar': CurrencyCalendar; }
}
