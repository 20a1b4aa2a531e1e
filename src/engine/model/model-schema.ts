import { PERIODS_PER_YEAR_CHOICES, type Side } from './model.ts';
import { FORBIDDEN_CHANNEL_NAMES, MAX_CHANNELS_PER_SIDE, MAX_CHANNEL_NAME_LENGTH, channelFields } from './channel-fields.ts';
import {
  ALL_NUMBER_FIELDS, CARRYOVER_BASELINE_FIELD, EQUITY_FROM_HISTORY, FISCAL_YEAR_START_MONTH_RULE, HORIZON_YEARS_RULE, START_YEAR_RULE, MAX_DESCRIPTION_LENGTH,
  MAX_NAME_LENGTH, NUMBER_FIELDS, type NumberField, type NumberRule, OPTIONAL_SECTION_KEYS, PLAN_SPEND_RULE, SEASONAL_INDEX_RULE, SECTION_KEYS, SHORT_TERM_FIELDS, SHORT_TERM_KEYS,
} from './model-fields.ts';
import { CARRYOVER_BASELINES } from './model.ts';
import { lessonSchema } from './lesson-schema.ts';
import { posteriorSchema } from './posterior-schema.ts';
import { DISTRIBUTIONS } from './distributions/index.ts';
import { suitsBeta } from './distributions/beta.ts';
import { MAX_BETA_PARAMETER, MAX_LOGNORMAL_SIGMA, MAX_PARAMETER_MAGNITUDE } from './distributions/parameter-limits.ts';

type Schema = Record<string, unknown>;

/**
 * The JSON Schema (draft 2020-12) of a model file, generated from the same field tables that
 * `parseModel` validates with. `models/model.schema.json` is this, written out, so editors can
 * check model files as they are typed; a test keeps the file equal to this function's output.
 *
 * A file is in one of two forms (spec §2 and §9.1), so the schema is `oneOf` the two-lever form
 * and the channel form; the parts both share are `$defs`.
 *
 * What a schema cannot say is left to `parseModel`: array lengths that depend on the horizon or
 * periodsPerYear (seasonality: P or 12 values), initialEquity ≤ maxEquity and lagMonths ≤ lagWindowMonths, and in
 * `uncertainty` min ≤ mode ≤ max, a distribution's overlap with its field's valid range, ranges on
 * `upstream.shortTerm.*` only when the model has `upstream.shortTerm`, and none on a starting equity of "history";
 * in `posterior` the sizes of `mean` and `cholesky` and its positive diagonal, and its paths' ranges in `uncertainty`.
 * In the channel form also: names unique across both sides, shares and maxEquityShare summing to 1,
 * `plan` holding exactly the channels, a side without channels taking no budget, and bounds' min ≤ max.
 */
