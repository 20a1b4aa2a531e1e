import { LitElement, html, nothing, svg } from 'lit';
import { type FitParameterLabel, fitParameterLabel } from '../engine/fit/fit-parameter-label.ts';
import { fitParameterNormalScale } from '../engine/fit/fit-parameter-normal-scale.ts';
import type { FitParameter } from '../engine/fit/fit-result.ts';
import type { Model } from '../engine/model/model.ts';
import './chart-frame.component.ts';
import type { ChartTable, ChartTooltip, LegendItem } from './chart-frame.component.ts';
import { chartSvgStyles } from './chart-svg.styles.ts';
import { type ParameterRowScale, formatSettingValue, parameterRowScale } from './fit-parameter-scale.ts';
import { HoverController } from './hover-controller.ts';
import { FIT_COLOURS } from './palette.ts';
import { ResizeController } from './resize-controller.ts';
import { type TextMeasure, fitText, textMeasure } from './text-fit.ts';

const MARGIN = { top: 6, right: 12, bottom: 30, left: 8 };
/** Below this width the labels take a line of their own above each row's bar. */
const NARROW = 560;
const ROW_WIDE = 38;
const ROW_NARROW = 50;
/** A narrow row whose label and unit do not fit on one line gives the unit a line of its own. */
const UNIT_LINE = 13;
/** The row labels' font size (`.annotation` in chart-svg.styles.ts). */
const LABEL_SIZE = 11;
/** Between a narrow row's label and its unit on the same line. */
const UNIT_GAP = 6;
/** Room for a row's end numbers ("45.2k", "0.0123") beside its bar. */
const NUMBER_ROOM = 46;

const LEGEND: LegendItem[] = [
  { label: 'Prior 90 % range', colour: FIT_COLOURS.prior },
  { label: 'Prior median', colour: FIT_COLOURS.priorMedian, kind: 'line' },
  { label: 'Posterior 90 % interval', colour: FIT_COLOURS.posterior },
  { label: 'Fitted value', colour: FIT_COLOURS.value, kind: 'dot' },
  { label: 'Start value', colour: FIT_COLOURS.start, kind: 'diamond' },
];

interface Row {
  parameter: FitParameter;
  words: FitParameterLabel;
  scale: ParameterRowScale;
  /** The unit as the row shows it: "months · log scale". */
  unit: string;
}

/** Where one row is drawn, and its label and unit as cut to the room they have. */
interface RowPlace {
  top: number;
  height: number;
  /** Centre line of the row's bar. */
  centre: number;
  label: string;
  unit: string;
  /** A narrow row's unit on the line below its label, not beside it. */
  unitBelow: boolean;
}

/**
 * Each estimated setting's prior against its posterior, one row per setting: the prior's 90 %
 * range as a wide light bar with its median as a tick, the posterior's 90 % interval as a narrow
 * dark bar with the fitted value as a dot, the starting model's value as a diamond above. Settings
 * have different units, so each row has its own scale (`parameterRowScale`: the union of its
 * ranges, log for a positive setting the fit estimates in ratios whatever its span, linear for
 * one that can be 0 or below), its two ends printed beside it. A label too long for its room is cut with an ellipsis,
 * its whole text in a <title>; at phone widths a unit that does not fit beside its label goes on
 * a line of its own. A posterior much
 * narrower than its prior is a setting the history pinned down; one as wide is one it did not.
 * Arrow keys up and down step through the rows.
 */
export class FitParametersChart extends LitElement {
  static override styles = chartSvgStyles;
  static override properties = {
    parameters: { attribute: false },
    model: { attribute: false },
  };

  /** The fit's estimated quantities (`FitResult.parameters`), drawn in this order. */
  declare parameters: FitParameter[];
  /** The fitted (or starting) model, for the rows' labels ("TV: half-saturation"); paths show without it. */
  declare model: Model | undefined;

  private readonly size = new ResizeController(this);
  private readonly hover = new HoverController(this);

