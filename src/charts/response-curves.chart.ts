import { area, line, max, min, scaleLinear } from 'd3';
import { LitElement, html, nothing, svg } from 'lit';
import type { ChannelResponseCurve, ResponsePoint } from '../engine/channel-response-curve.ts';
import type { ResponseBandPoint, ResponseCurveBand } from '../engine/fit/response-curve-bands.ts';
import { bottomAxis, verticalAxis } from './axes.ts';
import { type ChartFormats, chartFormats } from './chart-formats.ts';
import { channelLegend, channelStyles } from './channel-colours.ts';
import './chart-frame.component.ts';
import type { ChartTable, ChartTooltip, LegendItem } from './chart-frame.component.ts';
import { chartSvgStyles } from './chart-svg.styles.ts';
import { pointerWithin } from './hover-controller.ts';
import { FIT_COLOURS } from './palette.ts';
import { ResizeController } from './resize-controller.ts';

const HEIGHT = 320;
const MARGIN = { top: 14, right: 18, bottom: 48, left: 70 };
const BREAK_EVEN = '#777777';
/** Axis labels: what MMM users read on a response curve, with the time base said. */
export const SPEND_AXIS = 'Spend per month';
export const RESPONSE_AXIS = 'Incremental contribution per month';

/** A point picked by the pointer or the keyboard: which curve, which point on it. */
interface Picked {
  curve: number;
  point: number;
}

/**
 * Each channel's response curve: incremental contribution per month (over the horizon) against
 * its spend per month, the rest of the plan held as it is (`channelResponseCurves`). The current
 * plan is a dot on each curve, the optimum a diamond; above the dashed break-even line a channel
 * earns back more than it spends within the horizon. With `bands` (a fitted model's, from
 * `responseCurveBands`), each curve has its 90 % band across the posterior shaded in its colour.
 * Arrow keys: left and right walk along a curve, up and down move to the next channel.
 */
export class ResponseCurvesChart extends LitElement {
  static override styles = chartSvgStyles;
  static override properties = {
    formats: { attribute: false },
    curves: { attribute: false },
    bands: { attribute: false },
    picked: { state: true },
  };

  declare curves: ChannelResponseCurve[];
  /**
   * Optional: each channel's 90 % band at its curve's points (`responseCurveBands`), by channel
   * name; a band whose points are not the curve's (computed for another plan) is not drawn.
   */
  declare bands: ResponseCurveBand[] | undefined;
  /** How numbers are written (money with the model's currency); plain until the app passes them. */
  declare formats: ChartFormats | undefined;
  declare private picked: Picked | undefined;
  private pointer: { x: number; y: number } | undefined;
  private get format(): ChartFormats {
    return chartFormats(this.formats);
  }

  private readonly size = new ResizeController(this);

  constructor() {
    super();
    this.formats = undefined;
    this.curves = [];
    this.bands = undefined;
    this.picked = undefined;
  }

