import { describe, expect, it } from 'vitest';
import {
  CHANNEL_SHORT_TERM_FIELDS, DOWNSTREAM_CHANNEL_FIELDS, UPSTREAM_CHANNEL_FIELDS, channelNameProblem, channelProblem, channelSettingAt, channelSettingPaths,
  splitChannelPath,
} from '../../src/engine/model/channel-fields.ts';
import { CURVE_RULES, NUMBER_FIELDS, SHORT_TERM_FIELDS } from '../../src/engine/model/model-fields.ts';
import type { ChannelModel } from '../../src/engine/model/model.ts';
import { parseModel } from '../../src/engine/model/parse-model.ts';
import { channelExample } from './channel-bad-inputs.ts';

// The channel field table (label, unit, help, rule of each channel setting) and the resolver
// from a path such as upstream.channels.TV.halfSaturation to the field and its value.

const model = () => parseModel(channelExample()) as ChannelModel;
const twoLever = (path: string) => NUMBER_FIELDS.find((field) => field.path === path)!;

describe('the channel field table', () => {
  it('gives every channel setting a label, a unit, help and a rule', () => {
    for (const field of [...UPSTREAM_CHANNEL_FIELDS, ...DOWNSTREAM_CHANNEL_FIELDS]) {
      expect(field.label, field.key).not.toBe('');
      expect(field.unit, field.key).not.toBe('');
      expect(field.help.length, field.key).toBeGreaterThan(20);
      expect(field.rule, field.key).toBeDefined();
    }
  });

  it('takes the rule and unit of the two-lever field with the same meaning', () => {
    const pairs: [readonly { key: string; rule: unknown; unit: string }[], string, string][] = [
      [UPSTREAM_CHANNEL_FIELDS, 'lagMonths', 'upstream.lagMonths'],
      [UPSTREAM_CHANNEL_FIELDS, 'lagConcentration', 'upstream.lagConcentration'],
      [UPSTREAM_CHANNEL_FIELDS, 'lagWindowMonths', 'upstream.lagWindowMonths'],
      [UPSTREAM_CHANNEL_FIELDS, 'halfSaturation', 'upstream.halfSaturation'],
      [UPSTREAM_CHANNEL_FIELDS, 'shape', 'upstream.shape'],
      [DOWNSTREAM_CHANNEL_FIELDS, 'halfLifeMonths', 'downstream.halfLifeMonths'],
      [DOWNSTREAM_CHANNEL_FIELDS, 'halfSaturation', 'downstream.halfSaturation'],
      [DOWNSTREAM_CHANNEL_FIELDS, 'shape', 'downstream.shape'],
      [DOWNSTREAM_CHANNEL_FIELDS, 'maxConversionLift', 'downstream.maxConversionLift'],
      [DOWNSTREAM_CHANNEL_FIELDS, 'historyPerMonth', 'history.downstreamPerMonth'],
      [UPSTREAM_CHANNEL_FIELDS, 'historyPerMonth', 'history.upstreamPerMonth'],
    ];
    for (const [fields, key, path] of pairs) {
      const field = fields.find((candidate) => candidate.key === key)!;
      expect(field.rule, key).toEqual(twoLever(path).rule);
      expect(field.unit, key).toBe(twoLever(path).unit);
    }
    expect(CHANNEL_SHORT_TERM_FIELDS.map((field) => field.key)).toEqual(SHORT_TERM_FIELDS.map((field) => field.path.replace('upstream.', '')));
    expect(CHANNEL_SHORT_TERM_FIELDS.map((field) => field.rule)).toEqual(Object.values(CURVE_RULES));
  });

  it('marks the decisions and the run-length settings as never uncertain', () => {
    const fixed = [...UPSTREAM_CHANNEL_FIELDS, ...DOWNSTREAM_CHANNEL_FIELDS].filter((field) => field.fixedReason !== undefined).map((field) => `${field.side}:${field.key}`);
    expect(fixed).toEqual([
      'upstream:share', 'upstream:lagWindowMonths', 'upstream:maxEquityShare', 'upstream:bounds.minPerYear', 'upstream:bounds.maxPerYear',
      'downstream:share', 'downstream:bounds.minPerYear', 'downstream:bounds.maxPerYear',
    ]);
  });
});

