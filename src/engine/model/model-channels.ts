import {
  type ChannelBounds, type DownstreamChannel, type Model, type ShortTerm, type Side, type UpstreamChannel, isChannelModel,
} from './model.ts';

/**
 * One upstream channel with its name, whatever the file's form: the engine's single view of a
 * model's channels (spec §9.1). A two-lever file is one channel a side, named `upstream` and
 * `downstream`, with share 1, maxEquityShare 1 and the history's spend. The settings are the
 * file's (`UpstreamChannel`); the optional ones are always present here, undefined when absent.
 */
export type UpstreamChannelSettings = Omit<UpstreamChannel, 'share' | 'shortTerm' | 'bounds'> & {
  name: string;
  side: 'upstream';
  /** The channel's share of the upstream budget, one for every year or one per year; undefined with a `plan`. */
  share: number | readonly number[] | undefined;
  shortTerm: ShortTerm | undefined;
  bounds: ChannelBounds | undefined;
};

/** One downstream channel with its name, whatever the file's form (see `UpstreamChannelSettings`). */
export type DownstreamChannelSettings = Omit<DownstreamChannel, 'share' | 'bounds'> & {
  name: string;
  side: 'downstream';
  share: number | readonly number[] | undefined;
  bounds: ChannelBounds | undefined;
};

export type ChannelSettings = UpstreamChannelSettings | DownstreamChannelSettings;

/** A model's channels by side, each side in file order, and κ. */
export interface ModelChannels {
  upstream: UpstreamChannelSettings[];
  downstream: DownstreamChannelSettings[];
  insightFeedback: number;
}

/** The name of the single channel of each side in a two-lever model. */
export const TWO_LEVER_CHANNEL_NAMES: Readonly<Record<Side, string>> = { upstream: 'upstream', downstream: 'downstream' };

/**
 * The channels of a validated model (spec §9.1), in either form.
 * @example modelChannels(twoLeverModel).upstream[0].name // "upstream"
 */
export function modelChannels(model: Model): ModelChannels {
  if (isChannelModel(model)) {
    return {
      upstream: Object.entries(model.upstream.channels).map(([name, channel]) => ({
        name,
        side: 'upstream',
        share: channel.share,
        historyPerMonth: channel.historyPerMonth,
        lagMonths: channel.lagMonths,
        lagConcentration: channel.lagConcentration,
        lagWindowMonths: channel.lagWindowMonths,
        halfSaturation: channel.halfSaturation,
        shape: channel.shape,
        maxEquityShare: channel.maxEquityShare,
        shortTerm: channel.shortTerm,
        bounds: channel.bounds,
      })),
      downstream: Object.entries(model.downstream.channels).map(([name, channel]) => ({
        name,
        side: 'downstream',
        share: channel.share,
        historyPerMonth: channel.historyPerMonth,
        halfLifeMonths: channel.halfLifeMonths,
        halfSaturation: channel.halfSaturation,
        shape: channel.shape,
        maxConversionLift: channel.maxConversionLift,
        bounds: channel.bounds,
      })),
      insightFeedback: model.upstream.insightFeedback,
    };
  }
  return {
    upstream: [{
      name: TWO_LEVER_CHANNEL_NAMES.upstream,
      side: 'upstream',
      share: model.plan === undefined ? 1 : undefined,
      historyPerMonth: model.history.upstreamPerMonth,
      lagMonths: model.upstream.lagMonths,
      lagConcentration: model.upstream.lagConcentration,
      lagWindowMonths: model.upstream.lagWindowMonths,
      halfSaturation: model.upstream.halfSaturation,
      shape: model.upstream.shape,
      maxEquityShare: 1,
      shortTerm: model.upstream.shortTerm,
      bounds: undefined,
    }],
    downstream: [{
      name: TWO_LEVER_CHANNEL_NAMES.downstream,
      side: 'downstream',
      share: model.plan === undefined ? 1 : undefined,
      historyPerMonth: model.history.downstreamPerMonth,
      halfLifeMonths: model.downstream.halfLifeMonths,
      halfSaturation: model.downstream.halfSaturation,
      shape: model.downstream.shape,
      maxConversionLift: model.downstream.maxConversionLift,
      bounds: undefined,
    }],
    insightFeedback: model.upstream.insightFeedback,
  };
}

/** Every channel, upstream ones first, each side in file order: the order of results and plans. */
export function channelList(channels: ModelChannels): ChannelSettings[] {
  return [...channels.upstream, ...channels.downstream];
}
