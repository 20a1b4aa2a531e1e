import { area, line, max, min, scaleLinear } from 'd3';
import { LitElement, html, svg } from 'lit';
import type { AfterHorizonPoint } from '../engine/after-horizon.ts';
import { bottomAxis, verticalAxis } from './axes.ts';
import { type ChartFormats, chartFormats } from './chart-formats.ts';
import './chart-frame.component.ts';
import type { ChartTable, ChartTooltip, LegendItem } from './chart-frame.component.ts';
import { chartSvgStyles } from './chart-svg.styles.ts';
import { HoverController } from './hover-controller.ts';
import { COLOURS } from './palette.ts';
import { ResizeController } from './resize-controller.ts';

const HEIGHT = 270;
const MARGIN = { top: 12, right: 62, bottom: 48, left: 66 };
const DISCOUNTED = '#08306B';
const NO_SPEND_EQUITY = '#777777';

const legend = (periodName: string): LegendItem[] => [
  { label: `Extra contribution per ${periodName}`, colour: COLOURS.upstream },
  { label: 'The same in today’s money (adds up to the carryover value)', colour: DISCOUNTED, kind: 'line', dash: '6 3' },
  { label: 'Brand equity with the plan (right axis)', colour: COLOURS.equity, kind: 'line' },
  { label: 'Brand equity had nothing been spent (right axis)', colour: NO_SPEND_EQUITY, kind: 'line', dash: '2 3' },
];

/**
 * After the horizon: what the plan keeps earning once its spending stops counting, in the
 * carryover years (spec §6), from the brand equity and ad effects that linger. The area is the
 * extra contribution per period (the plan's run less the run that spent nothing), the dashed
 * line the same discounted to today, which adds up to the carryover value; on the right axis,
 * brand equity with the plan and had nothing been spent, fading towards where the spend after
 * the horizon (nothing, or the history's with the "history" baseline) holds it.
 */
export class AfterHorizonChart extends LitElement {
  static override styles = chartSvgStyles;
  static override properties = {
    points: { attribute: false },
    periodsPerYear: { type: Number },
    startYear: { attribute: false },
    carryoverValue: { attribute: false },
    baselineSpendsHistory: { type: Boolean },
    formats: { attribute: false },
  };

  /** From `afterHorizon(model)`: one per period after the horizon. */
  declare points: AfterHorizonPoint[];
  declare periodsPerYear: number;
  /** Calendar year of period 1, for labels; undefined labels periods Y4-M01 … */
  declare startYear: number | undefined;
  /** The summary's carryover value, for the description. */
  declare carryoverValue: number | undefined;
  /** True when both runs spend the history's amounts after the horizon (`carryoverBaseline` "history"). */
  declare baselineSpendsHistory: boolean;
  /** How numbers are written (money with the model's currency); plain until the app passes them. */
  declare formats: ChartFormats | undefined;
  private get format(): ChartFormats {
    return chartFormats(this.formats, this.periodsPerYear, this.startYear);
  }

  private readonly size = new ResizeController(this);
  private readonly hover = new HoverController(this);

  constructor() {
    super();
    this.points = [];
    this.periodsPerYear = 12;
    this.startYear = undefined;
    this.carryoverValue = undefined;
    this.baselineSpendsHistory = false;
    this.formats = undefined;
  }

