import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseModel, simulate } from '../../src/engine/index.ts';
import { appRendered, launchChromium } from './browser.ts';

// Issue 10, "plain words" and "Phone": what people type is read as they mean it, messages speak
// in the screen's labels and units, errors do not move the figures, and at 390 px the headline
// figures, wide tables and the Plan / Compare switch stay within reach.

const defaultModel = parseModel(JSON.parse(readFileSync(new URL('../../models/default.json', import.meta.url), 'utf8')));

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

async function openAt(width: number, height: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height } });
  page.on('pageerror', (error) => { throw error; });
  await page.goto(inject('baseUrl'));
  await appRendered(page);
  return page;
}

const shareSlider = (page: Page) => page.getByLabel('Upstream share', { exact: true });
const shareBox = (page: Page) => page.getByLabel('Upstream share (%)', { exact: true });
const budgetBox = (page: Page) => page.getByLabel('Budget per year', { exact: true });

/** True when the element's box lies wholly within the viewport. */
async function inViewport(page: Page, box: { x: number; y: number; width: number; height: number } | null): Promise<boolean> {
  const viewport = page.viewportSize()!;
  // Within a pixel: layout positions are fractional.
  return box !== null && box.y >= -1 && box.x >= -1 && box.y + box.height <= viewport.height + 1 && box.x + box.width <= viewport.width + 1 && box.height > 0;
}

describe('what people type', () => {
  it('reads "2.5m" typed into the budget as 2,500,000', async () => {
    const page = await openAt(1440, 900);
    await budgetBox(page).fill('2.5m');
    await budgetBox(page).blur();
    await appRendered(page);
    await expect.poll(() => budgetBox(page).inputValue()).toBe('2,500,000');
    const expected = simulate(parseModel({ ...defaultModel, budget: { perYear: 2.5e6, upstreamShare: defaultModel.budget!.upstreamShare } })).summary;
    const headline = page.locator('key-figures').first();
    await expect.poll(() => headline.evaluate((element) => (element as unknown as { summary: { totalSpend: number } }).summary.totalSpend)).toBe(expected.totalSpend);
    await page.close();
  });

  it('words a share of "150%" with the label and in percent', async () => {
    const page = await openAt(1440, 900);
    await shareBox(page).fill('150%');
    await appRendered(page);
    await expect.poll(() => page.locator('plan-controls .error').first().textContent()).toBe('Upstream share must be between 0 and 100 %, got 150 %');
    expect(await shareBox(page).getAttribute('aria-invalid')).toBe('true');
    await page.close();
  });

  it('takes 12 monthly seasonality values, and keeps them for quarterly planning', async () => {
    const page = await openAt(1440, 900);
    const months = [1.2, 1.1, 1, 0.9, 0.8, 0.8, 0.9, 1, 1, 1.1, 1.1, 1.1];
    const box = page.getByLabel('Seasonality', { exact: true });
    await box.fill(months.join(', '));
    await box.press('Enter');
    await box.blur();
    await appRendered(page);
    await page.getByLabel('Planning periods').selectOption('4');
    await appRendered(page);
    expect(await box.inputValue()).toBe(months.join(', '));
    expect(await page.locator('assumptions-panel #seasonality-help').textContent()).toContain('or 4, one per quarter');
    expect(await page.locator('assumptions-panel #seasonality-error').textContent()).toBe('');
    expect(await box.getAttribute('aria-invalid')).toBe('false');
    const model = parseModel({ ...defaultModel, periodsPerYear: 4, market: { ...defaultModel.market, seasonality: months } });
    const app = page.locator('budget-sim-app');
    await expect.poll(() => app.evaluate((element) => (element as unknown as { model: { market: { seasonality: number[] } } }).model.market.seasonality)).toEqual(months);
    const shown = await page.locator('key-figures').first().evaluate((element) => (element as unknown as { summary: { totalRevenue: number } }).summary.totalRevenue);
    expect(shown).toBe(simulate(model).summary.totalRevenue);
    await page.close();
  });
});

