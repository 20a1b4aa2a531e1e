import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { formatMoney } from '../../src/app/format.ts';
import { parseModel, simulate } from '../../src/engine/index.ts';
import { appRendered, launchChromium, openApp } from './browser.ts';

// After Apply, the plan period by period: edit a cell, paste a block from a spreadsheet, see the
// totals and figures follow; a bad paste says so by the cell and changes nothing.

const defaultModel = parseModel(JSON.parse(readFileSync(new URL('../../models/default.json', import.meta.url), 'utf8')));

let browser: Browser;
let page: Page;

beforeAll(async () => { browser = await launchChromium(); });
afterAll(async () => { await browser?.close(); });

beforeEach(async () => {
  page = await openApp(browser, inject('baseUrl'));
  await page.locator('details.optimizer summary').click();
  const panel = page.locator('optimizer-panel');
  await panel.getByLabel('Phasing').selectOption('flighting');
  await panel.getByRole('button', { name: 'Find the best plan' }).click();
  await panel.getByRole('button', { name: 'Apply this plan' }).click();
  await appRendered(page);
});

const grid = () => page.locator('plan-grid');
const cell = (side: 'Upstream' | 'Downstream', month: number) => grid().getByLabel(`${side}, month ${month}`, { exact: true });
const shownPlan = () => grid().evaluate((element) => (element as unknown as { plan: { upstream: number[]; downstream: number[] } }).plan);
const npvWithCarryover = () => page.locator('key-figures [data-figure="npv-carryover"] .value').textContent();
const yearTotals = (year: number) => grid().locator(`tr.year-total[data-year="${year}"] td`).allTextContents();

/** A paste into a cell, as a spreadsheet's copy puts it on the clipboard. */
async function paste(side: 'Upstream' | 'Downstream', month: number, text: string): Promise<void> {
  await cell(side, month).focus();
  await cell(side, month).evaluate((input, clipboard) => {
    const data = new DataTransfer();
    data.setData('text/plain', clipboard);
    input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true, composed: true }));
  }, text);
  await appRendered(page);
}

describe('the plan grid after Apply', () => {
  it('shows the applied plan period by period with totals per year', async () => {
    const plan = await shownPlan();
    expect(await grid().getByRole('textbox').count()).toBe(72);
    expect(await cell('Upstream', 1).inputValue()).toBe(formatMoney(plan.upstream[0]));
    const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
    expect(await yearTotals(2)).toEqual([sum(plan.upstream.slice(12, 24)), sum(plan.downstream.slice(12, 24)), 1_200_000].map(formatMoney));
    expect(await grid().getByRole('region', { name: 'Spend per period' }).count()).toBe(1);
  });

  it('sends plan-edit only on a person\'s edit, never when its plan is set in code (Undo replaces it, for one)', async () => {
    await page.evaluate(() => {
      (window as unknown as { edits: number }).edits = 0;
      document.addEventListener('plan-edit', () => { (window as unknown as { edits: number }).edits += 1; });
    });
    await grid().evaluate(async (element) => {
      const gridElement = element as unknown as { plan: { upstream: number[]; downstream: number[] }; updateComplete: Promise<unknown> };
      gridElement.plan = { upstream: gridElement.plan.upstream.map((value) => value + 1), downstream: [...gridElement.plan.downstream] };
      await gridElement.updateComplete;
    });
    expect(await page.evaluate(() => (window as unknown as { edits: number }).edits)).toBe(0);
    await cell('Downstream', 2).fill('1,000');
    await cell('Downstream', 2).press('Enter');
    expect(await page.evaluate(() => (window as unknown as { edits: number }).edits)).toBe(1);
  });

  it('applies an edited cell and a pasted 3×2 block: the plan, the totals and the figures follow', async () => {
    const before = await shownPlan();
    await cell('Upstream', 1).fill('50,000');
    await cell('Upstream', 1).press('Enter');
    await appRendered(page);
    let plan = await shownPlan();
    expect(plan.upstream[0]).toBe(50_000);
    expect(plan.upstream.slice(1)).toEqual(before.upstream.slice(1));

    await paste('Upstream', 2, '10,000\t20,000\r\n30,000\t40,000\r\n50 000\t$60,000.50\r\n');
    plan = await shownPlan();
    expect(plan.upstream.slice(0, 5)).toEqual([50_000, 10_000, 30_000, 50_000, before.upstream[4]]);
    expect(plan.downstream.slice(0, 5)).toEqual([before.downstream[0], 20_000, 40_000, 60_000.5, before.downstream[4]]);
    expect(await cell('Downstream', 4).inputValue()).toBe(formatMoney(60_000.5));

    const upstreamYear1 = plan.upstream.slice(0, 12).reduce((total, value) => total + value, 0);
    const downstreamYear1 = plan.downstream.slice(0, 12).reduce((total, value) => total + value, 0);
    expect(await yearTotals(1)).toEqual([upstreamYear1, downstreamYear1, upstreamYear1 + downstreamYear1].map(formatMoney));
    expect(upstreamYear1 + downstreamYear1).not.toBeCloseTo(1_200_000, 0);
    expect(await npvWithCarryover()).toBe(formatMoney(simulate({ ...defaultModel, plan }).summary.npvWithCarryover));
  });

  it('refuses a paste with a value that is not an amount: a message by the cell, nothing changed', async () => {
    const before = await shownPlan();
    const figure = await npvWithCarryover();
    await paste('Upstream', 3, '10,000\t20,000\nabc\t40,000\n');
    const message = grid().getByRole('alert');
    expect(await message.textContent()).toBe('Pasted block, row 2, column 1: “abc” is not a number. Nothing was changed.');
    expect(await cell('Upstream', 3).getAttribute('aria-invalid')).toBe('true');
    expect(await shownPlan()).toEqual(before);
    expect(await cell('Upstream', 3).inputValue()).toBe(formatMoney(before.upstream[2]));
    expect(await npvWithCarryover()).toBe(figure);

    await paste('Downstream', 36, '1\n2\n');
    expect(await grid().getByRole('alert').textContent()).toMatch(/^Pasted block: the block has 2 rows, but only 1 row is left from here\. Nothing was changed\.$/);
    await cell('Downstream', 5).fill('-5');
    await cell('Downstream', 5).press('Enter');
    expect(await grid().getByRole('alert').textContent()).toBe('Downstream, month 5: cannot be negative. Nothing was changed.');
    expect(await shownPlan()).toEqual(before);
    expect(await cell('Downstream', 5).inputValue()).toBe(formatMoney(before.downstream[4]));
  });

  it('scrolls inside itself on a phone (390 px), its header row staying in view', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await appRendered(page);
    const region = grid().getByRole('region', { name: 'Spend per period' });
    const box = await region.evaluate((element) => ({
      overflow: getComputedStyle(element).overflowY, tall: element.scrollHeight > element.clientHeight + 100,
      fits: element.getBoundingClientRect().right <= window.innerWidth,
    }));
    expect(box).toEqual({ overflow: 'auto', tall: true, fits: true });
    await region.evaluate((element) => { element.scrollTop = 400; });
    const [regionTop, headerTop] = await Promise.all([
      region.evaluate((element) => element.getBoundingClientRect().top),
      grid().locator('thead th').first().evaluate((element) => element.getBoundingClientRect().top),
    ]);
    expect(Math.abs(headerTop - regionTop)).toBeLessThanOrEqual(2);
  });
});
