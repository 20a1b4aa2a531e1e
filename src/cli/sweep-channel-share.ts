import { CliError } from './cli-error.ts';
import { closestName } from './closest-name.ts';
import { printableText } from './printable.ts';

/** A channel's share as the swept setting: its side, its name, and one year (index from 0) or every year. */
export interface ChannelShareTarget {
  side: 'upstream' | 'downstream';
  channel: string;
  /** A year's index (0 = year 1) when the path ends in one (`…share.1`); undefined: the share of every year. */
  year: number | undefined;
}

// A channel name has no dot (spec §9.1), so the name is everything between "channels." and ".share".
const SHARE_PATH = /^(upstream|downstream)\.channels\.([^.]+)\.share(?:\.(0|[1-9]\d*))?$/;

/**
 * The channel whose share a sweep path sets (`upstream.channels.TV.share`, or one year of it:
 * `upstream.channels.TV.share.1`); undefined for any other path.
 * @example channelShareTarget('downstream.channels.Search.share') // { side: 'downstream', channel: 'Search', year: undefined }
 */
export function channelShareTarget(path: string): ChannelShareTarget | undefined {
  const match = SHARE_PATH.exec(path);
  if (match === null) return undefined;
  return { side: match[1] as ChannelShareTarget['side'], channel: match[2], year: match[3] === undefined ? undefined : Number(match[3]) };
}

/**
 * A model file (parsed JSON, not yet validated) with one channel's share set to `value` and the
 * other shares of its side rescaled so that each year's shares still sum to 1 (spec §9.1): in
 * proportion to what they were, or, when they were all 0, the rest split evenly between them.
 * So sweeping TV from 0 to 1 moves money between TV and the side's other channels, keeping
 * their mix, and the side's budget unchanged.
 *
 * Shares may be one number or one per year. Without a year, the channel gets `value` in every
 * year and the others are rescaled year by year (a number stays a number when its rescaled
 * values agree in every year, otherwise it becomes one per year). With a year (`…share.1`),
 * only that year's entry of the channel's list is set and only that year of the others
 * rescaled. A value outside 0…1, or a side whose shares are not numbers, is written without
 * rescaling, so that the validation that follows names the field at fault.
 *
 * Only the objects along the way are copied (the root, the side, its channels, the channels
 * whose share changes); the rest is shared with `root`, which is left as it was. Keys are
 * written as own data properties, whatever their names.
 *
 * @param path the swept path as given, for messages
 * @throws {CliError} when the file has no such side, channel list or channel (with the side's
 *   channel names and a "did you mean"), when the model gives its spend as a `plan` (shares then
 *   set nothing), or when a year is given for a share that is one number
 * @example withChannelShare(json, channelShareTarget('upstream.channels.TV.share')!, 0.5, 'upstream.channels.TV.share')
 */