export function modelJsonSchema(): Schema {
  const sections: Record<string, Schema> = {};
  for (const [section, keys] of Object.entries(SECTION_KEYS)) {
    if (section === 'plan') continue;
    const properties: Record<string, Schema> = {};
    for (const key of keys) {
      const field = NUMBER_FIELDS.find((candidate) => candidate.path === `${section}.${key}`);
      properties[key] = field === undefined || field.path === 'brand.initialEquity' ? specialField(`${section}.${key}`) : numberFieldSchema(field);
    }
    const required = keys.filter((key) => !OPTIONAL_SECTION_KEYS.includes(`${section}.${key}`));
    sections[section] = { type: 'object', additionalProperties: false, required, properties };
  }
  const spendList = (side: string): Schema => ({
    description: `${side} spend per period, one value for each of the horizon's periods (periodsPerYear × horizonYears).`,
    type: 'array',
    items: numberSchema(PLAN_SPEND_RULE),
  });
  const shared = (name: string): Schema => ({ $ref: `#/$defs/${name}` });
  const commonProperties: Record<string, Schema> = {
    $schema: { type: 'string' },
    name: { description: 'Name of the scenario.', type: 'string', minLength: 1, maxLength: MAX_NAME_LENGTH, pattern: '\\S' },
    description: { description: 'Text shown to the user: the situation, what to try, what to notice.', type: 'string', maxLength: MAX_DESCRIPTION_LENGTH },
    lesson: shared('lesson'),
    periodsPerYear: { description: 'Periods per year: 12 (monthly), 4 (quarterly) or 52 (weekly).', enum: [...PERIODS_PER_YEAR_CHOICES] },
    horizonYears: { description: 'Years simulated, 1 to 5.', ...numberSchema(HORIZON_YEARS_RULE) },
    startYear: { description: 'Optional: the calendar year the plan starts in, used only to label periods (2027-01, 2027-Q1, 2027-W01) in exports.', ...numberSchema(START_YEAR_RULE) },
    currency: { description: 'Optional: ISO 4217 code of the money in this model ("EUR", "USD"); displays show its symbol. Nothing is converted.', type: 'string', pattern: '^[A-Z]{3}$' },
    fiscalYearStartMonth: { description: 'Optional: calendar month (1–12) in which the plan and each of its years begin; labels only. Default 1.', ...numberSchema(FISCAL_YEAR_START_MONTH_RULE) },
    budget: shared('budget'),
  };
  const twoLever: Schema = {
    title: 'Two-lever form',
    description: 'One upstream and one downstream lever (spec sections 2–8).',
    type: 'object',
    additionalProperties: false,
    required: ['name', 'periodsPerYear', 'horizonYears', 'history', 'market', 'brand', 'upstream', 'downstream', 'economics'],
    properties: {
      ...commonProperties,
      plan: {
        description: 'Spend per period given explicitly; replaces budget for the spend.',
        type: 'object',
        additionalProperties: false,
        required: ['upstream', 'downstream'],
        properties: { upstream: spendList('Upstream'), downstream: spendList('Downstream') },
      },
      history: sections.history,
      market: shared('market'),
      brand: shared('brand'),
      upstream: sections.upstream,
      downstream: sections.downstream,
      economics: shared('economics'),
      uncertainty: uncertaintySchema(ALL_NUMBER_FIELDS),
      posterior: shared('posterior'),
    },
  };
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'budget-sim model',
    description: 'One scenario for the budget-sim upstream/downstream model, in the two-lever form or the channel form. Settings are per month whatever periodsPerYear is.',
    type: 'object',
    anyOf: [{ required: ['budget'] }, { required: ['plan'] }],
    oneOf: [twoLever, channelFormSchema(commonProperties)],
    $defs: {
      lesson: lessonSchema(),
      posterior: posteriorSchema(),
      budget: sections.budget,
      market: sections.market,
      brand: sections.brand,
      economics: sections.economics,
      ...Object.fromEntries(RANGE_DEFINITIONS.map(([name, withBeta]) => [name, rangeSchema(withBeta)])),
    },
  };
}

/** The channel form (spec §9.1): each side's channels by name, a plan keyed by channel name, no history. */
function channelFormSchema(commonProperties: Record<string, Schema>): Schema {
  const channelName: Schema = {
    type: 'string',
    minLength: 1,
    maxLength: MAX_CHANNEL_NAME_LENGTH,
    // Starts with a letter of any alphabet and holds no ".".
    pattern: '^\\p{L}[^.]*$',
    not: { enum: [...FORBIDDEN_CHANNEL_NAMES] },
  };
  const channels = (side: Side): Schema => ({
    description: `The ${side} channels, channel name → settings, in the order they are shown (0 to ${MAX_CHANNELS_PER_SIDE}). Names are 1–${MAX_CHANNEL_NAME_LENGTH} characters, start with a letter, hold no "." and are unique across both sides; the channels' shares sum to 1 in every year.`,
    type: 'object',
    maxProperties: MAX_CHANNELS_PER_SIDE,
    propertyNames: channelName,
    additionalProperties: channelSchema(side),
  });
  // Partial schemas of the same objects, so each level restates its type (Ajv's strict mode asks for it).
  const sideHasChannels = (side: Side): Schema => ({
    type: 'object', properties: { [side]: { type: 'object', properties: { channels: { type: 'object', minProperties: 1 } } } },
  });
  const shareRequired = (side: Side): Schema => ({
    type: 'object',
    properties: { [side]: { type: 'object', properties: { channels: { type: 'object', additionalProperties: { type: 'object', required: ['share'] } } } } },
  });
  return {
    title: 'Channel form',
    description: 'Each side holds named channels, each with its own settings and history (spec section 9.1).',
    type: 'object',
    additionalProperties: false,
    required: ['name', 'periodsPerYear', 'horizonYears', 'market', 'brand', 'upstream', 'downstream', 'economics'],
    properties: {
      ...commonProperties,
      plan: {
        description: 'Spend per period given explicitly, channel name → one value for each of the horizon\'s periods (periodsPerYear × horizonYears); every channel appears. Replaces budget for the spend.',
        type: 'object',
        propertyNames: channelName,
        additionalProperties: { type: 'array', items: numberSchema(PLAN_SPEND_RULE) },
      },
      market: { $ref: '#/$defs/market' },
      brand: { $ref: '#/$defs/brand' },
      upstream: {
        type: 'object',
        additionalProperties: false,
        required: ['insightFeedback', 'channels'],
        properties: {
          insightFeedback: numberFieldSchema(NUMBER_FIELDS.find((field) => field.path === 'upstream.insightFeedback')!),
          channels: channels('upstream'),
        },
      },
      downstream: {
        type: 'object',
        additionalProperties: false,
        required: ['channels'],
        properties: { channels: channels('downstream') },
      },
      economics: { $ref: '#/$defs/economics' },
      uncertainty: channelUncertaintySchema(),
      posterior: { $ref: '#/$defs/posterior' },
    },
    // At least one channel in all; each channel's share is required unless a plan is given.
    allOf: [
      { anyOf: [sideHasChannels('upstream'), sideHasChannels('downstream')] },
      { if: { not: { required: ['plan'] } }, then: { allOf: [shareRequired('upstream'), shareRequired('downstream')] } },
    ],
  };
}

