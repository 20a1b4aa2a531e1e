import { closest, distance } from 'fastest-levenshtein';
import {
  type Budget, type CarryoverBaseline, type ChannelModel, type Model, type ModelCommon, type PeriodsPerYear, type Plan, type ShortTerm, type TwoLeverModel,
  type UncertainValue, type Uncertainty, CARRYOVER_BASELINES, PERIODS_PER_YEAR_CHOICES, isChannelModel,
} from './model.ts';
import { currencyProblem } from './currency.ts';
import { ModelError, type ModelIssue } from './model-issue.ts';
import {
  ALL_NUMBER_FIELDS, EQUITY_FROM_HISTORY, FISCAL_YEAR_START_MONTH_RULE, HORIZON_YEARS_RULE, START_YEAR_RULE, MAX_DESCRIPTION_LENGTH, MAX_NAME_LENGTH, NUMBER_FIELDS,
  type NumberField, PLAN_SPEND_RULE, SEASONAL_INDEX_RULE, SECTION_KEYS, SHORT_TERM_FIELDS, SHORT_TERM_KEYS, TOP_LEVEL_KEYS,
} from './model-fields.ts';
import { channelFields, channelFieldPath } from './channel-fields.ts';
import {
  type JsonObject, type Report, checkNumber, hasOwn, isPlainObject, kindOf, readNumber, readObject, readYearlyNumber,
} from './json-reading.ts';
import { isChannelSide, readChannelForm } from './parse-channels.ts';
import { readLesson } from './lesson.ts';
import { readPosterior } from './parse-posterior.ts';
import { tinyYearSpendProblems } from './plan-year-spend.ts';
import { showValue } from './show-value.ts';
import { uncertaintyProblems } from '../uncertainty/check-uncertainty.ts';
import { DISTRIBUTIONS, DISTRIBUTION_NAMES } from './distributions/index.ts';

// ModelIssue and ModelError have a module of their own, which the uncertainty checks also use.
export { ModelError, type ModelIssue } from './model-issue.ts';

/**
 * Validates a parsed JSON value against the model specification and returns a clean copy.
 *
 * Every problem is collected before throwing, so a person fixes a file in one pass. Unknown
 * fields are errors (typos would otherwise be silently ignored), with a "did you mean" hint when
 * a known field is close. The returned model is built field by field from known keys, so keys
 * such as `__proto__` in the input can never reach an object's prototype.
 *
 * @throws {ModelError} listing each offending path with its rule.
 * @example parseModel(JSON.parse(fs.readFileSync('models/default.json', 'utf8')))
 */
