/**
 * Plans in the channel form through the app's draft edits (issue 11): changing the horizon or the
 * periods resizes every channel's row, and applying the optimiser's plan makes the file state it
 * (budget by year, upstream share and each channel's share of its side), so the model stays valid
 * and a return to budget and split keeps the plan's split.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  checkDraft, draftFromModel, readField, withAppliedPlan, withHorizon, withPeriodsPerYear, withoutPlan,
} from '../../src/app/model-draft.ts';
import { type ChannelModel, channelSpend, optimize, parseModel, simulate } from '../../src/engine/index.ts';

const preset = parseModel(JSON.parse(readFileSync(new URL('../../models/consumer-channels.json', import.meta.url), 'utf8'))) as ChannelModel;
const when = new Date(Date.UTC(2026, 11, 2));

describe('a channel model with the optimiser\'s yearly plan applied', () => {
  const result = optimize(preset, { phasing: 'yearly' });
  const applied = withAppliedPlan(draftFromModel(preset), result.plan, when);
  const checked = checkDraft(applied);

  it('is valid and gives the optimiser\'s value', () => {
    expect(checked.issues).toEqual([]);
    expect(simulate(checked.model!).summary.npvWithCarryover).toBeCloseTo(result.value, 4);
  });

  it('states the plan: budget by year, upstream share and each channel\'s share of its side', () => {
    const budget = readField(applied, 'budget') as { perYear: number[]; upstreamShare: number[] };
    expect(budget.perYear.map(Math.round)).toEqual([1_200_000, 1_200_000, 1_200_000]);
    budget.upstreamShare.forEach((share, year) => expect(share).toBeCloseTo(result.upstreamShareByYear[year]!, 12));
    for (const [name, shares] of Object.entries(result.channelShareByYear)) {
      const side = name in preset.upstream.channels ? 'upstream' : 'downstream';
      const stated = readField(applied, `${side}.channels.${name}.share`);
      const byYear = Array.isArray(stated) ? stated : shares.map(() => stated);
      byYear.forEach((share, year) => expect(share as number).toBeCloseTo(shares[year]!, 12));
    }
  });

  it('back on a budget and split, spends what the plan spent (a yearly plan is level within each year)', () => {
    const back = checkDraft(withoutPlan(applied)).model!;
    const planned = channelSpend(checked.model!);
    channelSpend(back).forEach((row, channel) => row.forEach((spend, index) => expect(spend).toBeCloseTo(planned[channel][index], 6)));
  });
});

describe('a channel plan when the horizon or the periods change', () => {
  const withPlan = withAppliedPlan(draftFromModel(preset), optimize(preset, { phasing: 'yearly' }).plan, when);

  it('a longer horizon extends every channel\'s row by repeating its last year, and the model stays valid', () => {
    const longer = withHorizon(withPlan, 5);
    const checked = checkDraft(longer);
    expect(checked.issues).toEqual([]);
    const plan = readField(longer, 'plan') as Record<string, number[]>;
    for (const row of Object.values(plan)) {
      expect(row).toHaveLength(60);
      expect(row.slice(48)).toEqual(row.slice(24, 36));
    }
  });

  it('quarterly periods resample every channel\'s row, keeping each year\'s total, and the model stays valid', () => {
    const quarterly = withPeriodsPerYear(withPlan, 4);
    const checked = checkDraft(quarterly);
    expect(checked.issues).toEqual([]);
    const before = readField(withPlan, 'plan') as Record<string, number[]>;
    const after = readField(quarterly, 'plan') as Record<string, number[]>;
    for (const name of Object.keys(before)) {
      expect(after[name]).toHaveLength(12);
      const year = (row: number[], size: number) => row.slice(0, size).reduce((sum, value) => sum + value, 0);
      expect(year(after[name], 4)).toBeCloseTo(year(before[name], 12), 6);
    }
  });
});
