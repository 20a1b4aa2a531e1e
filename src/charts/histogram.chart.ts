import { bin, extent, max, scaleLinear } from 'd3';
import { LitElement, html, svg } from 'lit';
import { type ChartFormats, chartFormats } from './chart-formats.ts';
import { bottomAxis, verticalAxis } from './axes.ts';
import './chart-frame.component.ts';
import type { ChartTable, ChartTooltip, LegendItem } from './chart-frame.component.ts';
import { chartSvgStyles } from './chart-svg.styles.ts';
import { HoverController } from './hover-controller.ts';
import { COLOURS } from './palette.ts';
import { ResizeController } from './resize-controller.ts';

const HEIGHT = 260;
const MARGIN = { top: 26, right: 20, bottom: 48, left: 60 };
const BAR = '#6BAED6';

/** A marked value on the histogram, such as the 10th percentile. */
export interface HistogramMarker {
  label: string;
  value: number;
  dash: string;
}

/**
 * How a figure is spread across Monte Carlo draws: the share of draws in each range of values,
 * with percentiles and the central value marked. Bars below zero (a loss) are drawn in the loss colour.
 */
export class HistogramChart extends LitElement {
  static override styles = chartSvgStyles;
  static override properties = {
    formats: { attribute: false },
    heading: { type: String },
    xLabel: { type: String },
    values: { attribute: false },
    markers: { attribute: false },
  };

  declare heading: string;
  declare xLabel: string;
  declare values: Float64Array | undefined;
  declare markers: HistogramMarker[];
  /** How numbers are written (money with the model's currency); plain until the app passes them. */
  declare formats: ChartFormats | undefined;
  private get format(): ChartFormats {
    return chartFormats(this.formats);
  }

  private readonly size = new ResizeController(this);
  private readonly hover = new HoverController(this);

  constructor() {
    super();
    this.formats = undefined;
    this.heading = '';
    this.xLabel = '';
    this.values = undefined;
    this.markers = [];
  }

  private bins() {
    const values = Array.from(this.values ?? []).filter(Number.isFinite);
    const [low = 0, high = 1] = extent(values);
    const x = scaleLinear().domain([low, high > low ? high : low + 1]).nice(40);
    return { bins: bin().domain(x.domain() as [number, number]).thresholds(x.ticks(40))(values), total: values.length, domain: x.domain() };
  }

  override render() {
    const { bins, total, domain } = this.bins();
    const width = Math.max(280, this.size.width);
    const right = width - MARGIN.right;
    const bottom = HEIGHT - MARGIN.bottom;
    const x = scaleLinear().domain(domain).range([MARGIN.left, right]);
    const y = scaleLinear().domain([0, (max(bins, (each) => each.length) ?? 1) / Math.max(1, total)]).nice().range([bottom, MARGIN.top]);
    const hovered = this.hover.index === undefined ? undefined : bins[this.hover.index];
    const legend: LegendItem[] = [
      { label: 'Share of draws', colour: BAR },
      { label: 'Loss (below 0)', colour: COLOURS.loss },
      ...this.markers.map((marker) => ({ label: marker.label, colour: '#222', kind: 'line' as const, dash: marker.dash })),
    ];
    return html`<chart-frame heading=${this.heading} description=${`${total.toLocaleString('en-US')} draws; the marks show percentiles and the value at the central assumptions.`}
      .legend=${legend} .table=${this.table(bins, total)} .tooltip=${this.tooltip(hovered, total, x, y)}>
      <svg class="chart" viewBox="0 0 ${width} ${HEIGHT}" role="img" tabindex="0"
        aria-label=${`Histogram of ${this.xLabel} across ${total} draws. ${this.markers.map((marker) => `${marker.label} ${this.format.money(marker.value)}`).join(', ')}.`}
        @pointermove=${(event: PointerEvent) => this.hover.pointAt(event, width, bins.length, (at) => bins.findIndex((each) => at >= x(each.x0!) && at < x(each.x1!)))}
        @pointerleave=${() => this.hover.clear()}
        @keydown=${(event: KeyboardEvent) => this.hover.key(event, bins.length)} @blur=${() => this.hover.clear()}>
        ${verticalAxis(y, MARGIN.left, MARGIN.top, bottom, 'left', { ticks: y.ticks(4), format: (value) => this.format.percent(value), label: 'Share of draws', gridTo: right })}
        ${bins.map((each) => svg`<rect x=${x(each.x0!) + 0.5} width=${Math.max(0.5, x(each.x1!) - x(each.x0!) - 1)} y=${y(each.length / Math.max(1, total))}
          height=${bottom - y(each.length / Math.max(1, total))} fill=${(each.x1 ?? 0) <= 0 ? COLOURS.loss : BAR} stroke=${hovered === each ? '#222' : 'none'}></rect>`)}
        ${labelRows(this.markers.map((marker) => x(marker.value))).map((row, index) => {
          const marker = this.markers[index];
          return svg`<line x1=${x(marker.value)} x2=${x(marker.value)} y1=${MARGIN.top - 6} y2=${bottom} stroke="#222" stroke-width="1.5" stroke-dasharray=${marker.dash}></line>
            ${row === undefined ? null : svg`<text class="annotation" x=${x(marker.value)} y=${MARGIN.top - 9 + row * 10} text-anchor="middle">${marker.label}</text>`}`;
        })}
        ${bottomAxis(x, bottom, MARGIN.left, right, { ticks: x.ticks(width < 420 ? 4 : 7), format: this.format.moneyShort, label: this.xLabel })}
        <rect class="overlay" x=${MARGIN.left} y=${MARGIN.top} width=${Math.max(0, right - MARGIN.left)} height=${Math.max(0, bottom - MARGIN.top)}></rect>
      </svg>
    </chart-frame>`;
  }

  private tooltip(each: ReturnType<typeof this.bins>['bins'][number] | undefined, total: number, x: (value: number) => number, y: (value: number) => number): ChartTooltip | undefined {
    if (each === undefined) return undefined;
    return {
      ...(this.hover.pointer ?? { x: x(each.x1!), y: y(each.length / Math.max(1, total)) }),
      title: `${this.format.money(each.x0)} to ${this.format.money(each.x1)}`,
      lines: [{ label: 'Draws', value: each.length.toLocaleString('en-US') }, { label: 'Share of draws', value: this.format.percent(each.length / Math.max(1, total)) }],
    };
  }

  private table(bins: ReturnType<typeof this.bins>['bins'], total: number): ChartTable {
    return {
      caption: `${this.heading}: draws in each range`,
      columns: ['From', 'To', 'Draws', 'Share of draws'],
      rows: bins.map((each) => [this.format.money(each.x0), this.format.money(each.x1), each.length.toLocaleString('en-US'), this.format.percent(each.length / Math.max(1, total))]),
    };
  }
}

/**
 * Which of two rows above the plot each marker's label goes in, so neighbours do not overlap;
 * undefined when neither row has room (the legend still names the marker).
 */
function labelRows(positions: number[]): (number | undefined)[] {
  const order = positions.map((position, index) => ({ position, index })).sort((a, b) => a.position - b.position);
  const lastInRow = [-Infinity, -Infinity];
  const rows = new Array<number | undefined>(positions.length);
  for (const { position, index } of order) {
    const row = [0, 1].find((candidate) => position - lastInRow[candidate] >= 44);
    rows[index] = row;
    if (row !== undefined) lastInRow[row] = position;
  }
  return rows;
}

customElements.define('histogram-chart', HistogramChart);

declare global {
  interface HTMLElementTagNameMap { 'histogram-chart': HistogramChart; }
}