export function parseModel(input: unknown): Model {
  const issues: ModelIssue[] = [];
  // A hostile or broken file can hold any number of problems (400,000 unknown keys, say); the
  // first MAX_ISSUES_LISTED are kept and the rest only counted, so memory and output stay small.
  let unlisted = 0;
  const report = (path: string, message: string) => {
    if (issues.length < MAX_ISSUES_LISTED) issues.push({ path, message });
    else unlisted += 1;
  };

  const root = readObject(input, '', TOP_LEVEL_KEYS, report);
  if (root === undefined) throw new ModelError(issues);

  const name = readText(root, 'name', MAX_NAME_LENGTH, true, report) ?? '';
  const description = readText(root, 'description', MAX_DESCRIPTION_LENGTH, false, report);
  const lesson = hasOwn(root, 'lesson') ? readLesson(root.lesson, report) : undefined;
  const schema = readText(root, '$schema', 2000, false, report);

  const periodsPerYear = readPeriodsPerYear(root, report);
  const horizonYears = readNumber(root, 'horizonYears', 'horizonYears', HORIZON_YEARS_RULE, report);
  const startYear = hasOwn(root, 'startYear') ? readNumber(root, 'startYear', 'startYear', START_YEAR_RULE, report) : undefined;
  const fiscalYearStartMonth = hasOwn(root, 'fiscalYearStartMonth')
    ? readNumber(root, 'fiscalYearStartMonth', 'fiscalYearStartMonth', FISCAL_YEAR_START_MONTH_RULE, report) : undefined;
  let currency = readText(root, 'currency', 100, false, report);
  const currencyIssue = currency === undefined ? undefined : currencyProblem(currency);
  if (currencyIssue !== undefined) {
    report('currency', `currency ${currencyIssue}`);
    currency = undefined;
  }
  // Array lengths depend on these two; when either is invalid, length checks are skipped
  // rather than reported twice for one mistake.
  const years = horizonYears;
  const periods = periodsPerYear !== undefined && years !== undefined ? periodsPerYear * years : undefined;

  const numberAt = (section: JsonObject | undefined, path: string): number => {
    const field = NUMBER_FIELDS.find((candidate) => candidate.path === path)!;
    const key = path.slice(path.indexOf('.') + 1);
    if (section === undefined) return Number.NaN;
    if (field.yearly) return Number.NaN; // read by readYearly
    return readNumber(section, key, path, field.rule, report) ?? Number.NaN;
  };

  // A file is wholly in one form: the channel form when either side holds `channels` (spec §9.1).
  const channelForm = isChannelSide(root.upstream) || isChannelSide(root.downstream);
  const plan = hasOwn(root, 'plan') && !channelForm ? readPlan(root.plan, periods, report) : undefined;

  let budget: Budget | undefined;
  if (hasOwn(root, 'budget')) {
    const section = readSection(root, 'budget', report);
    if (section !== undefined) {
      budget = {
        perYear: readYearly(section, 'budget.perYear', years, report),
        upstreamShare: readYearly(section, 'budget.upstreamShare', years, report),
      };
    }
  } else if (!hasOwn(root, 'plan')) {
    report('budget', 'budget is required (or give a plan with spend per period)');
  }

  const history = channelForm ? undefined : readSection(root, 'history', report);
  const market = readSection(root, 'market', report);
  const brand = readSection(root, 'brand', report);
  const upstream = channelForm ? undefined : readSection(root, 'upstream', report);
  const downstream = channelForm ? undefined : readSection(root, 'downstream', report);
  const channelParts = channelForm ? readChannelForm(root, { years, periodsPerYear, budget }, report) : undefined;
  const economics = readSection(root, 'economics', report);

  const common: ModelCommon = {
    ...(schema !== undefined ? { $schema: schema } : {}),
    name,
    ...(description !== undefined ? { description } : {}),
    ...(lesson !== undefined ? { lesson } : {}),
    periodsPerYear: periodsPerYear ?? 12,
    horizonYears: horizonYears ?? 1,
    ...(startYear !== undefined ? { startYear } : {}),
    ...(currency !== undefined ? { currency } : {}),
    ...(fiscalYearStartMonth !== undefined ? { fiscalYearStartMonth } : {}),
    ...(budget !== undefined ? { budget } : {}),
    market: {
      inMarketPerMonth: numberAt(market, 'market.inMarketPerMonth'),
      growthPerYear: numberAt(market, 'market.growthPerYear'),
      seasonality: market === undefined ? null : readSeasonality(market, periodsPerYear, report),
    },
    brand: {
      initialEquity: brand === undefined ? Number.NaN : readInitialEquity(brand, report),
      maxEquity: numberAt(brand, 'brand.maxEquity'),
      halfLifeMonths: numberAt(brand, 'brand.halfLifeMonths'),
      demandLift: numberAt(brand, 'brand.demandLift'),
      conversionLift: numberAt(brand, 'brand.conversionLift'),
    },
    economics: {
      baseConversion: numberAt(economics, 'economics.baseConversion'),
      valuePerSale: numberAt(economics, 'economics.valuePerSale'),
      margin: numberAt(economics, 'economics.margin'),
      discountRatePerYear: numberAt(economics, 'economics.discountRatePerYear'),
      carryoverYears: numberAt(economics, 'economics.carryoverYears'),
      ...(economics !== undefined && hasOwn(economics, 'carryoverBaseline')
        ? { carryoverBaseline: readCarryoverBaseline(economics.carryoverBaseline, report) } : {}),
    },
  };

  let model: Model;
  if (channelParts !== undefined) {
    const { market: marketPart, brand: brandPart, economics: economicsPart, budget: _budget, ...head } = common;
    model = {
      ...head,
      ...(budget !== undefined ? { budget } : {}),
      ...(channelParts.plan !== undefined ? { plan: channelParts.plan } : {}),
      market: marketPart,
      brand: brandPart,
      upstream: channelParts.upstream,
      downstream: channelParts.downstream,
      economics: economicsPart,
    } satisfies ChannelModel;
  } else {
    const { market: marketPart, brand: brandPart, economics: economicsPart, budget: _budget, ...head } = common;
    model = {
      ...head,
      ...(budget !== undefined ? { budget } : {}),
      ...(plan !== undefined ? { plan } : {}),
      history: {
        upstreamPerMonth: numberAt(history, 'history.upstreamPerMonth'),
        downstreamPerMonth: numberAt(history, 'history.downstreamPerMonth'),
      },
      market: marketPart,
      brand: brandPart,
      upstream: {
        lagMonths: numberAt(upstream, 'upstream.lagMonths'),
        lagConcentration: numberAt(upstream, 'upstream.lagConcentration'),
        lagWindowMonths: numberAt(upstream, 'upstream.lagWindowMonths'),
        halfSaturation: numberAt(upstream, 'upstream.halfSaturation'),
        shape: numberAt(upstream, 'upstream.shape'),
        insightFeedback: numberAt(upstream, 'upstream.insightFeedback'),
        ...(upstream !== undefined && hasOwn(upstream, 'shortTerm') ? { shortTerm: readShortTerm(upstream.shortTerm, report) } : {}),
      },
      downstream: {
        halfLifeMonths: numberAt(downstream, 'downstream.halfLifeMonths'),
        halfSaturation: numberAt(downstream, 'downstream.halfSaturation'),
        shape: numberAt(downstream, 'downstream.shape'),
        maxConversionLift: numberAt(downstream, 'downstream.maxConversionLift'),
      },
      economics: economicsPart,
    } satisfies TwoLeverModel;
  }
  const uncertainty = hasOwn(root, 'uncertainty') ? readUncertainty(root.uncertainty, uncertainFieldsOf(model), report) : undefined;
  if (uncertainty !== undefined) model.uncertainty = uncertainty;

  // Rules between fields; each is checked only when both of its fields are valid on their own.
  const { initialEquity, maxEquity } = model.brand;
  if (typeof initialEquity === 'number' && Number.isFinite(initialEquity) && Number.isFinite(maxEquity) && initialEquity > maxEquity) {
    report('brand.initialEquity',
      `brand.initialEquity must be ≤ brand.maxEquity (${maxEquity}), got ${initialEquity}`);
  }
  if (!channelForm) {
    const { lagMonths, lagWindowMonths } = (model as TwoLeverModel).upstream;
    if (Number.isFinite(lagMonths) && Number.isFinite(lagWindowMonths) && lagMonths > lagWindowMonths) {
      report('upstream.lagMonths',
        `upstream.lagMonths must be ≤ upstream.lagWindowMonths (${lagWindowMonths}), got ${lagMonths}`);
    }
  }

  if (model.uncertainty !== undefined) uncertaintyNeedsItsField(model, model.uncertainty, report);
  const posterior = hasOwn(root, 'posterior') ? readPosterior(root.posterior, model, root.uncertainty, report) : undefined;
  if (posterior !== undefined) model.posterior = posterior;
  if (plan !== undefined && periods !== undefined) {
    for (const problem of tinyYearSpendProblems(plan, model.periodsPerYear, periods)) report(problem.path, problem.message);
  }

  // Distributions are checked against the fields' ranges only when the fields themselves are
  // valid: a range that depends on another field (initialEquity ≤ maxEquity) needs its value.
  if (!issues.some((issue) => !issue.path.startsWith('uncertainty') && !issue.path.startsWith('posterior'))) issues.push(...uncertaintyProblems(model));
  if (unlisted > 0) issues.push({ path: '', message: `…and ${unlisted} more problem${unlisted === 1 ? '' : 's'}` });
  if (issues.length > 0) throw new ModelError(issues);
  return model;
}