  override render() {
    const curves = this.curves;
    const styles = channelStyles(curves);
    const width = Math.max(280, this.size.width);
    const right = width - MARGIN.right;
    const bottom = HEIGHT - MARGIN.bottom;
    const all = curves.flatMap((curve) => curve.points);
    const bands = curves.map((curve) => this.bandOf(curve));
    const banded = bands.flatMap((band) => band ?? []);
    const spendEnd = max(all, (point) => point.spendPerMonth) ?? 0;
    const responseHigh = Math.max(max(all, (point) => point.contributionPerMonth) ?? 0, max(banded, (point) => point.upper) ?? 0);
    const responseLow = Math.min(0, min(all, (point) => point.contributionPerMonth) ?? 0, min(banded, (point) => point.lower) ?? 0);
    const x = scaleLinear().domain([0, spendEnd > 0 ? spendEnd : 1]).nice(5).range([MARGIN.left, right]);
    const y = scaleLinear().domain([responseLow, responseHigh > responseLow ? responseHigh : responseLow + 1]).nice(5).range([bottom, MARGIN.top]);
    const path = line<ResponsePoint>().x((point) => x(point.spendPerMonth)).y((point) => y(point.contributionPerMonth));
    const ribbon = area<ResponseBandPoint>().x((point) => x(point.spendPerMonth)).y0((point) => y(point.lower)).y1((point) => y(point.upper));
    // Break-even, contribution = spend, drawn as far as both axes reach.
    const breakEvenEnd = Math.min(x.domain()[1], y.domain()[1]);
    const picked = this.picked;
    const hasOptimum = curves.some((curve) => curve.optimum !== undefined);
    const legend: LegendItem[] = [
      ...channelLegend(curves, 'line'),
      { label: 'Current plan', colour: '#222', kind: 'dot' },
      ...(hasOptimum ? [{ label: 'Optimum', colour: '#222', kind: 'diamond' } as LegendItem] : []),
      ...(banded.length > 0 ? [{ label: 'Shaded: 90 % band across the fit’s posterior', colour: FIT_COLOURS.prior } as LegendItem] : []),
      { label: 'Break-even (contribution = spend)', colour: BREAK_EVEN, kind: 'line', dash: '3 3' },
    ];

    return html`<chart-frame heading="Response curves"
      description=${`What each channel earns at each level of spend, the rest of the plan as it is: incremental contribution per month over the horizon against the channel’s spend per month.${banded.length > 0 ? ' The shading around each curve holds 90 % of the curves the fit finds plausible.' : ''}`}
      .legend=${legend} .table=${this.table(bands)} .tooltip=${this.tooltip(x, y, bands)}>
      <svg class="chart" viewBox="0 0 ${width} ${HEIGHT}" role="img" tabindex="0"
        aria-label=${`Response curves of ${curves.length} channels: ${curves.map((curve) => `${curve.name} earns ${this.format.money(curve.current.contributionPerMonth)} a month on ${this.format.money(curve.current.spendPerMonth)} a month`).join('; ')}${banded.length > 0 ? ', each with its 90 % band' : ''}. Left and right arrows walk along a curve, up and down change channel.`}
        @pointermove=${(event: PointerEvent) => this.onPointer(event, width, x, y)} @pointerleave=${() => this.clear()}
        @keydown=${this.onKey} @blur=${() => this.clear()}>
        ${verticalAxis(y, MARGIN.left, MARGIN.top, bottom, 'left', { ticks: y.ticks(5), format: this.format.moneyShort, label: RESPONSE_AXIS, gridTo: right })}
        ${bottomAxis(x, bottom, MARGIN.left, right, { ticks: x.ticks(width < 420 ? 4 : 6), format: this.format.moneyShort, label: SPEND_AXIS })}
        ${curves.map((curve, index) => {
          const band = bands[index];
          if (band === undefined) return nothing;
          const faded = picked !== undefined && picked.curve !== index;
          return svg`<path class="band" d=${ribbon(band) ?? ''} fill=${styles.get(curve.name)!.colour} opacity=${faded ? 0.05 : picked?.curve === index ? 0.3 : 0.13}></path>`;
        })}
        ${breakEvenEnd > 0 ? svg`<line x1=${x(0)} y1=${y(0)} x2=${x(breakEvenEnd)} y2=${y(breakEvenEnd)} stroke=${BREAK_EVEN} stroke-width="1.5" stroke-dasharray="3 3"></line>` : nothing}
        ${curves.map((curve, index) => {
          const style = styles.get(curve.name)!;
          const faded = picked !== undefined && picked.curve !== index;
          return svg`<path d=${path(curve.points) ?? ''} fill="none" stroke=${style.colour} stroke-width=${picked?.curve === index ? 3.5 : 2.5}
            stroke-dasharray=${style.dash} opacity=${faded ? 0.35 : 1}></path>`;
        })}
        ${curves.map((curve, index) => {
          const style = styles.get(curve.name)!;
          const faded = picked !== undefined && picked.curve !== index;
          const optimum = curve.optimum;
          return svg`<g opacity=${faded ? 0.35 : 1}>
            <circle cx=${x(curve.current.spendPerMonth)} cy=${y(curve.current.contributionPerMonth)} r="5.5" fill=${style.colour} stroke="#222" stroke-width="1.5"></circle>
            ${optimum === undefined ? nothing : svg`<path transform="translate(${x(optimum.spendPerMonth)},${y(optimum.contributionPerMonth)})" d="M0,-7L7,0L0,7L-7,0Z" fill="#fff" stroke=${style.colour} stroke-width="3"></path>`}
          </g>`;
        })}
        ${picked === undefined ? nothing : this.renderPicked(x, y)}
        <rect class="overlay" x=${MARGIN.left} y=${MARGIN.top} width=${Math.max(0, right - MARGIN.left)} height=${Math.max(0, bottom - MARGIN.top)}></rect>
      </svg>
    </chart-frame>`;
  }

  private renderPicked(x: (value: number) => number, y: (value: number) => number) {
    const point = this.pickedPoint();
    if (point === undefined) return nothing;
    return svg`<circle cx=${x(point.spendPerMonth)} cy=${y(point.contributionPerMonth)} r="4" fill="#fff" stroke="#222" stroke-width="2"></circle>`;
  }

  private pickedPoint(): ResponsePoint | undefined {
    const picked = this.picked;
    return picked === undefined ? undefined : this.curves[picked.curve]?.points[picked.point];
  }

  private clear(): void {
    this.picked = undefined;
    this.pointer = undefined;
  }

