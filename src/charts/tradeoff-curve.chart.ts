import { line, max, min, scaleLinear } from 'd3';
import { LitElement, html, svg } from 'lit';
import type { TradeoffCurve } from '../engine/index.ts';
import { keyFigure } from '../engine/key-figures.ts';
import { type ChartFormats, chartFormats } from './chart-formats.ts';
import { bottomAxis, verticalAxis } from './axes.ts';
import './chart-frame.component.ts';
import type { ChartTable, ChartTooltip, LegendItem } from './chart-frame.component.ts';
import { chartSvgStyles } from './chart-svg.styles.ts';
import { HoverController } from './hover-controller.ts';
import { COLOURS, HORIZON_COLOURS, HORIZON_DASHES } from './palette.ts';
import { ResizeController } from './resize-controller.ts';

const HEIGHT = 300;
const MARGIN = { top: 14, right: 52, bottom: 48, left: 70 };

/** A compared scenario's own plan, marked on the curve's axes. */
export interface ScenarioPoint {
  label: string;
  colour: string;
  share: number;
  value: number;
}

/** What the curve plots: the marketing's own value (the app passes `marketingTradeoffCurve`), labelled from KEY_FIGURES. */
const VALUE = keyFigure('incrementalNpvWithCarryover').label;

const years = (horizon: number) => `${horizon} year${horizon === 1 ? '' : 's'}`;

/**
 * The trade-off curve: marketing NPV with carryover against the upstream share, one line per horizon from
 * 1 to 5 years, each line's best share marked, and the current plan marked on its horizon's
 * line. It shows why the best split depends on how far ahead you look.
 */
export class TradeoffCurveChart extends LitElement {
  static override styles = chartSvgStyles;
  static override properties = {
    formats: { attribute: false },
    curve: { attribute: false },
    currentShare: { type: Number },
    currentHorizon: { type: Number },
    currentValue: { type: Number },
    scenarioPoints: { attribute: false },
  };

