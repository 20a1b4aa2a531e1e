import type {
  Budget, ChannelBounds, ChannelPlan, DownstreamChannel, DownstreamChannels, ShortTerm, Side, UpstreamChannel, UpstreamChannels,
} from './model.ts';
import {
  BOUNDS_KEYS, CHANNEL_SIDE_KEYS, DOWNSTREAM_CHANNEL_KEYS, MAX_CHANNELS_PER_SIDE,
  SHARE_SUM_TOLERANCE, UPSTREAM_CHANNEL_KEYS, channelFields, channelNameProblem,
} from './channel-fields.ts';
import { MIN_POSITIVE_SPEND, NUMBER_FIELDS, PLAN_SPEND_RULE, SHORT_TERM_KEYS } from './model-fields.ts';
import {
  type JsonObject, type Report, checkNumber, hasOwn, isPlainObject, kindOf, readNumber, readObject, readYearlyNumber,
} from './json-reading.ts';

/**
 * Reading the channel form of a model file (spec §9.1): each side's `channels`, channel name →
 * settings, and a `plan` keyed by channel name. `parseModel` calls this for a file whose
 * `upstream` or `downstream` holds `channels`, and reads the parts both forms share itself.
 */

/** What the channel form adds to the parts both forms share. */
export interface ChannelFormParts {
  upstream: UpstreamChannels;
  downstream: DownstreamChannels;
  plan?: ChannelPlan;
}

/** What reading the channel form needs from the rest of the file. */
export interface ChannelFormContext {
  /** The horizon in years, or undefined when invalid (lengths are then not checked). */
  years: number | undefined;
  periodsPerYear: number | undefined;
  /** The valid budget, when the file gives one (its upstreamShare must suit a side without channels). */
  budget: Budget | undefined;
}

/**
 * A channel name as paths and messages show it: whole up to 100 characters (a name just over the
 * limit of 60 is shown as it is, so it can be found), cut with "…" beyond, so that one key cannot
 * fill a screen.
 */
function shownName(name: string): string {
  return name.length > 100 ? `${name.slice(0, 99)}…` : name;
}

/** Beyond this many channels on a side (already far too many), the rest are not read. */
export const MAX_CHANNELS_CHECKED = 100;

/** True when a side of a file is in the channel form: an object holding `channels`. */
export function isChannelSide(value: unknown): boolean {
  return isPlainObject(value) && hasOwn(value, 'channels');
}

/**
 * Reads `upstream`, `downstream` and `plan` of a file in the channel form, reporting every
 * problem by its path. The channel objects of the result hold only validated names (never
 * `__proto__`, `constructor` or `prototype`) in the file's order, and only known settings.
 * @param root the file's top-level object, already checked for unknown keys
 */
export function readChannelForm(root: JsonObject, context: ChannelFormContext, report: Report): ChannelFormParts {
  if (hasOwn(root, 'history')) {
    report('history', 'history must be left out in the channel form: each channel gives its own historyPerMonth');
  }
  const planGiven = hasOwn(root, 'plan');
  const upstream = readSide(root, 'upstream', context.years, planGiven, report);
  const downstream = readSide(root, 'downstream', context.years, planGiven, report);

  if (upstream.read && downstream.read) {
    const upstreamNames = new Set(upstream.names);
    for (const name of downstream.names) {
      if (!upstreamNames.has(name)) continue;
      report(`downstream.channels.${shownName(name)}`,
        `downstream.channels: the channel name ${JSON.stringify(shownName(name))} is also an upstream channel's; channel names must be unique across both sides`);
    }
    if (upstream.names.length === 0 && downstream.names.length === 0) {
      report('upstream.channels', 'upstream.channels and downstream.channels are both empty; a model needs at least one channel');
    } else if (context.budget !== undefined) emptySideTakesNoBudget(context.budget, upstream.names.length, downstream.names.length, report);
  }

  const validNames = [...upstream.validNames, ...downstream.validNames];
  const plan = planGiven
    ? readChannelPlan(root.plan, [...upstream.names, ...downstream.names], validNames, context, report)
    : undefined;
  return {
    upstream: { insightFeedback: upstream.insightFeedback, channels: upstream.channels as Record<string, UpstreamChannel> },
    downstream: { channels: downstream.channels as Record<string, DownstreamChannel> },
    ...(plan !== undefined ? { plan } : {}),
  };
}

