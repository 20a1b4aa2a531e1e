import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { formatPercent } from '../../src/app/format.ts';
import { fitHistory } from '../../src/engine/fit/fit-history.ts';
import { readHistory } from '../../src/engine/fit/read-history.ts';
import { parseModel } from '../../src/engine/index.ts';
import { appRendered, launchChromium } from './browser.ts';

// "Fit to your data" as a person uses it: the example fitted in the browser's worker gives the
// figures the engine gives in Node (the fit is seeded, so the same to the last digit), its
// charts are drawn, "Use the fitted model" makes it the current model, saved as a scenario, and
// Undo takes it back; a history with a gap names the row and column and changes nothing; a file
// over 10 MB is refused unread; a weekly history for a monthly model offers the history's
// granularity; columns named otherwise are matched with the selects; a file can be dropped on
// the view; Cancel stops a fit; a re-fit that runs, is cancelled or fails leaves the last fit on
// screen and usable; the keyboard focus follows each step and never falls to the page.

const exampleText = readFileSync(new URL('../../models/examples/consumer-history.csv', import.meta.url), 'utf8');
const exampleStart = parseModel(JSON.parse(readFileSync(new URL('../../models/examples/consumer-weekly.json', import.meta.url), 'utf8')));
const defaultName = (JSON.parse(readFileSync(new URL('../../models/default.json', import.meta.url), 'utf8')) as { name: string }).name;
const channelsName = (JSON.parse(readFileSync(new URL('../../models/consumer-channels.json', import.meta.url), 'utf8')) as { name: string }).name;

let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => { browser = await launchChromium(); });
afterAll(async () => { await browser?.close(); });
beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (error) => { throw error; });
  await page.goto(inject('baseUrl'));
  await appRendered(page);
});
afterEach(async () => { await context?.close(); });

const modelName = () => page.evaluate(() => (document.querySelector('budget-sim-app') as unknown as { model: { name: string } }).model.name);
const view = () => page.locator('fit-view');
const figureCells = (row: 'train' | 'holdout') => page.locator(`fit-results table[data-table="fit-figures"] tr[data-row="${row}"] td`).allTextContents();

async function openFitView(): Promise<void> {
  await page.getByRole('button', { name: 'Fit to your data…' }).click();
  await view().getByRole('heading', { name: 'Fit to your data' }).waitFor();
}

/** Chooses a file in the view's file box, as a person would. */
async function chooseFile(name: string, text: string | Buffer): Promise<void> {
  await view().locator('input[type="file"]').setInputFiles({ name, mimeType: 'text/csv', buffer: typeof text === 'string' ? Buffer.from(text) : text });
}

/** Drops a file on the view's dashed box, as a person would drag it there. */
async function dropFile(name: string, text: string): Promise<void> {
  const dataTransfer = await page.evaluateHandle(({ name: fileName, text: content }) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([content], fileName, { type: 'text/csv' }));
    return transfer;
  }, { name, text });
  await view().locator('.source').dispatchEvent('drop', { dataTransfer });
}

/** Whether a chart has drawn its SVG inside its frame. */
const drawn = (tag: string) => page.evaluate((name) => {
  const results = document.querySelector('budget-sim-app')!.shadowRoot!.querySelector('fit-view')!.shadowRoot!.querySelector('fit-results')!;
  const chart = results.shadowRoot!.querySelector(name);
  return (chart?.shadowRoot?.querySelectorAll('svg path, svg circle, svg rect').length ?? 0) > 10;
}, tag);

/**
 * The element the keyboard focus is on, through every shadow root (document.activeElement stops
 * at the first shadow host): its tag, id and text, or BODY when the focus has fallen to the page.
 */
const deepActive = () => page.evaluate(() => {
  let element = document.activeElement;
  while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
  return { tag: element?.tagName ?? 'NONE', id: element?.id ?? '', text: element?.textContent?.trim() ?? '' };
});

/**
 * Serves the fit's worker script as `source` instead of the real one for the rest of the test: a
 * worker that never answers is a fit that takes as long as the test wants, one that answers with
 * an error is a fit that fails, without waiting seconds for either.
 */
async function stubFitWorker(source: string): Promise<void> {
  await page.route('**/fit.worker*.js', (route) => route.fulfill({ contentType: 'text/javascript', body: source }));
}
const STALLED_FIT = 'self.onmessage = () => {};';
const FAILING_FIT = `self.onmessage = () => self.postMessage({ type: 'error', message: 'the search did not converge', row: null, column: null });`;