export function withChannelShare(root: unknown, target: ChannelShareTarget, value: number, path: string): unknown {
  const shownPath = printableText(path);
  if (!isObject(root)) throw new CliError(`cannot sweep ${shownPath}: the model file does not hold a JSON object`);
  const sideObject = ownValue(root, target.side);
  const channels = isObject(sideObject) ? ownValue(sideObject, 'channels') : undefined;
  if (!isObject(channels)) {
    throw new CliError(`cannot sweep ${shownPath}: the model has no ${target.side}.channels (a two-lever model has no channel shares; its split is budget.upstreamShare)`);
  }
  const names = Object.keys(channels);
  if (!Object.prototype.hasOwnProperty.call(channels, target.channel)) {
    const suggestion = closestName(target.channel, names);
    const known = names.length === 0 ? `${target.side} has no channels` : `the ${target.side} channels are ${names.map(printableText).join(', ')}`;
    throw new CliError(`cannot sweep ${shownPath}: no ${target.side} channel '${printableText(target.channel)}'; ${suggestion === undefined ? '' : `did you mean ${printableText(suggestion)}? `}${known}`);
  }
  if (ownValue(root, 'plan') !== undefined && ownValue(root, 'plan') !== null) {
    throw new CliError(`cannot sweep ${shownPath}: the model gives each channel's spend per period in "plan", so the shares set nothing; sweep a model without a plan`);
  }
  const swept = ownValue(channels, target.channel);
  const currentShare = isObject(swept) ? ownValue(swept, 'share') : undefined;
  if (target.year !== undefined && !Array.isArray(currentShare)) {
    throw new CliError(`cannot sweep ${shownPath}: ${target.side}.channels.${printableText(target.channel)}.share is not a list of one share per year; sweep ${target.side}.channels.${printableText(target.channel)}.share instead`);
  }

  const sweptShare = target.year === undefined ? value : withEntry(currentShare as unknown[], target.year, value);
  const others = names.filter((name) => name !== target.channel);
  const otherShares = others.map((name) => {
    const channel = ownValue(channels, name);
    return isObject(channel) ? ownValue(channel, 'share') : undefined;
  });
  const rescaled = value >= 0 && value <= 1 && otherShares.every(isShare)
    ? rescaleOthers(otherShares as (number | number[])[], currentShare, target.year, value)
    : undefined;

  const channelsCopy = { ...channels };
  writeOwn(channelsCopy, target.channel, withShare(swept, sweptShare));
  if (rescaled !== undefined) {
    others.forEach((name, index) => writeOwn(channelsCopy, name, withShare(ownValue(channels, name), rescaled[index])));
  }
  const sideCopy = { ...(sideObject as object) };
  writeOwn(sideCopy, 'channels', channelsCopy);
  const rootCopy = { ...root };
  writeOwn(rootCopy, target.side, sideCopy);
  return rootCopy;
}

/**
 * The other channels' shares, rescaled so that with the swept channel's `value` each year (or
 * the one year given) sums to 1: each times (1 − value) / their sum, or (1 − value) / their
 * count each when their sum is 0.
 */
function rescaleOthers(shares: readonly (number | number[])[], sweptShare: unknown, year: number | undefined, value: number): (number | number[])[] {
  if (shares.length === 0) return [];
  const years = Math.max(1, Array.isArray(sweptShare) ? sweptShare.length : 1, ...shares.map((share) => (Array.isArray(share) ? share.length : 1)));
  const inYear = (share: number | number[], index: number) => (Array.isArray(share) ? share[index] ?? 0 : share);
  const rescaledInYear = (index: number) => {
    const sum = shares.reduce((total: number, share) => total + inYear(share, index), 0);
    return shares.map((share) => (sum > 0 ? inYear(share, index) * ((1 - value) / sum) : (1 - value) / shares.length));
  };
  if (year !== undefined) {
    const changed = rescaledInYear(year);
    return shares.map((share, index) => withEntry(Array.isArray(share) ? share : new Array(years).fill(share), year, changed[index]) as number[]);
  }
  const byYear = Array.from({ length: years }, (_, index) => rescaledInYear(index));
  return shares.map((share, index) => {
    const values = byYear.map((yearShares) => yearShares[index]);
    return !Array.isArray(share) && values.every((entry) => entry === values[0]) ? values[0] : values;
  });
}

/** A share as a file may hold it: a number, or a non-empty list of numbers. */
function isShare(share: unknown): share is number | number[] {
  if (typeof share === 'number') return Number.isFinite(share);
  return Array.isArray(share) && share.length > 0 && share.every((entry) => typeof entry === 'number' && Number.isFinite(entry));
}

function withEntry(list: readonly unknown[], index: number, value: unknown): unknown[] {
  const copy = list.slice();
  copy[index] = value;
  return copy;
}

/** A copy of a channel's settings with its share replaced (a channel that is not an object is left for validation to name). */
function withShare(channel: unknown, share: unknown): unknown {
  if (!isObject(channel)) return channel;
  const copy = { ...channel };
  writeOwn(copy, 'share', share);
  return copy;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function ownValue(container: object, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(container, key) ? (container as Record<string, unknown>)[key] : undefined;
}

function writeOwn(container: object, key: string, value: unknown): void {
  // defineProperty creates an own data property whatever the key, never invoking a setter.
  Object.defineProperty(container, key, { value, writable: true, enumerable: true, configurable: true });
}
