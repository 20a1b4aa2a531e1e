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
  summary: 'Which uncertain setting moves the marketing\'s value most: each at its 10th and 90th percentile (tornado)',
  options: [
    { name: 'by', valueName: SENSITIVITY_FIGURES.join('|') },
    { name: 'set', valueName: 'path=value', repeatable: true },
    { name: 'format', valueName: 'table|json' },
  ],
  help: `Usage: budget-sim sensitivity <model.json> [--by ${SENSITIVITY_FIGURES.join('|')}] [--set path=value ...] [--format table|json]

For each setting in the model's "uncertainty", the marketing's NPV (plan minus spending nothing)
and the business's total NPV, each with and without carryover, with that setting at its 10th
and then its 90th percentile and every other uncertain setting at its median (the percentiles
of its distribution within the setting's valid range), sorted by swing: a tornado.

Options:
  --by FIGURE        Sort by the swing of incrementalNpvWithCarryover (default, the marketing's
                     own value), incrementalNpv, npvWithCarryover or npv.
  --set path=value   Change a setting first, as in simulate.
  --format FORMAT    table (default): one row per setting, largest swing first.
                     json: { "model", "sortedBy", "central": { "incrementalNpvWithCarryover",
                     "incrementalNpv", "npvWithCarryover", "npv" }, "rows": [{ "path", "label",
                     "unit", "low", "central", "high", "incrementalNpvWithCarryover": { "low",
                     "high", "swing" }, "incrementalNpv": {...}, "npvWithCarryover": {...},
                     "npv": {...}, "limited" }] }.
  -h, --help         Show this help.

Examples:
  budget-sim sensitivity models/default.json
  budget-sim sensitivity models/long-term-growth.json --by npv --format json
`,
  run(args, output) {
    const format = chooseFormat(args, ['table', 'json'], 'sensitivity');
    const overrides = overridesFrom(args);
    const by = optionValue(args, 'by') ?? 'incrementalNpvWithCarryover';
    if (!SENSITIVITY_FIGURES.includes(by as SensitivityFigure)) {
      throw new CliError(`unknown figure '${by}' for --by; choose ${SENSITIVITY_FIGURES.slice(0, -1).join(', ')} or ${SENSITIVITY_FIGURES.at(-1)}`);
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
