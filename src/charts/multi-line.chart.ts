import { extent, line, scaleLinear } from 'd3';
import { LitElement, html, svg } from 'lit';
import { bottomAxis, verticalAxis } from './axes.ts';
import './chart-frame.component.ts';
import type { ChartTable, ChartTooltip, LegendItem } from './chart-frame.component.ts';
import { chartSvgStyles } from './chart-svg.styles.ts';
import { HoverController } from './hover-controller.ts';
import { ResizeController } from './resize-controller.ts';

/** One line: a scenario's values over time. */
export interface LineSeries {
  label: string;
  colour: string;
  dash: string;
  /** x in months from the start (so monthly, quarterly and weekly plans share an axis). */
  points: { x: number; y: number; label: string }[];
}

const HEIGHT = 260;
const MARGIN = { top: 12, right: 20, bottom: 48, left: 70 };

/**
 * Several scenarios' values of one quantity over time, a line each, for the comparison view.
 * Tooltips and the table show every line at the hovered point in time.
 */
export class MultiLineChart extends LitElement {
  static override styles = chartSvgStyles;
  static override properties = {
    heading: { type: String },
    description: { type: String },
    series: { attribute: false },
    yLabel: { type: String },
    formatY: { attribute: false },
  };

  declare heading: string;
  declare description: string;
  declare series: LineSeries[];
  declare yLabel: string;
  declare formatY: (value: number) => string;
  private readonly size = new ResizeController(this);
  private readonly hover = new HoverController(this);

  constructor() {
    super();
    this.heading = '';
    this.description = '';
    this.series = [];
    this.yLabel = '';
    this.formatY = String;
  }

  /** Every point in time any line has, in order: the hover and table positions. */
  private times(): number[] {
    return [...new Set(this.series.flatMap((each) => each.points.map((point) => point.x)))].sort((a, b) => a - b);
  }

  override render() {
    const width = Math.max(280, this.size.width);
    const right = width - MARGIN.right;
    const bottom = HEIGHT - MARGIN.bottom;
    const times = this.times();
    const [xLow = 0, xHigh = 1] = extent(times);
    const x = scaleLinear().domain([Math.min(0, xLow), xHigh > xLow ? xHigh : xLow + 1]).range([MARGIN.left, right]);
    const values = this.series.flatMap((each) => each.points.map((point) => point.y));
    const [low = 0, high = 1] = extent(values);
    const y = scaleLinear().domain([Math.min(0, low), high > Math.min(0, low) ? high : Math.min(0, low) + 1]).nice().range([bottom, MARGIN.top]);
    const hoveredTime = this.hover.index === undefined ? undefined : times[this.hover.index];
    const legend: LegendItem[] = this.series.map((each) => ({ label: each.label, colour: each.colour, kind: 'line', dash: each.dash }));
    const monthTicks = x.ticks(Math.max(2, Math.floor((right - MARGIN.left) / 70))).filter((tick) => Number.isInteger(tick));

    return html`<chart-frame heading=${this.heading} description=${this.description}
      .legend=${legend} .table=${this.table()} .tooltip=${this.tooltip(hoveredTime, x, y)}>
      <svg class="chart" viewBox="0 0 ${width} ${HEIGHT}" role="img" tabindex="0"
        aria-label=${`${this.heading}: one line per scenario over time. Use the arrow keys to read each point.`}
        @pointermove=${(event: PointerEvent) => this.hover.pointAt(event, width, times.length, (at) => nearestIndex(times, x.invert(at)))}
        @pointerleave=${() => this.hover.clear()}
        @keydown=${(event: KeyboardEvent) => this.hover.key(event, times.length)} @blur=${() => this.hover.clear()}>
        ${verticalAxis(y, MARGIN.left, MARGIN.top, bottom, 'left', { ticks: y.ticks(5), format: this.formatY, label: this.yLabel, gridTo: right })}
        ${low < 0 ? svg`<line x1=${MARGIN.left} x2=${right} y1=${y(0)} y2=${y(0)} stroke="#333"></line>` : null}
        ${this.series.map((each) => svg`<path d=${line<{ x: number; y: number }>().x((point) => x(point.x)).y((point) => y(point.y))(each.points) ?? ''}
          fill="none" stroke=${each.colour} stroke-width="2.5" stroke-dasharray=${each.dash}></path>`)}
        ${bottomAxis(x, bottom, MARGIN.left, right, { ticks: monthTicks, format: String, label: 'Months from the start' })}
        ${hoveredTime === undefined ? null : svg`<line class="guide" x1=${x(hoveredTime)} x2=${x(hoveredTime)} y1=${MARGIN.top} y2=${bottom}></line>`}
        <rect class="overlay" x=${MARGIN.left} y=${MARGIN.top} width=${Math.max(0, right - MARGIN.left)} height=${Math.max(0, bottom - MARGIN.top)}></rect>
      </svg>
    </chart-frame>`;
  }

  private tooltip(time: number | undefined, x: (value: number) => number, y: (value: number) => number): ChartTooltip | undefined {
    if (time === undefined) return undefined;
    const lines = this.series.map((each) => {
      const point = each.points.find((candidate) => candidate.x === time);
      return { label: each.label, value: point === undefined ? '—' : this.formatY(point.y), colour: each.colour };
    });
    return { ...(this.hover.pointer ?? { x: x(time), y: y(0) }), title: `Month ${formatMonths(time)}`, lines };
  }

  private table(): ChartTable {
    return {
      caption: `${this.heading}, by months from the start`,
      columns: ['Months from start', ...this.series.map((each) => each.label)],
      rows: this.times().map((time) => [
        formatMonths(time),
        ...this.series.map((each) => {
          const point = each.points.find((candidate) => candidate.x === time);
          return point === undefined ? '—' : this.formatY(point.y);
        }),
      ]),
    };
  }
}

function nearestIndex(times: number[], value: number): number {
  let best = 0;
  times.forEach((time, index) => { if (Math.abs(time - value) < Math.abs(times[best] - value)) best = index; });
  return times.length === 0 ? -1 : best;
}

/** Weeks land between whole months; one decimal is enough to tell them apart. */
function formatMonths(months: number): string {
  return Number.isInteger(months) ? String(months) : months.toFixed(1);
}

customElements.define('multi-line-chart', MultiLineChart);

declare global {
  interface HTMLElementTagNameMap { 'multi-line-chart': MultiLineChart; }
}