/** At most this many problems are listed; more are counted in a last "…and N more problems". */
export const MAX_ISSUES_LISTED = 50;
// Re-exported for tests and callers that imported them from here before json-reading.ts.
export { MAX_SHOWN_KEY_LENGTH, MAX_UNKNOWN_FIELDS_LISTED } from './json-reading.ts';

export { showValue };

function readSection(root: JsonObject, key: string, report: Report): JsonObject | undefined {
  if (!hasOwn(root, key)) {
    report(key, `${key} is required`);
    return undefined;
  }
  return readObject(root[key], key, SECTION_KEYS[key], report);
}

/** A yearly field of NUMBER_FIELDS (`budget.perYear`): a number for every year, or one per year. */
function readYearly(section: JsonObject, path: string, years: number | undefined, report: Report): number | number[] {
  const field = NUMBER_FIELDS.find((candidate) => candidate.path === path)!;
  return readYearlyNumber(section, path.slice(path.indexOf('.') + 1), path, field.rule, years, report);
}

function readText(
  root: JsonObject, key: string, maxLength: number, required: boolean, report: Report,
): string | undefined {
  if (!hasOwn(root, key)) {
    if (required) report(key, `${key} is required`);
    return undefined;
  }
  const value = root[key];
  if (typeof value !== 'string') {
    report(key, `${key} must be text, got ${kindOf(value)}`);
    return undefined;
  }
  if (required && value.trim() === '') {
    report(key, `${key} must not be empty`);
    return undefined;
  }
  if (value.length > maxLength) {
    report(key, `${key} must be at most ${maxLength} characters, got ${value.length}`);
    return undefined;
  }
  return value;
}

