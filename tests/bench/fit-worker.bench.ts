/**
 * `npm run bench` (part): the whole fit (holdout fit, refit, intervals) inside the app's Web
 * Worker in headless Chromium, from a production build, for the example history
 * (models/examples/consumer-history.csv: three years weekly, 3 + 3 channels, a price and a
 * promotion driver) and a two-year cut of it (its first 104 weeks), each from the example's
 * weekly starting model (goal: under 3 s for two years of weekly data, issue 12).
 *
 * Each fit runs in a fresh worker, as the app starts one per fit, so the times include V8
 * compiling the fit's loops. Two times per fit:
 * - in the worker: `FitResult.ms`, from fitHistory's start to its result;
 * - request to result: from posting the CSV to the result arriving on the page (the worker's
 *   start and module load, reading the CSV, the fit, handing the result back).
 * Then once through the app itself: "Try with example data", "Fit the model", the figures on
 * screen.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { median } from 'simple-statistics';
import { parseModel } from '../../src/engine/index.ts';
import { appRendered, launchChromium } from '../e2e/browser.ts';
import { serveProductionBuild } from '../e2e/serve-build.ts';

const RUNS = 5;
const GOAL_MS = 3000;
const exampleText = readFileSync(new URL('../../models/examples/consumer-history.csv', import.meta.url), 'utf8');
const start = parseModel(JSON.parse(readFileSync(new URL('../../models/examples/consumer-weekly.json', import.meta.url), 'utf8')));
const lines = exampleText.trimEnd().split('\n');
const twoYears = `${lines.slice(0, 1 + 104).join('\n')}\n`;

const served = await serveProductionBuild();
const browser = await launchChromium();
try {
  const workerFile = readdirSync(join(served.outDir, 'assets')).find((file) => /^fit\.worker-.*\.js$/.test(file));
  if (workerFile === undefined) throw new Error('the build has no fit worker');
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (error) => { throw error; });
  await page.goto(served.url);
  await appRendered(page);

  /** Fits `text` from the example start in a fresh worker, RUNS times: each run's time in the worker and from request to result. */
  const measure = (text: string) => page.evaluate(async ({ url, text: history, start: model, runs }) => {
    const times: { worker: number; total: number; rows: number; holdoutMape: number | null }[] = [];
    for (let run = 0; run < runs; run += 1) {
      const worker = new Worker(url, { type: 'module' });
      const began = performance.now();
      const result = await new Promise<{ ms: number; periods: unknown[]; fit: { holdout: { mape: number } | null } }>((resolve, reject) => {
        worker.onmessage = (event: MessageEvent<{ type: string; result?: never; message?: string }>) => {
          if (event.data.type === 'done') resolve(event.data.result!);
          else if (event.data.type === 'error') reject(new Error(event.data.message));
        };
        worker.onerror = (event) => reject(new Error(event.message));
        worker.postMessage({ text: history, start: model, history: {}, fit: { source: 'consumer-history.csv' } });
      });
      times.push({ worker: result.ms, total: performance.now() - began, rows: result.periods.length, holdoutMape: result.fit.holdout?.mape ?? null });
      worker.terminate();
    }
    return times;
  }, { url: `${served.url}assets/${workerFile}`, text, start, runs: RUNS });

  const full = await measure(exampleText);
  const cut = await measure(twoYears);

  // Once through the app: the button, the worker, the figures on screen.
  await page.getByRole('button', { name: 'Fit to your data…' }).click();
  await page.locator('fit-view').getByRole('button', { name: 'Try with example data' }).click();
  await page.locator('fit-view [data-read-ok]').waitFor();
  const clicked = Date.now();
  await page.locator('fit-view').getByRole('button', { name: 'Fit the model' }).click();
  await page.locator('fit-results [data-use-fitted]').waitFor({ timeout: 120_000 });
  const throughApp = Date.now() - clicked;
  await page.locator('fit-results response-curves-chart').waitFor({ timeout: 120_000 });
  const withCurves = Date.now() - clicked;

  const line = (label: string, times: typeof full, goal: boolean) => {
    const inWorker = median(times.map((time) => time.worker));
    const total = median(times.map((time) => time.total));
    const verdict = goal ? `   (goal < ${GOAL_MS / 1000} s) ${total < GOAL_MS ? 'met' : 'NOT MET'}` : '';
    return `  ${label.padEnd(34)} in the worker ${(inWorker / 1000).toFixed(2)} s, request to result ${(total / 1000).toFixed(2)} s`
      + ` (median of ${times.length}; fastest ${(Math.min(...times.map((time) => time.total)) / 1000).toFixed(2)} s)${verdict}`;
  };
  console.log('budget-sim fit benchmark in the browser worker (headless Chromium, production build, a fresh worker per fit)');
  console.log(`  (${cpus().length} cores; load average ${loadavg().map((load) => load.toFixed(1)).join(', ')}: above the core count, other work slows every figure)`);
  console.log('');
  console.log('The whole fit (holdout fit, refit, intervals) of the example history, 3 + 3 channels, price and promotion, weekly:');
  console.log(line(`2 years (${cut[0].rows} weeks)`, cut, true));
  console.log(line(`3 years (${full[0].rows} weeks, the example)`, full, false));
  console.log(`  holdout MAPE: 2 years ${((cut[0].holdoutMape ?? Number.NaN) * 100).toFixed(1)} %, 3 years ${((full[0].holdoutMape ?? Number.NaN) * 100).toFixed(1)} % (the same on every run: the fit is seeded)`);
  console.log('');
  console.log('Through the app (Try with example data, Fit the model):');
  console.log(`  click to figures on screen ${(throughApp / 1000).toFixed(2)} s; to the response curves with their bands ${(withCurves / 1000).toFixed(2)} s`);
} finally {
  await browser.close();
  await served.close();
}
