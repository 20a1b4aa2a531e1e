import { area, max, min, scaleLinear, stack, stackOffsetDiverging, stackOrderNone } from 'd3';
import { LitElement, html, svg } from 'lit';
import type { BaseFall } from '../engine/base-fall.ts';
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
const MARGIN = { top: 12, right: 20, bottom: 48, left: 66 };

type SourceKey = 'revenueBase' | 'revenueUpstream' | 'revenueDownstream' | 'revenueSynergy';

const SOURCES: { key: SourceKey; label: string; colour: string; hatch?: boolean }[] = [
  { key: 'revenueBase', label: 'Base (no spend)', colour: COLOURS.base },
  { key: 'revenueUpstream', label: 'Upstream-driven', colour: COLOURS.upstream },
  { key: 'revenueDownstream', label: 'Downstream-driven', colour: COLOURS.downstream },
  { key: 'revenueSynergy', label: 'Synergy (both together)', colour: COLOURS.synergy, hatch: true },
];

const LEGEND: LegendItem[] = SOURCES.map((source) => ({ label: source.label, colour: source.colour, kind: source.hatch ? 'hatch' : 'swatch' }));

/**
 * Revenue per period split into what would come with no spend, what each side adds alone, and
 * what only both together add (spec §7). Synergy can be negative; a diverging stack draws it
 * below zero rather than hiding it. When the base falls noticeably early on (`baseFall`), a
 * label says why: the spend before the plan wearing off, not anything the plan does.
 */
export class RevenueSourcesChart extends LitElement {
  static override styles = chartSvgStyles;
  static override properties = {
    formats: { attribute: false },
    periods: { attribute: false },
    periodsPerYear: { type: Number },
    startYear: { attribute: false },
    baseFall: { attribute: false },
  };

