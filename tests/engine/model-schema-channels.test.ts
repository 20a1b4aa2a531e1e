import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseModel } from '../../src/engine/model/parse-model.ts';
import { modelJsonSchema } from '../../src/engine/model/model-schema.ts';
import { DOWNSTREAM_CHANNEL_FIELDS, UPSTREAM_CHANNEL_FIELDS, type ChannelField } from '../../src/engine/model/channel-fields.ts';
import type { NumberRule } from '../../src/engine/model/model-fields.ts';
import { anyChannelModel } from './channel-arbitraries.ts';

// The channel form in models/model.schema.json: the schema accepts what parseModel accepts and
// refuses what it refuses, wherever a schema can state the rule (spec 9.1).

type Json = Record<string, any>;

const validateWithSchema = new Ajv2020({ allErrors: true, strict: true, strictRequired: false }).compile(modelJsonSchema());
const fixture: Json = JSON.parse(readFileSync(new URL('./fixtures/channel-example.json', import.meta.url), 'utf8'));
const channelExample = (): Json => structuredClone(fixture);

function parses(input: unknown): boolean {
  try {
    parseModel(input);
    return true;
  } catch {
    return false;
  }
}

function renamed(channels: Json, from: string, to: string): Json {
  const result: Json = {};
  for (const [name, value] of Object.entries(channels)) {
    Object.defineProperty(result, name === from ? to : name, { value, enumerable: true, writable: true, configurable: true });
  }
  return result;
}

/** Values just outside a rule, on each side it has. */
function valuesBreaking(rule: NumberRule): unknown[] {
  const values: unknown[] = ['12', null, true];
  if (rule.min !== undefined) values.push(rule.minExclusive ? rule.min : rule.min - 0.001);
  if (rule.max !== undefined) values.push(rule.maxExclusive ? rule.max : rule.max + 0.001);
  if (rule.integer) values.push((rule.min ?? 0) + 0.5);
  return values;
}

