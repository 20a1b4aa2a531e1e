import type { Side } from '../engine/model/model.ts';
import { type Draft, readField, withField } from './model-draft.ts';
import { posteriorShape, posteriorWithPaths } from '../engine/model/posterior-paths.ts';

/**
 * Edits of a draft's channels (spec §9.1) that change more than one field: add, rename, remove,
 * move between sides, a share that keeps its side summing to 100 %, and turning a two-lever
 * model into the channel form. Each returns a new draft (the old one is never changed) for the
 * shell to validate like any edit; a value that breaks a rule is written as typed, so the
 * engine's message shows by its field and the last valid results stay on screen.
 */

type Channels = Record<string, Record<string, unknown>>;

const SIDES: readonly Side[] = ['upstream', 'downstream'];

/** True when the draft is in the channel form (its upstream holds `channels`). */
export function isChannelDraft(draft: Draft): boolean {
  const channels = readField(draft, 'upstream.channels');
  return typeof channels === 'object' && channels !== null && !Array.isArray(channels);
}

/** The channels of one side, in file order (an empty object when the side has none or is not an object). */
export function channelsOf(draft: Draft, side: Side): Channels {
  const channels = readField(draft, `${side}.channels`);
  return typeof channels === 'object' && channels !== null && !Array.isArray(channels) ? channels as Channels : {};
}

/** Every channel name in the draft, upstream first. */
export function channelNames(draft: Draft): string[] {
  return SIDES.flatMap((side) => Object.keys(channelsOf(draft, side)));
}

/** Default settings of a new channel on each side, when the side has no channel to copy from. */
const NEW_UPSTREAM_CHANNEL = {
  historyPerMonth: 0, lagMonths: 2, lagConcentration: 0.6, lagWindowMonths: 12, halfSaturation: 50000, shape: 1,
};
const NEW_DOWNSTREAM_CHANNEL = { historyPerMonth: 0, halfLifeMonths: 0.5, halfSaturation: 20000, shape: 1.2, maxConversionLift: 0.01 };

/** Settings a channel copies from another of its side: the curve, never its money or its name. */
const COPIED_KEYS: Readonly<Record<Side, readonly string[]>> = {
  upstream: ['lagMonths', 'lagConcentration', 'lagWindowMonths', 'halfSaturation', 'shape'],
  downstream: ['halfLifeMonths', 'halfSaturation', 'shape', 'maxConversionLift'],
};

/** "Channel 3": the first such name not yet used on either side. */
export function newChannelName(draft: Draft): string {
  const taken = new Set(channelNames(draft));
  for (let number = taken.size + 1; ; number += 1) {
    const name = `Channel ${number}`;
    if (!taken.has(name)) return name;
  }
}

/** The periods of an explicit plan, when the draft has one: T = periodsPerYear · horizonYears. */
function planLength(draft: Draft): number {
  const periodsPerYear = readField(draft, 'periodsPerYear');
  const horizonYears = readField(draft, 'horizonYears');
  return typeof periodsPerYear === 'number' && typeof horizonYears === 'number' ? periodsPerYear * horizonYears : 0;
}

function withChannels(draft: Draft, side: Side, channels: Channels): Draft {
  return withField(draft, `${side}.channels`, channels);
}

/** The draft with its plan's rows changed by `change` (no change without a plan). */
function withPlanRows(draft: Draft, change: (rows: Record<string, unknown>) => Record<string, unknown>): Draft {
  const plan = readField(draft, 'plan');
  if (typeof plan !== 'object' || plan === null || Array.isArray(plan)) return draft;
  return withField(draft, 'plan', change(plan as Record<string, unknown>));
}

/**
 * The draft's uncertainty and posterior with every path renamed or dropped by `change`; a dropped
 * path leaves the posterior as the joint distribution of the settings that stay.
 */
function withUncertaintyPaths(draft: Draft, change: (path: string) => string | undefined): Draft {
  const next = withPosteriorPaths(draft, change);
  const uncertainty = readField(next, 'uncertainty');
  if (typeof uncertainty !== 'object' || uncertainty === null || Array.isArray(uncertainty)) return next;
  const entries = Object.entries(uncertainty).flatMap(([path, range]): [string, unknown][] => {
    const next = change(path);
    return next === undefined ? [] : [[next, range]];
  });
  return withField(next, 'uncertainty', Object.fromEntries(entries));
}

