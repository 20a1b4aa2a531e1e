import { type Model, type ModelIssue, ModelError, parseModel } from '../engine/index.ts';

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
  if (typeof periodsPerYear === 'number' && isPlan(plan)) {
    const lastYear = (list: unknown[]) => list.slice(Math.max(0, list.length - periodsPerYear));
    const extend = (list: unknown[]) => Array.from({ length: horizonYears * periodsPerYear },
      (_, index) => (index < list.length ? list[index] : lastYear(list)[(index - list.length) % periodsPerYear]));
    next = withField(next, 'plan', { upstream: extend(plan.upstream), downstream: extend(plan.downstream) });
  }
  return next;
}

/**
 * The draft at a new granularity. Seasonality and an explicit plan are resampled (each new
 * period takes the old period its middle falls in; plan amounts are rescaled so yearly totals
 * stay about the same), so the model stays valid and means about the same.
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
  const seasonality = readField(next, 'market.seasonality');
  if (Array.isArray(seasonality)) next = withField(next, 'market.seasonality', resample(seasonality, previous, 1));
  const plan = readField(next, 'plan');
  if (isPlan(plan)) {
    const scale = previous / periodsPerYear;
    next = withField(next, 'plan', { upstream: resample(plan.upstream, previous, scale), downstream: resample(plan.downstream, previous, scale) });
  }
  return next;
}

function isPlan(value: unknown): value is { upstream: unknown[]; downstream: unknown[] } {
  return typeof value === 'object' && value !== null
    && Array.isArray((value as Record<string, unknown>).upstream) && Array.isArray((value as Record<string, unknown>).downstream);
}
