import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { formatFigure, formatPercent, formatsFor } from '../../src/app/format.ts';
import { parseModel } from '../../src/engine/index.ts';
import { scenarioHash } from '../../src/engine/io/index.ts';
import { keyFigure } from '../../src/engine/key-figures.ts';
import { monteCarlo } from '../../src/engine/uncertainty/monte-carlo.ts';
import { allText, appRendered, launchChromium, openApp } from './browser.ts';

// Risk: Monte Carlo across Web Workers gives the engine's own figures for the same draws (the
// marketing's own value first, ROI by year, payback with "Not within horizon"), the fan charts
// and the histogram appear, a long run says how long it will take, and Cancel during a long run
// frees the app at once.

const defaultJson = JSON.parse(readFileSync(new URL('../../models/default.json', import.meta.url), 'utf8'));
const defaultModel = parseModel(defaultJson);
const formats = formatsFor(defaultModel);
const STATISTICS = ['mean', 'p5', 'p10', 'p50', 'p90', 'p95'] as const;

let browser: Browser;
let page: Page;

beforeAll(async () => { browser = await launchChromium(); });
afterAll(async () => { await browser?.close(); });

beforeEach(async () => {
  page = await openApp(browser, inject('baseUrl'));
  await page.locator('details.risk summary').click();
});

const panel = () => page.locator('risk-panel');

