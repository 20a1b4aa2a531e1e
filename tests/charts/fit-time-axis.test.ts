import { describe, expect, it } from 'vitest';
import { heldOutSpans, historyScale, nearestIndex, periodTimes, targetLabel } from '../../src/charts/fit-time-axis.ts';
import { FIXTURE_HOLDOUT, FIXTURE_WEEKS, fitResultFixture } from '../fixtures/fit-result-fixture.ts';

const WEEK = 7 * 86_400_000;

describe('fit time axis', () => {
  it('reads ISO dates as UTC midnight, a week apart in the fixture', () => {
    const times = periodTimes(fitResultFixture().periods);
    expect(times[0]).toBe(Date.UTC(2024, 0, 1));
    expect(times[1] - times[0]).toBe(WEEK);
    expect(times.at(-1)).toBe(Date.UTC(2024, 0, 1) + (FIXTURE_WEEKS - 1) * WEEK);
  });

  it('groups held-out periods into runs: the fixture’s last 13 weeks, and any pattern as it is', () => {
    expect(heldOutSpans(fitResultFixture().periods)).toEqual([{ first: FIXTURE_WEEKS - FIXTURE_HOLDOUT, last: FIXTURE_WEEKS - 1 }]);
    const pattern = [false, true, true, false, true, false, false, true].map((holdout) => ({ holdout }));
    expect(heldOutSpans(pattern)).toEqual([{ first: 1, last: 2 }, { first: 4, last: 4 }, { first: 7, last: 7 }]);
    expect(heldOutSpans([{ holdout: false }])).toEqual([]);
  });

  it('finds the period nearest a time, ties going to the earlier', () => {
    const times = [0, 10, 20, 30];
    expect(nearestIndex(times, -5)).toBe(0);
    expect(nearestIndex(times, 14)).toBe(1);
    expect(nearestIndex(times, 16)).toBe(2);
    expect(nearestIndex(times, 15)).toBe(1);
    expect(nearestIndex(times, 99)).toBe(3);
    expect(nearestIndex([], 1)).toBeUndefined();
  });

  it('leaves half a period of room at each end of the x axis', () => {
    const times = [0, WEEK, 2 * WEEK];
    const x = historyScale(times, 0, 300);
    // Domain −½ week … 2½ weeks over 300 px: 100 px a week, week 0 at 50 px.
    expect(x(0)).toBeCloseTo(50, 9);
    expect(x(2 * WEEK)).toBeCloseTo(250, 9);
  });
});

describe('targetLabel', () => {
  it('capitalises the target column’s name to begin a label, and is "Revenue" without one', () => {
    expect(targetLabel('revenue')).toBe('Revenue');
    expect(targetLabel('GMV')).toBe('GMV');
    expect(targetLabel(' ')).toBe('Revenue');
  });
});