/** One channel's settings: the field table's rules, with `shortTerm` (upstream only) and `bounds` as objects. */
function channelSchema(side: Side): Schema {
  const fields = channelFields(side);
  const properties: Record<string, Schema> = {};
  const nested: Record<string, Record<string, Schema>> = {};
  for (const field of fields) {
    const [outer, inner] = field.key.split('.');
    const schema = numberFieldSchema({ ...field, path: field.key });
    if (inner === undefined) properties[outer] = schema;
    else (nested[outer] ??= {})[inner] = schema;
  }
  if (nested.shortTerm !== undefined) {
    properties.shortTerm = {
      description: 'Optional: the channel\'s own short-term sales effect (its own adstock and Hill curve, adding to conversion), with the rules of the downstream fields.',
      type: 'object', additionalProperties: false, required: [...SHORT_TERM_KEYS], properties: nested.shortTerm,
    };
  }
  properties.bounds = {
    description: 'Optional: limits on the channel\'s spend per year for the optimiser (minPerYear ≤ maxPerYear); simulate ignores them.',
    type: 'object', additionalProperties: false, properties: nested.bounds,
  };
  return {
    type: 'object',
    additionalProperties: false,
    required: fields.filter((field) => !field.optional).map((field) => field.key),
    properties,
  };
}

/** `uncertainty` in the channel form: the shared settings by path, and channel settings by `<side>.channels.<name>.<key>`. */
function channelUncertaintySchema(): Schema {
  const schema = uncertaintySchema(ALL_NUMBER_FIELDS.filter((field) => /^(budget|market|brand|economics)\./.test(field.path) || field.path === 'upstream.insightFeedback'));
  const patternProperties: Record<string, Schema> = {};
  for (const side of ['upstream', 'downstream'] as const) {
    for (const field of channelFields(side)) {
      if (field.fixedReason !== undefined) continue;
      patternProperties[`^${side}\\.channels\\.[^.]+\\.${field.key.replace('.', '\\.')}$`] = rangeFor({ ...field, path: `${side}.channels.<name>.${field.key}` });
    }
  }
  return { ...schema, patternProperties };
}

/** Lower bounds of distribution parameters that a schema can state. */
const PARAMETER_RULES: Readonly<Record<string, NumberRule>> = {
  mean: { min: -MAX_PARAMETER_MAGNITUDE, max: MAX_PARAMETER_MAGNITUDE },
  min: { min: -MAX_PARAMETER_MAGNITUDE, max: MAX_PARAMETER_MAGNITUDE },
  mode: { min: -MAX_PARAMETER_MAGNITUDE, max: MAX_PARAMETER_MAGNITUDE },
  max: { min: -MAX_PARAMETER_MAGNITUDE, max: MAX_PARAMETER_MAGNITUDE },
  sd: { min: 0, max: MAX_PARAMETER_MAGNITUDE },
  sigma: { min: 0, max: MAX_LOGNORMAL_SIGMA },
  median: { min: 0, minExclusive: true, max: MAX_PARAMETER_MAGNITUDE },
  alpha: { min: 0, minExclusive: true, max: MAX_BETA_PARAMETER },
  beta: { min: 0, minExclusive: true, max: MAX_BETA_PARAMETER },
};

