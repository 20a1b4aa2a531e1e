import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { formatMoney, formatPercent } from '../../src/app/format.ts';
import { parseModel } from '../../src/engine/index.ts';
import { monteCarlo } from '../../src/engine/uncertainty/monte-carlo.ts';
import { allText, appRendered, launchChromium, openApp } from './browser.ts';

// Risk: Monte Carlo across Web Workers gives the engine's own figures for the same draws, the
// fan charts and the histogram appear, and Cancel during a long run frees the app at once.

const defaultModel = parseModel(JSON.parse(readFileSync(new URL('../../models/default.json', import.meta.url), 'utf8')));

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
  it('runs 10,000 draws across workers and shows the engine’s percentiles, fan charts and histogram', async () => {
    await panel().getByLabel('Seed').fill('42');
    await panel().getByRole('button', { name: 'Run the simulation' }).click();
    await panel().locator('histogram-chart').waitFor({ timeout: 60_000 });
    const expected = monteCarlo(defaultModel, { draws: 10_000, seed: 42 });
    const npvRow = panel().locator('tbody tr').first().locator('td');
    expect(await npvRow.allTextContents()).toEqual([
      expected.summary.npv.mean, expected.summary.npv.p5, expected.summary.npv.p10,
      expected.summary.npv.p50, expected.summary.npv.p90, expected.summary.npv.p95,
    ].map(formatMoney));
    expect(await panel().locator('[data-chance="roi"]').textContent()).toBe(formatPercent(expected.probabilityRoiPositive));
    expect(await panel().locator('fan-chart').count()).toBe(2);
    expect(await panel().locator('fan-chart').first().locator('svg.chart path').count()).toBeGreaterThanOrEqual(4);
    expect(await allText(page)).not.toMatch(/NaN|undefined/);
  });

  it('shows the tornado, largest swing first', async () => {
    const labels = await panel().locator('tornado-chart text.annotation').allTextContents();
    expect(labels.length).toBeGreaterThanOrEqual(5);
    const rows = await panel().locator('tornado-chart').evaluate(async (element) => {
      const tornado = element as HTMLElement & { sensitivity: { rows: { npvWithCarryover: { swing: number } }[] } };
      return tornado.sensitivity.rows.map((row) => row.npvWithCarryover.swing);
    });
    expect([...rows].sort((a, b) => b - a)).toEqual(rows);
  });

  it('stays responsive during a 100,000-draw run, and Cancel brings the panel back within 100 ms', async () => {
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

  it('refuses a seed that is not a whole number, with a message', async () => {
    await panel().getByLabel('Seed').fill('1.5');
    await panel().getByRole('button', { name: 'Run the simulation' }).click();
    expect(await panel().locator('#seed-error').textContent()).toContain('The seed must be a whole number');
    expect(await panel().getByLabel('Seed').getAttribute('aria-invalid')).toBe('true');
  });
});