describe('channelSettingAt', () => {
  it('resolves upstream.channels.TV.halfSaturation to its field, value and setter', () => {
    const channels = model();
    const setting = channelSettingAt(channels, 'upstream.channels.TV.halfSaturation')!;
    expect(setting.side).toBe('upstream');
    expect(setting.channel).toBe('TV');
    expect(setting.field).toMatchObject({ path: 'upstream.channels.TV.halfSaturation', label: 'Half-saturation', unit: 'money per month', group: 'Upstream' });
    expect(setting.get()).toBe(45000);
    setting.set(50000);
    expect(channels.upstream.channels.TV.halfSaturation).toBe(50000);
  });

  it('reads a yearly share and writes a short-term setting, creating the shortTerm object', () => {
    const channels = model();
    expect(channelSettingAt(channels, 'downstream.channels.Search.share')!.get()).toBe(0.6);
    const shape = channelSettingAt(channels, 'upstream.channels.Sponsorship.shortTerm.shape')!;
    expect(shape.get()).toBeUndefined();
    shape.set(1.5);
    expect(channels.upstream.channels.Sponsorship.shortTerm).toEqual({ shape: 1.5 });
    expect(shape.field.label).toBe('Short-term curve shape');
  });

  it('finds nothing for an unknown channel or field, a two-lever model, or a name on the prototype', () => {
    const channels = model();
    expect(channelSettingAt(channels, 'upstream.channels.Radio.shape')).toBeUndefined();
    expect(channelSettingAt(channels, 'upstream.channels.Search.shape')).toBeUndefined();
    expect(channelSettingAt(channels, 'upstream.channels.toString.shape')).toBeUndefined();
    expect(channelSettingAt(channels, 'downstream.channels.Search.lagMonths')).toBeUndefined();
    expect(channelSettingAt(channels, 'upstream.halfSaturation')).toBeUndefined();
  });

  it('lists every setting path of a model, the optional ones only where present', () => {
    const input = channelExample();
    input.upstream.channels.TV.shortTerm = { halfLifeMonths: 0.5, halfSaturation: 40000, shape: 1, maxConversionLift: 0.004 };
    input.downstream.channels.Social.bounds = { maxPerYear: 1e6 };
    const paths = channelSettingPaths(parseModel(input));
    expect(paths.filter((path) => path.startsWith('upstream.channels.TV.'))).toEqual([
      'share', 'historyPerMonth', 'lagMonths', 'lagConcentration', 'lagWindowMonths', 'halfSaturation', 'shape', 'maxEquityShare',
      'shortTerm.halfLifeMonths', 'shortTerm.halfSaturation', 'shortTerm.shape', 'shortTerm.maxConversionLift',
    ].map((key) => `upstream.channels.TV.${key}`));
    expect(paths.filter((path) => path.startsWith('downstream.channels.Social.'))).toEqual([
      'share', 'historyPerMonth', 'halfLifeMonths', 'halfSaturation', 'shape', 'maxConversionLift', 'bounds.maxPerYear',
    ].map((key) => `downstream.channels.Social.${key}`));
    expect(paths).toHaveLength(12 + 8 + 6 + 7);
    for (const path of paths) expect(channelSettingAt(parseModel(input), path), path).toBeDefined();
  });

  it('splits a channel path, the key possibly nested', () => {
    expect(splitChannelPath('upstream.channels.TV.shortTerm.shape')).toEqual({ side: 'upstream', channel: 'TV', key: 'shortTerm.shape' });
    expect(splitChannelPath('upstream.channels.TV')).toBeUndefined();
    expect(splitChannelPath('brand.channels.TV.shape')).toBeUndefined();
  });
});

describe('channel names', () => {
  it.each([
    ['TV', undefined],
    ['Online video', undefined],
    ['Télé', undefined],
    ['x'.repeat(60), undefined],
    ['', 'must be 1 to 60 characters'],
    ['__proto__', 'is not allowed (names must not be __proto__, constructor, prototype)'],
    ['prototype', 'is not allowed (names must not be __proto__, constructor, prototype)'],
    ['x'.repeat(61), 'must be at most 60 characters, got 61'],
    ['😀'.repeat(60), 'must start with a letter'],
    ['2nd TV', 'must start with a letter'],
    [' TV', 'must start with a letter'],
    ['TV.Brand', 'must not contain "." (it separates the parts of paths such as upstream.channels.TV.halfSaturation)'],
  ])('channelNameProblem(%j) is %j', (name, problem) => {
    expect(channelNameProblem(name)).toBe(problem);
  });

  it('says why a path names no channel: the other side, a close name, or none', () => {
    const names = { upstream: ['TV', 'Sponsorship'], downstream: ['Search', 'Social'] };
    expect(channelProblem(names, 'upstream.channels.TV.shape')).toBeUndefined();
    expect(channelProblem(names, 'upstream.channels.Social.shape')).toBe('Social is a downstream channel: write downstream.channels.Social.shape');
    expect(channelProblem(names, 'downstream.channels.Sponsorhip.shape')).toBe(
      'there is no downstream channel named Sponsorhip; did you mean upstream.channels.Sponsorship.shape? (downstream channels: Search, Social)',
    );
    expect(channelProblem({ upstream: [], downstream: ['Search'] }, 'upstream.channels.Radio.shape')).toBe('there is no upstream channel named Radio (the upstream side has no channels)');
  });
});