/** The draft's posterior through `posteriorWithPaths`; one of the wrong shape stays as typed (its message shows), none left is removed. */
function withPosteriorPaths(draft: Draft, change: (path: string) => string | undefined): Draft {
  const posterior = posteriorShape(readField(draft, 'posterior'));
  if (posterior === undefined) return draft;
  const next = posteriorWithPaths(posterior, change);
  if (next !== undefined) return withField(draft, 'posterior', next);
  const { posterior: _dropped, ...rest } = draft;
  return rest;
}

/** A yearly setting's value for every year, as a list (a single number is every year's). */
function yearlyList(value: unknown, years: number): unknown[] {
  return Array.isArray(value) ? value : Array.from({ length: years }, () => value);
}

const isShare = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 1;

/**
 * Sets one channel's value of a "sums to 1" setting of its side (`share`, or upstream
 * `maxEquityShare`) and rescales the others proportionally so the side still sums to 1, year by
 * year, as `budget-sim sweep` does over a channel's share; when the others are all 0, the rest is
 * spread evenly over them. A value that is not a share (150 %, text) is written as typed and
 * nothing else changes, so the message shows by the field.
 */
export function withChannelPart(draft: Draft, side: Side, name: string, key: 'share' | 'maxEquityShare', value: unknown): Draft {
  const channels = channelsOf(draft, side);
  if (!Object.hasOwn(channels, name)) return draft;
  const others = Object.keys(channels).filter((other) => other !== name);
  const years = Number(readField(draft, 'horizonYears')) || 1;
  const current = channels[name][key];
  const otherValues = others.map((other) => channels[other][key]);
  // The channel's own old value does not matter (it may be the 120 % typed a moment ago): the
  // others share what is left in proportion to what they have.
  const rescalable = isShare(value) && others.length > 0
    && otherValues.every((part) => (Array.isArray(part) ? part.length === years && part.every(isShare) : isShare(part)));
  const next: Channels = { ...channels, [name]: { ...channels[name], [key]: value } };
  if (!rescalable) return withChannels(draft, side, next);
  const lists = others.map((other) => yearlyList(channels[other][key], years) as number[]);
  const yearly = lists.some((list, index) => Array.isArray(otherValues[index]) && new Set(list).size > 1) || Array.isArray(current);
  const rescaled = lists.map(() => new Array<number>(years));
  for (let year = 0; year < years; year += 1) {
    const rest = 1 - value;
    const sum = lists.reduce((total, list) => total + list[year], 0);
    lists.forEach((list, index) => { rescaled[index][year] = sum > 0 ? list[year] * (rest / sum) : rest / others.length; });
  }
  others.forEach((other, index) => {
    const list = rescaled[index];
    next[other] = { ...channels[other], [key]: yearly || !list.every((part) => part === list[0]) ? list : list[0] };
  });
  return withChannels(draft, side, next);
}

/**
 * Sets a channel's spend per year in money, within its side's budget (the side slider stays):
 * its share becomes amount / the side's budget per year, the others rescale as for a share.
 * Needs one budget and one upstream share for every year; undefined otherwise, or when the
 * side has no budget to share.
 */
export function withChannelAmount(draft: Draft, side: Side, name: string, amountPerYear: unknown): Draft | undefined {
  const sideBudget = sideBudgetPerYear(draft, side);
  if (sideBudget === undefined || sideBudget <= 0) return undefined;
  const share = typeof amountPerYear === 'number' && Number.isFinite(amountPerYear) ? amountPerYear / sideBudget : amountPerYear;
  return withChannelPart(draft, side, name, 'share', share);
}

/** The side's budget per year (budget × upstream share, or × its rest), when both are one number for every year. */
export function sideBudgetPerYear(draft: Draft, side: Side): number | undefined {
  const perYear = readField(draft, 'budget.perYear');
  const upstreamShare = readField(draft, 'budget.upstreamShare');
  if (typeof perYear !== 'number' || typeof upstreamShare !== 'number' || !Number.isFinite(perYear) || !isShare(upstreamShare)) return undefined;
  return perYear * (side === 'upstream' ? upstreamShare : 1 - upstreamShare);
}

/**
 * A new channel at the end of a side, named `newChannelName`: it copies the curve of the side's
 * last channel (or typical settings) and takes no budget and, upstream, no share of maximum
 * equity (0), so the plan's figures stay as they were until it is given some. The first
 * channel of a side takes all of it (share 1, and upstream share of maximum equity 1). With an
 * explicit plan it gets a row of zeros.
 */
