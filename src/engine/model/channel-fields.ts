import { closest, distance } from 'fastest-levenshtein';
import type { ChannelModel, Model, Side } from './model.ts';
import { isChannelModel } from './model.ts';
import {
  CURVE_RULES, MAX_MONEY, NUMBER_FIELDS, type NumberField, type NumberRule, SHORT_TERM_FIELDS,
} from './model-fields.ts';

/**
 * The settings of one channel in the channel form of a model file (spec §9.1), as data: the
 * channel editor, the command's `--set` and `uncertainty` paths, the JSON Schema and
 * `parseModel` all read them from here. A channel's field lives at
 * `<side>.channels.<channel name>.<key>`, e.g. `upstream.channels.TV.halfSaturation` or
 * `upstream.channels.TV.shortTerm.halfLifeMonths`; that is why a channel name may not hold a ".".
 *
 * Where a channel field means what a two-lever field means (an upstream channel's lag, a
 * downstream channel's curve, a short-term effect), its label, unit, help and rule are the
 * two-lever field's, from NUMBER_FIELDS and SHORT_TERM_FIELDS, so the two forms cannot drift.
 */

/** One setting of a channel, without the channel's name: `key` is its path within the channel. */
export interface ChannelField extends Omit<NumberField, 'path'> {
  side: Side;
  /** Path within the channel: `halfSaturation`, `shortTerm.halfLifeMonths`, `bounds.maxPerYear`. */
  key: string;
  /**
   * True for a field that a channel may leave out: `share` (with a plan), the `shortTerm`
   * fields (without a short-term effect) and the `bounds`.
   */
  optional?: boolean;
}

/** The most channels one side may have (spec §9.1). */
export const MAX_CHANNELS_PER_SIDE = 12;
/** The longest channel name, in characters (spec §9.1). */
export const MAX_CHANNEL_NAME_LENGTH = 60;
/** Names that would reach an object's prototype if used as keys; never channel names. */
export const FORBIDDEN_CHANNEL_NAMES: readonly string[] = ['__proto__', 'constructor', 'prototype'];
/** Shares of a side, and maxEquityShare over the upstream channels, must sum to 1 within this. */
export const SHARE_SUM_TOLERANCE = 1e-9;

const share: NumberRule = { min: 0, max: 1 };
const money: NumberRule = { min: 0, max: MAX_MONEY, maxIsLimit: true };

const twoLever = (path: string): NumberField => NUMBER_FIELDS.find((field) => field.path === path)!;

/** A two-lever field read as a channel's: same wording and rule, under a key of the channel. */
function fromTwoLever(side: Side, key: string, path: string, overrides: Partial<ChannelField> = {}): ChannelField {
  const { path: _path, ...field } = twoLever(path);
  return { ...field, side, key, ...overrides };
}

const shareField = (side: Side): ChannelField => ({
  side, key: 'share', group: side === 'upstream' ? 'Upstream' : 'Downstream', label: 'Share of side budget', unit: 'share 0–1',
  help: `This channel’s share of the ${side} budget in each year; the ${side} channels’ shares sum to 1.`,
  rule: share, yearly: true, optional: true,
  fixedReason: 'the split between channels is the plan, a decision rather than an assumption',
});

const historyField = (side: Side): ChannelField => ({
  side, key: 'historyPerMonth', group: side === 'upstream' ? 'Upstream' : 'Downstream', label: 'Past spend', unit: 'money per month',
  help: side === 'upstream'
    ? 'This channel’s spend per month before the plan starts; it is still feeding brand equity.'
    : 'This channel’s spend per month before the plan starts; its effect lingers briefly.',
  rule: money,
});

const boundsFields = (side: Side): ChannelField[] => [
  {
    side, key: 'bounds.minPerYear', group: side === 'upstream' ? 'Upstream' : 'Downstream', label: 'Minimum spend per year', unit: 'money per year',
    help: 'The optimiser spends at least this on the channel in every year (a committed contract, say); simulate ignores it.',
    rule: money, optional: true, fixedReason: 'a bound is part of the plan, a decision rather than an assumption',
  },
  {
    side, key: 'bounds.maxPerYear', group: side === 'upstream' ? 'Upstream' : 'Downstream', label: 'Maximum spend per year', unit: 'money per year',
    help: 'The optimiser spends at most this on the channel in every year (a cap); simulate ignores it.',
    rule: money, optional: true, fixedReason: 'a bound is part of the plan, a decision rather than an assumption',
  },
];

