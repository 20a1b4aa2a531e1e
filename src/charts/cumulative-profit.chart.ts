import { extent, line, scaleLinear } from 'd3';
import { LitElement, html, svg } from 'lit';
import type { IncrementalProfitPoint } from '../engine/index.ts';
import { type ChartFormats, chartFormats } from './chart-formats.ts';
import { bottomAxis, periodTicks, verticalAxis } from './axes.ts';
import './chart-frame.component.ts';
import type { ChartTable, ChartTooltip, LegendItem } from './chart-frame.component.ts';
import { chartSvgStyles } from './chart-svg.styles.ts';
import { HoverController } from './hover-controller.ts';
import { COLOURS } from './palette.ts';
import { ResizeController } from './resize-controller.ts';

const HEIGHT = 270;
const MARGIN = { top: 16, right: 20, bottom: 48, left: 66 };

/**
 * Cumulative profit over the zero-spend counterfactual: below zero while the spend has not yet
 * earned itself back, crossing zero at the payback period, which is marked.
 */
export class CumulativeProfitChart extends LitElement {
  static override styles = chartSvgStyles;
  static override properties = {
    formats: { attribute: false },
    points: { attribute: false },
    paybackPeriod: { attribute: false },
    periodsPerYear: { type: Number },
    startYear: { attribute: false },
  };

  declare points: IncrementalProfitPoint[];
  declare paybackPeriod: number | null;
  declare periodsPerYear: number;
  /** Calendar year of period 1, for labels; undefined labels periods Y1-M01 … */
  declare startYear: number | undefined;
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
    this.points = [];
    this.paybackPeriod = null;
    this.periodsPerYear = 12;
    this.startYear = undefined;
  }

  override render() {
    const points = this.points;
    const count = points.length;
    const width = Math.max(280, this.size.width);
    const right = width - MARGIN.right;
    const bottom = HEIGHT - MARGIN.bottom;
    const x = scaleLinear().domain([1, Math.max(2, count)]).range([MARGIN.left, right]);
    const [low = 0, high = 0] = extent(points, (point) => point.cumulative);
    const y = scaleLinear().domain([Math.min(0, low), Math.max(0, high) || 1]).nice().range([bottom, MARGIN.top]);
    const path = line<IncrementalProfitPoint>().x((point) => x(point.t)).y((point) => y(point.cumulative))(points) ?? '';
    const hovered = this.hover.index === undefined ? undefined : points[this.hover.index];
    const name = this.format.periodName;
    const payback = this.paybackPeriod;
    const legend: LegendItem[] = [
      { label: 'Cumulative incremental profit', colour: COLOURS.profit, kind: 'line' },
      { label: payback === null ? 'No payback within the horizon' : `Payback: ${this.format.period(payback).toLowerCase()}`, colour: COLOURS.current, kind: 'line', dash: '4 3' },
    ];

    return html`<chart-frame heading="Cumulative incremental profit"
      description="Profit above what the same periods would earn with no spend, added up. It pays back where it crosses zero."
      .legend=${legend} .table=${this.table()} .tooltip=${this.tooltip(hovered, x, y)}>
      <svg class="chart" viewBox="0 0 ${width} ${HEIGHT}" role="img" tabindex="0"
        aria-label=${`Line chart of cumulative incremental profit per ${name}; ${payback === null ? 'no payback within the horizon' : `payback in ${name} ${payback}`}. Use the arrow keys to read each ${name}.`}
        @pointermove=${(event: PointerEvent) => this.hover.pointAt(event, width, count, (at) => Math.round(x.invert(at)) - 1)} @pointerleave=${() => this.hover.clear()}
        @keydown=${(event: KeyboardEvent) => this.hover.key(event, count)} @blur=${() => this.hover.clear()}>
        ${verticalAxis(y, MARGIN.left, MARGIN.top, bottom, 'left', { ticks: y.ticks(5), format: this.format.moneyShort, label: 'Cumulative profit', gridTo: right })}
        <line x1=${MARGIN.left} x2=${right} y1=${y(0)} y2=${y(0)} stroke="#333" stroke-width="1"></line>
        <path d=${path} fill="none" stroke=${COLOURS.profit} stroke-width="2.5"></path>
        ${payback === null ? null : svg`<line x1=${x(payback)} x2=${x(payback)} y1=${MARGIN.top} y2=${bottom} stroke=${COLOURS.current} stroke-width="2" stroke-dasharray="4 3"></line>
          <text class="annotation" x=${x(payback) + (x(payback) > right - 110 ? -6 : 6)} y=${MARGIN.top + 10} text-anchor=${x(payback) > right - 110 ? 'end' : 'start'}>Payback: ${this.format.period(payback).toLowerCase()}</text>`}
        ${bottomAxis(x, bottom, MARGIN.left, right, { ticks: periodTicks(count, this.periodsPerYear, right - MARGIN.left), format: String, label: `${name[0].toUpperCase()}${name.slice(1)}` })}
        ${hovered === undefined ? null : svg`<line class="guide" x1=${x(hovered.t)} x2=${x(hovered.t)} y1=${MARGIN.top} y2=${bottom}></line>
          <circle cx=${x(hovered.t)} cy=${y(hovered.cumulative)} r="4" fill=${COLOURS.profit}></circle>`}
        <rect class="overlay" x=${MARGIN.left} y=${MARGIN.top} width=${Math.max(0, right - MARGIN.left)} height=${Math.max(0, bottom - MARGIN.top)}></rect>
      </svg>
    </chart-frame>`;
  }

  private tooltip(point: IncrementalProfitPoint | undefined, x: (t: number) => number, y: (value: number) => number): ChartTooltip | undefined {
    if (point === undefined) return undefined;
    return {
      ...(this.hover.pointer ?? { x: x(point.t), y: y(point.cumulative) }),
      title: this.format.periodLabel(point.t),
      lines: [
        { label: 'Incremental contribution', value: this.format.money(point.incrementalContribution) },
        { label: 'Spend', value: this.format.money(point.spend) },
        { label: 'Cumulative profit', value: this.format.money(point.cumulative), colour: COLOURS.profit },
      ],
    };
  }

  private table(): ChartTable {
    return {
      caption: 'Cumulative incremental profit by period',
      columns: ['Period', 'Incremental contribution', 'Spend', 'Cumulative incremental profit'],
      rows: this.points.map((point) => [
        this.format.periodLabel(point.t), this.format.money(point.incrementalContribution), this.format.money(point.spend), this.format.money(point.cumulative),
      ]),
    };
  }
}

customElements.define('cumulative-profit-chart', CumulativeProfitChart);

declare global {
  interface HTMLElementTagNameMap { 'cumulative-profit-chart': CumulativeProfitChart; }
}
