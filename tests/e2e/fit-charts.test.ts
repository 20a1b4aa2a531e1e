import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { type PreviewServer, build, preview } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_PARAMETERS, FIXTURE_WEEKS } from '../fixtures/fit-result-fixture.ts';
import { launchChromium } from './browser.ts';

// The fit charts on a page of their own (fit-charts-page.html: the hand-made fit result of
// tests/fixtures), built as production is and opened in Chromium at a desktop and a phone width.

const root = fileURLToPath(new URL('../..', import.meta.url));
let browser: Browser;
let server: PreviewServer;
let outDir: string;
let url: string;

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'budget-sim-fit-charts-'));
  await build({ root, logLevel: 'warn', build: { outDir, emptyOutDir: true, rollupOptions: { input: join(root, 'tests/e2e/fit-charts-page.html') } } });
  server = await preview({ root, logLevel: 'warn', build: { outDir }, preview: { port: 0, host: '127.0.0.1' } });
  url = `${server.resolvedUrls!.local[0]}tests/e2e/fit-charts-page.html`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

async function open(width: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  page.on('pageerror', (error) => { throw error; });
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { fitChartsReady?: boolean }).fitChartsReady === true);
  await page.evaluate(async () => {
    for (const element of document.body.children) await (element as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete;
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  });
  return page;
}

/** Everything a chart shows or draws with: its text and every attribute, through both shadow roots. */
function chartDom(page: Page, tag: string): Promise<{ text: string; attributes: string }> {
  return page.evaluate((name) => {
    const texts: string[] = [];
    const attributes: string[] = [];
    const walk = (node: Node) => {
      if (node.nodeType === Node.TEXT_NODE) texts.push(node.textContent ?? '');
      if (node instanceof Element) {
        for (const attribute of node.attributes) attributes.push(`${attribute.name}=${attribute.value}`);
        if (node.shadowRoot) walk(node.shadowRoot);
      }
      node.childNodes.forEach(walk);
    };
    walk(document.querySelector(name)!);
    return { text: texts.join(' '), attributes: attributes.join(' ') };
  }, tag);
}

const legendOf = (page: Page, tag: string) => page.locator(`${tag} chart-frame .legend li`).allTextContents();
const axisLabelsOf = (page: Page, tag: string) => page.locator(`${tag} svg.chart .axis-label`).allTextContents();

/** Switches a chart to its table and counts the body rows. */
async function tableRows(page: Page, tag: string): Promise<{ rows: number; columns: string[] }> {
  await page.locator(`${tag} chart-frame`).getByRole('button', { name: /as table$/ }).click();
  const rows = await page.locator(`${tag} chart-frame tbody tr`).count();
  const columns = await page.locator(`${tag} chart-frame thead th`).allTextContents();
  await page.locator(`${tag} chart-frame`).getByRole('button', { name: /as chart$/ }).click();
  return { rows, columns };
}

/** Focuses the chart's plot, presses `keys`, and reads the tooltip the frame shows. */
async function tooltipAfter(page: Page, tag: string, keys: string[]): Promise<string> {
  // The pointer off every chart, so only the keys pick what the tooltip shows.
  await page.mouse.move(0, 0);
  await page.locator(`${tag} svg.chart`).focus();
  for (const key of keys) await page.keyboard.press(key);
  return (await page.locator(`${tag} chart-frame .tooltip`).textContent()) ?? '';
}

