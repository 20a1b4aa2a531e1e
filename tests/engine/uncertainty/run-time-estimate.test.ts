import { describe, expect, it } from 'vitest';
import { createRunTimeEstimator, describeRunTime, monteCarlo } from '../../../src/engine/index.ts';
import { defaultJson, defaultWith } from './fixtures.ts';

// The estimate comes from the run's own pace. These tests drive it with a deterministic cost
// model in place of the clock (draw k of the run "takes" cost(k) ms, as a cold process's first
// draws are slower), so they check the arithmetic and when it speaks without timing anything.
// How close it comes on this machine is measured by tests/bench/uncertainty.bench.ts (it
// prints the estimate against the actual time).

/** Feeds an estimator the run's progress every `every` draws, with a clock that the cost model advances. */
function runWithCostModel(draws: number, cost: (draw: number) => number, every = 250) {
  let now = 0;
  const estimator = createRunTimeEstimator(draws, 60, () => now);
  let first: { done: number; seconds: number } | undefined;
  for (let done = 0; done < draws;) {
    const next = Math.min(draws, done + every);
    for (let draw = done; draw < next; draw += 1) now += cost(draw);
    done = next;
    const estimate = estimator.observe(done);
    if (estimate !== undefined && first === undefined) first = { done, seconds: estimate.seconds };
  }
  return { first, actualSeconds: now / 1000 };
}

describe('createRunTimeEstimator', () => {
  it('waits for the code to warm up after a cold start, measures the pace over 100 ms, then gives elapsed + remaining at that pace + 5 %', () => {
    // The first 500 draws 30 times slower (V8 compiling), then 0.02 ms a draw.
    const { first, actualSeconds } = runWithCostModel(100_000, (draw) => (draw < 500 ? 0.6 : 0.02));
    // Intervals: 150, 150, 5, 5 ms: warm from the third report (750 draws); 100 ms later, 5,000 draws on.
    expect(first!.done).toBe(5750);
    const elapsed = 500 * 0.6 + 5250 * 0.02;
    expect(first!.seconds).toBeCloseTo((elapsed + (100_000 - 5750) * 0.02 * 1.05) / 1000, 9);
    // Within 5 % of the whole run's time under this cost model.
    expect(Math.abs(first!.seconds / actualSeconds - 1)).toBeLessThan(0.05);
  });

  it('speaks at a tenth of the run at the latest, when the pace never settles', () => {
    const { first } = runWithCostModel(10_000, (draw) => 0.01 * (1 + (Math.floor(draw / 250) % 2)));
    expect(first!.done).toBe(1000);
  });

  it('counts the machine\'s present load: a run slowed 3 times is estimated about 3 times longer, each within 5 % of its run', () => {
    const quiet = runWithCostModel(50_000, () => 0.02);
    const busy = runWithCostModel(50_000, () => 0.06);
    expect(busy.first!.seconds / quiet.first!.seconds).toBeCloseTo(3, 1);
    for (const run of [quiet, busy]) expect(Math.abs(run.first!.seconds / run.actualSeconds - 1)).toBeLessThan(0.05);
  });

  it('weighs a burst of other work little: the pace is measured over 100 ms, not over the intervals that agreed', () => {
    // Cold for 500 draws, then other work slows the next 500 five times (two intervals that
    // agree, at the wrong pace), then 0.02 ms a draw. Taking the pace of those two intervals
    // would say 5 times too long; 100 ms of pace from the first of them (draw 500, at 300 ms)
    // says about 1.6 times.
    const { first, actualSeconds } = runWithCostModel(200_000, (draw) => (draw < 500 ? 0.6 : draw < 1000 ? 0.1 : 0.02));
    expect(first!.done).toBeGreaterThanOrEqual(3500);
    expect(first!.done).toBeLessThanOrEqual(3750);
    expect(first!.seconds / actualSeconds).toBeGreaterThan(1.3);
    expect(first!.seconds / actualSeconds).toBeLessThan(1.7);
  });

  it('ignores a report without progress', () => {
    let now = 0;
    const estimator = createRunTimeEstimator(1000, 60, () => now);
    now = 5;
    expect(estimator.observe(0)).toBeUndefined();
  });

  it('is fed by monteCarlo\'s progress: every 250 draws and at the end, the run unchanged', () => {
    const model = defaultWith(defaultJson().uncertainty);
    const reports: number[] = [];
    const result = monteCarlo(model, { draws: 1000, seed: 2 }, (done) => reports.push(done));
    expect(reports).toEqual([250, 500, 750, 1000]);
    expect(result).toEqual(monteCarlo(model, { draws: 1000, seed: 2 }));
  });
});

describe('describeRunTime', () => {
  it.each([
    [4.26, 1, 'About 4 s for 100,000 draws of 260 periods'],
    [2.4, 2, 'About 2 s for 100,000 draws of 260 periods on 2 cores'],
    [0.337, 1, 'About 0.34 s for 100,000 draws of 260 periods'],
    [0.004, 1, 'About 0.004 s for 100,000 draws of 260 periods'],
    [130.4, 1, 'About 2 min 10 s for 100,000 draws of 260 periods'],
    [120.2, 1, 'About 2 min for 100,000 draws of 260 periods'],
  ])('%s s on %s core(s) reads "%s"', (seconds, workers, text) => {
    expect(describeRunTime({ seconds, draws: 100_000, periods: 260 }, workers)).toBe(text);
  });
});
