import { area, line, max, min, scaleLinear } from 'd3';
import { LitElement, html, svg } from 'lit';
import type { Band } from '../engine/uncertainty/bands.ts';
import { type ChartFormats, chartFormats } from './chart-formats.ts';
import { bottomAxis, periodTicks, verticalAxis } from './axes.ts';
import './chart-frame.component.ts';
import type { ChartTable, ChartTooltip, LegendItem } from './chart-frame.component.ts';
import { chartSvgStyles } from './chart-svg.styles.ts';
import { HoverController } from './hover-controller.ts';
import { ResizeController } from './resize-controller.ts';

const HEIGHT = 260;
const MARGIN = { top: 12, right: 20, bottom: 48, left: 66 };
const OUTER = '#C6DBEF';
const INNER = '#6BAED6';
const MEDIAN = '#08306B';
const CENTRAL = '#D55E00';

/**
 * A fan chart: the range a series is likely to take, period by period, across Monte Carlo
 * draws (5–95 % light, 10–90 % darker), its median, and the value at the central assumptions.
 */
export class FanChart extends LitElement {
  static override styles = chartSvgStyles;
  static override properties = {
    formats: { attribute: false },
    heading: { type: String },
    description: { type: String },
    yLabel: { type: String },
    band: { attribute: false },
    central: { attribute: false },
    periodsPerYear: { type: Number },
    startYear: { attribute: false },
    formatY: { attribute: false },
  };

  declare heading: string;
  declare description: string;
  declare yLabel: string;
  declare band: Band | undefined;
  /** The series at the central (deterministic) assumptions, for reference. */
  declare central: number[];
  declare periodsPerYear: number;
  declare startYear: number | undefined;
  declare formatY: (value: number) => string;
  /** How numbers are written (money with the model's currency); plain until the app passes them. */
  declare formats: ChartFormats | undefined;
  private get format(): ChartFormats {
    return chartFormats(this.formats, this.periodsPerYear, this.startYear);
  }

  private readonly size = new ResizeController(this);
  private readonly hover = new HoverController(this);

  constructor() {
    super();
    this.formats = undefined;
    this.heading = '';
    this.description = '';
    this.yLabel = '';
    this.band = undefined;
    this.central = [];
    this.periodsPerYear = 12;
    this.startYear = undefined;
    this.formatY = String;
  }

  override render() {
    const band = this.band;
    const count = band?.p50.length ?? 0;
    const width = Math.max(280, this.size.width);
    const right = width - MARGIN.right;
    const bottom = HEIGHT - MARGIN.bottom;
    const x = scaleLinear().domain([1, Math.max(2, count)]).range([MARGIN.left, right]);
    const low = Math.min(0, min(band?.p5 ?? [0]) ?? 0, min(this.central) ?? 0);
    const high = Math.max(max(band?.p95 ?? [1]) ?? 1, max(this.central) ?? 0);
    const y = scaleLinear().domain([low, high > low ? high : low + 1]).nice().range([bottom, MARGIN.top]);
    const ribbon = (lower: number[], upper: number[]) => area<number>().x((_, index) => x(index + 1)).y0((_, index) => y(lower[index])).y1((_, index) => y(upper[index]))(lower) ?? '';
    const path = (values: number[]) => line<number>().x((_, index) => x(index + 1)).y((value) => y(value))(values) ?? '';
    const hovered = this.hover.index;
    const name = this.format.periodName;
    const legend: LegendItem[] = [
      { label: '5–95 % of draws', colour: OUTER },
      { label: '10–90 %', colour: INNER },
      { label: 'Median', colour: MEDIAN, kind: 'line' },
      { label: 'Central assumptions', colour: CENTRAL, kind: 'line', dash: '5 3' },
    ];
    return html`<chart-frame heading=${this.heading} description=${this.description}
      .legend=${legend} .table=${this.table()} .tooltip=${this.tooltip(hovered, x, y)}>
      <svg class="chart" viewBox="0 0 ${width} ${HEIGHT}" role="img" tabindex="0"
        aria-label=${`Fan chart of ${this.heading.toLowerCase()} per ${name} across draws. Use the arrow keys to read each ${name}.`}
        @pointermove=${(event: PointerEvent) => this.hover.pointAt(event, width, count, (at) => Math.round(x.invert(at)) - 1)}
        @pointerleave=${() => this.hover.clear()}
        @keydown=${(event: KeyboardEvent) => this.hover.key(event, count)} @blur=${() => this.hover.clear()}>
        ${verticalAxis(y, MARGIN.left, MARGIN.top, bottom, 'left', { ticks: y.ticks(5), format: this.formatY, label: this.yLabel, gridTo: right })}
        ${band === undefined ? null : svg`
          <path d=${ribbon(band.p5, band.p95)} fill=${OUTER}></path>
          <path d=${ribbon(band.p10, band.p90)} fill=${INNER}></path>
          <path d=${path(band.p50)} fill="none" stroke=${MEDIAN} stroke-width="2.5"></path>`}
        <path d=${path(this.central)} fill="none" stroke=${CENTRAL} stroke-width="2" stroke-dasharray="5 3"></path>
        ${bottomAxis(x, bottom, MARGIN.left, right, { ticks: periodTicks(count, this.periodsPerYear, right - MARGIN.left), format: String, label: `${name[0].toUpperCase()}${name.slice(1)}` })}
        ${hovered === undefined ? null : svg`<line class="guide" x1=${x(hovered + 1)} x2=${x(hovered + 1)} y1=${MARGIN.top} y2=${bottom}></line>`}
        <rect class="overlay" x=${MARGIN.left} y=${MARGIN.top} width=${Math.max(0, right - MARGIN.left)} height=${Math.max(0, bottom - MARGIN.top)}></rect>
      </svg>
    </chart-frame>`;
  }

  private tooltip(index: number | undefined, x: (t: number) => number, y: (value: number) => number): ChartTooltip | undefined {
    const band = this.band;
    if (index === undefined || band === undefined) return undefined;
    return {
      ...(this.hover.pointer ?? { x: x(index + 1), y: y(band.p50[index]) }),
      title: this.format.periodLabel(index + 1),
      lines: [
        { label: '95th percentile', value: this.formatY(band.p95[index]) },
        { label: '90th', value: this.formatY(band.p90[index]) },
        { label: 'Median', value: this.formatY(band.p50[index]), colour: MEDIAN },
        { label: '10th', value: this.formatY(band.p10[index]) },
        { label: '5th', value: this.formatY(band.p5[index]) },
        { label: 'Central assumptions', value: this.formatY(this.central[index]), colour: CENTRAL },
      ],
    };
  }

  private table(): ChartTable {
    const band = this.band;
    return {
      caption: `${this.heading}: percentiles across draws, and the value at the central assumptions`,
      columns: ['Period', '5th', '10th', 'Median', '90th', '95th', 'Central'],
      rows: (band?.p50 ?? []).map((_, index) => [
        this.format.periodLabel(index + 1),
        ...[band!.p5[index], band!.p10[index], band!.p50[index], band!.p90[index], band!.p95[index], this.central[index]].map((value) => this.formatY(value)),
      ]),
    };
  }
}

customElements.define('fan-chart', FanChart);

declare global {
  interface HTMLElementTagNameMap { 'fan-chart': FanChart; }
}
