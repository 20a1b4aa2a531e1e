import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportedModel } from '../../src/app/downloads.ts';
import {
  checkDraft, draftFromModel, readField, withAppliedPlan, withHorizon, withPeriodsPerYear, withSplitMode, withoutPlan,
} from '../../src/app/model-draft.ts';
import { printedPlanRows, yearsOfPlan } from '../../src/app/plan-summary.ts';
import { type Model, parseModel, planSpend, simulate } from '../../src/engine/index.ts';

// The draft operations behind "nothing is lost or misstated": unticking the yearly split keeps
// the money, and an applied plan is stated by its own numbers wherever it is described.

const readModel = (file: string): Model => parseModel(JSON.parse(readFileSync(new URL(`../../models/${file}`, import.meta.url), 'utf8')));
const launch = readModel('new-product-launch.json');
const defaultModel = readModel('default.json');
const sum = (list: ArrayLike<number>): number => Array.from(list).reduce((total, value) => total + value, 0);

/** A plan of 36 months whose year y spends `totals[y]`, `shares[y]` of it upstream, spread evenly. */
function planOf(totals: number[], shares: number[]): { upstream: number[]; downstream: number[] } {
  const upstream: number[] = [];
  const downstream: number[] = [];
  totals.forEach((total, year) => {
    for (let month = 0; month < 12; month += 1) {
      upstream.push((total * shares[year]) / 12);
      downstream.push((total * (1 - shares[year])) / 12);
    }
  });
  return { upstream, downstream };
}

describe('withSplitMode', () => {
  it('unticked on the new-product-launch preset keeps the 5.7M total and the upstream spend, and says so', () => {
    const change = withSplitMode(draftFromModel(launch), false);
    // 2.4M + 1.8M + 1.5M = 5.7M, 1.9M a year; upstream 1.44M + 0.9M + 0.675M = 3.015M, 3.015 / 5.7 = 52.89…%.
    expect(readField(change.draft, 'budget.perYear')).toBe(1900000);
    expect(readField(change.draft, 'budget.upstreamShare')).toBeCloseTo(3015000 / 5700000, 15);
    expect(change.note).toBe('Budgets set to 1,900,000 a year, keeping the 5,700,000 total over 3 years; '
      + 'upstream share 52.9% every year, the spend-weighted average, so upstream spend stays 3,015,000.');
    const model = checkDraft(change.draft).model!;
    expect(simulate(model).summary.totalSpend).toBeCloseTo(5700000, 6);
    expect(sum(planSpend(model).upstream)).toBeCloseTo(3015000, 6);
  });

  it('averages yearly shares under one budget with equal weights', () => {
    const repositioning = readModel('brand-repositioning.json'); // 1.5M a year at 70 / 60 / 50 %
    const change = withSplitMode(draftFromModel(repositioning), false);
    expect(readField(change.draft, 'budget.perYear')).toBe(1500000);
    expect(readField(change.draft, 'budget.upstreamShare')).toBeCloseTo(0.6, 15);
    expect(change.note).toBe('Upstream share 60.0% every year, the spend-weighted average, so upstream spend stays 2,700,000.');
  });

  it('refuses, changing nothing, while a year’s value is not a number', () => {
    const draft = { ...draftFromModel(launch), budget: { perYear: [2400000, 'abc', 1500000], upstreamShare: [0.6, 0.5, 0.45] } };
    const change = withSplitMode(draft, false);
    expect(change.refused).toBe(true);
    expect(change.draft).toBe(draft);
    expect(change.note).toContain('fix the highlighted yearly values first');
  });

  it('ticked gives every year the single budget and share', () => {
    const change = withSplitMode(draftFromModel(defaultModel), true);
    expect(readField(change.draft, 'budget.perYear')).toEqual([1200000, 1200000, 1200000]);
    expect(readField(change.draft, 'budget.upstreamShare')).toEqual([0.5, 0.5, 0.5]);
    expect(change.note).toBeUndefined();
  });

  it('property: unticking keeps total and upstream spend over the horizon for any yearly budgets and shares', () => {
    const year = fc.record({ budget: fc.integer({ min: 0, max: 5_000_000 }), share: fc.double({ min: 0, max: 1, noNaN: true }) });
    fc.assert(fc.property(fc.array(year, { minLength: 1, maxLength: 5 }), (years) => {
      const model = parseModel({ ...defaultModel, horizonYears: years.length, budget: { perYear: years.map((y) => y.budget), upstreamShare: years.map((y) => y.share) } });
      const kept = checkDraft(withSplitMode(draftFromModel(model), false).draft).model!;
      const before = planSpend(model);
      const after = planSpend(kept);
      const scale = Math.max(1, sum(before.upstream) + sum(before.downstream));
      expect(Math.abs(sum(after.upstream) + sum(after.downstream) - sum(before.upstream) - sum(before.downstream)) / scale).toBeLessThan(1e-12);
      if (years.some((y) => y.budget > 0)) expect(Math.abs(sum(after.upstream) - sum(before.upstream)) / scale).toBeLessThan(1e-12);
    }));
  });
});

