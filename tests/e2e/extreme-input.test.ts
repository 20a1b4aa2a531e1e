import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseModel, simulate } from '../../src/engine/index.ts';
import { allText, appRendered, launchChromium, openApp } from './browser.ts';

// Issue 10, bad and extreme input: a value per sale of 1e308 used to be valid, overflow, and
// draw chart paths with NaN coordinates. It is now over its limit (docs/model-limits.md): the
// field says so, the figures and charts keep the last good model, and nothing shows NaN.

const defaultModel = parseModel(JSON.parse(readFileSync(new URL('../../models/default.json', import.meta.url), 'utf8')));

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  page = await openApp(browser, inject('baseUrl'));
});

afterAll(async () => {
  await browser?.close();
});

/** Every `d` of an SVG path and every x/y/width/height of an SVG shape, through every shadow root. */
function svgGeometry(target: Page): Promise<string[]> {
  return target.evaluate(() => {
    const values: string[] = [];
    const walk = (node: Node) => {
      if (node instanceof SVGElement) {
        for (const name of ['d', 'x', 'y', 'x1', 'x2', 'y1', 'y2', 'cx', 'cy', 'width', 'height', 'transform', 'points']) {
          const value = node.getAttribute(name);
          if (value !== null) values.push(value);
        }
      }
      if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot);
      node.childNodes.forEach(walk);
    };
    walk(document.body);
    return values;
  });
}

describe('a value per sale of 1e308', () => {
  it('is refused by its field; the figures keep the last good model and nothing shows NaN', async () => {
    const field = page.locator('assumptions-panel number-field[path="economics.valuePerSale"]');
    await page.getByLabel('Value per sale', { exact: true }).fill('1e308');
    await appRendered(page);
    await expect.poll(() => field.locator('.error').textContent()).toMatch(/^Value per sale must be .+, got /);
    expect(await page.getByLabel('Value per sale', { exact: true }).getAttribute('aria-invalid')).toBe('true');

    const shown = await page.locator('key-figures').first()
      .evaluate((element) => (element as unknown as { summary: { totalRevenue: number } }).summary.totalRevenue);
    expect(shown).toBe(simulate(defaultModel).summary.totalRevenue);

    expect(await allText(page)).not.toMatch(/NaN|Infinity|undefined/);
    const geometry = await svgGeometry(page);
    expect(geometry.length).toBeGreaterThan(10);
    expect(geometry.filter((value) => /NaN|Infinity/.test(value))).toEqual([]);
  });
});
