// Shared by the command and the browser app, which must produce byte-identical CSV: keep this
// file free of Node and DOM APIs.
import { csvFormatRows } from 'd3';
import type { Model } from '../model/model.ts';
import { PERIOD_FIELDS, type SimulationResult } from '../sim/results.ts';
import { periodLabel } from './period-label.ts';

/**
 * The per-period results of a simulation as CSV, ready for a spreadsheet: a header row, then one
 * row per period. The first column, `period`, labels each period ("2027-01" with the model's
 * startYear, else "Y1-M01"); the rest are the engine's fields in `PERIOD_FIELDS` order.
 *
 * Numbers are written as JavaScript prints them (`String(n)`): full precision, "." as decimal
 * point, no thousands separators, exponent notation for very large or small magnitudes
 * (`1e-7`), so a spreadsheet or a script reads back exactly the engine's values. Lines end with
 * "\n" and so does the text, so it can be saved as a file as it is.
 *
 * @example formatPeriodsCsv(simulate(model), model).split('\n')[0] // "period,t,upstream,downstream,..."
 */
export function formatPeriodsCsv(result: SimulationResult, model: Pick<Model, 'periodsPerYear' | 'startYear' | 'fiscalYearStartMonth'>): string {
  const header = ['period', ...PERIOD_FIELDS];
  const rows = result.periods.map((period) => [
    periodLabel(period.t, model.periodsPerYear, model.startYear, model.fiscalYearStartMonth),
    ...PERIOD_FIELDS.map((field) => String(period[field])),
  ]);
  return `${csvFormatRows([header, ...rows])}\n`;
}
