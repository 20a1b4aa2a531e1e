import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { formatMoney, formatPercent } from '../../src/app/format.ts';
import { type Model, parseModel, simulate } from '../../src/engine/index.ts';
import { readScenarioLink, scenarioHash } from '../../src/engine/io/index.ts';
import { compareMonteCarlo } from '../../src/engine/uncertainty/compare-monte-carlo.ts';
import { runInProcess } from '../cli/cli-harness.ts';
import { allText, appRendered, launchChromium } from './browser.ts';

// Scenarios as a finance partner uses them: save, reload, compare, share, export, import — and
// nothing stored is ever lost to a bad file, a damaged entry, a full storage or a second tab.

const defaultText = readFileSync(new URL('../../models/default.json', import.meta.url), 'utf8');
const defaultModel = parseModel(JSON.parse(defaultText));
const withShare = (share: number, name = defaultModel.name): Model =>
  parseModel({ ...defaultModel, name, budget: { perYear: 1200000, upstreamShare: share } });
const scratch = mkdtempSync(join(tmpdir(), 'budget-sim-e2e-'));

let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => { browser = await launchChromium(); });
afterAll(async () => { await browser?.close(); });

beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  page = await open(context);
});

async function open(into: BrowserContext, url = inject('baseUrl')): Promise<Page> {
  const opened = await into.newPage();
  opened.on('pageerror', (error) => { throw error; });
  opened.on('dialog', (dialog) => { throw new Error(`unexpected dialog: ${dialog.message()}`); });
  await opened.goto(url);
  await appRendered(opened);
  return opened;
}

const npv = (on: Page = page) => on.locator('key-figures [data-figure="npv"] .value').textContent();
const savedNames = (on: Page = page) => on.locator('scenario-panel ul.saved li .name').evaluateAll(
  (elements) => elements.map((element) => element.getAttribute('title') ?? ''));
const notices = (on: Page = page) => on.locator('scenario-panel .notice').allTextContents();
const storedEntries = (on: Page = page) => on.evaluate(() => Object.fromEntries(
  Object.keys(localStorage).filter((key) => key.startsWith('budget-sim:scenario:')).map((key) => [key, localStorage.getItem(key)])));

async function saveAs(name: string, share: number, on: Page = page): Promise<void> {
  await on.getByLabel('Upstream share (%)', { exact: true }).fill(String(Math.round(share * 100)));
  await on.getByLabel('Scenario name').fill(name);
  const asNew = on.getByRole('button', { name: 'Save as new' });
  await (await asNew.count() > 0 ? asNew : on.getByRole('button', { name: 'Save scenario' })).click();
  await appRendered(on);
}

async function download(action: () => Promise<unknown>): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), action()]);
  const path = join(scratch, file.suggestedFilename());
  await file.saveAs(path);
  return path;
}

async function importFile(name: string, contents: string | Buffer): Promise<void> {
  const path = join(scratch, name);
  writeFileSync(path, contents);
  await page.locator('scenario-panel input[type="file"]').setInputFiles(path);
  await appRendered(page);
}

