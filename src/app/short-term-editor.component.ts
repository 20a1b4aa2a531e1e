import { LitElement, css, html, nothing } from 'lit';
import { type ModelIssue, SHORT_TERM_FIELDS, type ShortTerm, type TwoLeverModel } from '../engine/index.ts';
import { fieldDisplay } from './field-display.ts';
import { fieldChange, messagesFor } from './field-events.ts';
import { type Draft, readField } from './model-draft.ts';
import './number-field.component.ts';
import { amountText } from './parse-amount.ts';
import { DEFAULT_PRESET_ID, findPreset } from './presets.ts';

const SHORT_TERM_PATH = 'upstream.shortTerm';

/** The default model's short-term effect: the fallback for any value the downstream side cannot lend. */
const DEFAULT_SHORT_TERM: ShortTerm = (findPreset(DEFAULT_PRESET_ID)?.model as TwoLeverModel | undefined)?.upstream.shortTerm
  ?? { halfLifeMonths: 0.5, halfSaturation: 80000, shape: 1, maxConversionLift: 0.007 };

/**
 * The short-term effect a model gets when the person adds one: the downstream side's half-life,
 * half-saturation and curve shape (ads that sell this month fade and saturate like the model's
 * other conversion spend, at this model's scale of spend), and the default model's conversion
 * lift (0.007, 0.7 points: brand advertising sells less at once than conversion spend does).
 * A downstream value that is not a valid number yet is taken from the default model too, so the
 * effect added is always valid.
 *
 * @example shortTermToAdd(defaultDraft) // { halfLifeMonths: 0.5, halfSaturation: 105000, shape: 1.2, maxConversionLift: 0.007 }
 */
export function shortTermToAdd(draft: Draft): ShortTerm {
  const fromDownstream = (key: 'halfLifeMonths' | 'halfSaturation' | 'shape'): number => {
    const value = readField(draft, `downstream.${key}`);
    const rule = SHORT_TERM_FIELDS.find((field) => field.path === `${SHORT_TERM_PATH}.${key}`)!.rule;
    const valid = typeof value === 'number' && Number.isFinite(value) && value > (rule.min ?? 0) && (rule.max === undefined || value <= rule.max);
    return valid ? value : DEFAULT_SHORT_TERM[key];
  };
  return {
    halfLifeMonths: fromDownstream('halfLifeMonths'),
    halfSaturation: fromDownstream('halfSaturation'),
    shape: fromDownstream('shape'),
    maxConversionLift: DEFAULT_SHORT_TERM.maxConversionLift,
  };
}

/**
 * The Upstream group's "Short-term sales effect of brand spend": a switch that adds or removes
 * `upstream.shortTerm`, and, while the model has one, its four settings with units, help and
 * messages, like every other field. Adding uses `shortTermToAdd`; removing leaves the key out.
 *
 * @event field-change - `{ path: 'upstream.shortTerm', value, step }` when the switch is used; `{ path, value }` from each field
 */
export class ShortTermEditor extends LitElement {
  static override styles = css`
    :host { display: block; }
    .switch { display: flex; align-items: flex-start; gap: 8px; font-weight: 700; font-size: 0.92rem; cursor: pointer; }
    .switch input { width: 18px; height: 18px; margin: 1px 0 0; flex: none; accent-color: var(--colour-accent); }
    .switch input:focus-visible { outline: var(--focus-ring); outline-offset: 2px; }
    .help { margin: 3px 0 8px 26px; font-size: 0.78rem; color: var(--colour-text-muted); }
    .error { margin: 3px 0 8px 26px; font-size: 0.8rem; color: var(--colour-error); font-weight: 600; }
    .error:empty { display: none; }
    .fields { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 12px; }
  `;

  static override properties = {
    draft: { attribute: false },
    issues: { attribute: false },
  };

  declare draft: Draft;
  declare issues: readonly ModelIssue[];

  constructor() {
    super();
    this.draft = {};
    this.issues = [];
  }

  override render() {
    const present = readField(this.draft, SHORT_TERM_PATH) !== undefined;
    // Problems with the object itself (not one of its four numbers, which show by their boxes).
    const ownErrors = this.issues.filter((issue) => issue.path === SHORT_TERM_PATH).map((issue) => issue.message);
    return html`
      <label class="switch">
        <input type="checkbox" .checked=${present} aria-describedby="short-term-help short-term-error" @change=${this.onToggle}>
        <span id="short-term-title">Short-term sales effect of brand spend</span>
      </label>
      <p id="short-term-help" class="help">${present
        ? 'Brand advertising also sells this month, through a fast, fading effect of its own, besides the equity it builds.'
        : `Off: brand spend sells only through the equity it builds. Tick to add a fast, fading effect on this month’s sales (it starts with the downstream side’s half-life, half-saturation and curve shape, and a lift of ${amountText(DEFAULT_SHORT_TERM.maxConversionLift, 'percent', false)} points).`}</p>
      <p id="short-term-error" class="error" role=${ownErrors.length > 0 ? 'alert' : nothing}>${ownErrors.join(' ')}</p>
      ${present ? html`<div class="fields" role="group" aria-labelledby="short-term-title">
        ${SHORT_TERM_FIELDS.map((field) => {
          const display = fieldDisplay(field.path)!;
          return html`<number-field
            label=${display.label} path=${field.path} .value=${readField(this.draft, field.path)}
            .kind=${display.kind} ?grouping=${display.grouping} suffix=${display.suffix} help=${display.help}
            .error=${messagesFor(this.issues, field.path).join(' ')}></number-field>`;
        })}
      </div>` : nothing}`;
  }

  private onToggle(event: Event): void {
    const add = (event.target as HTMLInputElement).checked;
    this.dispatchEvent(add
      ? fieldChange(SHORT_TERM_PATH, shortTermToAdd(this.draft), 'Add the short-term sales effect of brand spend')
      : fieldChange(SHORT_TERM_PATH, undefined, 'Remove the short-term sales effect of brand spend'));
  }
}

customElements.define('short-term-editor', ShortTermEditor);

declare global {
  interface HTMLElementTagNameMap { 'short-term-editor': ShortTermEditor; }
}
