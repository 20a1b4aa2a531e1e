import { scaleBand, scaleLinear } from 'd3';
import { LitElement, html, svg } from 'lit';
import type { TradeoffCurve } from '../engine/index.ts';
import { keyFigure } from '../engine/key-figures.ts';
import { type ChartFormats, chartFormats } from './chart-formats.ts';
import { bottomAxis, verticalAxis } from './axes.ts';
import './chart-frame.component.ts';
import type { ChartTable, ChartTooltip, LegendItem } from './chart-frame.component.ts';
import { chartSvgStyles } from './chart-svg.styles.ts';
import { HoverController } from './hover-controller.ts';
import { COLOURS, HORIZON_COLOURS } from './palette.ts';
import { ResizeController } from './resize-controller.ts';

/** What each horizon's best share maximises (the same share for total and marketing NPV with carryover), labelled from KEY_FIGURES. */
const VALUE = keyFigure('incrementalNpvWithCarryover').label;

const HEIGHT = 300;
const MARGIN = { top: 18, right: 16, bottom: 48, left: 56 };

/**
 * The best upstream share for each horizon from 1 to 5 years (the peaks of the trade-off curve),
 * with the current plan's share as a line across: how far ahead you look decides the split.
 */
export class BestShareChart extends LitElement {
  static override styles = chartSvgStyles;
  static override properties = {
    formats: { attribute: false },
    curve: { attribute: false },
    currentShare: { type: Number },
  };

  declare curve: TradeoffCurve | undefined;
  declare currentShare: number;
  /** How numbers are written (money with the model's currency); plain until the app passes them. */
  declare formats: ChartFormats | undefined;
  private get format(): ChartFormats {
    return chartFormats(this.formats);
  }

  private readonly size = new ResizeController(this, 320);
  private readonly hover = new HoverController(this);

  constructor() {
    super();
    this.formats = undefined;
    this.curve = undefined;
    this.currentShare = 0.5;
  }

  override render() {
    const lines = this.curve?.lines ?? [];
    const width = Math.max(240, this.size.width);
    const right = width - MARGIN.right;
    const bottom = HEIGHT - MARGIN.bottom;
    const x = scaleBand<number>().domain(lines.map((line) => line.horizonYears)).range([MARGIN.left, right]).padding(0.25);
    const y = scaleLinear().domain([0, 1]).range([bottom, MARGIN.top]);
    const hovered = this.hover.index === undefined ? undefined : lines[this.hover.index];
    const legend: LegendItem[] = [
      { label: 'Best upstream share', colour: HORIZON_COLOURS[3] },
      { label: 'Current plan', colour: COLOURS.current, kind: 'line', dash: '4 3' },
    ];
    return html`<chart-frame heading="Best upstream share by horizon"
      description=${`The share that maximises ${VALUE}, for each horizon.`}
      .legend=${legend} .table=${this.table()} .tooltip=${this.tooltip(hovered, x, y)}>
      <svg class="chart" viewBox="0 0 ${width} ${HEIGHT}" role="img" tabindex="0"
        aria-label=${`Bar chart of the best upstream share by horizon: ${lines.map((line) => `${line.horizonYears} year${line.horizonYears === 1 ? '' : 's'} ${this.format.percentWhole(line.bestShare)}`).join(', ')}.`}
        @pointermove=${(event: PointerEvent) => this.hover.pointAt(event, width, lines.length, (at) => Math.floor((at - MARGIN.left - x.step() * x.paddingOuter()) / x.step()))}
        @pointerleave=${() => this.hover.clear()}
        @keydown=${(event: KeyboardEvent) => this.hover.key(event, lines.length)} @blur=${() => this.hover.clear()}>
        ${verticalAxis(y, MARGIN.left, MARGIN.top, bottom, 'left', { ticks: [0, 0.25, 0.5, 0.75, 1], format: this.format.percentWhole, label: 'Upstream share', gridTo: right })}
        ${lines.map((line, index) => svg`<rect x=${x(line.horizonYears) ?? 0} width=${x.bandwidth()} y=${y(line.bestShare)} height=${bottom - y(line.bestShare)}
            fill=${HORIZON_COLOURS[index]} stroke=${hovered === line ? '#222' : 'none'} stroke-width="2"></rect>
          <text class="annotation" x=${(x(line.horizonYears) ?? 0) + x.bandwidth() / 2} y=${y(line.bestShare) - 4} text-anchor="middle">${this.format.percentWhole(line.bestShare)}</text>`)}
        <line x1=${MARGIN.left} x2=${right} y1=${y(this.currentShare)} y2=${y(this.currentShare)} stroke=${COLOURS.current} stroke-width="2" stroke-dasharray="4 3"></line>
        ${bottomAxis((years) => (x(years) ?? 0) + x.bandwidth() / 2, bottom, MARGIN.left, right, { ticks: lines.map((line) => line.horizonYears), format: String, label: 'Horizon (years)' })}
        <rect class="overlay" x=${MARGIN.left} y=${MARGIN.top} width=${Math.max(0, right - MARGIN.left)} height=${Math.max(0, bottom - MARGIN.top)}></rect>
      </svg>
    </chart-frame>`;
  }

  private tooltip(line: TradeoffCurve['lines'][number] | undefined, x: ReturnType<typeof scaleBand<number>>, y: (value: number) => number): ChartTooltip | undefined {
    if (line === undefined) return undefined;
    return {
      ...(this.hover.pointer ?? { x: (x(line.horizonYears) ?? 0) + x.bandwidth(), y: y(line.bestShare) }),
      title: `${line.horizonYears}-year horizon`,
      lines: [
        { label: 'Best upstream share', value: this.format.percent(line.bestShare) },
        { label: `${VALUE} there`, value: this.format.money(line.bestValue) },
      ],
    };
  }

  private table(): ChartTable {
    return {
      caption: `Best upstream share and its ${VALUE}, by horizon`,
      columns: ['Horizon', 'Best upstream share', VALUE],
      rows: (this.curve?.lines ?? []).map((line) => [`${line.horizonYears} year${line.horizonYears === 1 ? '' : 's'}`, this.format.percent(line.bestShare), this.format.money(line.bestValue)]),
    };
  }
}

customElements.define('best-share-chart', BestShareChart);

declare global {
  interface HTMLElementTagNameMap { 'best-share-chart': BestShareChart; }
}
