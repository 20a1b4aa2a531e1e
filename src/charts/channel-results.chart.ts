import { max, min, scaleBand, scaleLinear } from 'd3';
import { LitElement, html, svg } from 'lit';
import { formatSignedRatio } from '../engine/io/number-formats.ts';
import { bottomAxis } from './axes.ts';
import { type ChartFormats, chartFormats } from './chart-formats.ts';
import './chart-frame.component.ts';
import type { ChartTable, ChartTooltip, LegendItem } from './chart-frame.component.ts';
import { chartSvgStyles } from './chart-svg.styles.ts';
import { HoverController } from './hover-controller.ts';
import { COLOURS } from './palette.ts';
import { ResizeController } from './resize-controller.ts';

/** One channel's results (spec §9.4) with its marginal ROI, as the chart shows them. */
export interface ChannelResultRow {
  name: string;
  side: 'upstream' | 'downstream';
  spend: number;
  incrementalRevenue: number;
  roi: number | null;
  /** What the next unit of money on the channel returns above its cost; undefined when not known. */
  marginalRoi?: number;
  valueAdded: number;
}

/** What the bars measure. */
export type ChannelMeasure = 'valueAdded' | 'roi';

const MEASURE_LABELS: Readonly<Record<ChannelMeasure, string>> = {
  valueAdded: 'Value added',
  roi: 'ROI over the horizon',
};

const ROW = 34;
const MARGIN = { top: 8, right: 78, bottom: 50 };
/** Width of a character of an axis name, about, at the annotation's 11 px: names that do not fit are cut short (the tooltip and the table give them whole). */
const CHARACTER_WIDTH = 6.4;

const LEGEND: LegendItem[] = [
  { label: 'Upstream channel', colour: COLOURS.upstream },
  { label: 'Downstream channel', colour: COLOURS.downstream },
];

/**
 * Each channel's value added (or its ROI over the horizon) as a horizontal bar, coloured by side:
 * which channels earn their money. Names read on the left at any width; the bars start at 0, so a
 * channel that loses money points left.
 */
export class ChannelResultsChart extends LitElement {
  static override styles = chartSvgStyles;
  static override properties = {
    formats: { attribute: false },
    channels: { attribute: false },
    measure: { type: String },
  };