describe('saving', () => {
  it('keeps three saved scenarios across a reload', async () => {
    await saveAs('Our plan', 0.5);
    await saveAs('Brand-heavy', 0.7);
    await saveAs('Last year', 0.3);
    await page.reload();
    await appRendered(page);
    expect((await savedNames()).sort()).toEqual(['Brand-heavy', 'Last year', 'Our plan']);
    await page.getByRole('button', { name: 'Open Brand-heavy' }).click();
    await appRendered(page);
    expect(await npv()).toBe(formatMoney(simulate(withShare(0.7)).summary.npv));
  });

  it('keeps unsaved edits across a reload', async () => {
    await page.getByLabel('Upstream share (%)', { exact: true }).fill('64');
    await page.getByLabel('Brand half-life').fill('30');
    await page.reload();
    await appRendered(page);
    const expected = parseModel({ ...withShare(0.64), brand: { ...defaultModel.brand, halfLifeMonths: 30 } });
    expect(await npv()).toBe(formatMoney(simulate(expected).summary.npv));
  });

  it('keeps an invalid edit, its preset and its periods across a reload and a closed tab', async () => {
    await page.getByLabel('Preset').selectOption('new-market-entry');
    await page.getByLabel('Brand half-life').fill('abc');
    await appRendered(page);
    const npvBefore = await npv();
    await page.reload();
    await appRendered(page);
    expect(await page.getByLabel('Brand half-life').inputValue()).toBe('abc');
    expect(await page.getByLabel('Preset').inputValue()).toBe('new-market-entry');
    expect(await page.getByLabel('Planning periods').inputValue()).toBe('4');
    expect(await npv()).toBe(npvBefore);
    await page.close();
    page = await open(context);
    expect(await page.getByLabel('Brand half-life').inputValue()).toBe('abc');
    expect(await page.getByLabel('Preset').inputValue()).toBe('new-market-entry');
  });

  it('renames, duplicates, and deletes with undo', async () => {
    await saveAs('Our plan', 0.5);
    await page.getByRole('button', { name: 'Rename Our plan' }).click();
    await page.getByLabel('New name for Our plan').fill('Plan A');
    await page.getByRole('button', { name: 'Rename', exact: true }).click();
    await page.getByRole('button', { name: 'Duplicate Plan A' }).click();
    await appRendered(page);
    expect((await savedNames()).sort()).toEqual(['Plan A', 'Plan A (copy)']);
    await page.getByRole('button', { name: 'Delete Plan A', exact: true }).click();
    await appRendered(page);
    expect(await savedNames()).toEqual(['Plan A (copy)']);
    // The delete's own Undo (the header's Undo is for edits of the plan).
    await page.locator('scenario-panel').getByRole('button', { name: 'Undo' }).click();
    await appRendered(page);
    expect((await savedNames()).sort()).toEqual(['Plan A', 'Plan A (copy)']);
  });

  it('saving "as new" after editing leaves the original as it was saved', async () => {
    await saveAs('Original', 0.5);
    await saveAs('Variant', 0.8);
    await page.getByRole('button', { name: 'Open Original' }).click();
    await appRendered(page);
    expect(await npv()).toBe(formatMoney(simulate(withShare(0.5)).summary.npv));
  });

  it('brings a new tab to the last edits made, and each tab back to its own edits on reload', async () => {
    const second = await open(context);
    await page.getByLabel('Brand half-life').fill('30');
    await appRendered(page);
    await page.waitForTimeout(400); // the working state is written 250 ms after the last edit
    await second.getByLabel('Brand half-life').fill('40');
    await appRendered(second);
    await second.waitForTimeout(400);
    const third = await open(context);
    expect(await third.getByLabel('Brand half-life').inputValue()).toBe('40');
    await page.reload();
    await appRendered(page);
    expect(await page.getByLabel('Brand half-life').inputValue()).toBe('30');
  });

  it('loses neither save when two tabs save at once', async () => {
    const second = await open(context);
    await page.getByLabel('Scenario name').fill('From tab one');
    await second.getByLabel('Scenario name').fill('From tab two');
    await Promise.all([
      page.getByRole('button', { name: 'Save scenario' }).click(),
      second.getByRole('button', { name: 'Save scenario' }).click(),
    ]);
    await page.reload();
    await appRendered(page);
    expect((await savedNames()).sort()).toEqual(['From tab one', 'From tab two']);
    // The other tab hears about the save too, without a reload.
    await expect.poll(async () => (await savedNames(second)).sort()).toEqual(['From tab one', 'From tab two']);
  });
});

