import { CliError } from '../cli-error.ts';
import { loadModel } from '../load-model.ts';
import type { Command } from './command.ts';

/** `budget-sim validate`: checks model files and lists every problem. */
export const validateCommand: Command = {
  name: 'validate',
  summary: 'Check model files and list every problem',
  options: [],
  help: `Usage: budget-sim validate <model.json> [more.json ...]

Check that each file is a valid model. Prints "OK: <name> (<file>)" for each valid one; for an
invalid one, prints every problem on stderr, one per line, prefixed by the file name, and exits
with status 2.

Options:
  -h, --help   Show this help.

Examples:
  budget-sim validate models/default.json
  budget-sim validate models/default.json models/new-product-launch.json
`,
  run(args, output) {
    if (args.positionals.length === 0) throw new CliError('validate needs a model file: budget-sim validate <model.json>');
    let allValid = true;
    // Every file is checked, not only up to the first bad one, so one run lists everything to fix.
    for (const file of args.positionals) {
      try {
        const model = loadModel(file, []);
        output.stdout(`OK: ${model.name} (${file})\n`);
      } catch (error) {
        if (!(error instanceof CliError)) throw error;
        output.stderr(`${error.message}\n`);
        allValid = false;
      }
    }
    return allValid ? 0 : 2;
  },
};
