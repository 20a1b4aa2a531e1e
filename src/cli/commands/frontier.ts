import { isChannelModel } from '../../engine/index.ts';
import { MAX_FRONTIER_STEPS, budgetFrontier } from '../../engine/optimize/index.ts';
import { requiredOptionValue } from '../args.ts';
import { CliError } from '../cli-error.ts';
import { formatFrontierCsv } from '../frontier-csv.ts';
import { loadModel, overridesFrom, refuseOverflow } from '../load-model.ts';
import { parseNumberOption, parseWholeNumberOption } from '../number-option.ts';
import { OPTIMIZER_OPTIONS, optimizerOptionsFrom, withOptimizerErrors } from '../optimizer-arguments.ts';
import { chooseFormat } from '../output-format.ts';
import type { Command } from './command.ts';

/** `budget-sim frontier`: the best objective and split for a range of budgets. */
export const frontierCommand: Command = {
  name: 'frontier',
  summary: 'Best value and split for budgets from A to B times the model\'s (marginal return)',
  options: [
    { name: 'from', valueName: 'A' },
    { name: 'to', valueName: 'B' },
    { name: 'steps', valueName: 'N' },
    ...OPTIMIZER_OPTIONS,
    { name: 'set', valueName: 'path=value', repeatable: true },
    { name: 'format', valueName: 'json|csv' },
  ],
  help: `Usage: budget-sim frontier <model.json> --from A --to B --steps N [--objective ...] [--phasing ...]
         [--min-share a --max-share b] [--min-period x --max-period y]
         [--max-step s] [--min-flight N] [--bound channel=min:max ...]
         [--set path=value ...] [--format json|csv]

For N budgets evenly spaced from A to B times the model's (both included; each year's budget is
scaled, keeping the yearly profile), optimise the plan and print the best value, its split, its
ROI and the marginal return of the money added since the previous budget. Where the marginal
value of an NPV objective falls below 0, the last money added cost more than it earned.

Options:
  --from A, --to B   First and last multiple of the model's budget (≥ 0; e.g. 0.5 and 2).
  --steps N          How many budgets: a whole number from 2 to ${MAX_FRONTIER_STEPS}.
  --objective, --phasing, --min-share, --max-share, --min-period, --max-period,
  --max-step, --min-flight, --bound channel=min:max
                     As in optimize (default: npvWithCarryover, constant; channel bounds are
                     amounts per year, kept at every budget). Each point is the best plan found
                     at its budget, never the smoother one optimize returns by
                     default: the marginal figures are differences of best values.
  --set path=value   Change a setting first, as in simulate.
  --format FORMAT    json (default): { "model", "objective", "phasing", "points": [{ "multiplier",
                     "budgetPerYear", "totalSpend", "value", "upstreamShare",
                     "upstreamShareByYear", "channels": [{ "name", "side", "spend" }], "roi",
                     "marginalValue", "marginalRoi" }, ...], "evaluations", "ms" }; channels
                     is each channel's spend over the horizon in the best plan (a two-lever
                     model's are "upstream" and "downstream").
                     csv: one row per budget, the same figures except upstreamShareByYear
                     and channels (empty cells where a figure is missing); a model with
                     channels adds each channel's spend at the end, spend:<name>.
  -h, --help         Show this help.

budgetPerYear is the average over the horizon. marginalValue is Δvalue / Δspend from the
previous point; marginalRoi is Δ(incremental contribution − spend) / Δspend.

Examples:
  budget-sim frontier models/default.json --from 0.5 --to 2 --steps 7
  budget-sim frontier models/default.json --from 0 --to 3 --steps 31 --objective totalRevenue --format csv
  budget-sim frontier models/consumer-channels.json --from 0.5 --to 2 --steps 4 --format csv
`,
  run(args, output) {
    const format = chooseFormat(args, ['json', 'csv'], 'frontier');
    const overrides = overridesFrom(args);
    const options = optimizerOptionsFrom(args);
    const from = parseNumberOption('from', requiredOptionValue(args, 'from', 'frontier'));
    const to = parseNumberOption('to', requiredOptionValue(args, 'to', 'frontier'));
    const steps = parseWholeNumberOption('steps', requiredOptionValue(args, 'steps', 'frontier'), 2, MAX_FRONTIER_STEPS);
    if (args.positionals.length !== 1) {
      throw new CliError(args.positionals.length === 0
        ? 'frontier needs a model file: budget-sim frontier <model.json> --from A --to B --steps N'
        : `frontier takes one model file, got ${args.positionals.length} (${args.positionals.join(', ')})`);
    }
    const model = loadModel(args.positionals[0], overrides);
    const start = performance.now();
    const frontier = withOptimizerErrors(() => budgetFrontier(model, { ...options, from, to, steps }));
    const ms = performance.now() - start;
    refuseOverflow(model, frontier.points, args.positionals[0]);
    const printed = {
      model: model.name,
      objective: frontier.objective,
      phasing: frontier.phasing,
      points: frontier.points,
      evaluations: frontier.evaluations,
      ms: Math.round(ms * 10) / 10,
    };
    output.stdout(format === 'csv' ? formatFrontierCsv(frontier, isChannelModel(model)) : `${JSON.stringify(printed, null, 2)}\n`);
    return 0;
  },
};
