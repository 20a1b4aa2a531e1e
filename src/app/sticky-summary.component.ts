import { LitElement, type ReactiveController, type ReactiveControllerHost, css, html, nothing } from 'lit';
import { appEvent } from './app-events.ts';
import type { Summary } from '../engine/index.ts';
import { KEY_FIGURES } from '../engine/key-figures.ts';
import type { NumberFormats } from '../engine/io/number-formats.ts';
import { formatFigure } from './format.ts';

/** The figures the bar shows: the marketing's value first, then ROI and payback (the key-figure table's headline ones). */
const SHOWN = ['incrementalNpvWithCarryover', 'roi', 'paybackPeriod'] as const;

/**
 * Keeps the page's scroll padding at the bar's height, so that a control the browser scrolls to
 * (on focus, or Tab) stops above the bar instead of under it: the bar never covers an input.
 */
class ScrollPaddingController implements ReactiveController {
  private observer: ResizeObserver | undefined;
  private readonly host: ReactiveControllerHost & HTMLElement;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.host = host;
    host.addController(this);
  }

  hostConnected(): void {
    if (typeof ResizeObserver === 'undefined') return;
    this.observer = new ResizeObserver(() => this.apply());
    this.observer.observe(this.host);
    this.apply();
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    document.documentElement.style.removeProperty('scroll-padding-bottom');
  }

  private apply(): void {
    const height = this.host.getBoundingClientRect().height;
    if (height > 0) document.documentElement.style.setProperty('scroll-padding-bottom', `${Math.ceil(height) + 8}px`);
    else document.documentElement.style.removeProperty('scroll-padding-bottom');
  }
}

/**
 * A compact bar of the headline key figures, for narrow screens, where the full figures sit far
 * below the plan's controls: it stays at the bottom of the screen (the shell makes it sticky
 * below 900 px) so moving the slider shows its effect at once, and, when scenarios are
 * compared, it holds the Plan / Compare switch within reach. The page keeps room for it, so it
 * never covers the control being used. It repeats figures shown in full elsewhere, so it is a
 * labelled region read on request, not a live region that would talk over every slider step.
 *
 * @event view-change - `{ view: 'plan' | 'compare' }` when the person picks a view in the bar
 */
export class StickySummary extends LitElement {
  static override styles = css`
    :host { display: block; }
    .bar {
      background: var(--colour-brand); color: var(--colour-on-dark); padding: 6px 12px calc(6px + env(safe-area-inset-bottom, 0px));
      box-shadow: var(--shadow-bar); display: flex; flex-direction: column; gap: 4px;
    }
    dl { display: grid; grid-template-columns: 1.5fr 1fr 1fr; gap: 2px 10px; margin: 0; }
    dl > div { min-width: 0; }
    dt { font-size: 0.72rem; color: var(--colour-on-brand-label); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
    dd { margin: 0; font-size: 1rem; font-weight: 700; font-variant-numeric: tabular-nums; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
    .stale dd { opacity: 0.6; }
    .views { display: flex; gap: 6px; }
    .views button {
      flex: 1; font: inherit; font-size: 0.85rem; font-weight: 600; padding: 6px 8px; min-height: 36px; border-radius: 6px;
      border: 1px solid var(--colour-on-brand-outline); background: transparent; color: var(--colour-on-dark); cursor: pointer;
    }
    .views button[aria-pressed='true'] { background: var(--colour-surface); color: var(--colour-brand); }
    button:focus-visible { outline: 3px solid var(--colour-on-brand-focus-alt); outline-offset: 2px; }
  `;

  static override properties = {
    summary: { attribute: false },
    formats: { attribute: false },
    stale: { type: Boolean },
    view: { type: String },
    comparedCount: { type: Number },
  };

  declare summary: Summary | undefined;
  declare formats: NumberFormats | undefined;
  /** The figures are the last valid plan's while a field is invalid: shown dimmed. */
  declare stale: boolean;
  declare view: 'plan' | 'compare';
  /** Scenarios being compared; the view switch shows from two. */
  declare comparedCount: number;

  constructor() {
    super();
    this.summary = undefined;
    this.formats = undefined;
    this.stale = false;
    this.view = 'plan';
    this.comparedCount = 0;
    new ScrollPaddingController(this);
  }

  override render() {
    const summary = this.summary;
    const formats = this.formats;
    if (summary === undefined || formats === undefined) return nothing;
    return html`<section class="bar" aria-label="Key figures summary">
      <dl class=${this.stale ? 'stale' : ''} title=${this.stale ? 'The last valid results: fix the highlighted field to update them.' : ''}>
        ${SHOWN.map((field) => {
          const figure = KEY_FIGURES.find((candidate) => candidate.field === field)!;
          return html`<div data-figure=${field}><dt title=${figure.label}>${figure.shortLabel}</dt><dd>${formatFigure(figure, summary[field], formats)}</dd></div>`;
        })}
      </dl>
      ${this.comparedCount >= 2 ? html`<div class="views" role="group" aria-label="View">
        <button type="button" aria-pressed=${this.view === 'plan' ? 'true' : 'false'} @click=${() => this.pick('plan')}>Plan</button>
        <button type="button" aria-pressed=${this.view === 'compare' ? 'true' : 'false'} @click=${() => this.pick('compare')}>Compare (${this.comparedCount})</button>
      </div>` : nothing}
    </section>`;
  }

  private pick(view: 'plan' | 'compare'): void {
    this.dispatchEvent(appEvent('view-change', { view }));
  }
}

customElements.define('sticky-summary', StickySummary);

declare global {
  interface HTMLElementTagNameMap { 'sticky-summary': StickySummary; }
}
