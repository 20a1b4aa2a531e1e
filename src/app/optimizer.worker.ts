/// <reference lib="webworker" />
// Runs the optimiser off the main thread, so the page stays responsive during a long search.
import type { Model } from '../engine/index.ts';
import { type OptimizeOptions, OptimizeError, optimize } from '../engine/optimize/index.ts';

export type OptimizerRequest = { model: Model; options: Omit<OptimizeOptions, 'onProgress' | 'shouldStop'> };
export type OptimizerMessage =
  | { type: 'progress'; fraction: number }
  | { type: 'done'; result: ReturnType<typeof optimize> }
  | { type: 'error'; option: string | null; message: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<OptimizerRequest>) => {
  const { model, options } = event.data;
  const post = (message: OptimizerMessage) => scope.postMessage(message);
  try {
    const result = optimize(model, { ...options, onProgress: (fraction) => post({ type: 'progress', fraction }) });
    post({ type: 'done', result });
  } catch (error) {
    post({
      type: 'error',
      option: error instanceof OptimizeError ? error.option : null,
      message: error instanceof Error ? error.message : 'The optimiser failed',
    });
  }
};