describe('comparing', () => {
  it('shows each key figure with its difference from the chosen baseline, as the engine computes it', async () => {
    await saveAs('Our plan', 0.5);
    await saveAs('Brand-heavy', 0.7);
    await page.getByLabel('Compare Our plan').check();
    await page.getByLabel('Compare Brand-heavy').check();
    await appRendered(page);
    const table = page.locator('scenario-comparison table');
    const base = simulate(withShare(0.5)).summary;
    const other = simulate(withShare(0.7)).summary;
    const row = (label: string) => table.locator('tbody tr', { has: page.locator(`th:text-is("${label}")`) }).locator('td');
    // Columns in the order they were ticked; the first is the baseline until another is chosen.
    expect(await row('Total NPV').nth(0).textContent()).toBe(formatMoney(base.npv));
    const npvDifference = other.npv - base.npv;
    expect(await row('Total NPV').nth(1).textContent()).toBe(`${formatMoney(other.npv)}${formatMoney(npvDifference)} (${formatPercent(npvDifference / base.npv)})`);
    await table.getByRole('radio').nth(1).check();
    await appRendered(page);
    const difference = base.npvWithCarryover - other.npvWithCarryover;
    expect(await row('Total NPV with carryover').nth(0).textContent()).toBe(`${formatMoney(base.npvWithCarryover)}+${formatMoney(difference)} (+${formatPercent(difference / other.npvWithCarryover)})`);
    expect(await row('ROI year 1').nth(0).textContent()).toBe(`${formatPercent(base.roiByYear[0])}+${((base.roiByYear[0]! - other.roiByYear[0]!) * 100).toFixed(1)} pts`);
    expect(await row('Total spend').nth(0).textContent()).toBe(`${formatMoney(base.totalSpend)}0 (0.0%)`);
    expect(await page.locator('scenario-comparison multi-line-chart').count()).toBe(3);
    // The chance that each is best, on the same draws for both.
    await page.locator('scenario-comparison').getByRole('button', { name: 'Chance that each is best' }).click();
    const chance = table.locator('tbody tr', { has: page.locator('th:text-is("Chance of the highest total NPV")') }).locator('td');
    await expect.poll(() => chance.count(), { timeout: 30_000 }).toBe(2);
    const expectedChances = compareMonteCarlo([withShare(0.5), withShare(0.7)], { draws: 10_000, seed: 1 }).probabilityBest.npv;
    expect(await chance.allTextContents()).toEqual(expectedChances.map(formatPercent));
    // The plan view's trade-off curve marks each compared scenario.
    await page.getByRole('tab', { name: 'Plan' }).click();
    expect(await page.locator('tradeoff-curve-chart path title').count()).toBe(2);
  });

  it('keeps the comparison and its baseline across a reload', async () => {
    await saveAs('Our plan', 0.5);
    await saveAs('Brand-heavy', 0.7);
    await page.getByLabel('Compare Our plan').check();
    await page.getByLabel('Compare Brand-heavy').check();
    await appRendered(page);
    await page.locator('scenario-comparison table').getByRole('radio').nth(1).check();
    await page.reload();
    await appRendered(page);
    expect(await page.getByLabel('Compare Our plan').isChecked()).toBe(true);
    expect(await page.getByLabel('Compare Brand-heavy').isChecked()).toBe(true);
    await page.getByRole('tab', { name: 'Compare (2)' }).click();
    expect(await page.locator('scenario-comparison table').getByRole('radio').nth(1).isChecked()).toBe(true);
  });

  it('offers at most four scenarios to compare', async () => {
    for (const [index, name] of ['A', 'B', 'C', 'D', 'E'].entries()) await saveAs(name, 0.2 + index * 0.1);
    for (const name of ['A', 'B', 'C', 'D']) await page.getByLabel(`Compare ${name}`, { exact: true }).check();
    expect(await page.getByLabel('Compare E', { exact: true }).isDisabled()).toBe(true);
    expect(await page.getByRole('tab', { name: 'Compare (4)' }).count()).toBe(1);
  });
});

describe('sharing', () => {
  it('reproduces the same NPV from a link opened in a new browser context', async () => {
    await page.getByLabel('Upstream share (%)', { exact: true }).fill('62');
    await page.getByLabel('Brand half-life').fill('36');
    await appRendered(page);
    // The address bar follows a moment after the last edit.
    await expect.poll(() => {
      const read = readScenarioLink(page.url());
      return read.ok ? [read.model.budget?.upstreamShare, read.model.brand.halfLifeMonths] : undefined;
    }).toEqual([0.62, 36]);
    const link = page.url();
    expect(link).toContain('#scenario=1.');
    const elsewhere = await browser.newContext();
    const opened = await open(elsewhere, link);
    expect(await npv(opened)).toBe(await npv());
    expect(await opened.getByLabel('Brand half-life').inputValue()).toBe('36');
    await elsewhere.close();
  });

  it('never overwrites a saved scenario when a link is opened', async () => {
    await saveAs('Keep me', 0.4);
    const before = await storedEntries();
    const other = parseModel({ ...withShare(0.9), name: 'From a colleague' });
    await page.goto(`${inject('baseUrl')}${scenarioHash(other)}`);
    await appRendered(page);
    expect(await npv()).toBe(formatMoney(simulate(other).summary.npv));
    expect(await storedEntries()).toEqual(before);
    expect(await page.getByLabel('Scenario name').inputValue()).toBe('From a colleague');
  });

  it('explains a damaged link and keeps the plan', async () => {
    await page.goto(`${inject('baseUrl')}#scenario=1.NoTaReAlScEnArIo`);
    await appRendered(page);
    expect((await notices()).join(' ')).toContain('The link could not be opened');
    expect(await npv()).toBe(formatMoney(simulate(defaultModel).summary.npv));
  });
});