describe('an error does not move the figures', () => {
  it('at 1440 px the key figures stay where they were when a field turns invalid', async () => {
    const page = await openAt(1440, 900);
    const figures = page.locator('key-figures').first();
    const before = await figures.boundingBox();
    await shareBox(page).fill('150%');
    await appRendered(page);
    await expect.poll(() => page.getByText('Showing the last valid results.').count()).toBe(1);
    expect(await figures.boundingBox()).toEqual(before);
    await page.close();
  });

  it('the share’s message takes the place of the amounts it makes meaningless, so the fields below stay put', async () => {
    for (const [width, height] of [[1440, 900], [390, 844]]) {
      const page = await openAt(width, height);
      const below = page.getByLabel('First calendar year (optional)');
      // Its place on the page, not in the window (typing may scroll the window).
      const top = () => below.evaluate((element) => element.getBoundingClientRect().top + window.scrollY);
      const before = await top();
      await shareBox(page).fill('150%');
      await appRendered(page);
      await expect.poll(() => page.locator('plan-controls .error').first().textContent()).toContain('Upstream share must be');
      expect(await page.locator('plan-controls .amounts').count()).toBe(0);
      expect(Math.abs(await top() - before), `moved at ${width} px`).toBeLessThanOrEqual(1);
      await page.close();
    }
  });

  it('an assumption’s message takes its help line’s place, so the fields below stay put', async () => {
    const page = await openAt(1440, 900);
    const below = page.getByLabel('Conversion lift', { exact: true });
    const top = () => below.evaluate((element) => element.getBoundingClientRect().top + window.scrollY);
    const before = await top();
    await page.getByLabel('Brand half-life').fill('-3');
    await appRendered(page);
    const field = page.locator('assumptions-panel number-field[path="brand.halfLifeMonths"]');
    await expect.poll(() => field.locator('.error').textContent()).toBe('Brand half-life must be more than 0 months, got -3 months');
    expect(await field.locator('.error').isVisible()).toBe(true);
    expect(Math.abs(await top() - before)).toBeLessThanOrEqual(1);
    await page.close();
  });

  it('at 390 px the summary bar stays in view and in place when a field turns invalid', async () => {
    const page = await openAt(390, 844);
    await shareBox(page).focus();
    const bar = page.locator('sticky-summary section');
    const before = await bar.boundingBox();
    expect(await inViewport(page, before)).toBe(true);
    await shareBox(page).fill('150%');
    await appRendered(page);
    expect(await bar.boundingBox()).toEqual(before);
    await page.close();
  });
});

describe('at 390 px', () => {
  it('keeps a headline figure in view while the upstream slider is focused and changed, without covering it', async () => {
    const page = await openAt(390, 844);
    await shareSlider(page).focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await appRendered(page);
    expect(await shareSlider(page).inputValue()).toBe('52');
    const figure = page.locator('sticky-summary [data-figure="incrementalNpvWithCarryover"] dd');
    expect(await inViewport(page, await figure.boundingBox())).toBe(true);
    const expected = simulate(parseModel({ ...defaultModel, budget: { perYear: defaultModel.budget!.perYear, upstreamShare: 0.52 } })).summary;
    const marketingNpv = expected.incrementalNpvWithCarryover;
    await expect.poll(async () => Number((await figure.textContent())!.replace(/[^\d.-]/g, ''))).toBe(Math.round(marketingNpv));
    // The bar does not cover the slider being used.
    const slider = await shareSlider(page).boundingBox();
    const bar = await page.locator('sticky-summary section').boundingBox();
    expect(slider!.y + slider!.height).toBeLessThanOrEqual(bar!.y);
    await page.close();
  });

  it('scrolls to a control above the bar when it is reached by keyboard, not under it', async () => {
    const page = await openAt(390, 844);
    await page.getByLabel('First calendar year (optional)').focus();
    const field = await page.getByLabel('First calendar year (optional)').boundingBox();
    const bar = await page.locator('sticky-summary section').boundingBox();
    expect(field!.y + field!.height).toBeLessThanOrEqual(bar!.y);
    await page.close();
  });

  it('lets a wide table scroll sideways, by keyboard, and says so', async () => {
    const page = await openAt(390, 844);
    const chart = page.locator('revenue-sources-chart');
    await chart.getByRole('button', { name: /as table$/ }).click();
    const wrap = chart.getByRole('region', { name: 'Revenue by source: table' });
    expect(await wrap.getAttribute('tabindex')).toBe('0');
    const sizes = await wrap.evaluate((element) => ({ scroll: element.scrollWidth, client: element.clientWidth }));
    expect(sizes.scroll).toBeGreaterThan(sizes.client);
    await expect.poll(() => chart.getByText('Scroll sideways for more columns').count()).toBe(1);
    const cue = await wrap.evaluate((element) => getComputedStyle(element).backgroundImage);
    expect(cue).toContain('radial-gradient');
    await wrap.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => wrap.evaluate((element) => element.scrollLeft)).toBeGreaterThan(0);
    await page.close();
  });

  it('puts Plan and Compare within reach when scenarios are compared', async () => {
    const page = await openAt(390, 844);
    for (const [name, share] of [['Our plan', '50'], ['Brand-heavy', '70']]) {
      await shareBox(page).fill(share);
      await page.getByLabel('Scenario name').fill(name);
      const asNew = page.getByRole('button', { name: 'Save as new' });
      await (await asNew.count() > 0 ? asNew : page.getByRole('button', { name: 'Save scenario' })).click();
      await appRendered(page);
    }
    await page.getByLabel('Compare Our plan').check();
    await page.getByLabel('Compare Brand-heavy').check();
    await appRendered(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    const plan = page.locator('sticky-summary').getByRole('button', { name: 'Plan' });
    const compare = page.locator('sticky-summary').getByRole('button', { name: /^Compare/ });
    expect(await inViewport(page, await plan.boundingBox())).toBe(true);
    expect(await inViewport(page, await compare.boundingBox())).toBe(true);
    await plan.click();
    await appRendered(page);
    expect(await plan.getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('scenario-comparison').count()).toBe(0);
    await compare.click();
    await appRendered(page);
    expect(await page.locator('scenario-comparison').count()).toBe(1);
    // Its side-by-side table shows when it scrolls sideways, as the chart tables do.
    expect(await page.locator('scenario-comparison .wrap').evaluate((element) => getComputedStyle(element).backgroundImage)).toContain('radial-gradient');
    // Its top is brought into view (the rest scrolls as usual).
    await expect.poll(async () => inViewport(page, await page.locator('scenario-comparison').boundingBox().then((box) => box && { ...box, height: Math.min(box.height, 100) }))).toBe(true);
    await page.close();
  });
});

