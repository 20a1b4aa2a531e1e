/**
 * The presets in the channel form (issue 11): each is a valid model whose lesson holds, checked
 * against the engine here, so a preset that stops showing what its lesson promises fails.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isChannelModel, modelChannels, parseModel, simulate, type Model } from '../../src/engine/index.ts';

function load(file: string): Model {
  return parseModel(JSON.parse(readFileSync(new URL(`../../models/${file}`, import.meta.url), 'utf8')));
}

/** The model with its lesson's change applied, as the app applies it. */
function tried(model: Model): Model {
  const json = structuredClone(model) as unknown as Record<string, any>;
  for (const { path, value } of model.lesson!.change) {
    const keys = path.split('.');
    let section = json;
    for (const key of keys.slice(0, -1)) section = section[key];
    section[keys.at(-1)!] = value;
  }
  return parseModel(json);
}

describe('consumer-channels: spreading a side over channels beats one channel', () => {
  const model = load('consumer-channels.json');
  const before = simulate(model).summary;
  const after = simulate(tried(model)).summary;

  it('is in the channel form, with three channels a side', () => {
    expect(isChannelModel(model)).toBe(true);
    const channels = modelChannels(model);
    expect(channels.upstream.map((channel) => channel.name)).toEqual(['TV', 'Online video', 'Sponsorship']);
    expect(channels.downstream.map((channel) => channel.name)).toEqual(['Search', 'Social', 'Retail media']);
  });

  it('the same money in Search alone earns about 640,000 less marketing NPV with carryover (4.79 M to 4.15 M)', () => {
    expect(after.totalSpend).toBeCloseTo(before.totalSpend, 6);
    expect(before.incrementalNpvWithCarryover / 1e6).toBeCloseTo(4.79, 2);
    expect(after.incrementalNpvWithCarryover / 1e6).toBeCloseTo(4.15, 2);
    expect((before.incrementalNpvWithCarryover - after.incrementalNpvWithCarryover) / 1e3).toBeCloseTo(640, -1);
  });

  it('Search alone runs up its curve: its ROI falls below the ROI Social and Retail media had', () => {
    const roi = (summary: typeof before, name: string) => summary.channels.find((channel) => channel.name === name)!.roi!;
    expect(roi(after, 'Search')).toBeLessThan(roi(before, 'Search'));
    expect(roi(after, 'Search')).toBeLessThan(roi(before, 'Social'));
    expect(roi(after, 'Search')).toBeLessThan(roi(before, 'Retail media'));
  });
});

describe('b2b-channels: judge a slow channel by its value added, not its ROI in a short horizon', () => {
  const model = load('b2b-channels.json');
  const threeYears = simulate(model).summary.channels.find((channel) => channel.name === 'Content')!;
  const oneYear = simulate(tried(model)).summary.channels.find((channel) => channel.name === 'Content')!;

  it('over 3 years Content pays within the horizon', () => {
    expect(threeYears.roi!).toBeGreaterThan(0);
  });

  it('over 1 year Content\'s ROI is about −23 % while its value added stays positive, about 296,000', () => {
    expect(oneYear.roi!).toBeCloseTo(-0.23, 2);
    expect(oneYear.valueAdded / 1e3).toBeCloseTo(296, 0);
  });

  it('every other channel still pays within the year', () => {
    const others = simulate(tried(model)).summary.channels.filter((channel) => channel.name !== 'Content');
    for (const channel of others) expect(channel.roi!, channel.name).toBeGreaterThan(0);
  });
});
