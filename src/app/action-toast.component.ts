import { LitElement, css, html, nothing } from 'lit';
import { appEvent } from './app-events.ts';

/** A short message about the step just taken, with the way back. */
export interface Toast {
  id: number;
  text: string;
  /** The button offered beside the message: Undo (after a step), Redo (after an undo), or none. */
  offer: 'undo' | 'redo' | undefined;
}

/** How long a message stays; it stays while the pointer is over it or the keyboard is in it. */
const SHOWN_MS = 12_000;

/**
 * The message about the last step ("Switched to the preset “…”. Undo"), at the bottom of the
 * window so it is seen wherever the page is scrolled. It goes after a few seconds, or at once
 * with ✕; the same step can still be undone with the Undo button in the header.
 *
 * @event history-undo - Undo pressed
 * @event history-redo - Redo pressed
 * @event toast-dismiss - `{ id }`, ✕ pressed or the time is up
 */
export class ActionToast extends LitElement {
  static override styles = css`
    :host { position: fixed; left: 50%; bottom: 16px; transform: translateX(-50%); z-index: 20; width: max-content; max-width: min(620px, calc(100vw - 24px)); }
    .toast {
      display: flex; align-items: center; gap: 10px; padding: 10px 12px 10px 14px; border-radius: 8px;
      background: var(--colour-brand-raised); color: var(--colour-on-dark); box-shadow: var(--shadow-toast); font-size: 0.88rem; line-height: 1.4;
    }
    p { margin: 0; flex: 1; min-width: 0; overflow-wrap: anywhere; }
    button { font: inherit; font-size: 0.85rem; border-radius: 4px; cursor: pointer; flex: none; }
    button.act { padding: 5px 12px; border: 1px solid var(--colour-on-brand-border); background: var(--colour-surface); color: var(--colour-brand); font-weight: 600; }
    button.close { padding: 2px 6px; border: none; background: none; color: var(--colour-on-brand-soft); font-size: 1rem; }
    button:focus-visible { outline: 3px solid var(--colour-on-brand-focus); outline-offset: 2px; }
    /* Above the key figures that phones keep at the bottom of the screen. */
    @media (max-width: 900px) { :host { bottom: 72px; } }
    @media print { :host { display: none; } }
  `;

  static override properties = {
    toast: { attribute: false },
  };

  declare toast: Toast | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private shownId = 0;
  private held = false;

  constructor() {
    super();
    this.toast = undefined;
    this.addEventListener('pointerenter', () => this.hold(true));
    this.addEventListener('pointerleave', () => this.hold(false));
    this.addEventListener('focusin', () => this.hold(true));
    this.addEventListener('focusout', () => this.hold(false));
  }

  override disconnectedCallback(): void {
    clearTimeout(this.timer);
    super.disconnectedCallback();
  }

  override render() {
    const toast = this.toast;
    // The live region is always there, so that each new message is announced.
    return html`<div role="status" aria-live="polite">${toast === undefined ? nothing : html`<div class="toast">
      <p>${toast.text}</p>
      ${toast.offer === undefined ? nothing : html`<button class="act" type="button" @click=${() => this.send(toast.offer === 'undo' ? 'history-undo' : 'history-redo')}>${toast.offer === 'undo' ? 'Undo' : 'Redo'}</button>`}
      <button class="close" type="button" aria-label="Dismiss message" @click=${() => this.dismiss()}>✕</button>
    </div>`}</div>`;
  }

  override updated(): void {
    const id = this.toast?.id ?? 0;
    if (id !== this.shownId) {
      this.shownId = id;
      this.schedule();
    }
  }

  private hold(held: boolean): void {
    this.held = held;
    if (held) clearTimeout(this.timer);
    else this.schedule();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    if (this.toast === undefined || this.held) return;
    this.timer = setTimeout(() => this.dismiss(), SHOWN_MS);
  }

  private dismiss(): void {
    if (this.toast === undefined) return;
    this.dispatchEvent(appEvent('toast-dismiss', { id: this.toast.id }));
  }

  private send(name: 'history-undo' | 'history-redo'): void {
    this.dispatchEvent(appEvent(name));
  }
}

customElements.define('action-toast', ActionToast);

declare global {
  interface HTMLElementTagNameMap { 'action-toast': ActionToast; }
}
