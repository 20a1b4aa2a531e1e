/**
 * The speed case for the optimiser over channels: flighting across 4 + 4 channels of a
 * 5-year monthly model (480 spend variables). models/consumer-channels.json (3 + 3 channels)
 * with a fourth channel a side (Podcasts upstream, Email downstream), shares rescaled to sum 1,
 * over 5 years. For `npm run bench` (tests/bench/) and channel-flighting-reference.test.ts.
 */
import { readFileSync } from 'node:fs';
import { parseModel, type ChannelModel } from '../../../src/engine/index.ts';

export function fourByFourChannelModel(): ChannelModel {
  const raw = JSON.parse(readFileSync(new URL('../../../models/consumer-channels.json', import.meta.url), 'utf8')) as ChannelModel;
  delete raw.lesson;
  raw.horizonYears = 5;
  const upstream = raw.upstream.channels;
  const downstream = raw.downstream.channels;
  upstream.Podcasts = {
    share: 0.1, historyPerMonth: 5000, lagMonths: 2, lagConcentration: 0.6, lagWindowMonths: 9,
    halfSaturation: 15000, shape: 1.0, maxEquityShare: 0.1,
  };
  downstream.Email = { share: 0.1, historyPerMonth: 5000, halfLifeMonths: 0.3, halfSaturation: 6000, shape: 1.2, maxConversionLift: 0.002 };
  for (const side of [upstream, downstream] as Record<string, { share?: number | number[]; maxEquityShare?: number }>[]) {
    const names = Object.keys(side);
    const total = names.reduce((sum, name) => sum + (side[name].share as number), 0);
    for (const name of names) side[name].share = (side[name].share as number) / total;
    if (side === upstream) {
      const equity = names.reduce((sum, name) => sum + (side[name].maxEquityShare as number), 0);
      for (const name of names) side[name].maxEquityShare = (side[name].maxEquityShare as number) / equity;
    }
  }
  return parseModel(raw) as ChannelModel;
}
