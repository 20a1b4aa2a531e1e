/**
 * `npm run bench:ui`: the app in headless Chromium, from a production build.
 *
 * - recompute: from the upstream-share slider's input event to every figure and chart updated
 *   and laid out, for the 5-year monthly default and for a 4 + 4 channel 5-year monthly model,
 *   opened from a share link (goal: under 16 ms median for each);
 * - the production build's JavaScript, gzipped (goal: under 150 KB for the first screen);
 * - time from navigation to the first chart on localhost.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { median, quantile } from 'simple-statistics';
import { scenarioHash } from '../../src/engine/io/scenario-link.ts';
import { appRendered, launchChromium } from '../e2e/browser.ts';
import { benchChannelModel } from './channel-bench-models.ts';
import { serveProductionBuild } from '../e2e/serve-build.ts';

const served = await serveProductionBuild();
const browser = await launchChromium();
try {
  const assets = join(served.outDir, 'assets');
  const scripts = readdirSync(assets).filter((file) => file.endsWith('.js'));
  // The first screen loads only what index.html names; workers load when their panel runs.
  const html = readFileSync(join(served.outDir, 'index.html'), 'utf8');
  const firstScreen = scripts.filter((file) => html.includes(file));
  const size = (files: string[], gzip: boolean) => files.reduce((sum, file) => {
    const bytes = readFileSync(join(assets, file));
    return sum + (gzip ? gzipSync(bytes, { level: 9 }).length : bytes.length);
  }, 0);
  const gzipped = size(firstScreen, true);
  const raw = size(firstScreen, false);
  const workers = scripts.filter((file) => !firstScreen.includes(file));

  const firstChart: number[] = [];
  for (let load = 0; load < 7; load += 1) {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(served.url);
    await appRendered(page);
    firstChart.push(await page.evaluate(() => performance.getEntriesByName('budget-sim:first-chart')[0].startTime));
    await page.close();
  }

  /** Median-ready recompute times: slider input to every figure and chart rendered and laid out. */
  const measureRecompute = async (target: string, fiveYears: boolean) => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(target);
    await appRendered(page);
    if (fiveYears) {
      await page.getByLabel('Horizon (years)').selectOption('5');
      await appRendered(page);
    }
    const times = await page.evaluate(async () => {
      const app = document.querySelector('budget-sim-app') as HTMLElement & { whenRendered(): Promise<void> };
      const controls = app.shadowRoot!.querySelector('plan-controls')!;
      const slider = controls.shadowRoot!.querySelector('#share') as HTMLInputElement;
      const samples: number[] = [];
      for (let step = 0; step < 80; step += 1) {
        const start = performance.now();
        slider.value = String(20 + (step % 60));
        slider.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
        await app.whenRendered();
        // Force style and layout, so the time includes the browser laying out the new charts.
        app.shadowRoot!.querySelector('cumulative-profit-chart')!.getBoundingClientRect();
        document.body.offsetHeight;
        samples.push(performance.now() - start);
      }
      return samples.slice(10); // the first few warm up the JIT
    });
    return { page, times };
  };
  const { page, times: recompute } = await measureRecompute(served.url, true);
  const channelModel = benchChannelModel(4, 12, 5);
  const channels = await measureRecompute(`${served.url}${scenarioHash(channelModel)}`, false);
  // The channel panels and their charts must be on the page, or the figure would not be the issue's.
  const channelPanels = await channels.page.evaluate(() => {
    const root = document.querySelector('budget-sim-app')!.shadowRoot!;
    const results = root.querySelector('channel-results');
    return {
      editor: root.querySelector('channel-editor') !== null,
      shares: root.querySelector('channel-shares') !== null,
      charts: ['channel-results-chart', 'channel-spend-chart', 'response-curves-chart']
        .filter((tag) => (results?.shadowRoot?.querySelector(tag)?.shadowRoot?.innerHTML.length ?? 0) > 0).length,
      rows: results?.shadowRoot?.querySelectorAll('tbody tr').length ?? 0,
    };
  });
  if (!channelPanels.editor || !channelPanels.shares || channelPanels.charts !== 3 || channelPanels.rows !== 8) {
    throw new Error(`the channel panels were not all on the page: ${JSON.stringify(channelPanels)}`);
  }
  await channels.page.close();
  const npvShown = await page.locator('key-figures [data-figure="npv"] .value').textContent();

  console.log('budget-sim app benchmark (headless Chromium, production build)');
  console.log('');
  console.log('Recompute after a slider input, 5-year monthly default (all figures and charts rendered and laid out):');
  console.log(`  median ${median(recompute).toFixed(2)} ms, p90 ${quantile(recompute, 0.9).toFixed(2)} ms, over ${recompute.length} inputs   (goal < 16 ms) ${median(recompute) < 16 ? 'met' : 'NOT MET'}`);
  console.log(`  (NPV shown after the last input: ${npvShown})`);
  console.log('');
  console.log('Recompute after a slider input, 4 + 4 channels, 5-year monthly (opened from a share link):');
  console.log(`  median ${median(channels.times).toFixed(2)} ms, p90 ${quantile(channels.times, 0.9).toFixed(2)} ms, over ${channels.times.length} inputs   (goal < 16 ms) ${median(channels.times) < 16 ? 'met' : 'NOT MET'}`);
  console.log(`  (on the page: the channel editor, the shares, the results table with ${channelPanels.rows} channels and its ${channelPanels.charts} charts)`);
  console.log('');
  console.log(`JavaScript for the first screen: ${firstScreen.length} file(s), ${(raw / 1024).toFixed(1)} KB raw, ${(gzipped / 1024).toFixed(1)} KB gzipped   (goal < 150 KB) ${gzipped < 150 * 1024 ? 'met' : 'NOT MET'}`);
  console.log(`Web Workers, loaded only when run: ${workers.map((file) => `${file.replace(/-[\w-]+\.js$/, '')} ${(size([file], true) / 1024).toFixed(1)} KB gzipped`).join(', ')}`);
  console.log(`First chart on localhost: median ${median(firstChart).toFixed(0)} ms after navigation start, over ${firstChart.length} loads`);
} finally {
  await browser.close();
  await served.close();
}