/** The short-term effect of an upstream channel: the fields of `upstream.shortTerm`, per channel. */
export const CHANNEL_SHORT_TERM_FIELDS: readonly ChannelField[] = SHORT_TERM_FIELDS.map(({ path, ...field }) => ({
  ...field,
  side: 'upstream',
  key: path.replace(/^upstream\./, ''),
  help: field.help.replace('brand spend', 'this channel’s spend'),
  optional: true,
}));

/** Every setting of an upstream channel, in the order an editor shows them. */
export const UPSTREAM_CHANNEL_FIELDS: readonly ChannelField[] = [
  shareField('upstream'),
  historyField('upstream'),
  fromTwoLever('upstream', 'lagMonths', 'upstream.lagMonths'),
  fromTwoLever('upstream', 'lagConcentration', 'upstream.lagConcentration'),
  fromTwoLever('upstream', 'lagWindowMonths', 'upstream.lagWindowMonths', {
    fixedReason: 'it sets the length of the lag window; give a wide window and a range for the channel’s lagMonths and lagConcentration instead',
  }),
  fromTwoLever('upstream', 'halfSaturation', 'upstream.halfSaturation', {
    label: 'Half-saturation', help: 'This channel’s spend per month that builds half the equity it can build.',
  }),
  fromTwoLever('upstream', 'shape', 'upstream.shape', { label: 'Curve shape' }),
  {
    side: 'upstream', key: 'maxEquityShare', group: 'Upstream', label: 'Share of maximum equity', unit: 'share 0–1',
    help: 'The share of the maximum brand equity that this channel alone can build when saturated; these shares sum to 1 over the upstream channels.',
    rule: share, fixedReason: 'the upstream channels’ shares of maximum equity must sum to 1',
  },
  ...CHANNEL_SHORT_TERM_FIELDS,
  ...boundsFields('upstream'),
];

/** Every setting of a downstream channel, in the order an editor shows them. */
export const DOWNSTREAM_CHANNEL_FIELDS: readonly ChannelField[] = [
  shareField('downstream'),
  historyField('downstream'),
  fromTwoLever('downstream', 'halfLifeMonths', 'downstream.halfLifeMonths', { label: 'Half-life', rule: CURVE_RULES.halfLifeMonths }),
  fromTwoLever('downstream', 'halfSaturation', 'downstream.halfSaturation', {
    label: 'Half-saturation', help: 'This channel’s spend per month that gives half its maximum conversion lift.',
  }),
  fromTwoLever('downstream', 'shape', 'downstream.shape', { label: 'Curve shape' }),
  fromTwoLever('downstream', 'maxConversionLift', 'downstream.maxConversionLift'),
  ...boundsFields('downstream'),
];

/** The settings of a channel on one side. */
export function channelFields(side: Side): readonly ChannelField[] {
  return side === 'upstream' ? UPSTREAM_CHANNEL_FIELDS : DOWNSTREAM_CHANNEL_FIELDS;
}

/** The keys an upstream channel object may hold; `shortTerm` and `bounds` are objects of their own. */
export const UPSTREAM_CHANNEL_KEYS: readonly string[] = [
  'share', 'historyPerMonth', 'lagMonths', 'lagConcentration', 'lagWindowMonths', 'halfSaturation', 'shape', 'maxEquityShare', 'shortTerm', 'bounds',
];
/** The keys a downstream channel object may hold. */
export const DOWNSTREAM_CHANNEL_KEYS: readonly string[] = [
  'share', 'historyPerMonth', 'halfLifeMonths', 'halfSaturation', 'shape', 'maxConversionLift', 'bounds',
];
/** The keys of a channel's `bounds`. */
export const BOUNDS_KEYS: readonly string[] = ['minPerYear', 'maxPerYear'];
/** The keys of each side's object in the channel form. */
export const CHANNEL_SIDE_KEYS: Readonly<Record<Side, readonly string[]>> = {
  upstream: ['insightFeedback', 'channels'],
  downstream: ['channels'],
};

