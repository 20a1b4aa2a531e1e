import { css } from 'lit';
import { scrollCue } from '../charts/scroll-cue.styles.ts';
import { fitPanelStyles } from './fit-view.styles.ts';

export const fitResultsStyles = [fitPanelStyles, css`
  ${scrollCue('.wrap')}
  :host { display: block; }
  .lead { font-size: 0.86rem; margin: 0 0 8px; color: var(--colour-text-soft); overflow-wrap: anywhere; }
  table[data-table='fit-figures'] { width: auto; min-width: min(100%, 460px); }
  table[data-table='fit-parameters'] th[scope='row'] { white-space: normal; min-width: 9em; max-width: 16em; }
  table[data-table='fit-parameters'] .unit { display: block; font-weight: 400; color: var(--colour-text-muted); font-size: 0.78rem; }
  table[data-table='fit-parameters'] td.value { font-weight: 600; }
  table[data-table='fit-parameters'] td.flat { text-align: center; color: var(--colour-text-muted); }
  table[data-table='fit-drivers'] { width: auto; min-width: min(100%, 460px); }
  table[data-table='fit-drivers'] th[scope='row'] { white-space: normal; overflow-wrap: break-word; max-width: 14em; }
  .use { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 12px; margin-top: 12px; }
  .warnings ul { margin: 0; padding: 8px 14px 8px 30px; border-radius: 6px; background: var(--colour-warning-surface); border: 1px solid var(--colour-warning-border); font-size: 0.86rem; line-height: 1.45; }
  .warnings li { overflow-wrap: anywhere; }
  .warnings h3:focus { outline: none; }
  .warning-count { font-size: 0.86rem; margin: 10px 0 0; padding: 6px 10px; background: var(--colour-warning-surface); border-left: 4px solid var(--colour-warning-border); border-radius: 4px; }
  .warning-count a { color: var(--colour-link); font-weight: 600; }
  table[data-table='fit-figures'] th[scope='row'] { white-space: normal; }
  .warnings li + li { margin-top: 4px; }
  .charts { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 14px; margin-top: 14px; }
  .charts .span { grid-column: 1 / -1; }
  @media (max-width: 1180px) { .charts { grid-template-columns: minmax(0, 1fr); } }
  @media (max-width: 600px) { table[data-table='fit-parameters'] th[scope='row'] { min-width: 9em; max-width: 11em; } }
  .footnote { font-size: 0.8rem; color: var(--colour-text-muted); margin: 6px 0 0; }
  abbr { text-decoration: none; }
`];