/** A monthly history for the consumer brand by channel preset: two years from 2023-01-01, one month left out after `gapAfter` rows. */
function monthlyHistory(gapAfter: number): string {
  const lines = ['date,revenue,TV,Online video,Sponsorship,Search,Social,Retail media,price'];
  for (let month = 0, row = 0; row < 24; month += 1) {
    if (month === gapAfter) continue;
    const date = `${2023 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}-01`;
    lines.push(`${date},${1_500_000 + 10_000 * (month % 5)},60000,30000,15000,50000,30000,20000,${9 + (month % 3) * 0.5}`);
    row += 1;
  }
  return `${lines.join('\n')}\n`;
}

describe('Fit to your data', () => {
  it('fits the example in the worker to the engine’s figures, draws its charts, and Use the fitted model is one undoable step kept as a scenario', async () => {
    const expected = fitHistory(readHistory(exampleText, exampleStart), exampleStart, { source: 'consumer-history.csv' });
    expect(await modelName()).toBe(defaultName);
    await openFitView();
    await view().getByRole('button', { name: 'Try with example data' }).click();
    await view().locator('[data-read-ok]').waitFor();
    expect(await view().locator('[data-start-note]').textContent()).toContain('its own starting model, “Consumer brand by channel, weekly (example start)”');
    expect(await view().locator('[data-read-ok]').textContent()).toContain('156 weekly rows, 2023-01-02 to');
    // Each column has its select, named for the column.
    expect(await view().getByLabel('Read column TV as').inputValue()).toBe('channel:TV');
    expect(await view().getByLabel('Read column promotion as').inputValue()).toBe('driver');

    await view().getByRole('button', { name: 'Fit the model' }).click();
    await page.locator('fit-results [data-use-fitted]').waitFor({ timeout: 60_000 });
    const { train, holdout } = expected.fit;
    expect(holdout).not.toBeNull();
    expect(await figureCells('train')).toEqual([train.r2.toFixed(2), formatPercent(train.nrmse), formatPercent(train.mape)]);
    expect(await figureCells('holdout')).toEqual([holdout!.r2.toFixed(2), formatPercent(holdout!.nrmse), formatPercent(holdout!.mape)]);
    expect(await page.locator('fit-results table[data-table="fit-parameters"] tbody tr').count()).toBe(expected.parameters.length);
    expect(await page.locator('fit-results table[data-table="fit-drivers"] tbody th').allTextContents()).toEqual(expected.drivers.map((driver) => driver.name));
    expect(await page.locator('fit-results [data-list="warnings"] li').count()).toBe(expected.warnings.length);
    await appRendered(page);
    for (const chart of ['fit-over-time-chart', 'fit-decomposition-chart', 'fit-parameters-chart']) expect(await drawn(chart), chart).toBe(true);
    await page.locator('fit-results response-curves-chart').waitFor({ timeout: 60_000 });
    await expect.poll(() => drawn('response-curves-chart')).toBe(true);
    expect(await page.locator('fit-view').evaluate((element) => element.shadowRoot!.textContent!.includes('NaN'))).toBe(false);

    await page.locator('fit-results').getByRole('button', { name: 'Use the fitted model' }).click();
    await expect.poll(modelName).toBe(expected.model.name);
    expect(expected.model.name).not.toBe(defaultName);
    expect(await page.locator('scenario-panel ul.saved li .name').evaluateAll((names) => names.map((name) => name.getAttribute('title')))).toContain(expected.model.name);
    expect(await page.evaluate(() => (document.querySelector('budget-sim-app') as unknown as { model: { periodsPerYear: number } }).model.periodsPerYear)).toBe(52);
    // The risk panel says which of its ranges come from the fit, drawn together from its posterior.
    await page.locator('details.risk summary').click();
    const posteriorPaths = expected.model.posterior!.paths.length;
    await expect.poll(() => page.locator('risk-panel p.status').first().textContent())
      .toContain(`${posteriorPaths} of them come from the fit to the history and are drawn together from its posterior`);
    await page.locator('details.risk summary').click();

    await page.locator('undo-buttons').getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(modelName).toBe(defaultName);
    // The scenario it was saved as stays.
    expect(await page.locator('scenario-panel ul.saved li .name').evaluateAll((names) => names.map((name) => name.getAttribute('title')))).toContain(expected.model.name);
    // Close hides the view and gives the focus back to its button; opened again, the fit is still there.
    await view().getByRole('button', { name: 'Close' }).click();
    expect(await page.locator('#fit-card').isHidden()).toBe(true);
    expect(await page.evaluate(() => document.querySelector('budget-sim-app')!.shadowRoot!.activeElement?.className)).toBe('fit-open');
    await openFitView();
    expect(await figureCells('train')).toEqual([train.r2.toFixed(2), formatPercent(train.nrmse), formatPercent(train.mape)]);
  });

  it('a history with a gap in its dates names the row and column, keeps the model, and cannot be fitted', async () => {
    await page.getByLabel('Preset').selectOption('consumer-channels');
    await appRendered(page);
    expect(await modelName()).toBe(channelsName);
    await openFitView();
    // Rows 2–6 are January to May 2023; June is missing, so July's row (row 7) is the gap.
    await dropFile('gap.csv', monthlyHistory(5));
    const message = view().locator('[data-read-problem]');
    await message.waitFor();
    expect(await message.textContent()).toBe('Row 7, column "date": a gap: 2023-07-01 follows 2023-05-01 (row 6), but the next month starts 2023-06-01 (1 month is missing); the months must be consecutive');
    expect(await view().getByRole('button', { name: 'Fit the model' }).isDisabled()).toBe(true);
    expect(await modelName()).toBe(channelsName);
    expect(await page.locator('fit-results').count()).toBe(0);
    expect(await view().getByRole('heading', { name: 'Columns of gap.csv' }).count()).toBe(1);

    // The same history without the gap reads, and a file that cannot be read at all keeps it on screen.
    await chooseFile('good.csv', monthlyHistory(99));
    await view().locator('[data-read-ok]').waitFor();
    await chooseFile('empty.csv', '');
    expect(await view().locator('[data-file-message]').textContent()).toBe('empty.csv could not be read: the file is empty; a history needs a header row and one row per period. Nothing was changed.');
    expect(await view().getByRole('heading', { name: 'Columns of good.csv' }).count()).toBe(1);
    expect(await modelName()).toBe(channelsName);
  });

  it('refuses a file over 10 MB before reading it, and shows column names only as text', async () => {
    await openFitView();
    await chooseFile('huge.csv', Buffer.alloc(11 * 1024 * 1024, 'a'));
    expect(await view().locator('[data-file-message]').textContent()).toBe('huge.csv is too large (11.0 MB); a history file is at most 10 MB. Nothing was changed.');
    await chooseFile('markup.csv', 'date,revenue,<img src=x onerror="window.hacked=1">\n2023-01-02,1,2\n');
    await view().locator('table[data-table="columns"]').waitFor();
    expect(await view().locator('table[data-table="columns"] tbody th').allTextContents()).toContain('<img src=x onerror="window.hacked=1">');
    expect(await view().locator('img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { hacked?: number }).hacked)).toBeUndefined();
  });

  it('a weekly history for a monthly model says so and offers to fit at the history’s granularity', async () => {
    await page.getByLabel('Preset').selectOption('consumer-channels');
    await appRendered(page);
    await openFitView();
    await chooseFile('consumer-history.csv', exampleText);
    await view().locator('[data-read-problem]').waitFor();
    expect(await view().locator('[data-read-problem]').textContent()).toContain('The history is weekly (column "date": 2023-01-02 in row 2, 2023-01-09 in row 3: 7 days apart) but the model has periodsPerYear 12 (monthly)');
    await view().getByRole('button', { name: 'Fit at weekly granularity' }).click();
    await view().locator('[data-read-ok]').waitFor();
    expect(await view().locator('[data-start-note]').textContent()).toContain(`Fitting at weekly granularity, as the history is: the starting model is “${channelsName}” with 52 periods a year`);
    expect(await modelName()).toBe(channelsName);
  });

  it('columns named otherwise are matched with their selects, as --target and --map would', async () => {
    await page.getByLabel('Preset').selectOption('consumer-channels');
    await appRendered(page);
    await openFitView();
    await chooseFile('export.csv', exampleText.replace(/^date,revenue,TV,/, 'date,sales,tv_S,'));
    await view().locator('[data-read-problem]').waitFor();
    expect(await view().locator('[data-read-problem]').textContent()).toMatch(/^The target "revenue"/);
    await view().getByLabel('Read column sales as').selectOption('target');
    await expect.poll(() => view().locator('[data-read-problem]').textContent()).toMatch(/channel "TV" has no spend column/);
    // A choice the reader cannot make is explained, and the select goes back.
    await view().getByLabel('Read column Search as').selectOption('driver');
    expect(await view().locator('[data-choice-problem]').textContent()).toBe('“Search” is named as a channel, so it is read as Search’s spend; to read it as a demand driver, rename the column in the file.');
    expect(await view().getByLabel('Read column Search as').inputValue()).toBe('channel:Search');
    await view().getByLabel('Read column tv_S as').selectOption('channel:TV');
    // Both columns now read; what is left is the history's granularity.
    await expect.poll(() => view().locator('[data-read-problem]').textContent()).toMatch(/^The history is weekly/);
    await view().getByRole('button', { name: 'Fit at weekly granularity' }).click();
    await view().locator('[data-read-ok]').waitFor();
    expect(await view().getByLabel('Read column sales as').inputValue()).toBe('target');
    expect(await view().getByLabel('Read column tv_S as').inputValue()).toBe('channel:TV');
    expect(await view().getByLabel('Read column revenue as').count()).toBe(0);
  });

  it('at 390 px nothing in the view is wider than the screen, but for the tables that scroll sideways', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await openFitView();
    await view().getByRole('button', { name: 'Try with example data' }).click();
    await view().getByRole('button', { name: 'Fit the model' }).click();
    await page.locator('fit-results [data-use-fitted]').waitFor({ timeout: 60_000 });
    await appRendered(page);
    const wide = await view().evaluate((element) => {
      const limit = document.documentElement.clientWidth + 1;
      /** Every element in a shadow root and the shadow roots inside it, but not inside a box that scrolls sideways. */
      const walk = (root: ShadowRoot): Element[] => [...root.querySelectorAll('*')].flatMap((node) => {
        if (node.closest('.wrap') !== null) return [];
        return [node, ...(node.shadowRoot !== null && node.localName === 'fit-results' ? walk(node.shadowRoot) : [])];
      });
      return walk(element.shadowRoot!).filter((node) => node.getBoundingClientRect().right > limit).map((node) => node.localName + (node.className ? `.${node.className}` : ''));
    });
    expect(wide).toEqual([]);
    // Every row label and unit of the parameters chart inside the chart ("Retail media: maximum
    // conversion lift conversion rate · log scale" on one line ran past it): cut, or the unit below.
    const outside = await page.locator('fit-results fit-parameters-chart').evaluate((element) => {
      const chart = element.shadowRoot!.querySelector('svg.chart')!.getBoundingClientRect();
      return [...element.shadowRoot!.querySelectorAll('text.row-label, text.unit')]
        .filter((text) => text.getBoundingClientRect().left < chart.left - 0.5 || text.getBoundingClientRect().right > chart.right + 0.5)
        .map((text) => text.textContent);
    });
    expect(outside).toEqual([]);
    expect(await page.locator('fit-results fit-parameters-chart text.row-label').count()).toBeGreaterThan(10);
    // The column selects are within reach of a thumb.
    const select = await view().getByLabel('Read column revenue as').boundingBox();
    expect(select!.x + select!.width).toBeLessThanOrEqual(390);
    expect(select!.height).toBeGreaterThanOrEqual(30);
  });

  it('Cancel stops a fit and changes nothing', async () => {
    await openFitView();
    await view().getByRole('button', { name: 'Try with example data' }).click();
    await view().locator('[data-read-ok]').waitFor();
    // Fit and Cancel in one turn of the page, long before the worker could have finished.
    await view().evaluate(async (element) => {
      const root = element.shadowRoot!;
      (root.querySelector('[data-fit]') as HTMLButtonElement).click();
      await (element as unknown as { updateComplete: Promise<unknown> }).updateComplete;
      if (root.querySelector('progress') === null) throw new Error('the fit did not show its progress');
      [...root.querySelectorAll('button')].find((button) => button.textContent === 'Cancel')!.click();
    });
    expect(await view().locator('[data-fit-cancelled]').textContent()).toBe('Fit cancelled; nothing was changed.');
    // Long enough for the fit to have finished had it gone on (it takes about a second).
    await page.waitForTimeout(4000);
    expect(await page.locator('fit-results').count()).toBe(0);
    expect(await view().locator('progress').count()).toBe(0);
    expect(await modelName()).toBe(defaultName);
  });

  it('a re-fit that runs, is cancelled or fails keeps the last fit on screen, marked as the previous one, and Use the fitted model still works', async () => {
    const expected = fitHistory(readHistory(exampleText, exampleStart), exampleStart, { source: 'consumer-history.csv' });
    await openFitView();
    await view().getByRole('button', { name: 'Try with example data' }).click();
    await view().getByRole('button', { name: 'Fit the model' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('fit-results [data-use-fitted]').waitFor({ timeout: 60_000 });
    // The fit the person waited for takes the focus from Cancel to its results' heading.
    await expect.poll(deepActive).toEqual({ tag: 'H3', id: 'fit-figures-heading', text: 'How well it fits' });
    await page.locator('fit-results response-curves-chart').waitFor({ timeout: 60_000 });
    const figures = await figureCells('train');
    const previous = view().locator('[data-fit-previous]');
    expect(await previous.count()).toBe(0);

    // A second fit that is still running: the first one's figures, charts and button stay, under a line saying whose they are.
    await stubFitWorker(STALLED_FIT);
    await view().getByRole('button', { name: 'Fit the model' }).click();
    await view().locator('[data-fit-running]').waitFor();
    expect(await previous.textContent()).toBe('Until this fit finishes, the results below are the previous fit, of consumer-history.csv.');
    expect(await figureCells('train')).toEqual(figures);
    expect(await page.locator('fit-results [data-use-fitted]').isVisible()).toBe(true);

    // Cancelled: the same, and nothing else changed.
    await view().getByRole('button', { name: 'Cancel' }).click();
    expect(await view().locator('[data-fit-cancelled]').textContent()).toBe('Fit cancelled; nothing was changed.');
    expect(await previous.textContent()).toBe('The results below are the last fit that finished, of consumer-history.csv.');
    expect(await figureCells('train')).toEqual(figures);
    for (const chart of ['fit-over-time-chart', 'fit-decomposition-chart', 'fit-parameters-chart', 'response-curves-chart']) expect(await drawn(chart), chart).toBe(true);

    // A re-fit that fails says so and keeps the last fit too.
    await stubFitWorker(FAILING_FIT);
    await view().getByRole('button', { name: 'Fit the model' }).click();
    expect(await view().locator('[data-fit-failed]').textContent()).toBe('The fit failed: The search did not converge. Nothing was changed.');
    expect(await figureCells('train')).toEqual(figures);
    expect(await previous.count()).toBe(1);

    await page.locator('fit-results').getByRole('button', { name: 'Use the fitted model' }).click();
    await expect.poll(modelName).toBe(expected.model.name);
  });

  it('results of another file than the one open are marked as the last fit, with their file', async () => {
    await openFitView();
    await view().getByRole('button', { name: 'Try with example data' }).click();
    await view().getByRole('button', { name: 'Fit the model' }).click();
    await page.locator('fit-results [data-use-fitted]').waitFor({ timeout: 60_000 });
    const previous = view().locator('[data-fit-previous]');
    expect(await previous.count()).toBe(0);
    await chooseFile('other-history.csv', exampleText);
    // The example came with its own start; the new file is read against the current model, so that differs too.
    await expect.poll(() => previous.textContent()).toBe('The results below are the last fit that finished, of consumer-history.csv, '
      + 'from the starting model as it was then; fit again to fit the one above.');
  });

  it('the keyboard focus goes from Try with example data to the columns, from Fit the model to Cancel and back, never to the page', async () => {
    await openFitView();
    await view().getByRole('button', { name: 'Try with example data' }).focus();
    await page.keyboard.press('Enter');
    await view().locator('[data-read-ok]').waitFor();
    // To the table of columns just read, whose heading names the file.
    await expect.poll(deepActive).toEqual({ tag: 'H3', id: 'columns-heading', text: 'Columns of consumer-history.csv' });

    await stubFitWorker(STALLED_FIT);
    await view().getByRole('button', { name: 'Fit the model' }).focus();
    await page.keyboard.press(' ');
    await expect.poll(deepActive).toMatchObject({ tag: 'BUTTON', text: 'Cancel' });
    await page.keyboard.press('Enter');
    await view().locator('[data-fit-cancelled]').waitFor();
    await expect.poll(deepActive).toMatchObject({ tag: 'BUTTON', text: 'Fit the model' });
  });
});