  declare channels: ChannelResultRow[];
  declare measure: ChannelMeasure;
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
    this.channels = [];
    this.measure = 'valueAdded';
  }

  private measured(row: ChannelResultRow): number | null {
    return this.measure === 'roi' ? row.roi : row.valueAdded;
  }

  private formatValue(value: number | null): string {
    return this.measure === 'roi' ? this.format.percent(value) : this.format.money(value);
  }

  private formatTick(value: number): string {
    return this.measure === 'roi' ? this.format.percentWhole(value) : this.format.moneyShort(value);
  }

  override render() {
    const rows = this.channels;
    const width = Math.max(280, this.size.width);
    const left = Math.min(130, Math.max(92, Math.round(width * 0.26)));
    const nameCharacters = Math.floor((left - 12) / CHARACTER_WIDTH);
    const right = width - MARGIN.right;
    const bottom = MARGIN.top + Math.max(1, rows.length) * ROW;
    const height = bottom + MARGIN.bottom;
    const values = rows.map((row) => this.measured(row) ?? 0);
    const low = Math.min(0, min(values) ?? 0);
    const high = Math.max(0, max(values) ?? 0);
    const x = scaleLinear().domain([low, high > low ? high : low + 1]).nice(5).range([left, right]);
    const y = scaleBand<number>().domain(rows.map((_, index) => index)).range([MARGIN.top, bottom]).padding(0.25);
    const hovered = this.hover.index === undefined ? undefined : rows[this.hover.index];
    const label = MEASURE_LABELS[this.measure];
    const zero = x(0);

    return html`<chart-frame heading=${this.measure === 'roi' ? 'ROI by channel' : 'Value added by channel'}
      description=${this.measure === 'roi'
        ? 'Each channel’s return over the horizon: its extra contribution less its spend, per unit spent.'
        : 'How much marketing NPV with carryover would fall without each channel’s spend.'}
      .legend=${LEGEND} .table=${this.table()} .tooltip=${this.tooltip(hovered, x, y)}>
      <svg class="chart" viewBox="0 0 ${width} ${height}" role="img" tabindex="0"
        aria-label=${`Bar chart of ${label.toLowerCase()} by channel: ${rows.map((row) => `${row.name} ${this.formatValue(this.measured(row))}`).join(', ')}. Use the arrow keys to read each channel.`}
        @pointermove=${(event: PointerEvent) => this.hover.pointAt(event, width, rows.length, () => this.rowAt(event, height, y))}
        @pointerleave=${() => this.hover.clear()}
        @keydown=${(event: KeyboardEvent) => this.hover.key(event, rows.length)} @blur=${() => this.hover.clear()}>
        ${bottomAxis(x, bottom, left, right, { ticks: x.ticks(width < 420 ? 3 : 5), format: (value) => this.formatTick(value), label })}
        <g class="axis" aria-hidden="true">${x.ticks(width < 420 ? 3 : 5).map((tick) => svg`<line class="grid" x1=${x(tick)} x2=${x(tick)} y1=${MARGIN.top} y2=${bottom}></line>`)}</g>
        ${rows.map((row, index) => {
          const value = this.measured(row);
          const top = y(index) ?? 0;
          const colour = row.side === 'upstream' ? COLOURS.upstream : COLOURS.downstream;
          const end = value === null ? zero : x(value);
          const name = row.name.length > nameCharacters ? `${row.name.slice(0, nameCharacters - 1).trimEnd()}…` : row.name;
          return svg`<text class="annotation" x=${left - 8} y=${top + y.bandwidth() / 2} dy="0.32em" text-anchor="end">${name}</text>
            <rect x=${Math.min(zero, end)} width=${Math.max(value === null ? 0 : 1, Math.abs(end - zero))} y=${top} height=${y.bandwidth()}
              fill=${colour} stroke=${hovered === row ? '#222' : 'none'} stroke-width="2"></rect>
            <text class="annotation" x=${Math.max(zero, end) + 5} y=${top + y.bandwidth() / 2} dy="0.32em">${this.formatValue(value)}</text>`;
        })}
        <line x1=${zero} x2=${zero} y1=${MARGIN.top} y2=${bottom} stroke="#333" stroke-width="1"></line>
        <rect class="overlay" x=${left} y=${MARGIN.top} width=${Math.max(0, right - left)} height=${Math.max(0, bottom - MARGIN.top)}></rect>
      </svg>
    </chart-frame>`;
  }

  /** The row under the pointer, from its height in the drawing (the rows are stacked vertically). */
  private rowAt(event: PointerEvent, height: number, y: ReturnType<typeof scaleBand<number>>): number {
    const element = event.currentTarget as Element;
    const box = element.getBoundingClientRect();
    const at = ((event.clientY - box.top) * height) / (box.height || 1);
    return Math.floor((at - MARGIN.top) / y.step());
  }

  private tooltip(row: ChannelResultRow | undefined, x: (value: number) => number, y: ReturnType<typeof scaleBand<number>>): ChartTooltip | undefined {
    if (row === undefined) return undefined;
    const index = this.channels.indexOf(row);
    const value = this.measured(row);
    return {
      ...(this.hover.pointer ?? { x: x(Math.max(0, value ?? 0)), y: (y(index) ?? 0) + y.bandwidth() }),
      title: `${row.name} (${row.side})`,
      lines: [
        { label: 'Spend', value: this.format.money(row.spend) },
        { label: 'Incremental revenue', value: this.format.money(row.incrementalRevenue) },
        { label: 'ROI', value: this.format.percent(row.roi) },
        { label: 'Marginal ROI', value: formatSignedRatio(row.marginalRoi, this.format) },
        { label: 'Value added', value: this.format.money(row.valueAdded) },
      ],
    };
  }

  private table(): ChartTable {
    return {
      caption: 'Results by channel over the horizon (value added includes the carryover years)',
      columns: ['Channel', 'Side', 'Spend', 'Incremental revenue', 'ROI', 'Marginal ROI', 'Value added'],
      rows: this.channels.map((row) => [
        row.name, row.side, this.format.money(row.spend), this.format.money(row.incrementalRevenue), this.format.percent(row.roi),
        formatSignedRatio(row.marginalRoi, this.format), this.format.money(row.valueAdded),
      ]),
    };
  }
}

customElements.define('channel-results-chart', ChannelResultsChart);

declare global {
  interface HTMLElementTagNameMap { 'channel-results-chart': ChannelResultsChart; }
}
