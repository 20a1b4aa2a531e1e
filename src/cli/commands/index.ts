import type { Command } from './command.ts';
import { compareCommand } from './compare.ts';
import { fitCommand } from './fit.ts';
import { frontierCommand } from './frontier.ts';
import { montecarloCommand } from './montecarlo.ts';
import { optimizeCommand } from './optimize.ts';
import { simulateCommand } from './simulate.ts';
import { sensitivityCommand } from './sensitivity.ts';
import { sweepCommand } from './sweep.ts';
import { schemaCommand } from './schema.ts';
import { validateCommand } from './validate.ts';

export type { Command } from './command.ts';

/** Every budget-sim command, in the order the help lists them. */
export const COMMANDS: readonly Command[] = [
  simulateCommand, sweepCommand, compareCommand, optimizeCommand, frontierCommand, montecarloCommand, sensitivityCommand,
  fitCommand, validateCommand, schemaCommand,
];
