import { max, scaleBand, scaleLinear } from 'd3';
import { LitElement, html, svg } from 'lit';
import type { PeriodResult } from '../engine/sim/results.ts';
import { bottomAxis, periodTicks, verticalAxis } from './axes.ts';
import { type ChartFormats, chartFormats } from './chart-formats.ts';
import { type ChannelKey, channelLegend, channelStyles } from './channel-colours.ts';
import './chart-frame.component.ts';
import type { ChartTable, ChartTooltip } from './chart-frame.component.ts';
import { chartSvgStyles } from './chart-svg.styles.ts';
import { HoverController } from './hover-controller.ts';
import { ResizeController } from './resize-controller.ts';

const HEIGHT = 270;
const MARGIN = { top: 12, right: 16, bottom: 48, left: 66 };

/**
 * Spend per period stacked by channel, upstream channels at the bottom (blues), downstream ones
 * above (oranges): where each period's money goes.
 */
export class ChannelSpendChart extends LitElement {
  static override styles = chartSvgStyles;
  static override properties = {
    formats: { attribute: false },
    periods: { attribute: false },
    channels: { attribute: false },
    periodsPerYear: { type: Number },
    startYear: { attribute: false },
  };

  /** The simulation's periods; each one's `spend` gives the channels' spend by name. */
  declare periods: PeriodResult[];
  /** The channels in the order they stack (upstream first, as the results list them). */
  declare channels: ChannelKey[];
  declare periodsPerYear: number;
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
    this.periods = [];
    this.channels = [];
    this.periodsPerYear = 12;
    this.startYear = undefined;
  }

  override render() {
    const periods = this.periods;
    const channels = this.channels;
    const styles = channelStyles(channels);
    const width = Math.max(280, this.size.width);
    const right = width - MARGIN.right;
    const bottom = HEIGHT - MARGIN.bottom;
    const count = periods.length;
    const spendOf = (period: PeriodResult, name: string) => period.spend[name] ?? 0;
    const totalOf = (period: PeriodResult) => channels.reduce((sum, channel) => sum + spendOf(period, channel.name), 0);
    const x = scaleBand<number>().domain(periods.map((period) => period.t)).range([MARGIN.left, right]).paddingInner(count > 80 ? 0 : 0.15);
    const highest = max(periods, totalOf) ?? 0;
    const y = scaleLinear().domain([0, highest > 0 ? highest : 1]).nice().range([bottom, MARGIN.top]);
    const centre = (t: number) => (x(t) ?? 0) + x.bandwidth() / 2;
    const hovered = this.hover.index === undefined ? undefined : periods[this.hover.index];
    const name = this.format.periodName;

    return html`<chart-frame heading="Spend by channel"
      description=${`Spend per ${name}, stacked by channel: upstream channels below, downstream ones above.`}
      .legend=${channelLegend(channels, 'swatch')} .table=${this.table()} .tooltip=${this.tooltip(hovered, centre, y, totalOf)}>
      <svg class="chart" viewBox="0 0 ${width} ${HEIGHT}" role="img" tabindex="0"
        aria-label=${`Stacked bar chart of spend per ${name} by channel (${channels.map((channel) => channel.name).join(', ')}). Use the arrow keys to read each ${name}.`}
        @pointermove=${(event: PointerEvent) => this.hover.pointAt(event, width, count, (at) => Math.floor((at - MARGIN.left) / x.step()))}
        @pointerleave=${() => this.hover.clear()}
        @keydown=${(event: KeyboardEvent) => this.hover.key(event, count)} @blur=${() => this.hover.clear()}>
        ${verticalAxis(y, MARGIN.left, MARGIN.top, bottom, 'left', { ticks: y.ticks(5), format: this.format.moneyShort, label: `Spend per ${name}`, gridTo: right })}
        ${this.bars(periods, channels, x, y).map((bars, index) => svg`<path d=${bars} fill=${styles.get(channels[index].name)?.colour ?? '#999'}></path>`)}
        ${bottomAxis((t) => centre(t), bottom, MARGIN.left, right, { ticks: periodTicks(count, this.periodsPerYear, right - MARGIN.left), format: String, label: `${name[0].toUpperCase()}${name.slice(1)}` })}
        ${hovered === undefined ? null : svg`<line class="guide" x1=${centre(hovered.t)} x2=${centre(hovered.t)} y1=${MARGIN.top} y2=${bottom}></line>`}
        <rect class="overlay" x=${MARGIN.left} y=${MARGIN.top} width=${Math.max(0, right - MARGIN.left)} height=${Math.max(0, bottom - MARGIN.top)}></rect>
      </svg>
    </chart-frame>`;
  }

  /**
   * Each channel's bars as one path (a rectangle per period, stacked on the channels below): a
   * handful of elements rather than one per channel and period, so a slider step redraws 4 + 4
   * channels over 60 months in a fraction of the time.
   */
  private bars(periods: PeriodResult[], channels: ChannelKey[], x: ReturnType<typeof scaleBand<number>>, y: (value: number) => number): string[] {
    const width = Math.max(0.5, x.bandwidth());
    const paths = channels.map(() => [] as string[]);
    for (const period of periods) {
      const left = x(period.t) ?? 0;
      let stacked = 0;
      channels.forEach((channel, index) => {
        const spend = period.spend[channel.name] ?? 0;
        const top = y(stacked + spend);
        const height = Math.max(0, y(stacked) - top);
        stacked += spend;
        if (height > 0) paths[index].push(`M${left.toFixed(2)},${top.toFixed(2)}h${width.toFixed(2)}v${height.toFixed(2)}h${(-width).toFixed(2)}z`);
      });
    }
    return paths.map((parts) => parts.join(''));
  }

  private tooltip(period: PeriodResult | undefined, centre: (t: number) => number, y: (value: number) => number, totalOf: (period: PeriodResult) => number): ChartTooltip | undefined {
    if (period === undefined) return undefined;
    const styles = channelStyles(this.channels);
    return {
      ...(this.hover.pointer ?? { x: centre(period.t), y: y(totalOf(period)) }),
      title: this.format.periodLabel(period.t),
      lines: [
        // Top of the stack first, as the bars read.
        ...[...this.channels].reverse().map((channel) => ({ label: channel.name, value: this.format.money(period.spend[channel.name] ?? 0), colour: styles.get(channel.name)?.colour })),
        { label: 'Total', value: this.format.money(totalOf(period)) },
      ],
    };
  }

  private table(): ChartTable {
    return {
      caption: 'Spend by channel and period',
      columns: ['Period', ...this.channels.map((channel) => channel.name), 'Total'],
      rows: this.periods.map((period) => [
        this.format.periodLabel(period.t),
        ...this.channels.map((channel) => this.format.money(period.spend[channel.name] ?? 0)),
        this.format.money(this.channels.reduce((sum, channel) => sum + (period.spend[channel.name] ?? 0), 0)),
      ]),
    };
  }
}

customElements.define('channel-spend-chart', ChannelSpendChart);

declare global {
  interface HTMLElementTagNameMap { 'channel-spend-chart': ChannelSpendChart; }
}
