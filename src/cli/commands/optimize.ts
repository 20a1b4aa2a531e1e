import { budgetForTargetRoi, describePlanNote, optimize, planChannels, resolveOptions, type OptimizeResult, type TargetRoiResult } from '../../engine/optimize/index.ts';
import { optionValue } from '../args.ts';
import { CliError } from '../cli-error.ts';
import { formatMoney, formatPercent } from '../format-numbers.ts';
import { formatOptimizeTable, noteFormats } from '../format-optimize-table.ts';
import { loadModel, overridesFrom } from '../load-model.ts';
import { parseNumberOption } from '../number-option.ts';
import { OPTIMIZER_OPTIONS, ROBUST_OPTIONS, SMOOTHING_OPTIONS, optimizerOptionsFrom, robustOptionsFrom, withOptimizerErrors } from '../optimizer-arguments.ts';
import { chooseFormat } from '../output-format.ts';
import type { Command } from './command.ts';

/** `budget-sim optimize`: the best split, its phasing over time, and (with a target ROI) the budget. */
export const optimizeCommand: Command = {
  name: 'optimize',
  summary: 'Find the best split, its phasing over time, or the budget for a target ROI',
  options: [
    ...OPTIMIZER_OPTIONS,
    ...SMOOTHING_OPTIONS,
    ...ROBUST_OPTIONS,
    { name: 'target-roi', valueName: 'R' },
    { name: 'budget-cap', valueName: 'C' },
    { name: 'set', valueName: 'path=value', repeatable: true },
    { name: 'format', valueName: 'table|json' },
  ],
  help: `Usage: budget-sim optimize <model.json> [--objective npv|npvWithCarryover|totalRevenue]
         [--phasing constant|yearly|period|flighting] [--min-share a --max-share b]
         [--min-period x --max-period y] [--max-step s] [--min-flight N]
         [--bound channel=min:max ...]
         [--exact-best | --smooth-tolerance t] [--target-roi R [--budget-cap C]]
         [--robust mean|p10 [--draws N] [--seed S]]
         [--set path=value ...] [--format table|json]

Find the plan that maximises an objective while each year spends exactly its budget (from
budget.perYear, or the yearly totals of a model given as a plan).

Options:
  --objective NAME   What to maximise: npvWithCarryover (default), npv or totalRevenue.
  --phasing NAME     How freely the plan may change over time (every phasing also chooses the
                     split between the channels of each side, in a model with channels):
                       constant (default)  one split (upstream share and channel shares) for
                                           the whole horizon;
                       yearly              one split per year;
                       period              one split per period, every period spending the
                                           year's average period budget;
                       flighting           spend per period and its split both free (when to
                                           spend as well as where), each year on budget.
  --min-share a      Lowest upstream share in any period, 0 to 1 (default 0).
  --max-share b      Highest upstream share in any period, 0 to 1 (default 1).
  --min-period x     flighting: lowest spend in a period, as a multiple of the year's average
                     period budget, 0 to 1 (default 0).
  --max-period y     flighting: highest spend in a period, such a multiple, at least 1
                     (default: no limit). E.g. --min-period 0.5 --max-period 2.
  --bound C=MIN:MAX  The least and most channel C may spend in each year (committed contracts,
                     caps); either may be left out: --bound TV=100000:400000, --bound Search=:250000,
                     --bound Events=50000:. Repeat for more channels. Replaces the model file's
                     "bounds" of that channel, field by field. A two-lever model's channels are
                     upstream and downstream. Bounds no split can meet (minimums above a year's
                     budget, maximums below it, or beyond the share limits) are refused, naming
                     the channel and the year. With period and flighting a channel's spend may
                     move between the periods of a year within its yearly bounds.
  --max-step s       period and flighting: the largest change of a channel's spend (of a side's,
                     in a two-lever model) from one period to the next, as a share of the year's average
                     period budget (e.g. 0.25; at a year boundary, of the larger year's, plus the
                     change of that average). Default: no limit.
  --min-flight N     period and flighting: buy each channel in flights of N periods (blocks from the
                     start of each year, the same spend in each period of a flight), so anything
                     switched on or off stays so for at least N periods. N divides the periods in
                     a year (monthly: 1, 2, 3, 4, 6 or 12). Default 1.
  --exact-best       period and flighting: return the best plan found. By default the command
                     returns the smoothest plan within 0.1% of the best value (the best is often a
                     month-to-month zig-zag worth almost nothing more), giving up at most a
                     quarter of what the plan gains over the best yearly plan, and says so under
                     Notes.
  --smooth-tolerance t  How far below the best value the smoother plan may be, as a share of it,
                     0 to 0.1 (default 0.001). With --target-roi the budget search compares
                     best plans, so neither option applies there.
  --target-roi R     Instead of keeping the budget, find the budget per year (0 to the cap) and
                     the plan that maximise total revenue with ROI over the horizon at least R
                     (0.5 = 50%). Budgets keep their yearly profile. If no budget reaches R, the
                     command says so, reports the best ROI reachable, and exits with status 2.
  --budget-cap C     With --target-roi: the largest average budget per year to consider
                     (default: 3 times the model's).
  --robust STAT      Risk-averse planning: maximise the mean or p10 (10th percentile) of the
                     objective across draws of the model's uncertainty ranges, rather than its
                     value at the settings themselves. Every plan is judged on the same draws.
                     Any phasing; not with --target-roi. A model without ranges gives exactly
                     the plan it gives without --robust.
  --draws N          With --robust: draws, 1 to 20000, at most 2000 with period or flighting
                     (default 1000; the search scores each plan on every draw, so time grows
                     with N: on the default model about 1 s constant, 3-5 s yearly, 1-2 s
                     period, 4-5 s flighting).
  --seed S           With --robust: seed of the draws (default 1), as in montecarlo.
  --set path=value   Change a setting first, as in simulate.
  --format FORMAT    table (default): key figures against the model's own plan, the plan by year
                     and, for period and flighting, by period.
                     With channels, the table adds each channel's spend by year (and its share of
                     its side), and a column per channel in the plan by period.
                     json: { "model", "objective", "phasing", "value", "plan" (as the model file
                     writes it: { "upstream", "downstream" }, or channel name -> spend per
                     period), "budgetPerYear", "upstreamShareByYear", "channelShareByYear"
                     (channel -> its share of its side by year), "channelBounds", "summary",
                     "current": { "value", "summary" }, "bounds", "converged", "evaluations",
                     "ms", "notes", "smoothing" }, and with --target-roi also "targetRoi", "budgetCap", "feasible",
                     "capReached", "bestRoi", "bestRoiBudgetPerYear", and with --robust also
                     "robust": { "statistic", "draws", "seed", "value" (the statistic for the
                     plan), "current" (for the model's own plan), "centralOptimum": { "value",
                     "centralValue" } (the plan best at the settings themselves) }. "value" is
                     always the plan's objective at the settings themselves. "plan" given to the
                     model as its "plan" reproduces "value" through simulate.
  -h, --help         Show this help.

Examples:
  budget-sim optimize models/default.json
  budget-sim optimize models/default.json --phasing flighting --min-period 0.5 --max-period 2
  budget-sim optimize models/default.json --phasing flighting --max-step 0.25 --min-flight 3
  budget-sim optimize models/consumer-channels.json --phasing yearly --bound TV=300000:600000
  budget-sim optimize models/default.json --target-roi 0.8 --budget-cap 3000000
  budget-sim optimize models/default.json --phasing yearly --format json > best.json
  budget-sim optimize models/default.json --robust p10 --draws 2000 --seed 7
`,
  run(args, output) {
    const format = chooseFormat(args, ['table', 'json'], 'optimize');
    const overrides = overridesFrom(args);
    const options = optimizerOptionsFrom(args);
    const robust = robustOptionsFrom(args);
    if (robust !== undefined) options.robust = robust;
    const targetText = optionValue(args, 'target-roi');
    const capText = optionValue(args, 'budget-cap');
    const targetRoi = targetText === undefined ? undefined : parseNumberOption('target-roi', targetText);
    const budgetCap = capText === undefined ? undefined : parseNumberOption('budget-cap', capText);
    if (budgetCap !== undefined && targetRoi === undefined) {
      throw new CliError('--budget-cap only applies with --target-roi (the budget is otherwise the model\'s)');
    }
    if (robust !== undefined && targetRoi !== undefined) {
      throw new CliError('--robust cannot be combined with --target-roi: the budget search optimises at the settings themselves');
    }
    if (args.positionals.length !== 1) {
      throw new CliError(args.positionals.length === 0
        ? 'optimize needs a model file: budget-sim optimize <model.json>'
        : `optimize takes one model file, got ${args.positionals.length} (${args.positionals.join(', ')})`);
    }
    const model = loadModel(args.positionals[0], overrides);
    const settings = withOptimizerErrors(() => resolveOptions(targetRoi === undefined ? options : { ...options, objective: options.objective ?? 'totalRevenue' }));

    const start = performance.now();
    let result: OptimizeResult;
    let target: TargetRoiResult | undefined;
    if (targetRoi === undefined) {
      result = withOptimizerErrors(() => optimize(model, options));
    } else {
      target = withOptimizerErrors(() => budgetForTargetRoi(model, { ...options, targetRoi, budgetCap }));
      result = target.result;
    }
    const ms = performance.now() - start;

    if (target !== undefined && !target.feasible) {
      throw new CliError(`no budget up to ${formatMoney(target.budgetCap)} a year reaches an ROI of ${formatPercent(target.targetRoi)}: `
        + `the best ROI reachable is ${formatPercent(target.bestRoi)}, with ${formatMoney(target.bestRoiBudgetPerYear)} a year `
        + `(upstream share ${formatPercent(overallShare(target.result))}); lower --target-roi or raise --budget-cap`);
    }
    if (format === 'table') {
      output.stdout(formatOptimizeTable({ model, result, settings, ms, target }));
      return 0;
    }
    const targetFields = target === undefined ? {} : {
      targetRoi: target.targetRoi,
      budgetCap: target.budgetCap,
      feasible: target.feasible,
      capReached: target.capReached,
      bestRoi: target.bestRoi,
      bestRoiBudgetPerYear: target.bestRoiBudgetPerYear,
    };
    const printed = {
      model: model.name,
      objective: result.objective,
      phasing: result.phasing,
      ...targetFields,
      value: result.value,
      ...(result.robust === undefined ? {} : { robust: result.robust }),
      plan: result.plan,
      budgetPerYear: result.budgetPerYear,
      upstreamShareByYear: result.upstreamShareByYear,
      channelShareByYear: result.channelShareByYear,
      // JSON has no Infinity: no maximum is null.
      channelBounds: planChannels(model, settings.bounds).map((channel) => ({
        name: channel.name,
        minPerYear: channel.minPerYear,
        maxPerYear: Number.isFinite(channel.maxPerYear) ? channel.maxPerYear : null,
      })),
      summary: result.summary,
      current: result.current,
      bounds: {
        minShare: settings.minShare,
        maxShare: settings.maxShare,
        minPeriodMultiple: settings.minPeriodMultiple,
        // JSON has no Infinity: no limit is null.
        maxPeriodMultiple: Number.isFinite(settings.maxPeriodMultiple) ? settings.maxPeriodMultiple : null,
        maxStep: Number.isFinite(settings.maxStep) ? settings.maxStep : null,
        minFlight: settings.minFlight,
      },
      ...(result.smoothing === undefined ? {} : { smoothing: result.smoothing }),
      notes: result.notes.map((note) => ({ ...note, message: describePlanNote(note, noteFormats(model)) })),
      converged: result.converged,
      evaluations: target?.evaluations ?? result.evaluations,
      ms: Math.round(ms * 10) / 10,
    };
    output.stdout(`${JSON.stringify(printed, null, 2)}\n`);
    return 0;
  },
};

function overallShare(result: OptimizeResult): number | null {
  const upstream = result.sides.upstream.reduce((total, spend) => total + spend, 0);
  return result.summary.totalSpend > 0 ? upstream / result.summary.totalSpend : null;
}
