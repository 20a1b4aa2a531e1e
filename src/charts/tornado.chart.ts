import { scaleBand, scaleLinear } from 'd3';
import { keyFigure } from '../engine/key-figures.ts';
import { LitElement, html, svg } from 'lit';
import type { SensitivityFigure, SensitivityResult } from '../engine/uncertainty/sensitivity.ts';
import { PLAIN_NUMBER_FORMATS } from '../engine/io/number-formats.ts';
import { type ChartFormats, chartFormats } from './chart-formats.ts';
import { bottomAxis } from './axes.ts';
import './chart-frame.component.ts';
import type { ChartTable, ChartTooltip, LegendItem } from './chart-frame.component.ts';
import { chartSvgStyles } from './chart-svg.styles.ts';
import { HoverController } from './hover-controller.ts';
import { ResizeController } from './resize-controller.ts';

const ROW = 26;
const MARGIN = { top: 8, right: 16, bottom: 48 };
const LOW = '#D55E00';
const HIGH = '#0072B2';


/**
 * The tornado: how far the figure moves when each uncertain assumption goes from its 10th to its
 * 90th percentile with the others at their medians, largest swing on top.
 */
export class TornadoChart extends LitElement {
  static override styles = chartSvgStyles;
  static override properties = {
    formats: { attribute: false },
    sensitivity: { attribute: false },
    figure: { type: String },
  };

  declare sensitivity: SensitivityResult | undefined;
  declare figure: SensitivityFigure;
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
    this.sensitivity = undefined;
    this.figure = 'npvWithCarryover';
  }

  override render() {
    const result = this.sensitivity;
    const rows = [...(result?.rows ?? [])].sort((a, b) => b[this.figure].swing - a[this.figure].swing);
    const central = result?.central[this.figure] ?? 0;
    const width = Math.max(300, this.size.width);
    const labelWidth = Math.min(190, Math.round(width * 0.36));
    const left = labelWidth + 8;
    const right = width - MARGIN.right;
    const height = MARGIN.top + rows.length * ROW + MARGIN.bottom;
    const bottom = height - MARGIN.bottom;
    const values = rows.flatMap((row) => [row[this.figure].low, row[this.figure].high]);
    const low = Math.min(central, ...values);
    const high = Math.max(central, ...values);
    const span = high - low || Math.abs(central) || 1;
    const x = scaleLinear().domain([low - span * 0.05, high + span * 0.05]).nice().range([left, right]);
    const y = scaleBand<number>().domain(rows.map((_, index) => index)).range([MARGIN.top, bottom]).padding(0.25);
    const hovered = this.hover.index === undefined ? undefined : rows[this.hover.index];
    const words = keyFigure(this.figure).label;
    const legend: LegendItem[] = [
      { label: 'Assumption at its 10th percentile', colour: LOW },
      { label: 'At its 90th percentile', colour: HIGH },
      { label: `${words} at central assumptions`, colour: '#222', kind: 'line' },
    ];
    return html`<chart-frame heading=${`What moves ${words} most`}
      description="Each assumption moved from its 10th to its 90th percentile, the others at their medians."
      .legend=${legend} .table=${this.table(rows)} .tooltip=${this.tooltip(hovered, x, y)}>
      <svg class="chart" viewBox="0 0 ${width} ${height}" role="img" tabindex="0"
        aria-label=${`Tornado chart of ${words}: ${rows.slice(0, 3).map((row) => `${row.label} swings it by ${this.format.money(row[this.figure].swing)}`).join('; ')}. Use the arrow keys to read each assumption.`}
        @pointerleave=${() => this.hover.clear()}
        @keydown=${(event: KeyboardEvent) => this.hover.key(event, rows.length)} @blur=${() => this.hover.clear()}>
        ${rows.map((row, index) => {
          const swing = row[this.figure];
          const top = y(index) ?? 0;
          const bar = (value: number, colour: string) => svg`<rect x=${Math.min(x(central), x(value))} width=${Math.abs(x(value) - x(central))} y=${top} height=${y.bandwidth()} fill=${colour}></rect>`;
          return svg`<g @pointerenter=${() => this.hover.point(index)}>
            <text class="annotation" x=${labelWidth} y=${top + y.bandwidth() / 2} dy="0.32em" text-anchor="end">${fitted(row.label, labelWidth)}<title>${row.label}</title></text>
            ${bar(swing.low, LOW)}${bar(swing.high, HIGH)}
            ${hovered === row ? svg`<rect x=${left} width=${right - left} y=${top - 2} height=${y.bandwidth() + 4} fill="none" stroke="#222"></rect>` : null}
          </g>`;
        })}
        <line x1=${x(central)} x2=${x(central)} y1=${MARGIN.top} y2=${bottom} stroke="#222" stroke-width="1.5"></line>
        ${bottomAxis(x, bottom, left, right, { ticks: x.ticks(width < 420 ? 3 : 6), format: this.format.moneyShort, label: words })}
      </svg>
    </chart-frame>`;
  }

  private tooltip(row: SensitivityResult['rows'][number] | undefined, x: (value: number) => number, y: ReturnType<typeof scaleBand<number>>): ChartTooltip | undefined {
    if (row === undefined) return undefined;
    const swing = row[this.figure];
    const index = (this.sensitivity?.rows ?? []).indexOf(row);
    return {
      ...(this.hover.pointer ?? { x: x(swing.high), y: (y(index) ?? 0) }),
      title: `${row.label} (${row.unit})`,
      lines: [
        { label: `At ${formatAssumption(row.low)} (10th)`, value: this.format.money(swing.low), colour: LOW },
        { label: `At ${formatAssumption(row.high)} (90th)`, value: this.format.money(swing.high), colour: HIGH },
        { label: 'Swing', value: this.format.money(swing.swing) },
      ],
    };
  }

  private table(rows: SensitivityResult['rows']): ChartTable {
    return {
      caption: `${keyFigure(this.figure).label} with each assumption at its 10th and 90th percentile, largest swing first`,
      columns: ['Assumption', '10th percentile', '90th percentile', `${keyFigure(this.figure).label} at 10th`, 'at 90th', 'Swing'],
      rows: rows.map((row) => [row.label, formatAssumption(row.low), formatAssumption(row.high),
        this.format.money(row[this.figure].low), this.format.money(row[this.figure].high), this.format.money(row[this.figure].swing)]),
    };
  }
}

/** A label cut to the room it has (about 6.3 px a character at 11 px), with an ellipsis. */
function fitted(label: string, width: number): string {
  const room = Math.floor(width / 6.3);
  return label.length <= room ? label : `${label.slice(0, Math.max(1, room - 1))}…`;
}

/**
 * Assumption values span 0.001 to 1e6: three significant figures read well for all. Large ones
 * get thousands separators and no currency symbol: not every assumption is money (buyers per month).
 */
function formatAssumption(value: number): string {
  return Math.abs(value) >= 1000 ? PLAIN_NUMBER_FORMATS.money(value) : String(Number(value.toPrecision(3)));
}

customElements.define('tornado-chart', TornadoChart);

declare global {
  interface HTMLElementTagNameMap { 'tornado-chart': TornadoChart; }
}
