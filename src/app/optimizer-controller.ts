import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Model } from '../engine/index.ts';
import type { OptimizeResult } from '../engine/optimize/index.ts';
import type { OptimizerMessage, OptimizerRequest } from './optimizer.worker.ts';

export type OptimizerState =
  | { status: 'idle' }
  | { status: 'running'; fraction: number }
  | { status: 'done'; result: OptimizeResult; model: Model }
  | { status: 'cancelled' }
  | { status: 'failed'; option: string | null; message: string };

/**
 * Runs the optimiser in a Web Worker and keeps its state for the panel. Cancel ends the worker
 * at once (a running search cannot read messages, so it cannot be asked to stop), which frees
 * the page immediately; the next run starts a fresh worker.
 */
export class OptimizerController implements ReactiveController {
  state: OptimizerState = { status: 'idle' };
  private readonly host: ReactiveControllerHost;
  private worker: Worker | undefined;

  constructor(host: ReactiveControllerHost) {
    this.host = host;
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.stopWorker();
  }

  run(model: Model, options: OptimizerRequest['options']): void {
    this.stopWorker();
    const worker = new Worker(new URL('./optimizer.worker.ts', import.meta.url), { type: 'module' });
    this.worker = worker;
    this.set({ status: 'running', fraction: 0 });
    worker.onmessage = (event: MessageEvent<OptimizerMessage>) => {
      if (worker !== this.worker) return;
      const message = event.data;
      if (message.type === 'progress') {
        this.set({ status: 'running', fraction: message.fraction });
      } else if (message.type === 'done') {
        this.stopWorker();
        this.set({ status: 'done', result: message.result, model });
      } else {
        this.stopWorker();
        this.set({ status: 'failed', option: message.option, message: message.message });
      }
    };
    worker.onerror = (event) => {
      if (worker !== this.worker) return;
      this.stopWorker();
      this.set({ status: 'failed', option: null, message: event.message || 'The optimiser stopped unexpectedly' });
    };
    const request: OptimizerRequest = { model, options };
    worker.postMessage(request);
  }

  cancel(): void {
    if (this.state.status !== 'running') return;
    this.stopWorker();
    this.set({ status: 'cancelled' });
  }

  clear(): void {
    this.set({ status: 'idle' });
  }

  private set(state: OptimizerState): void {
    this.state = state;
    this.host.requestUpdate();
  }

  private stopWorker(): void {
    this.worker?.terminate();
    this.worker = undefined;
  }
}