/** One side as read: its channels with valid names, every name found, and whether it was read at all. */
interface SideRead {
  /** False when the side is missing, not an object, or in the two-lever form (cross-side rules are then skipped). */
  read: boolean;
  insightFeedback: number;
  channels: Record<string, UpstreamChannel | DownstreamChannel>;
  /** Every key of `channels` (the first MAX_CHANNELS_CHECKED), valid or not, in file order. */
  names: string[];
  /** The names that keep the rules, in file order: the keys of `channels`. */
  validNames: string[];
}

function readSide(root: JsonObject, side: Side, years: number | undefined, planGiven: boolean, report: Report): SideRead {
  const result: SideRead = { read: false, insightFeedback: Number.NaN, channels: {}, names: [], validNames: [] };
  if (!hasOwn(root, side)) {
    report(side, `${side} is required`);
    return result;
  }
  const value = root[side];
  if (isPlainObject(value) && !hasOwn(value, 'channels')) {
    const other = side === 'upstream' ? 'downstream' : 'upstream';
    const twoLeverKeys = Object.keys(value).filter((key) => !CHANNEL_SIDE_KEYS[side].includes(key));
    report(twoLeverKeys.length > 0 ? side : `${side}.channels`, twoLeverKeys.length > 0
      ? `${side} must be in the channel form too (a "channels" object, as ${other} has): a file is either all two-lever or all channel form`
      : `${side}.channels is required (an empty object {} for a side with no channels)`);
    return result;
  }
  const section = readObject(value, side, CHANNEL_SIDE_KEYS[side], report);
  if (section === undefined) return result;
  if (side === 'upstream') {
    const field = NUMBER_FIELDS.find((candidate) => candidate.path === 'upstream.insightFeedback')!;
    result.insightFeedback = readNumber(section, 'insightFeedback', field.path, field.rule, report) ?? Number.NaN;
  }
  const channels = section.channels;
  if (!isPlainObject(channels)) {
    report(`${side}.channels`, `${side}.channels must be an object of channel name → settings, got ${kindOf(channels)}`);
    return result;
  }
  result.read = true;
  const names = Object.keys(channels);
  // A file with thousands of channels is refused for its count; reading every one of them would
  // take seconds (each with its own problems) for messages that the list of 50 would not show.
  result.names = names.length > MAX_CHANNELS_CHECKED ? names.slice(0, MAX_CHANNELS_CHECKED) : names;
  if (names.length > MAX_CHANNELS_PER_SIDE) {
    const unchecked = names.length > MAX_CHANNELS_CHECKED ? ` (only the first ${MAX_CHANNELS_CHECKED} are checked)` : '';
    report(`${side}.channels`, `${side}.channels must have at most ${MAX_CHANNELS_PER_SIDE} channels, got ${names.length}${unchecked}`);
  }
  for (const name of result.names) {
    const nameIsValid = checkChannelName(name, side, report);
    const path = `${side}.channels.${shownName(name)}`;
    // Read through the own property: JSON.parse makes "__proto__" an own key, which `channels[name]` also finds.
    const settings = Object.getOwnPropertyDescriptor(channels, name)?.value;
    const channel = side === 'upstream'
      ? readUpstreamChannel(settings, path, years, planGiven, report)
      : readDownstreamChannel(settings, path, years, planGiven, report);
    if (!nameIsValid) continue;
    // An own data property whatever the name (never the __proto__ setter), in file order: a
    // valid name starts with a letter, so it is never an array index that objects put first.
    Object.defineProperty(result.channels, name, { value: channel, enumerable: true, writable: true, configurable: true });
    result.validNames.push(name);
  }
  sharesSumToOne(result, side, report);
  if (side === 'upstream') maxEquitySharesSumToOne(result, report);
  return result;
}

/** Checks a channel's name against spec §9.1; reports the first rule it breaks. */
function checkChannelName(name: string, side: Side, report: Report): boolean {
  const problem = channelNameProblem(name, side);
  if (problem === undefined) return true;
  report(`${side}.channels.${shownName(name)}`, name === ''
    ? `${side}.channels has a channel with an empty name; a channel name ${problem}`
    : `${side}.channels: the channel name ${JSON.stringify(shownName(name))} ${problem}`);
  return false;
}

/** The number fields of a channel that sit directly in its object (not share, shortTerm or bounds). */
function plainNumberKeys(side: Side): string[] {
  return channelFields(side).filter((field) => !field.key.includes('.') && field.key !== 'share').map((field) => field.key);
}

