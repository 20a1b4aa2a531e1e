import { describe, expect, it } from 'vitest';
import { grounding } from '../../src/engine/grounding.ts';
import type { Model } from '../../src/engine/model/model.ts';
import { parseModel } from '../../src/engine/model/parse-model.ts';
import { marginalRoi } from '../../src/engine/sim/marginal-roi.ts';
import { pinnedTwoLever } from './objective-gradient-models.ts';

const SHORT_TERM = { halfLifeMonths: 0.75, halfSaturation: 40000, shape: 1.3, maxConversionLift: 0.006 };

/**
 * The two-lever model with each side split into two identical halves: half the history, half
 * the half-saturation point, half of β or of the conversion lift each. Hill(x/2; K/2) = Hill(x; K),
 * so every equation gives what the two-lever model gives, up to rounding: a closed-form check of
 * the channel form.
 */
function splitInHalves(model: Model & { history: { upstreamPerMonth: number; downstreamPerMonth: number } }): Model {
  const { history, upstream, downstream, ...rest } = structuredClone(model) as any;
  const { insightFeedback, shortTerm, ...upstreamCurve } = upstream;
  const half = (name: string) => [name, {
    ...upstreamCurve,
    share: 0.5,
    historyPerMonth: history.upstreamPerMonth / 2,
    halfSaturation: upstreamCurve.halfSaturation / 2,
    maxEquityShare: 0.5,
    ...(shortTerm === undefined ? {} : { shortTerm: { ...shortTerm, halfSaturation: shortTerm.halfSaturation / 2, maxConversionLift: shortTerm.maxConversionLift / 2 } }),
  }];
  const downstreamHalf = (name: string) => [name, {
    ...downstream,
    share: 0.5,
    historyPerMonth: history.downstreamPerMonth / 2,
    halfSaturation: downstream.halfSaturation / 2,
    maxConversionLift: downstream.maxConversionLift / 2,
  }];
  return parseModel({
    ...rest,
    upstream: { insightFeedback, channels: Object.fromEntries([half('TV'), half('Video')]) },
    downstream: { channels: Object.fromEntries([downstreamHalf('Search'), downstreamHalf('Social')]) },
  });
}

const twoLever = pinnedTwoLever((json) => {
  json.upstream.shortTerm = { ...SHORT_TERM };
  json.upstream.insightFeedback = 0.4;
  json.economics.carryoverBaseline = 'history';
  json.brand.initialEquity = 'history';
});
const halves = splitInHalves(twoLever as never);

describe('grounding and marginal ROI of a model split into identical half channels', () => {
  it('give the two-lever model\'s grounding measures', () => {
    const expected = grounding(twoLever);
    const measured = grounding(halves);
    for (const [measure, value] of Object.entries(expected)) {
      const split = measured[measure as keyof typeof measured];
      expect(Math.abs((split as number) - (value as number)), measure).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(value as number)));
    }
  });

  it('give the two-lever model\'s marginal ROIs, on each side and in each half', () => {
    const expected = marginalRoi(twoLever);
    const measured = marginalRoi(halves);
    expect(measured.upstream).toBeCloseTo(expected.upstream, 9);
    expect(measured.downstream).toBeCloseTo(expected.downstream, 9);
    for (const channel of measured.channels) expect(channel.marginalRoi).toBeCloseTo(expected[channel.side], 9);
  });
});
