import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { type Model, marginalRoi, parseModel, simulate } from '../../src/engine/index.ts';
import { KEY_FIGURES } from '../../src/engine/key-figures.ts';
import { createNumberFormats } from '../../src/engine/io/number-formats.ts';
import { formatKeyFiguresCsv } from '../../src/engine/io/key-figures-csv.ts';
import { allText, appRendered, launchChromium, openApp } from './browser.ts';

// The finance-grade figures in the browser: the marketing's own value first, IRR and marginal
// ROI, the model's currency on figures and chart axes, and a comparison that says what each
// scenario is and includes the unsaved plan on screen. Every number is checked against the
// engine run here in Node.

const defaultJson = JSON.parse(readFileSync(new URL('../../models/default.json', import.meta.url), 'utf8'));
const defaultModel = parseModel(defaultJson);
const withSettings = (changes: Record<string, unknown>): Model => parseModel({ ...defaultJson, ...changes });
const withShare = (share: number, changes: Record<string, unknown> = {}): Model =>
  withSettings({ ...changes, budget: { ...defaultJson.budget, upstreamShare: share } });

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

beforeEach(async () => {
  page = await openApp(browser, inject('baseUrl'));
});

const figureCards = () => page.locator('key-figures .figure');
const figure = (id: string) => page.locator(`key-figures [data-figure="${id}"] .value`);

async function chooseCurrency(code: string): Promise<void> {
  await page.getByLabel('Currency', { exact: true }).selectOption(code);
  await appRendered(page);
}

describe('key figures: the marketing’s own value first', () => {
  it('leads with marketing NPV with carryover, equal to the engine’s for the default model', async () => {
    const { summary } = simulate(defaultModel);
    const plain = createNumberFormats();
    const first = figureCards().first();
    expect(await first.locator('dt .label').textContent()).toBe('Marketing NPV with carryover');
    expect(await first.getAttribute('data-figure')).toBe('marketing-npv-carryover');
    expect(await first.locator('.value').textContent()).toBe(plain.money(summary.incrementalNpvWithCarryover));
    expect(await figure('marketing-npv').textContent()).toBe(plain.money(summary.incrementalNpv));
    // Total NPV is still there, as a secondary figure after the marketing's own.
    expect(await figure('npv').textContent()).toBe(plain.money(summary.npv));
    const order = await figureCards().evaluateAll((cards) => cards.map((card) => card.getAttribute('data-figure')));
    expect(order.indexOf('npv')).toBeGreaterThan(order.indexOf('marketing-npv'));
    expect(order.slice(0, 5)).toEqual(['marketing-npv-carryover', 'marketing-npv', 'roi', 'payback', 'irr']);
  });

  it('labels every figure from KEY_FIGURES and explains it with that table’s help', async () => {
    const labels = await page.locator('key-figures dt > .label').allTextContents();
    for (const keyFigure of KEY_FIGURES.filter((each) => !['carryoverValue', 'totalSpend'].includes(each.field))) {
      expect(labels).toContain(keyFigure.label);
    }
  });

  it('shows IRR and each side’s marginal ROI as the engine computes them', async () => {
    const { summary } = simulate(defaultModel);
    const plain = createNumberFormats();
    // The default earns more than it costs from its first month: no outlay to rate, IRR unbounded.
    expect(summary.irr).toBeNull();
    expect(summary.paybackPeriod).toBe(1);
    expect(await figure('irr').textContent()).toBe('Unbounded');
    const marginal = marginalRoi(defaultModel);
    const signed = (value: number) => `${value > 0 ? '+' : ''}${plain.percent(value)}`;
    const card = page.locator('key-figures [data-figure="marginal-roi"]');
    expect(await card.locator('[data-side="upstream"]').textContent()).toBe(signed(marginal.upstream));
    expect(await card.locator('[data-side="downstream"]').textContent()).toBe(signed(marginal.downstream));
    expect(await card.locator('.detail').textContent()).toBe(
      `Each extra 1 spent returns ${plain.moneyCents(1 + marginal.upstream)} upstream, ${plain.moneyCents(1 + marginal.downstream)} downstream`);
  });
});

