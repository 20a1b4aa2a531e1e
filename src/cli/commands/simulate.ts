import { marginalRoi, simulate } from '../../engine/index.ts';
import { CliError } from '../cli-error.ts';
import { formatSimulationTable } from '../format-simulation-table.ts';
import { loadModel, overridesFrom } from '../load-model.ts';
import { chooseFormat } from '../output-format.ts';
import { formatPeriodsCsv } from '../../engine/io/period-csv.ts';
import type { Command } from './command.ts';

/** `budget-sim simulate`: runs one model and prints its results. */
export const simulateCommand: Command = {
  name: 'simulate',
  summary: 'Run one model and print its results (table, json or csv)',
  options: [
    { name: 'set', valueName: 'path=value', repeatable: true },
    { name: 'format', valueName: 'json|csv|table' },
  ],
  help: `Usage: budget-sim simulate <model.json> [--set path=value ...] [--format table|json|csv]

Run one model and print its results.

Options:
  --set path=value   Change a setting before the model is checked; repeatable, applied in order.
                     The path is the field's dotted name (numbers index lists); the value is JSON,
                     or text when it is not valid JSON:
                       --set horizonYears=5  --set budget.perYear=[1e6,2e6,3e6]
                       --set budget.perYear.1=5e5  --set market.seasonality=null
                       --set "name=My plan"
  --format FORMAT    table (default): key figures, the marketing's own value first (marketing
                     NPV with carryover, marketing NPV: the plan minus spending nothing), each
                     side's marginal ROI, for a model with channels a table by channel (side,
                     spend, incremental revenue, ROI, marginal ROI, value added), and a per-year
                     table, for reading. Money carries the model's currency symbol when it has
                     a "currency".
                     json: { "model", "currency" (when the model has one), "periods": [...],
                     "summary": {...}, "marginalRoi": { "upstream", "downstream", "channels" } }
                     with the engine's field names: each period has "spend" (channel name ->
                     spend), the summary "channels" ([{ "name", "side", "spend",
                     "incrementalRevenue", "roi", "valueAdded" }], upstream channels first); a
                     two-lever model's channels are "upstream" and "downstream". marginalRoi is
                     what the next unit of money on each side, and on each channel, returns
                     above its cost (docs/figures.md).
                     csv: a header row and one row per period, full-precision numbers; a model
                     with channels adds a column per channel at the end, "spend:<name>".
  -h, --help         Show this help.

Examples:
  budget-sim simulate models/default.json
  budget-sim simulate models/default.json --set horizonYears=5 --set budget.upstreamShare=0.6
  budget-sim simulate models/default.json --format csv > periods.csv
  budget-sim simulate my-channels.json --set upstream.channels.TV.halfSaturation=50000
`,
  run(args, output) {
    const format = chooseFormat(args, ['table', 'json', 'csv'], 'simulate');
    const overrides = overridesFrom(args);
    if (args.positionals.length === 0) throw new CliError('simulate needs a model file: budget-sim simulate <model.json>');
    if (args.positionals.length > 1) {
      throw new CliError(`simulate takes one model file, got ${args.positionals.length} (${args.positionals.join(', ')}); to set several side by side, use budget-sim compare`);
    }
    const model = loadModel(args.positionals[0], overrides);
    const result = simulate(model);
    if (format === 'json') {
      const currency = model.currency === undefined ? {} : { currency: model.currency };
      const json = { model: model.name, ...currency, periods: result.periods, summary: result.summary, marginalRoi: marginalRoi(model) };
      output.stdout(`${JSON.stringify(json, null, 2)}\n`);
    } else if (format === 'csv') {
      output.stdout(formatPeriodsCsv(result, model));
    } else {
      output.stdout(formatSimulationTable(model, result, marginalRoi(model)));
    }
    return 0;
  },
};
