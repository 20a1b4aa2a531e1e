import { basename } from 'node:path';
import { FitError } from '../../engine/fit/fit-error.ts';
import { fitHistory } from '../../engine/fit/fit-history.ts';
import { HistoryError } from '../../engine/fit/history-table.ts';
import { MAX_HISTORY_BYTES, readHistory } from '../../engine/fit/read-history.ts';
import type { Model } from '../../engine/index.ts';
import { optionValue } from '../args.ts';
import { CliError } from '../cli-error.ts';
import { FIT_OPTIONS, MAX_HOLDOUT, MAX_STARTS, fitArgumentsFrom } from '../fit-arguments.ts';
import { formatFitCsv } from '../fit-csv.ts';
import { fitJson } from '../fit-json.ts';
import { formatFitReport } from '../format-fit-report.ts';
import { loadModel } from '../load-model.ts';
import { chooseFormat } from '../output-format.ts';
import { type TextFileKind, readTextFile, shownFile, validateModelJson } from '../read-model-file.ts';
import { checkOutputFile, writeFileAtomically } from '../write-output-file.ts';
import type { Command } from './command.ts';

/** History files are read whole; the reader refuses more than this, and the command checks the file's size before reading it. */
const HISTORY_FILE: TextFileKind = {
  noun: 'history file',
  maxBytes: MAX_HISTORY_BYTES,
  pipeHint: '; save it to a file first',
};

