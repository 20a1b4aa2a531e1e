import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { formatMoney } from '../../src/app/format.ts';
import { simulate } from '../../src/engine/index.ts';
import { scenarioHash } from '../../src/engine/io/index.ts';
import { optimize } from '../../src/engine/optimize/index.ts';
import { twoLeverModel, twoLeverPlan } from '../app/two-lever-model.ts';
import { appRendered, launchChromium, openApp } from './browser.ts';

// "Find the best plan": the optimiser runs in a Web Worker, its result matches the engine's,
// Apply makes it the plan (and Undo takes it back), and Cancel frees the page at once.

const defaultModel = twoLeverModel(JSON.parse(readFileSync(new URL('../../models/default.json', import.meta.url), 'utf8')));

let browser: Browser;
let page: Page;

beforeAll(async () => { browser = await launchChromium(); });
afterAll(async () => { await browser?.close(); });

beforeEach(async () => {
  page = await openApp(browser, inject('baseUrl'));
  await page.locator('details.optimizer summary').click();
});

const panel = () => page.locator('optimizer-panel');
const npvWithCarryover = () => page.locator('key-figures [data-figure="npv-carryover"] .value').textContent();

describe('finding the best plan', () => {
  it('finds the engine’s best split, applies it, and undoes it', async () => {
    await panel().getByLabel('Phasing').selectOption('yearly');
    await panel().getByRole('button', { name: 'Find the best plan' }).click();
    await panel().getByRole('button', { name: 'Apply this plan' }).waitFor();
    const expected = optimize(defaultModel, { phasing: 'yearly' });
    // The table leads with the marketing's own value (issue 10); the objective, the whole
    // business's NPV with carryover, has its own row.
    const firstRow = panel().locator('tbody tr').first();
    expect(await firstRow.locator('th').textContent()).toBe('Marketing NPV with carryover');
    expect(await firstRow.locator('td').nth(1).textContent()).toBe(formatMoney(expected.summary.incrementalNpvWithCarryover));
    const totalRow = panel().locator('tbody tr', { has: page.locator('th', { hasText: /^Total NPV with carryover$/ }) });
    expect(await totalRow.locator('td').nth(1).textContent()).toBe(formatMoney(expected.value));
    expect(await panel().locator('spend-equity-chart').count()).toBe(1);
    await panel().getByRole('button', { name: 'Apply this plan' }).click();
    await appRendered(page);
    expect(await npvWithCarryover()).toBe(formatMoney(simulate({ ...defaultModel, plan: twoLeverPlan(expected.plan) }).summary.npvWithCarryover));
    expect(await npvWithCarryover()).toBe(formatMoney(expected.value));
    expect(await page.getByText('This scenario has an explicit spend plan per period.').count()).toBe(1);
    await panel().getByRole('button', { name: 'Undo apply' }).click();
    await appRendered(page);
    expect(await npvWithCarryover()).toBe(formatMoney(simulate(defaultModel).summary.npvWithCarryover));
  });

  it('keeps the practical limits, returns the smoother plan, and shows the notes', async () => {
    await panel().getByLabel('Phasing').selectOption('flighting');
    await panel().getByLabel('Largest change between periods (% of average)').fill('25');
    await panel().getByLabel('Shortest flight (periods)').fill('3');
    await panel().getByRole('button', { name: 'Find the best plan' }).click();
    await panel().getByRole('button', { name: 'Apply this plan' }).waitFor();
    const expected = optimize(defaultModel, { phasing: 'flighting', minPeriodMultiple: 0.5, maxPeriodMultiple: 2, maxStep: 0.25, minFlight: 3 });
    const notes = await panel().getByRole('list', { name: 'Notes on this plan' }).locator('li').allTextContents();
    // The same notes as the engine's, in order, each in its words.
    const openings = { 'smoother-plan': 'A smoother plan was chosen: the best plan found scores ', 'brand-stops': 'Brand (upstream) spend stops after ', 'spending-less-pays': 'Spending less would beat this plan' };
    expect(expected.notes[0].kind).toBe('smoother-plan');
    expect(notes.map((note, index) => note.startsWith(openings[expected.notes[index].kind]))).toEqual(expected.notes.map(() => true));
    expect(notes[0]).toContain(formatMoney(expected.smoothing!.bestValue));
    // The table leads with the marketing's own value (issue 10); the objective, the whole
    // business's NPV with carryover, has its own row.
    const firstRow = panel().locator('tbody tr').first();
    expect(await firstRow.locator('th').textContent()).toBe('Marketing NPV with carryover');
    expect(await firstRow.locator('td').nth(1).textContent()).toBe(formatMoney(expected.summary.incrementalNpvWithCarryover));
    const totalRow = panel().locator('tbody tr', { has: page.locator('th', { hasText: /^Total NPV with carryover$/ }) });
    expect(await totalRow.locator('td').nth(1).textContent()).toBe(formatMoney(expected.value));
  });

  it('refuses a practical limit that cannot apply, by its field', async () => {
    await panel().getByLabel('Phasing').selectOption('flighting');
    await panel().getByLabel('Largest change between periods (% of average)').fill('0');
    await panel().getByRole('button', { name: 'Find the best plan' }).click();
    expect(await panel().locator('#maxStep-note').textContent()).toMatch(/^The largest change between periods must be .* above 0, got 0/);
    await panel().getByLabel('Phasing').selectOption('yearly');
    expect(await panel().getByLabel('Shortest flight (periods)').isDisabled()).toBe(true);
  });

  it('finds the plan best for a bad case across the ranges, as the engine does', async () => {
    await panel().getByLabel('Phasing').selectOption('constant');
    await panel().getByLabel('Best for').selectOption('p10');
    expect(await panel().locator('#plan-for-note').textContent()).toContain('1,000 draws');
    await panel().getByRole('button', { name: 'Find the best plan' }).click();
    await panel().getByRole('button', { name: 'Apply this plan' }).waitFor({ timeout: 60_000 });
    const expected = optimize(defaultModel, { phasing: 'constant', robust: { statistic: 'p10' } });
    const table = panel().getByRole('region', { name: 'Plans compared across the ranges' });
    expect(await table.locator('thead th').nth(1).textContent()).toBe('10th percentile of Total NPV with carryover');
    const cells = await table.locator('tbody td:first-of-type').allTextContents();
    expect(cells).toEqual([expected.robust!.value, expected.robust!.centralOptimum.value, expected.robust!.current].map(formatMoney));
    // The key figures stay those at the settings as entered.
    const compared = panel().getByRole('region', { name: 'Current and best plan compared' });
    const totalRow = compared.locator('tbody tr', { has: page.locator('th', { hasText: /^Total NPV with carryover$/ }) });
    expect(await totalRow.locator('td').nth(1).textContent()).toBe(formatMoney(expected.value));
    expect(await compared.locator('tbody tr').first().locator('td').nth(1).textContent()).toBe(formatMoney(expected.summary.incrementalNpvWithCarryover));
  });

  it('offers only the settings as entered for a model without ranges', async () => {
    const { uncertainty: _, ...certain } = structuredClone(defaultModel);
    await page.goto(`${inject('baseUrl')}${scenarioHash(certain)}`);
    await appRendered(page);
    await page.locator('details.optimizer summary').click();
    const choice = panel().getByLabel('Best for');
    expect(await choice.isDisabled()).toBe(true);
    expect(await choice.inputValue()).toBe('settings');
    expect(await panel().locator('#plan-for-note').textContent()).toBe('This model has no uncertainty ranges.');
  });

  it('does not offer a result for a plan that has changed since the search', async () => {
    await panel().getByLabel('Phasing').selectOption('constant');
    await panel().getByRole('button', { name: 'Find the best plan' }).click();
    await panel().getByRole('button', { name: 'Apply this plan' }).waitFor();
    await page.getByLabel('Horizon (years)').selectOption('2');
    await appRendered(page);
    expect(await panel().getByText('The plan has changed since this search').count()).toBe(1);
    expect(await panel().getByRole('button', { name: 'Apply this plan' }).count()).toBe(0);
  });

  it('shows the optimiser’s message beside a bound it cannot meet', async () => {
    await panel().getByLabel('Lowest upstream share (%)').fill('80');
    await panel().getByLabel('Highest upstream share (%)').fill('60');
    await panel().getByRole('button', { name: 'Find the best plan' }).click();
    expect(await panel().locator('#minShare-note').textContent()).toContain('is above the highest upstream share');
    expect(await panel().getByLabel('Lowest upstream share (%)').getAttribute('aria-invalid')).toBe('true');
  });

  it('stays responsive during a long search, and Cancel brings the panel back at once', async () => {
    await page.getByLabel('Planning periods').selectOption('52');
    await page.getByLabel('Horizon (years)').selectOption('5');
    await appRendered(page);
    await panel().getByLabel('Search harder').check();
    await panel().getByRole('button', { name: 'Find the best plan' }).click();
    const progress = panel().getByRole('progressbar', { name: 'Search progress' });
    await progress.waitFor();
    // The page still answers while the worker searches: a slider edit updates the figures.
    const before = await npvWithCarryover();
    await page.getByLabel('Upstream share (%)', { exact: true }).fill('40');
    await appRendered(page);
    expect(await npvWithCarryover()).not.toBe(before);
    expect(await progress.isVisible()).toBe(true);
    const took = await page.evaluate(async () => {
      const app = document.querySelector('budget-sim-app')!;
      const optimizerPanel = app.shadowRoot!.querySelector('optimizer-panel') as HTMLElement & { updateComplete: Promise<unknown> };
      const cancel = [...optimizerPanel.shadowRoot!.querySelectorAll('button')].find((button) => button.textContent === 'Cancel')!;
      const start = performance.now();
      cancel.click();
      await optimizerPanel.updateComplete;
      const back = [...optimizerPanel.shadowRoot!.querySelectorAll('button')].some((button) => button.textContent === 'Find the best plan');
      return back ? performance.now() - start : Infinity;
    });
    expect(took).toBeLessThan(100);
    expect(await panel().getByText('Search cancelled. Nothing was changed.').count()).toBe(1);
    expect(await progress.count()).toBe(0);
  });
});
