/// <reference lib="webworker" />
// One part of a Monte Carlo run (or a whole scenario comparison), off the main thread: the app
// starts one of these per core and merges what they send back.
import type { Model } from '../engine/index.ts';
import { compareMonteCarlo } from '../engine/uncertainty/compare-monte-carlo.ts';
import { runMonteCarloPart } from '../engine/uncertainty/monte-carlo-parts.ts';
import type { MonteCarloComparison } from '../engine/uncertainty/compare-monte-carlo.ts';
import type { MonteCarloPart } from '../engine/uncertainty/monte-carlo-parts.ts';

export type MonteCarloRequest =
  | { kind: 'part'; model: Model; draws: number; seed: number; start: number; end: number }
  | { kind: 'compare'; models: Model[]; draws: number; seed: number };

export type MonteCarloMessage =
  | { type: 'progress'; fraction: number }
  | { type: 'part'; part: MonteCarloPart }
  | { type: 'comparison'; comparison: MonteCarloComparison }
  | { type: 'error'; message: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<MonteCarloRequest>) => {
  const request = event.data;
  const post = (message: MonteCarloMessage, transfer: Transferable[] = []) => scope.postMessage(message, transfer);
  try {
    if (request.kind === 'compare') {
      post({ type: 'comparison', comparison: compareMonteCarlo(request.models, { draws: request.draws, seed: request.seed }) });
      return;
    }
    const part = runMonteCarloPart(request.model, { ...request, onProgress: (fraction) => post({ type: 'progress', fraction }) });
    // Hand the arrays over rather than copying them.
    const buffers = [...Object.values(part.figures), ...part.roiByYear, part.bandSeries].map((array) => array.buffer);
    post({ type: 'part', part }, buffers);
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : 'The simulation failed' });
  }
};
