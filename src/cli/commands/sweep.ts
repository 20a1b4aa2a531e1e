import { isChannelModel, marginalRoi, simulate } from '../../engine/index.ts';
import { requiredOptionValue } from '../args.ts';
import { CliError } from '../cli-error.ts';
import { overridesFrom, refuseOverflow } from '../load-model.ts';
import { parseNumberOption, parseWholeNumberOption } from '../number-option.ts';
import { chooseFormat } from '../output-format.ts';
import { readModelJson, validateModelJson } from '../read-model-file.ts';
import { applyOverride, parseOverride, withOverride } from '../set-override.ts';
import { channelShareTarget, withChannelShare } from '../sweep-channel-share.ts';
import { formatSweepCsv } from '../sweep-csv.ts';
import type { SweepPoint, SweepResult } from '../sweep-result.ts';
import { sweepValues } from '../sweep-values.ts';
import type { Command } from './command.ts';

/** Enough for a fine grid; more would only make a very long wait and a very large output. */
export const MAX_SWEEP_STEPS = 10_000;

/** `budget-sim sweep`: runs a model for evenly spaced values of one setting. */
export const sweepCommand: Command = {
  name: 'sweep',
  summary: 'Run a model for evenly spaced values of one setting',
  options: [
    { name: 'param', valueName: 'PATH' },
    { name: 'from', valueName: 'A' },
    { name: 'to', valueName: 'B' },
    { name: 'steps', valueName: 'N' },
    { name: 'set', valueName: 'path=value', repeatable: true },
    { name: 'format', valueName: 'json|csv' },
  ],
  help: `Usage: budget-sim sweep <model.json> --param PATH --from A --to B --steps N [--set path=value ...] [--format json|csv]

Run a model once for each of N evenly spaced values of one setting, from A to B, both included
(value i is A + (B - A) * i / (N - 1)), and print each run's summary.

Options:
  --param PATH       The setting to sweep, as a dotted path (numbers index lists), e.g.
                     budget.upstreamShare, horizonYears, budget.perYear.0, or a channel's
                     share: upstream.channels.TV.share (every year) or
                     upstream.channels.TV.share.1 (year 2 of a share given per year). The
                     other shares of the channel's side then rescale to keep each year's sum
                     1: in proportion to what they were, or split evenly when they are all 0.
                     (A model that gives its spend as a "plan" has no shares to sweep.)
  --from A, --to B   First and last value (decimal numbers; A may be larger than B).
  --steps N          How many values: a whole number from 2 to ${MAX_SWEEP_STEPS} (2 gives just A and B).
  --set path=value   Change a setting first, as in simulate; --param is applied after every --set.
  --format FORMAT    json (default): { "model", "currency" (when the model has one), "param",
                     "points": [{ "value", "summary" (with "channels", as simulate prints
                     it), "marginalRoi": { "upstream", "downstream", "channels" } }, ...] }.
                     csv: one row per value: value, each summary figure (the marketing's own
                     value first: incrementalNpvWithCarryover, incrementalNpv, roi, ...),
                     marginalRoiUpstream, marginalRoiDownstream, roiYear1..roiYearY (empty
                     cells where a figure is missing); a model with channels adds, for each
                     channel, spend:<name>, incrementalRevenue:<name>, roi:<name>,
                     marginalRoi:<name>, valueAdded:<name>.
  -h, --help         Show this help.

Every value must give a valid model: sweeping horizonYears through 0, for example, stops with
an error naming the value.

Examples:
  budget-sim sweep models/default.json --param budget.upstreamShare --from 0 --to 1 --steps 11
  budget-sim sweep models/default.json --param budget.upstreamShare --from 0 --to 1 --steps 101 --set horizonYears=5 --format csv
  budget-sim sweep my-channels.json --param upstream.channels.TV.share --from 0 --to 1 --steps 11 --format csv
`,
  run(args, output) {
    const format = chooseFormat(args, ['json', 'csv'], 'sweep');
    const overrides = overridesFrom(args);
    const param = requiredOptionValue(args, 'param', 'sweep');
    const from = parseNumberOption('from', requiredOptionValue(args, 'from', 'sweep'));
    const to = parseNumberOption('to', requiredOptionValue(args, 'to', 'sweep'));
    const steps = parseWholeNumberOption('steps', requiredOptionValue(args, 'steps', 'sweep'), 2, MAX_SWEEP_STEPS);
    if (param.includes('=')) throw new CliError(`--param takes a path such as budget.upstreamShare, not path=value; got '${param}'`);
    // The param goes through the same checks as a --set path (no empty parts, no __proto__).
    const paramOverride = parseOverride(`${param}=0`);
    if (args.positionals.length !== 1) {
      throw new CliError(args.positionals.length === 0
        ? 'sweep needs a model file: budget-sim sweep <model.json> --param PATH --from A --to B --steps N'
        : `sweep takes one model file, got ${args.positionals.length} (${args.positionals.join(', ')})`);
    }
    const file = args.positionals[0];

    const base = readModelJson(file);
    for (const override of overrides) applyOverride(base, override);
    const share = channelShareTarget(paramOverride.path);

    let modelName = '';
    let currency: string | undefined;
    let byChannel = false;
    const points: SweepPoint[] = sweepValues(from, to, steps).map((value, index) => {
      // Only the objects along the swept path are copied: the rest of the file is shared, and a
      // deep copy of a file nested 10,000 deep would overflow the stack.
      const json = share === undefined ? withOverride(base, { ...paramOverride, value }) : withChannelShare(base, share, value, paramOverride.path);
      const end = index === 0 ? ' (--from)' : index === steps - 1 ? ' (--to)' : '';
      const model = atSweepValue(`${value}${end}`, paramOverride.path, () => validateModelJson(json, file));
      modelName = model.name;
      currency = model.currency;
      byChannel ||= isChannelModel(model);
      const { summary } = simulate(model);
      atSweepValue(`${value}${end}`, paramOverride.path, () => refuseOverflow(model, summary, file));
      return { value, summary, marginalRoi: marginalRoi(model) };
    });

    const sweep: SweepResult = { model: modelName, ...(currency === undefined ? {} : { currency }), param: paramOverride.path, points };
    output.stdout(format === 'csv' ? formatSweepCsv(sweep, byChannel) : `${JSON.stringify(sweep, null, 2)}\n`);
    return 0;
  },
};

/**
 * Runs one point's check, naming the swept value (and --from or --to when it is one of them)
 * when the value makes the model invalid or its results overflow.
 */
function atSweepValue<Result>(value: string, param: string, check: () => Result): Result {
  try {
    return check();
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    throw new CliError(`sweep value ${value} for ${param} gives an invalid model:\n${error.message}`);
  }
}
