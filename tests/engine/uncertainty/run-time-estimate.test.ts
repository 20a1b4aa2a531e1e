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
  it('after a cold start, speaks at a tenth of the run with the pace of the second half of the time so far, plus 5 %', () => {
    // The first 500 draws 30 times slower (V8 compiling: 300 ms), then 0.02 ms a draw.
    const { first, actualSeconds } = runWithCostModel(100_000, (draw) => (draw < 500 ? 0.6 : 0.02));
    // A tenth of the run (10,000 draws) comes at 490 ms, before half a second; the second half of
    // that time starts with the report at 500 draws (300 ms): a pace of 190 ms / 9,500 draws.
    expect(first!.done).toBe(10_000);
    expect(first!.seconds).toBeCloseTo((490 + 90_000 * (190 / 9500) * 1.05) / 1000, 9);
    // Within 5 % of the whole run's time under this cost model.
    expect(Math.abs(first!.seconds / actualSeconds - 1)).toBeLessThan(0.05);
  });

  it('speaks half a second into a long run, leaving out a slow start of up to a quarter of a second', () => {
    const { first, actualSeconds } = runWithCostModel(1_000_000, (draw) => (draw < 1000 ? 0.24 : 0.01));
    expect(first!.done).toBeLessThan(30_000);
    expect(Math.abs(first!.seconds / actualSeconds - 1)).toBeLessThan(0.05);
  });

  it('counts a stall early in the run (other work, a long garbage collection) as one interval among others', () => {
    // 250 draws stall for 600 ms early on; the rest take 0.02 ms a draw. The stall is in the
    // second half of the time so far when the estimate is first due: its median leaves it out.
    const { first, actualSeconds } = runWithCostModel(100_000, (draw) => (draw >= 500 && draw < 750 ? 2.4 : 0.02));
    expect(Math.abs(first!.seconds / actualSeconds - 1)).toBeLessThan(0.05);
  });

  it('counts the machine\'s present load: a run slowed 3 times is estimated 3 times longer, each within 5 % of its run', () => {
    const quiet = runWithCostModel(50_000, () => 0.02);
    const busy = runWithCostModel(50_000, () => 0.06);
    expect(busy.first!.seconds / quiet.first!.seconds).toBeCloseTo(3, 1);
    for (const run of [quiet, busy]) expect(Math.abs(run.first!.seconds / run.actualSeconds - 1)).toBeLessThan(0.05);
  });

  it('refines the estimate as the run goes: a run that slows down midway is estimated longer later on', () => {
    let now = 0;
    const estimator = createRunTimeEstimator(100_000, 60, () => now);
    const estimates: number[] = [];
    for (let done = 250; done <= 100_000; done += 250) {
      now += 250 * (done <= 40_000 ? 0.02 : 0.04);
      const estimate = estimator.observe(done);
      if (estimate !== undefined) estimates.push(estimate.seconds);
    }
    expect(estimates[0]).toBeCloseTo(2.1, 1);
    expect(estimates.at(-1)!).toBeCloseTo(now / 1000, 9);
    expect(estimates.at(-1)!).toBeGreaterThan(estimates[0]);
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