describe('a plan that spends nothing', () => {
  it('says so instead of showing a rate, a payback or NaN', async () => {
    await page.getByLabel('Budget per year', { exact: true }).fill('0');
    await appRendered(page);
    await expect.poll(() => figure('payback').textContent()).toBe('No spend');
    expect(await figure('irr').textContent()).toBe('No spend');
    expect(await figure('roi').textContent()).toBe('—');
    expect(await figure('marketing-npv-carryover').textContent()).toBe(createNumberFormats().money(simulate(withSettings({ budget: { perYear: 0, upstreamShare: 0.5 } })).summary.incrementalNpvWithCarryover));
    expect(await allText(page)).not.toMatch(/NaN|Infinity|undefined/);
  });
});

describe('currency and fiscal year', () => {
  it('a model in EUR shows € on the figures and on a chart axis tick, and nothing else changes', async () => {
    const before = await figure('marketing-npv-carryover').textContent();
    await chooseCurrency('EUR');
    const euro = createNumberFormats({ currency: 'EUR' });
    const { summary } = simulate(withSettings({ currency: 'EUR' }));
    await expect.poll(() => figure('marketing-npv-carryover').textContent()).toBe(euro.money(summary.incrementalNpvWithCarryover));
    // Only the symbol is new: the currency converts nothing.
    expect((await figure('marketing-npv-carryover').textContent())!.replace('€', '')).toBe(before);
    expect(await figure('npv').textContent()).toMatch(/^-?€[\d,]+$/);
    expect(await page.locator('key-figures [data-figure="marginal-roi"] dt .label').textContent()).toBe('Marginal ROI (next €1)');
    const ticks = await page.locator('cumulative-profit-chart svg.chart .axis text').allTextContents();
    expect(ticks.some((tick) => /^-?€[\d.]+[kMB]?$/.test(tick))).toBe(true);
    const tradeoffTicks = await page.locator('tradeoff-curve-chart svg.chart .axis text').allTextContents();
    expect(tradeoffTicks.some((tick) => tick.startsWith('€'))).toBe(true);
    expect(await allText(page)).not.toMatch(/NaN|undefined/);
  });

  it('takes any ISO code typed, and refuses an unknown one by its field, keeping the last figures', async () => {
    await page.getByLabel('Currency', { exact: true }).selectOption('other');
    const code = page.getByLabel('Currency code (ISO 4217)');
    await code.fill('nzd');
    await code.press('Enter');
    await code.blur();
    await appRendered(page);
    await expect.poll(() => figure('marketing-npv-carryover').textContent()).toMatch(/^-?\$[\d,]+$/);
    const good = await figure('marketing-npv-carryover').textContent();
    await code.fill('XYZ');
    await code.blur();
    await appRendered(page);
    await expect.poll(() => page.locator('currency-calendar .error').textContent()).toMatch(/currency must be a known ISO 4217 currency code, got "XYZ"/i);
    expect(await figure('marketing-npv-carryover').textContent()).toBe(good);
    expect(await allText(page)).not.toMatch(/NaN|undefined/);
  });

  it('labels periods by the fiscal year’s start month', async () => {
    await page.getByLabel('First calendar year (optional)').fill('2027');
    await page.getByLabel('Year starts in').selectOption('4');
    await appRendered(page);
    const chart = page.locator('cumulative-profit-chart');
    await chart.getByRole('button', { name: /^Show .* as table$/ }).click();
    const firstPeriod = chart.locator('tbody tr').first().locator('th');
    await expect.poll(() => firstPeriod.textContent()).toBe('2027-04');
  });
});

