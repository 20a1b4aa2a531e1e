import { LitElement, css, html } from 'lit';
import { GLOSSARY, type GlossaryTerm } from './glossary.ts';

let nextId = 0;

/**
 * A small "?" button that explains a figure or a word: the explanation shows on hover and on
 * keyboard focus, and screen readers hear it as the button's description. With `term`, the
 * text and subject are the glossary's entry for that word (glossary.ts), unless given.
 */
export class InfoTip extends LitElement {
  static override styles = css`
    :host { position: relative; display: inline-block; vertical-align: middle; }
    button {
      width: 20px; height: 20px; border-radius: 50%; border: 1px solid var(--colour-tip-border); background: var(--colour-surface); color: var(--colour-text-secondary);
      font: 700 12px/1 system-ui, sans-serif; cursor: help; padding: 0;
    }
    button:focus-visible { outline: var(--focus-ring); outline-offset: 2px; }
    [role='tooltip'] {
      visibility: hidden; position: absolute; z-index: 5; top: 26px; left: 50%; transform: translateX(-50%);
      width: min(260px, 70vw); padding: 8px 10px; border-radius: 4px; background: var(--colour-text-strong); color: var(--colour-on-dark);
      font-size: 0.8rem; font-weight: 400; line-height: 1.4; text-align: left; box-shadow: var(--shadow-tip);
    }
    :host(:hover) [role='tooltip'], button:focus + [role='tooltip'] { visibility: visible; }
    :host([align='end']) [role='tooltip'] { left: auto; right: -8px; transform: none; }
    :host([align='start']) [role='tooltip'] { left: -8px; transform: none; }
  `;

  static override properties = {
    text: { type: String },
    subject: { type: String },
    align: { type: String, reflect: true },
    term: { type: String },
  };

  declare text: string;
  /** What it explains, for the button's accessible name ("About NPV"). */
  declare subject: string;
  declare align: 'start' | 'centre' | 'end';
  /** A glossary word ("p10", "adstock") whose plain explanation this tip shows. */
  declare term: GlossaryTerm | undefined;
  private readonly tipId = `tip-${nextId++}`;

  constructor() {
    super();
    this.text = '';
    this.subject = '';
    this.align = 'centre';
    this.term = undefined;
  }

  override render() {
    const entry = this.term === undefined ? undefined : GLOSSARY[this.term];
    const subject = this.subject || entry?.term || '';
    return html`<button type="button" aria-label=${`About ${subject}`} aria-describedby=${this.tipId}>?</button>
      <span id=${this.tipId} role="tooltip">${this.text || entry?.meaning || ''}</span>`;
  }
}

customElements.define('info-tip', InfoTip);

declare global {
  interface HTMLElementTagNameMap { 'info-tip': InfoTip; }
}
