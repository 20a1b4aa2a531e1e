import { maximiseOnInterval } from '../line-search-1d.ts';
import type { Phasing } from './phasing.ts';

/** Share grid intervals: 100 gives the 0.01 grid of the trade-off curve before refinement. */
const GRID_INTERVALS = 100;
/** Golden-section stops when the bracket is this narrow (in share, 0…1). */
const SHARE_TOLERANCE = 1e-7;

/**
 * One upstream share for the whole horizon: every period spends its year's average period
 * budget, split by that share. A 0.01 grid over [minShare, maxShare] then golden-section
 * refinement to 1e-7 (about 135 runs); the answer is the best share to within about 1e-7.
 */
export const constantPhasing: Phasing = {
  name: 'constant',
  description: 'one upstream share for the whole horizon',
  refines: null,
  search(space, _start, control) {
    const { minShare, maxShare } = space.settings;
    const upstream = new Float64Array(space.periods);
    const downstream = new Float64Array(space.periods);
    const fill = (share: number) => {
      for (let index = 0; index < space.periods; index += 1) {
        upstream[index] = share * space.averagePeriodBudget[index];
        downstream[index] = (1 - share) * space.averagePeriodBudget[index];
      }
    };
    if (control.shouldStop?.()) {
      // Even a cancelled search returns a plan: the middle of the allowed range.
      fill((minShare + maxShare) / 2);
      return { upstream, downstream, value: space.value(upstream, downstream), converged: false, cancelled: true };
    }
    const best = maximiseOnInterval((share) => {
      fill(share);
      return space.value(upstream, downstream);
    }, minShare, maxShare, GRID_INTERVALS, SHARE_TOLERANCE);
    fill(best.argument);
    control.onProgress?.(1);
    return { upstream, downstream, value: best.value, converged: true, cancelled: false };
  },
};
