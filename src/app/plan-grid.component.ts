import { LitElement, html, nothing } from 'lit';
import { type GridPlan, type PlanEditDetail, appEvent } from './app-events.ts';
import { live } from 'lit/directives/live.js';
import { type NumberFormats, formatMoney, formatPeriod } from './format.ts';
import { amountFromText } from './plan-grid-amount.ts';
import { planGridStyles } from './plan-grid.styles.ts';

export type { GridPlan, PlanEditDetail };

/** The event the grid sends when a person changes the plan; the shell applies it to the draft. */
export function planEdit(plan: GridPlan): CustomEvent<PlanEditDetail> {
  return appEvent('plan-edit', { plan });
}

const SIDES = ['upstream', 'downstream'] as const;
type Side = (typeof SIDES)[number];
const SIDE_LABELS: Record<Side, string> = { upstream: 'Upstream', downstream: 'Downstream' };

/**
 * The plan period by period, to read and edit: a row per period and a column per side
 * (upstream, downstream), each cell a number field, with each year's totals after its periods.
 * A change is sent up when a field is left or Enter is pressed; a block copied from a
 * spreadsheet (tab-separated columns, one line per row, thousands separators allowed) can be
 * pasted into any cell and fills the grid from there to the right and down. A value that is not an
 * amount shows a message by its cell and changes nothing: the cell shows the plan's amount again. Scrolls inside itself, with the header
 * row and the period column kept in view.
 *
 * @event plan-edit - `{ plan }` with the whole new plan, on a person's edit or paste only
 */
export class PlanGrid extends LitElement {
  static override styles = planGridStyles;

  static override properties = {
    plan: { attribute: false },
    formats: { attribute: false },
    periodsPerYear: { type: Number },
    startYear: { type: Number },
    problem: { state: true },
  };

  /** The plan shown; the grid never changes it itself. */
  declare plan: GridPlan | undefined;
  /** The model's number formats, for the totals in its currency; plain numbers until set. */
  declare formats: NumberFormats | undefined;
  declare periodsPerYear: number;
  /** Calendar year of period 1, for the year rows' labels; absent: "Year 1". */
  declare startYear: number | undefined;
  /** The cell that shows a message, and the message. */
  declare problem: { row: number; side: Side; message: string } | undefined;

  /** A total in the model's currency (the cells themselves stay plain numbers to edit). */
  private money(value: number): string {
    return this.formats === undefined ? formatMoney(value) : this.formats.money(value);
  }

  constructor() {
    super();
    this.plan = undefined;
    this.formats = undefined;
    this.periodsPerYear = 12;
    this.startYear = undefined;
    this.problem = undefined;
  }

  override willUpdate(changed: Map<string, unknown>): void {
    // A new plan from the shell replaces whatever was typed; a message about old text no longer applies.
    if (changed.has('plan') && changed.get('plan') !== undefined) this.problem = undefined;
  }

  override render() {
    const plan = this.plan;
    if (plan === undefined) return nothing;
    const years = Math.ceil(plan.upstream.length / this.periodsPerYear);
    const period = formatPeriod(1, this.periodsPerYear).split(' ')[0];
    return html`
      <p class="intro" id="plan-grid-help">Spend per ${period.toLowerCase()}. Edit a cell, or paste a block copied from a spreadsheet into the cell where it should start.</p>
      <div class="scroller" role="region" aria-label="Spend per period" aria-describedby="plan-grid-help" tabindex="0">
        <table>
          <thead><tr><th scope="col">${period}</th>${SIDES.map((side) => html`<th scope="col">${SIDE_LABELS[side]}</th>`)}<th scope="col">Total</th></tr></thead>
          ${Array.from({ length: years }, (_, year) => this.renderYear(plan, year))}
        </table>
      </div>`;
  }

  private renderYear(plan: GridPlan, year: number) {
    const first = year * this.periodsPerYear;
    const last = Math.min(plan.upstream.length, first + this.periodsPerYear);
    const rows = [];
    let upstreamTotal = 0;
    let downstreamTotal = 0;
    for (let row = first; row < last; row += 1) {
      upstreamTotal += plan.upstream[row];
      downstreamTotal += plan.downstream[row];
      rows.push(html`<tr>
        <th scope="row">${formatPeriod(row + 1, this.periodsPerYear)}</th>
        ${SIDES.map((side) => this.renderCell(plan, row, side))}
        <td>${this.money(plan.upstream[row] + plan.downstream[row])}</td>
      </tr>`);
    }
    const yearLabel = this.startYear === undefined ? `Year ${year + 1}` : String(this.startYear + year);
    return html`<tbody>${rows}
      <tr class="year-total" data-year=${year + 1}>
        <th scope="row">${yearLabel} total</th>
        <td>${this.money(upstreamTotal)}</td><td>${this.money(downstreamTotal)}</td><td>${this.money(upstreamTotal + downstreamTotal)}</td>
      </tr></tbody>`;
  }

