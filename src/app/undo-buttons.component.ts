import { LitElement, css, html } from 'lit';
import { appEvent } from './app-events.ts';

const onApple = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/**
 * Undo and Redo for the whole plan, in the header. Each button says in its tooltip (and to
 * screen readers, as its description) which step it takes back or makes again, and its
 * shortcut; a button with nothing to do is disabled.
 *
 * @event history-undo - Undo pressed
 * @event history-redo - Redo pressed
 */
export class UndoButtons extends LitElement {
  static override styles = css`
    :host { display: inline-flex; gap: 6px; margin-left: auto; align-self: center; }
    button {
      font: inherit; font-size: 0.84rem; display: inline-flex; align-items: center; gap: 5px; padding: 4px 11px; border-radius: 4px;
      border: 1px solid var(--colour-on-brand-border); background: transparent; color: var(--colour-on-dark); cursor: pointer; min-height: 32px;
    }
    button:hover:not(:disabled) { background: var(--colour-on-brand-hover); }
    button:disabled { color: var(--colour-on-brand-disabled); border-color: var(--colour-on-brand-disabled-border); cursor: default; }
    button:focus-visible { outline: 3px solid var(--colour-on-brand-focus); outline-offset: 2px; }
    .icon { font-size: 1.05rem; line-height: 1; }
    @media print { :host { display: none; } }
  `;

  static override properties = {
    undoLabel: { attribute: false },
    redoLabel: { attribute: false },
  };

  /** The step Undo takes back, or undefined when there is none. */
  declare undoLabel: string | undefined;
  /** The step Redo makes again, or undefined. */
  declare redoLabel: string | undefined;

  constructor() {
    super();
    this.undoLabel = undefined;
    this.redoLabel = undefined;
  }

  override render() {
    const key = onApple ? '⌘' : 'Ctrl+';
    return html`
      <button type="button" ?disabled=${this.undoLabel === undefined} aria-keyshortcuts="Control+Z Meta+Z"
        title=${this.undoLabel === undefined ? 'Nothing to undo' : `Undo: ${this.undoLabel} (${key}Z)`}
        @click=${() => this.dispatchEvent(appEvent('history-undo'))}><span class="icon" aria-hidden="true">↶</span>Undo</button>
      <button type="button" ?disabled=${this.redoLabel === undefined} aria-keyshortcuts="Shift+Control+Z Shift+Meta+Z Control+Y"
        title=${this.redoLabel === undefined ? 'Nothing to redo' : `Redo: ${this.redoLabel} (${onApple ? '⇧⌘Z' : 'Ctrl+Y'})`}
        @click=${() => this.dispatchEvent(appEvent('history-redo'))}><span class="icon" aria-hidden="true">↷</span>Redo</button>`;
  }
}

customElements.define('undo-buttons', UndoButtons);

declare global {
  interface HTMLElementTagNameMap { 'undo-buttons': UndoButtons; }
}
