/**
 * Uncertainty benchmark: Monte Carlo on the 5-year monthly default (its own ranges), against
 * 10,000 plain `simulate` calls in the same process (the floor the issue sets: a draw must cost
 * less than a full simulation), linearity in the number of draws, and peak memory at 100,000.
 *
 * Run: npx tsx tests/bench/uncertainty.bench.ts   (medians of 7 rounds). Monte Carlo rounds
 * run back to back, then simulate rounds: alternating them made each Monte Carlo round pay for
 * the garbage collection of the previous 10,000 simulate results (some 50 MB of objects).
 */
import { readFileSync } from 'node:fs';
import { median } from 'simple-statistics';
import { monteCarlo, parseModel, simulate } from '../../src/engine/index.ts';

const json = JSON.parse(readFileSync(new URL('../../models/default.json', import.meta.url), 'utf8'));
const model = parseModel({ ...json, horizonYears: 5 });

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const time = (task: () => unknown) => {
  const start = performance.now();
  task();
  return performance.now() - start;
};

// Memory first, while the process is small: peak resident memory (maxRSS, a high-water mark)
// before and after one run of 100,000 draws.
const rssBefore = process.resourceUsage().maxRSS * 1024;
const heapBefore = process.memoryUsage().heapUsed;
const bigMs = time(() => monteCarlo(model, { draws: 100_000, seed: 1 }));
const rssAfter = process.resourceUsage().maxRSS * 1024;
const heapAfter = process.memoryUsage().heapUsed;

const ROUNDS = 7;
const monteCarloMs: number[] = [];
const simulateMs: number[] = [];
for (let round = -2; round < ROUNDS; round += 1) { // two warm-up rounds, not recorded
  const ms = time(() => monteCarlo(model, { draws: 10_000, seed: round + 10 }));
  if (round >= 0) monteCarloMs.push(ms);
}
for (let round = -1; round < ROUNDS; round += 1) {
  const ms = time(() => { for (let call = 0; call < 10_000; call += 1) simulate(model); });
  if (round >= 0) simulateMs.push(ms);
}
const scaling = [1_000, 10_000, 100_000].map((draws) => ({
  draws,
  ms: median(Array.from({ length: draws === 100_000 ? 3 : ROUNDS }, (_, round) => time(() => monteCarlo(model, { draws, seed: round })))),
}));

const tenThousand = median(monteCarloMs);
const floor = median(simulateMs);
console.log(`budget-sim uncertainty benchmark (medians; Node ${process.version})`);
console.log('');
console.log(`5-year monthly default (60 periods + 24 carryover), ${Object.keys(json.uncertainty).length} uncertain settings:`);
console.log(`  10,000 draws          ${tenThousand.toFixed(1)} ms   (goal < 150 ms) ${tenThousand < 150 ? 'met' : 'NOT MET'}`);
console.log(`  draws per second      ${Math.round(10_000 / (tenThousand / 1000)).toLocaleString('en-US')}`);
console.log(`  10,000 × simulate     ${floor.toFixed(1)} ms   ratio ${(tenThousand / floor).toFixed(2)} (Monte Carlo / simulate; below 1 beats the floor)`);
console.log('');
console.log('Linearity (time per 1,000 draws should stay flat):');
for (const { draws, ms } of scaling) {
  console.log(`  ${draws.toLocaleString('en-US').padStart(7)} draws   ${ms.toFixed(1).padStart(7)} ms   ${(ms / (draws / 1000)).toFixed(2)} ms per 1,000`);
}
console.log('');
console.log('Memory, one run of 100,000 draws (first thing in the process):');
console.log(`  time                  ${bigMs.toFixed(0)} ms (cold)`);
console.log(`  peak resident growth  ${megabytes(rssAfter - rssBefore)}   (peak ${megabytes(rssAfter)})`);
console.log(`  heap retained after   ${megabytes(heapAfter - heapBefore)}`);
console.log('  bounded by design: 11 figures × 8 B per draw (8.8 MB at 100k) + a band store of at most 2,000,000 doubles (16 MB)');
