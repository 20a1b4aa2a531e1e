import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { formatEquity, formatMoney } from '../../src/app/format.ts';
import { amountText } from '../../src/app/parse-amount.ts';
import { type Model, parseModel, simulate, startingEquity } from '../../src/engine/index.ts';
import { appRendered, launchChromium, openApp } from './browser.ts';

// The three settings of the model extensions, chosen in the Assumptions panel as a person would:
// the short-term sales effect of brand spend (a switch in Upstream), what the carryover compares
// against (a select in Economics) and a starting equity from the past spend (a tick beside
// Starting brand equity). Every figure is checked against the engine run here in Node, and every
// choice is one step that Ctrl+Z undoes.

type ModelFile = Record<string, Record<string, unknown>>;
const defaultFile = JSON.parse(readFileSync(new URL('../../models/default.json', import.meta.url), 'utf8')) as ModelFile;
const defaultModel = parseModel(defaultFile);
/** The default model file, changed by `change`, read by the engine. */
const defaultWith = (change: (file: ModelFile) => void): Model => {
  const file = structuredClone(defaultFile);
  change(file);
  return parseModel(file);
};
const withoutShortTerm = defaultWith((file) => { delete file.upstream.shortTerm; });
/** What ticking the switch adds on the default model: the downstream curve, the default model's lift. */
const withAddedShortTerm = defaultWith((file) => {
  file.upstream.shortTerm = { halfLifeMonths: 0.5, halfSaturation: 105000, shape: 1.2, maxConversionLift: 0.007 };
});

let browser: Browser;
let page: Page;

beforeAll(async () => { browser = await launchChromium(); });
afterAll(async () => { await browser?.close(); });
beforeEach(async () => { page = await openApp(browser, inject('baseUrl')); });
afterEach(async () => { await page?.context().close(); });

const figure = (id: string) => page.locator(`key-figures [data-figure="${id}"] .value`);
const carryoverDetail = () => page.locator('key-figures [data-figure="marketing-npv-carryover"] .detail');
const toastText = () => page.locator('action-toast p').textContent();
const shortTermSwitch = () => page.getByRole('checkbox', { name: 'Short-term sales effect of brand spend' });
const shortTermBoxes = () => page.locator('short-term-editor number-field');
const shortTermBox = (key: string) => page.locator(`short-term-editor number-field[path="upstream.shortTerm.${key}"] input`);
const baselineSelect = () => page.getByLabel('After the horizon, compare against');
const equityTick = () => page.getByRole('checkbox', { name: 'Start at the equity the past spend sustains' });
const equityBox = () => page.getByLabel('Starting brand equity', { exact: true });

/** The key figures the engine gives for `model`, as the page shows them. */
async function expectFiguresFor(model: Model): Promise<void> {
  await appRendered(page);
  const { summary } = simulate(model);
  await expect.poll(() => figure('npv').textContent()).toBe(formatMoney(summary.npv));
  expect(await figure('npv-carryover').textContent()).toBe(formatMoney(summary.npvWithCarryover));
  expect(await figure('revenue').textContent()).toBe(formatMoney(summary.totalRevenue));
  expect(await figure('marketing-npv-carryover').textContent()).toBe(formatMoney(summary.incrementalNpvWithCarryover));
  expect(await carryoverDetail().textContent()).toBe(`of which carryover ${formatMoney(summary.carryoverValue)}`);
  expect(await figure('equity').textContent()).toBe(`${formatEquity(startingEquity(model))} → ${formatEquity(summary.finalEquity)}`);
}

/** Leaves every text box, so that Ctrl+Z reaches the app rather than the box's own undo. */
async function focusNothing(): Promise<void> {
  await page.evaluate(() => {
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    (active as HTMLElement | null)?.blur();
  });
}

async function undo(): Promise<void> {
  await page.keyboard.press('Control+z');
  await appRendered(page);
}

const boxValues = () => shortTermBoxes().locator('input').evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));

