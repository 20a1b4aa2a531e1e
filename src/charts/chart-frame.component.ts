import { LitElement, html, nothing, svg } from 'lit';
import { downloadBlob, downloadText, fileNameFor } from './download-file.ts';
import { chartFrameStyles } from './chart-frame.styles.ts';
import { standaloneSvg, svgToPng } from './export-chart.ts';
import type { LegendItem } from './legend-item.ts';

// The legend entry type has a module of its own, which the SVG export also uses.
export type { LegendItem } from './legend-item.ts';

/** The chart's numbers as a table: the accessible, copyable view of the same data. */
export interface ChartTable {
  caption: string;
  columns: string[];
  /** Each row's first cell is its header. */
  rows: string[][];
}

/** What the tooltip shows at the hovered point, and where (pixels within the plot). */
export interface ChartTooltip {
  x: number;
  y: number;
  title: string;
  lines: { label: string; value: string; colour?: string }[];
}

/**
 * The frame every chart shares: heading, legend, the plot (slotted SVG), its tooltip, and a
 * "Show as table" toggle that swaps the plot for a table of the same numbers.
 *
 * @slot - the chart's SVG
 * @csspart figure - the frame
 */
export class ChartFrame extends LitElement {
  static override styles = chartFrameStyles;
  static override properties = {
    heading: { type: String },
    description: { type: String },
    legend: { attribute: false },
    table: { attribute: false },
    tooltip: { attribute: false },
    showTable: { state: true },
    tableOverflows: { state: true },
  };

  declare heading: string;
  declare description: string;
  declare legend: LegendItem[];
  declare table: ChartTable | undefined;
  declare tooltip: ChartTooltip | undefined;
  declare showTable: boolean;
  /** The table is wider than its box (a phone): a line above it says it scrolls sideways. */
  declare tableOverflows: boolean;

  constructor() {
    super();
    this.heading = '';
    this.description = '';
    this.legend = [];
    this.table = undefined;
    this.tooltip = undefined;
    this.showTable = false;
    this.tableOverflows = false;
  }

  override updated(): void {
    const wrap = this.renderRoot.querySelector('.table-wrap');
    const overflows = wrap !== null && wrap.scrollWidth > wrap.clientWidth + 1;
    if (overflows !== this.tableOverflows) this.tableOverflows = overflows;
  }

  override render() {
    return html`<figure part="figure">
      <header>
        <div>
          <h3>${this.heading}</h3>
          ${this.description ? html`<p class="description">${this.description}</p>` : nothing}
        </div>
        <div class="buttons">
          <button class="toggle" type="button" aria-pressed=${this.showTable ? 'true' : 'false'} aria-label=${`Show ${this.heading} as ${this.showTable ? 'chart' : 'table'}`}
            @click=${() => { this.showTable = !this.showTable; }}>${this.showTable ? 'Show as chart' : 'Show as table'}</button>
          ${this.showTable ? nothing : html`<button class="toggle" type="button" aria-label=${`Download ${this.heading} as SVG`} @click=${this.downloadSvg}>SVG</button>
            <button class="toggle" type="button" aria-label=${`Download ${this.heading} as PNG`} @click=${this.downloadPng}>PNG</button>`}
        </div>
      </header>
      <ul class="legend" aria-label="Legend">
        ${this.legend.map((item) => html`<li>${legendMark(item)}<span>${item.label}</span></li>`)}
      </ul>
      ${this.showTable ? this.renderTable() : html`<div class="plot"><slot></slot>${this.renderTooltip()}</div>`}
    </figure>`;
  }

  /** The chart as a standalone SVG document, or undefined while it shows as a table. */
  svgDocument(): string | undefined {
    const plot = this.querySelector<SVGSVGElement>('svg.chart');
    return plot === null ? undefined : standaloneSvg(plot, this.heading, this.legend);
  }

  private downloadSvg(): void {
    const markup = this.svgDocument();
    if (markup !== undefined) downloadText(fileNameFor(this.heading, 'svg'), markup, 'image/svg+xml');
  }

  private async downloadPng(): Promise<void> {
    const markup = this.svgDocument();
    if (markup !== undefined) downloadBlob(fileNameFor(this.heading, 'png'), await svgToPng(markup));
  }

  private renderTable() {
    const table = this.table;
    if (table === undefined) return nothing;
    return html`${this.tableOverflows ? html`<p class="scroll-hint" id="scroll-hint">Scroll sideways for more columns →</p>` : nothing}
    <div class="table-wrap" tabindex="0" role="region" aria-label=${`${this.heading}: table`} aria-describedby=${this.tableOverflows ? 'scroll-hint' : nothing}>
      <table>
        <caption>${table.caption}</caption>
        <thead><tr>${table.columns.map((column) => html`<th scope="col">${column}</th>`)}</tr></thead>
        <tbody>${table.rows.map(([header, ...cells]) => html`<tr><th scope="row">${header}</th>${cells.map((cell) => html`<td>${cell}</td>`)}</tr>`)}</tbody>
      </table>
    </div>`;
  }

  private renderTooltip() {
    const tip = this.tooltip;
    if (tip === undefined) return nothing;
    const plotWidth = this.getBoundingClientRect().width || 600;
    // Keep the box inside the plot: flip to the left of the pointer near the right edge.
    const left = tip.x > plotWidth - 260 ? Math.max(0, tip.x - 250) : tip.x + 14;
    return html`<div class="tooltip" role="status" style="left:${left}px;top:${Math.max(0, tip.y - 10)}px">
      <strong>${tip.title}</strong>
      <dl>${tip.lines.map((line) => html`<dt>${line.colour ? html`<span class="swatch" style="background:${line.colour}"></span>` : nothing}${line.label}</dt><dd>${line.value}</dd>`)}</dl>
    </div>`;
  }
}

function legendMark(item: LegendItem) {
  if (item.kind === 'line') {
    return html`<svg width="22" height="10" aria-hidden="true">${svg`<line x1="1" x2="21" y1="5" y2="5" stroke=${item.colour} stroke-width="2.5" stroke-dasharray=${item.dash ?? ''}></line>`}</svg>`;
  }
  if (item.kind === 'diamond') {
    return html`<svg width="14" height="14" aria-hidden="true">${svg`<path d="M7,0l7,7l-7,7l-7,-7z" fill=${item.colour}></path>`}</svg>`;
  }
  if (item.kind === 'dot' || item.kind === 'ring') {
    return html`<svg width="14" height="14" aria-hidden="true">${item.kind === 'dot'
      ? svg`<circle cx="7" cy="7" r="4.5" fill=${item.colour} stroke="#fff" stroke-width="1.5"></circle>`
      : svg`<circle cx="7" cy="7" r="5" fill="#fff" stroke=${item.colour} stroke-width="3"></circle>`}</svg>`;
  }
  if (item.kind === 'hatch') {
    return html`<svg width="12" height="12" aria-hidden="true">${svg`<rect width="12" height="12" fill=${item.colour}></rect><path d="M0,12 L12,0 M-3,3 L3,-3 M9,15 L15,9" stroke="#fff" stroke-width="2"></path>`}</svg>`;
  }
  return html`<svg width="12" height="12" aria-hidden="true">${svg`<rect width="12" height="12" rx="2" fill=${item.colour}></rect>`}</svg>`;
}

customElements.define('chart-frame', ChartFrame);

declare global {
  interface HTMLElementTagNameMap { 'chart-frame': ChartFrame; }
}
