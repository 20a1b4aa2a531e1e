import { type Model, type ModelIssue, ModelError, type OptimizedPlan, parseModel } from '../engine/index.ts';
import { formatMoney, formatPercent } from './format.ts';
import { type YearOfPlan, appliedPlanDescription, appliedPlanOrigin, budgetOfPlan, yearsOfSpend } from './plan-summary.ts';

/**
 * A model as the person is editing it: the JSON of a model file, which may be invalid while
 * they type. The app keeps the draft (so fields show what was typed) apart from the last valid
 * model (which the figures and charts show).
 */
export type Draft = Readonly<Record<string, unknown>>;

export type DraftCheck = { model: Model; issues: [] } | { model: undefined; issues: readonly ModelIssue[] };

export function draftFromModel(model: Model): Draft {
  return structuredClone(model) as unknown as Draft;
}

/** Validates a draft with the engine's own rules. */
export function checkDraft(draft: Draft): DraftCheck {
  try {
    return { model: parseModel(draft), issues: [] };
  } catch (error) {
    if (error instanceof ModelError) return { model: undefined, issues: error.issues };
    // Anything else (a stack overflow on a hostile file, say) is still a problem with the draft:
    // the app keeps its last good model and shows this, rather than breaking.
    const reason = error instanceof Error ? error.message : String(error);
    return { model: undefined, issues: [{ path: '', message: `The model could not be checked: ${reason}` }] };
  }
}