/**
 * What is wrong with a channel name by the rules of spec §9.1, as the end of a sentence that
 * begins with the name ("must start with a letter"), or undefined for a valid name. Uniqueness
 * across the model is the caller's to check. Lengths count characters (code points), as JSON
 * Schema's maxLength does.
 * @param side where the name is, for the example path in the message about "."
 * @example channelNameProblem('TV.Brand') // 'must not contain "." (it separates the parts of paths such as upstream.channels.TV.halfSaturation)'
 */
export function channelNameProblem(name: string, side: Side = 'upstream'): string | undefined {
  const length = [...name].length;
  if (length === 0) return `must be 1 to ${MAX_CHANNEL_NAME_LENGTH} characters`;
  if (FORBIDDEN_CHANNEL_NAMES.includes(name)) return `is not allowed (names must not be ${FORBIDDEN_CHANNEL_NAMES.join(', ')})`;
  if (length > MAX_CHANNEL_NAME_LENGTH) return `must be at most ${MAX_CHANNEL_NAME_LENGTH} characters, got ${length}`;
  if (!/^\p{L}/u.test(name)) return 'must start with a letter';
  if (name.includes('.')) return `must not contain "." (it separates the parts of paths such as ${side}.channels.TV.halfSaturation)`;
  return undefined;
}

/** A channel field's path in a model file: `upstream.channels.TV.halfSaturation`. */
export function channelFieldPath(side: Side, channel: string, key: string): string {
  return `${side}.channels.${channel}.${key}`;
}

/** A channel path taken apart, before looking at any model. */
export interface ChannelPath {
  side: Side;
  channel: string;
  /** Path within the channel (`halfSaturation`, `shortTerm.shape`); may name no field. */
  key: string;
}

/**
 * Takes a path of the form `<side>.channels.<name>.<key…>` apart; undefined for any other path.
 * @example splitChannelPath('upstream.channels.TV.shortTerm.shape') // { side: 'upstream', channel: 'TV', key: 'shortTerm.shape' }
 */
export function splitChannelPath(path: string): ChannelPath | undefined {
  const parts = path.split('.');
  if (parts.length < 4 || parts[1] !== 'channels' || (parts[0] !== 'upstream' && parts[0] !== 'downstream')) return undefined;
  return { side: parts[0], channel: parts[2], key: parts.slice(3).join('.') };
}

/** A channel setting of a particular model: its field (with the full path) and how to read and write it. */
export interface ChannelSetting {
  side: Side;
  channel: string;
  /** The field as a NumberField, its path the full one (`upstream.channels.TV.halfSaturation`). */
  field: NumberField;
  /** The field without the channel, as in UPSTREAM_CHANNEL_FIELDS / DOWNSTREAM_CHANNEL_FIELDS. */
  channelField: ChannelField;
  /** The value in the model: a number, a list (a yearly share) or undefined when left out. */
  get(): number | number[] | undefined;
  /**
   * Writes the value into the model, in place (on a model the caller owns, such as a copy),
   * creating `shortTerm` or `bounds` when absent. The model is then unvalidated: parse it again
   * to check rules between fields (shares summing to 1, say).
   */
  set(value: number | number[]): void;
}

/**
 * The channel setting at `path` in a channel-form model, or undefined when the path names no
 * channel of the model (see `channelProblem` for why) or no field of a channel. Channels are
 * looked up as own keys only, so a name such as `toString` is never found on the prototype.
 * @example channelSettingAt(model, 'upstream.channels.TV.halfSaturation')?.field.label // "Half-saturation"
 */
