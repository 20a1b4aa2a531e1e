import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { withChannelPart, withNewChannel, withoutChannel as withoutChannelDraft } from '../../src/app/channel-draft.ts';
import { formatMoney } from '../../src/app/format.ts';
import { draftFromModel } from '../../src/app/model-draft.ts';
import { scenarioHash } from '../../src/engine/io/index.ts';
import { type Model, parseModel, simulate } from '../../src/engine/index.ts';
import { appRendered, launchChromium, openApp } from './browser.ts';

// The channel panels as a person uses them, on the channel form's example of spec 9.1 (the parse
// helper's fixture): a share typed in Split within each side rescales the side's other channel
// and moves the figures to the engine's; a share of 120 % and a name with a "." each show their
// message by the field and leave the figures on the last valid plan; a two-lever model is split
// into channels without a figure changing. Every figure is the engine's, run here in Node.

const exampleFile = JSON.parse(readFileSync(new URL('../engine/fixtures/channel-example.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const example = parseModel(exampleFile);
/** The example with TV at 80 % of upstream, Sponsorship rescaled to the rest, as the panel does it. */
const tvAt80 = parseModel(withChannelPart(draftFromModel(example), 'upstream', 'TV', 'share', 0.8));
const defaultModel = parseModel(JSON.parse(readFileSync(new URL('../../models/default.json', import.meta.url), 'utf8')));

let browser: Browser;
let page: Page;

beforeAll(async () => { browser = await launchChromium(); });
afterAll(async () => { await browser?.close(); });
beforeEach(async () => { page = await openApp(browser, `${inject('baseUrl')}${scenarioHash(example)}`); });
afterEach(async () => { await page?.context().close(); });

const figure = (id: string) => page.locator(`key-figures [data-figure="${id}"] .value`);
const shareBox = (channel: string) => page.getByLabel(`${channel}: share of upstream (%)`);
const shareMessage = (channel: string) => page.locator(`channel-shares [data-share-error="upstream.channels.${channel}.share"]`);
/** The cells of a channel's row in the results table: side, spend, incremental revenue, ROI, marginal ROI, value added. */
const resultCells = (channel: string) => page.locator('channel-results table tbody tr', { has: page.locator(`th:text-is("${channel}")`) }).locator('td').allTextContents();

/** The figures the engine gives for `model`, as the page shows them: NPV and each channel's spend and value added. */
async function expectFiguresFor(model: Model): Promise<void> {
  await appRendered(page);
  const { summary } = simulate(model);
  await expect.poll(() => figure('npv').textContent()).toBe(formatMoney(summary.npv));
  for (const channel of summary.channels) {
    const cells = await resultCells(channel.name);
    expect(cells[0], channel.name).toBe(channel.side);
    expect(cells[1], `${channel.name} spend`).toBe(formatMoney(channel.spend));
    expect(cells[2], `${channel.name} incremental revenue`).toBe(formatMoney(channel.incrementalRevenue));
    expect(cells[5], `${channel.name} value added`).toBe(formatMoney(channel.valueAdded));
  }
}

describe('a model in the channel form', () => {
  it('shows each channel’s results, and a share typed as a percentage rescales the side and moves the figures', async () => {
    await expectFiguresFor(example);
    expect(await shareBox('TV').inputValue()).toBe('70');
    expect(await shareBox('Sponsorship').inputValue()).toBe('30');
    // The figures differ, so the check below can tell the plans apart.
    expect(formatMoney(simulate(tvAt80).summary.npv)).not.toBe(formatMoney(simulate(example).summary.npv));

    await shareBox('TV').fill('80');
    await expectFiguresFor(tvAt80);
    expect(await shareBox('Sponsorship').inputValue()).toBe('20');
  });

  it('takes a channel’s part as money per year within its side’s budget', async () => {
    await page.getByRole('radio', { name: 'Money per year' }).check();
    const tvMoney = page.getByLabel('TV: spend per year');
    expect(await tvMoney.inputValue()).toBe('420,000');
    // 480,000 of the upstream 600,000 a year is TV at 80 %.
    await tvMoney.fill('480,000');
    await expectFiguresFor(tvAt80);
    expect(await page.getByLabel('Sponsorship: spend per year').inputValue()).toBe('120,000');
  });

  it('a share of 120 % shows its message by the field and keeps the last valid results', async () => {
    await shareBox('TV').fill('80');
    await expectFiguresFor(tvAt80);
    await shareBox('TV').fill('120');
    await appRendered(page);
    expect(await shareMessage('TV').textContent()).toBe('TV: share of side budget must be between 0 and 100 %, got 120 %');
    // Sponsorship is left as it was: only valid shares rescale the side.
    expect(await shareBox('Sponsorship').inputValue()).toBe('20');
    await expectFiguresFor(tvAt80);
    expect(await page.locator('.status.stale').textContent()).toContain('Showing the last valid results');

    await shareBox('TV').fill('70');
    await expectFiguresFor(parseModel(withChannelPart(draftFromModel(tvAt80), 'upstream', 'TV', 'share', 0.7)));
    expect(await shareMessage('TV').count()).toBe(0);
  });

  it('a name with a dot shows its message by the name box and keeps the last valid results; a good name renames the channel', async () => {
    await page.locator('channel-editor details.channel summary', { hasText: 'TV' }).click();
    const nameBox = page.locator('channel-editor').getByLabel('Channel name').first();
    await nameBox.fill('T.V');
    await nameBox.press('Enter');
    await appRendered(page);
    const message = page.locator('channel-editor .name .error');
    expect(await message.first().textContent()).toContain('must not contain');
    expect(await nameBox.getAttribute('aria-invalid')).toBe('true');
    await expectFiguresFor(example);

    await nameBox.fill('Television');
    await nameBox.press('Enter');
    await appRendered(page);
    expect(await page.locator('channel-results table tbody th').allTextContents()).toEqual(['Television', 'Sponsorship', 'Search', 'Social']);
    expect(await figure('npv').textContent()).toBe(formatMoney(simulate(example).summary.npv));
  });

  it('adds a channel that changes nothing until given budget, removes one giving its share to the rest, and Ctrl+Z takes each back', async () => {
    await page.getByRole('button', { name: 'Add a downstream channel' }).click();
    await appRendered(page);
    expect(await page.locator('channel-results table tbody th').allTextContents()).toEqual(['TV', 'Sponsorship', 'Search', 'Social', 'Channel 5']);
    expect(await figure('npv').textContent()).toBe(formatMoney(simulate(example).summary.npv));
    // The new channel's name box has the focus, ready for its real name.
    expect(await page.evaluate(() => {
      let active: Element | null = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      return (active as HTMLInputElement | null)?.value;
    })).toBe('Channel 5');

    await page.locator('channel-editor details.channel > summary', { hasText: 'Social' }).click();
    await page.getByRole('button', { name: 'Remove Social' }).click();
    await appRendered(page);
    const withoutSocial = parseModel(withoutChannelDraft(withNewChannel(draftFromModel(example), 'downstream').draft, 'downstream', 'Social'));
    await expectFiguresFor(withoutSocial);
    expect(await page.getByLabel('Search: share of downstream (%)').inputValue()).toBe('100');

    await page.keyboard.press('Control+z');
    await appRendered(page);
    expect(await page.locator('channel-results table tbody th').allTextContents()).toEqual(['TV', 'Sponsorship', 'Search', 'Social', 'Channel 5']);
    await page.keyboard.press('Control+z');
    await expectFiguresFor(example);
    expect(await page.locator('channel-results table tbody th').allTextContents()).toEqual(['TV', 'Sponsorship', 'Search', 'Social']);
  });

  it('sends an edit only when the person acts, never when the shell sets a property', async () => {
    const sent = await page.evaluate(async () => {
      let count = 0;
      document.addEventListener('channels-edit', () => { count += 1; }, { capture: true });
      for (const tag of ['channel-editor', 'channel-shares'] as const) {
        const element = document.querySelector('budget-sim-app')!.shadowRoot!.querySelector(tag) as unknown as { draft: object; issues: unknown[]; updateComplete: Promise<unknown> };
        element.draft = { ...element.draft };
        element.issues = [];
        await element.updateComplete;
      }
      return count;
    });
    expect(sent).toBe(0);
  });

  it('gives every channel chart a table view of the same numbers', async () => {
    const { summary, periods } = simulate(example);
    await page.getByRole('button', { name: 'Show Value added by channel as table' }).click();
    const valueRows = page.locator('channel-results-chart chart-frame table tbody tr');
    expect(await valueRows.count()).toBe(4);
    expect(await valueRows.first().locator('td').last().textContent()).toBe(formatMoney(summary.channels[0].valueAdded));

    await page.getByRole('button', { name: 'Show Spend by channel as table' }).click();
    const spendRows = page.locator('channel-spend-chart chart-frame table tbody tr');
    expect(await spendRows.count()).toBe(36);
    expect(await spendRows.first().locator('td').allTextContents())
      .toEqual([...summary.channels.map((channel) => formatMoney(periods[0].spend[channel.name])), formatMoney(periods[0].upstream + periods[0].downstream)]);

    await page.getByRole('button', { name: 'Show Response curves as table' }).click();
    const curveRows = page.locator('response-curves-chart chart-frame table tbody tr');
    expect(await curveRows.filter({ hasText: 'Current plan' }).count()).toBe(4);
  });

  it('marks the optimiser’s plan on each response curve once a search finishes, and drops it when the plan changes', async () => {
    const legend = page.locator('response-curves-chart chart-frame .legend');
    expect(await legend.textContent()).not.toContain('Optimum');
    await page.locator('details.optimizer summary').click();
    await page.locator('optimizer-panel').getByRole('button', { name: 'Find the best plan' }).click();
    await page.locator('optimizer-panel').getByRole('button', { name: 'Apply this plan' }).waitFor({ timeout: 60_000 });
    await expect.poll(() => legend.textContent(), { timeout: 10_000 }).toContain('Optimum');
    await page.getByRole('button', { name: 'Show Response curves as table' }).click();
    expect(await page.locator('response-curves-chart chart-frame table tbody tr').filter({ hasText: 'Optimum' }).count()).toBe(4);

    await shareBox('TV').fill('80');
    await appRendered(page);
    await expect.poll(() => legend.textContent(), { timeout: 10_000 }).not.toContain('Optimum');
  });

  it('draws each channel’s response curve, read with the keyboard', async () => {
    const plot = page.locator('response-curves-chart svg.chart');
    await plot.focus();
    await page.keyboard.press('ArrowDown');
    const tooltip = page.locator('response-curves-chart chart-frame .tooltip');
    await expect.poll(() => tooltip.textContent()).toContain('TV (current plan)');
    const tv = simulate(example).summary.channels[0];
    expect(await tooltip.textContent()).toContain(formatMoney(tv.spend / 36));
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => tooltip.textContent()).toContain('Sponsorship (current plan)');
  });
});

describe('a two-lever model', () => {
  it('shows no channel results, and Split into channels keeps every figure', async () => {
    await page.goto(`${inject('baseUrl')}${scenarioHash(defaultModel)}`);
    await appRendered(page);
    expect(await page.locator('channel-results table').count()).toBe(0);
    const npv = formatMoney(simulate(defaultModel).summary.npv);
    expect(await figure('npv').textContent()).toBe(npv);

    // Closed, as the panels of a two-lever model are until asked for.
    await page.locator('details.channels-card > summary').click();
    await page.getByRole('button', { name: 'Split into channels' }).click();
    await appRendered(page);
    expect(await page.locator('channel-results table tbody th').allTextContents()).toEqual(['upstream', 'downstream']);
    expect(await figure('npv').textContent()).toBe(npv);
  });
});
