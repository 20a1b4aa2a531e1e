import { describe, expect, it } from 'vitest';
import { channelFieldAt, channelFieldDisplay, channelMessage, sideIssues } from '../../src/app/channel-field-display.ts';
import { UPSTREAM_CHANNEL_FIELDS } from '../../src/engine/model/channel-fields.ts';

describe('channel fields on screen', () => {
  it('shows each setting in the box of the two-lever field it means: shares in percent, amounts in money', () => {
    const byKey = (key: string) => channelFieldDisplay(UPSTREAM_CHANNEL_FIELDS.find((field) => field.key === key)!);
    expect(byKey('share')).toMatchObject({ kind: 'percent', suffix: '%', label: 'Share of side budget' });
    expect(byKey('maxEquityShare')).toMatchObject({ kind: 'percent', label: 'Share of maximum equity' });
    expect(byKey('historyPerMonth')).toMatchObject({ kind: 'money', suffix: 'per month', grouping: true });
    expect(byKey('lagMonths')).toMatchObject({ kind: 'number', suffix: 'months' });
    expect(byKey('shortTerm.maxConversionLift')).toMatchObject({ kind: 'percent' });
    expect(byKey('bounds.maxPerYear')).toMatchObject({ kind: 'money', suffix: 'per year' });
  });

  it('finds the field of a channel path, a yearly one too', () => {
    expect(channelFieldAt('downstream.channels.Retail media.share[2]')).toMatchObject({ side: 'downstream', channel: 'Retail media', field: { key: 'share' } });
    expect(channelFieldAt('budget.perYear')).toBeUndefined();
  });

  it('words a value out of range by the field, in the box’s unit: a share of 120 %', () => {
    const issue = { path: 'downstream.channels.Search.share', message: 'downstream.channels.Search.share must be between 0 and 1, got 1.2' };
    expect(channelMessage(issue, 1.2)).toBe('Search: share of side budget must be between 0 and 100 %, got 120 %');
    expect(channelMessage({ path: 'upstream.channels.TV.halfSaturation', message: 'x' }, -5)).toBe('TV: half-saturation must be more than 0 a month, got -5 a month');
  });

  it('keeps the engine’s sentence for a rule between fields, with the path named in words', () => {
    const issue = { path: 'downstream.channels.Search.share', message: 'downstream.channels.Search.share and the other downstream shares must sum to 1' };
    expect(channelMessage(issue, 0.5)).toBe('Search: share of side budget and the other downstream shares must sum to 1');
  });

  it('sorts a side’s problems into those of each channel and those of the side', () => {
    const issues = [
      { path: 'upstream.channels', message: 'shares sum to 0.9' },
      { path: 'upstream.channels.TV.share', message: 'a' },
      { path: 'upstream.channels.TVX.share', message: 'b' },
      { path: 'downstream.channels.TV.share', message: 'c' },
    ];
    const upstream = sideIssues(issues, 'upstream');
    expect(upstream.forSide.map((issue) => issue.message)).toEqual(['shares sum to 0.9']);
    expect(upstream.forChannel('TV').map((issue) => issue.message)).toEqual(['a']);
  });
});

describe('help by each channel field', () => {
  it('speaks of the channel’s spend and of percent boxes in percent, never in the file’s fractions', () => {
    const help = (key: string) => channelFieldDisplay(UPSTREAM_CHANNEL_FIELDS.find((field) => field.key === key)!).help;
    expect(help('shortTerm.maxConversionLift')).toBe('Percentage points of conversion that saturating this channel’s spend adds this month (0.5 means 0.5 points more of the buyers buy).');
    expect(help('shortTerm.halfSaturation')).toMatch(/^This channel’s spend per month/);
    expect(help('halfSaturation')).toBe('This channel’s spend per month that builds half the equity it can build.');
  });
});