  /** The point nearest the pointer, over every curve, in the drawing's units. */
  private onPointer(event: PointerEvent, width: number, x: (value: number) => number, y: (value: number) => number): void {
    const element = event.currentTarget as Element;
    const within = pointerWithin(event, element);
    const scale = width / (element.getBoundingClientRect().width || 1);
    const at = { x: within.x * scale, y: within.y * scale };
    let best: Picked | undefined;
    let bestDistance = Infinity;
    this.curves.forEach((curve, curveIndex) => curve.points.forEach((point, pointIndex) => {
      const distance = (x(point.spendPerMonth) - at.x) ** 2 + (y(point.contributionPerMonth) - at.y) ** 2;
      if (distance < bestDistance) {
        bestDistance = distance;
        best = { curve: curveIndex, point: pointIndex };
      }
    }));
    this.pointer = within;
    this.picked = best;
  }

  private onKey(event: KeyboardEvent): void {
    const curves = this.curves;
    if (curves.length === 0) return;
    const current = this.picked ?? { curve: 0, point: curves[0].points.indexOf(curves[0].current) };
    const pointCount = (curve: number) => curves[curve].points.length;
    let next: Picked | undefined;
    switch (event.key) {
      case 'ArrowRight': next = this.picked === undefined ? current : { ...current, point: Math.min(pointCount(current.curve) - 1, current.point + 1) }; break;
      case 'ArrowLeft': next = this.picked === undefined ? current : { ...current, point: Math.max(0, current.point - 1) }; break;
      case 'ArrowDown':
      case 'ArrowUp': {
        const curve = this.picked === undefined ? 0 : (current.curve + (event.key === 'ArrowDown' ? 1 : curves.length - 1)) % curves.length;
        // Land on the channel's current plan: the point one looks for first.
        next = { curve, point: Math.max(0, curves[curve].points.indexOf(curves[curve].current)) };
        break;
      }
      case 'Home': next = { ...current, point: 0 }; break;
      case 'End': next = { ...current, point: pointCount(current.curve) - 1 }; break;
      case 'Escape': this.clear(); return;
      default: return;
    }
    event.preventDefault();
    this.pointer = undefined;
    this.picked = next;
  }

  /** The curve's band, when one was given for exactly its points (a band from another plan or model is left out). */
  private bandOf(curve: ChannelResponseCurve): ResponseBandPoint[] | undefined {
    const band = this.bands?.find((candidate) => candidate.name === curve.name);
    if (band === undefined || band.points.length !== curve.points.length) return undefined;
    return band.points.every((point, index) => point.spendPerMonth === curve.points[index].spendPerMonth) ? band.points : undefined;
  }

  private tooltip(x: (value: number) => number, y: (value: number) => number, bands: (ResponseBandPoint[] | undefined)[]): ChartTooltip | undefined {
    const picked = this.picked;
    const point = this.pickedPoint();
    if (picked === undefined || point === undefined) return undefined;
    const curve = this.curves[picked.curve];
    const mark = point === curve.current ? ' (current plan)' : point === curve.optimum ? ' (optimum)' : '';
    const roi = point.spendPerMonth > 0 ? (point.contributionPerMonth - point.spendPerMonth) / point.spendPerMonth : null;
    return {
      ...(this.pointer ?? { x: x(point.spendPerMonth), y: y(point.contributionPerMonth) }),
      title: `${curve.name}${mark}`,
      lines: [
        { label: SPEND_AXIS, value: this.format.money(point.spendPerMonth), colour: channelStyles(this.curves).get(curve.name)?.colour },
        { label: RESPONSE_AXIS, value: this.format.money(point.contributionPerMonth) },
        { label: 'ROI over the horizon', value: this.format.percent(roi) },
        ...(bands[picked.curve] === undefined ? [] : [{
          label: '90 % band', value: `${this.format.money(bands[picked.curve]![picked.point].lower)} – ${this.format.money(bands[picked.curve]![picked.point].upper)}`,
        }]),
      ],
    };
  }

  private table(bands: (ResponseBandPoint[] | undefined)[]): ChartTable {
    const banded = bands.some((band) => band !== undefined);
    return {
      caption: `Response curves: ${RESPONSE_AXIS.toLowerCase()} (over the horizon) at each ${SPEND_AXIS.toLowerCase()}, the rest of the plan as it is${banded ? ', with the 5 % and 95 % points across the fit’s posterior' : ''}`,
      columns: ['Channel', SPEND_AXIS, RESPONSE_AXIS, ...(banded ? ['5 %', '95 %'] : []), 'Marked'],
      rows: this.curves.flatMap((curve, channel) => curve.points.map((point, index) => [
        curve.name, this.format.money(point.spendPerMonth), this.format.money(point.contributionPerMonth),
        ...(banded ? [this.format.money(bands[channel]?.[index].lower), this.format.money(bands[channel]?.[index].upper)] : []),
        point === curve.current ? 'Current plan' : point === curve.optimum ? 'Optimum' : '',
      ])),
    };
  }
}

customElements.define('response-curves-chart', ResponseCurvesChart);

declare global {
  interface HTMLElementTagNameMap { 'response-curves-chart': ResponseCurvesChart; }
}
