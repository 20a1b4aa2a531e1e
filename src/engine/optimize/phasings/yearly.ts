import type { Phasing } from './phasing.ts';
import { searchShareSchedule } from './share-schedule.ts';

/** One upstream share per year, each period spending its year's average period budget. */
export const yearlyPhasing: Phasing = {
  name: 'yearly',
  description: 'one upstream share per year',
  refines: 'constant',
  search(space, start, control) {
    if (start === null) throw new Error('yearly phasing starts from the best constant plan');
    return searchShareSchedule(space, (period) => Math.floor(period / space.periodsPerYear), space.years, start, control);
  },
};
