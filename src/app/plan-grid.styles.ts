import { css } from 'lit';
import { scrollCue } from '../charts/scroll-cue.styles.ts';

/**
 * The plan grid: a table that scrolls inside itself (both ways on a phone) under a sticky header
 * row, with the app's one scroll cue (shadows where there is more, a visible scrollbar).
 */
export const planGridStyles = css`
  :host { display: block; }
  .intro { margin: 0 0 8px; font-size: 0.85rem; color: var(--colour-text-secondary); }
  .scroller { max-height: 26rem; overflow: auto; border: 1px solid var(--colour-rule-medium); border-radius: 4px; }
  ${scrollCue('.scroller')}
  table { border-collapse: separate; border-spacing: 0; min-width: 100%; font-size: 0.86rem; font-variant-numeric: tabular-nums; }
  thead th { position: sticky; top: 0; z-index: 2; background: var(--colour-table-head); border-bottom: 2px solid var(--colour-rule-strong); }
  th, td { padding: 4px 8px; border-bottom: 1px solid var(--colour-row); text-align: right; white-space: nowrap; vertical-align: middle; }
  th[scope='row'] { text-align: left; font-weight: 600; position: sticky; left: 0; z-index: 1; background: var(--colour-surface); }
  thead th:first-child { left: 0; z-index: 3; text-align: left; }
  tr.year-total th, tr.year-total td { background: var(--colour-tinted-strong); font-weight: 700; border-bottom: 2px solid var(--colour-rule-strong); }
  tr.year-total th[scope='row'] { background: var(--colour-tinted-strong); }
  input {
    font: inherit; width: 9.5em; box-sizing: border-box; padding: 4px 6px; text-align: right;
    border: 1px solid var(--field-border); border-radius: var(--field-radius); background: var(--field-background); color: var(--field-text);
  }
  input[aria-invalid='true'] { border-color: var(--colour-error); border-width: 2px; }
  input:focus-visible { outline: var(--focus-ring); outline-offset: 1px; }
  @media (max-width: 480px) {
    th, td { padding: 4px 5px; }
    input { width: 6.6em; padding: 4px; }
  }
  .error { margin: 2px 0 0; max-width: 14em; white-space: normal; text-align: left; font-size: 0.76rem; color: var(--colour-error); font-weight: 600; }
`;
