import { readFileSync, readdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { formatEquity, formatMoney, formatPercent, formatPercentWhole, formatPeriodOfYear } from '../../src/app/format.ts';
import { type Model, incrementalProfit, parseModel, simulate, startingEquity, tradeoffCurve } from '../../src/engine/index.ts';
import { marketingTradeoffCurve } from '../../src/engine/marketing-tradeoff-curve.ts';
import { allText, appRendered, launchChromium, openApp } from './browser.ts';

// The planner as a person uses it: a production build in Debian's Chromium, driven by keyboard
// and mouse, with every figure checked against the engine run here in Node.

const modelsFolder = new URL('../../models/', import.meta.url);
const loadModel = (file: string): Model => parseModel(JSON.parse(readFileSync(new URL(file, modelsFolder), 'utf8')));
const defaultModel = loadModel('default.json');
const withShare = (model: Model, share: number, horizonYears = model.horizonYears): Model =>
  parseModel({ ...model, horizonYears, budget: { perYear: model.budget!.perYear, upstreamShare: share } });

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

beforeEach(async () => {
  page = await openApp(browser, inject('baseUrl'));
});

const figure = (id: string) => page.locator(`key-figures [data-figure="${id}"] .value`);
const shareSlider = () => page.getByLabel('Upstream share', { exact: true });
const horizonSelect = () => page.getByLabel('Horizon (years)');

async function expectFiguresFor(model: Model): Promise<void> {
  await appRendered(page);
  const { summary } = simulate(model);
  await expect.poll(() => figure('npv').textContent()).toBe(formatMoney(summary.npv));
  expect(await figure('npv-carryover').textContent()).toBe(formatMoney(summary.npvWithCarryover));
  expect(await figure('revenue').textContent()).toBe(formatMoney(summary.totalRevenue));
  expect(await figure('roi').textContent()).toBe(formatPercent(summary.roi));
  expect(await figure('equity').textContent()).toBe(`${formatEquity(startingEquity(model))} → ${formatEquity(summary.finalEquity)}`);
}

/** The table view of a chart, as rows of cell texts. */
async function chartTable(chartTag: string): Promise<string[][]> {
  const chart = page.locator(chartTag);
  const toggle = chart.getByRole('button', { name: /^Show .* as table$/ });
  if (await toggle.count() > 0) await toggle.click();
  const rows = chart.locator('tbody tr');
  await expect.poll(() => rows.count()).toBeGreaterThan(0);
  return rows.evaluateAll((elements) => elements.map((row) => [...row.children].map((cell) => cell.textContent ?? '')));
}

describe('the planner opens on the default model', () => {
  it('shows the engine’s key figures for models/default.json', async () => {
    await expectFiguresFor(defaultModel);
    expect(await page.getByLabel('Budget per year').inputValue()).toBe('1,200,000');
    expect(await horizonSelect().inputValue()).toBe('3');
    expect(await shareSlider().inputValue()).toBe('50');
    expect(await page.getByLabel('Preset').inputValue()).toBe('default');
  });

  it('labels every chart’s axes and gives each a legend', async () => {
    for (const tag of ['tradeoff-curve-chart', 'spend-equity-chart', 'revenue-sources-chart', 'cumulative-profit-chart']) {
      const chart = page.locator(tag);
      expect(await chart.locator('.axis-label').count(), tag).toBeGreaterThanOrEqual(2);
      expect(await chart.getByRole('list', { name: 'Legend' }).locator('li').count(), tag).toBeGreaterThanOrEqual(2);
      expect(await chart.locator('svg.chart').getAttribute('aria-label'), tag).toBeTruthy();
    }
  });
});

describe('changing the horizon and the split', () => {
  it('follows the horizon chosen by keyboard', async () => {
    await horizonSelect().focus();
    await page.keyboard.press('ArrowDown');
    expect(await horizonSelect().inputValue()).toBe('4');
    await expectFiguresFor(parseModel({ ...defaultModel, horizonYears: 4 }));
    expect(await page.locator('spend-equity-chart tbody tr').count()).toBe(0);
    expect((await chartTable('spend-equity-chart')).length).toBe(48);
  });

  it('follows the horizon chosen with the mouse', async () => {
    await horizonSelect().selectOption('1');
    await expectFiguresFor(parseModel({ ...defaultModel, horizonYears: 1 }));
    expect((await chartTable('cumulative-profit-chart')).length).toBe(12);
  });

  it('follows the upstream share moved by keyboard, and redraws the charts', async () => {
    const before = await page.locator('spend-equity-chart svg.chart').innerHTML();
    await shareSlider().focus();
    for (let step = 0; step < 5; step += 1) await page.keyboard.press('ArrowRight');
    expect(await shareSlider().inputValue()).toBe('55');
    await expectFiguresFor(withShare(defaultModel, 0.55));
    expect(await page.locator('spend-equity-chart svg.chart').innerHTML()).not.toBe(before);
    expect(await page.getByText('Upstream 660,000 / year').count()).toBe(1);
  });

  it('follows the upstream share set by clicking on the slider', async () => {
    const box = (await shareSlider().boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.2, box.y + box.height / 2);
    const percent = Number(await shareSlider().inputValue());
    expect(percent).toBeGreaterThan(10);
    expect(percent).toBeLessThan(30);
    await expectFiguresFor(withShare(defaultModel, percent / 100));
    const current = page.locator('tradeoff-curve-chart');
    expect(await current.evaluate((chart) => (chart as unknown as { currentShare: number }).currentShare)).toBe(percent / 100);
  });

  it('accepts a share typed as a number', async () => {
    const box = page.getByLabel('Upstream share (%)', { exact: true });
    await box.fill('70');
    await expectFiguresFor(withShare(defaultModel, 0.7));
    expect(await shareSlider().inputValue()).toBe('70');
  });
});

describe('invalid input', () => {
  it.each([
    ['-5', 'Budget per year must be at least 0 a year, got -5 a year'],
    ['', 'Budget per year is empty: type an amount such as 1,200,000 or 1.2m'],
    ['abc', 'Budget per year: “abc” is not a number. Type an amount such as 1,200,000 or 1.2m'],
  ])('shows the engine’s message for a budget of "%s", keeps the last valid figures and shows no NaN', async (typed, message) => {
    const npvBefore = await figure('npv').textContent();
    await page.getByLabel('Budget per year').fill(typed);
    await appRendered(page);
    const field = page.locator('plan-controls number-field[path="budget.perYear"]');
    await expect.poll(() => field.locator('.error').textContent()).toContain(message);
    expect(await page.getByLabel('Budget per year').getAttribute('aria-invalid')).toBe('true');
    expect(await figure('npv').textContent()).toBe(npvBefore);
    expect(await page.getByText('Showing the last valid results.').count()).toBe(1);
    const text = await allText(page);
    expect(text).not.toMatch(/NaN|undefined|Infinity/);
    // Fixing the value brings the figures back in step.
    await page.getByLabel('Budget per year').fill('2,000,000');
    await expectFiguresFor(parseModel({ ...defaultModel, budget: { perYear: 2e6, upstreamShare: 0.5 } }));
    expect(await field.locator('.error').textContent()).toBe('');
  });

  it('shows the engine’s message for an assumption out of range', async () => {
    await page.getByLabel('Brand half-life').fill('-3');
    const field = page.locator('assumptions-panel number-field[path="brand.halfLifeMonths"]');
    await expect.poll(() => field.locator('.error').textContent()).toBe('Brand half-life must be more than 0 months, got -3 months');
    expect(await allText(page)).not.toMatch(/NaN|undefined/);
  });
});

describe('presets', () => {
  const files = readdirSync(modelsFolder).filter((file) => file.endsWith('.json') && file !== 'model.schema.json');

  it.each(files)('%s: shows its lesson and the engine’s figures', async (file) => {
    const id = file.replace(/\.json$/, '');
    const model = loadModel(file);
    await page.getByLabel('Preset').selectOption(id);
    await expectFiguresFor(model);
    expect(await page.locator('preset-picker .lesson').textContent()).toContain(model.lesson!.situation);
    expect(await allText(page)).not.toMatch(/NaN|undefined/);
  });

  it('resets edits to the preset', async () => {
    await page.getByLabel('Brand half-life').fill('12');
    await page.getByRole('button', { name: 'Reset to preset' }).click();
    await expectFiguresFor(defaultModel);
    expect(await page.getByLabel('Brand half-life').inputValue()).toBe(String(defaultModel.brand.halfLifeMonths));
  });
});

describe('table views match the engine', () => {
  const result = simulate(defaultModel);

  it('spend and equity', async () => {
    const rows = await chartTable('spend-equity-chart');
    expect(rows).toHaveLength(36);
    rows.forEach((row, index) => {
      const period = result.periods[index];
      expect(row).toEqual([formatPeriodOfYear(period.t, 12), formatMoney(period.upstream), formatMoney(period.downstream), formatEquity(period.equity)]);
    });
  });

  it('revenue by source', async () => {
    const rows = await chartTable('revenue-sources-chart');
    rows.forEach((row, index) => {
      const period = result.periods[index];
      expect(row).toEqual([formatPeriodOfYear(period.t, 12), ...[period.revenueBase, period.revenueUpstream, period.revenueDownstream, period.revenueSynergy, period.revenue].map(formatMoney)]);
    });
  });

  it('cumulative incremental profit', async () => {
    const rows = await chartTable('cumulative-profit-chart');
    const points = incrementalProfit(result.periods, defaultModel.economics.margin);
    rows.forEach((row, index) => {
      expect(row).toEqual([formatPeriodOfYear(points[index].t, 12), formatMoney(points[index].incrementalContribution), formatMoney(points[index].spend), formatMoney(points[index].cumulative)]);
    });
    expect(await page.locator('cumulative-profit-chart').getByText(`Payback: month ${result.summary.paybackPeriod}`).count()).toBeGreaterThan(0);
  });

  it('the trade-off curve', async () => {
    const rows = await chartTable('tradeoff-curve-chart');
    // In the marketing's own value, as the key figures (the best shares are those of the total).
    const curve = marketingTradeoffCurve(tradeoffCurve(defaultModel, 50), defaultModel);
    expect(rows[0]).toEqual(['Best share', ...curve.lines.map((line) => formatPercent(line.bestShare))]);
    curve.shares.forEach((share, index) => {
      expect(rows[index + 2]).toEqual([formatPercentWhole(share), ...curve.lines.map((line) => formatMoney(line.values[index]))]);
    });
    await page.locator('tradeoff-curve-chart').getByRole('button', { name: /^Show .* as chart$/ }).click();
    expect(await page.locator('tradeoff-curve-chart svg.chart').count()).toBe(1);
  });
});

describe('tooltips', () => {
  it('shows the hovered period’s numbers on a chart, by mouse and by keyboard', async () => {
    const svg = page.locator('spend-equity-chart svg.chart');
    await svg.hover();
    const tooltip = page.locator('spend-equity-chart .tooltip');
    await expect.poll(() => tooltip.count()).toBe(1);
    expect(await tooltip.textContent()).toContain('Upstream');
    await page.mouse.move(0, 0);
    await svg.focus();
    await page.keyboard.press('Home');
    await expect.poll(() => tooltip.textContent()).toContain('Y1-M01');
    await page.keyboard.press('ArrowRight');
    expect(await tooltip.textContent()).toContain('Y1-M02');
  });

  it('explains each key figure on focus', async () => {
    await page.getByRole('button', { name: 'About Marketing NPV with carryover', exact: true }).focus();
    const tip = page.locator('key-figures [data-figure="marketing-npv-carryover"] info-tip [role="tooltip"]');
    await expect.poll(() => tip.isVisible()).toBe(true);
    expect(await tip.textContent()).toContain('What the marketing itself is worth today');
  });
});