/** The two shapes of a range: every distribution, or every one but beta (which needs a field within 0 … 1). */
const RANGE_DEFINITIONS: readonly (readonly [string, boolean])[] = [['range', false], ['rangeOnUnitScale', true]];

function rangeSchema(withBeta: boolean): Schema {
  return {
    oneOf: Object.values(DISTRIBUTIONS)
      .filter((distribution) => distribution.name !== 'beta' || withBeta)
      .map((distribution) => ({
        description: distribution.description,
        type: 'object',
        additionalProperties: false,
        required: ['dist', ...distribution.parameters],
        properties: {
          dist: { const: distribution.name },
          ...Object.fromEntries(distribution.parameters.map((name) => [name, numberSchema(PARAMETER_RULES[name] ?? {})])),
        },
      })),
  };
}

/** A field's range: a reference to the distributions that suit its valid values. */
function rangeFor(field: NumberField): Schema {
  const bounded = suitsBeta({ min: field.rule.min ?? -Infinity, max: field.rule.max ?? Infinity });
  return { description: `Range for ${field.label} (${field.unit}).`, $ref: `#/$defs/${bounded ? 'rangeOnUnitScale' : 'range'}` };
}

function uncertaintySchema(fields: readonly NumberField[]): Schema {
  const properties: Record<string, Schema> = {};
  for (const field of fields) {
    if (field.fixedReason !== undefined) continue;
    properties[field.path] = rangeFor(field);
  }
  return {
    description: 'Optional ranges for the assumptions, for Monte Carlo and sensitivity: field path → distribution. A zero spread (sd 0, sigma 0, min = max) is a fixed value.',
    type: 'object',
    additionalProperties: false,
    properties,
  };
}

function numberSchema(rule: NumberRule): Schema {
  const schema: Schema = { type: rule.integer ? 'integer' : 'number' };
  if (rule.min !== undefined) schema[rule.minExclusive ? 'exclusiveMinimum' : 'minimum'] = rule.min;
  if (rule.max !== undefined) schema[rule.maxExclusive ? 'exclusiveMaximum' : 'maximum'] = rule.max;
  // 0, or at least the smallest positive value (a spend of a fraction of a cent is refused).
  if (rule.minPositive !== undefined) return { anyOf: [{ const: 0 }, { ...schema, minimum: rule.minPositive }] };
  return schema;
}

function numberFieldSchema(field: NumberField): Schema {
  const description = `${field.label} (${field.unit}). ${field.help}`;
  if (!field.yearly) return { description, ...numberSchema(field.rule) };
  return {
    description: `${description} One number for every year, or a list with one per year.`,
    anyOf: [numberSchema(field.rule), { type: 'array', minItems: 1, maxItems: 5, items: numberSchema(field.rule) }],
  };
}

function specialField(path: string): Schema {
  if (path === 'market.seasonality') {
    return {
      description: 'Demand index by period of the year (1 = average): one per period (periodsPerYear values), or for quarterly and weekly models 12, one per month; or null for none.',
      anyOf: [{ type: 'null' }, { type: 'array', minItems: 4, maxItems: 52, items: numberSchema(SEASONAL_INDEX_RULE) }],
    };
  }
  if (path === 'brand.initialEquity') {
    const field = NUMBER_FIELDS.find((candidate) => candidate.path === path)!;
    return {
      description: `${field.label} (${field.unit}). ${field.help} Or "${EQUITY_FROM_HISTORY}": the equity that the history's constant spend sustains.`,
      anyOf: [numberSchema(field.rule), { const: EQUITY_FROM_HISTORY }],
    };
  }
  if (path === 'upstream.shortTerm') {
    const properties: Record<string, Schema> = {};
    for (const key of SHORT_TERM_KEYS) properties[key] = numberFieldSchema(SHORT_TERM_FIELDS.find((field) => field.path === `${path}.${key}`)!);
    return {
      description: 'Optional: the short-term sales effect of upstream spend (its own adstock and Hill curve, adding to conversion), with the rules of the downstream fields.',
      type: 'object',
      additionalProperties: false,
      required: [...SHORT_TERM_KEYS],
      properties,
    };
  }
  if (path === 'economics.carryoverBaseline') {
    return { description: `Optional. ${CARRYOVER_BASELINE_FIELD.help}`, enum: [...CARRYOVER_BASELINES] };
  }
  throw new Error(`no schema for ${path}`);
}