  override render() {
    const points = this.points;
    const count = points.length;
    const formats = this.format;
    const name = formats.periodName;
    const periodsPerYear = this.periodsPerYear;
    const heading = 'After the horizon';
    if (count === 0) {
      return html`<chart-frame heading=${heading} description="This model counts no carryover years (Carryover years is 0), so nothing after the horizon is valued."
        .legend=${[]}></chart-frame>`;
    }
    const width = Math.max(280, this.size.width);
    const right = width - MARGIN.right;
    const bottom = HEIGHT - MARGIN.bottom;
    const x = scaleLinear().domain([1, Math.max(2, count)]).range([MARGIN.left, right]);
    const low = Math.min(0, min(points, (point) => Math.min(point.incrementalContribution, point.discountedIncrementalContribution)) ?? 0);
    const high = Math.max(0, max(points, (point) => Math.max(point.incrementalContribution, point.discountedIncrementalContribution)) ?? 0);
    const y = scaleLinear().domain([low, high > low ? high : low + 1]).nice().range([bottom, MARGIN.top]);
    const equityMax = max(points, (point) => Math.max(point.equity, point.equityWithoutSpend)) ?? 0;
    const yEquity = scaleLinear().domain([0, Math.min(1, Math.max(0.05, equityMax * 1.15))]).nice().range([bottom, MARGIN.top]);
    const at = (_: unknown, index: number) => x(index + 1);
    const extra = area<AfterHorizonPoint>().x(at).y0(y(0)).y1((point) => y(point.incrementalContribution))(points) ?? '';
    const discounted = line<AfterHorizonPoint>().x(at).y((point) => y(point.discountedIncrementalContribution))(points) ?? '';
    const equity = line<AfterHorizonPoint>().x(at).y((point) => yEquity(point.equity))(points) ?? '';
    const equityWithoutSpend = line<AfterHorizonPoint>().x(at).y((point) => yEquity(point.equityWithoutSpend))(points) ?? '';
    const hoveredIndex = this.hover.index;
    const hovered = hoveredIndex === undefined ? undefined : points[hoveredIndex];
    const ticks = [1, ...Array.from({ length: Math.floor(count / periodsPerYear) }, (_, year) => (year + 1) * periodsPerYear)].filter((tick, index, all) => all.indexOf(tick) === index);
    const total = this.carryoverValue === undefined ? '' : ` In today’s money it adds up to ${formats.money(this.carryoverValue)}, the carryover value.`;
    const baseline = this.baselineSpendsHistory
      ? ' After the horizon both runs go on spending what was spent before the plan (the "history" carryover baseline).'
      : ' After the horizon neither run spends anything.';

    return html`<chart-frame heading=${heading}
      description=${`What the plan keeps earning in the ${count / periodsPerYear} carryover year${count === periodsPerYear ? '' : 's'} after its last ${name}, because the brand and ad effects it built linger: extra contribution per ${name} over having spent nothing.${total}${baseline}`}
      .legend=${legend(name)} .table=${this.table()} .tooltip=${this.tooltip(hovered, x, y)}>
      <svg class="chart" viewBox="0 0 ${width} ${HEIGHT}" role="img" tabindex="0"
        aria-label=${`Chart of the extra contribution per ${name} and brand equity in the ${count} ${name}s after the horizon. Use the arrow keys to read each ${name}.`}
        @pointermove=${(event: PointerEvent) => this.hover.pointAt(event, width, count, (position) => Math.round(x.invert(position)) - 1)} @pointerleave=${() => this.hover.clear()}
        @keydown=${(event: KeyboardEvent) => this.hover.key(event, count)} @blur=${() => this.hover.clear()}>
        ${verticalAxis(y, MARGIN.left, MARGIN.top, bottom, 'left', { ticks: y.ticks(5), format: formats.moneyShort, label: `Extra contribution per ${name}`, gridTo: right })}
        ${verticalAxis(yEquity, right, MARGIN.top, bottom, 'right', { ticks: yEquity.ticks(5), format: (value) => value.toFixed(2), label: 'Brand equity' })}
        <path d=${extra} fill=${COLOURS.upstream} fill-opacity="0.35" stroke=${COLOURS.upstream} stroke-width="1.5"></path>
        <path d=${discounted} fill="none" stroke=${DISCOUNTED} stroke-width="2" stroke-dasharray="6 3"></path>
        <path d=${equity} fill="none" stroke=${COLOURS.equity} stroke-width="2.5"></path>
        <path d=${equityWithoutSpend} fill="none" stroke=${NO_SPEND_EQUITY} stroke-width="2" stroke-dasharray="2 3"></path>
        ${low < 0 ? svg`<line x1=${MARGIN.left} x2=${right} y1=${y(0)} y2=${y(0)} stroke="#333"></line>` : null}
        ${bottomAxis(x, bottom, MARGIN.left, right, { ticks, format: String, label: `${name[0].toUpperCase()}${name.slice(1)}s after the horizon` })}
        ${hovered === undefined ? null : svg`<line class="guide" x1=${x(hoveredIndex! + 1)} x2=${x(hoveredIndex! + 1)} y1=${MARGIN.top} y2=${bottom}></line>
          <circle cx=${x(hoveredIndex! + 1)} cy=${y(hovered.incrementalContribution)} r="4" fill=${COLOURS.upstream}></circle>`}
        <rect class="overlay" x=${MARGIN.left} y=${MARGIN.top} width=${Math.max(0, right - MARGIN.left)} height=${Math.max(0, bottom - MARGIN.top)}></rect>
      </svg>
    </chart-frame>`;
  }

  private tooltip(point: AfterHorizonPoint | undefined, x: (index: number) => number, y: (value: number) => number): ChartTooltip | undefined {
    if (point === undefined) return undefined;
    const index = this.points.indexOf(point);
    const formats = this.format;
    return {
      ...(this.hover.pointer ?? { x: x(index + 1), y: y(point.incrementalContribution) }),
      title: `${formats.periodLabel(point.t)} (${formats.periodName} ${index + 1} after the horizon)`,
      lines: [
        { label: 'Extra contribution', value: formats.money(point.incrementalContribution), colour: COLOURS.upstream },
        { label: 'In today’s money', value: formats.money(point.discountedIncrementalContribution), colour: DISCOUNTED },
        { label: 'Brand equity, plan', value: formats.equity(point.equity), colour: COLOURS.equity },
        { label: 'Brand equity, no spend', value: formats.equity(point.equityWithoutSpend), colour: NO_SPEND_EQUITY },
      ],
    };
  }

  private table(): ChartTable {
    const formats = this.format;
    return {
      caption: `Extra contribution and brand equity per ${formats.periodName} after the horizon`,
      columns: ['Period', 'Extra contribution', 'In today’s money', 'Brand equity, plan', 'Brand equity, no spend'],
      rows: this.points.map((point) => [
        formats.periodLabel(point.t), formats.money(point.incrementalContribution), formats.money(point.discountedIncrementalContribution),
        formats.equity(point.equity), formats.equity(point.equityWithoutSpend),
      ]),
    };
  }
}

customElements.define('after-horizon-chart', AfterHorizonChart);

declare global {
  interface HTMLElementTagNameMap { 'after-horizon-chart': AfterHorizonChart; }
}
