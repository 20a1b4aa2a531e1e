import { csvFormatRows } from 'd3';
import type { FitPeriod } from '../engine/fit/fit-result.ts';
import { fitPeriodColumns, fitPeriodValue } from './fit-json.ts';

/**
 * A fit's periods as CSV, for a spreadsheet or a chart: a header row, then one row per period,
 * with the same columns as the JSON's periods (`fitPeriodColumns`): date, actual, fitted, lower,
 * upper (the 90 % interval), holdout (true for a held-out period), base, one column per channel
 * and per driver column (each its contribution to revenue in the period), interaction. Numbers
 * at full precision; a value that is missing or not finite is an empty cell. Ends with "\n".
 * @example formatFitCsv(result.periods).split('\n')[0] // "date,actual,fitted,lower,upper,holdout,base,TV,Search,price,interaction"
 */
export function formatFitCsv(periods: readonly FitPeriod[]): string {
  const columns = fitPeriodColumns(periods);
  const cell = (value: string | number | boolean | undefined) =>
    (value === undefined || (typeof value === 'number' && !Number.isFinite(value)) ? '' : String(value));
  const rows = periods.map((period) => columns.map((column) => cell(fitPeriodValue(period, column))));
  return `${csvFormatRows([columns.map((column) => column.key), ...rows])}\n`;
}