describe('the short-term sales effect of brand spend', () => {
  it('the models differ with and without it, so the figures below can tell them apart', () => {
    const npv = (model: Model) => formatMoney(simulate(model).summary.npv);
    expect(new Set([npv(defaultModel), npv(withoutShortTerm), npv(withAddedShortTerm)]).size).toBe(3);
  });

  it('turned off gives the engine’s figures without it, on again adds the downstream curve, and Ctrl+Z undoes each', async () => {
    expect(await shortTermSwitch().isChecked()).toBe(true);
    // The default model's own effect, each box in its unit (the lift in percent: 0.007 is 0.7 points).
    expect(await boxValues()).toEqual(['0.5', '80,000', '1', '0.7']);
    await expectFiguresFor(defaultModel);

    await shortTermSwitch().click();
    await expectFiguresFor(withoutShortTerm);
    expect(await shortTermSwitch().isChecked()).toBe(false);
    expect(await shortTermBoxes().count()).toBe(0);

    // Keyboard: the switch is a checkbox, toggled with Space.
    await shortTermSwitch().focus();
    await page.keyboard.press('Space');
    await expectFiguresFor(withAddedShortTerm);
    expect(await boxValues()).toEqual(['0.5', '105,000', '1.2', '0.7']);

    await undo();
    expect(await toastText()).toBe('Undone: Add the short-term sales effect of brand spend.');
    await expectFiguresFor(withoutShortTerm);
    expect(await shortTermSwitch().isChecked()).toBe(false);

    await undo();
    expect(await toastText()).toBe('Undone: Remove the short-term sales effect of brand spend.');
    await expectFiguresFor(defaultModel);
    expect(await boxValues()).toEqual(['0.5', '80,000', '1', '0.7']);
  });

  it('its fields are edited like any other: the engine’s figures, a message by the field, Ctrl+Z', async () => {
    await shortTermBox('maxConversionLift').fill('1');
    await expectFiguresFor(defaultWith((file) => { (file.upstream.shortTerm as Record<string, number>).maxConversionLift = 0.01; }));

    await shortTermBox('halfSaturation').fill('0');
    await appRendered(page);
    const message = page.locator('short-term-editor number-field[path="upstream.shortTerm.halfSaturation"] .error');
    expect(await message.textContent()).toBe('Short-term half-saturation must be more than 0 a month, got 0 a month');
    // The figures stay on the last valid model.
    await expectFiguresFor(defaultWith((file) => { (file.upstream.shortTerm as Record<string, number>).maxConversionLift = 0.01; }));

    await focusNothing();
    await undo();
    expect(await toastText()).toBe('Undone: Edit short-term half-saturation.');
    await undo();
    await expectFiguresFor(defaultModel);
  });
});

describe('the carryover baseline', () => {
  const withZero = defaultWith((file) => { file.economics.carryoverBaseline = 'zero'; });

  it('the two baselines give different carryovers on the default model', () => {
    expect(simulate(withZero).summary.carryoverValue).not.toBeCloseTo(simulate(defaultModel).summary.carryoverValue, 0);
  });

  it('switched to spending nothing gives the engine’s carryover, and Ctrl+Z brings back business as usual', async () => {
    expect(await baselineSelect().inputValue()).toBe('history');
    await expectFiguresFor(defaultModel);

    await baselineSelect().selectOption({ label: 'Spending nothing' });
    await expectFiguresFor(withZero);

    await undo();
    expect(await toastText()).toBe('Undone: Compare the carryover against spending nothing.');
    await expectFiguresFor(defaultModel);
    expect(await baselineSelect().inputValue()).toBe('history');

    await baselineSelect().selectOption('zero');
    await baselineSelect().selectOption({ label: 'Spending as before (business as usual)' });
    await expectFiguresFor(defaultModel);
    await undo();
    await expectFiguresFor(withZero);
    expect(await baselineSelect().inputValue()).toBe('zero');
  });
});