function ruleOf(side: Side, key: string) {
  return channelFields(side).find((field) => field.key === key)!.rule;
}

/** share, historyPerMonth and bounds: what every channel has. */
function readCommon(section: JsonObject, side: Side, path: string, years: number | undefined, planGiven: boolean, report: Report) {
  let share: number | number[] | undefined;
  if (hasOwn(section, 'share')) share = readYearlyNumber(section, 'share', `${path}.share`, ruleOf(side, 'share'), years, report);
  else if (!planGiven) report(`${path}.share`, `${path}.share is required (or give a plan with spend per period)`);
  const bounds = hasOwn(section, 'bounds') ? readBounds(section.bounds, side, `${path}.bounds`, report) : undefined;
  return { share, bounds };
}

function readUpstreamChannel(value: unknown, path: string, years: number | undefined, planGiven: boolean, report: Report): UpstreamChannel {
  const section = readObject(value, path, UPSTREAM_CHANNEL_KEYS, report) ?? {};
  const { share, bounds } = isPlainObject(value) ? readCommon(section, 'upstream', path, years, planGiven, report) : { share: undefined, bounds: undefined };
  const numbers: Record<string, number> = {};
  for (const key of plainNumberKeys('upstream')) {
    numbers[key] = isPlainObject(value) ? readNumber(section, key, `${path}.${key}`, ruleOf('upstream', key), report) ?? Number.NaN : Number.NaN;
  }
  if (Number.isFinite(numbers.lagMonths) && Number.isFinite(numbers.lagWindowMonths) && numbers.lagMonths > numbers.lagWindowMonths) {
    report(`${path}.lagMonths`, `${path}.lagMonths must be ≤ ${path}.lagWindowMonths (${numbers.lagWindowMonths}), got ${numbers.lagMonths}`);
  }
  const shortTerm = isPlainObject(value) && hasOwn(section, 'shortTerm') ? readChannelShortTerm(section.shortTerm, `${path}.shortTerm`, report) : undefined;
  return {
    ...(share !== undefined ? { share } : {}),
    historyPerMonth: numbers.historyPerMonth,
    lagMonths: numbers.lagMonths,
    lagConcentration: numbers.lagConcentration,
    lagWindowMonths: numbers.lagWindowMonths,
    halfSaturation: numbers.halfSaturation,
    shape: numbers.shape,
    maxEquityShare: numbers.maxEquityShare,
    ...(shortTerm !== undefined ? { shortTerm } : {}),
    ...(bounds !== undefined ? { bounds } : {}),
  };
}

function readDownstreamChannel(value: unknown, path: string, years: number | undefined, planGiven: boolean, report: Report): DownstreamChannel {
  // A short-term effect is an upstream channel's; a downstream channel's whole effect is short-term.
  // It gets a message of its own, and is left out of the list of the fields a downstream channel knows.
  let given = value;
  if (isPlainObject(value) && hasOwn(value, 'shortTerm')) {
    report(`${path}.shortTerm`, `${path}.shortTerm is not a known field: only upstream channels have a short-term effect of their own (a downstream channel's effect is short-term already)`);
    given = Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'shortTerm'));
  }
  const section = readObject(given, path, DOWNSTREAM_CHANNEL_KEYS, report) ?? {};
  const { share, bounds } = isPlainObject(value) ? readCommon(section, 'downstream', path, years, planGiven, report) : { share: undefined, bounds: undefined };
  const numberOf = (key: string) => (isPlainObject(value) ? readNumber(section, key, `${path}.${key}`, ruleOf('downstream', key), report) ?? Number.NaN : Number.NaN);
  return {
    ...(share !== undefined ? { share } : {}),
    historyPerMonth: numberOf('historyPerMonth'),
    halfLifeMonths: numberOf('halfLifeMonths'),
    halfSaturation: numberOf('halfSaturation'),
    shape: numberOf('shape'),
    maxConversionLift: numberOf('maxConversionLift'),
    ...(bounds !== undefined ? { bounds } : {}),
  };
}

