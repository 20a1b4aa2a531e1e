import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { appRendered, launchChromium } from './browser.ts';

// Components send events only for what a person did; setting their properties in code (as the
// shell does on every render) must never echo an event back up.

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.newPage();
  await page.goto(inject('baseUrl'));
  await appRendered(page);
});

afterAll(async () => {
  await browser?.close();
});

const EVENTS = ['field-change', 'horizon-change', 'periods-change', 'split-mode-change', 'reset-preset', 'preset-change'];

describe('events come only from user actions', () => {
  it('setting every control’s properties in code sends no event', async () => {
    const count = await page.evaluate(async (events) => {
      let heard = 0;
      for (const name of events) document.addEventListener(name, () => { heard += 1; }, true);
      const app = document.querySelector('budget-sim-app') as HTMLElement & { whenRendered(): Promise<void> };
      const root = app.shadowRoot!;
      const draft = { ...(root.querySelector('plan-controls') as unknown as { draft: Record<string, unknown> }).draft };
      const changed = { ...draft, horizonYears: 5, periodsPerYear: 4, budget: { perYear: [1, 2, 3, 4, 5], upstreamShare: 0.2 }, currency: 'NZD', fiscalYearStartMonth: 7 };
      for (const tag of ['plan-controls', 'assumptions-panel', 'currency-calendar']) {
        const element = root.querySelector(tag) as HTMLElement & { draft: unknown; issues: unknown; updateComplete: Promise<unknown> };
        element.draft = changed;
        element.issues = [{ path: 'budget.perYear', message: 'x' }];
        await element.updateComplete;
      }
      const picker = root.querySelector('preset-picker') as HTMLElement & { selected: string; updateComplete: Promise<unknown> };
      picker.selected = 'short-term-revenue';
      await picker.updateComplete;
      const fields = [...root.querySelector('assumptions-panel')!.shadowRoot!.querySelectorAll('number-field')] as (HTMLElement & { value: unknown; updateComplete: Promise<unknown> })[];
      for (const field of fields) { field.value = 42; await field.updateComplete; }
      await new Promise((resolve) => setTimeout(resolve, 50));
      return heard;
    }, EVENTS);
    expect(count).toBe(0);
  });

  it('a person’s edit sends exactly one field-change', async () => {
    await page.evaluate(() => {
      (window as unknown as { heard: unknown[] }).heard = [];
      document.addEventListener('field-change', (event) => (window as unknown as { heard: unknown[] }).heard.push((event as CustomEvent).detail), true);
    });
    // Margin is shown in percent: 40 is 40 %, a share of 0.4 in the model.
    await page.getByLabel('Margin', { exact: true }).fill('40');
    const heard = await page.evaluate(() => (window as unknown as { heard: unknown[] }).heard);
    expect(heard).toEqual([{ path: 'economics.margin', value: 0.4 }]);
  });
});
