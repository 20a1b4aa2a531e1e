import type { ChannelBounds, Model, Side } from '../model/model.ts';
import { channelList, modelChannels } from '../model/model-channels.ts';
import { OptimizeError } from './optimize-error.ts';

/**
 * A channel as the optimiser sees it: its name, its side, and the least and most it may spend
 * in each year of the horizon (0 and Infinity when it has no bounds).
 */
export interface PlanChannel {
  name: string;
  side: Side;
  minPerYear: number;
  maxPerYear: number;
}

/**
 * The model's channels (upstream ones first, each side in file order: the order of plan rows)
 * with their bounds per year: the model file's `bounds` of each channel, replaced field by field
 * by `bounds` given to the optimiser (the command's `--bound`). A two-lever model's channels are
 * `upstream` and `downstream`.
 * @throws {OptimizeError} (option `bounds`) for a channel name the model does not have, a bound
 *   that is not a number ≥ 0, or a minimum above the maximum, naming the channel
 */
export function planChannels(model: Model, bounds: Readonly<Record<string, ChannelBounds>> | undefined): PlanChannel[] {
  const channels = channelList(modelChannels(model));
  const names = channels.map((channel) => channel.name);
  if (bounds !== undefined) {
    for (const name of Object.keys(bounds)) {
      if (!names.includes(name)) {
        throw new OptimizeError('bounds', `there is no channel "${name}" to bound: the model's channels are ${names.join(', ')}`);
      }
    }
  }
  return channels.map((channel) => {
    const given = bounds !== undefined && Object.hasOwn(bounds, channel.name) ? bounds[channel.name] : undefined;
    const minPerYear = given?.minPerYear ?? channel.bounds?.minPerYear ?? 0;
    const maxPerYear = given?.maxPerYear ?? channel.bounds?.maxPerYear ?? Infinity;
    for (const [field, value] of [['minPerYear', minPerYear], ['maxPerYear', maxPerYear]] as const) {
      if (!(value >= 0)) throw new OptimizeError('bounds', `the ${field === 'minPerYear' ? 'minimum' : 'maximum'} spend per year of channel "${channel.name}" must be a number ≥ 0, got ${value}`);
    }
    if (minPerYear > maxPerYear) {
      throw new OptimizeError('bounds', `channel "${channel.name}" has a minimum spend per year (${minPerYear}) above its maximum (${maxPerYear})`);
    }
    return { name: channel.name, side: channel.side, minPerYear, maxPerYear };
  });
}

/** True when some channel has a bound that can act (a minimum above 0 or a finite maximum). */
export function hasChannelBounds(channels: readonly PlanChannel[]): boolean {
  return channels.some((channel) => channel.minPerYear > 0 || Number.isFinite(channel.maxPerYear));
}

/**
 * Checks that every year's budget can be split within the channels' bounds and the upstream
 * share limits; a side without channels takes no budget.
 * @throws {OptimizeError} (option `bounds`, or `minShare` / `maxShare` when a side has no
 *   channels) naming the channel or side and the year that cannot be met
 */
export function checkBoundsFeasible(channels: readonly PlanChannel[], budgets: readonly number[], minShare: number, maxShare: number): void {
  const upstream = channels.filter((channel) => channel.side === 'upstream');
  const downstream = channels.filter((channel) => channel.side === 'downstream');
  const money = (value: number) => (Number.isFinite(value) ? new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(value) : 'no limit');
  budgets.forEach((budget, year) => {
    const inYear = `year ${year + 1}'s budget of ${money(budget)}`;
    if (budget > 0 && upstream.length === 0 && minShare > 0) {
      throw new OptimizeError('minShare', `minShare ${minShare} cannot be met: the model has no upstream channels, so nothing is spent upstream`);
    }
    if (budget > 0 && downstream.length === 0 && maxShare < 1) {
      throw new OptimizeError('maxShare', `maxShare ${maxShare} cannot be met: the model has no downstream channels, so everything is spent upstream`);
    }
    for (const channel of channels) {
      if (channel.minPerYear > budget) {
        throw new OptimizeError('bounds', `channel "${channel.name}" must spend at least ${money(channel.minPerYear)} a year, more than ${inYear}`);
      }
    }
    const sumOf = (list: readonly PlanChannel[], field: 'minPerYear' | 'maxPerYear') => list.reduce((total, channel) => total + channel[field], 0);
    const listed = (list: readonly PlanChannel[], field: 'minPerYear' | 'maxPerYear') => list
      .filter((channel) => (field === 'minPerYear' ? channel.minPerYear > 0 : true))
      .map((channel) => `${channel.name} ${money(channel[field])}`).join(', ');
    const scale = 1 + 1e-12;
    if (sumOf(channels, 'minPerYear') > budget * scale) {
      throw new OptimizeError('bounds', `the channels' minimum spends add up to ${money(sumOf(channels, 'minPerYear'))} a year (${listed(channels, 'minPerYear')}), more than ${inYear}`);
    }
    if (sumOf(channels, 'maxPerYear') * scale < budget) {
      throw new OptimizeError('bounds', `the channels' maximum spends add up to ${money(sumOf(channels, 'maxPerYear'))} a year (${listed(channels, 'maxPerYear')}), less than ${inYear}: it cannot all be spent`);
    }
    const sides = [
      { name: 'upstream', list: upstream, low: minShare * budget, high: maxShare * budget },
      { name: 'downstream', list: downstream, low: (1 - maxShare) * budget, high: (1 - minShare) * budget },
    ];
    for (const side of sides) {
      if (side.list.length === 0) continue;
      const least = sumOf(side.list, 'minPerYear');
      const most = sumOf(side.list, 'maxPerYear');
      if (least > side.high * scale) {
        throw new OptimizeError('bounds', `the ${side.name} channels' minimum spends (${listed(side.list, 'minPerYear')}) add up to ${money(least)} a year, more than the share limits allow the ${side.name} side of ${inYear} (at most ${money(side.high)})`);
      }
      if (most * scale < side.low) {
        throw new OptimizeError('bounds', `the ${side.name} channels' maximum spends (${listed(side.list, 'maxPerYear')}) add up to ${money(most)} a year, less than the share limits require of the ${side.name} side of ${inYear} (at least ${money(side.low)})`);
      }
    }
  });
}