function readPeriodsPerYear(root: JsonObject, report: Report): PeriodsPerYear | undefined {
  if (!hasOwn(root, 'periodsPerYear')) {
    report('periodsPerYear', 'periodsPerYear is required');
    return undefined;
  }
  const value = root.periodsPerYear;
  if (!PERIODS_PER_YEAR_CHOICES.includes(value as PeriodsPerYear)) {
    report('periodsPerYear', `periodsPerYear must be 12 (monthly), 4 (quarterly) or 52 (weekly), got ${kindOf(value)}`);
    return undefined;
  }
  return value as PeriodsPerYear;
}

function readSeasonality(market: JsonObject, periodsPerYear: number | undefined, report: Report): number[] | null {
  const path = 'market.seasonality';
  if (!hasOwn(market, 'seasonality')) {
    report(path, `${path} is required (null for none)`);
    return null;
  }
  const value = market.seasonality;
  if (value === null) return null;
  if (!Array.isArray(value)) {
    report(path, `${path} must be null or a list of one index per period of the year, got ${kindOf(value)}`);
    return null;
  }
  // P values as given, or (for quarterly and weekly models) 12, one per month (see seasonalIndices).
  if (periodsPerYear !== undefined && value.length !== periodsPerYear && (periodsPerYear === 12 || value.length !== 12)) {
    report(path, periodsPerYear === 12
      ? `${path} must have one index per period of the year (${periodsPerYear}), got ${value.length}`
      : `${path} must have P or 12 values: one index per period of the year (${periodsPerYear}) or one per month (12), got ${value.length}`);
  }
  return Array.from(value, (item, index) => checkNumber(item, `${path}[${index}]`, SEASONAL_INDEX_RULE, report) ?? Number.NaN);
}

/** `brand.initialEquity`: a number in its field's range, or "history" (see `startingEquity`). */
function readInitialEquity(brand: JsonObject, report: Report): number | typeof EQUITY_FROM_HISTORY {
  const path = 'brand.initialEquity';
  if (brand.initialEquity === EQUITY_FROM_HISTORY) return EQUITY_FROM_HISTORY;
  if (typeof brand.initialEquity === 'string') {
    report(path, `${path} must be a number or "${EQUITY_FROM_HISTORY}" (the equity the history's spend sustains), got ${kindOf(brand.initialEquity)}`);
    return Number.NaN;
  }
  const field = NUMBER_FIELDS.find((candidate) => candidate.path === path)!;
  return readNumber(brand, 'initialEquity', path, field.rule, report) ?? Number.NaN;
}