export function withNewChannel(draft: Draft, side: Side): { draft: Draft; name: string } {
  const channels = channelsOf(draft, side);
  const name = newChannelName(draft);
  const names = Object.keys(channels);
  const first = names.length === 0;
  const model = first ? undefined : channels[names[names.length - 1]];
  const settings: Record<string, unknown> = { ...(side === 'upstream' ? NEW_UPSTREAM_CHANNEL : NEW_DOWNSTREAM_CHANNEL) };
  for (const key of COPIED_KEYS[side]) if (model !== undefined && typeof model[key] === 'number') settings[key] = model[key];
  const channel: Record<string, unknown> = { share: first ? 1 : 0, ...settings };
  if (side === 'upstream') channel.maxEquityShare = first ? 1 : 0;
  let next = withChannels(draft, side, { ...channels, [name]: channel });
  const periods = planLength(draft);
  next = withPlanRows(next, (rows) => ({ ...rows, [name]: new Array<number>(periods).fill(0) }));
  return { draft: next, name };
}

/**
 * The channel renamed, in its place on its side, with its plan row and its uncertainty ranges.
 * The name is written as typed: an invalid one (a ".", a name taken) gets the engine's message.
 */
export function withRenamedChannel(draft: Draft, side: Side, from: string, to: string): Draft {
  const channels = channelsOf(draft, side);
  if (!Object.hasOwn(channels, from) || from === to) return draft;
  const renamed = Object.fromEntries(Object.entries(channels).map(([name, settings]) => [name === from ? to : name, settings]));
  let next = withChannels(draft, side, renamed);
  next = withPlanRows(next, (rows) => Object.fromEntries(Object.entries(rows).map(([name, row]) => [name === from ? to : name, row])));
  const prefix = `${side}.channels.${from}.`;
  return withUncertaintyPaths(next, (path) => (path.startsWith(prefix) ? `${side}.channels.${to}.${path.slice(prefix.length)}` : path));
}

/**
 * The draft without the channel: its share (and upstream, its share of maximum equity) goes to
 * the side's other channels in proportion, its plan row and its uncertainty ranges go. A side
 * left without channels takes no budget: the upstream share becomes 0 (no upstream channels) or
 * 1 (no downstream ones), every year, as the rule of spec §9.1 requires.
 */
export function withoutChannel(draft: Draft, side: Side, name: string): Draft {
  const channels = channelsOf(draft, side);
  if (!Object.hasOwn(channels, name)) return draft;
  let next = draft;
  // Give the channel's parts to the others first (a part of 0 rescales them to sum 1), then drop it.
  if (Object.keys(channels).length > 1) {
    next = withChannelPart(next, side, name, 'share', 0);
    if (side === 'upstream') next = withChannelPart(next, side, name, 'maxEquityShare', 0);
  }
  const remaining = Object.fromEntries(Object.entries(channelsOf(next, side)).filter(([other]) => other !== name));
  next = withChannels(next, side, remaining);
  next = withPlanRows(next, (rows) => Object.fromEntries(Object.entries(rows).filter(([other]) => other !== name)));
  const prefix = `${side}.channels.${name}.`;
  next = withUncertaintyPaths(next, (path) => (path.startsWith(prefix) ? undefined : path));
  if (Object.keys(remaining).length === 0) next = withSideWithoutBudget(next, side);
  return next;
}

/** A side with no channels takes no budget: the upstream share becomes 0 or 1, in the form it has. */
function withSideWithoutBudget(draft: Draft, emptySide: Side): Draft {
  const share = emptySide === 'upstream' ? 0 : 1;
  const current = readField(draft, 'budget.upstreamShare');
  if (current === undefined) return draft;
  return withField(draft, 'budget.upstreamShare', Array.isArray(current) ? current.map(() => share) : share);
}

/**
 * The channel moved to the other side, at its end, keeping its name, past spend, half-saturation
 * and curve shape. A downstream channel moved upstream keeps its conversion effect as its own
 * short-term effect, and takes the lag of the side's first channel (or a typical one) and no
 * share of maximum equity; an upstream channel moved downstream becomes its short-term effect
 * (or, without one, takes the side's typical half-life and lift). It arrives with no budget
 * (its side's share goes to the channels it leaves); the first channel of a side takes all of it.
 */
