import { MAX_DRAWS, createRunTimeEstimator, describeRunTime, monteCarlo } from '../../engine/index.ts';
import { CliError } from '../cli-error.ts';
import { formatMonteCarloCsv, formatMonteCarloTable } from '../format-monte-carlo.ts';
import { loadModel, overridesFrom } from '../load-model.ts';
import { DEFAULT_DRAWS, DEFAULT_SEED, MONTE_CARLO_OPTIONS, monteCarloOptionsFrom, withUncertaintyErrors } from '../monte-carlo-arguments.ts';
import { chooseFormat } from '../output-format.ts';
import type { Command } from './command.ts';

/** `budget-sim montecarlo`: the key figures as ranges, from the model's uncertainty. */
export const montecarloCommand: Command = {
  name: 'montecarlo',
  summary: 'Run a model many times over its uncertain settings: ranges and chances (json, csv or table)',
  options: [
    ...MONTE_CARLO_OPTIONS,
    { name: 'set', valueName: 'path=value', repeatable: true },
    { name: 'format', valueName: 'json|csv|table' },
  ],
  help: `Usage: budget-sim montecarlo <model.json> [--draws N] [--seed S] [--set path=value ...] [--format json|csv|table]

Monte Carlo over the ranges in the model's "uncertainty": in each draw every uncertain setting
takes a value from its distribution (values outside the setting's valid range are redrawn), and
the plan is simulated with those values. The same seed always gives the same output. The first
figure is the marketing's own value, incrementalNpvWithCarryover (NPV of the plan minus NPV with
no marketing, plus the carryover); the business's total NPV follows. A run of a second or more
says on stderr, early on, how long it will take in all ("About 4 s for 100,000 draws of 260
periods"), from the pace of its first draws.

Options:
  --draws N          How many draws, 1 to ${MAX_DRAWS.toLocaleString('en-US')} (default ${DEFAULT_DRAWS.toLocaleString('en-US')}).
  --seed S           Seed of the random numbers, a whole number ≥ 0 (default ${DEFAULT_SEED}).
  --set path=value   Change a setting first, as in simulate. The ranges' paths contain dots,
                     so set the whole object: --set 'uncertainty={"brand.halfLifeMonths":
                     {"dist":"lognormal","median":24,"sigma":0.4}}'.
  --format FORMAT    json (default): { "model", "draws", "seed", "summary": { "<figure>": { "mean",
                     "p5", "p10", "p50", "p90", "p95" }, ..., "roiByYear": [ {...}, ... ] }
                     (figures: incrementalNpvWithCarryover, incrementalNpv, roi, roiByYear,
                     paybackPeriod (in periods), npvWithCarryover, npv, noSpendNpv,
                     carryoverValue, totalRevenue, totalSpend, finalEquity),
                     "probabilityRoiPositive", "probabilityPaysBack", "bands": { "equity",
                     "revenue", "cumulativeIncrementalProfit" }, "bandDraws", "uncertainFields" }.
                     Each band has p5, p10, p50, p90 and p95 lists with one value per period.
                     csv: figure,mean,p5,p10,p50,p90,p95 with one row per summary figure
                     (roiYear1, roiYear2, ... for each year's ROI).
                     table: the same figures for reading, payback as "month 14" or "not
                     within horizon", then the chances.
  -h, --help         Show this help.

Null statistics: roi when nothing is spent; paybackPeriod where draws never pay back (the
share that does is probabilityPaysBack).

Examples:
  budget-sim montecarlo models/default.json --draws 10000 --seed 42
  budget-sim montecarlo models/default.json --draws 2000 --seed 7 --format csv
`,
  run(args, output) {
    const format = chooseFormat(args, ['json', 'csv', 'table'], 'montecarlo');
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
    // Said early (once the pace of the first draws has settled), so that a long run is no surprise.
    const estimator = createRunTimeEstimator(options.draws, model.periodsPerYear * model.horizonYears);
    let said = false;
    const result = withUncertaintyErrors(file, () => monteCarlo(model, options, (done) => {
      const estimate = said ? undefined : estimator.observe(done);
      // A run that takes under a second is over before the words could be read.
      if (estimate === undefined || estimate.seconds < 1) return;
      said = true;
      output.stderr(`${describeRunTime(estimate)}\n`);
    }));
    output.stdout(format === 'csv' ? formatMonteCarloCsv(result)
      : format === 'table' ? formatMonteCarloTable(model, result)
        : `${JSON.stringify({ model: model.name, ...result }, null, 2)}\n`);
    return 0;
  },
};
