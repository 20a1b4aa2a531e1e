import { describe, expect, it } from 'vitest';
import defaultJson from '../../../models/default.json' with { type: 'json' };
import { fitParameterNormalScale } from '../../../src/engine/fit/fit-parameter-normal-scale.ts';
import { parseModel } from '../../../src/engine/model/parse-model.ts';
import { fitResultFixture } from '../../fixtures/fit-result-fixture.ts';

const channelModel = fitResultFixture().model;
const twoLever = parseModel(defaultJson);
const POSITIVE = { scale: 'log', min: 0, max: Infinity };
const EITHER_SIGN = { scale: 'identity', min: -Infinity, max: Infinity };

describe('fitParameterNormalScale', () => {
  it('puts half-lives, half-saturations and brand lifts on the log scale with a floor of 0, in either form of model', () => {
    for (const path of ['brand.halfLifeMonths', 'brand.demandLift', 'brand.conversionLift', 'upstream.channels.TV.halfSaturation', 'downstream.channels.Search.halfLifeMonths']) {
      expect(fitParameterNormalScale(channelModel, path), path).toEqual(POSITIVE);
    }
    expect(fitParameterNormalScale(twoLever, 'downstream.halfSaturation')).toEqual(POSITIVE);
    expect(fitParameterNormalScale(twoLever, 'brand.demandLift')).toEqual(POSITIVE);
  });

  it('puts a maximum conversion lift (a share) on the logit scale over [0, 1]', () => {
    expect(fitParameterNormalScale(channelModel, 'downstream.channels.Retail media.maxConversionLift')).toEqual({ scale: 'logit', min: 0, max: 1 });
    expect(fitParameterNormalScale(twoLever, 'upstream.lagConcentration')).toMatchObject({ scale: 'logit', min: 0 });
  });

  it('names the fit’s own quantities without a model: the market’s size and σ positive, growth, waves and drivers of either sign', () => {
    expect(fitParameterNormalScale(undefined, 'market.inMarketPerMonth')).toEqual(POSITIVE);
    expect(fitParameterNormalScale(undefined, 'noise.sigma')).toEqual(POSITIVE);
    for (const path of ['market.growthPerYear', 'seasonality.cos1', 'seasonality.sin12', 'price', 'promotion=bundle']) {
      expect(fitParameterNormalScale(undefined, path), path).toEqual(EITHER_SIGN);
    }
  });

  it('leaves a setting it cannot look up (no model, or a path the model lacks) undefined', () => {
    expect(fitParameterNormalScale(undefined, 'brand.demandLift')).toBeUndefined();
    expect(fitParameterNormalScale(channelModel, 'upstream.channels.Radio.halfSaturation')).toBeUndefined();
  });
});
