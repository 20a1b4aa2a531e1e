import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Model } from '../engine/index.ts';
import type { ChannelResponseCurve } from '../engine/channel-response-curve.ts';
import type { FitResult } from '../engine/fit/fit-result.ts';
import type { ResponseCurveBand } from '../engine/fit/response-curve-bands.ts';
import { DEFAULT_TARGET } from '../engine/fit/history-columns.ts';
import type { FitMessage, FitRequest } from './fit.worker.ts';

/** The fitted model's response curves with their bands, worked out in the worker after the fit. */
export type FitCurves =
  | { status: 'pending' }
  | { status: 'done'; curves: ChannelResponseCurve[]; bands: ResponseCurveBand[]; ms: number }
  | { status: 'failed'; message: string };

/** A fit that finished: its result and what it was fitted from, with its response curves as they come. */
export interface CompletedFit {
  result: FitResult;
  /** The model the fit started from. */
  start: Model;
  /** The history's file name. */
  source: string;
  /** The history's target column. */
  target: string;
  /** From the request to the result on the page (the worker's start, reading, fit and the hand-over). */
  ms: number;
  curves: FitCurves;
}

/** How the latest fit asked for went; the last one that finished is `FitController.completed`. */
export type FitState =
  | { status: 'idle' }
  /** `startedAt`: performance.now() when the fit was asked for, for the time so far. */
  | { status: 'running'; fraction: number; stage: string; startedAt: number }
  | { status: 'done' }
  | { status: 'cancelled' }
  /** `row` and `column` of a problem in the file, else null. */
  | { status: 'failed'; message: string; row: number | null; column: string | null };

/** How often the time so far is redrawn while a fit runs, in milliseconds. */
const TICK_MS = 250;

/**
 * Runs a fit in a Web Worker and keeps its state for the fit view. Cancel ends the worker at
 * once (a running fit cannot read messages, so it cannot be asked to stop), which frees the
 * page immediately and changes nothing; the next fit starts a fresh worker.
 *
 * The last fit that finished (`completed`) stays while another runs and after that one is
 * cancelled or fails: bad input or a cancel loses nothing, and its fitted model can still be
 * used. Only a finished fit replaces it, and `clear()` forgets it.
 */
export class FitController implements ReactiveController {
  state: FitState = { status: 'idle' };
  /** The last fit that finished, if any: the one on screen, whatever the latest fit asked for did. */
  completed: CompletedFit | undefined;
  private readonly host: ReactiveControllerHost;
  private worker: Worker | undefined;
  private ticker: ReturnType<typeof setInterval> | undefined;

  constructor(host: ReactiveControllerHost) {
    this.host = host;
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.stopWorker();
  }

  get running(): boolean {
    return this.state.status === 'running';
  }

  run(request: FitRequest): void {
    this.stopWorker();
    // The worker drawing the last fit's curves is gone; say so rather than "drawing…" for ever.
    if (this.completed?.curves.status === 'pending') {
      this.completed = { ...this.completed, curves: { status: 'failed', message: 'a new fit was started before they were drawn' } };
    }
    const worker = new Worker(new URL('./fit.worker.ts', import.meta.url), { type: 'module' });
    this.worker = worker;
    const startedAt = performance.now();
    const source = request.fit.source ?? '';
    this.set({ status: 'running', fraction: 0, stage: 'Starting', startedAt });
    this.ticker = setInterval(() => this.host.requestUpdate(), TICK_MS);
    worker.onmessage = (event: MessageEvent<FitMessage>) => {
      if (worker !== this.worker) return;
      const message = event.data;
      if (message.type === 'progress') {
        this.set({ status: 'running', fraction: message.fraction, stage: message.stage, startedAt });
      } else if (message.type === 'done') {
        // The worker goes on to the response curves; the clock stops for the fit itself.
        this.stopTicker();
        this.completed = {
          result: message.result, start: request.start, source, target: request.history.target ?? DEFAULT_TARGET,
          ms: performance.now() - startedAt, curves: { status: 'pending' },
        };
        this.set({ status: 'done' });
      } else if (message.type === 'curves' || message.type === 'curves-error') {
        this.stopWorker();
        const completed = this.completed;
        if (completed === undefined) return;
        this.setCurves(message.type === 'curves'
          ? { status: 'done', curves: message.curves, bands: message.bands, ms: performance.now() - startedAt - completed.ms }
          : { status: 'failed', message: message.message });
      } else {
        this.stopWorker();
        this.set({ status: 'failed', message: message.message, row: message.row, column: message.column });
      }
    };
    worker.onerror = (event) => {
      if (worker !== this.worker) return;
      this.stopWorker();
      if (this.state.status === 'done') this.setCurves({ status: 'failed', message: event.message || 'The response curves could not be drawn' });
      else this.set({ status: 'failed', message: event.message || 'The fit stopped unexpectedly', row: null, column: null });
    };
    worker.postMessage(request);
  }

  cancel(): void {
    if (this.state.status !== 'running') return;
    this.stopWorker();
    this.set({ status: 'cancelled' });
  }

  /** Forgets the last fit and any message (for a history or a starting model the fit is not of). */
  clear(): void {
    this.stopWorker();
    this.completed = undefined;
    this.set({ status: 'idle' });
  }

  private set(state: FitState): void {
    this.state = state;
    this.host.requestUpdate();
  }

  private setCurves(curves: FitCurves): void {
    if (this.completed === undefined) return;
    this.completed = { ...this.completed, curves };
    this.host.requestUpdate();
  }

  private stopWorker(): void {
    this.worker?.terminate();
    this.worker = undefined;
    this.stopTicker();
  }

  private stopTicker(): void {
    if (this.ticker !== undefined) clearInterval(this.ticker);
    this.ticker = undefined;
  }
}