describe('exporting', () => {
  it('exports results as CSV identical to `budget-sim simulate --format csv`, and a model file `validate` accepts', async () => {
    await page.getByLabel('Upstream share (%)', { exact: true }).fill('58');
    await page.getByLabel('Scenario name').fill('Exported plan');
    const jsonPath = await download(() => page.getByRole('button', { name: 'Model file (JSON)' }).click());
    const csvPath = await download(() => page.getByRole('button', { name: 'Results (CSV)' }).click());
    expect(jsonPath.endsWith('exported-plan.json')).toBe(true);
    const validate = runInProcess(['validate', jsonPath]);
    expect(validate.exitCode).toBe(0);
    const cli = runInProcess(['simulate', jsonPath, '--format', 'csv']);
    expect(cli.exitCode).toBe(0);
    expect(readFileSync(csvPath, 'utf8')).toBe(cli.stdout);
    expect(cli.stdout.split('\n')[1].startsWith('Y1-M01,1,')).toBe(true);
  });

  it('labels exported periods with calendar months once a first year is set', async () => {
    await page.getByLabel('First calendar year (optional)').fill('2027');
    await page.getByLabel('Scenario name').fill('Dated plan');
    const jsonPath = await download(() => page.getByRole('button', { name: 'Model file (JSON)' }).click());
    const csvPath = await download(() => page.getByRole('button', { name: 'Results (CSV)' }).click());
    const csv = readFileSync(csvPath, 'utf8');
    expect(csv.split('\n')[1].startsWith('2027-01,1,')).toBe(true);
    expect(csv.split('\n')[36].startsWith('2029-12,36,')).toBe(true);
    expect(csv).toBe(runInProcess(['simulate', jsonPath, '--format', 'csv']).stdout);
    await page.getByLabel('First calendar year (optional)').fill('');
    await appRendered(page);
    expect(await page.getByLabel('First calendar year (optional)').getAttribute('aria-invalid')).toBe('false');
  });

  it('exports a chart as a standalone SVG and as a PNG', async () => {
    const chart = page.locator('spend-equity-chart');
    const svgPath = await download(() => chart.getByRole('button', { name: 'Download Spend and brand equity as SVG' }).click());
    const svg = readFileSync(svgPath, 'utf8');
    expect(svg.startsWith('<?xml')).toBe(true);
    expect(svg).toContain('Spend and brand equity');
    expect(svg).toContain('Brand equity (right axis)');
    expect(svg).not.toContain('class="overlay"');
    const pngPath = await download(() => chart.getByRole('button', { name: 'Download Spend and brand equity as PNG' }).click());
    expect(readFileSync(pngPath).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  });

  it('prints a one-page report with the key figures, the charts and the assumptions', async () => {
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages).toHaveLength(1);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.print-assumptions').isVisible()).toBe(true);
    expect(await page.locator('scenario-panel').isVisible()).toBe(false);
    // Every assumption, the extensions included: the short-term effect, the carryover baseline and
    // the starting equity the history implies (a number, not the word "history").
    const assumptions = await page.locator('.print-assumptions').textContent() ?? '';
    expect(assumptions).toContain('Short-term half-life');
    expect(assumptions).toMatch(/Carryover against\s*spending as before/);
    expect(assumptions).toMatch(/Starting brand equity\s*0\.\d{3} \(from past spend\)/);
  });
});

