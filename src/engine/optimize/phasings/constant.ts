import { maximiseOnInterval } from '../line-search-1d.ts';
import { OptimizeError } from '../optimize-error.ts';
import { type PlanSpace, planRows, yearShareBounds } from '../plan-space.ts';
import { projectOntoSplit, splitSideRange } from '../split-projection.ts';
import type { Phasing, PhasingOutcome } from './phasing.ts';
import { type GroupBounds, referenceSplit, searchSplitSchedule } from './split-schedule.ts';

/** Share grid intervals: 100 gives the 0.01 grid of the trade-off curve before refinement. */
const GRID_INTERVALS = 100;
/** Golden-section stops when the bracket is this narrow (in share, 0…1). */
const SHARE_TOLERANCE = 1e-7;

/**
 * One split over the channels for the whole horizon: every period spends its year's average
 * period budget, split by the same shares.
 *
 * The upstream share first: a 0.01 grid over the shares allowed, then golden-section refinement
 * to 1e-7 (about 135 runs), with each side's budget split within the side as the model's own
 * plan splits it (made to keep the channels' bounds). With one channel a side that is the whole
 * answer (as it always was). With more, the channels' shares are then searched together
 * (`searchSplitSchedule` with one group) from that split.
 *
 * Bounds per year become bounds on each channel's share of the budget that hold in every year
 * (the largest minimum share, the smallest maximum).
 * @throws {OptimizeError} (option `bounds`) when no single split keeps a channel within its
 *   bounds in every year, naming the channel and the two years, and the phasing asked for is
 *   `constant` (a richer phasing then starts from a split per year instead)
 */
export const constantPhasing: Phasing = {
  name: 'constant',
  description: 'one split over the channels for the whole horizon',
  refines: null,
  search(space, _start, control) {
    const bounds = constantBounds(space);
    if (typeof bounds === 'string') {
      if (space.settings.phasing === 'constant') throw new OptimizeError('bounds', `${bounds}; the yearly phasing lets the split change from year to year`);
      return splitPerYear(space);
    }
    const { minShare, maxShare } = space.settings;
    const { channelCount, upstreamCount, periods, averagePeriodBudget } = space;
    const range = splitSideRange(upstreamCount, 1, bounds.lower, bounds.upper, minShare, maxShare);
    const reference = referenceSplit(space);
    const split = new Float64Array(channelCount);
    const spend = planRows(space);
    const fill = (share: number) => {
      for (let channel = 0; channel < channelCount; channel += 1) {
        split[channel] = space.withinSide[channel] * (channel < upstreamCount ? share : 1 - share);
      }
      projectOntoSplit(split, 0, upstreamCount, 1, bounds.lower, bounds.upper, share, share);
      for (let channel = 0; channel < channelCount; channel += 1) {
        const row = spend[channel];
        for (let index = 0; index < periods; index += 1) row[index] = split[channel] * averagePeriodBudget[index];
      }
    };
    const middle = upstreamCount === 0 ? 0 : upstreamCount === channelCount ? 1 : Math.min(range.high, Math.max(range.low, (reference.subarray(0, upstreamCount).reduce((a, b) => a + b, 0))));
    if (control.shouldStop?.()) {
      // Even a cancelled search returns a plan: the middle of the allowed range.
      fill(middle);
      return { spend, value: space.value(spend), converged: false, cancelled: true };
    }
    const best = maximiseOnInterval((share) => {
      fill(share);
      return space.value(spend);
    }, range.low, range.high, GRID_INTERVALS, SHARE_TOLERANCE);
    fill(best.argument);
    const bySide: PhasingOutcome = { spend, value: best.value, converged: true, cancelled: false };
    if (upstreamCount <= 1 && channelCount - upstreamCount <= 1) {
      control.onProgress?.(1);
      return bySide;
    }
    return searchSplitSchedule(space, () => 0, 1, () => bounds, bySide, control);
  },
};

/**
 * Bounds on each channel's share of the budget that keep its spend within its bounds in every
 * year with a budget, or a sentence saying which channel and years make that impossible.
 */
export function constantBounds(space: PlanSpace): GroupBounds | string {
  const { channelCount, upstreamCount, years, budgets } = space;
  const lower = new Float64Array(channelCount);
  const upper = new Float64Array(channelCount).fill(Infinity);
  const lowerYear = new Int32Array(channelCount);
  const upperYear = new Int32Array(channelCount);
  for (let year = 0; year < years; year += 1) {
    if (!(budgets[year] > 0)) continue;
    const inYear = yearShareBounds(space, year);
    for (let channel = 0; channel < channelCount; channel += 1) {
      if (inYear.lower[channel] > lower[channel]) { lower[channel] = inYear.lower[channel]; lowerYear[channel] = year; }
      if (inYear.upper[channel] < upper[channel]) { upper[channel] = inYear.upper[channel]; upperYear[channel] = year; }
    }
  }
  const percent = (value: number) => `${(100 * value).toPrecision(3)} %`;
  for (let channel = 0; channel < channelCount; channel += 1) {
    if (lower[channel] > upper[channel] * (1 + 1e-12)) {
      return `no single split keeps channel "${space.channels[channel].name}" within its bounds every year: year ${lowerYear[channel] + 1} needs at least ${percent(lower[channel])} of the budget, year ${upperYear[channel] + 1} allows at most ${percent(upper[channel])}`;
    }
    upper[channel] = Math.max(upper[channel], lower[channel]);
  }
  let least = 0;
  let most = 0;
  for (let channel = 0; channel < channelCount; channel += 1) { least += lower[channel]; most += upper[channel]; }
  const range = splitSideRange(upstreamCount, 1, lower, upper, space.settings.minShare, space.settings.maxShare);
  if (least > 1 + 1e-12 || most < 1 - 1e-12 || range.low > range.high * (1 + 1e-12) + 1e-12) {
    return 'no single split keeps every channel within its bounds and the upstream share within its limits in every year (the years\' budgets differ too much for the bounds)';
  }
  return { lower, upper };
}

/** A plan with each year's split as near the reference split as that year's bounds allow. */
function splitPerYear(space: PlanSpace): PhasingOutcome {
  const { channelCount, upstreamCount, periods, periodsPerYear, averagePeriodBudget } = space;
  const reference = referenceSplit(space);
  const spend = planRows(space);
  for (let year = 0; year < space.years; year += 1) {
    const split = Float64Array.from(reference);
    const bounds = yearShareBounds(space, year);
    if (space.budgets[year] > 0) projectOntoSplit(split, 0, upstreamCount, 1, bounds.lower, bounds.upper, space.settings.minShare, space.settings.maxShare);
    for (let channel = 0; channel < channelCount; channel += 1) {
      for (let index = year * periodsPerYear; index < Math.min(periods, (year + 1) * periodsPerYear); index += 1) {
        spend[channel][index] = split[channel] * averagePeriodBudget[index];
      }
    }
  }
  return { spend, value: space.value(spend), converged: true, cancelled: false };
}