  declare periods: PeriodResult[];
  declare periodsPerYear: number;
  /** Calendar year of period 1, for labels; undefined labels periods Y1-M01 … */
  declare startYear: number | undefined;
  /** How numbers are written (money with the model's currency); plain until the app passes them. */
  declare formats: ChartFormats | undefined;
  /** The base's early fall as past spend wears off (`baseFall` in the engine), labelled when given. */
  declare baseFall: BaseFall | undefined;
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
    this.baseFall = undefined;
  }

  override render() {
    const periods = this.periods;
    const count = periods.length;
    const width = Math.max(280, this.size.width);
    const right = width - MARGIN.right;
    const bottom = HEIGHT - MARGIN.bottom;
    const x = scaleLinear().domain([1, Math.max(2, count)]).range([MARGIN.left, right]);
    const layers = stack<PeriodResult, SourceKey>().keys(SOURCES.map((source) => source.key))
      .value((period, key) => stackable(period[key], period.revenue)).order(stackOrderNone).offset(stackOffsetDiverging)(periods);
    const low = Math.min(0, min(layers, (layer) => min(layer, (point) => point[0])) ?? 0);
    const high = max(layers, (layer) => max(layer, (point) => point[1])) ?? 1;
    const y = scaleLinear().domain([low, high > low ? high : low + 1]).nice().range([bottom, MARGIN.top]);
    const shape = area<[number, number]>().x((_, index) => x(index + 1)).y0((point) => y(point[0])).y1((point) => y(point[1]));
    const hovered = this.hover.index === undefined ? undefined : periods[this.hover.index];
    const name = this.format.periodName;

    const fall = this.baseFall !== undefined && this.baseFall.lastT <= count ? this.baseFall : undefined;
    const fallWords = fall === undefined ? '' : ` The base falls ${Math.round(fall.fall * 100)} % in the first year: the spend before the plan wearing off.`;

    return html`<chart-frame heading="Revenue by source"
      description=${`What revenue would be with no spend, what each side adds on its own, and what they add only together.${fallWords}`}
      .legend=${LEGEND} .table=${this.table()} .tooltip=${this.tooltip(hovered, x, y)}>
      <svg class="chart" viewBox="0 0 ${width} ${HEIGHT}" role="img" tabindex="0"
        aria-label=${`Stacked area chart of revenue per ${name} by source. Use the arrow keys to read each ${name}.`}
        @pointermove=${(event: PointerEvent) => this.hover.pointAt(event, width, count, (at) => Math.round(x.invert(at)) - 1)} @pointerleave=${() => this.hover.clear()}
        @keydown=${(event: KeyboardEvent) => this.hover.key(event, count)} @blur=${() => this.hover.clear()}>
        <defs>
          <pattern id="synergy-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill=${COLOURS.synergy}></rect><line x1="0" y1="0" x2="0" y2="6" stroke="#fff" stroke-width="2"></line>
          </pattern>
        </defs>
        ${verticalAxis(y, MARGIN.left, MARGIN.top, bottom, 'left', { ticks: y.ticks(5), format: this.format.moneyShort, label: `Revenue per ${name}`, gridTo: right })}
        ${layers.map((layer, index) => svg`<path d=${shape(layer as unknown as [number, number][]) ?? ''}
          fill=${SOURCES[index].hatch ? 'url(#synergy-hatch)' : SOURCES[index].colour}></path>`)}
        ${low < 0 ? svg`<line x1=${MARGIN.left} x2=${right} y1=${y(0)} y2=${y(0)} stroke="#333"></line>` : null}
        ${fall === undefined ? null : this.fallLabel(fall, x, y)}
        ${bottomAxis(x, bottom, MARGIN.left, right, { ticks: periodTicks(count, this.periodsPerYear, right - MARGIN.left), format: String, label: `${name[0].toUpperCase()}${name.slice(1)}` })}
        ${hovered === undefined ? null : svg`<line class="guide" x1=${x(hovered.t)} x2=${x(hovered.t)} y1=${MARGIN.top} y2=${bottom}></line>`}
        <rect class="overlay" x=${MARGIN.left} y=${MARGIN.top} width=${Math.max(0, right - MARGIN.left)} height=${Math.max(0, bottom - MARGIN.top)}></rect>
      </svg>
    </chart-frame>`;
  }

  /**
   * The base's early fall: its top edge drawn dark from period 1 to where most of the fall is
   * done, and a label inside the (light grey) base, where it does not cover the other sources.
   */
  private fallLabel(fall: BaseFall, x: (t: number) => number, y: (value: number) => number) {
    const edge = this.periods.slice(0, fall.lastT).map((period) => `${x(period.t)},${y(stackable(period.revenueBase, period.revenue))}`).join(' ');
    // Below the whole edge (the base falls, so its last point is the lowest), inside the grey base.
    const end = this.periods[fall.lastT - 1];
    const labelY = Math.min(y(0) - 8, y(end.revenueBase) + 18);
    return svg`<g class="base-fall" aria-hidden="true">
      <polyline points=${edge} fill="none" stroke="#222" stroke-width="2.5" stroke-linecap="round"></polyline>
      <text class="annotation" x=${x(1) + 6} y=${labelY}>Base falls ${Math.round(fall.fall * 100)} %: past spend wearing off</text>
    </g>`;
  }

  private tooltip(period: PeriodResult | undefined, x: (t: number) => number, y: (value: number) => number): ChartTooltip | undefined {
    if (period === undefined) return undefined;
    return {
      ...(this.hover.pointer ?? { x: x(period.t), y: y(period.revenue) }),
      title: this.format.periodLabel(period.t),
      lines: [
        ...SOURCES.map((source) => ({ label: source.label, value: this.format.money(period[source.key]), colour: source.colour })),
        ...(this.baseFall !== undefined && period.t <= this.baseFall.lastT ? [{ label: 'Base falling', value: 'past spend wearing off' }] : []),
        { label: 'Total revenue', value: this.format.money(period.revenue) },
      ],
    };
  }

  private table(): ChartTable {
    return {
      caption: `Revenue by source, per ${this.format.periodName}`,
      columns: ['Period', ...SOURCES.map((source) => source.label), 'Total revenue'],
      rows: this.periods.map((period) => [
        this.format.periodLabel(period.t), ...SOURCES.map((source) => this.format.money(period[source.key])), this.format.money(period.revenue),
      ]),
    };
  }
}

/**
 * A diverging stack puts negative values below zero; a part that is zero but for rounding
 * (±1e-12 of revenue) would flip between the two sides and draw a spike, so it counts as 0.
 */
function stackable(value: number, revenue: number): number {
  return Math.abs(value) <= 1e-9 * Math.abs(revenue) ? 0 : value;
}

customElements.define('revenue-sources-chart', RevenueSourcesChart);

declare global {
  interface HTMLElementTagNameMap { 'revenue-sources-chart': RevenueSourcesChart; }
}
