import { describe, expect, it } from 'vitest';
import { describeRunTime, estimateMonteCarloSeconds, monteCarlo } from '../../../src/engine/index.ts';
import { calibrateMsPerDraw } from '../../../src/engine/uncertainty/run-time-estimate.ts';
import { defaultJson, defaultWith } from './fixtures.ts';

// The estimate is a calibration: it times blocks of the run's own draws and scales. These tests
// replace the timing by deterministic cost models (a block of n draws "takes" n times a cost
// that may fall as the code warms up, or jump when the machine is busy), so they check the
// calibration's logic without timing anything. How close the estimate comes on this machine is
// measured by tests/bench/uncertainty.bench.ts (it prints estimate and actual side by side).

/** A cost model: draw k (counted from the first) costs cost(k) ms; records the block sizes asked for. */
function costModel(cost: (draw: number) => number) {
  let done = 0;
  const blocks: number[] = [];
  return {
    timeBlock: (count: number) => {
      blocks.push(count);
      let ms = 0;
      for (let index = 0; index < count; index += 1, done += 1) ms += cost(done);
      return ms;
    },
    blocks,
    draws: () => done,
  };
}

const uncertain = () => defaultWith(defaultJson().uncertainty, { horizonYears: 5 });

describe('calibrateMsPerDraw', () => {
  it('finds the cost of a warm draw when the first draws are 30 times slower (a cold process)', () => {
    const model = costModel((draw) => (draw < 50 ? 0.6 : 0.02));
    expect(calibrateMsPerDraw(model.timeBlock)).toBeCloseTo(0.02, 12);
    // It measured for at least 40 ms, in blocks of about 2 ms once it knew the rate.
    const spent = 50 * 0.6 + (model.draws() - 50) * 0.02;
    expect(spent).toBeGreaterThanOrEqual(40);
    expect(spent).toBeLessThan(60);
    expect(model.blocks[0]).toBe(1);
    expect(Math.max(...model.blocks)).toBe(100);
  });

  it('takes the fastest block when other work on the machine slows some blocks down', () => {
    const busy = costModel((draw) => (Math.floor(draw / 300) % 2 === 0 ? 0.05 : 0.01));
    expect(calibrateMsPerDraw(busy.timeBlock)).toBeCloseTo(0.01, 12);
  });

  it('stops after its budget when a single draw is slow, having run it three times', () => {
    const slow = costModel(() => 50);
    expect(calibrateMsPerDraw(slow.timeBlock, 150)).toBe(50);
    expect(slow.blocks).toEqual([1, 1, 1]);
  });
});

describe('estimateMonteCarloSeconds', () => {
  it('is the warm cost of a draw times the draws, plus 30 % for recording, statistics and bands', () => {
    const estimate = estimateMonteCarloSeconds(uncertain(), 100_000);
    expect(estimate.msPerDraw).toBeGreaterThan(0);
    expect(estimate.seconds).toBeCloseTo((estimate.msPerDraw * 100_000 * 1.3) / 1000, 9);
    expect(estimate.periods).toBe(60);
    expect(estimate.draws).toBe(100_000);
  });

  it('is 0 for a model without a spread: Monte Carlo runs it once', () => {
    expect(estimateMonteCarloSeconds(defaultWith(undefined), 100_000).seconds).toBe(0);
  });

  it('leaves a later run exactly as it would have been', () => {
    const model = uncertain();
    const before = monteCarlo(model, { draws: 200, seed: 4 });
    estimateMonteCarloSeconds(model, 200);
    expect(monteCarlo(model, { draws: 200, seed: 4 })).toEqual(before);
  });
});

describe('describeRunTime', () => {
  it.each([
    [4.26, 1, 'About 4 s for 100,000 draws of 260 periods'],
    [4.26, 2, 'About 2 s for 100,000 draws of 260 periods on 2 cores'],
    [0.337, 1, 'About 0.34 s for 100,000 draws of 260 periods'],
    [0.004, 1, 'About 0.004 s for 100,000 draws of 260 periods'],
    [130.4, 1, 'About 2 min 10 s for 100,000 draws of 260 periods'],
    [120.2, 1, 'About 2 min for 100,000 draws of 260 periods'],
  ])('%s s on %s core(s) reads "%s"', (seconds, workers, text) => {
    expect(describeRunTime({ seconds, draws: 100_000, periods: 260, msPerDraw: 0 }, workers)).toBe(text);
  });
});