describe('starting at the equity the past spend sustains', () => {
  // 70,000 a month of past brand spend sustains 0.9 × 70,000 / 170,000 = 0.37058823529… (shape 1,
  // no insight feedback): a value with more digits than the box shows.
  const withPast = (file: ModelFile) => { file.history.upstreamPerMonth = 70000; };
  const pastSustains = defaultWith(withPast);

  it('the box shows the implied value while ticked, keeps it exactly when unticked, and Ctrl+Z undoes each', async () => {
    expect(startingEquity(pastSustains)).toBeCloseTo((0.9 * 70000) / 170000, 15);
    expect(await equityTick().isChecked()).toBe(true);
    expect(await equityBox().isDisabled()).toBe(true);
    expect(await equityBox().inputValue()).toBe(amountText(startingEquity(defaultModel), 'fraction', false));

    await page.getByLabel('Past upstream spend').fill('70,000');
    await focusNothing();
    await expectFiguresFor(pastSustains);
    expect(await equityBox().inputValue()).toBe('0.3705882353');

    await equityTick().click();
    expect(await equityBox().isDisabled()).toBe(false);
    expect(await equityBox().inputValue()).toBe('0.3705882353');
    // The number is the engine's own value, not the box's ten digits: the figures do not move.
    await expectFiguresFor(pastSustains);
    await expectFiguresFor(defaultWith((file) => { withPast(file); file.brand.initialEquity = startingEquity(pastSustains); }));
    await equityBox().focus();
    await focusNothing();
    await expectFiguresFor(pastSustains);
    expect(await equityBox().inputValue()).toBe('0.3705882353');

    await equityBox().fill('0.5');
    await expectFiguresFor(defaultWith((file) => { withPast(file); file.brand.initialEquity = 0.5; }));

    await focusNothing();
    await undo();
    expect(await toastText()).toBe('Undone: Edit starting brand equity.');
    expect(await equityBox().inputValue()).toBe('0.3705882353');
    expect(await equityTick().isChecked()).toBe(false);

    await undo();
    expect(await toastText()).toBe('Undone: Type the starting brand equity.');
    expect(await equityTick().isChecked()).toBe(true);
    expect(await equityBox().isDisabled()).toBe(true);
    await expectFiguresFor(pastSustains);
  });

  it('ticked again, the box follows the past spend', async () => {
    await equityTick().click();
    await equityBox().fill('0.2');
    await focusNothing();
    await equityTick().click();
    await expectFiguresFor(defaultModel);
    expect(await equityBox().inputValue()).toBe('0.3');
    await undo();
    expect(await toastText()).toBe('Undone: Start at the equity the past spend sustains.');
    await expectFiguresFor(defaultWith((file) => { file.brand.initialEquity = 0.2; }));
  });
});

describe('the choices are saved and set in code without echo', () => {
  it('keeps all three choices across a reload', async () => {
    await shortTermSwitch().click();
    await baselineSelect().selectOption('zero');
    await equityTick().click();
    await appRendered(page);
    await page.reload();
    await appRendered(page);
    expect(await shortTermSwitch().isChecked()).toBe(false);
    expect(await baselineSelect().inputValue()).toBe('zero');
    expect(await equityTick().isChecked()).toBe(false);
    await expectFiguresFor(defaultWith((file) => {
      delete file.upstream.shortTerm;
      file.economics.carryoverBaseline = 'zero';
      file.brand.initialEquity = 0.3;
    }));
  });

  it('setting the panel’s draft in code sends no event, whatever the three choices are', async () => {
    const heard = await page.evaluate(async () => {
      let count = 0;
      document.addEventListener('field-change', () => { count += 1; }, true);
      const app = document.querySelector('budget-sim-app')!;
      const panel = app.shadowRoot!.querySelector('assumptions-panel') as HTMLElement & { draft: Record<string, Record<string, unknown>>; updateComplete: Promise<unknown> };
      const draft = panel.draft;
      const { shortTerm: _dropped, ...upstream } = draft.upstream;
      for (const next of [
        { ...draft, upstream, economics: { ...draft.economics, carryoverBaseline: 'zero' }, brand: { ...draft.brand, initialEquity: 0.4 } },
        { ...draft, economics: { ...draft.economics, carryoverBaseline: undefined } },
        draft,
      ]) {
        panel.draft = next;
        await panel.updateComplete;
        await (panel.shadowRoot!.querySelector('short-term-editor') as unknown as { updateComplete: Promise<unknown> }).updateComplete;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
      return count;
    });
    expect(heard).toBe(0);
  });
});