/** The value at a dotted path such as `brand.halfLifeMonths`, or undefined. */
export function readField(draft: Draft, path: string): unknown {
  let value: unknown = draft;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null || !Object.prototype.hasOwnProperty.call(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/**
 * A copy of the draft with one field replaced; objects along the path are copied, the rest
 * shared. Paths come from the app's own controls (`section.key` or a top-level key).
 */
export function withField(draft: Draft, path: string, value: unknown): Draft {
  const [head, ...rest] = path.split('.');
  if (rest.length === 0) return { ...draft, [head]: value };
  const section = draft[head];
  const inner = typeof section === 'object' && section !== null && !Array.isArray(section) ? section as Draft : {};
  return { ...draft, [head]: withField(inner, rest.join('.'), value) };
}

const NUMBER_TEXT = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;
/** Thousands written with a separator, in groups of three: 1,200,000 or 1 200 000 or 1_200_000. */
const GROUPED_TEXT = /^[-+]?\d{1,3}([,_ ]\d{3})+(\.\d*)?$/;

/**
 * What a person typed in a number field: a number when it reads as one ("1,200,000", "1.2e6",
 * " 0.5 "), otherwise the text itself, so that validation can say what is wrong with it.
 * Separators count only in groups of three, so "1,2,3" or "0,5" is not silently misread.
 */
export function numberFromText(text: string): number | string {
  const trimmed = text.trim();
  const compact = GROUPED_TEXT.test(trimmed) ? trimmed.replace(/[,_ ]/g, '') : trimmed;
  return NUMBER_TEXT.test(compact) ? Number(compact) : text;
}

/** A list resized to `length`: cut short, or extended by repeating its last value. */
function resized<T>(list: readonly T[], length: number): T[] {
  return Array.from({ length }, (_, index) => list[Math.min(index, list.length - 1)]);
}

/**
 * The draft with a new horizon. Per-year lists and an explicit plan are resized with it (the
 * last year repeats), so that changing the horizon never makes a valid model invalid.
 */
export function withHorizon(draft: Draft, horizonYears: number): Draft {
  let next = withField(draft, 'horizonYears', horizonYears);
  for (const path of ['budget.perYear', 'budget.upstreamShare']) {
    const value = readField(next, path);
    if (Array.isArray(value) && value.length > 0) next = withField(next, path, resized(value, horizonYears));
  }
  const periodsPerYear = readField(next, 'periodsPerYear');
  const plan = readField(next, 'plan');
  if (typeof periodsPerYear === 'number' && isPlanRows(plan)) {
    const lastYear = (list: unknown[]) => list.slice(Math.max(0, list.length - periodsPerYear));
    const extend = (list: unknown[]) => Array.from({ length: horizonYears * periodsPerYear },
      (_, index) => (index < list.length ? list[index] : lastYear(list)[(index - list.length) % periodsPerYear]));
    next = withField(next, 'plan', mapPlanRows(plan, extend));
  }
  return withBudgetOfPlan(next);
}

/**
 * The draft at a new granularity. Seasonality per period and an explicit plan are resampled
 * (each new period takes the old period its middle falls in; plan amounts are rescaled so yearly
 * totals stay about the same), so the model stays valid and means about the same; 12 monthly
 * seasonality values are kept, being valid for any granularity.
 */
export function withPeriodsPerYear(draft: Draft, periodsPerYear: number): Draft {
  const previous = readField(draft, 'periodsPerYear');
  let next = withField(draft, 'periodsPerYear', periodsPerYear);
  if (typeof previous !== 'number' || previous === periodsPerYear) return next;
  const resample = (list: unknown[], perYearBefore: number, scale: number) => {
    const years = Math.max(1, Math.round(list.length / perYearBefore));
    return Array.from({ length: years * periodsPerYear }, (_, index) => {
      const year = Math.floor(index / periodsPerYear);
      const within = index % periodsPerYear;
      const source = year * perYearBefore + Math.floor(((within + 0.5) / periodsPerYear) * perYearBefore);
      const value = list[Math.min(source, list.length - 1)];
      return typeof value === 'number' ? value * scale : value;
    });
  };
  // 12 monthly values hold for any planning periods (the engine turns them into quarters or
  // weeks), so they are kept as they are; P values of the old granularity are resampled.
  const seasonality = readField(next, 'market.seasonality');
  if (Array.isArray(seasonality) && seasonality.length !== 12) next = withField(next, 'market.seasonality', resample(seasonality, previous, 1));
  const plan = readField(next, 'plan');
  if (isPlanRows(plan)) {
    const scale = previous / periodsPerYear;
    next = withField(next, 'plan', mapPlanRows(plan, (row) => resample(row, previous, scale)));
  }
  return withBudgetOfPlan(next);
}

/** A plan in either form: `{ upstream, downstream }` rows, or rows by channel name (spec §9.1). */
type PlanRows = Record<string, unknown[]>;

function isPlanRows(value: unknown): value is PlanRows {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    && Object.keys(value).length > 0 && Object.values(value).every((row) => Array.isArray(row));
}

/** The plan with each of its rows, whatever its form, replaced by `change(row)`. */
function mapPlanRows(plan: PlanRows, change: (row: unknown[]) => unknown[]): PlanRows {
  return Object.fromEntries(Object.entries(plan).map(([key, row]) => [key, change(row)]));
}

/** The channel names of one side of a channel-form draft, or undefined for a two-lever one. */
function channelNamesOfSide(draft: Draft, side: 'upstream' | 'downstream'): string[] | undefined {
  const channels = readField(draft, `${side}.channels`);
  return typeof channels === 'object' && channels !== null && !Array.isArray(channels) ? Object.keys(channels) : undefined;
}

function isPlan(value: unknown): value is { upstream: unknown[]; downstream: unknown[] } {
  return typeof value === 'object' && value !== null
    && Array.isArray((value as Record<string, unknown>).upstream) && Array.isArray((value as Record<string, unknown>).downstream);
}

/** A plan whose every amount is a finite number, with the periods and years to sum it by. */
function numericPlan(draft: Draft): { upstream: number[]; downstream: number[]; periodsPerYear: number; horizonYears: number } | undefined {
  const plan = readField(draft, 'plan');
  const periodsPerYear = readField(draft, 'periodsPerYear');
  const horizonYears = readField(draft, 'horizonYears');
  if (typeof periodsPerYear !== 'number' || typeof horizonYears !== 'number') return undefined;
  const finite = (list: unknown): list is number[] => Array.isArray(list) && list.length === periodsPerYear * horizonYears
    && list.every((value) => typeof value === 'number' && Number.isFinite(value));
  const upstreamNames = channelNamesOfSide(draft, 'upstream');
  const downstreamNames = channelNamesOfSide(draft, 'downstream');
  if (upstreamNames !== undefined && downstreamNames !== undefined && isPlanRows(plan)) {
    // The channel form: each side's spend is the sum of its channels' rows (spec §9.2).
    const rows = [...upstreamNames, ...downstreamNames].map((name) => (Object.hasOwn(plan, name) ? plan[name] : undefined));
    if (!rows.every(finite)) return undefined;
    const sideTotal = (names: string[]) => Array.from({ length: periodsPerYear * horizonYears },
      (_, index) => names.reduce((sum, name) => sum + (plan[name] as number[])[index], 0));
    return { upstream: sideTotal(upstreamNames), downstream: sideTotal(downstreamNames), periodsPerYear, horizonYears };
  }
  if (!isPlan(plan)) return undefined;
  return finite(plan.upstream) && finite(plan.downstream) ? { upstream: plan.upstream, downstream: plan.downstream, periodsPerYear, horizonYears } : undefined;
}

/** The draft's explicit plan summed by year; undefined without a plan or while one of its amounts is not a number. */
export function planYearsOfDraft(draft: Draft): YearOfPlan[] | undefined {
  const plan = numericPlan(draft);
  return plan === undefined ? undefined : yearsOfSpend(plan, plan.periodsPerYear, plan.horizonYears);
}

/**
 * With an explicit plan the engine ignores the budget, so a budget that said anything else would
 * misstate the plan: it is set to the plan's yearly totals and upstream shares. A draft without
 * a plan, or whose plan is not all numbers, is left as it is; one without a budget gets one only
 * when `addIfMissing` (so that a model file states its yearly totals).
 */
export function withBudgetOfPlan(draft: Draft, options: { addIfMissing?: boolean } = {}): Draft {
  const years = planYearsOfDraft(draft);
  if (years === undefined || (readField(draft, 'budget') === undefined && options.addIfMissing !== true)) return draft;
  return withChannelSharesOfPlan(withField(draft, 'budget', budgetOfPlan(years)));
}

/**
 * In the channel form, each channel's share of its side by year as the plan spends it, so that
 * the file states its plan channel by channel too (and going back to a budget and split keeps
 * the plan's split). A side that spends nothing in a year keeps the shares it had.
 */
function withChannelSharesOfPlan(draft: Draft): Draft {
  const plan = readField(draft, 'plan');
  const periodsPerYear = readField(draft, 'periodsPerYear');
  const horizonYears = readField(draft, 'horizonYears');
  if (!isPlanRows(plan) || typeof periodsPerYear !== 'number' || typeof horizonYears !== 'number') return draft;
  let next = draft;
  for (const side of ['upstream', 'downstream'] as const) {
    const names = channelNamesOfSide(draft, side);
    if (names === undefined) return draft;
    const yearTotal = (name: string, year: number) => (plan[name] as number[])
      .slice(year * periodsPerYear, (year + 1) * periodsPerYear).reduce((sum, value) => sum + value, 0);
    for (const name of names) {
      const shares = Array.from({ length: horizonYears }, (_, year) => {
        const sideTotal = names.reduce((sum, other) => sum + yearTotal(other, year), 0);
        const current = readField(draft, `${side}.channels.${name}.share`);
        const before = Array.isArray(current) ? current[year] : current;
        return sideTotal > 0 ? yearTotal(name, year) / sideTotal : typeof before === 'number' ? before : 1 / names.length;
      });
      next = withField(next, `${side}.channels.${name}.share`, shares.every((share) => share === shares[0]) ? shares[0] : shares);
    }
  }
  return next;
}

/**
 * The draft with the optimiser's plan applied: the plan, a budget that states it (yearly totals
 * and shares) and a description that says what happened, in place of one (such as a preset's
 * lesson) that told the story of the plan it replaced.
 */
export function withAppliedPlan(draft: Draft, plan: OptimizedPlan, when: Date): Draft {
  const name = readField(draft, 'name');
  const next = withField(withField(draft, 'plan', plan), 'description', appliedPlanDescription(typeof name === 'string' ? name : 'this plan', when));
  return withBudgetOfPlan(next, { addIfMissing: true });
}

/**
 * The draft back on a budget and split, without the explicit plan: the plan's yearly totals and
 * upstream shares (the budget that stated it), or, for a plan that is not all numbers, the
 * budget as it was. An applied plan's description says where the numbers came from.
 */
export function withoutPlan(draft: Draft): Draft {
  let next = withField(withBudgetOfPlan(draft, { addIfMissing: true }), 'plan', undefined);
  const description = readField(next, 'description');
  const origin = appliedPlanOrigin(typeof description === 'string' ? description : undefined);
  if (origin !== undefined) next = withField(next, 'description', `Yearly budgets and upstream shares of the o${origin.slice(1)}.`);
  return next;
}

/** A change of split mode, what it did in words, and whether it could be made. */
export interface SplitModeChange {
  draft: Draft;
  /** The step's name in the edit history. */
  label: string;
  /** What was done (or why nothing was), to show the person; undefined when there is nothing to say. */
  note?: string;
  /** True when nothing changed because a year's value is not a number yet. */
  refused?: boolean;
}

/**
 * Turns the budget and share into one value per year (each year gets the single value), or back
 * into single values. Going back keeps the money: the budget becomes the total over the horizon
 * spread evenly (total / years), and the share the spend-weighted average of the yearly shares,
 * so the upstream spend over the horizon stays the same too. The note says what was done.
 */
export function withSplitMode(draft: Draft, byYear: boolean): SplitModeChange {
  const years = Number(readField(draft, 'horizonYears')) || 1;
  const perYear = readField(draft, 'budget.perYear');
  const share = readField(draft, 'budget.upstreamShare');
  if (byYear) {
    let next = draft;
    if (!Array.isArray(perYear)) next = withField(next, 'budget.perYear', Array.from({ length: years }, () => perYear));
    if (!Array.isArray(share)) next = withField(next, 'budget.upstreamShare', Array.from({ length: years }, () => share));
    return { draft: next, label: 'Set a budget and split for each year' };
  }
  if (!Array.isArray(perYear) && !Array.isArray(share)) return { draft, label: 'Use one budget and split for every year' };
  const budgets = Array.from({ length: years }, (_, year) => (Array.isArray(perYear) ? perYear[year] : perYear));
  const shares = Array.from({ length: years }, (_, year) => (Array.isArray(share) ? share[year] : share));
  const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
  if (!budgets.every(isNumber) || !shares.every(isNumber)) {
    return {
      draft,
      label: 'Use one budget and split for every year',
      note: 'Kept a budget and split for each year: fix the highlighted yearly values first, so that one budget for every year can keep their total.',
      refused: true,
    };
  }
  const total = budgets.reduce((sum, budget) => sum + budget, 0);
  const upstream = budgets.reduce((sum, budget, year) => sum + budget * shares[year], 0);
  const averageShare = total > 0 ? upstream / total : shares.reduce((sum, value) => sum + value, 0) / years;
  let next = draft;
  const parts: string[] = [];
  if (Array.isArray(perYear)) {
    next = withField(next, 'budget.perYear', total / years);
    parts.push(`budgets set to ${formatMoney(total / years)} a year, keeping the ${formatMoney(total)} total over ${years} year${years === 1 ? '' : 's'}`);
  }
  if (Array.isArray(share)) {
    next = withField(next, 'budget.upstreamShare', averageShare);
    parts.push(`upstream share ${formatPercent(averageShare)} every year, the spend-weighted average, so upstream spend stays ${formatMoney(upstream)}`);
  }
  const note = `${parts.join('; ')}.`;
  return { draft: next, label: 'Use one budget and split for every year', note: `${note[0].toUpperCase()}${note.slice(1)}` };
}