describe('importing', () => {
  it('imports a model file as the current plan without saving it', async () => {
    await saveAs('Stored', 0.5);
    const before = await storedEntries();
    await importFile('colleague.json', JSON.stringify(withShare(0.35, 'Colleague’s plan')));
    expect(await npv()).toBe(formatMoney(simulate(withShare(0.35)).summary.npv));
    expect((await notices()).join(' ')).toContain('Imported “Colleague’s plan”');
    expect(await storedEntries()).toEqual(before);
  });

  it.each([
    ['a syntax error', 'broken.json', '{ "name": "x", oops }', /not valid JSON: line 1, column 1[0-9]/],
    ['wrong types', 'types.json', JSON.stringify({ ...JSON.parse(defaultText), horizonYears: 'three', brand: 7 }), /horizonYears must be a whole number|not a valid model/],
    ['a file over 5 MB', 'huge.json', ' '.repeat(5 * 1024 * 1024 + 10), /too large/],
    ['a __proto__ key', 'proto.json', defaultText.replace('{', '{"__proto__": {"polluted": true},'), /__proto__ is not a known field/],
    ['a 10,000-character name', 'long.json', JSON.stringify({ ...JSON.parse(defaultText), name: 'n'.repeat(10_000) }), /name must be at most 200 characters, got 10000/],
  ])('refuses %s with a message and changes nothing', async (_kind, file, contents, message) => {
    await saveAs('Stored', 0.45);
    const before = await storedEntries();
    const npvBefore = await npv();
    await importFile(file, contents);
    const text = (await notices()).join(' ');
    expect(text).toMatch(message);
    expect(text).toContain('Nothing was changed');
    expect(await storedEntries()).toEqual(before);
    expect(await npv()).toBe(npvBefore);
    expect(await page.evaluate(() => ({} as Record<string, unknown>).polluted)).toBeUndefined();
  });

  it('shows a name full of markup as text and never runs it', async () => {
    const name = '<img src=x onerror=alert(1)>';
    await importFile('markup.json', JSON.stringify({ ...JSON.parse(defaultText), name }));
    await page.getByLabel('Scenario name').focus();
    await page.getByRole('button', { name: 'Save scenario' }).click();
    await appRendered(page);
    expect(await savedNames()).toEqual([name]);
    expect(await allText(page)).toContain(name);
    const images = await page.evaluate(() => {
      let count = 0;
      const walk = (root: Document | ShadowRoot) => root.querySelectorAll('*').forEach((element) => {
        if (element.tagName === 'IMG') count += 1;
        if (element.shadowRoot) walk(element.shadowRoot);
      });
      walk(document);
      return count;
    });
    expect(images).toBe(0);
  });

  it('opens a pasted link', async () => {
    const shared = withShare(0.25, 'Pasted plan');
    await page.getByLabel('Or paste a budget-sim link').fill(`https://example.org/budget-sim/${scenarioHash(shared)}`);
    await page.getByRole('button', { name: 'Open link' }).click();
    await appRendered(page);
    expect(await npv()).toBe(formatMoney(simulate(shared).summary.npv));
  });
});

describe('damaged and full storage', () => {
  it('sets a damaged stored entry aside with a notice and loads every other scenario', async () => {
    await saveAs('Good one', 0.4);
    await saveAs('Good two', 0.6);
    await page.evaluate(() => {
      localStorage.setItem('budget-sim:scenario:damaged', '{"format":1,"savedAt":"2026-01-01T00:00:00Z","model":{"name":');
      localStorage.setItem('budget-sim:scenario:stale', JSON.stringify({ format: 1, savedAt: '2026-01-01T00:00:00Z', model: { name: 'x', horizonYears: 9 } }));
    });
    await page.reload();
    await appRendered(page);
    expect((await savedNames()).sort()).toEqual(['Good one', 'Good two']);
    expect((await notices()).join(' ')).toContain('2 saved scenarios could not be read and were set aside');
    const aside = await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('budget-sim:set-aside:')).length);
    expect(aside).toBe(2);
  });

  it('reports a full storage and keeps the unsaved scenario on screen', async () => {
    await page.getByLabel('Upstream share (%)', { exact: true }).fill('66');
    await page.getByLabel('Scenario name').fill('Will not fit');
    const npvBefore = await npv();
    await page.evaluate(() => {
      Storage.prototype.setItem = function refuse() {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    await page.getByRole('button', { name: 'Save scenario' }).click();
    await appRendered(page);
    expect((await notices()).join(' ')).toContain('storage is full, so “Will not fit” was not saved');
    expect(await npv()).toBe(npvBefore);
    expect(await page.getByLabel('Scenario name').inputValue()).toBe('Will not fit');
    expect(await savedNames()).toEqual([]);
  });
});
