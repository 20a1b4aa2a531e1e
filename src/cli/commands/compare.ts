import { compareMonteCarlo, isChannelModel, marginalRoi, simulate, type Model } from '../../engine/index.ts';
import { planOutline } from '../../engine/plan-outline.ts';
import { CliError } from '../cli-error.ts';
import { compareScenarios } from '../comparison.ts';
import { formatComparisonTable } from '../format-comparison-table.ts';
import { formatMonteCarloComparisonTable } from '../format-monte-carlo.ts';
import { loadModel, overridesFrom, refuseOverflow } from '../load-model.ts';
import { refuseRepeatedStandardInput } from '../read-model-file.ts';
import { MONTE_CARLO_OPTIONS, monteCarloOptionsFrom, withUncertaintyErrors } from '../monte-carlo-arguments.ts';
import { chooseFormat } from '../output-format.ts';
import type { Command } from './command.ts';

/** `budget-sim compare`: runs several models and shows their key figures side by side. */
export const compareCommand: Command = {
  name: 'compare',
  summary: 'Run several models and show their key figures side by side',
  options: [
    { name: 'set', valueName: 'path=value', repeatable: true },
    { name: 'format', valueName: 'json|table' },
    ...MONTE_CARLO_OPTIONS,
  ],
  help: `Usage: budget-sim compare <a.json> <b.json> [more.json ...] [--draws N [--seed S]] [--set path=value ...] [--format table|json]

Run two or more models and show their summaries side by side, with each one's difference from
the first (the baseline). With --draws, also run Monte Carlo over each model's "uncertainty"
on common random numbers (draw d gives every model the same value of each uncertain setting
they share) and report each model's chance of having the highest NPV.

Options:
  --draws N          Monte Carlo with N draws (1 to 1,000,000); adds a table of ranges and chances.
  --seed S           Seed of the random numbers for --draws, a whole number ≥ 0 (default 1).
  --set path=value   Change a setting in every model before it is checked, as in simulate.
  --format FORMAT    table (default): first what each model is (horizon, phasing, budget and
                     upstream share by year), then one row per key figure, the marketing's own
                     value first (marketing NPV with carryover, marketing NPV), one column per
                     model, and a "vs <first>" column after each other model (money as amount
                     and percentage, ROI and IRR in percentage points, payback in periods).
                     When any model has channels, rows by channel follow: for each channel
                     (side in brackets), its spend, incremental revenue, ROI, marginal ROI and
                     value added ("—" in a model without that channel).
                     json: { "baseline": name, "scenarios": [{ "model", "file", "horizonYears",
                     "periodsPerYear", "currency" (when the model has one), "phasing"
                     (constant|yearly|explicit), "budgetByYear", "upstreamShareByYear",
                     "summary" (with "channels"), "marginalRoi", "difference" }, ...] } where
                     difference is this model minus the first (null where either is null;
                     roiByYear element by element, null when the horizons differ;
                     paybackPeriod null when the models count periods differently).
                     With --draws, each scenario also has "monteCarlo" (as montecarlo --format
                     json prints it, without bands) and "probabilityBest": { "npv",
                     "npvWithCarryover" }, its chance of the highest of each.
  -h, --help         Show this help.

Examples:
  budget-sim compare models/default.json my-plan.json
  budget-sim compare models/default.json models/default.json --format json
  budget-sim compare models/default.json models/long-term-growth.json --set horizonYears=5 --draws 10000 --seed 42
`,
  run(args, output) {
    const format = chooseFormat(args, ['table', 'json'], 'compare');
    const overrides = overridesFrom(args);
    if (args.positionals.length < 2) {
      throw new CliError(`compare needs at least two model files, got ${args.positionals.length}: budget-sim compare <a.json> <b.json> [more.json ...]`);
    }
    refuseRepeatedStandardInput(args.positionals);
    const monteCarloOptions = monteCarloOptionsFrom(args, false);
    const models: Model[] = [];
    const comparison = compareScenarios(args.positionals.map((file) => {
      const model = loadModel(file, overrides);
      models.push(model);
      const outline = planOutline(model);
      return {
        model: model.name,
        file,
        horizonYears: model.horizonYears,
        periodsPerYear: model.periodsPerYear,
        ...(model.currency === undefined ? {} : { currency: model.currency }),
        phasing: outline.phasing,
        budgetByYear: outline.budgetByYear,
        upstreamShareByYear: outline.upstreamShareByYear,
        summary: simulate(model).summary,
        marginalRoi: marginalRoi(model),
      };
    }));
    comparison.scenarios.forEach((scenario, index) => refuseOverflow(models[index], scenario, scenario.file));
    const byChannel = models.some(isChannelModel);
    if (monteCarloOptions === undefined) {
      output.stdout(format === 'json' ? `${JSON.stringify(comparison, null, 2)}\n` : formatComparisonTable(comparison, byChannel));
      return 0;
    }
    const uncertain = withUncertaintyErrors(args.positionals.join(', '), () => compareMonteCarlo(models, monteCarloOptions));
    if (format === 'json') {
      const scenarios = comparison.scenarios.map((scenario, index) => {
        const { bands: _bands, ...monteCarlo } = uncertain.scenarios[index];
        return {
          ...scenario,
          monteCarlo,
          probabilityBest: { npv: uncertain.probabilityBest.npv[index], npvWithCarryover: uncertain.probabilityBest.npvWithCarryover[index] },
        };
      });
      output.stdout(`${JSON.stringify({ ...comparison, scenarios }, null, 2)}\n`);
    } else {
      output.stdout(`${formatComparisonTable(comparison, byChannel)}\n${formatMonteCarloComparisonTable(uncertain, models.map((model) => model.name))}`);
    }
    return 0;
  },
};
