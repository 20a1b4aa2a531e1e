// Shared by the command and the browser app, which must produce byte-identical CSV: keep this
// file free of Node and DOM APIs.
import { csvFormatRows } from 'd3';
import type { Model } from '../model/model.ts';
import { PERIOD_FIELDS, type SimulationResult } from '../sim/results.ts';
import { periodLabel } from './period-label.ts';

/** The header of a channel's spend column: `spend:TV` (a channel name has no dot, but may have a colon; it is the name as written). */
export function channelSpendColumn(name: string): string {
  return `spend:${name}`;
}

/**
 * The per-period results of a simulation as CSV, ready for a spreadsheet: a header row, then one
 * row per period. The first column, `period`, labels each period ("2027-01" with the model's
 * startYear, else "Y1-M01"); then the engine's fields in `PERIOD_FIELDS` order (`upstream` and
 * `downstream` are the sides' total spend). A model in the channel form (spec §9.1) adds one
 * column per channel at the end, `spend:<name>`, upstream channels first, each side in file
 * order (spec §9.4); a two-lever model's columns are as they always were, so a script written
 * for one reads the other by the same column positions.
 *
 * Numbers are written as JavaScript prints them (`String(n)`): full precision, "." as decimal
 * point, no thousands separators, exponent notation for very large or small magnitudes
 * (`1e-7`), so a spreadsheet or a script reads back exactly the engine's values. A channel name
 * with a comma or a quote is quoted as CSV quotes it. Lines end with "\n" and so does the text,
 * so it can be saved as a file as it is.
 *
 * @example formatPeriodsCsv(simulate(model), model).split('\n')[0] // "period,t,upstream,downstream,..."
 */
export function formatPeriodsCsv(
  result: SimulationResult,
  model: Pick<Model, 'periodsPerYear' | 'startYear' | 'fiscalYearStartMonth' | 'upstream'>,
): string {
  // The summary lists the channels in the order of results (upstream first, file order).
  const channels = 'channels' in model.upstream ? result.summary.channels.map((channel) => channel.name) : [];
  const header = ['period', ...PERIOD_FIELDS, ...channels.map(channelSpendColumn)];
  const rows = result.periods.map((period) => [
    periodLabel(period.t, model.periodsPerYear, model.startYear, model.fiscalYearStartMonth),
    ...PERIOD_FIELDS.map((field) => String(period[field])),
    ...channels.map((name) => String(period.spend[name])),
  ]);
  return `${csvFormatRows([header, ...rows])}\n`;
}
