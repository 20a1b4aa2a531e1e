/**
 * Uncertainty benchmark: Monte Carlo on the 5-year monthly default (its own ranges) and on a
 * 4 + 4 channel 5-year monthly model with ranges on channel settings (issue 11: 10,000 draws in
 * under 300 ms), against
 * 10,000 plain `simulate` calls in the same process (the floor the issue sets: a draw must cost
 * less than a full simulation), linearity in the number of draws, peak memory at 100,000, the
 * long case (100,000 weekly draws with a 600-month lag window, goal < 10 s) and the time
 * estimate printed before a run against the actual time.
 *
 * Run: npx tsx tests/bench/uncertainty.bench.ts   (medians of 21 rounds for 10,000 draws, 7 for
 * the rest). Monte Carlo rounds
 * run back to back, then simulate rounds: alternating them made each Monte Carlo round pay for
 * the garbage collection of the previous 10,000 simulate results (some 50 MB of objects).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { median } from 'simple-statistics';
import { type Model, type RunTimeEstimate, createRunTimeEstimator, describeRunTime, monteCarlo, parseModel, simulate } from '../../src/engine/index.ts';
import { benchChannelModel } from './channel-bench-models.ts';

const json = JSON.parse(readFileSync(new URL('../../models/default.json', import.meta.url), 'utf8'));
const model = parseModel({ ...json, horizonYears: 5 });
// The long case: weekly periods over 5 years and a 600-month lag window (2,600 lags, of
// which a handful count: see src/engine/sim/lag-weights.ts). Goal: 100,000 draws in under 10 s.
const longModel = parseModel({ ...json, periodsPerYear: 52, horizonYears: 5, upstream: { ...json.upstream, lagWindowMonths: 600 } });
// Issue 11's channel case: the consumer-channels preset widened to 4 + 4 channels, 5 years monthly
// (its "history" carryover baseline and starting equity), with ranges on 10 settings, 6 of them
// channel settings by path. Goal: 10,000 draws in under 300 ms.
const channelModel = benchChannelModel(4, 12, 5);
const { 'Brand 1': brand1, 'Brand 2': brand2 } = channelModel.upstream.channels;
const { 'Performance 1': performance1, 'Performance 2': performance2 } = channelModel.downstream.channels;
channelModel.uncertainty = {
  'brand.halfLifeMonths': { dist: 'lognormal', median: 13, sigma: 0.4 },
  'brand.demandLift': { dist: 'lognormal', median: 0.62, sigma: 0.3 },
  'upstream.channels.Brand 1.lagMonths': { dist: 'triangular', min: 0, mode: Math.min(1, brand1.lagWindowMonths), max: Math.min(3, brand1.lagWindowMonths) },
  'upstream.channels.Brand 1.halfSaturation': { dist: 'lognormal', median: brand1.halfSaturation, sigma: 0.4 },
  'upstream.channels.Brand 2.halfSaturation': { dist: 'lognormal', median: brand2.halfSaturation, sigma: 0.4 },
  'downstream.channels.Performance 1.halfSaturation': { dist: 'lognormal', median: performance1.halfSaturation, sigma: 0.25 },
  'downstream.channels.Performance 1.maxConversionLift': { dist: 'lognormal', median: performance1.maxConversionLift, sigma: 0.25 },
  'downstream.channels.Performance 2.maxConversionLift': { dist: 'lognormal', median: performance2.maxConversionLift, sigma: 0.25 },
  'market.growthPerYear': { dist: 'normal', mean: 0, sd: 0.03 },
  'economics.margin': { dist: 'normal', mean: 0.6, sd: 0.02 },
};

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const time = (task: () => unknown) => {
  const start = performance.now();
  task();
  return performance.now() - start;
};

// Memory in a process of its own, where one run of 100,000 draws is the first thing: peak
// resident memory (maxRSS, a high-water mark) before and after. In a process of its own, the
// collection of its 25 MB of arrays cannot fall into the timed rounds either.
if (process.argv.includes('--memory')) {
  const rssBefore = process.resourceUsage().maxRSS * 1024;
  const heapBefore = process.memoryUsage().heapUsed;
  const ms = time(() => monteCarlo(model, { draws: 100_000, seed: 1 }));
  const rssAfter = process.resourceUsage().maxRSS * 1024;
  const heapAfter = process.memoryUsage().heapUsed;
  console.log(JSON.stringify({ ms, rssBefore, rssAfter, heapBefore, heapAfter }));
  process.exit(0);
}
const memoryRun = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--memory'], { encoding: 'utf8' });
if (memoryRun.status !== 0) throw new Error(`the memory run failed: ${memoryRun.stderr}`);
const { ms: bigMs, rssBefore, rssAfter, heapBefore, heapAfter } = JSON.parse(memoryRun.stdout);

const ROUNDS = 7;
// A Monte Carlo round is short (about 0.1 s), so more of them: a steadier median on a shared machine.
const MONTE_CARLO_ROUNDS = 21;
const monteCarloMs: number[] = [];
const simulateMs: number[] = [];
for (let round = -2; round < MONTE_CARLO_ROUNDS; round += 1) { // two warm-up rounds, not recorded
  const ms = time(() => monteCarlo(model, { draws: 10_000, seed: round + 10 }));
  if (round >= 0) monteCarloMs.push(ms);
}
const channelMs: number[] = [];
for (let round = -2; round < MONTE_CARLO_ROUNDS; round += 1) {
  const ms = time(() => monteCarlo(channelModel, { draws: 10_000, seed: round + 10 }));
  if (round >= 0) channelMs.push(ms);
}
for (let round = -1; round < ROUNDS; round += 1) {
  const ms = time(() => { for (let call = 0; call < 10_000; call += 1) simulate(model); });
  if (round >= 0) simulateMs.push(ms);
}
const scaling = [1_000, 10_000, 100_000].map((draws) => ({
  draws,
  ms: median(Array.from({ length: draws === 100_000 ? 3 : ROUNDS }, (_, round) => time(() => monteCarlo(model, { draws, seed: round })))),
}));

// The estimate said early in a run (montecarlo's stderr, the app's risk panel) against the run.
const estimated = (subject: Model, draws: number, seed: number) => {
  const estimator = createRunTimeEstimator(draws, subject.periodsPerYear * subject.horizonYears);
  let first: (RunTimeEstimate & { done: number }) | undefined;
  const ms = time(() => monteCarlo(subject, { draws, seed }, (done) => {
    const estimate = first === undefined ? estimator.observe(done) : undefined;
    if (estimate !== undefined) first = { ...estimate, done };
  }));
  return { ms, estimate: first! };
};
const longRuns = Array.from({ length: 3 }, (_, round) => estimated(longModel, 100_000, round));
const longMs = median(longRuns.map((run) => run.ms));
const defaultRun = estimated(model, 100_000, 7);

const tenThousand = median(monteCarloMs);
const floor = median(simulateMs);
console.log(`budget-sim uncertainty benchmark (medians; Node ${process.version})`);
console.log('');
console.log(`5-year monthly default (60 periods + 24 carryover), ${Object.keys(json.uncertainty).length} uncertain settings:`);
console.log(`  10,000 draws          ${tenThousand.toFixed(1)} ms   (goal < 150 ms) ${tenThousand < 150 ? 'met' : 'NOT MET'}`);
console.log(`  draws per second      ${Math.round(10_000 / (tenThousand / 1000)).toLocaleString('en-US')}`);
console.log(`  10,000 × simulate     ${floor.toFixed(1)} ms   ratio ${(tenThousand / floor).toFixed(2)} (Monte Carlo / simulate; below 1 beats the floor)`);
console.log('');
const channelTenThousand = median(channelMs);
console.log(`4 + 4 channels, 5 years monthly (60 periods + 12 carryover), ${Object.keys(channelModel.uncertainty).length} uncertain settings (6 by channel path):`);
console.log(`  10,000 draws          ${channelTenThousand.toFixed(1)} ms   (goal < 300 ms) ${channelTenThousand < 300 ? 'met' : 'NOT MET'}   ratio ${(channelTenThousand / tenThousand).toFixed(2)} of the two-lever default`);
console.log('');
console.log('Linearity (time per 1,000 draws should stay flat):');
for (const { draws, ms } of scaling) {
  console.log(`  ${draws.toLocaleString('en-US').padStart(7)} draws   ${ms.toFixed(1).padStart(7)} ms   ${(ms / (draws / 1000)).toFixed(2)} ms per 1,000`);
}
console.log('');
console.log('Weekly, 5 years (260 periods + 104 carryover), lag window 600 months (2,600 lags):');
console.log(`  100,000 draws         ${(longMs / 1000).toFixed(2)} s   (goal < 10 s) ${longMs < 10_000 ? 'met' : 'NOT MET'}   (median of 3)`);
console.log('');
console.log('Time estimate, said early in the run from its own pace, against the run:');
for (const [name, run] of [...longRuns.map((each) => ['weekly, 600-month window', each] as const), ['monthly default', defaultRun] as const]) {
  const { estimate, ms } = run;
  console.log(`  ${name.padEnd(26)} "${describeRunTime(estimate)}" after ${estimate.done.toLocaleString('en-US')} draws   actual ${(ms / 1000).toFixed(2)} s   estimate / actual ${(estimate.seconds / (ms / 1000)).toFixed(2)}`);
}
console.log('');
console.log('Memory, one run of 100,000 draws (first thing in a process of its own):');
console.log(`  time                  ${bigMs.toFixed(0)} ms (cold)`);
console.log(`  peak resident growth  ${megabytes(rssAfter - rssBefore)}   (peak ${megabytes(rssAfter)})`);
console.log(`  heap retained after   ${megabytes(heapAfter - heapBefore)}`);
console.log('  bounded by design: 11 + Y figures × 8 B per draw (12.8 MB at 100k for Y = 5 years) + a band store of at most 2,000,000 doubles (16 MB)');
