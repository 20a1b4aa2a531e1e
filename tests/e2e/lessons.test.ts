import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Lesson, parseModel } from '../../src/engine/index.ts';
import { appRendered, launchChromium } from './browser.ts';

// A preset's lesson in three parts, and "Try it": the "what to try" change applied as an
// ordinary edit that Undo (Ctrl+Z, or the Undo button) takes back. Screenshots of the picker at
// 1440 and 390 px wide are written to a temporary folder (its path is printed) to be looked at.

const lessonOf = (id: string): Lesson => parseModel(JSON.parse(readFileSync(new URL(`../../models/${id}.json`, import.meta.url), 'utf8'))).lesson!;
const shots = mkdtempSync(join(tmpdir(), 'budget-sim-lessons-'));
let browser: Browser;

beforeAll(async () => { browser = await launchChromium(); });
afterAll(async () => { await browser?.close(); });

async function open(width: number, height: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height } });
  page.on('pageerror', (error) => { throw error; });
  await page.goto(inject('baseUrl'));
  await appRendered(page);
  return page;
}

const picker = (page: Page) => page.locator('preset-picker');
const part = (page: Page, name: 'situation' | 'try' | 'notice') => picker(page).locator(`[part="${name}"]`);
const horizon = (page: Page) => page.getByLabel('Horizon (years)', { exact: true });

async function choose(page: Page, id: string): Promise<void> {
  await picker(page).locator('select').selectOption(id);
  await appRendered(page);
}

async function tryIt(page: Page): Promise<void> {
  await picker(page).getByRole('button', { name: /^Try it/ }).click();
  await appRendered(page);
}

describe('preset lessons', () => {
  it('shows the default preset’s situation, what to try and what to notice', async () => {
    const page = await open(1440, 900);
    const lesson = lessonOf('default');
    expect(await part(page, 'situation').textContent()).toBe(lesson.situation);
    expect(await part(page, 'try').textContent()).toContain(lesson.tryThis);
    expect(await part(page, 'notice').textContent()).toBe(lesson.notice);
    for (const heading of ['Situation', 'What to try', 'What to notice']) {
      await expect.poll(() => picker(page).getByText(heading, { exact: true }).count()).toBe(1);
    }
    await page.close();
  });

  it('"Try it" sets the horizon to 1 year, and Ctrl+Z puts it back to 3', async () => {
    const page = await open(1440, 900);
    expect(await horizon(page).inputValue()).toBe('3');
    await tryIt(page);
    expect(await horizon(page).inputValue()).toBe('1');
    expect(await picker(page).getByRole('status').textContent()).toContain('Undo');
    await page.keyboard.press('Control+z');
    await appRendered(page);
    expect(await horizon(page).inputValue()).toBe('3');
    await page.close();
  });

  it('"Try it" on a field (New market entry: Market growth 0) changes that field, and Undo restores it', async () => {
    const page = await open(1440, 900);
    await choose(page, 'new-market-entry');
    const lesson = lessonOf('new-market-entry');
    expect(await part(page, 'situation').textContent()).toBe(lesson.situation);
    const growth = page.getByLabel('Market growth', { exact: true });
    const before = await growth.inputValue();
    expect(Number(before)).toBeGreaterThan(0);
    await tryIt(page);
    expect(Number(await growth.inputValue())).toBe(0);
    await page.locator('undo-buttons').getByRole('button', { name: 'Undo', exact: true }).click();
    await appRendered(page);
    expect(await growth.inputValue()).toBe(before);
    await page.close();
  });

  it('"Try it" sets one share for every year (New product launch: Upstream share 0), and Marketing NPV with carryover turns negative', async () => {
    const page = await open(1440, 900);
    await choose(page, 'new-product-launch');
    const marketingNpv = () => page.locator('key-figures [data-figure="marketing-npv-carryover"] .value').textContent();
    expect(await marketingNpv()).not.toMatch(/^[-−]/);
    await tryIt(page);
    // The launch plans by year, so each year's share shows the one share the lesson set.
    for (const year of [1, 2, 3]) expect(await page.getByLabel(`Year ${year} upstream share (%)`, { exact: true }).inputValue()).toBe('0');
    expect(await marketingNpv()).toMatch(/^[-−]/);
    await page.close();
  });

  it.each([[1440, 900], [390, 844]] as const)('the lesson is readable at %i px wide (screenshot)', async (width, height) => {
    const page = await open(width, height);
    await choose(page, 'short-term-revenue');
    await tryIt(page); // the shot shows the note that Undo takes the change back
    const box = await picker(page).boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(width);
    // Nothing in the lesson is wider than the picker (no sideways scrolling at 390 px).
    const overflow = await picker(page).evaluate((element) => {
      const root = element.shadowRoot!;
      const limit = element.getBoundingClientRect().right + 1;
      return [...root.querySelectorAll('*')].filter((node) => node.getBoundingClientRect().right > limit).length;
    });
    expect(overflow).toBe(0);
    await picker(page).scrollIntoViewIfNeeded();
    const path = join(shots, `lesson-${width}x${height}.png`);
    await page.screenshot({ path, fullPage: false, clip: { x: 0, y: Math.max(0, box!.y - 8), width, height: Math.min(height, box!.height + 16) } });
    console.log(`screenshot: ${path}`);
    await page.close();
  });
});