/** The optional `upstream.shortTerm`: an object of exactly its four numbers, each with its rule. */
function readShortTerm(value: unknown, report: Report): ShortTerm {
  const section = readObject(value, 'upstream.shortTerm', SHORT_TERM_KEYS, report);
  const numberOf = (key: string): number => {
    const field = SHORT_TERM_FIELDS.find((candidate) => candidate.path === `upstream.shortTerm.${key}`)!;
    return section === undefined ? Number.NaN : readNumber(section, key, field.path, field.rule, report) ?? Number.NaN;
  };
  return {
    halfLifeMonths: numberOf('halfLifeMonths'),
    halfSaturation: numberOf('halfSaturation'),
    shape: numberOf('shape'),
    maxConversionLift: numberOf('maxConversionLift'),
  };
}

/** The optional `economics.carryoverBaseline`: "zero" or "history". */
function readCarryoverBaseline(value: unknown, report: Report): CarryoverBaseline {
  const path = 'economics.carryoverBaseline';
  if (typeof value === 'string' && (CARRYOVER_BASELINES as readonly string[]).includes(value)) return value as CarryoverBaseline;
  report(path, `${path} must be "zero" (no spend after the horizon) or "history" (the history's spend), got ${kindOf(value)}`);
  return 'zero';
}

/**
 * Ranges that the model's own settings rule out: a short-term setting needs `upstream.shortTerm`,
 * and a starting equity of "history" is computed from other settings (give those ranges). Such
 * entries are reported and taken out, so that nothing downstream sees them.
 */
function uncertaintyNeedsItsField(model: Model, uncertainty: Uncertainty, report: Report): void {
  if (isChannelModel(model)) {
    for (const [name, channel] of Object.entries(model.upstream.channels)) {
      if (channel.shortTerm !== undefined) continue;
      for (const field of channelFields('upstream').filter((candidate) => candidate.key.startsWith('shortTerm.'))) {
        const fieldPath = channelFieldPath('upstream', name, field.key);
        if (!Object.hasOwn(uncertainty, fieldPath)) continue;
        report(`uncertainty.${fieldPath}`, `uncertainty.${fieldPath}: the channel ${name} has no shortTerm, so ${fieldPath} cannot have a range`);
        delete uncertainty[fieldPath];
      }
    }
  }
  for (const field of SHORT_TERM_FIELDS) {
    if (!Object.hasOwn(uncertainty, field.path) || (model as TwoLeverModel).upstream.shortTerm !== undefined) continue;
    report(`uncertainty.${field.path}`, `uncertainty.${field.path}: the model has no upstream.shortTerm, so ${field.path} cannot have a range`);
    delete uncertainty[field.path];
  }
  const equity = 'brand.initialEquity';
  if (Object.hasOwn(uncertainty, equity) && model.brand.initialEquity === EQUITY_FROM_HISTORY) {
    report(`uncertainty.${equity}`, `uncertainty.${equity}: ${equity} is "history" (the equity the history's spend sustains), so it cannot have a range; give ranges to the history's spend or the curves instead, or a number as ${equity}`);
    delete uncertainty[equity];
  }
}

/** Paths of NUMBER_FIELDS that the channel form keeps: the two-lever sides and history are its channels' instead. */
const CHANNEL_FORM_COMMON_FIELDS: readonly NumberField[] = NUMBER_FIELDS.filter((field) => /^(budget|market|brand|economics)\./.test(field.path)
  || field.path === 'upstream.insightFeedback');

/**
 * The fields a model's `uncertainty` may name: the field table's for a two-lever model; for one in
 * the channel form the shared settings and every setting of each of its channels, by path
 * (`upstream.channels.TV.halfSaturation`), the short-term ones included (refused later, with the
 * reason, for a channel without a short-term effect).
 */
function uncertainFieldsOf(model: Model): readonly NumberField[] {
  if (!isChannelModel(model)) return ALL_NUMBER_FIELDS;
  const fields: NumberField[] = [...CHANNEL_FORM_COMMON_FIELDS];
  for (const side of ['upstream', 'downstream'] as const) {
    for (const name of Object.keys(model[side].channels)) {
      for (const { side: _side, key, optional: _optional, ...field } of channelFields(side)) fields.push({ ...field, path: channelFieldPath(side, name, key) });
    }
  }
  return fields;
}