describe('per week and per quarter', () => {
  it.each([['52', 'week'], ['4', 'quarter']])('with %s periods a year, the charts per period say per %s', async (periodsPerYear, name) => {
    const page = await openAt(1440, 900);
    await page.getByLabel('Planning periods').selectOption(periodsPerYear);
    await appRendered(page);
    const axisLabels = async (tag: string) => page.locator(`${tag} .axis-label`).allTextContents();
    expect(await axisLabels('revenue-sources-chart')).toContain(`Revenue per ${name}`);
    expect(await axisLabels('spend-equity-chart')).toContain(`Spend per ${name}`);
    expect(await axisLabels('after-horizon-chart')).toEqual([`Extra contribution per ${name}`, 'Brand equity', `${name[0].toUpperCase()}${name.slice(1)}s after the horizon`]);
    // Settings of the file stay per month, whatever the periods.
    expect(await page.locator('assumptions-panel number-field[path="history.upstreamPerMonth"] .suffix').textContent()).toBe('per month');
    await page.close();
  });
});

describe('revenue by source and after the horizon', () => {
  it('labels the base’s early fall as past spend wearing off', async () => {
    const page = await openAt(1440, 900);
    await expect.poll(() => page.locator('revenue-sources-chart .base-fall text').textContent()).toMatch(/^Base falls \d+ %: past spend wearing off$/);
    await page.close();
  });

  it('shows the carryover years, whose discounted amounts add up to the carryover value', async () => {
    const page = await openAt(1440, 900);
    const chart = page.locator('after-horizon-chart');
    expect(await chart.locator('.axis-label').count()).toBe(3);
    expect(await chart.getByRole('list', { name: 'Legend' }).locator('li').count()).toBe(4);
    await chart.getByRole('button', { name: /as table$/ }).click();
    const rows = chart.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(defaultModel.economics.carryoverYears * 12);
    const discounted = await rows.evaluateAll((elements) => elements.map((row) => Number(row.children[2].textContent!.replace(/[^\d.-]/g, ''))));
    const { carryoverValue } = simulate(defaultModel).summary;
    // Each amount is rounded to a whole unit on screen: the sum is within half a unit per row.
    expect(Math.abs(discounted.reduce((sum, value) => sum + value, 0) - carryoverValue)).toBeLessThanOrEqual(discounted.length / 2);
    await page.close();
  });
});
