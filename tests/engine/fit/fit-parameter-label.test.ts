import { describe, expect, it } from 'vitest';
import defaultJson from '../../../models/default.json' with { type: 'json' };
import { fitParameterLabel } from '../../../src/engine/fit/fit-parameter-label.ts';
import { parseModel } from '../../../src/engine/model/parse-model.ts';
import { fitResultFixture } from '../../fixtures/fit-result-fixture.ts';

const channelModel = fitResultFixture().model;
const twoLever = parseModel(defaultJson);

describe('fitParameterLabel', () => {
  it('names a channel’s setting as the tornado does, channel first, with the field’s unit', () => {
    expect(fitParameterLabel(channelModel, 'upstream.channels.TV.halfSaturation')).toEqual({ label: 'TV: half-saturation', unit: 'money per month' });
    expect(fitParameterLabel(channelModel, 'downstream.channels.Retail media.maxConversionLift').label).toBe('Retail media: maximum conversion lift');
  });

  it('names model-wide settings by the field table, in either form of model', () => {
    expect(fitParameterLabel(channelModel, 'brand.halfLifeMonths')).toEqual({ label: 'Brand half-life', unit: 'months' });
    expect(fitParameterLabel(twoLever, 'market.inMarketPerMonth')).toEqual({ label: 'Buyers in market', unit: 'people per month' });
    expect(fitParameterLabel(twoLever, 'downstream.halfSaturation').label).toBe('Downstream half-saturation');
  });

  it('names the fit’s own quantities: seasonal waves, the noise, numeric and text drivers', () => {
    expect(fitParameterLabel(channelModel, 'seasonality.cos1')).toEqual({ label: 'Seasonality: cosine 1', unit: 'log-scale effect' });
    expect(fitParameterLabel(channelModel, 'seasonality.sin2').label).toBe('Seasonality: sine 2');
    expect(fitParameterLabel(channelModel, 'noise.sigma').label).toBe('Noise around the fit (σ)');
    expect(fitParameterLabel(channelModel, 'price')).toEqual({ label: 'Driver: price', unit: 'log-scale effect per unit (of its log, for a power-law driver)' });
    expect(fitParameterLabel(channelModel, 'promotion=bundle').label).toBe('Driver: promotion = bundle');
  });

  it('shows an unknown path as it is, and works without a model', () => {
    expect(fitParameterLabel(channelModel, 'upstream.channels.Radio.halfSaturation')).toEqual({ label: 'upstream.channels.Radio.halfSaturation', unit: '' });
    expect(fitParameterLabel(undefined, 'brand.halfLifeMonths')).toEqual({ label: 'brand.halfLifeMonths', unit: '' });
    expect(fitParameterLabel(undefined, 'noise.sigma').label).toBe('Noise around the fit (σ)');
  });
});