export function channelSettingAt(model: Model, path: string): ChannelSetting | undefined {
  const parts = splitChannelPath(path);
  if (parts === undefined || !isChannelModel(model)) return undefined;
  const channels = channelsOf(model, parts.side);
  if (!Object.hasOwn(channels, parts.channel)) return undefined;
  const channelField = channelFields(parts.side).find((candidate) => candidate.key === parts.key);
  if (channelField === undefined) return undefined;
  const { side, key, optional: _optional, ...field } = channelField;
  const channel = channels[parts.channel] as unknown as Record<string, unknown>;
  const [outer, inner] = key.split('.');
  return {
    side,
    channel: parts.channel,
    field: { ...field, path },
    channelField,
    get() {
      const value = inner === undefined ? channel[outer] : (channel[outer] as Record<string, unknown> | undefined)?.[inner];
      return value as number | number[] | undefined;
    },
    set(value) {
      if (inner === undefined) {
        channel[outer] = value;
        return;
      }
      if (!Object.hasOwn(channel, outer) || typeof channel[outer] !== 'object' || channel[outer] === null) channel[outer] = {};
      (channel[outer] as Record<string, unknown>)[inner] = value;
    },
  };
}

/**
 * Every channel setting's path in a model, channel by channel (upstream first, each side in file
 * order), with the optional ones only where the channel has them (a `shortTerm`, `bounds`).
 * Empty for a two-lever model. For editors, `uncertainty` and tornado lists.
 */
export function channelSettingPaths(model: Model): string[] {
  if (!isChannelModel(model)) return [];
  const paths: string[] = [];
  for (const side of ['upstream', 'downstream'] as const) {
    for (const [name, channel] of Object.entries(channelsOf(model, side))) {
      for (const field of channelFields(side)) {
        const [outer, inner] = field.key.split('.');
        const present = inner === undefined ? Object.hasOwn(channel, outer) : Object.hasOwn(channel, outer) && Object.hasOwn((channel as unknown as Record<string, object>)[outer], inner);
        if (field.optional && !present) continue;
        paths.push(channelFieldPath(side, name, field.key));
      }
    }
  }
  return paths;
}

/**
 * Why `path` names no channel of the model, in a sentence, with a hint: the channel is on the
 * other side, or a name is close. Undefined when the channel exists or the path is not a
 * channel path (`<side>.channels.<name>.<key…>`).
 * @param channelNames each side's channel names, in file order
 * @example channelProblem({ upstream: ['TV'], downstream: [] }, 'upstream.channels.Tv.shape') // 'there is no upstream channel named Tv; did you mean upstream.channels.TV? (upstream channels: TV)'
 */
export function channelProblem(channelNames: Readonly<Record<Side, readonly string[]>>, path: string): string | undefined {
  const parts = splitChannelPath(path);
  if (parts === undefined) return undefined;
  const own = channelNames[parts.side];
  if (own.includes(parts.channel)) return undefined;
  const otherSide: Side = parts.side === 'upstream' ? 'downstream' : 'upstream';
  if (channelNames[otherSide].includes(parts.channel)) {
    return `${parts.channel} is a${otherSide === 'upstream' ? 'n' : ''} ${otherSide} channel: write ${channelFieldPath(otherSide, parts.channel, parts.key)}`;
  }
  const suggestion = closeName(parts.channel, [...own, ...channelNames[otherSide]]);
  const listed = own.length === 0 ? `the ${parts.side} side has no channels` : `${parts.side} channels: ${own.join(', ')}`;
  const hint = suggestion === undefined ? '' : `; did you mean ${channelFieldPath(own.includes(suggestion) ? parts.side : otherSide, suggestion, parts.key)}?`;
  return `there is no ${parts.side} channel named ${parts.channel}${hint} (${listed})`;
}

/** The closest name when it is a plausible typo (edit distance ≤ 2, or a third of its length), ignoring case. */
function closeName(typed: string, names: readonly string[]): string | undefined {
  if (names.length === 0) return undefined;
  const lowered = names.map((name) => name.toLowerCase());
  const best = closest(typed.toLowerCase(), lowered);
  if (distance(typed.toLowerCase(), best) > Math.max(2, Math.floor(best.length / 3))) return undefined;
  return names[lowered.indexOf(best)];
}

function channelsOf(model: ChannelModel, side: Side): Record<string, object> {
  return model[side].channels;
}
