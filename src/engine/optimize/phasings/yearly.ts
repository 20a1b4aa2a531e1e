import { yearShareBounds } from '../plan-space.ts';
import type { Phasing } from './phasing.ts';
import { searchSplitSchedule } from './split-schedule.ts';

/** One split over the channels per year, each period spending its year's average period budget. */
export const yearlyPhasing: Phasing = {
  name: 'yearly',
  description: 'one split over the channels per year',
  refines: 'constant',
  search(space, start, control) {
    if (start === null) throw new Error('yearly phasing starts from the best constant plan');
    return searchSplitSchedule(space, (period) => Math.floor(period / space.periodsPerYear), space.years, (year) => yearShareBounds(space, year), start, control);
  },
};
