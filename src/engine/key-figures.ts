import type { Summary } from './sim/results.ts';

/**
 * The key figures as people see them: one row per figure, declared once and read by the app's
 * figures, the comparison, the optimiser and risk panels, the printed report and the command,
 * so a figure is called the same and explained the same everywhere.
 *
 * The order is the order of importance: the value of the marketing itself comes first
 * (incremental NPV, plan minus spending nothing), the business's total NPV after it, since most
 * of that total is what the business earns with no marketing at all.
 */

/** How a figure's number is shown: money, a ratio (ROI), a yearly rate (IRR), a period (payback) or equity 0–1. */
export type FigureUnit = 'money' | 'ratio' | 'rate' | 'period' | 'equity';

/** Which way is better: more money, a higher ROI, a sooner payback; or neither (spend, equity). */
export type BetterDirection = 'higher' | 'lower' | 'neither';

/** The summary fields that hold one number (or null). */
export type ScalarSummaryField = Exclude<keyof Summary, 'roiByYear' | 'channels'>;

export interface KeyFigure {
  field: ScalarSummaryField;
  /** As in a figure card or a table row: "Marketing NPV with carryover". */
  label: string;
  /** Where space is short (a chart legend, a narrow table column). */
  shortLabel: string;
  unit: FigureUnit;
  better: BetterDirection;
  /** One or two plain sentences: what it is, in the user's words. */
  help: string;
  /** The headline figures lead; the rest are shown as details or in full tables. */
  headline: boolean;
}

export const KEY_FIGURES: readonly KeyFigure[] = [
  {
    field: 'incrementalNpvWithCarryover', label: 'Marketing NPV with carryover', shortLabel: 'Mktg NPV + carryover',
    unit: 'money', better: 'higher', headline: true,
    help: 'What the marketing itself is worth today: the profit it adds above spending nothing, less its cost, discounted, plus what its lasting effects still earn in the carryover years after the horizon.',
  },
  {
    field: 'incrementalNpv', label: 'Marketing NPV', shortLabel: 'Mktg NPV',
    unit: 'money', better: 'higher', headline: true,
    help: 'The same over the horizon only: discounted profit above spending nothing, less the spend. Brand spend late in the horizon counts as a cost here without its later return.',
  },
  {
    field: 'roi', label: 'ROI over the horizon', shortLabel: 'ROI',
    unit: 'ratio', better: 'higher', headline: true,
    help: 'Contribution above spending nothing, less the spend, per unit spent, over the horizon (undiscounted).',
  },
  {
    field: 'paybackPeriod', label: 'Payback', shortLabel: 'Payback',
    unit: 'period', better: 'lower', headline: true,
    help: 'The first period in which the profit the marketing has added so far covers what it has cost so far.',
  },
  {
    field: 'irr', label: 'IRR', shortLabel: 'IRR',
    unit: 'rate', better: 'higher', headline: false,
    help: 'Internal rate of return of the marketing, per year: the discount rate at which its NPV with carryover would be zero. Shown only where a single such rate exists.',
  },
  {
    field: 'npvWithCarryover', label: 'Total NPV with carryover', shortLabel: 'Total NPV + carryover',
    unit: 'money', better: 'higher', headline: false,
    help: 'The whole business’s NPV with the plan: the marketing’s value plus what the business earns with no marketing at all, plus the carryover.',
  },
  {
    field: 'npv', label: 'Total NPV', shortLabel: 'Total NPV',
    unit: 'money', better: 'higher', headline: false,
    help: 'The whole business’s discounted profit over the horizon with the plan: contribution less all marketing spend.',
  },
  {
    field: 'noSpendNpv', label: 'NPV with no marketing', shortLabel: 'No-spend NPV',
    unit: 'money', better: 'neither', headline: false,
    help: 'What the business would earn over the horizon, discounted, if it spent nothing on marketing: past spend and the brand it built keep selling for a while.',
  },
  {
    field: 'carryoverValue', label: 'Carryover value', shortLabel: 'Carryover',
    unit: 'money', better: 'higher', headline: false,
    help: 'The discounted extra contribution the plan keeps earning after the horizon, from brand equity and ad effects that linger.',
  },
  {
    field: 'totalRevenue', label: 'Total revenue', shortLabel: 'Revenue',
    unit: 'money', better: 'higher', headline: false,
    help: 'All revenue over the horizon, including what would come with no marketing at all.',
  },
  {
    field: 'totalSpend', label: 'Total spend', shortLabel: 'Spend',
    unit: 'money', better: 'neither', headline: false,
    help: 'All marketing spend over the horizon, upstream and downstream.',
  },
  {
    field: 'finalEquity', label: 'Brand equity at the end', shortLabel: 'End equity',
    unit: 'equity', better: 'higher', headline: false,
    help: 'Brand equity at the end of the horizon, on a 0–1 scale: the share of the market that thinks of the brand first, roughly. It builds slowly with brand spend and fades without it.',
  },
];

/**
 * The row for a summary field.
 * @throws {Error} for a field with no row (a programming error: every scalar field has one)
 */
export function keyFigure(field: ScalarSummaryField): KeyFigure {
  const figure = KEY_FIGURES.find((candidate) => candidate.field === field);
  if (figure === undefined) throw new Error(`no key figure for "${field}"`);
  return figure;
}
