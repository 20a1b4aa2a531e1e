import { type Browser, type Page, chromium } from 'playwright-core';

/**
 * Debian's Chromium, driven by playwright-core: nothing downloads a browser. The flags keep it
 * off the network (the machines reach only package registries) and quiet.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

/** Waits until the app shell and everything inside it have rendered. */
export async function appRendered(page: Page): Promise<void> {
  await page.waitForFunction(() => customElements.get('budget-sim-app') !== undefined);
  await page.evaluate(() => (document.querySelector('budget-sim-app') as unknown as { whenRendered(): Promise<void> }).whenRendered());
}

/** All text a person could see or read in fields, through every shadow root. */
export function allText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts: string[] = [];
    const walk = (node: Node) => {
      if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
      if (node instanceof HTMLInputElement) parts.push(node.value);
      if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot);
      node.childNodes.forEach(walk);
    };
    walk(document.body);
    return parts.join(' ');
  });
}

/** A new desktop-sized page on the app, rendered, that fails the test on any page error. */
export async function openApp(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (error) => { throw error; });
  await page.goto(url);
  await appRendered(page);
  return page;
}
