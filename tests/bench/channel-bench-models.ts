import { readFileSync } from 'node:fs';
import type { ChannelModel, DownstreamChannel, UpstreamChannel } from '../../src/engine/index.ts';

const consumer = JSON.parse(readFileSync(new URL('../../models/consumer-channels.json', import.meta.url), 'utf8')) as ChannelModel;

/**
 * The consumer-channels preset widened to `perSide` channels a side (issue 11's benchmarks use 4 + 4
 * and 6 + 6): its channels, then variations of them with other lags, decays and saturation
 * points, every share equal and β equal, so each side still sums to 1. Scalar budget and shares,
 * no seasonality and no uncertainty (what the hand-written loop handles).
 */
export function benchChannelModel(perSide: number, periodsPerYear: 12 | 52, horizonYears: number): ChannelModel {
  const upstreamBase = Object.values(consumer.upstream.channels);
  const downstreamBase = Object.values(consumer.downstream.channels);
  const upstream: Record<string, UpstreamChannel> = {};
  const downstream: Record<string, DownstreamChannel> = {};
  for (let index = 0; index < perSide; index += 1) {
    const variation = 1 + 0.15 * index;
    const up = upstreamBase[index % upstreamBase.length];
    upstream[`Brand ${index + 1}`] = {
      ...structuredClone(up),
      share: 1 / perSide,
      maxEquityShare: 1 / perSide,
      historyPerMonth: 50000 / perSide,
      lagMonths: Math.min(up.lagWindowMonths, up.lagMonths * variation),
      halfSaturation: (up.halfSaturation * variation * 3) / perSide,
    };
    const down = downstreamBase[index % downstreamBase.length];
    downstream[`Performance ${index + 1}`] = {
      ...structuredClone(down),
      share: 1 / perSide,
      historyPerMonth: 50000 / perSide,
      halfLifeMonths: down.halfLifeMonths * variation,
      halfSaturation: (down.halfSaturation * variation * 3) / perSide,
    };
  }
  const { lesson: _lesson, uncertainty: _uncertainty, $schema: _schema, ...rest } = consumer;
  return {
    ...structuredClone(rest),
    name: `${perSide} + ${perSide} channels`,
    periodsPerYear,
    horizonYears,
    upstream: { insightFeedback: 0.1, channels: upstream },
    downstream: { channels: downstream },
  };
}
