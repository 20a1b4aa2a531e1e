// Shared with the browser app, which must produce byte-identical CSV downloads: keep this file
// free of Node APIs (no 'node:' imports, no process, no fs).
import { csvFormat } from 'd3';
import { PERIOD_FIELDS, type SimulationResult } from '../engine/index.ts';

/**
 * The per-period results of a simulation as CSV: a header row of the engine's field names in
 * `PERIOD_FIELDS` order, then one row per period.
 *
 * Numbers are written as JavaScript prints them (`String(n)`): full precision, "." as decimal
 * point, no thousands separators, exponent notation for very large or small magnitudes
 * (`1e-7`), so a spreadsheet or a script reads back exactly the engine's values. Lines end with
 * "\n" and so does the text, so it can be saved as a file as it is.
 *
 * @example formatPeriodsCsv(simulate(model)).split('\n')[0] // "t,upstream,downstream,equity,..."
 */
export function formatPeriodsCsv(result: SimulationResult): string {
  return `${csvFormat(result.periods, PERIOD_FIELDS)}\n`;
}