  private renderCell(plan: GridPlan, row: number, side: Side) {
    const problem = this.problem?.row === row && this.problem.side === side ? this.problem.message : undefined;
    const id = `${side}-${row}`;
    return html`<td>
      <input id=${id} type="text" inputmode="decimal" autocomplete="off" data-row=${row} data-side=${side}
        aria-label=${`${SIDE_LABELS[side]}, ${formatPeriod(row + 1, this.periodsPerYear).toLowerCase()}`}
        aria-invalid=${problem === undefined ? 'false' : 'true'} aria-describedby=${problem === undefined ? nothing : `${id}-error`}
        .value=${live(formatMoney(plan[side][row]))}
        @change=${(event: Event) => this.onChange(event.target as HTMLInputElement, row, side)}
        @keydown=${(event: KeyboardEvent) => { if (event.key === 'Enter') this.onChange(event.target as HTMLInputElement, row, side); }}
        @paste=${(event: ClipboardEvent) => this.onPaste(event, row, side)}>
      ${problem === undefined ? nothing : html`<p class="error" id=${`${id}-error`} role="alert">${problem}</p>`}
    </td>`;
  }

  private onChange(input: HTMLInputElement, row: number, side: Side): void {
    const plan = this.plan;
    if (plan === undefined) return;
    const value = amountFromText(input.value);
    if (typeof value === 'string') {
      this.problem = { row, side, message: `${SIDE_LABELS[side]}, ${formatPeriod(row + 1, this.periodsPerYear).toLowerCase()}: ${value}. Nothing was changed.` };
      return;
    }
    this.problem = undefined;
    if (value === plan[side][row]) return;
    const next = { upstream: [...plan.upstream], downstream: [...plan.downstream] };
    next[side][row] = value;
    this.dispatchEvent(planEdit(next));
  }

  /** A block from a spreadsheet: rows on lines, columns by tabs, from this cell right and down. */
  private onPaste(event: ClipboardEvent, row: number, side: Side): void {
    const plan = this.plan;
    const text = event.clipboardData?.getData('text/plain') ?? '';
    if (plan === undefined || !/[\t\n\r]/.test(text.trim())) return; // one value: the field takes it as typed
    event.preventDefault();
    const lines = text.replace(/\r\n?/g, '\n').replace(/\n+$/, '').split('\n');
    const column = SIDES.indexOf(side);
    const next = { upstream: [...plan.upstream], downstream: [...plan.downstream] };
    for (const [lineIndex, line] of lines.entries()) {
      const cells = line.split('\t');
      const target = row + lineIndex;
      const problem = target >= plan.upstream.length ? `the block has ${lines.length} rows, but ${leftFromHere(plan.upstream.length - row, 'row')}`
        : column + cells.length > SIDES.length ? `the block has ${cells.length} columns, but ${leftFromHere(SIDES.length - column, 'column')}`
          : undefined;
      if (problem !== undefined) {
        this.problem = { row, side, message: `Pasted block: ${problem}. Nothing was changed.` };
        return;
      }
      for (const [cellIndex, cell] of cells.entries()) {
        const value = amountFromText(cell);
        if (typeof value === 'string') {
          this.problem = { row, side, message: `Pasted block, row ${lineIndex + 1}, column ${cellIndex + 1}: ${value}. Nothing was changed.` };
          return;
        }
        next[SIDES[column + cellIndex]][target] = value;
      }
    }
    this.problem = undefined;
    this.dispatchEvent(planEdit(next));
  }
}

/** "only 1 row is left from here", "only 3 rows are left from here". */
function leftFromHere(count: number, noun: string): string {
  return count === 1 ? `only 1 ${noun} is left from here` : `only ${count} ${noun}s are left from here`;
}

customElements.define('plan-grid', PlanGrid);

declare global {
  interface HTMLElementTagNameMap { 'plan-grid': PlanGrid; }
}
