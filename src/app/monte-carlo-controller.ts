import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Model } from '../engine/index.ts';
import type { MonteCarloComparison } from '../engine/uncertainty/compare-monte-carlo.ts';
import type { MonteCarloRun } from '../engine/uncertainty/monte-carlo.ts';
import { createRunTimeEstimator, describeRunTime } from '../engine/uncertainty/run-time-estimate.ts';
import { type MonteCarloPart, mergeMonteCarloParts } from '../engine/uncertainty/monte-carlo-parts.ts';
import type { MonteCarloMessage, MonteCarloRequest } from './monte-carlo.worker.ts';

export type MonteCarloState =
  | { status: 'idle' }
  /** `estimate`: how long a long run should take in all, in words, from half a second in (refined as it goes). */
  | { status: 'running'; fraction: number; workers: number; estimate?: string }
  | { status: 'done'; run: MonteCarloRun; model: Model; ms: number; workers: number }
  | { status: 'cancelled' }
  | { status: 'failed'; message: string };

/** Draws below this per worker are not worth another worker's start-up. */
const MIN_DRAWS_PER_WORKER = 1000;

/**
 * A run says how long it will take when it is estimated at a second or more, or has at least
 * 50,000 draws (the panel's long choice, 100,000, always says); shorter runs are over before
 * the words could be read.
 */
const ESTIMATE_FROM_SECONDS = 1;
const ESTIMATE_FROM_DRAWS = 50_000;

/**
 * Runs Monte Carlo across one Web Worker per core (each takes an even share of the draws) and
 * merges their parts; Cancel ends every worker at once. Also runs scenario comparisons in a
 * worker of their own. The page stays responsive throughout.
 */
export class MonteCarloController implements ReactiveController {
  state: MonteCarloState = { status: 'idle' };
  comparison: { status: 'idle' | 'running' | 'failed'; message?: string } | { status: 'done'; key: string; comparison: MonteCarloComparison } = { status: 'idle' };
  private readonly host: ReactiveControllerHost;
  private workers: Worker[] = [];
  private comparer: Worker | undefined;

  constructor(host: ReactiveControllerHost) {
    this.host = host;
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.stop();
    this.comparer?.terminate();
  }

  run(model: Model, draws: number, seed: number): void {
    this.stop();
    const cores = Math.max(1, Math.min(8, navigator.hardwareConcurrency || 2));
    const count = Math.max(1, Math.min(cores, Math.floor(draws / MIN_DRAWS_PER_WORKER)));
    const started = performance.now();
    const progress = new Array<number>(count).fill(0);
    const sizes: number[] = [];
    const parts: MonteCarloPart[] = [];
    const estimator = createRunTimeEstimator(draws, model.periodsPerYear * model.horizonYears);
    let estimate: string | undefined;
    this.set({ status: 'running', fraction: 0, workers: count });
    for (let index = 0; index < count; index += 1) {
      const start = Math.floor((draws * index) / count);
      const end = Math.floor((draws * (index + 1)) / count);
      sizes.push(end - start);
      const worker = newWorker();
      this.workers.push(worker);
      worker.onmessage = (event: MessageEvent<MonteCarloMessage>) => {
        if (!this.workers.includes(worker)) return;
        const message = event.data;
        if (message.type === 'progress') {
          progress[index] = message.fraction;
          const fraction = progress.reduce((sum, done, part) => sum + done * sizes[part], 0) / draws;
          // The pace of the whole run (every worker's draws together) says how long it will take,
          // more surely as it goes.
          const estimated = estimator.observe(fraction * draws);
          if (estimated !== undefined && (estimated.seconds >= ESTIMATE_FROM_SECONDS || draws >= ESTIMATE_FROM_DRAWS)) estimate = describeRunTime(estimated, count);
          this.set({ status: 'running', workers: count, estimate, fraction });
        } else if (message.type === 'part') {
          parts.push(message.part);
          if (parts.length === count) {
            this.stop();
            try {
              const run = mergeMonteCarloParts(model, parts, { draws, seed });
              this.set({ status: 'done', run, model, ms: performance.now() - started, workers: count });
            } catch (error) {
              this.set({ status: 'failed', message: error instanceof Error ? error.message : 'The simulation failed' });
            }
          }
        } else if (message.type === 'error') {
          this.stop();
          this.set({ status: 'failed', message: message.message });
        }
      };
      worker.onerror = (event) => {
        this.stop();
        this.set({ status: 'failed', message: event.message || 'The simulation stopped unexpectedly' });
      };
      const request: MonteCarloRequest = { kind: 'part', model, draws, seed, start, end };
      worker.postMessage(request);
    }
  }

  cancel(): void {
    if (this.state.status !== 'running') return;
    this.stop();
    this.set({ status: 'cancelled' });
  }

  /** Chances of being best, on common random numbers, for the compared scenarios. */
  compare(models: Model[], key: string, draws: number, seed: number): void {
    this.comparer?.terminate();
    const worker = newWorker();
    this.comparer = worker;
    this.comparison = { status: 'running' };
    this.host.requestUpdate();
    worker.onmessage = (event: MessageEvent<MonteCarloMessage>) => {
      if (worker !== this.comparer) return;
      const message = event.data;
      if (message.type === 'comparison') this.comparison = { status: 'done', key, comparison: message.comparison };
      else if (message.type === 'error') this.comparison = { status: 'failed', message: message.message };
      else return;
      worker.terminate();
      this.comparer = undefined;
      this.host.requestUpdate();
    };
    const request: MonteCarloRequest = { kind: 'compare', models, draws, seed };
    worker.postMessage(request);
  }

  private set(state: MonteCarloState): void {
    this.state = state;
    this.host.requestUpdate();
  }

  private stop(): void {
    for (const worker of this.workers) worker.terminate();
    this.workers = [];
  }
}

function newWorker(): Worker {
  return new Worker(new URL('./monte-carlo.worker.ts', import.meta.url), { type: 'module' });
}