describe('risk and uncertainty', () => {
  it('runs 10,000 draws across workers and shows the engine’s percentiles, the marketing’s own value first, fan charts and histogram', async () => {
    await panel().getByLabel('Seed').fill('42');
    await panel().getByRole('button', { name: 'Run the simulation' }).click();
    await panel().locator('histogram-chart').waitFor({ timeout: 60_000 });
    const expected = monteCarlo(defaultModel, { draws: 10_000, seed: 42 });
    const rowOf = (field: string) => panel().locator(`tbody tr[data-figure="${field}"]`);
    expect(await panel().locator('tbody tr').first().getAttribute('data-figure')).toBe('incrementalNpvWithCarryover');
    expect(await panel().locator('tbody tr').first().locator('th').textContent()).toBe('Marketing NPV with carryover');
    for (const field of ['incrementalNpvWithCarryover', 'incrementalNpv', 'npv'] as const) {
      expect(await rowOf(field).locator('td').allTextContents(), field).toEqual(
        STATISTICS.map((key) => formatFigure(keyFigure(field), expected.summary[field][key], formats)),
      );
    }
    // ROI by year: each year's 5th percentile, median and 95th.
    const years = panel().locator('table[data-table="roi-by-year"] tbody tr');
    expect(await years.count()).toBe(3);
    for (let year = 0; year < 3; year += 1) {
      expect(await years.nth(year).locator('td').allTextContents()).toEqual(
        (['p5', 'p50', 'p95'] as const).map((key) => formatPercent(expected.summary.roiByYear[year][key])),
      );
    }
    // Payback in periods, and its chance within the horizon.
    expect(await rowOf('paybackPeriod').locator('td').nth(3).textContent()).toBe(formatFigure(keyFigure('paybackPeriod'), expected.summary.paybackPeriod.p50, formats));
    expect(await panel().locator('[data-chance="payback"]').textContent()).toBe(formatPercent(expected.probabilityPaysBack));
    expect(await panel().locator('[data-chance="roi"]').textContent()).toBe(formatPercent(expected.probabilityRoiPositive));
    expect(await panel().locator('fan-chart').count()).toBe(2);
    expect(await panel().locator('fan-chart').first().locator('svg.chart path').count()).toBeGreaterThanOrEqual(4);
    expect(await allText(page)).not.toMatch(/NaN|undefined/);
  });

  it('shows payback as "Not within horizon" where the draws never pay back: a budget far too large for the market', async () => {
    await page.getByLabel('Budget per year', { exact: true }).fill('40,000,000');
    await page.getByLabel('Budget per year', { exact: true }).press('Enter');
    await appRendered(page);
    await panel().getByLabel('Draws').selectOption('1000');
    await panel().getByRole('button', { name: 'Run the simulation' }).click();
    await panel().locator('histogram-chart').waitFor({ timeout: 60_000 });
    const expected = monteCarlo(parseModel({ ...defaultJson, budget: { ...defaultJson.budget, perYear: 40_000_000 } }), { draws: 1000, seed: 1 });
    expect(expected.probabilityPaysBack).toBe(0);
    const payback = panel().locator('tbody tr[data-figure="paybackPeriod"] td');
    expect(await payback.allTextContents()).toEqual(['—', ...Array(5).fill('Not within horizon')]);
    expect(await panel().locator('[data-chance="payback"]').textContent()).toBe(formatPercent(0));
  });

  it('shows the tornado, largest swing first', async () => {
    const labels = await panel().locator('tornado-chart text.annotation').allTextContents();
    expect(labels.length).toBeGreaterThanOrEqual(5);
    // By default the marketing's own value (marketing NPV with carryover).
    expect(await panel().locator('tornado-chart').getAttribute('figure')).toBe('incrementalNpvWithCarryover');
    const rows = await panel().locator('tornado-chart').evaluate(async (element) => {
      const tornado = element as HTMLElement & { sensitivity: { rows: { incrementalNpvWithCarryover: { swing: number } }[] } };
      return tornado.sensitivity.rows.map((row) => row.incrementalNpvWithCarryover.swing);
    });
    expect([...rows].sort((a, b) => b - a)).toEqual(rows);
  });

  it('stays responsive during a 100,000-draw run, and Cancel brings the panel back within 100 ms', async () => {
    // Weekly over 5 years, so the run lasts seconds: 100,000 draws of the monthly default now
    // finish in under a second, before an edit could be made during the run.
    await page.getByLabel('Planning periods').selectOption('52');
    await page.getByLabel('Horizon (years)').selectOption('5');
    await appRendered(page);
    await panel().getByLabel('Draws').selectOption('100000');
    await panel().getByRole('button', { name: 'Run the simulation' }).click();
    const progress = panel().getByRole('progressbar', { name: 'Simulation progress' });
    await progress.waitFor();
    // The page answers while the workers run: an edit updates the figures.
    const npvBefore = await page.locator('key-figures [data-figure="npv"] .value').textContent();
    await page.getByLabel('Upstream share (%)', { exact: true }).fill('45');
    await appRendered(page);
    expect(await page.locator('key-figures [data-figure="npv"] .value').textContent()).not.toBe(npvBefore);
    expect(await progress.isVisible()).toBe(true);
    const took = await page.evaluate(async () => {
      const app = document.querySelector('budget-sim-app')!;
      const risk = app.shadowRoot!.querySelector('risk-panel') as HTMLElement & { updateComplete: Promise<unknown> };
      const cancel = [...risk.shadowRoot!.querySelectorAll('button')].find((button) => button.textContent === 'Cancel')!;
      const start = performance.now();
      cancel.click();
      await risk.updateComplete;
      const back = [...risk.shadowRoot!.querySelectorAll('button')].some((button) => button.textContent === 'Run the simulation');
      return back ? performance.now() - start : Infinity;
    });
    expect(took).toBeLessThan(100);
    expect(await panel().getByText('Simulation cancelled.').count()).toBe(1);
  });

  it('says how long a long run will take while it runs, from the pace of its first draws', async () => {
    // Weekly over 5 years: 100,000 draws take seconds, long enough to read the estimate.
    await page.getByLabel('Planning periods').selectOption('52');
    await page.getByLabel('Horizon (years)').selectOption('5');
    await appRendered(page);
    await panel().getByLabel('Draws').selectOption('100000');
    await panel().getByRole('button', { name: 'Run the simulation' }).click();
    const estimate = panel().locator('[data-estimate]');
    await estimate.waitFor({ timeout: 30_000 });
    expect(await estimate.textContent()).toMatch(/^About [\d.]+ (s|min)( \d+ s)? for 100,000 draws of 260 periods( on \d cores)?$/);
    // Said while the run is still going, beside its progress and Cancel.
    expect(await panel().getByRole('progressbar', { name: 'Simulation progress' }).isVisible()).toBe(true);
    await panel().getByRole('button', { name: 'Cancel' }).click();
    expect(await estimate.count()).toBe(0);
  });

  it('refuses a seed that is not a whole number, with a message', async () => {
    await panel().getByLabel('Seed').fill('1.5');
    await panel().getByRole('button', { name: 'Run the simulation' }).click();
    expect(await panel().locator('#seed-error').textContent()).toContain('The seed must be a whole number');
    expect(await panel().getByLabel('Seed').getAttribute('aria-invalid')).toBe('true');
  });
});

describe('risk panel in the model’s currency', () => {
  it('puts the currency symbol on the percentile table, the fan chart, the histogram and the tornado axes', async () => {
    await page.close();
    page = await openApp(browser, `${inject('baseUrl')}${scenarioHash({ ...defaultModel, currency: 'EUR' })}`);
    await page.locator('details.risk summary').click();
    await panel().getByRole('button', { name: 'Run the simulation' }).click();
    await panel().locator('histogram-chart').waitFor({ timeout: 60_000 });
    expect(await panel().locator('tbody tr[data-figure="incrementalNpvWithCarryover"] td').first().textContent()).toMatch(/^-?€[\d,]+$/);
    for (const chart of ['fan-chart:nth-of-type(2)', 'histogram-chart', 'tornado-chart']) {
      const ticks = await panel().locator(`${chart} svg.chart .axis text`).allTextContents();
      expect(ticks.some((tick) => tick.includes('€')), chart).toBe(true);
    }
  });
});