/** `budget-sim fit`: fit a starting model to a history of spend and revenue. */
export const fitCommand: Command = {
  name: 'fit',
  summary: 'Fit a model to your history of spend and revenue, checked on periods it did not see',
  options: [...FIT_OPTIONS, { name: 'format', valueName: 'text|json|csv' }],
  help: `Usage: budget-sim fit <history.csv> --model <start.json> [--holdout N] [--out FITTED.json]
         [--format text|json|csv] [--target NAME] [--map column=channel,...]
         [--ignore column,...] [--free path,...] [--fixed path,...] [--starts N] [--seed S]

Fit a model to a history of spend and revenue: its settings are estimated from the history,
starting from the starting model's values, with the ranges in its "uncertainty" as the priors.
The last periods are held out and forecast from their spend and drivers to check the fit, then
the model is refitted on all periods. The fitted model plans forward from the end of the history
and carries its posterior, so montecarlo and optimize --robust draw its settings together.

The history is a CSV with a header row, one row per period:
  date        The start of each period, yyyy-mm-dd, consecutive at the model's granularity
              (weekly, monthly or quarterly): the column named date, or else the first column.
  revenue     The target (see --target).
  channels    One column per channel of the starting model, named as the channel (see --map):
              its spend in the period.
  drivers     Any other column: numbers (price, a competitor's spend) act on demand through
              one effect, reported per standard deviation of the column, or per doubling when
              the history prefers a power law; text (promotion, event) through one effect per
              value other than its most common one (see --ignore).

Options:
  --model FILE       The starting model (required): its channels, granularity, economics and
                     the priors of its settings. - reads it from standard input.
  --holdout N        Hold out the last N periods, 0 to ${MAX_HOLDOUT.toLocaleString('en-US')} (default 13 weekly, 3 monthly,
                     1 quarterly, fewer if the history cannot spare them; 0 for none). At
                     least 26 weekly, 12 monthly or 8 quarterly rows must be left to fit.
                     Nothing reported for a held-out period depends on its actual revenue.
  --out FILE         Write the fitted model to FILE, as a model file (budget-sim validate FILE).
                     Written only when everything succeeded, and whole: on any error FILE is
                     neither created nor changed.
  --target NAME      The revenue column (default revenue).
  --map C=CH,...     Read column C as channel CH's spend, e.g. --map "tv_S=TV,search_S=Search".
                     May be repeated; columns named as their channel need no mapping.
  --ignore C,...     Leave these columns out (neither spend nor driver).
  --free PATH,...    Also estimate these settings, which have no range in the model's
                     "uncertainty" (a wide default prior), e.g. --free brand.halfLifeMonths.
  --fixed PATH,...   Keep these settings at the starting model's values though they have a range.
  --starts N         Starting points of the search, 1 to ${MAX_STARTS} (default 6): more find the best fit
                     more surely and take longer.
  --seed S           Seed of the extra starting points, a whole number ≥ 0 (default 1): the same
                     seed gives the same fit.
  --format FORMAT    text (default; table, as the other commands call it, also works): the
                     fit on the training and the held-out periods (R², NRMSE = RMSE / (max −
                     min of the actuals), MAPE), each estimated setting with its prior, start,
                     fitted value and 90% interval, the drivers' effects, the warnings, the
                     time, and where the fitted model was written.
                     json: { "model" (the fitted model), "fit": { "train": { "r2", "nrmse",
                     "mape" }, "holdout": { "periods", "r2", "nrmse", "mape" } or null },
                     "periods": [ { "date", "actual", "fitted", "lower", "upper", "holdout",
                     "base", "<channel>": its contribution, ..., "<driver>": ...,
                     "interaction" } ], "drivers": [ { "name", "effect", "lower", "upper" } ],
                     "parameters": [ { "path", "prior": { "lower", "median", "upper", "source" }
                     or null, "start", "value", "lower", "upper" } ], "warnings": [ { "code",
                     "message" } ], "ms" }.
                     Intervals are 90%; effects and MAPE are fractions (0.05 = 5%).
                     csv: the periods, one row each, with the json's period columns.
  -h, --help         Show this help.

A problem with the history (a missing or misspelt column, an empty or non-numeric cell, a gap
or a repeated date, a frequency that is not the model's, too few rows) is reported with its row
and column, with exit status 2; nothing is written.

Examples:
  budget-sim fit models/examples/consumer-history.csv --model models/examples/consumer-weekly.json
  budget-sim fit sales.csv --model start.json --map "tv_S=TV,search_S=Search" --out fitted.json
  budget-sim fit sales.csv --model start.json --holdout 26 --format csv > fit.csv
  budget-sim optimize fitted.json --robust mean
`,
  run(args, output) {
    // Every other command calls its text output "table"; that spelling is taken here too.
    const format = optionValue(args, 'format') === 'table' ? 'text' : chooseFormat(args, ['text', 'json', 'csv'], 'fit');
    const { historyFile, modelFile, out, history: historyOptions, fit: fitOptions } = fitArgumentsFrom(args);
    if (out !== undefined) checkOutputFile('out', out, [historyFile, modelFile]);

    const start = loadModel(modelFile, []);
    const text = readTextFile(historyFile, HISTORY_FILE);
    const history = withFitErrors(historyFile, () => readHistory(text, start, historyOptions));
    const result = withFitErrors(historyFile, () => fitHistory(history, start, { ...fitOptions, source: basename(historyFile) }));

    // Everything is formatted before anything is written, so that a failure leaves no trace.
    const modelText = fittedModelText(result.model);
    const printed = format === 'csv' ? formatFitCsv(result.periods)
      : format === 'json' ? `${JSON.stringify(fitJson(result), null, 2)}\n`
        : formatFitReport({ result, modelName: start.name, historyFile, out });
    if (out !== undefined) writeFileAtomically(out, modelText);
    output.stdout(printed);
    // The text report says where the model went; json and csv keep stdout to the results alone.
    if (out !== undefined && format !== 'text') output.stderr(`Fitted model written to ${shownFile(out)}\n`);
    return 0;
  },
};

/**
 * Turns the reader's and the fit's refusals into CliErrors (exit status 2): a problem in the
 * file is prefixed with the file's name (its message names the row and column), a fit that
 * cannot be set up as asked names the option.
 */
export function withFitErrors<Result>(historyFile: string, run: () => Result): Result {
  try {
    return run();
  } catch (error) {
    if (error instanceof HistoryError) throw new CliError(`${shownFile(historyFile)}: ${error.message}`);
    if (error instanceof FitError) throw new CliError(error.message);
    throw error;
  }
}

/**
 * The fitted model as a model file's text, pretty-printed like the models in models/. Checked
 * by the same validation as `budget-sim validate`: a fitted model that fails it is a bug in
 * the fit (exit status 1), and is not written.
 */
function fittedModelText(model: Model): string {
  const text = `${JSON.stringify(model, null, 2)}\n`;
  try {
    validateModelJson(JSON.parse(text), 'the fitted model');
  } catch (error) {
    throw new Error(`the fitted model does not validate: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  return text;
}
