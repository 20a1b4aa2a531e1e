import { area, line, max, min, scaleLinear } from 'd3';
import { LitElement, html, nothing, svg } from 'lit';
import type { FitPeriod } from '../engine/fit/fit-result.ts';
import { bottomAxis, verticalAxis } from './axes.ts';
import { type ChartFormats, chartFormats } from './chart-formats.ts';
import './chart-frame.component.ts';
import type { ChartTable, ChartTooltip, LegendItem } from './chart-frame.component.ts';
import { chartSvgStyles } from './chart-svg.styles.ts';
import { type FitResidual, fitResiduals } from './fit-residuals.ts';
import { dateTicks, heldOutShading, heldOutSpans, historyScale, nearestIndex, periodTimes, targetLabel } from './fit-time-axis.ts';
import { HoverController } from './hover-controller.ts';
import { FIT_COLOURS } from './palette.ts';
import { ResizeController } from './resize-controller.ts';

const MARGIN = { top: 12, right: 20, bottom: 48, left: 66 };
const MAIN_HEIGHT = 210;
const GAP = 18;
const RESIDUAL_HEIGHT = 92;
const HEIGHT = MARGIN.top + MAIN_HEIGHT + GAP + RESIDUAL_HEIGHT + MARGIN.bottom;

const LEGEND: LegendItem[] = [
  { label: 'Actual', colour: FIT_COLOURS.actual, kind: 'dot' },
  { label: 'Fitted', colour: FIT_COLOURS.fitted, kind: 'line' },
  { label: '90 % interval', colour: FIT_COLOURS.band },
  { label: 'Held out (not used to fit)', colour: FIT_COLOURS.heldOut },
  { label: 'Actual outside the interval', colour: FIT_COLOURS.outsideBand, kind: 'dot' },
];

/**
 * The fit over time: each period's actual (dots) against the fitted value (line) with its 90 %
 * interval, the held-out periods shaded and labelled, and below, on the same dates, each
 * period's miss as a share of the fitted value with the interval on that scale, so a run of
 * misses on one side (something the model lacks) or a holdout that drifts off shows at a glance.
 * Arrow keys step through the periods, Home and End jump to the ends.
 */
export class FitOverTimeChart extends LitElement {
  static override styles = chartSvgStyles;
  static override properties = {
    formats: { attribute: false },
    periods: { attribute: false },
    periodsPerYear: { type: Number },
    target: { type: String },
  };

