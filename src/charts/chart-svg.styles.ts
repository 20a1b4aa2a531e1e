import { css } from 'lit';

/** Styles every chart's SVG shares: axes, grid, focus ring. */
export const chartSvgStyles = css`
  :host { display: block; min-width: 0; }
  svg.chart { display: block; width: 100%; height: auto; overflow: visible; font-family: inherit; }
  svg.chart:focus { outline: none; }
  svg.chart:focus-visible { outline: 3px solid var(--focus, #0072B2); outline-offset: 2px; }
  .axis text { font-size: 11px; fill: #333; }
  .axis .axis-label { font-size: 12px; fill: #222; font-weight: 600; }
  .axis line { stroke: #666; }
  .axis line.grid { stroke: #e6e6e6; }
  .axis .domain { stroke: #666; }
  .guide { stroke: #333; stroke-width: 1; stroke-dasharray: 3 3; pointer-events: none; }
  .overlay { fill: transparent; cursor: crosshair; }
  .annotation { font-size: 11px; fill: #222; }
  @media print {
    /* Keep all four charts and the assumptions on one page; the drawing keeps its proportions. */
    svg.chart { max-height: 175px; }
  }
`;
