import type { Side } from './model/model.ts';

/**
 * How the marginal ROI of each side is called and explained, declared once for the app's
 * figures, the printed report and the command, beside the summary's `KEY_FIGURES` (marginal ROI
 * is not a summary field: it comes from `marginalRoi(model)`, one extra run and reverse pass).
 *
 * Shown as a ratio, like ROI: +0.18 means the next unit of money spent on that side returns
 * 1.18 units (of NPV with carryover, discounted like the spend), so 18 % more than it cost.
 */
export interface MarginalRoiFigure {
  /** The side, which is also its key in `MarginalRoi` (`marginalRoi(model)[side]`). */
  side: Side;
  /** "Marginal ROI, upstream". */
  label: string;
  /** "Next 1 upstream", where space is short. */
  shortLabel: string;
  help: string;
}

/** What marginal ROI means, for either side. */
export const MARGINAL_ROI_HELP = 'What the next unit of money spent on this side would return, above its cost, spread over the plan’s periods as the plan spreads its own spend and valued as the marketing NPV with carryover is. Above 0, a little more on this side would raise that value; below 0, spending a little less on it would. At the best split of a fixed budget both sides return the same.';

export const MARGINAL_ROI_FIGURES: readonly MarginalRoiFigure[] = [
  { side: 'upstream', label: 'Marginal ROI, upstream', shortLabel: 'Next 1 upstream', help: `Upstream (brand building). ${MARGINAL_ROI_HELP}` },
  { side: 'downstream', label: 'Marginal ROI, downstream', shortLabel: 'Next 1 downstream', help: `Downstream (conversion). ${MARGINAL_ROI_HELP}` },
];