  declare curve: TradeoffCurve | undefined;
  /** The current plan's upstream share (its spend-weighted average when it varies by year). */
  declare currentShare: number;
  declare currentHorizon: number;
  /** The current plan's value in the curve's terms: its incrementalNpvWithCarryover. */
  declare currentValue: number;
  /** Compared scenarios' plans (each at its own horizon), shown as labelled diamonds. */
  declare scenarioPoints: ScenarioPoint[];
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
    this.curve = undefined;
    this.currentShare = 0.5;
    this.currentHorizon = 3;
    this.currentValue = 0;
    this.scenarioPoints = [];
  }

  override render() {
    const curve = this.curve;
    const shares = curve?.shares ?? [];
    const lines = curve?.lines ?? [];
    const width = Math.max(280, this.size.width);
    const right = width - MARGIN.right;
    const bottom = HEIGHT - MARGIN.bottom;
    const x = scaleLinear().domain([0, 1]).range([MARGIN.left, right]);
    const low = min(lines, (each) => min(each.values)) ?? 0;
    const high = max(lines, (each) => each.bestValue) ?? 1;
    const pointValues = this.scenarioPoints.map((point) => point.value);
    const y = scaleLinear().domain([Math.min(low, this.currentValue, ...pointValues), Math.max(high, this.currentValue, low + 1, ...pointValues)]).nice().range([bottom, MARGIN.top]);
    const hoveredIndex = this.hover.index;
    const legend: LegendItem[] = [
      ...lines.map((each, index) => ({ label: years(each.horizonYears), colour: HORIZON_COLOURS[index], kind: 'line' as const, dash: HORIZON_DASHES[index] })),
      { label: 'Best share', colour: '#222', kind: 'dot' },
      { label: 'Current plan', colour: COLOURS.current, kind: 'ring' },
      ...this.scenarioPoints.map((point) => ({ label: `${point.label} (saved)`, colour: point.colour, kind: 'diamond' as const })),
    ];
    const bestSummary = lines.map((each) => `${years(each.horizonYears)}: ${this.format.percentWhole(each.bestShare)}`).join(', ');

    return html`<chart-frame heading=${`The trade-off: ${VALUE} by upstream share`}
      description="One line per horizon. Short horizons peak at a lower upstream share; long horizons reward brand building."
      .legend=${legend} .table=${this.table()} .tooltip=${this.tooltip(hoveredIndex, x, y)}>
      <svg class="chart" viewBox="0 0 ${width} ${HEIGHT}" role="img" tabindex="0"
        aria-label=${`Trade-off curve of ${VALUE} against upstream share for horizons of 1 to 5 years. Best shares: ${bestSummary}. Use the arrow keys to read each share.`}
        @pointermove=${(event: PointerEvent) => this.hover.pointAt(event, width, shares.length, (at) => Math.round(x.invert(at) * (shares.length - 1)))} @pointerleave=${() => this.hover.clear()}
        @keydown=${(event: KeyboardEvent) => this.hover.key(event, shares.length)} @blur=${() => this.hover.clear()}>
        ${verticalAxis(y, MARGIN.left, MARGIN.top, bottom, 'left', { ticks: y.ticks(5), format: this.format.moneyShort, label: VALUE, gridTo: right })}
        ${lines.map((each, index) => {
          const path = line<number>().x((_, point) => x(shares[point])).y((value) => y(value))(each.values) ?? '';
          return svg`<path d=${path} fill="none" stroke=${HORIZON_COLOURS[index]} stroke-width=${each.horizonYears === this.currentHorizon ? 3.5 : 2}
              stroke-dasharray=${HORIZON_DASHES[index]}></path>
            <circle cx=${x(each.bestShare)} cy=${y(each.bestValue)} r="5" fill=${HORIZON_COLOURS[index]} stroke="#222" stroke-width="1.5"></circle>`;
        })}
        ${spreadLabels(lines.map((each) => y(each.values[each.values.length - 1])), 11, MARGIN.top, bottom).map((labelY, index) =>
          svg`<text class="annotation" x=${right + 4} y=${labelY} dy="0.32em">${lines[index].horizonYears} yr</text>`)}
        <line x1=${x(this.currentShare)} x2=${x(this.currentShare)} y1=${MARGIN.top} y2=${bottom} stroke=${COLOURS.current} stroke-width="1.5" stroke-dasharray="4 3"></line>
        <circle cx=${x(this.currentShare)} cy=${y(this.currentValue)} r="7" fill="#fff" stroke=${COLOURS.current} stroke-width="3.5"></circle>
        ${this.scenarioPoints.map((point) => svg`<path d=${`M${x(point.share)},${y(point.value) - 7}l7,7l-7,7l-7,-7z`} fill=${point.colour} stroke="#fff" stroke-width="1.5">
          <title>${point.label}: ${this.format.percentWhole(point.share)} upstream, ${VALUE} ${this.format.money(point.value)}</title></path>`)}
        ${bottomAxis(x, bottom, MARGIN.left, right, { ticks: x.ticks(width < 420 ? 5 : 10), format: this.format.percentWhole, label: 'Upstream share of budget' })}
        ${hoveredIndex === undefined ? null : svg`<line class="guide" x1=${x(shares[hoveredIndex])} x2=${x(shares[hoveredIndex])} y1=${MARGIN.top} y2=${bottom}></line>`}
        <rect class="overlay" x=${MARGIN.left} y=${MARGIN.top} width=${Math.max(0, right - MARGIN.left)} height=${Math.max(0, bottom - MARGIN.top)}></rect>
      </svg>
    </chart-frame>`;
  }

  private tooltip(index: number | undefined, x: (share: number) => number, y: (value: number) => number): ChartTooltip | undefined {
    const curve = this.curve;
    if (index === undefined || curve === undefined) return undefined;
    const share = curve.shares[index];
    return {
      ...(this.hover.pointer ?? { x: x(share), y: y(curve.lines[curve.lines.length - 1].values[index]) }),
      title: `Upstream share ${this.format.percentWhole(share)}`,
      lines: curve.lines.map((each, line) => ({ label: years(each.horizonYears), value: this.format.money(each.values[index]), colour: HORIZON_COLOURS[line] })),
    };
  }

  private table(): ChartTable {
    const curve = this.curve;
    const lines = curve?.lines ?? [];
    return {
      caption: `${VALUE} by upstream share and horizon; the first rows give each horizon’s best share`,
      columns: ['Upstream share', ...lines.map((each) => years(each.horizonYears))],
      rows: [
        ['Best share', ...lines.map((each) => this.format.percent(each.bestShare))],
        [`Best ${VALUE}`, ...lines.map((each) => this.format.money(each.bestValue))],
        ...(curve?.shares ?? []).map((share, index) => [this.format.percentWhole(share), ...lines.map((each) => this.format.money(each.values[index]))]),
      ],
    };
  }
}

/**
 * Positions for line-end labels: each as close to its line's end as it can be while staying at
 * least `gap` pixels from its neighbours and inside [top, bottom]. Returned in input order.
 */
export function spreadLabels(positions: number[], gap: number, top: number, bottom: number): number[] {
  const order = positions.map((position, index) => ({ position, index })).sort((a, b) => a.position - b.position);
  const placed = order.map((entry) => entry.position);
  for (let index = 1; index < placed.length; index += 1) placed[index] = Math.max(placed[index], placed[index - 1] + gap);
  // Pushed past the bottom: shift the whole run back up, keeping the gaps.
  const overflow = placed.length > 0 ? placed[placed.length - 1] - bottom : 0;
  if (overflow > 0) for (let index = placed.length - 1; index >= 0; index -= 1) placed[index] = Math.max(top, placed[index] - overflow);
  for (let index = placed.length - 2; index >= 0; index -= 1) placed[index] = Math.min(placed[index], placed[index + 1] - gap);
  const result = new Array<number>(positions.length);
  order.forEach((entry, rank) => { result[entry.index] = placed[rank]; });
  return result;
}

customElements.define('tradeoff-curve-chart', TradeoffCurveChart);

declare global {
  interface HTMLElementTagNameMap { 'tradeoff-curve-chart': TradeoffCurveChart; }
}