/** An upstream channel's optional `shortTerm`: exactly its four numbers, with the downstream fields' rules. */
function readChannelShortTerm(value: unknown, path: string, report: Report): ShortTerm {
  const section = readObject(value, path, SHORT_TERM_KEYS, report);
  const numberOf = (key: string): number => (section === undefined
    ? Number.NaN
    : readNumber(section, key, `${path}.${key}`, ruleOf('upstream', `shortTerm.${key}`), report) ?? Number.NaN);
  return {
    halfLifeMonths: numberOf('halfLifeMonths'),
    halfSaturation: numberOf('halfSaturation'),
    shape: numberOf('shape'),
    maxConversionLift: numberOf('maxConversionLift'),
  };
}

/** A channel's optional `bounds`: `minPerYear` and `maxPerYear`, each optional, ≥ 0, and min ≤ max. */
function readBounds(value: unknown, side: Side, path: string, report: Report): ChannelBounds | undefined {
  const section = readObject(value, path, BOUNDS_KEYS, report);
  if (section === undefined) return undefined;
  const bounds: ChannelBounds = {};
  for (const key of BOUNDS_KEYS as ('minPerYear' | 'maxPerYear')[]) {
    if (!hasOwn(section, key)) continue;
    bounds[key] = checkNumber(section[key], `${path}.${key}`, ruleOf(side, `bounds.${key}`), report) ?? Number.NaN;
  }
  const { minPerYear, maxPerYear } = bounds;
  if (minPerYear !== undefined && maxPerYear !== undefined && Number.isFinite(minPerYear) && Number.isFinite(maxPerYear) && minPerYear > maxPerYear) {
    report(`${path}.minPerYear`, `${path}.minPerYear must be ≤ ${path}.maxPerYear (${maxPerYear}), got ${minPerYear}`);
  }
  return bounds;
}

/** A sum as a person reads it: 0.6 + 0.3 is "0.9", not 0.8999999999999999. */
function shownSum(sum: number): string {
  return String(Number(sum.toPrecision(12)));
}

/**
 * On each side the channels' shares sum to 1 in every year, within 1e-9 (spec §9.1). Checked
 * when every channel of the side has a valid share; one problem per year that breaks it, on the
 * first channel's share, with each channel's share in the message.
 */
function sharesSumToOne(side: SideRead, sideName: Side, report: Report): void {
  const entries = side.validNames.map((name) => [name, side.channels[name].share] as const);
  if (entries.length === 0 || entries.length !== side.names.length) return;
  if (entries.some(([, share]) => share === undefined || (Array.isArray(share) ? !share.every(Number.isFinite) : !Number.isFinite(share)))) return;
  const lists = entries.filter(([, share]) => Array.isArray(share)).map(([, share]) => share as number[]);
  const years = lists.length === 0 ? 1 : lists[0].length;
  if (lists.some((list) => list.length !== years)) return; // reported as a wrong length
  const [first] = entries[0];
  const path = `${sideName}.channels.${first}.share`;
  for (let year = 0; year < years; year += 1) {
    const shares = entries.map(([name, share]) => [name, Array.isArray(share) ? share[year] : share as number] as const);
    const sum = shares.reduce((total, [, share]) => total + share, 0);
    if (Math.abs(sum - 1) <= SHARE_SUM_TOLERANCE) continue;
    const inYear = lists.length === 0 ? '' : ` in year ${year + 1}`;
    report(path, entries.length === 1
      ? `${path} must be 1, as ${first} is the only ${sideName} channel${inYear}, got ${shownSum(sum)}`
      : `${path} must sum to 1 with the other ${sideName} shares${inYear}, got ${shownSum(sum)} (${shares.map(([name, share]) => `${name} ${share}`).join(' + ')})`);
  }
}

/** β over the upstream channels sums to 1 within 1e-9 (spec §9.1), when every channel's is valid. */
function maxEquitySharesSumToOne(side: SideRead, report: Report): void {
  const entries = side.validNames.map((name) => [name, (side.channels[name] as UpstreamChannel).maxEquityShare] as const);
  if (entries.length === 0 || entries.length !== side.names.length || !entries.every(([, share]) => Number.isFinite(share))) return;
  const sum = entries.reduce((total, [, share]) => total + share, 0);
  if (Math.abs(sum - 1) <= SHARE_SUM_TOLERANCE) return;
  const [first] = entries[0];
  const path = `upstream.channels.${first}.maxEquityShare`;
  report(path, entries.length === 1
    ? `${path} must be 1, as ${first} is the only upstream channel, got ${shownSum(sum)}`
    : `${path} must sum to 1 with the other upstream channels' maxEquityShare, got ${shownSum(sum)} (${entries.map(([name, share]) => `${name} ${share}`).join(' + ')})`);
}