  /** The history's periods from the fit (`FitResult.periods`), in date order. */
  declare periods: FitPeriod[];
  /** 12, 4 or 52: names the period ("week") on the axes; the dates label the periods themselves. */
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
    this.periodsPerYear = 52;
    this.target = 'revenue';
  }

  override render() {
    const periods = this.periods;
    const count = periods.length;
    const times = periodTimes(periods);
    const residuals = fitResiduals(periods);
    const width = Math.max(280, this.size.width);
    const right = width - MARGIN.right;
    const mainBottom = MARGIN.top + MAIN_HEIGHT;
    const residualTop = mainBottom + GAP;
    const bottom = residualTop + RESIDUAL_HEIGHT;
    const x = historyScale(times, MARGIN.left, right);
    const at = (index: number) => x(times[index]);

    const low = min(periods, (period) => Math.min(period.lower, period.actual)) ?? 0;
    const high = max(periods, (period) => Math.max(period.upper, period.actual)) ?? 1;
    const y = scaleLinear().domain([low, high > low ? high : low + 1]).nice(5).range([mainBottom, MARGIN.top]);
    const shares = residuals.flatMap((residual) => [residual.share, residual.lowerShare, residual.upperShare]).filter((value): value is number => value !== null);
    const reach = Math.max(0.01, max(shares, (value) => Math.abs(value)) ?? 0.01);
    const yMiss = scaleLinear().domain([-reach, reach]).nice(4).range([bottom, residualTop]);

    const band = area<FitPeriod>().x((_, index) => at(index)).y0((period) => y(period.lower)).y1((period) => y(period.upper));
    const fittedLine = line<FitPeriod>().x((_, index) => at(index)).y((period) => y(period.fitted));
    const missBand = area<FitResidual>().defined((residual) => residual.lowerShare !== null && residual.upperShare !== null)
      .x((_, index) => at(index)).y0((residual) => yMiss(residual.lowerShare!)).y1((residual) => yMiss(residual.upperShare!));
    const spans = heldOutSpans(periods);
    const radius = count > 200 ? 1.6 : count > 80 ? 2.2 : 3;
    const hovered = this.hover.index;
    const name = this.format.periodName;
    const dates = dateTicks(x, right - MARGIN.left);

    return html`<chart-frame heading="Actual against fitted"
      description=${`${targetLabel(this.target)} per ${name} as it was and as the fitted model explains it, with its 90 % interval; below, how far each ${name} was off. The shaded ${name}s were held out of the fit and forecast.`}
      .legend=${LEGEND} .table=${this.table(residuals)} .tooltip=${this.tooltip(hovered, residuals, at, y)}>
      <svg class="chart" viewBox="0 0 ${width} ${HEIGHT}" role="img" tabindex="0"
        aria-label=${this.summary(residuals)}
        @pointermove=${(event: PointerEvent) => this.hover.pointAt(event, width, count, (pointer) => nearestIndex(times, x.invert(pointer).getTime()) ?? -1)}
        @pointerleave=${() => this.hover.clear()}
        @keydown=${(event: KeyboardEvent) => this.hover.key(event, count)} @blur=${() => this.hover.clear()}>
        ${heldOutShading(spans, times, x, MARGIN.top, mainBottom)}
        ${heldOutShading(spans, times, x, residualTop, bottom, false)}
        ${verticalAxis(y, MARGIN.left, MARGIN.top, mainBottom, 'left', { ticks: y.ticks(5), format: this.format.moneyShort, label: `${targetLabel(this.target)} per ${name}`, gridTo: right })}
        ${verticalAxis(yMiss, MARGIN.left, residualTop, bottom, 'left', { ticks: yMiss.ticks(3), format: this.format.percentWhole, label: 'Actual − fitted', gridTo: right })}
        <path class="band" d=${band(periods) ?? ''} fill=${FIT_COLOURS.band}></path>
        <path class="fitted" d=${fittedLine(periods) ?? ''} fill="none" stroke=${FIT_COLOURS.fitted} stroke-width="2"></path>
        <g class="actual">${periods.map((period, index) => svg`<circle cx=${at(index)} cy=${y(period.actual)} r=${radius} fill=${FIT_COLOURS.actual}></circle>`)}</g>
        <path class="miss-band" d=${missBand(residuals) ?? ''} fill=${FIT_COLOURS.band}></path>
        <line x1=${MARGIN.left} x2=${right} y1=${yMiss(0)} y2=${yMiss(0)} stroke=${FIT_COLOURS.ink} stroke-width="1"></line>
        <g class="misses">${residuals.map((residual, index) => residual.share === null ? nothing
          : svg`<circle cx=${at(index)} cy=${yMiss(residual.share)} r=${radius} fill=${residual.outside ? FIT_COLOURS.outsideBand : FIT_COLOURS.residual}></circle>`)}</g>
        ${bottomAxis((value) => x(value), bottom, MARGIN.left, right, { ticks: dates.ticks, format: dates.format, label: 'Date' })}
        ${hovered === undefined || periods[hovered] === undefined ? nothing : this.marks(hovered, residuals, at, y, yMiss, bottom)}
        <rect class="overlay" x=${MARGIN.left} y=${MARGIN.top} width=${Math.max(0, right - MARGIN.left)} height=${Math.max(0, bottom - MARGIN.top)}></rect>
      </svg>
    </chart-frame>`;
  }

  /** The hovered period: a guide through both panels and its actual, fitted and miss ringed. */
  private marks(index: number, residuals: FitResidual[], at: (index: number) => number, y: (value: number) => number, yMiss: (value: number) => number, bottom: number) {
    const period = this.periods[index];
    const share = residuals[index].share;
    return svg`<line class="guide" x1=${at(index)} x2=${at(index)} y1=${MARGIN.top} y2=${bottom}></line>
      <circle cx=${at(index)} cy=${y(period.fitted)} r="4" fill=${FIT_COLOURS.paper} stroke=${FIT_COLOURS.fitted} stroke-width="2"></circle>
      <circle cx=${at(index)} cy=${y(period.actual)} r="5" fill="none" stroke=${FIT_COLOURS.ink} stroke-width="2"></circle>
      ${share === null ? nothing : svg`<circle cx=${at(index)} cy=${yMiss(share)} r="5" fill="none" stroke=${FIT_COLOURS.ink} stroke-width="2"></circle>`}`;
  }

  private summary(residuals: FitResidual[]): string {
    const periods = this.periods;
    const name = this.format.periodName;
    if (periods.length === 0) return `Actual against fitted ${this.target}: no periods yet.`;
    const heldOut = periods.filter((period) => period.holdout).length;
    const outside = residuals.filter((residual) => residual.outside).length;
    return `Actual against fitted ${this.target} per ${name}, ${periods.length} ${name}s from ${periods[0].date} to ${periods.at(-1)!.date}`
      + `${heldOut > 0 ? `, the last ${heldOut} held out of the fit` : ''}; ${outside} of ${periods.length} actuals fall outside the 90 % interval. `
      + `Use the arrow keys to read each ${name}.`;
  }

  private tooltip(index: number | undefined, residuals: FitResidual[], at: (index: number) => number, y: (value: number) => number): ChartTooltip | undefined {
    const period = index === undefined ? undefined : this.periods[index];
    if (index === undefined || period === undefined) return undefined;
    const residual = residuals[index];
    return {
      ...(this.hover.pointer ?? { x: at(index), y: y(period.actual) }),
      title: `${period.date}${period.holdout ? ' (held out)' : ''}`,
      lines: [
        { label: 'Actual', value: this.format.money(period.actual), colour: FIT_COLOURS.actual },
        { label: 'Fitted', value: this.format.money(period.fitted), colour: FIT_COLOURS.fitted },
        { label: '90 % interval', value: `${this.format.money(period.lower)} – ${this.format.money(period.upper)}` },
        { label: 'Actual − fitted', value: `${this.format.moneyChange(residual.residual)} (${this.format.percentChange(residual.share)})`, colour: residual.outside ? FIT_COLOURS.outsideBand : undefined },
      ],
    };
  }

  private table(residuals: FitResidual[]): ChartTable {
    return {
      caption: `${targetLabel(this.target)} per ${this.format.periodName}: actual, fitted with its 90 % interval, and the difference`,
      columns: ['Date', 'Actual', 'Fitted', '90 % low', '90 % high', 'Actual − fitted', '% of fitted', 'Held out'],
      rows: this.periods.map((period, index) => [
        period.date, this.format.money(period.actual), this.format.money(period.fitted), this.format.money(period.lower), this.format.money(period.upper),
        this.format.moneyChange(residuals[index].residual), this.format.percentChange(residuals[index].share), period.holdout ? 'Held out' : '',
      ]),
    };
  }
}

customElements.define('fit-over-time-chart', FitOverTimeChart);

declare global {
  interface HTMLElementTagNameMap { 'fit-over-time-chart': FitOverTimeChart; }
}
