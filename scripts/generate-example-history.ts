/**
 * Writes the example history that the README, the app's "Try with example data" and the tests
 * use: three years of weekly spend and revenue simulated from a known model
 * (src/engine/fit/example-history.ts), starting from models/examples/consumer-weekly.json.
 *
 *   npm run example-history       writes models/examples/consumer-history.csv and
 *                                 models/examples/consumer-history-truth.json (the true model,
 *                                 to compare a fit with)
 *
 * tests/engine/fit/example-history.test.ts fails when the committed files differ from what the
 * generator gives, so they never drift from the code.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseModel } from '../src/engine/index.ts';
import { type ExampleHistory, type ExampleHistoryOptions, generateHistory } from '../src/engine/fit/example-history.ts';

export const EXAMPLES_DIR = new URL('../models/examples/', import.meta.url);
export const START_FILE = new URL('consumer-weekly.json', EXAMPLES_DIR);
export const HISTORY_FILE = new URL('consumer-history.csv', EXAMPLES_DIR);
export const TRUTH_FILE = new URL('consumer-history-truth.json', EXAMPLES_DIR);

/** The example's options: three years weekly from Monday 2 January 2023, 5 % noise, a fixed seed. */
export const CONSUMER_EXAMPLE: ExampleHistoryOptions = { seed: 2023, years: 3, noise: 0.05, startDate: '2023-01-02' };

/** The example history, generated afresh from the committed starting model. */
export function consumerExample(): ExampleHistory {
  return generateHistory(parseModel(JSON.parse(readFileSync(START_FILE, 'utf8'))), CONSUMER_EXAMPLE);
}

/**
 * The truth as a model file: the schema link first, so that editors check it, and each list of
 * numbers (a channel's plan, the seasonality) on one line, so that the file reads as settings.
 */
export function truthFileText(example: ExampleHistory): string {
  const text = JSON.stringify({ $schema: '../model.schema.json', ...example.truth }, null, 2);
  return `${text.replace(/\[\s+(-?[\d.e+-]+(?:,\s+-?[\d.e+-]+)*)\s+\]/g, (_, numbers: string) => `[${numbers.split(/,\s+/).join(', ')}]`)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const example = consumerExample();
  writeFileSync(HISTORY_FILE, example.csv.endsWith('\n') ? example.csv : `${example.csv}\n`);
  writeFileSync(TRUTH_FILE, truthFileText(example));
  const floor = example.noiseFloor;
  console.log(`wrote ${fileURLToPath(HISTORY_FILE)} (${example.rows} weeks) and ${fileURLToPath(TRUTH_FILE)}`);
  if (floor !== null) console.log(`noise floor over the last ${floor.periods} weeks: MAPE ${(100 * floor.mape).toFixed(2)} %, NRMSE ${floor.nrmse.toFixed(4)}, R² ${floor.r2.toFixed(3)}`);
}
