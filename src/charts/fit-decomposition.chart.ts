import { area, max, min, scaleLinear } from 'd3';
import { LitElement, html, nothing, svg } from 'lit';
import type { FitPeriod } from '../engine/fit/fit-result.ts';
import { bottomAxis, verticalAxis } from './axes.ts';
import { type ChartFormats, chartFormats } from './chart-formats.ts';
import type { ChannelKey } from './channel-colours.ts';
import './chart-frame.component.ts';
import type { ChartTable, ChartTooltip, LegendItem } from './chart-frame.component.ts';
import { chartSvgStyles } from './chart-svg.styles.ts';
import { type DecompositionPart, decompositionParts, driversTotal, stackDecomposition } from './fit-decomposition-stack.ts';
import { dateTicks, heldOutShading, heldOutSpans, historyScale, nearestIndex, periodTimes, targetLabel } from './fit-time-axis.ts';
import { HoverController } from './hover-controller.ts';
import { FIT_COLOURS } from './palette.ts';
import { ResizeController } from './resize-controller.ts';

const HEIGHT = 300;
const MARGIN = { top: 12, right: 20, bottom: 48, left: 66 };
const HATCH_ID = 'fit-interaction-hatch';

/**
 * The history decomposed: each period's fitted value as the base (what no spend would have
 * brought), what each channel added, what the drivers (price, promotions…) added or took away,
 * and what channels and brand added only together; the actuals as dots on top. Parts that are
 * negative (a price rise, a negative interaction) stack below zero rather than hiding others.
 * Arrow keys step through the periods.
 */
export class FitDecompositionChart extends LitElement {
  static override styles = chartSvgStyles;
  static override properties = {
    formats: { attribute: false },
    periods: { attribute: false },
    channels: { attribute: false },
    periodsPerYear: { type: Number },
    target: { type: String },
  };

  /** The history's periods from the fit (`FitResult.periods`), in date order. */
  declare periods: FitPeriod[];
  /** The model's channels in stacking order, upstream first (their colours follow the other channel charts). */
  declare channels: ChannelKey[];
  /** 12, 4 or 52: names the period ("week") on the axis. */
  declare periodsPerYear: number;
  /** The history's target column as the file names it ("revenue", the default): the axis reads "Revenue per week". */
  declare target: string;
  /** How numbers are written (money with the model's currency); plain until the app passes them. */
  declare formats: ChartFormats | undefined;
  private get format(): ChartFormats {
    return chartFormats(this.formats, this.periodsPerYear);
  }

  private readonly size = new ResizeController(this);
  private readonly hover = new HoverController(this);

  constructor() {
    super();
    this.formats = undefined;
    this.periods = [];
    this.channels = [];
    this.periodsPerYear = 52;
    this.target = 'revenue';
  }