describe('the JSON Schema of the channel form', () => {
  it('accepts the spec example and every channel-form preset in models/', () => {
    expect(validateWithSchema(channelExample()), JSON.stringify(validateWithSchema.errors)).toBe(true);
    const folder = new URL('../../models/', import.meta.url);
    for (const file of readdirSync(folder).filter((name) => name.endsWith('.json') && name !== 'model.schema.json')) {
      const model = JSON.parse(readFileSync(new URL(file, folder), 'utf8'));
      expect(validateWithSchema(model), `${file}: ${JSON.stringify(validateWithSchema.errors)}`).toBe(true);
    }
  });

  it('accepts a plan keyed by channel without shares, a shortTerm, bounds, a side with no channels and uncertainty on channel paths', () => {
    const input = channelExample();
    const row = Array.from({ length: 36 }, () => 1000);
    for (const side of ['upstream', 'downstream']) for (const channel of Object.values(input[side].channels) as Json[]) delete channel.share;
    delete input.budget;
    input.plan = { TV: row, Sponsorship: row, Search: row, Social: row };
    input.upstream.channels.TV.shortTerm = { halfLifeMonths: 0.5, halfSaturation: 40000, shape: 1, maxConversionLift: 0.004 };
    input.downstream.channels.Search.bounds = { minPerYear: 1000 };
    input.uncertainty = {
      'upstream.channels.TV.shortTerm.shape': { dist: 'uniform', min: 1, max: 2 },
      'downstream.channels.Social.maxConversionLift': { dist: 'beta', alpha: 2, beta: 50 },
      'brand.halfLifeMonths': { dist: 'lognormal', median: 24, sigma: 0.4 },
    };
    expect(parses(input)).toBe(true);
    expect(validateWithSchema(input), JSON.stringify(validateWithSchema.errors)).toBe(true);
    const noUpstream = channelExample();
    noUpstream.upstream.channels = {};
    noUpstream.budget.upstreamShare = 0;
    expect(parses(noUpstream)).toBe(true);
    expect(validateWithSchema(noUpstream), JSON.stringify(validateWithSchema.errors)).toBe(true);
  });

  it('accepts every random channel model, which parseModel reads back unchanged (fast-check)', () => {
    fc.assert(fc.property(anyChannelModel, (model) => {
      const json = JSON.parse(JSON.stringify(model));
      expect(parseModel(json)).toEqual(model);
      expect(validateWithSchema(json), JSON.stringify(validateWithSchema.errors)).toBe(true);
    }), { numRuns: 200 });
  });

  const refused: [string, (input: Json) => void][] = [
    ['a name with a dot', (input) => { input.upstream.channels = renamed(input.upstream.channels, 'TV', 'TV.Brand'); }],
    ['__proto__ as a name', (input) => { input.downstream.channels = renamed(input.downstream.channels, 'Social', '__proto__'); }],
    ['constructor as a name', (input) => { input.downstream.channels = renamed(input.downstream.channels, 'Social', 'constructor'); }],
    ['a name of 61 characters', (input) => { input.upstream.channels = renamed(input.upstream.channels, 'Sponsorship', 'S'.repeat(61)); }],
    ['a name starting with a digit', (input) => { input.upstream.channels = renamed(input.upstream.channels, 'TV', '1TV'); }],
    ['13 channels', (input) => {
      input.downstream.channels = Object.fromEntries(Array.from({ length: 13 }, (_, index) => [`C${index}`, { ...input.downstream.channels.Search, share: index === 0 ? 0.25 : 1 / 16 }]));
    }],
    ['no channels at all', (input) => { input.upstream.channels = {}; input.downstream.channels = {}; }],
    ['a history in channel form', (input) => { input.history = { upstreamPerMonth: 1, downstreamPerMonth: 1 }; }],
    ['a mixed file', (input) => { input.downstream = { halfLifeMonths: 0.5, halfSaturation: 15000, shape: 1.5, maxConversionLift: 0.015 }; }],
    ['a shortTerm with a negative half-life', (input) => {
      input.upstream.channels.TV.shortTerm = { halfLifeMonths: -1, halfSaturation: 40000, shape: 1, maxConversionLift: 0.004 };
    }],
    ['a shortTerm on a downstream channel', (input) => {
      input.downstream.channels.Search.shortTerm = { halfLifeMonths: 1, halfSaturation: 40000, shape: 1, maxConversionLift: 0.004 };
    }],
    ['a missing share without a plan', (input) => { delete input.downstream.channels.Social.share; }],
    ['an unknown channel setting', (input) => { input.upstream.channels.TV.lagMonth = 4; }],
    ['a two-lever field beside channels', (input) => { input.upstream.lagMonths = 4; }],
    ['a negative bound', (input) => { input.downstream.channels.Social.bounds = { maxPerYear: -1 }; }],
    ['uncertainty on a two-lever path', (input) => { input.uncertainty = { 'upstream.halfSaturation': { dist: 'lognormal', median: 1, sigma: 0.1 } }; }],
    ['uncertainty on a share', (input) => { input.uncertainty = { 'upstream.channels.TV.share': { dist: 'uniform', min: 0.5, max: 0.8 } }; }],
    ['a negative spend in a plan', (input) => {
      const row = Array.from({ length: 36 }, () => 1000);
      input.plan = { TV: row, Sponsorship: row, Search: row, Social: row.map((value, index) => (index === 0 ? -1 : value)) };
    }],
  ];

  it.each(refused)('refuses %s, as parseModel does', (_, change) => {
    const input = channelExample();
    change(input);
    expect(parses(input)).toBe(false);
    expect(validateWithSchema(input)).toBe(false);
  });

  const fieldCases = (side: 'upstream' | 'downstream', fields: readonly ChannelField[]) => fields
    .filter((field) => !field.key.includes('.'))
    .map((field) => [`${side}.channels.*.${field.key}`, side, field] as const);

  it.each([...fieldCases('upstream', UPSTREAM_CHANNEL_FIELDS), ...fieldCases('downstream', DOWNSTREAM_CHANNEL_FIELDS)])(
    'refuses what parseModel refuses for %s',
    (_, side, field) => {
      for (const value of valuesBreaking(field.rule)) {
        const input = channelExample();
        const [name] = Object.keys(input[side].channels);
        input[side].channels[name][field.key] = value;
        expect(parses(input), `parseModel with ${field.key} = ${JSON.stringify(value)}`).toBe(false);
        expect(validateWithSchema(input), `schema with ${field.key} = ${JSON.stringify(value)}`).toBe(false);
      }
    },
  );
});