describe.each([1440, 390])('fit charts at %i px', (width) => {
  let page: Page;
  beforeAll(async () => { page = await open(width); });
  afterAll(async () => { await page.close(); });

  it('fit the page: nothing wider than the screen, every plot drawn at the chart’s own width', async () => {
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    for (const tag of ['fit-over-time-chart', 'fit-decomposition-chart', 'fit-parameters-chart', 'response-curves-chart']) {
      const box = await page.locator(`${tag} svg.chart`).boundingBox();
      expect(box!.width, tag).toBeGreaterThan(width * 0.75);
      expect(box!.width, tag).toBeLessThanOrEqual(width);
    }
  });

  it('actual against fitted: dots, line, band, held-out shading, residuals, legend, axis labels, a row per week, no NaN', async () => {
    const tag = 'fit-over-time-chart';
    expect(await page.locator(`${tag} g.actual circle`).count()).toBe(FIXTURE_WEEKS);
    expect(await page.locator(`${tag} g.misses circle`).count()).toBe(FIXTURE_WEEKS);
    expect(await page.locator(`${tag} path.fitted`).getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+L/);
    expect(await page.locator(`${tag} path.band`).getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+L/);
    // One held-out run, shaded in both panels, labelled once.
    expect(await page.locator(`${tag} g.held-out rect`).count()).toBe(2);
    expect(await page.locator(`${tag} g.held-out text`).allTextContents()).toEqual(['Held out']);
    expect(await legendOf(page, tag)).toEqual(['Actual', 'Fitted', '90 % interval', 'Held out (not used to fit)', 'Actual outside the interval']);
    expect(await axisLabelsOf(page, tag)).toEqual(['Revenue per week', 'Actual − fitted', 'Date']);
    const table = await tableRows(page, tag);
    expect(table.rows).toBe(FIXTURE_WEEKS);
    expect(table.columns[0]).toBe('Date');
    const dom = await chartDom(page, tag);
    expect(dom.text + dom.attributes).not.toMatch(/NaN|undefined|Infinity/);
  });

  it('actual against fitted: the keyboard reads each week, first and last, in the tooltip', async () => {
    const tag = 'fit-over-time-chart';
    const first = await tooltipAfter(page, tag, ['Home']);
    // Week 0: fitted = 100,000 + 3,000 + 4,000 + 0 + 9,000 + 5,000 + 3,000 + 0 + 7,000 − 350 = 130,650.
    expect(first).toContain('2024-01-01');
    expect(first).toContain('€130,650');
    const last = await tooltipAfter(page, tag, ['End']);
    expect(last).toContain('2025-12-22 (held out)');
    expect(await page.locator(`${tag} svg.chart`).getAttribute('aria-label')).toMatch(/104 weeks from 2024-01-01 to 2025-12-22, the last 13 held out/);
    await page.keyboard.press('Escape');
    expect(await page.locator(`${tag} chart-frame .tooltip`).count()).toBe(0);
  });

  it('decomposition: a band per part (six channels), actual dots, legend, axis labels, a row per week, no NaN', async () => {
    const tag = 'fit-decomposition-chart';
    const parts = await page.locator(`${tag} g.part`).evaluateAll((paths) => paths.map((path) => path.getAttribute('data-part')));
    expect(parts).toEqual(['base', 'channel:TV', 'channel:Online video', 'channel:Sponsorship', 'channel:Search', 'channel:Social', 'channel:Retail media', 'drivers', 'interaction']);
    expect(await page.locator(`${tag} g.actual circle`).count()).toBe(FIXTURE_WEEKS);
    const legend = await legendOf(page, tag);
    expect(legend.slice(0, 3)).toEqual(['Base (no spend)', 'TV (upstream)', 'Online video (upstream)']);
    expect(legend).toContain('Drivers');
    expect(legend).toContain('Actual');
    expect(await axisLabelsOf(page, tag)).toEqual(['Revenue per week', 'Date']);
    const table = await tableRows(page, tag);
    expect(table.rows).toBe(FIXTURE_WEEKS);
    // Two drivers: each its own column and their sum.
    expect(table.columns).toContain('Driver: price');
    expect(table.columns).toContain('Drivers');
    const dom = await chartDom(page, tag);
    expect(dom.text + dom.attributes).not.toMatch(/NaN|undefined|Infinity/);
    const tip = await tooltipAfter(page, tag, ['Home']);
    expect(tip).toContain('Base (no spend)€100,000');
    expect(tip).toContain('Drivers€7,000');
  });

  it('parameters: a row per setting with its own scale, labelled in words, the noise without a prior, no NaN', async () => {
    const tag = 'fit-parameters-chart';
    expect(await page.locator(`${tag} g.row`).count()).toBe(FIXTURE_PARAMETERS.length);
    // Six priors: the noise has none.
    expect(await page.locator(`${tag} rect.prior`).count()).toBe(FIXTURE_PARAMETERS.length - 1);
    expect(await page.locator(`${tag} rect.posterior`).count()).toBe(FIXTURE_PARAMETERS.length);
    expect(await page.locator(`${tag} path.start`).count()).toBe(FIXTURE_PARAMETERS.length);
    const labels = await page.locator(`${tag} text.row-label title`).allTextContents();
    expect(labels).toEqual(['Brand half-life', 'TV: half-saturation', 'Search: maximum conversion lift', 'Market growth', 'Seasonality: cosine 1', 'Driver: price', 'Noise around the fit (σ)']);
    // Each row's ends: brand half-life spans 6 … 24 months.
    expect(await page.locator(`${tag} g.row[data-path="brand.halfLifeMonths"] text.end`).allTextContents()).toEqual(['6', '24']);
    expect(await page.locator(`${tag} g.row[data-path="upstream.channels.TV.halfSaturation"] text.end`).allTextContents()).toEqual(['20k', '100k']);
    expect(await legendOf(page, tag)).toEqual(['Prior 90 % range', 'Prior median', 'Posterior 90 % interval', 'Fitted value', 'Start value']);
    expect(await page.locator(`${tag} text.axis-note`).textContent()).toMatch(/^Each row on its own scale/);
    const table = await tableRows(page, tag);
    expect(table.rows).toBe(FIXTURE_PARAMETERS.length);
    const dom = await chartDom(page, tag);
    expect(dom.text + dom.attributes).not.toMatch(/NaN|undefined|Infinity/);
    const tip = await tooltipAfter(page, tag, ['ArrowDown']);
    expect(tip).toContain('Brand half-life (months)');
    expect(tip).toContain('Prior 90 % range6 – 24');
    expect(tip).toContain('Fitted value15');
    const next = await tooltipAfter(page, tag, ['ArrowDown']);
    expect(next).toContain('TV: half-saturation');
    const noise = await tooltipAfter(page, tag, ['End']);
    expect(noise).toContain('Priornone (flat)');
  });

  it('parameters: positive settings on a log scale whatever their span, growth, waves and drivers linear', async () => {
    const tag = 'fit-parameters-chart';
    const units = await page.locator(`${tag} g.row`).evaluateAll((rows) => rows.map((row) => [row.getAttribute('data-path'), row.querySelector('.unit title, .unit')?.textContent ?? '']));
    const logRows = units.filter(([, unit]) => unit!.endsWith('log scale')).map(([path]) => path);
    // Search's maximum conversion lift spans only 3× (0.004 … 0.012) and is on a log scale all the same.
    expect(logRows).toEqual(['brand.halfLifeMonths', 'upstream.channels.TV.halfSaturation', 'downstream.channels.Search.maxConversionLift', 'noise.sigma']);
    // On its log scale the lift's prior median 0.008 sits ln 2 / ln 3 = 63.1 % along the row, not 50 % as on a linear one.
    const at = await page.locator(`${tag} g.row[data-path="downstream.channels.Search.maxConversionLift"]`).evaluate((row) => {
      const track = row.querySelector('line:not(.prior-median)')!;
      const median = row.querySelector('line.prior-median')!;
      const x = (line: Element, name: string) => Number(line.getAttribute(name));
      return (x(median, 'x1') - x(track, 'x1')) / (x(track, 'x2') - x(track, 'x1'));
    });
    expect(at).toBeCloseTo(Math.log(2) / Math.log(3), 3);
  });

  it('parameters: every row’s label and unit inside the chart, the longest cut or wrapped with its whole text in a title', async () => {
    const tag = 'fit-parameters-chart';
    // The longest label a channel model gives, and a text driver's value longer than any label fits, added for this test and taken away after.
    const long = [
      { path: 'downstream.channels.Retail media.maxConversionLift', prior: { lower: 0.002, median: 0.005, upper: 0.0125, source: 'uncertainty' }, start: 0.005, value: 0.006, lower: 0.0045, upper: 0.008 },
      { path: 'promotion=weekend bundle with free delivery and a gift card for every order', prior: { lower: -0.5, median: 0, upper: 0.5, source: 'default' }, start: 0, value: 0.1, lower: 0.05, upper: 0.15 },
    ];
    const before = await page.locator(tag).evaluate(async (element: HTMLElement & { parameters: unknown[]; updateComplete: Promise<unknown> }, rows) => {
      const count = element.parameters.length;
      element.parameters = [...element.parameters, ...rows];
      await element.updateComplete;
      return count;
    }, long);
    try {
      const overflow = await page.locator(tag).evaluate((element) => {
        const svg = element.shadowRoot!.querySelector('svg.chart')!.getBoundingClientRect();
        return [...element.shadowRoot!.querySelectorAll('text.row-label, text.unit')]
          .map((text) => ({ text: text.textContent, box: text.getBoundingClientRect() }))
          .filter(({ box }) => box.left < svg.left - 0.5 || box.right > svg.right + 0.5)
          .map(({ text }) => text);
      });
      expect(overflow).toEqual([]);
      const row = page.locator(`${tag} g.row[data-path="downstream.channels.Retail media.maxConversionLift"]`);
      expect(await row.locator('text.row-label > title').textContent()).toBe('Retail media: maximum conversion lift');
      expect(await row.locator('text.row-label').textContent()).toMatch(/^Retail media: max/);
      // Its unit reads in full (below the label at 390 px, where it cannot sit beside it) or is cut with its title.
      const unit = row.locator('.unit');
      expect((await unit.textContent())!.startsWith('conversion rate')).toBe(true);
      if (width === 390) expect(await row.locator('text.unit').count()).toBe(1);
      const driver = page.locator(`${tag} g.row[data-path^="promotion="] text.row-label`);
      expect(await driver.locator('title').textContent()).toBe('Driver: promotion = weekend bundle with free delivery and a gift card for every order');
      expect(await driver.evaluate((text) => [...text.childNodes].filter((node) => node.nodeType === Node.TEXT_NODE).map((node) => node.textContent).join(''))).toMatch(/^Driver: promotion = .+…$/);
    } finally {
      await page.locator(tag).evaluate(async (element: HTMLElement & { parameters: unknown[]; updateComplete: Promise<unknown> }, count) => {
        element.parameters = element.parameters.slice(0, count);
        await element.updateComplete;
      }, before);
    }
  });

  it('response curves: a band per channel behind its curve, in the legend, tooltip and table', async () => {
    const tag = 'response-curves-chart';
    expect(await page.locator(`${tag} path.band`).count()).toBe(6);
    expect(await legendOf(page, tag)).toContain('Shaded: 90 % band across the fit’s posterior');
    expect(await axisLabelsOf(page, tag)).toEqual(['Incremental contribution per month', 'Spend per month']);
    const table = await tableRows(page, tag);
    // 6 channels × (17 samples + the current plan).
    expect(table.rows).toBe(6 * 18);
    expect(table.columns).toEqual(['Channel', 'Spend per month', 'Incremental contribution per month', '5 %', '95 %', 'Marked']);
    const tip = await tooltipAfter(page, tag, ['ArrowDown']);
    expect(tip).toMatch(/90 % band€[\d,]+ – €[\d,]+/);
    const dom = await chartDom(page, tag);
    expect(dom.text + dom.attributes).not.toMatch(/NaN|undefined|Infinity/);
  });
});