/** A side without channels takes no budget (spec §9.1): upstreamShare 0 with no upstream channels, 1 with no downstream ones. */
function emptySideTakesNoBudget(budget: Budget, upstreamCount: number, downstreamCount: number, report: Report): void {
  const required = upstreamCount === 0 ? 0 : downstreamCount === 0 ? 1 : undefined;
  if (required === undefined) return;
  const emptySide = required === 0 ? 'upstream' : 'downstream';
  const reason = `there are no ${emptySide} channels (a side without channels takes no budget)`;
  const shares = budget.upstreamShare;
  if (!Array.isArray(shares)) {
    if (Number.isFinite(shares) && shares !== required) {
      report('budget.upstreamShare', `budget.upstreamShare must be ${required}, as ${reason}, got ${shares}`);
    }
    return;
  }
  shares.forEach((share, index) => {
    if (Number.isFinite(share) && share !== required) {
      report(`budget.upstreamShare[${index}]`, `budget.upstreamShare[${index}] must be ${required}, as ${reason}, got ${share}`);
    }
  });
}

/**
 * `plan` in the channel form: channel name → spend per period, every channel present and no
 * other key, each list of length T with each spend within PLAN_SPEND_RULE, and each channel's
 * spend in each year 0 or at least a cent (as a budget's; docs/model-limits.md).
 * @param allNames every channel key found (a key with an invalid name is reported once, by its side, not again here)
 * @param validNames the channels of the model, upstream first: the plan's keys, in this order
 */
function readChannelPlan(
  value: unknown, allNames: readonly string[], validNames: readonly string[], context: ChannelFormContext, report: Report,
): ChannelPlan | undefined {
  if (isPlainObject(value)) {
    // A plan of the two-lever form ({ upstream, downstream }) in a channel file: one message, not one per channel.
    const sideKeys = ['upstream', 'downstream'].filter((key) => hasOwn(value, key) && !allNames.includes(key));
    if (sideKeys.length > 0 && !validNames.some((name) => hasOwn(value, name))) {
      report('plan', `plan must give each channel's spend by its name in the channel form (${validNames.slice(0, 3).map((name) => `plan.${name}`).join(', ')}${validNames.length > 3 ? ', …' : ''}), not ${sideKeys.map((key) => `plan.${key}`).join(' and ')}`);
      return undefined;
    }
  }
  const section = readObject(value, 'plan', allNames, report);
  if (section === undefined) return undefined;
  const { years, periodsPerYear } = context;
  const periods = years !== undefined && periodsPerYear !== undefined ? years * periodsPerYear : undefined;
  const plan: ChannelPlan = {};
  for (const name of validNames) {
    const path = `plan.${name}`;
    if (!hasOwn(section, name)) {
      report(path, `${path} is required: the plan gives every channel's spend per period`);
      continue;
    }
    const list = section[name];
    if (!Array.isArray(list)) {
      report(path, `${path} must be a list of spend per period, got ${kindOf(list)}`);
      continue;
    }
    if (periods !== undefined && list.length !== periods) {
      report(path, `${path} must have one value per period (${periods}), got ${list.length}`);
    }
    const row = Array.from(list, (item, index) => checkNumber(item, `${path}[${index}]`, PLAN_SPEND_RULE, report) ?? Number.NaN);
    if (periods !== undefined && periodsPerYear !== undefined && row.length === periods && row.every(Number.isFinite)) {
      tinyYearSpend(row, path, periodsPerYear, report);
    }
    Object.defineProperty(plan, name, { value: row, enumerable: true, writable: true, configurable: true });
  }
  return plan;
}

/** Sums rounded from spends that add up to a cent (0.01 / 52 fifty-two times) still count. */
const ROUNDING = 1e-9;

/** Each year of a channel's plan spends 0 or at least a cent: the channel's ROI divides by its spend. */
function tinyYearSpend(row: readonly number[], path: string, periodsPerYear: number, report: Report): void {
  for (let start = 0; start < row.length; start += periodsPerYear) {
    let total = 0;
    for (let index = start; index < start + periodsPerYear; index += 1) total += row[index];
    if (total > 0 && total < MIN_POSITIVE_SPEND * (1 - ROUNDING)) {
      report(path, `${path}: year ${start / periodsPerYear + 1} spends ${total} in all; a channel's spend in a year must be 0 or at least ${MIN_POSITIVE_SPEND}`);
    }
  }
}
