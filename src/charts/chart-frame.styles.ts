import { css } from 'lit';
import { scrollCue } from './scroll-cue.styles.ts';

export const chartFrameStyles = css`
  :host { display: block; }
  figure { margin: 0; padding: 12px 14px 10px; background: var(--surface, #fff); border: 1px solid var(--line, #ddd); border-radius: 8px; }
  header { display: flex; justify-content: space-between; align-items: flex-start; gap: 8px; flex-wrap: wrap; }
  h3 { margin: 0; font-size: 1rem; font-weight: 600; }
  .description { margin: 2px 0 6px; color: var(--muted, #555); font-size: 0.85rem; }
  .buttons { display: flex; gap: 6px; flex-wrap: wrap; }
  button.toggle {
    font: inherit; font-size: 0.8rem; padding: 4px 10px; border-radius: 4px; cursor: pointer;
    border: 1px solid var(--line-strong, #999); background: var(--surface, #fff); color: inherit;
  }
  button.toggle:focus-visible { outline: 3px solid var(--focus, #0072B2); outline-offset: 2px; }
  .legend { display: flex; flex-wrap: wrap; gap: 4px 14px; margin: 4px 0 6px; padding: 0; list-style: none; font-size: 0.8rem; }
  .legend li { display: inline-flex; align-items: center; gap: 6px; }
  .legend svg { flex: none; }
  .plot { position: relative; }
  .tooltip {
    position: absolute; pointer-events: none; z-index: 2; min-width: 150px; max-width: 240px;
    background: rgba(255, 255, 255, 0.97); border: 1px solid #888; border-radius: 4px; padding: 6px 8px;
    font-size: 0.78rem; box-shadow: 0 2px 6px rgba(0, 0, 0, 0.15);
  }
  .tooltip strong { display: block; margin-bottom: 2px; }
  .tooltip dl { display: grid; grid-template-columns: auto auto; gap: 1px 10px; margin: 0; }
  .tooltip dt { display: flex; align-items: center; gap: 5px; }
  .tooltip dd { margin: 0; text-align: right; font-variant-numeric: tabular-nums; }
  .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; }
  /* A table wider than the screen scrolls sideways, and shows it (scroll-cue.styles.ts). */
  .table-wrap { max-height: 320px; overflow: auto; border: 1px solid var(--line, #ddd); }
  ${scrollCue('.table-wrap')}
  .scroll-hint { margin: 0 0 4px; font-size: 0.78rem; color: var(--muted, #555); }
  table { border-collapse: collapse; width: 100%; font-size: 0.8rem; font-variant-numeric: tabular-nums; }
  caption { text-align: left; font-size: 0.8rem; color: var(--muted, #555); padding: 4px; }
  th, td { padding: 3px 8px; border-bottom: 1px solid #eee; text-align: right; white-space: nowrap; }
  th:first-child { text-align: left; }
  thead th { position: sticky; top: 0; background: #f4f4f4; }
  @media print {
    .buttons { display: none; }
    figure { border-color: #bbb; padding: 6px 8px; break-inside: avoid; }
    .description { display: none; }
    .tooltip { display: none; }
  }
`;