  constructor() {
    super();
    this.parameters = [];
    this.model = undefined;
  }

  override render() {
    const rows = this.rows();
    const width = Math.max(280, this.size.width);
    const narrow = width < NARROW;
    const labelWidth = narrow ? 0 : Math.min(240, Math.round(width * 0.34));
    const trackLeft = MARGIN.left + labelWidth + (narrow ? 0 : 10) + NUMBER_ROOM;
    const trackRight = width - MARGIN.right - NUMBER_ROOM;
    const places = this.places(rows, narrow, narrow ? width - 2 * MARGIN.left : labelWidth);
    const last = places.at(-1);
    const height = (last === undefined ? MARGIN.top : last.top + last.height) + MARGIN.bottom;
    const hovered = this.hover.index;
    const along = (scale: ParameterRowScale, value: number) => trackLeft + scale.position(value) * (trackRight - trackLeft);

    return html`<chart-frame heading="What the history says about each setting"
      description="Each setting’s prior (what was assumed before the fit) against its posterior (what the history and the prior say together), each row on its own scale. A dark bar much shorter than the light one is a setting the history pinned down."
      .legend=${LEGEND} .table=${this.table(rows)} .tooltip=${this.tooltip(rows, hovered, places, along)}>
      <svg class="chart" viewBox="0 0 ${width} ${height}" role="img" tabindex="0"
        aria-label=${this.summary(rows)}
        @pointerleave=${() => this.hover.clear()} @keydown=${(event: KeyboardEvent) => this.onKey(event, rows.length)} @blur=${() => this.hover.clear()}>
        ${rows.map((row, index) => this.renderRow(row, index, places[index], { narrow, labelWidth, trackLeft, trackRight, width, along }))}
        <text class="annotation axis-note" x=${narrow ? MARGIN.left : trackLeft} y=${height - 10}>Each row on its own scale${narrow ? '' : ', from its lowest to its highest value'}${rows.some((row) => row.scale.kind === 'log') ? '; log where marked' : ''}</text>
      </svg>
    </chart-frame>`;
  }