  override render() {
    const periods = this.periods;
    const count = periods.length;
    const parts = decompositionParts(this.channels);
    const layers = stackDecomposition(periods, parts);
    const times = periodTimes(periods);
    const width = Math.max(280, this.size.width);
    const right = width - MARGIN.right;
    const bottom = HEIGHT - MARGIN.bottom;
    const x = historyScale(times, MARGIN.left, right);
    const at = (index: number) => x(times[index]);
    const low = Math.min(0, min(layers, (layer) => min(layer.below, (point) => point[0])) ?? 0, min(periods, (period) => period.actual) ?? 0);
    const high = Math.max(max(layers, (layer) => max(layer.above, (point) => point[1])) ?? 1, max(periods, (period) => period.actual) ?? 0);
    const y = scaleLinear().domain([low, high > low ? high : low + 1]).nice(5).range([bottom, MARGIN.top]);
    const shape = area<[number, number]>().x((_, index) => at(index)).y0((point) => y(point[0])).y1((point) => y(point[1]));
    const radius = count > 200 ? 1.6 : count > 80 ? 2.2 : 3;
    const hovered = this.hover.index;
    const name = this.format.periodName;
    const dates = dateTicks(x, right - MARGIN.left);
    const legend: LegendItem[] = [
      ...parts.map((part): LegendItem => ({ label: part.label, colour: part.colour, kind: part.hatch ? 'hatch' : 'swatch' })),
      { label: 'Actual', colour: FIT_COLOURS.actual, kind: 'dot' },
      ...(heldOutSpans(periods).length > 0 ? [{ label: 'Held out (not used to fit)', colour: FIT_COLOURS.heldOut } as LegendItem] : []),
    ];

    return html`<chart-frame heading="Where the history came from"
      description=${`${targetLabel(this.target)} per ${name} split into the base (no spend), what each channel added, the drivers, and what channels and brand added only together; dots are the actuals.`}
      .legend=${legend} .table=${this.table(parts)} .tooltip=${this.tooltip(hovered, parts, at, y)}>
      <svg class="chart" viewBox="0 0 ${width} ${HEIGHT}" role="img" tabindex="0"
        aria-label=${this.summary(parts)}
        @pointermove=${(event: PointerEvent) => this.hover.pointAt(event, width, count, (pointer) => nearestIndex(times, x.invert(pointer).getTime()) ?? -1)}
        @pointerleave=${() => this.hover.clear()}
        @keydown=${(event: KeyboardEvent) => this.hover.key(event, count)} @blur=${() => this.hover.clear()}>
        <defs>
          <pattern id=${HATCH_ID} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill=${FIT_COLOURS.interaction}></rect><line x1="0" y1="0" x2="0" y2="6" stroke=${FIT_COLOURS.paper} stroke-width="2"></line>
          </pattern>
        </defs>
        ${heldOutShading(heldOutSpans(periods), times, x, MARGIN.top, bottom)}
        ${verticalAxis(y, MARGIN.left, MARGIN.top, bottom, 'left', { ticks: y.ticks(5), format: this.format.moneyShort, label: `${targetLabel(this.target)} per ${name}`, gridTo: right })}
        ${layers.map((layer, index) => {
          const fill = parts[index].hatch ? `url(#${HATCH_ID})` : parts[index].colour;
          const below = layer.below.some((point) => point[0] < point[1]);
          return svg`<g class="part" data-part=${parts[index].key}>
            <path d=${shape(layer.above) ?? ''} fill=${fill}></path>
            ${below ? svg`<path d=${shape(layer.below) ?? ''} fill=${fill}></path>` : nothing}
          </g>`;
        })}
        ${low < 0 ? svg`<line x1=${MARGIN.left} x2=${right} y1=${y(0)} y2=${y(0)} stroke=${FIT_COLOURS.ink}></line>` : nothing}
        <g class="actual">${periods.map((period, index) => svg`<circle cx=${at(index)} cy=${y(period.actual)} r=${radius} fill=${FIT_COLOURS.actual} stroke=${FIT_COLOURS.paper} stroke-width="0.6"></circle>`)}</g>
        ${bottomAxis((value) => x(value), bottom, MARGIN.left, right, { ticks: dates.ticks, format: dates.format, label: 'Date' })}
        ${hovered === undefined || periods[hovered] === undefined ? nothing
          : svg`<line class="guide" x1=${at(hovered)} x2=${at(hovered)} y1=${MARGIN.top} y2=${bottom}></line>
            <circle cx=${at(hovered)} cy=${y(periods[hovered].actual)} r="5" fill="none" stroke=${FIT_COLOURS.ink} stroke-width="2"></circle>`}
        <rect class="overlay" x=${MARGIN.left} y=${MARGIN.top} width=${Math.max(0, right - MARGIN.left)} height=${Math.max(0, bottom - MARGIN.top)}></rect>
      </svg>
    </chart-frame>`;
  }

  private summary(parts: DecompositionPart[]): string {
    const periods = this.periods;
    const name = this.format.periodName;
    if (periods.length === 0) return `${targetLabel(this.target)} decomposed: no periods yet.`;
    const totals = parts.map((part) => ({ part, total: periods.reduce((sum, period) => sum + part.value(period), 0) }));
    const fitted = periods.reduce((sum, period) => sum + period.fitted, 0);
    const shares = totals.map(({ part, total }) => `${part.label} ${this.format.percent(fitted === 0 ? null : total / fitted)}`).join(', ');
    return `Stacked area chart of ${this.target} per ${name} over ${periods.length} ${name}s by source, actuals as dots. `
      + `Shares of the fitted total: ${shares}. Use the arrow keys to read each ${name}.`;
  }

  private tooltip(index: number | undefined, parts: DecompositionPart[], at: (index: number) => number, y: (value: number) => number): ChartTooltip | undefined {
    const period = index === undefined ? undefined : this.periods[index];
    if (index === undefined || period === undefined) return undefined;
    return {
      ...(this.hover.pointer ?? { x: at(index), y: y(period.actual) }),
      title: `${period.date}${period.holdout ? ' (held out)' : ''}`,
      lines: [
        // Top of the stack first, as the bands read.
        ...[...parts].reverse().map((part) => ({ label: part.label, value: this.format.money(part.value(period)), colour: part.colour })),
        { label: 'Fitted', value: this.format.money(period.fitted) },
        { label: 'Actual', value: this.format.money(period.actual), colour: FIT_COLOURS.actual },
      ],
    };
  }

  /** One row per period: every part, each driver on its own, the fitted value and the actual. */
  private table(parts: DecompositionPart[]): ChartTable {
    const driverNames = [...new Set(this.periods.flatMap((period) => Object.keys(period.drivers)))];
    const splitDrivers = driverNames.length > 1;
    return {
      caption: `${targetLabel(this.target)} per ${this.format.periodName} by source: the parts sum to the fitted value`,
      columns: ['Date', ...parts.flatMap((part) => (part.key === 'drivers' && splitDrivers
        ? [...driverNames.map((driver) => `Driver: ${driver}`), 'Drivers']
        : [part.label])), 'Fitted', 'Actual'],
      rows: this.periods.map((period) => [
        period.date,
        ...parts.flatMap((part) => (part.key === 'drivers' && splitDrivers
          ? [...driverNames.map((driver) => this.format.money(period.drivers[driver] ?? 0)), this.format.money(driversTotal(period))]
          : [this.format.money(part.value(period))])),
        this.format.money(period.fitted), this.format.money(period.actual),
      ]),
    };
  }
}

customElements.define('fit-decomposition-chart', FitDecompositionChart);

declare global {
  interface HTMLElementTagNameMap { 'fit-decomposition-chart': FitDecompositionChart; }
}
