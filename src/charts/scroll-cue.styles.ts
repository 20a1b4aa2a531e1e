import { type CSSResult, unsafeCSS } from 'lit';

/**
 * Styles that show a box scrolls sideways: a soft shadow on each side that has more to see (the
 * white covers scroll with the content, so they uncover a shadow only where the content goes on:
 * the "scrolling shadows" technique, pure CSS), a scrollbar that stays visible, and a focus ring
 * (the box is focusable so the keyboard can scroll it). Used by the chart tables and the app's
 * wide tables, so all of them look and behave alike.
 *
 * @param selector the scrolling box, e.g. `.table-wrap`; static code, never user text
 */
export function scrollCue(selector: string): CSSResult {
  return unsafeCSS(`
  ${selector} {
    overscroll-behavior-x: contain;
    background:
      linear-gradient(to right, #fff 30%, rgba(255, 255, 255, 0)) left center / 40px 100% no-repeat local,
      linear-gradient(to left, #fff 30%, rgba(255, 255, 255, 0)) right center / 40px 100% no-repeat local,
      radial-gradient(farthest-side at 0 50%, rgba(0, 0, 0, 0.28), rgba(0, 0, 0, 0)) left center / 14px 100% no-repeat scroll,
      radial-gradient(farthest-side at 100% 50%, rgba(0, 0, 0, 0.28), rgba(0, 0, 0, 0)) right center / 14px 100% no-repeat scroll;
    scrollbar-width: thin; scrollbar-color: #8a8a8a #eee;
  }
  ${selector}::-webkit-scrollbar { height: 8px; width: 8px; }
  ${selector}::-webkit-scrollbar-track { background: #eee; }
  ${selector}::-webkit-scrollbar-thumb { background: #8a8a8a; border-radius: 4px; }
  ${selector}:focus-visible { outline: 3px solid var(--focus, #0072B2); outline-offset: 2px; }
`);
}
