import type { Phasing } from './phasing.ts';
import { searchShareSchedule } from './share-schedule.ts';

/** One upstream share per period; every period spends its year's average period budget. */
export const periodPhasing: Phasing = {
  name: 'period',
  description: 'one upstream share per period, each period spending its year\'s average period budget',
  refines: 'yearly',
  search(space, start, control) {
    if (start === null) throw new Error('period phasing starts from the best yearly plan');
    return searchShareSchedule(space, (period) => period, space.periods, start, control);
  },
};
