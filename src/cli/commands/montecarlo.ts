import { MAX_DRAWS, monteCarlo } from '../../engine/index.ts';
import { CliError } from '../cli-error.ts';
import { formatMonteCarloCsv } from '../format-monte-carlo.ts';
import { loadModel, overridesFrom } from '../load-model.ts';
import { DEFAULT_DRAWS, DEFAULT_SEED, MONTE_CARLO_OPTIONS, monteCarloOptionsFrom, withUncertaintyErrors } from '../monte-carlo-arguments.ts';
import { chooseFormat } from '../output-format.ts';
import type { Command } from './command.ts';

/** `budget-sim montecarlo`: the key figures as ranges, from the model's uncertainty. */
export const montecarloCommand: Command = {
  name: 'montecarlo',
  summary: 'Run a model many times over its uncertain settings: ranges and chances (json or csv)',
  options: [
    ...MONTE_CARLO_OPTIONS,
    { name: 'set', valueName: 'path=value', repeatable: true },
    { name: 'format', valueName: 'json|csv' },
  ],
  help: `Usage: budget-sim montecarlo <model.json> [--draws N] [--seed S] [--set path=value ...] [--format json|csv]

Monte Carlo over the ranges in the model's "uncertainty": in each draw every uncertain setting
takes a value from its distribution (values outside the setting's valid range are redrawn), and
the plan is simulated with those values. The same seed always gives the same output.

Options:
  --draws N          How many draws, 1 to ${MAX_DRAWS.toLocaleString('en-US')} (default ${DEFAULT_DRAWS.toLocaleString('en-US')}).
  --seed S           Seed of the random numbers, a whole number ≥ 0 (default ${DEFAULT_SEED}).
  --set path=value   Change a setting first, as in simulate. The ranges' paths contain dots,
                     so set the whole object: --set 'uncertainty={"brand.halfLifeMonths":
                     {"dist":"lognormal","median":24,"sigma":0.4}}'.
  --format FORMAT    json (default): { "model", "draws", "seed", "summary": { "<figure>": { "mean",
                     "p5", "p10", "p50", "p90", "p95" }, ..., "roiByYear": [ {...}, ... ] },
                     "probabilityRoiPositive", "probabilityPaysBack", "bands": { "equity",
                     "revenue", "cumulativeIncrementalProfit" }, "bandDraws", "uncertainFields" }.
                     Each band has p5, p10, p50, p90 and p95 lists with one value per period.
                     csv: figure,mean,p5,p10,p50,p90,p95 with one row per summary figure
                     (roiYear1, roiYear2, ... for each year's ROI).
  -h, --help         Show this help.

Null statistics: roi when nothing is spent; paybackPeriod where draws never pay back.

Examples:
  budget-sim montecarlo models/default.json --draws 10000 --seed 42
  budget-sim montecarlo models/default.json --draws 2000 --seed 7 --format csv
`,
  run(args, output) {
    const format = chooseFormat(args, ['json', 'csv'], 'montecarlo');
    const overrides = overridesFrom(args);
    const options = monteCarloOptionsFrom(args, true)!;
    if (args.positionals.length !== 1) {
      throw new CliError(args.positionals.length === 0
        ? 'montecarlo needs a model file: budget-sim montecarlo <model.json> --draws N --seed S'
        : `montecarlo takes one model file, got ${args.positionals.length} (${args.positionals.join(', ')}); to set several side by side, use budget-sim compare --draws N`);
    }
    const file = args.positionals[0];
    const model = loadModel(file, overrides);
    if (model.uncertainty === undefined || Object.keys(model.uncertainty).length === 0) {
      output.stderr(`${file} has no "uncertainty": every draw is the same, so each figure's range is a single value\n`);
    }
    const result = withUncertaintyErrors(file, () => monteCarlo(model, options));
    output.stdout(format === 'csv' ? formatMonteCarloCsv(result) : `${JSON.stringify({ model: model.name, ...result }, null, 2)}\n`);
    return 0;
  },
};
