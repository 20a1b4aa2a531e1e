import { type Model, isChannelModel } from '../../engine/index.ts';
import { modelChannels } from '../../engine/model/model-channels.ts';
import { CliError } from '../cli-error.ts';
import { countOf } from '../format-numbers.ts';
import { runnableModel } from '../load-model.ts';
import { printableText } from '../printable.ts';
import { readModelJson, refuseRepeatedStandardInput, shownFile } from '../read-model-file.ts';
import type { Command } from './command.ts';

/** `budget-sim validate`: checks model files and lists every problem. */
export const validateCommand: Command = {
  name: 'validate',
  summary: 'Check model files and list every problem',
  options: [],
  help: `Usage: budget-sim validate <model.json> [more.json ...]

Check that each file is a valid model (- reads one from standard input). Prints "OK: <name>
(<file>)" for each valid one, and for a file in the channel form how many channels each side
has ("OK: <name> (<file>): 3 upstream channels, 2 downstream channels"); for an invalid one,
prints every problem on stderr, one per line, prefixed by the file name and naming the field
(e.g. upstream.channels.TV.share), and exits with status 2. The JSON Schema of model files (models/model.schema.json) is not a model: it is
passed over with a "SKIP" line, so that models/*.json can be checked in one go.

Options:
  -h, --help   Show this help.

Examples:
  budget-sim validate models/default.json
  budget-sim validate models/default.json models/new-product-launch.json
`,
  run(args, output) {
    if (args.positionals.length === 0) throw new CliError('validate needs a model file: budget-sim validate <model.json>');
    refuseRepeatedStandardInput(args.positionals);
    let allValid = true;
    // Every file is checked, not only up to the first bad one, so one run lists everything to fix.
    for (const file of args.positionals) {
      try {
        // Read once: a second read of standard input or of a pipe would find nothing.
        const json = readModelJson(file);
        if (isJsonSchema(json)) {
          output.stdout(`SKIP: ${shownFile(file)} is a JSON Schema (it describes model files), not a model\n`);
          continue;
        }
        const model = runnableModel(json, file);
        output.stdout(`OK: ${printableText(model.name)} (${shownFile(file)})${channelCounts(model)}\n`);
      } catch (error) {
        if (!(error instanceof CliError)) throw error;
        output.stderr(`${error.message}\n`);
        allValid = false;
      }
    }
    return allValid ? 0 : 2;
  },
};

/** ": 3 upstream channels, 2 downstream channels" for a model in the channel form; "" for a two-lever one (one channel a side, always). */
function channelCounts(model: Model): string {
  if (!isChannelModel(model)) return '';
  const { upstream, downstream } = modelChannels(model);
  return `: ${countOf(upstream.length, 'upstream channel')}, ${countOf(downstream.length, 'downstream channel')}`;
}

/**
 * True for a JSON Schema document: its `$schema` names a json-schema.org meta-schema (a model
 * file's `$schema` names the model schema instead).
 */
function isJsonSchema(document: unknown): boolean {
  const schema = typeof document === 'object' && document !== null && !Array.isArray(document)
    ? (document as { $schema?: unknown }).$schema : undefined;
  return typeof schema === 'string' && /^https?:\/\/json-schema\.org\//.test(schema);
}
