/**
 * `npm run bench`: how fast one full `simulate` is, against a hand-written loop doing the same
 * arithmetic in the same process (so machine noise cancels out of the ratio).
 *
 * Each figure is the median over many rounds of the mean time per call in a batch; engine and
 * baseline rounds alternate so that a busy moment on the machine hits both.
 */
import { readFileSync } from 'node:fs';
import { median } from 'simple-statistics';
import { type TwoLeverModel, parseModel, simulate } from '../../src/engine/index.ts';
import { benchChannelModel } from './channel-bench-models.ts';
import { createHandWrittenChannelLoop } from './hand-written-channel-loop.ts';
import { createHandWrittenLoop } from './hand-written-loop.ts';

const defaultModel = <TwoLeverModel>parseModel(JSON.parse(readFileSync(new URL('../../models/default.json', import.meta.url), 'utf8')));

function withTime(periodsPerYear: 12 | 52, horizonYears: number): TwoLeverModel {
  return <TwoLeverModel>parseModel({ ...structuredClone(defaultModel), periodsPerYear, horizonYears });
}

/** Median milliseconds per call of each task, alternating tasks round by round. */
function timeEach(tasks: (() => unknown)[], callsPerRound: number, rounds: number): number[] {
  const samples: number[][] = tasks.map(() => []);
  for (let round = -3; round < rounds; round += 1) { // three warm-up rounds, not recorded
    tasks.forEach((task, index) => {
      const start = performance.now();
      for (let call = 0; call < callsPerRound; call += 1) task();
      const perCall = (performance.now() - start) / callsPerRound;
      if (round >= 0) samples[index].push(perCall);
    });
  }
  return samples.map((taskSamples) => median(taskSamples));
}

const format = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;

const weekly = withTime(52, 5);
const handWritten = createHandWrittenLoop(weekly);
const engineValue = simulate(weekly).summary.npvWithCarryover;
const loopValue = handWritten();
if (!(Math.abs(engineValue - loopValue) <= 1e-9 * Math.abs(engineValue))) { // NaN fails too
  throw new Error(`the hand-written loop disagrees with simulate: ${loopValue} vs ${engineValue}`);
}
const [weeklySimulate, weeklyLoop] = timeEach([() => simulate(weekly), handWritten], 50, 60);

const monthly = withTime(12, 5);
const monthlyLoop = createHandWrittenLoop(monthly);
const [monthlySimulate, monthlyBaseline] = timeEach([() => simulate(monthly), monthlyLoop], 200, 60);

const ratio = weeklySimulate / weeklyLoop;
console.log('budget-sim engine benchmark (median of 60 rounds; Node', process.version + ')');
console.log('');
console.log('5-year weekly model (260 periods + 104 carryover, 4 runs):');
console.log(`  simulate             ${format(weeklySimulate)}`);
console.log(`  hand-written loop    ${format(weeklyLoop)}`);
console.log(`  ratio                ${ratio.toFixed(2)}   (goal ≤ 1.5) ${ratio <= 1.5 ? 'met' : 'NOT MET'}`);
console.log('');
console.log('5-year monthly default (60 periods + 24 carryover):');
console.log(`  simulate             ${format(monthlySimulate)}   (goal < 200 µs) ${monthlySimulate < 0.2 ? 'met' : 'NOT MET'}`);
console.log(`  hand-written loop    ${format(monthlyBaseline)}   ratio ${(monthlySimulate / monthlyBaseline).toFixed(2)}`);

// Issue 11: 6 + 6 channels, 5-year weekly, every result including the twelve per-channel runs.
const channelWeekly = benchChannelModel(6, 52, 5);
const channelLoop = createHandWrittenChannelLoop(channelWeekly);
const channelResult = simulate(channelWeekly);
const channelEngineValue = channelResult.summary.npvWithCarryover
  + channelResult.summary.channels.reduce((sum, channel) => sum + channel.valueAdded, 0);
const channelLoopValue = channelLoop();
if (!(Math.abs(channelEngineValue - channelLoopValue) <= 1e-9 * Math.abs(channelEngineValue))) {
  throw new Error(`the hand-written channel loop disagrees with simulate: ${channelLoopValue} vs ${channelEngineValue}`);
}
const [channelSimulate, channelBaseline] = timeEach([() => simulate(channelWeekly), channelLoop], 5, 40);
const channelRatio = channelSimulate / channelBaseline;
console.log('');
console.log('6 + 6 channels, 5-year weekly (260 periods + 104 carryover, 16 runs):');
console.log(`  simulate             ${format(channelSimulate)}`);
console.log(`  hand-written loop    ${format(channelBaseline)}`);
console.log(`  ratio                ${channelRatio.toFixed(2)}   (goal ≤ 1.5) ${channelRatio <= 1.5 ? 'met' : 'NOT MET'}`);
