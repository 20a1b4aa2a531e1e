import { css } from 'lit';

export const appStyles = css`
  :host {
    display: block; min-height: 100vh; color: var(--colour-page-text); background: var(--colour-page);
  }
  .masthead { display: flex; align-items: baseline; gap: 14px; flex-wrap: wrap; padding: 14px 24px; background: var(--colour-brand); color: var(--colour-on-dark); }
  .masthead h1 { margin: 0; font-size: 1.35rem; letter-spacing: 0.01em; }
  .masthead p { margin: 0; font-size: 0.9rem; color: var(--colour-on-brand-soft); }
  .layout { display: grid; grid-template-columns: minmax(340px, 410px) minmax(0, 1fr); gap: 18px; padding: 18px 24px 32px; align-items: start; }
  .controls { display: flex; flex-direction: column; gap: 14px; min-width: 0; }
  .card { background: var(--colour-surface); border: 1px solid var(--colour-line); border-radius: 8px; padding: 14px 16px; }
  h2 { margin: 0 0 10px; font-size: 1.05rem; }
  details.card > summary { cursor: pointer; list-style: none; display: flex; align-items: center; gap: 8px; }
  details.card > summary::-webkit-details-marker { display: none; }
  details.card > summary::before { content: '▸'; font-size: 0.9rem; transition: transform 0.15s; }
  details.card[open] > summary::before { transform: rotate(90deg); }
  details.card > summary h2 { margin: 0; display: inline; }
  details.card[open] > summary { margin-bottom: 10px; }
  summary:focus-visible { outline: var(--focus-ring); outline-offset: 2px; border-radius: 4px; }
  .fit-card { grid-column: 1 / -1; scroll-margin-top: 8px; }
  .fit-card[hidden] { display: none; }
  .fit-open {
    font: inherit; font-size: 0.88rem; font-weight: 600; margin-top: 10px; padding: 6px 14px; min-height: 34px; width: 100%;
    border: 1px solid var(--colour-accent); border-radius: 4px; background: var(--colour-surface); color: var(--colour-link); cursor: pointer;
  }
  .fit-open:hover { background: var(--colour-tinted); }
  .fit-open:focus-visible { outline: var(--focus-ring); outline-offset: 2px; }
  .results { display: flex; flex-direction: column; gap: 14px; min-width: 0; }
  .stale { margin: 0; padding: 10px 14px; border-radius: 6px; background: var(--colour-warning-surface); border: 1px solid var(--colour-warning-border); font-size: 0.88rem; }
  .stale ul, ul.stale { margin: 4px 0 0; padding-left: 18px; }
  ul.stale { padding: 8px 14px 8px 30px; }
  /* One status line that is always there: when an edit is invalid it changes its words and
     colour instead of appearing, so the figures below it never move. */
  .status {
    margin: 0; padding: 7px 12px; border-radius: 6px; border: 1px solid var(--colour-line); background: var(--colour-surface);
    font-size: 0.85rem; line-height: 1.4; color: var(--colour-text-muted); min-height: 1.4em;
  }
  .status.stale { background: var(--colour-warning-surface); border-color: var(--colour-warning-border); color: var(--colour-page-text); }
  .sticky-summary { display: none; }
  .tabs { display: flex; gap: 4px; border-bottom: 2px solid var(--colour-brand); }
  .tabs button {
    font: inherit; font-weight: 600; padding: 7px 16px; border: 1px solid var(--colour-line); border-bottom: none; border-radius: 6px 6px 0 0;
    background: var(--colour-tab); color: var(--colour-text-strong); cursor: pointer;
  }
  .tabs button[aria-selected='true'] { background: var(--colour-brand); color: var(--colour-on-dark); border-color: var(--colour-brand); }
  .tabs button:focus-visible { outline: var(--focus-ring); outline-offset: 2px; }
  .print-only { display: none; }
  .view { display: flex; flex-direction: column; gap: 14px; min-width: 0; scroll-margin-top: 8px; }
  .charts { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 14px; }
  .charts .span { grid-column: 1 / -1; }
  .tradeoff-row { display: grid; grid-template-columns: minmax(0, 2.2fr) minmax(0, 1fr); gap: 14px; }
  @media (max-width: 1180px) {
    .charts, .tradeoff-row { grid-template-columns: minmax(0, 1fr); }
  }
  @media (max-width: 900px) {
    .layout { grid-template-columns: minmax(0, 1fr); padding: 12px; gap: 12px; }
    .masthead { padding: 12px; }
    /* Two lines held for the status, the longer (stale) wording's height at 390 px. */
    .status { min-height: 2.8em; }
    /* The headline figures (and the Plan / Compare switch) stay in view at the bottom while
       the controls above the results are used. */
    .sticky-summary { display: block; position: sticky; bottom: 0; z-index: 20; }
  }
  @media print {
    :host { background: var(--colour-surface); min-height: 0; }
    .masthead { padding: 0 0 4px; background: none; color: var(--colour-print-text); }
    .masthead p { display: none; }
    .masthead h1 { font-size: 12pt; color: var(--colour-text-secondary); }
    .layout { display: block; padding: 0; }
    .controls, .tabs, .stale, .status, .sticky-summary, .optimizer, .risk, .fit-card { display: none; }
    /* The report is one page: the carryover is in the key figures, its chart stays on screen. */
    after-horizon-chart { display: none; }
    .results { gap: 6px; }
    .print-only { display: block; }
    .report-title { margin: 0 0 4px; font-size: 15pt; }
    .charts { grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 6px; }
    .tradeoff-row { grid-template-columns: minmax(0, 2.2fr) minmax(0, 1fr); gap: 6px; }
    .print-assumptions h3 { margin: 4px 0 2px; font-size: 10pt; }
    .print-assumptions dl { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 0 10px; margin: 0; font-size: 7pt; }
    .print-assumptions dl div { display: flex; justify-content: space-between; gap: 4px; border-bottom: 1px solid var(--colour-rule); }
    .print-assumptions dt { color: var(--colour-text-secondary); }
    .print-assumptions dd { margin: 0; font-variant-numeric: tabular-nums; }
  }
`;
