import { modelJsonSchema } from '../../engine/model/model-schema.ts';
import { CliError } from '../cli-error.ts';
import type { Command } from './command.ts';

/** `budget-sim schema`: prints the JSON Schema of model files (what models/model.schema.json holds). */
export const schemaCommand: Command = {
  name: 'schema',
  summary: 'Print the JSON Schema of model files',
  options: [],
  help: `Usage: budget-sim schema [--help]

Print the JSON Schema (draft 2020-12) that editors use to check model files. It is generated
from the same rules the simulator validates with; models/model.schema.json is this output
(npm run schema rewrites it).

Options:
  -h, --help   Show this help.

Examples:
  budget-sim schema > models/model.schema.json
`,
  run(args, output) {
    if (args.positionals.length > 0) throw new CliError(`schema takes no files, got '${args.positionals[0]}'`);
    output.stdout(`${JSON.stringify(modelJsonSchema(), null, 2)}\n`);
    return 0;
  },
};