describe('comparison: what each scenario is, and the unsaved plan', () => {
  async function saveAs(name: string, share: number): Promise<void> {
    await page.getByLabel('Upstream share (%)', { exact: true }).fill(String(Math.round(share * 100)));
    await page.getByLabel('Scenario name').fill(name);
    const asNew = page.getByRole('button', { name: 'Save as new' });
    await (await asNew.count() > 0 ? asNew : page.getByRole('button', { name: 'Save scenario' })).click();
    await appRendered(page);
  }

  it('describes each scenario above the figures and adds the edited plan as “Current plan (unsaved)”', async () => {
    await page.evaluate(() => localStorage.clear());
    await saveAs('Our plan', 0.5);
    await saveAs('Brand-heavy', 0.7);
    await page.getByLabel('Compare Our plan').check();
    await page.getByLabel('Compare Brand-heavy').check();
    await appRendered(page);
    const table = page.locator('scenario-comparison table');
    const headers = () => table.locator('thead th').allTextContents();
    // The plan on screen is the saved Brand-heavy: no extra column.
    expect((await headers()).join('|')).not.toContain('Current plan (unsaved)');
    const rowLabels = await table.locator('tbody tr th').allTextContents();
    const figuresAt = rowLabels.indexOf('Key figures');
    expect(rowLabels.slice(0, figuresAt)).toEqual(['What each plan is', 'Budget per year', 'Upstream share by year', 'Horizon', 'Periods', 'Phasing']);
    expect(rowLabels[figuresAt + 1]).toBe('Marketing NPV with carryover');
    const row = (label: string) => table.locator('tbody tr', { has: page.locator(`th:text-is("${label}")`) }).locator('td');
    expect(await row('Upstream share by year').allTextContents()).toEqual(['50%', '70%']);
    expect(await row('Budget per year').allTextContents()).toEqual(['1,200,000', '1,200,000']);
    expect(await row('Phasing').allTextContents()).toEqual(['constant', 'constant']);

    // An edit: the plan on screen now differs from both, and gets its own column.
    await page.getByLabel('Upstream share (%)', { exact: true }).fill('35');
    await appRendered(page);
    await expect.poll(async () => (await headers()).at(-1)).toContain('Current plan (unsaved)');
    expect(await row('Upstream share by year').allTextContents()).toEqual(['50%', '70%', '35%']);
    const plain = createNumberFormats();
    const base = simulate(withShare(0.5)).summary;
    const current = simulate(withShare(0.35)).summary;
    const difference = current.incrementalNpvWithCarryover - base.incrementalNpvWithCarryover;
    const sign = difference > 0 ? '+' : '';
    expect(await row('Marketing NPV with carryover').nth(2).textContent()).toBe(
      `${plain.money(current.incrementalNpvWithCarryover)}${plain.moneyChange(difference)} (${sign}${plain.percent(difference / Math.abs(base.incrementalNpvWithCarryover))})`);
    // The charts draw it too.
    expect(await page.locator('scenario-comparison multi-line-chart').first().locator('chart-frame li').allTextContents())
      .toContain('Current plan (unsaved)');
  });
});

describe('exports and the printed report', () => {
  it('downloads the key figures as CSV, marketing NPV first, in the model’s currency, as the engine writes them', async () => {
    await chooseCurrency('EUR');
    const scratch = mkdtempSync(join(tmpdir(), 'budget-sim-figures-'));
    try {
      const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Key figures (CSV)' }).click()]);
      const path = join(scratch, file.suggestedFilename());
      await file.saveAs(path);
      const model = withSettings({ currency: 'EUR' });
      const lines = readFileSync(path, 'utf8').split('\n');
      const expected = formatKeyFiguresCsv(simulate(model).summary, model, marginalRoi(model)).split('\n');
      expect(lines).toHaveLength(expected.length);
      lines.forEach((line, index) => {
        // Marginal ROI (from the adjoint) can differ in its last bit between Chromium's V8 and
        // Node's; every summary figure is the same bit for bit.
        if (!line.startsWith('marginalRoi')) return expect(line).toBe(expected[index]);
        const value = (text: string) => Number(text.split(',').at(-2));
        expect(value(line)).toBeCloseTo(value(expected[index]), 12);
      });
      expect(readFileSync(path, 'utf8').split('\n')[1]).toMatch(/^incrementalNpvWithCarryover,Marketing NPV with carryover,[-\d.e+]+,EUR$/);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  it('prints the marketing’s value first and the currency in the assumptions', async () => {
    await chooseCurrency('EUR');
    await page.emulateMedia({ media: 'print' });
    const first = page.locator('key-figures .figure').first();
    expect(await first.isVisible()).toBe(true);
    // In print, where space is short, the table's short label.
    expect(await first.locator('dt .short').isVisible()).toBe(true);
    expect(await first.locator('dt .short').textContent()).toBe(KEY_FIGURES[0].shortLabel);
    expect(await first.locator('dt .label').isVisible()).toBe(false);
    expect(await first.locator('.value').textContent()).toMatch(/^-?€[\d,]+$/);
    const assumptions = page.locator('.print-assumptions');
    expect(await assumptions.isVisible()).toBe(true);
    expect(await assumptions.textContent()).toContain('EUR (€)');
  });
});