function readPlan(value: unknown, periods: number | undefined, report: Report): Plan | undefined {
  const plan = readObject(value, 'plan', SECTION_KEYS.plan, report);
  if (plan === undefined) return undefined;
  const side = (key: 'upstream' | 'downstream'): number[] => {
    const path = `plan.${key}`;
    if (!hasOwn(plan, key)) {
      report(path, `${path} is required`);
      return [];
    }
    const list = plan[key];
    if (!Array.isArray(list)) {
      report(path, `${path} must be a list of spend per period, got ${kindOf(list)}`);
      return [];
    }
    if (periods !== undefined && list.length !== periods) {
      report(path, `${path} must have one value per period (${periods}), got ${list.length}`);
    }
    return Array.from(list, (item, index) => checkNumber(item, `${path}[${index}]`, PLAN_SPEND_RULE, report) ?? Number.NaN);
  };
  return { upstream: side('upstream'), downstream: side('downstream') };
}

/**
 * `uncertainty`: an object from field paths to `{ "dist": name, ...parameters }`. Paths are
 * checked against the field table (with "did you mean"), fields that cannot be uncertain are
 * refused with the reason, and each entry must name a known distribution and give exactly its
 * parameters as finite numbers. The result holds only known paths and parameter names.
 */
function readUncertainty(value: unknown, fields: readonly NumberField[], report: Report): Uncertainty | undefined {
  const known = fields.map((field) => field.path);
  if (fields !== ALL_NUMBER_FIELDS && isPlainObject(value)) {
    // A two-lever path in a channel-form file: say where the setting lives now, rather than list every path.
    const paths = new Set(known);
    for (const field of ALL_NUMBER_FIELDS) {
      if (!hasOwn(value, field.path) || paths.has(field.path)) continue;
      const key = field.path.slice(field.path.lastIndexOf('.') + 1);
      const side = field.path.startsWith('history.') ? (field.path.includes('upstream') ? 'upstream' : 'downstream') : field.path.split('.')[0];
      const example = field.path.startsWith('history.') ? 'historyPerMonth' : field.path.startsWith('upstream.shortTerm.') ? `shortTerm.${key}` : key;
      report(`uncertainty.${field.path}`, `uncertainty.${field.path}: the model is in the channel form, so give each channel's range by its path, such as ${side}.channels.<name>.${example}`);
      known.push(field.path);
    }
  }
  const section = readObject(value, 'uncertainty', known, report);
  if (section === undefined) return undefined;
  const uncertainty: Uncertainty = {};
  for (const field of fields) {
    if (!hasOwn(section, field.path)) continue;
    const path = `uncertainty.${field.path}`;
    if (field.fixedReason !== undefined) {
      report(path, `${path}: ${field.path} cannot be uncertain: ${field.fixedReason}`);
      continue;
    }
    const entry = section[field.path];
    if (!isPlainObject(entry)) {
      report(path, `${path} must be an object such as { "dist": "lognormal", "median": 24, "sigma": 0.4 }, got ${kindOf(entry)}`);
      continue;
    }
    const name = entry.dist;
    if (typeof name !== 'string' || !Object.hasOwn(DISTRIBUTIONS, name)) {
      const shown = hasOwn(entry, 'dist') ? showValue(name) : 'nothing';
      const suggestion = typeof name === 'string' ? closest(name, DISTRIBUTION_NAMES as string[]) : undefined;
      const hint = suggestion !== undefined && distance(name as string, suggestion) <= 2 ? ` (did you mean ${suggestion}?)` : '';
      report(`${path}.dist`, `${path}.dist must be one of ${DISTRIBUTION_NAMES.join(', ')}, got ${shown}${hint}`);
      continue;
    }
    const distribution = DISTRIBUTIONS[name as keyof typeof DISTRIBUTIONS];
    readObject(entry, path, ['dist', ...distribution.parameters], report);
    const parameters: Record<string, number> = {};
    let complete = true;
    for (const parameter of distribution.parameters) {
      const number = readNumber(entry, parameter, `${path}.${parameter}`, {}, report);
      if (number === undefined) complete = false;
      else parameters[parameter] = number;
    }
    if (complete) uncertainty[field.path] = { dist: distribution.name, ...parameters } as UncertainValue;
  }
  return uncertainty;
}
