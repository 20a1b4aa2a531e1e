import { type GroupBounds, searchSplitSchedule } from './split-schedule.ts';
import { yearShareBounds } from '../plan-space.ts';
import type { Phasing } from './phasing.ts';

/**
 * One split over the channels per period; every period spends its year's average period budget.
 * A channel with bounds per year keeps, here, the same share of every period's budget within
 * them (bounds per year divided evenly); the search within the limits that follows
 * (`searchPracticalPlan`) lets it move between the periods of a year within its yearly bounds.
 */
export const periodPhasing: Phasing = {
  name: 'period',
  description: 'one split over the channels per period, each period spending its year\'s average period budget',
  refines: 'yearly',
  search(space, start, control) {
    if (start === null) throw new Error('period phasing starts from the best yearly plan');
    const byYear: GroupBounds[] = Array.from({ length: space.years }, (_, year) => yearShareBounds(space, year));
    return searchSplitSchedule(space, (period) => period, space.periods, (period) => byYear[Math.floor(period / space.periodsPerYear)], start, control);
  },
};