export function withMovedChannel(draft: Draft, from: Side, name: string): Draft {
  const source = channelsOf(draft, from);
  if (!Object.hasOwn(source, name)) return draft;
  const to: Side = from === 'upstream' ? 'downstream' : 'upstream';
  const moving = source[name];
  const targetChannels = channelsOf(draft, to);
  const targetNames = Object.keys(targetChannels);
  const first = targetNames.length === 0;
  const neighbour = first ? undefined : targetChannels[targetNames[0]];
  const numberOr = (value: unknown, fallback: number) => (typeof value === 'number' ? value : fallback);
  let moved: Record<string, unknown>;
  if (to === 'upstream') {
    moved = {
      share: first ? 1 : 0,
      historyPerMonth: moving.historyPerMonth,
      lagMonths: numberOr(neighbour?.lagMonths, NEW_UPSTREAM_CHANNEL.lagMonths),
      lagConcentration: numberOr(neighbour?.lagConcentration, NEW_UPSTREAM_CHANNEL.lagConcentration),
      lagWindowMonths: numberOr(neighbour?.lagWindowMonths, NEW_UPSTREAM_CHANNEL.lagWindowMonths),
      halfSaturation: moving.halfSaturation,
      shape: moving.shape,
      maxEquityShare: first ? 1 : 0,
      shortTerm: {
        halfLifeMonths: moving.halfLifeMonths, halfSaturation: moving.halfSaturation, shape: moving.shape, maxConversionLift: moving.maxConversionLift,
      },
    };
  } else {
    const shortTerm = typeof moving.shortTerm === 'object' && moving.shortTerm !== null ? moving.shortTerm as Record<string, unknown> : undefined;
    moved = {
      share: first ? 1 : 0,
      historyPerMonth: moving.historyPerMonth,
      halfLifeMonths: shortTerm?.halfLifeMonths ?? numberOr(neighbour?.halfLifeMonths, NEW_DOWNSTREAM_CHANNEL.halfLifeMonths),
      halfSaturation: shortTerm?.halfSaturation ?? moving.halfSaturation,
      shape: shortTerm?.shape ?? moving.shape,
      maxConversionLift: shortTerm?.maxConversionLift ?? numberOr(neighbour?.maxConversionLift, NEW_DOWNSTREAM_CHANNEL.maxConversionLift),
    };
  }
  if (moving.bounds !== undefined) moved.bounds = moving.bounds;
  // Leave the old side (its share and plan row stay with the draft until re-added), then arrive.
  const planRow = readField(draft, 'plan') === undefined ? undefined : (readField(draft, 'plan') as Record<string, unknown>)[name];
  let next = withoutChannel(draft, from, name);
  next = withChannels(next, to, { ...channelsOf(next, to), [name]: moved });
  if (planRow !== undefined) next = withPlanRows(next, (rows) => ({ ...rows, [name]: planRow }));
  return next;
}

/**
 * A two-lever draft in the channel form, with the same numbers: one channel a side, named
 * `upstream` and `downstream` as the engine reads a two-lever file (spec §9.1), each with share 1,
 * the upstream one with maxEquityShare 1; `history` becomes each channel's `historyPerMonth`,
 * `upstream.shortTerm` the upstream channel's, and the plan's rows and the uncertainty ranges
 * keep naming the same settings. A draft already in the channel form is returned as it is.
 */
export function splitIntoChannels(draft: Draft): Draft {
  if (isChannelDraft(draft)) return draft;
  const upstream = (readField(draft, 'upstream') ?? {}) as Record<string, unknown>;
  const downstream = (readField(draft, 'downstream') ?? {}) as Record<string, unknown>;
  const history = (readField(draft, 'history') ?? {}) as Record<string, unknown>;
  const { insightFeedback, shortTerm, ...upstreamCurve } = upstream;
  const upstreamChannel: Record<string, unknown> = { share: 1, historyPerMonth: history.upstreamPerMonth, ...upstreamCurve, maxEquityShare: 1 };
  if (shortTerm !== undefined) upstreamChannel.shortTerm = shortTerm;
  const downstreamChannel: Record<string, unknown> = { share: 1, historyPerMonth: history.downstreamPerMonth, ...downstream };
  const entries = Object.entries(draft).filter(([key]) => key !== 'history').map(([key, value]): [string, unknown] => {
    if (key === 'upstream') return [key, { insightFeedback, channels: { upstream: upstreamChannel } }];
    if (key === 'downstream') return [key, { channels: { downstream: downstreamChannel } }];
    return [key, value];
  });
  const next = Object.fromEntries(entries) as Draft;
  return withUncertaintyPaths(next, twoLeverPathInChannels);
}

/** A two-lever setting's path as the channel form names it (`upstream.halfSaturation` → `upstream.channels.upstream.halfSaturation`). */
function twoLeverPathInChannels(path: string): string {
  if (path === 'history.upstreamPerMonth') return 'upstream.channels.upstream.historyPerMonth';
  if (path === 'history.downstreamPerMonth') return 'downstream.channels.downstream.historyPerMonth';
  if (path === 'upstream.insightFeedback') return path;
  for (const side of SIDES) {
    if (path.startsWith(`${side}.`)) return `${side}.channels.${side}.${path.slice(side.length + 1)}`;
  }
  return path;
}
