import { SENSITIVITY_FIGURES, type SensitivityFigure, sensitivity } from '../../engine/index.ts';
import { optionValue } from '../args.ts';
import { CliError } from '../cli-error.ts';
import { formatSensitivityTable } from '../format-sensitivity-table.ts';
import { loadModel, overridesFrom, refuseOverflow } from '../load-model.ts';
import { withUncertaintyErrors } from '../monte-carlo-arguments.ts';
import { chooseFormat } from '../output-format.ts';
import type { Command } from './command.ts';

/** `budget-sim sensitivity`: a tornado of NPV over the model's uncertain settings. */
export const sensitivityCommand: Command = {
  name: 'sensitivity',
  summary: 'Which uncertain setting moves NPV most: each at its 10th and 90th percentile (tornado)',
  options: [
    { name: 'by', valueName: SENSITIVITY_FIGURES.join('|') },
    { name: 'set', valueName: 'path=value', repeatable: true },
    { name: 'format', valueName: 'table|json' },
  ],
  help: `Usage: budget-sim sensitivity <model.json> [--by npvWithCarryover|npv] [--set path=value ...] [--format table|json]

For each setting in the model's "uncertainty", NPV and NPV with carryover with that setting at
its 10th and then its 90th percentile and every other uncertain setting at its median (the
percentiles of its distribution within the setting's valid range), sorted by swing: a tornado.

Options:
  --by FIGURE        Sort by the swing of npvWithCarryover (default) or npv.
  --set path=value   Change a setting first, as in simulate.
  --format FORMAT    table (default): one row per setting, largest swing first.
                     json: { "model", "sortedBy", "central": { "npv", "npvWithCarryover" },
                     "rows": [{ "path", "label", "unit", "low", "central", "high",
                     "npv": { "low", "high", "swing" }, "npvWithCarryover": {...}, "limited" }] }.
  -h, --help         Show this help.

Examples:
  budget-sim sensitivity models/default.json
  budget-sim sensitivity models/long-term-growth.json --by npv --format json
`,
  run(args, output) {
    const format = chooseFormat(args, ['table', 'json'], 'sensitivity');
    const overrides = overridesFrom(args);
    const by = optionValue(args, 'by') ?? 'npvWithCarryover';
    if (!SENSITIVITY_FIGURES.includes(by as SensitivityFigure)) {
      throw new CliError(`unknown figure '${by}' for --by; choose ${SENSITIVITY_FIGURES.join(' or ')}`);
    }
    if (args.positionals.length !== 1) {
      throw new CliError(args.positionals.length === 0
        ? 'sensitivity needs a model file: budget-sim sensitivity <model.json>'
        : `sensitivity takes one model file, got ${args.positionals.length} (${args.positionals.join(', ')})`);
    }
    const file = args.positionals[0];
    const model = loadModel(file, overrides);
    const result = withUncertaintyErrors(file, () => sensitivity(model, by as SensitivityFigure));
    refuseOverflow(model, result, file);
    output.stdout(format === 'json'
      ? `${JSON.stringify({ model: model.name, ...result }, null, 2)}\n`
      : formatSensitivityTable(model.name, result));
    return 0;
  },
};
