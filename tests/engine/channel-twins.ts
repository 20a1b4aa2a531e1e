import type {
  ChannelModel, DownstreamChannel, ModelCommon, TwoLeverModel, UpstreamChannel,
} from '../../src/engine/model/model.ts';

/**
 * A model written in the other file form with the same meaning (spec §9.1: a two-lever file is
 * the channel form with one channel a side, share 1, maxEquityShare 1, historyPerMonth from
 * `history`, the other settings from the side's object, `upstream.shortTerm` becoming the
 * upstream channel's). For tests that run a model both ways.
 *
 * The twins leave out `lesson` and `uncertainty`: their paths name the form's fields
 * (`upstream.halfSaturation`), and simulate reads neither.
 */

/** The two channel names of a channel twin. */
export interface TwinNames {
  upstream: string;
  downstream: string;
}

export const DEFAULT_TWIN_NAMES: TwinNames = { upstream: 'Brand', downstream: 'Performance' };

function commonOf(model: ModelCommon): ModelCommon {
  const { lesson: _lesson, uncertainty: _uncertainty, ...common } = model;
  return common;
}

/** The channel-form twin of a two-lever model: one channel a side, named `names`. */
export function channelTwin(model: TwoLeverModel, names: TwinNames = DEFAULT_TWIN_NAMES): ChannelModel {
  const { history, plan, upstream, downstream, ...rest } = model;
  const { insightFeedback, shortTerm, ...upstreamSettings } = upstream;
  const upstreamChannel: UpstreamChannel = { share: 1, historyPerMonth: history.upstreamPerMonth, ...upstreamSettings, maxEquityShare: 1 };
  if (shortTerm !== undefined) upstreamChannel.shortTerm = { ...shortTerm };
  const downstreamChannel: DownstreamChannel = { share: 1, historyPerMonth: history.downstreamPerMonth, ...downstream };
  const twin: ChannelModel = {
    ...commonOf(rest),
    upstream: { insightFeedback, channels: { [names.upstream]: upstreamChannel } },
    downstream: { channels: { [names.downstream]: downstreamChannel } },
  };
  if (plan !== undefined) twin.plan = { [names.upstream]: [...plan.upstream], [names.downstream]: [...plan.downstream] };
  return twin;
}

/**
 * The two-lever twin of a channel model with one channel a side whose share is 1 in every year
 * (or absent, with a plan) and whose β is 1.
 */
export function twoLeverTwin(model: ChannelModel): TwoLeverModel {
  const { plan, upstream, downstream, ...rest } = model;
  const [upstreamName, upstreamChannel] = onlyChannel(upstream.channels);
  const [downstreamName, downstreamChannel] = onlyChannel(downstream.channels);
  const {
    share: _upShare, historyPerMonth: upstreamHistory, maxEquityShare, shortTerm, bounds: _upBounds, ...upstreamSettings
  } = upstreamChannel;
  const { share: _downShare, historyPerMonth: downstreamHistory, bounds: _downBounds, ...downstreamSettings } = downstreamChannel;
  if (maxEquityShare !== 1) throw new Error('a two-lever twin needs maxEquityShare 1');
  const twin: TwoLeverModel = {
    ...commonOf(rest),
    history: { upstreamPerMonth: upstreamHistory, downstreamPerMonth: downstreamHistory },
    upstream: { ...upstreamSettings, insightFeedback: upstream.insightFeedback },
    downstream: downstreamSettings,
  };
  if (shortTerm !== undefined) twin.upstream.shortTerm = { ...shortTerm };
  if (plan !== undefined) twin.plan = { upstream: [...plan[upstreamName]], downstream: [...plan[downstreamName]] };
  return twin;
}

function onlyChannel<T>(channels: Record<string, T>): [string, T] {
  const entries = Object.entries(channels);
  if (entries.length !== 1) throw new Error(`a two-lever twin needs one channel a side, not ${entries.length}`);
  return entries[0];
}
