import { simulate } from '../../engine/index.ts';
import { CliError } from '../cli-error.ts';
import { compareScenarios } from '../comparison.ts';
import { formatComparisonTable } from '../format-comparison-table.ts';
import { loadModel, overridesFrom } from '../load-model.ts';
import { chooseFormat } from '../output-format.ts';
import type { Command } from './command.ts';

/** `budget-sim compare`: runs several models and shows their key figures side by side. */
export const compareCommand: Command = {
  name: 'compare',
  summary: 'Run several models and show their key figures side by side',
  options: [
    { name: 'set', valueName: 'path=value', repeatable: true },
    { name: 'format', valueName: 'json|table' },
  ],
  help: `Usage: budget-sim compare <a.json> <b.json> [more.json ...] [--set path=value ...] [--format table|json]

Run two or more models and show their summaries side by side, with each one's difference from
the first (the baseline).

Options:
  --set path=value   Change a setting in every model before it is checked, as in simulate.
  --format FORMAT    table (default): one row per key figure, one column per model, and a
                     "vs <first>" column after each other model (money as amount and percentage,
                     ROI in percentage points, payback in periods).
                     json: { "baseline": name, "scenarios": [{ "model", "file", "horizonYears",
                     "periodsPerYear", "summary", "difference" }, ...] } where difference is this
                     model minus the first (null where either is null; roiByYear element by
                     element, null when the horizons differ; paybackPeriod null when the models
                     count periods differently).
  -h, --help         Show this help.

Examples:
  budget-sim compare models/default.json my-plan.json
  budget-sim compare models/default.json models/default.json --format json
`,
  run(args, output) {
    const format = chooseFormat(args, ['table', 'json'], 'compare');
    const overrides = overridesFrom(args);
    if (args.positionals.length < 2) {
      throw new CliError(`compare needs at least two model files, got ${args.positionals.length}: budget-sim compare <a.json> <b.json> [more.json ...]`);
    }
    const comparison = compareScenarios(args.positionals.map((file) => {
      const model = loadModel(file, overrides);
      return {
        model: model.name,
        file,
        horizonYears: model.horizonYears,
        periodsPerYear: model.periodsPerYear,
        summary: simulate(model).summary,
      };
    }));
    output.stdout(format === 'json' ? `${JSON.stringify(comparison, null, 2)}\n` : formatComparisonTable(comparison));
    return 0;
  },
};
