import { readFileSync } from 'node:fs';

/**
 * The bad inputs of issue 11, each rule of spec 9.1 broken on its own: made from the valid spec
 * example in the channel form (fixtures/channel-example.json) by one change, with the path and the
 * message parseModel gives. Shared by the engine's and the command's tests.
 */

/** Parsed JSON of any shape. */
export type Json = Record<string, any>;

const fixture: Json = JSON.parse(readFileSync(new URL('./fixtures/channel-example.json', import.meta.url), 'utf8'));

/** A fresh copy of the spec example in the channel form. */
export const channelExample = (): Json => structuredClone(fixture);

/** A valid downstream channel with the given share. */
export const downstreamChannel = (share: number): Json => ({ share, historyPerMonth: 1000, halfLifeMonths: 0.5, halfSaturation: 8000, shape: 1.2, maxConversionLift: 0.005 });

/** The channels object with one key renamed, in the same place. */
export function renamed(channels: Json, from: string, to: string): Json {
  // Built with defineProperty so that "__proto__" becomes an own key, as JSON.parse makes it.
  const result: Json = {};
  for (const [name, value] of Object.entries(channels)) {
    Object.defineProperty(result, name === from ? to : name, { value, enumerable: true, writable: true, configurable: true });
  }
  return result;
}

/** [what is wrong, the change, the path named, the message]. */
export const CHANNEL_BAD_INPUTS: readonly (readonly [string, (input: Json) => void, string, string])[] = [
  ['a name with a dot', (input) => { input.upstream.channels = renamed(input.upstream.channels, 'TV', 'TV.Brand'); },
    'upstream.channels.TV.Brand', 'upstream.channels: the channel name "TV.Brand" must not contain "." (it separates the parts of paths such as upstream.channels.TV.halfSaturation)'],
  ['__proto__ as a name', (input) => { input.downstream.channels = renamed(input.downstream.channels, 'Social', '__proto__'); },
    'downstream.channels.__proto__', 'downstream.channels: the channel name "__proto__" is not allowed (names must not be __proto__, constructor, prototype)'],
  ['the same name on both sides', (input) => { input.downstream.channels = renamed(input.downstream.channels, 'Social', 'TV'); },
    'downstream.channels.TV', 'downstream.channels: the channel name "TV" is also an upstream channel\'s; channel names must be unique across both sides'],
  ['13 channels', (input) => {
    input.downstream.channels = Object.fromEntries(Array.from({ length: 13 }, (_, index) => [`Channel ${index + 1}`, downstreamChannel(index === 0 ? 0.25 : 1 / 16)]));
  }, 'downstream.channels', 'downstream.channels must have at most 12 channels, got 13'],
  ['shares summing to 0.9', (input) => { input.upstream.channels.TV.share = 0.6; },
    'upstream.channels.TV.share', 'upstream.channels.TV.share must sum to 1 with the other upstream shares, got 0.9 (TV 0.6 + Sponsorship 0.3)'],
  ['β summing to 1.1', (input) => { input.upstream.channels.TV.maxEquityShare = 0.8; },
    'upstream.channels.TV.maxEquityShare', 'upstream.channels.TV.maxEquityShare must sum to 1 with the other upstream channels\' maxEquityShare, got 1.1 (TV 0.8 + Sponsorship 0.3)'],
  ['a plan without one channel', (input) => {
    const row = Array.from({ length: 36 }, () => 10000);
    input.plan = { TV: row, Sponsorship: row, Search: row };
  }, 'plan.Social', 'plan.Social is required: the plan gives every channel\'s spend per period'],
  ['a history in channel form', (input) => { input.history = { upstreamPerMonth: 50000, downstreamPerMonth: 50000 }; },
    'history', 'history must be left out in the channel form: each channel gives its own historyPerMonth'],
  ['a mixed file', (input) => { input.downstream = { halfLifeMonths: 0.5, halfSaturation: 15000, shape: 1.5, maxConversionLift: 0.015 }; },
    'downstream', 'downstream must be in the channel form too (a "channels" object, as upstream has): a file is either all two-lever or all channel form'],
  ['a shortTerm with a negative half-life', (input) => {
    input.upstream.channels.TV.shortTerm = { halfLifeMonths: -1, halfSaturation: 40000, shape: 1, maxConversionLift: 0.004 };
  }, 'upstream.channels.TV.shortTerm.halfLifeMonths', 'upstream.channels.TV.shortTerm.halfLifeMonths must be > 0, got -1'],
  ['a name of 61 characters', (input) => { input.upstream.channels = renamed(input.upstream.channels, 'Sponsorship', 'S'.repeat(61)); },
    `upstream.channels.${'S'.repeat(61)}`, `upstream.channels: the channel name "${'S'.repeat(61)}" must be at most 60 characters, got 61`],
];
