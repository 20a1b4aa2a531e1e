import { css } from 'lit';
import { scrollCue } from '../charts/scroll-cue.styles.ts';

/** Buttons, fields, tables and messages as the other panels draw them (risk, optimiser): the fit view's and its results'. */
export const fitPanelStyles = css`
  button { font: inherit; font-size: 0.88rem; padding: 6px 14px; min-height: 34px; border-radius: 4px; border: 1px solid var(--colour-control-border); background: var(--colour-surface); color: var(--colour-text); cursor: pointer; }
  button.primary { background: var(--colour-brand); border-color: var(--colour-brand); color: var(--colour-on-dark); font-weight: 600; }
  button:disabled, button[aria-disabled='true'] { cursor: not-allowed; background: var(--colour-surface-disabled); border-color: var(--colour-rule-strong); color: var(--colour-text-disabled); }
  select { font: inherit; font-size: 0.86rem; max-width: 100%; padding: var(--field-padding); border: 1px solid var(--field-border); border-radius: var(--field-radius); background: var(--field-background); color: var(--field-text); }
  select:focus-visible, input:focus-visible, button:focus-visible, [tabindex]:focus-visible { outline: var(--focus-ring); outline-offset: 2px; }
  h3 { font-size: 0.95rem; margin: 16px 0 6px; }
  .wrap { overflow-x: auto; }
  table { border-collapse: collapse; width: 100%; font-size: 0.84rem; font-variant-numeric: tabular-nums; }
  th, td { padding: 4px 8px; border-bottom: 1px solid var(--colour-row); text-align: right; white-space: nowrap; }
  th:first-child { text-align: left; position: sticky; left: 0; background: var(--colour-surface); }
  thead th { background: var(--colour-table-head); }
  .error { font-size: 0.86rem; color: var(--colour-error); font-weight: 600; margin: 8px 0 0; overflow-wrap: anywhere; }
  .status, .ok { font-size: 0.86rem; margin: 8px 0 0; }
  .ok { color: var(--colour-better); }
  .hint { font-size: 0.82rem; color: var(--colour-text-muted); }
  code { font-size: 0.85em; background: var(--colour-tinted-strong); padding: 0 3px; border-radius: 3px; }
`;

export const fitViewStyles = [fitPanelStyles, css`
  ${scrollCue('.wrap')}
  :host { display: block; }
  .head { display: flex; align-items: center; justify-content: space-between; gap: 10px; }
  h2 { margin: 0; font-size: 1.15rem; }
  h2:focus { outline: none; }
  .intro { margin: 6px 0 10px; font-size: 0.88rem; line-height: 1.45; color: var(--colour-text-soft); max-width: 75ch; }
  .source {
    display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 10px 18px;
    padding: 12px 14px; border: 2px dashed var(--colour-rule-strong); border-radius: 8px; background: var(--colour-surface-subtle);
  }
  .source.dragging { border-color: var(--colour-accent); background: var(--colour-tinted); }
  .pick { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 10px; min-width: 0; }
  .pick label { font-weight: 600; font-size: 0.9rem; }
  .pick input { font: inherit; font-size: 0.85rem; max-width: 100%; }
  .start { font-size: 0.88rem; margin: 10px 0 0; }
  .note { font-size: 0.86rem; margin: 6px 0 0; padding: 8px 12px; background: var(--colour-note-surface); border-left: 4px solid var(--colour-note-border); border-radius: 4px; line-height: 1.4; }
  .columns { display: grid; grid-template-columns: minmax(0, 1.3fr) minmax(0, 1fr); gap: 12px 18px; align-items: start; }
  .columns table { width: auto; min-width: 100%; }
  .columns td, .columns th { text-align: left; white-space: normal; }
  .columns th[scope='row'] { overflow-wrap: break-word; max-width: 14em; }
  .columns select { width: 100%; min-width: 12em; }
  .columns .holds { display: block; font-size: 0.78rem; color: var(--colour-text-muted); margin-top: 2px; }
  tr.flagged th, tr.flagged td { background: var(--colour-error-surface); }
  .problems p:first-child { margin-top: 0; }
  .offer { font-size: 0.86rem; display: flex; flex-wrap: wrap; align-items: center; gap: 6px 10px; margin: 8px 0 0; }
  .run { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 12px; margin-top: 14px; }
  progress { flex: 1; min-width: 140px; height: 14px; accent-color: var(--colour-accent); }
  .stage { font-size: 0.85rem; }
  .elapsed { flex-basis: 100%; margin: 0; font-size: 0.84rem; color: var(--colour-text-muted); }
  fit-results { margin-top: 6px; }
  @media (max-width: 900px) {
    .columns { grid-template-columns: minmax(0, 1fr); }
  }
`];