  private renderRow(row: Row, index: number, place: RowPlace, layout: {
    narrow: boolean; labelWidth: number; trackLeft: number; trackRight: number; width: number;
    along: (scale: ParameterRowScale, value: number) => number;
  }) {
    const { narrow, labelWidth, trackLeft, trackRight, width, along } = layout;
    const { parameter, words, scale, unit } = row;
    const { top, height: rowHeight, centre } = place;
    const prior = parameter.prior;
    const postLeft = along(scale, parameter.lower);
    const postRight = along(scale, parameter.upper);
    const start = along(scale, parameter.start);
    const unitTitle = svg`<title>${unit}</title>`;
    let label;
    if (!narrow) {
      label = svg`<text class="annotation row-label" x=${MARGIN.left + labelWidth} y=${centre - (unit ? 4 : 0)} dy="0.32em" text-anchor="end">${place.label}<title>${words.label}</title></text>
        ${unit ? svg`<text class="annotation unit" x=${MARGIN.left + labelWidth} y=${centre + 10} dy="0.32em" text-anchor="end" fill=${FIT_COLOURS.heldOutText}>${place.unit}${unitTitle}</text>` : nothing}`;
    } else if (place.unitBelow) {
      label = svg`<text class="annotation row-label" x=${MARGIN.left} y=${top + 12}>${place.label}<title>${words.label}</title></text>
        <text class="annotation unit" x=${MARGIN.left} y=${top + 12 + UNIT_LINE} fill=${FIT_COLOURS.heldOutText}>${place.unit}${unitTitle}</text>`;
    } else {
      label = svg`<text class="annotation row-label" x=${MARGIN.left} y=${top + 12}>${place.label}${unit ? svg`<tspan class="unit" dx=${UNIT_GAP} fill=${FIT_COLOURS.heldOutText}>${place.unit}</tspan>` : nothing}<title>${words.label}</title></text>`;
    }
    return svg`<g class="row" data-path=${parameter.path} @pointerenter=${() => this.hover.point(index)}>
      <rect x="0" y=${top} width=${width} height=${rowHeight} fill="transparent"></rect>
      ${this.hover.index === index ? svg`<rect x="1" y=${top + 1} width=${width - 2} height=${rowHeight - 2} fill="none" stroke=${FIT_COLOURS.ink} rx="3"></rect>` : nothing}
      ${label}
      <text class="annotation end" x=${trackLeft - 6} y=${centre} dy="0.32em" text-anchor="end">${formatSettingValue(scale.domain[0])}</text>
      <text class="annotation end" x=${trackRight + 6} y=${centre} dy="0.32em">${formatSettingValue(scale.domain[1])}</text>
      <line x1=${trackLeft} x2=${trackRight} y1=${centre} y2=${centre} stroke=${FIT_COLOURS.track}></line>
      ${prior === null ? nothing : svg`<rect class="prior" x=${along(scale, prior.lower)} y=${centre - 7} width=${Math.max(1, along(scale, prior.upper) - along(scale, prior.lower))} height="14" fill=${FIT_COLOURS.prior}></rect>
        <line class="prior-median" x1=${along(scale, prior.median)} x2=${along(scale, prior.median)} y1=${centre - 9} y2=${centre + 9} stroke=${FIT_COLOURS.priorMedian} stroke-width="2"></line>`}
      <rect class="posterior" x=${postLeft} y=${centre - 2.5} width=${Math.max(1, postRight - postLeft)} height="5" fill=${FIT_COLOURS.posterior}></rect>
      <circle class="value" cx=${along(scale, parameter.value)} cy=${centre} r="4.5" fill=${FIT_COLOURS.value} stroke=${FIT_COLOURS.posterior} stroke-width="1.5"></circle>
      <path class="start" transform="translate(${start},${centre - 13})" d="M0,-4.5L4.5,0L0,4.5L-4.5,0Z" fill=${FIT_COLOURS.start}></path>
    </g>`;
  }

  private rows(): Row[] {
    return this.parameters.map((parameter) => {
      const words = fitParameterLabel(this.model, parameter.path);
      const scale = parameterRowScale(parameter, fitParameterNormalScale(this.model, parameter.path));
      const unit = [words.unit, scale.kind === 'log' ? 'log scale' : ''].filter((part) => part !== '').join(' · ');
      return { parameter, words, scale, unit };
    });
  }

  /**
   * Each row's place and its words cut to `room` px (the label column when wide, the chart's
   * width when narrow), measured in the font the chart draws with. A narrow row whose label and
   * unit do not fit on one line is `UNIT_LINE` taller, its unit on a line of its own.
   */
  private places(rows: Row[], narrow: boolean, room: number): RowPlace[] {
    const measure: TextMeasure = textMeasure(this.isConnected ? getComputedStyle(this).fontFamily : '', LABEL_SIZE);
    let top = MARGIN.top;
    return rows.map(({ words, unit }) => {
      const label = fitText(words.label, room, measure);
      const oneLine = !narrow || unit === '' || measure(words.label) + UNIT_GAP + measure(unit) <= room;
      const height = narrow ? ROW_NARROW + (oneLine ? 0 : UNIT_LINE) : ROW_WIDE;
      const place: RowPlace = {
        top, height,
        centre: top + (narrow ? 32 + (oneLine ? 0 : UNIT_LINE) : ROW_WIDE / 2 + 2),
        label, unit: fitText(unit, room, measure), unitBelow: !oneLine,
      };
      top += height;
      return place;
    });
  }

  /** Up and down step through the rows (top to bottom, as they read), Home and End jump, Escape clears. */
  private onKey(event: KeyboardEvent, count: number): void {
    if (count === 0) return;
    const current = this.hover.index;
    let next: number | undefined;
    if (event.key === 'ArrowDown' || event.key === 'ArrowRight') next = current === undefined ? 0 : Math.min(count - 1, current + 1);
    else if (event.key === 'ArrowUp' || event.key === 'ArrowLeft') next = current === undefined ? count - 1 : Math.max(0, current - 1);
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = count - 1;
    else if (event.key === 'Escape') { this.hover.clear(); return; }
    else return;
    event.preventDefault();
    this.hover.point(next);
  }

