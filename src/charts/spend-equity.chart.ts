import { max, scaleBand, scaleLinear, line } from 'd3';
import { LitElement, html, svg } from 'lit';
import type { PeriodResult } from '../engine/index.ts';
import { type ChartFormats, chartFormats } from './chart-formats.ts';
import { bottomAxis, periodTicks, verticalAxis } from './axes.ts';
import './chart-frame.component.ts';
import type { ChartTable, ChartTooltip, LegendItem } from './chart-frame.component.ts';
import { chartSvgStyles } from './chart-svg.styles.ts';
import { HoverController } from './hover-controller.ts';
import { COLOURS } from './palette.ts';
import { ResizeController } from './resize-controller.ts';

const HEIGHT = 270;
const MARGIN = { top: 12, right: 62, bottom: 48, left: 66 };

const LEGEND: LegendItem[] = [
  { label: 'Upstream spend', colour: COLOURS.upstream },
  { label: 'Downstream spend', colour: COLOURS.downstream },
  { label: 'Brand equity (right axis)', colour: COLOURS.equity, kind: 'line' },
];

/**
 * Spend per period as stacked bars (upstream below, downstream above) with brand equity as a
 * line on its own axis: where the money goes, and what the brand does in response.
 */
export class SpendEquityChart extends LitElement {
  static override styles = chartSvgStyles;
  static override properties = {
    formats: { attribute: false },
    periods: { attribute: false },
    periodsPerYear: { type: Number },
    startYear: { attribute: false },
    heading: { type: String },
  };

  declare periods: PeriodResult[];
  declare periodsPerYear: number;
  /** Calendar year of period 1, for labels; undefined labels periods Y1-M01 … */
  declare startYear: number | undefined;
  declare heading: string;
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
    this.periods = [];
    this.periodsPerYear = 12;
    this.startYear = undefined;
    this.heading = 'Spend and brand equity';
  }

  override render() {
    const periods = this.periods;
    const width = Math.max(280, this.size.width);
    const right = width - MARGIN.right;
    const bottom = HEIGHT - MARGIN.bottom;
    const count = periods.length;
    const x = scaleBand<number>().domain(periods.map((period) => period.t)).range([MARGIN.left, right]).paddingInner(count > 80 ? 0 : 0.15);
    const spendMax = max(periods, (period) => period.upstream + period.downstream) ?? 0;
    const ySpend = scaleLinear().domain([0, spendMax > 0 ? spendMax : 1]).nice().range([bottom, MARGIN.top]);
    const equityMax = max(periods, (period) => period.equity) ?? 0;
    const yEquity = scaleLinear().domain([0, Math.min(1, Math.max(0.05, equityMax * 1.15))]).nice().range([bottom, MARGIN.top]);
    const centre = (t: number) => (x(t) ?? 0) + x.bandwidth() / 2;
    const equityPath = line<PeriodResult>().x((period) => centre(period.t)).y((period) => yEquity(period.equity))(periods) ?? '';
    const hovered = this.hover.index === undefined ? undefined : periods[this.hover.index];
    const name = this.format.periodName;

    return html`<chart-frame heading=${this.heading}
      description=${`Spend per ${name}, stacked, and the brand equity it builds (0–1 scale).`}
      .legend=${LEGEND} .table=${this.table()} .tooltip=${this.tooltip(hovered, centre, ySpend)}>
      <svg class="chart" viewBox="0 0 ${width} ${HEIGHT}" role="img" tabindex="0"
        aria-label=${`Chart of upstream and downstream spend per ${name} with brand equity. Use the arrow keys to read each ${name}.`}
        @pointermove=${(event: PointerEvent) => this.hover.pointAt(event, width, count, (at) => Math.floor((at - MARGIN.left) / x.step()))} @pointerleave=${() => this.hover.clear()}
        @keydown=${(event: KeyboardEvent) => this.hover.key(event, count)} @blur=${() => this.hover.clear()}>
        ${verticalAxis(ySpend, MARGIN.left, MARGIN.top, bottom, 'left', { ticks: ySpend.ticks(5), format: this.format.moneyShort, label: `Spend per ${name}`, gridTo: right })}
        ${verticalAxis(yEquity, right, MARGIN.top, bottom, 'right', { ticks: yEquity.ticks(5), format: (value) => value.toFixed(2), label: 'Brand equity' })}
        ${periods.map((period) => {
          const left = x(period.t) ?? 0;
          const upTop = ySpend(period.upstream);
          const downTop = ySpend(period.upstream + period.downstream);
          return svg`<rect x=${left} width=${Math.max(0.5, x.bandwidth())} y=${upTop} height=${Math.max(0, bottom - upTop)} fill=${COLOURS.upstream}></rect>
            <rect x=${left} width=${Math.max(0.5, x.bandwidth())} y=${downTop} height=${Math.max(0, upTop - downTop)} fill=${COLOURS.downstream}></rect>`;
        })}
        <path d=${equityPath} fill="none" stroke=${COLOURS.equity} stroke-width="2.5"></path>
        ${bottomAxis((t) => centre(t), bottom, MARGIN.left, right, { ticks: periodTicks(count, this.periodsPerYear, right - MARGIN.left), format: String, label: `${name[0].toUpperCase()}${name.slice(1)}` })}
        ${hovered === undefined ? null : svg`<line class="guide" x1=${centre(hovered.t)} x2=${centre(hovered.t)} y1=${MARGIN.top} y2=${bottom}></line>
          <circle cx=${centre(hovered.t)} cy=${yEquity(hovered.equity)} r="4" fill=${COLOURS.equity}></circle>`}
        <rect class="overlay" x=${MARGIN.left} y=${MARGIN.top} width=${Math.max(0, right - MARGIN.left)} height=${Math.max(0, bottom - MARGIN.top)}></rect>
      </svg>
    </chart-frame>`;
  }

  private tooltip(period: PeriodResult | undefined, centre: (t: number) => number, y: (value: number) => number): ChartTooltip | undefined {
    if (period === undefined) return undefined;
    const position = this.hover.pointer ?? { x: centre(period.t), y: y(period.upstream + period.downstream) };
    return {
      ...position,
      title: this.format.periodLabel(period.t),
      lines: [
        { label: 'Upstream', value: this.format.money(period.upstream), colour: COLOURS.upstream },
        { label: 'Downstream', value: this.format.money(period.downstream), colour: COLOURS.downstream },
        { label: 'Brand equity', value: this.format.equity(period.equity), colour: COLOURS.equity },
      ],
    };
  }

  private table(): ChartTable {
    return {
      caption: 'Spend and brand equity by period',
      columns: ['Period', 'Upstream spend', 'Downstream spend', 'Brand equity'],
      rows: this.periods.map((period) => [
        this.format.periodLabel(period.t), this.format.money(period.upstream), this.format.money(period.downstream), this.format.equity(period.equity),
      ]),
    };
  }
}

customElements.define('spend-equity-chart', SpendEquityChart);

declare global {
  interface HTMLElementTagNameMap { 'spend-equity-chart': SpendEquityChart; }
}