describe('an applied plan is stated by its own numbers', () => {
  const start = parseModel({ ...defaultModel, budget: { perYear: 1200000, upstreamShare: [0.25, 0.4, 0.55] } });
  const plan = planOf([1500000, 1000000, 1100000], [0.625, 0.625, 0.5]);
  const when = new Date('2026-12-02T14:00:00Z');

  it('withAppliedPlan sets the budget to the plan’s yearly totals and shares, and says what happened', () => {
    const draft = withAppliedPlan(draftFromModel(start), plan, when);
    const model = checkDraft(draft).model!;
    expect(model.plan).toEqual(plan);
    (model.budget!.perYear as number[]).forEach((total, year) => expect(total).toBeCloseTo([1500000, 1000000, 1100000][year], 6));
    (model.budget!.upstreamShare as number[]).forEach((share, year) => expect(share).toBeCloseTo([0.625, 0.625, 0.5][year], 12));
    expect(model.description).toBe('Optimised plan applied on 2 Dec 2026 to “Consumer brand (default)”: spend per period as in plan; budget gives its yearly totals and upstream shares.');
    expect(simulate(model).summary.npv).toBe(simulate({ ...start, plan }).summary.npv);
  });

  it('the printed rows give each year’s total and share from the plan, not the split it replaced', () => {
    const model = checkDraft(withAppliedPlan(draftFromModel(start), plan, when)).model!;
    const rows = printedPlanRows(model);
    expect(rows[0].detail).toBe('Optimised plan applied on 2 Dec 2026 to “Consumer brand (default)”, spend per period');
    expect(rows[1].detail).toBe('Y1 1,500,000 (62.5% upstream) · Y2 1,000,000 (62.5% upstream) · Y3 1,100,000 (50.0% upstream)');
    // A plan beside a stale budget (saved before this fix) prints the plan all the same.
    expect(printedPlanRows({ ...start, plan })[1].detail).toBe(rows[1].detail);
    expect(printedPlanRows(start)).toEqual([
      { term: 'Budget per year', detail: '1,200,000' },
      { term: 'Upstream share', detail: '25.0% / 40.0% / 55.0%' },
    ]);
  });

  it('exportedModel states a plan saved beside a stale budget and a preset’s lesson', () => {
    const exported = exportedModel({ ...start, $schema: './model.schema.json', plan });
    expect(exported.$schema).toBeUndefined();
    expect(exported.budget!.upstreamShare).toEqual(yearsOfPlan({ ...start, plan }).map((year) => year.upstreamShare));
    expect(exported.description).toBe('An explicit plan of spend per period, in place of the budget and split of the preset “Consumer brand (default)” '
      + '(whose lesson was about that plan, not this one); budget gives its yearly totals and upstream shares.');
    expect(() => parseModel(exported)).not.toThrow();
    // A description written for the plan is kept, and a model without a plan is only stripped of $schema.
    expect(exportedModel({ ...start, plan, description: 'Our agreed flighting' }).description).toBe('Our agreed flighting');
    const { $schema: _schema, ...withoutSchema } = start;
    expect(exportedModel({ ...start, $schema: 'x' })).toEqual(withoutSchema);
  });

  it('withoutPlan goes back to the plan’s yearly budget and split, and says where they came from', () => {
    const back = checkDraft(withoutPlan(withAppliedPlan(draftFromModel(start), plan, when))).model!;
    expect(back.plan).toBeUndefined();
    expect(simulate(back).summary.npv).toBeCloseTo(simulate({ ...start, plan }).summary.npv, 6);
    expect(back.description).toBe('Yearly budgets and upstream shares of the optimised plan applied on 2 Dec 2026 to “Consumer brand (default)”.');
  });

  it('a new horizon or new periods keep the budget stating the plan', () => {
    const applied = withAppliedPlan(draftFromModel(start), plan, when);
    for (const draft of [withHorizon(applied, 5), withHorizon(applied, 1), withPeriodsPerYear(applied, 4), withPeriodsPerYear(applied, 52)]) {
      const model = checkDraft(draft).model!;
      const years = yearsOfPlan(model);
      expect(model.budget!.perYear).toEqual(years.map((year) => year.total));
      expect(model.budget!.upstreamShare).toEqual(years.map((year) => year.upstreamShare));
    }
  });
});
