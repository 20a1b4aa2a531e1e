import type { Command } from './commands/index.ts';

/**
 * The help for budget-sim as a whole: what it does, its commands, and examples. Ends with "\n".
 * @param commands the commands to list, each with its one-line summary
 */
export function overallHelp(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  const list = commands.map((command) => `  ${command.name.padEnd(width)}   ${command.summary}`).join('\n');
  return `Usage: budget-sim <command> [options]

Simulate a marketing budget split between upstream (brand) and downstream (conversion) spend
over a 1-5 year horizon. Models are JSON files (see models/default.json); - reads one from
standard input. Settings have limits no real business reaches (docs/model-limits.md).

Commands:
${list}

Options:
  -h, --help   Show this help; budget-sim <command> --help shows a command's options.

Examples:
  budget-sim simulate models/default.json
  budget-sim simulate models/default.json --set horizonYears=5 --format csv
  budget-sim sweep models/default.json --param budget.upstreamShare --from 0 --to 1 --steps 11
  budget-sim compare models/default.json my-plan.json
  budget-sim validate models/default.json models/new-product-launch.json

Exit status: 0 on success, 2 for invalid input (arguments or model files), 1 for an internal
error (set BUDGET_SIM_DEBUG=1 to see its stack trace).
`;
}