  private summary(rows: Row[]): string {
    if (rows.length === 0) return 'Priors against posteriors: no settings estimated yet.';
    const narrowed = rows.filter((row) => shareOfPrior(row) < 0.5).length;
    return `Prior against posterior for ${rows.length} estimated settings; the history narrowed ${narrowed} of them to less than half their prior range. `
      + 'Use the up and down arrow keys to read each setting.';
  }

  private tooltip(rows: Row[], index: number | undefined, places: RowPlace[], along: (scale: ParameterRowScale, value: number) => number): ChartTooltip | undefined {
    const row = index === undefined ? undefined : rows[index];
    const place = index === undefined ? undefined : places[index];
    if (row === undefined || place === undefined) return undefined;
    const { parameter, words, scale } = row;
    const value = formatSettingValue;
    const share = shareOfPrior(row);
    const prior = parameter.prior;
    return {
      ...(this.hover.pointer ?? { x: along(scale, parameter.value), y: place.top + place.height }),
      title: words.unit ? `${words.label} (${words.unit})` : words.label,
      lines: [
        ...(prior === null ? [{ label: 'Prior', value: 'none (flat)' }] : [
          { label: 'Prior 90 % range', value: `${value(prior.lower)} – ${value(prior.upper)}`, colour: FIT_COLOURS.prior },
          { label: 'Prior median', value: value(prior.median), colour: FIT_COLOURS.priorMedian },
        ]),
        { label: 'Posterior 90 %', value: `${value(parameter.lower)} – ${value(parameter.upper)}`, colour: FIT_COLOURS.posterior },
        { label: 'Fitted value', value: value(parameter.value), colour: FIT_COLOURS.value },
        { label: 'Start value', value: value(parameter.start), colour: FIT_COLOURS.start },
        { label: 'Posterior width', value: Number.isFinite(share) ? `${Math.round(share * 100)} % of prior` : '—' },
        ...(prior === null ? [] : [{ label: 'Prior from', value: priorSource(prior.source) }]),
      ],
    };
  }

  private table(rows: Row[]): ChartTable {
    return {
      caption: 'Each estimated setting: its prior’s 5 %, median and 95 % points, the start value, the fitted value and the posterior’s 90 % interval',
      columns: ['Setting', 'Unit', 'Prior 5 %', 'Prior median', 'Prior 95 %', 'Prior from', 'Start', 'Fitted', 'Posterior 5 %', 'Posterior 95 %', 'Row scale'],
      rows: rows.map(({ parameter, words, scale }) => [
        words.label, words.unit,
        ...(parameter.prior === null ? ['—', '—', '—', 'none (flat)']
          : [...[parameter.prior.lower, parameter.prior.median, parameter.prior.upper].map(formatSettingValue), priorSource(parameter.prior.source)]),
        ...[parameter.start, parameter.value, parameter.lower, parameter.upper].map(formatSettingValue),
        scale.kind,
      ]),
    };
  }
}

function priorSource(source: 'uncertainty' | 'default'): string {
  return source === 'uncertainty' ? 'model range' : 'wide default';
}

/**
 * The posterior interval's width as a share of the prior's, on the row's own scale (log rows in
 * ratios); NaN with no prior.
 */
function shareOfPrior({ parameter, scale }: Row): number {
  if (parameter.prior === null) return NaN;
  const prior = scale.position(parameter.prior.upper) - scale.position(parameter.prior.lower);
  const posterior = scale.position(parameter.upper) - scale.position(parameter.lower);
  return prior > 0 ? posterior / prior : Infinity;
}

customElements.define('fit-parameters-chart', FitParametersChart);

declare global {
  interface HTMLElementTagNameMap { 'fit-parameters-chart': FitParametersChart; }
}
