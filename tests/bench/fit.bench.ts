/**
 * `npm run bench` (issue 12): how long the whole fit takes (holdout fit, refit on all rows,
 * intervals: one `fitHistory` call) on histories simulated from a known model
 * (src/engine/fit/example-history.ts), weekly with a price and a promotion driver and 5 % noise:
 * (a) two years, 3 + 3 channels (models/examples/consumer-weekly.json), goal < 3 s;
 * (b) four years, 6 + 6 channels (the consumer preset widened by `benchChannelModel`, with the
 *     same kind of ranges), goal < 20 s.
 *
 * Each figure is the median wall time over a few calls after one warm-up call (not recorded),
 * reading the CSV included. The holdout error is printed beside the noise floor (the true
 * model's error on the same weeks), so a fast fit that fits badly shows.
 */
import { readFileSync } from 'node:fs';
import { median } from 'simple-statistics';
import { type ChannelModel, type Model, parseModel } from '../../src/engine/index.ts';
import { generateHistory } from '../../src/engine/fit/example-history.ts';
import { fitHistory } from '../../src/engine/fit/fit-history.ts';
import type { FitResult } from '../../src/engine/fit/fit-result.ts';
import { readHistory } from '../../src/engine/fit/read-history.ts';
import { benchChannelModel } from './channel-bench-models.ts';

const consumerWeekly = parseModel(JSON.parse(readFileSync(new URL('../../models/examples/consumer-weekly.json', import.meta.url), 'utf8')));

/**
 * 6 + 6 weekly channels with the ranges a planner would be unsure of, as in consumer-weekly.json:
 * each channel's half-saturation and each downstream channel's maximum lift (lognormal), the
 * brand's half-life and demand lift, the margin.
 */
function sixPlusSixStart(): Model {
  const model: ChannelModel = benchChannelModel(6, 52, 3);
  const uncertainty: Record<string, unknown> = {
    'brand.halfLifeMonths': { dist: 'lognormal', median: model.brand.halfLifeMonths, sigma: 0.4 },
    'brand.demandLift': { dist: 'lognormal', median: model.brand.demandLift, sigma: 0.3 },
  };
  for (const [name, channel] of Object.entries(model.upstream.channels)) {
    uncertainty[`upstream.channels.${name}.halfSaturation`] = { dist: 'lognormal', median: channel.halfSaturation, sigma: 0.4 };
  }
  for (const [name, channel] of Object.entries(model.downstream.channels)) {
    uncertainty[`downstream.channels.${name}.halfSaturation`] = { dist: 'lognormal', median: channel.halfSaturation, sigma: 0.35 };
    uncertainty[`downstream.channels.${name}.maxConversionLift`] = { dist: 'lognormal', median: channel.maxConversionLift, sigma: 0.35 };
  }
  uncertainty['economics.margin'] = { dist: 'normal', mean: model.economics.margin, sd: 0.02 };
  return parseModel({ ...model, name: '6 + 6 channels, weekly, with ranges', uncertainty });
}

interface Case {
  label: string;
  start: Model;
  years: number;
  runs: number;
  goalMs: number;
}

interface Measured {
  medianMs: number;
  /** The last call's result. */
  result: FitResult;
  floorMape: number;
  rows: number;
}

function measure({ start, years, runs }: Case): Measured {
  const history = generateHistory(start, { seed: 12, years, noise: 0.05, startDate: '2023-01-02' });
  const fit = () => fitHistory(readHistory(history.csv, start), start);
  fit(); // warm-up, not recorded
  const times: number[] = [];
  let result: FitResult | undefined;
  for (let run = 0; run < runs; run += 1) {
    const begin = performance.now();
    result = fit();
    times.push(performance.now() - begin);
  }
  return { medianMs: median(times), result: result!, floorMape: history.noiseFloor!.mape, rows: history.rows };
}

const cases: Case[] = [
  { label: '(a) 2 years weekly, 3 + 3 channels, 2 drivers', start: consumerWeekly, years: 2, runs: 5, goalMs: 3_000 },
  { label: '(b) 4 years weekly, 6 + 6 channels, 2 drivers', start: sixPlusSixStart(), years: 4, runs: 3, goalMs: 20_000 },
];

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const percent = (fraction: number) => `${(100 * fraction).toFixed(2)} %`;

console.log(`budget-sim fit benchmark (median of a few runs after a warm-up; Node ${process.version})`);
console.log('whole fitHistory (holdout fit, refit, intervals), reading the CSV included; 5 % noise, seed 12');
console.log('');
console.log(`  ${'case'.padEnd(48)}  rows   estimated    median   goal               holdout MAPE   noise floor`);
for (const benchCase of cases) {
  const { medianMs, result, floorMape, rows } = measure(benchCase);
  const met = medianMs < benchCase.goalMs ? 'met' : 'NOT MET';
  const holdout = result.fit.holdout === null ? 'none' : percent(result.fit.holdout.mape);
  console.log(`  ${benchCase.label.padEnd(48)}  ${String(rows).padStart(4)}   ${String(result.parameters.length).padStart(9)}   ${seconds(medianMs).padStart(7)}   ${`< ${benchCase.goalMs / 1000} s`.padEnd(7)}  ${met.padEnd(7)}  ${holdout.padStart(7)}        ${percent(floorMape).padStart(7)}`);
}
