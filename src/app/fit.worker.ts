/// <reference lib="webworker" />
// Fits a model to a history off the main thread: reading the CSV again here (it is the text the
// page checked) costs milliseconds and keeps the request small; the fit itself takes seconds.
import { type ChannelResponseCurve, channelResponseCurves } from '../engine/channel-response-curve.ts';
import type { Model } from '../engine/index.ts';
import { type ResponseCurveBand, responseCurveBands } from '../engine/fit/response-curve-bands.ts';
import { fitHistory } from '../engine/fit/fit-history.ts';
import type { FitOptions, FitResult } from '../engine/fit/fit-result.ts';
import { HistoryError, type HistoryOptions } from '../engine/fit/history-table.ts';
import { readHistory } from '../engine/fit/read-history.ts';

export interface FitRequest {
  /** The history CSV as text. */
  text: string;
  /** The starting model. */
  start: Model;
  /** How the columns are read (the table of columns as the person left it). */
  history: HistoryOptions;
  /** The fit's options, without the progress callback (the worker posts progress instead). */
  fit: Omit<FitOptions, 'onProgress'>;
}

export type FitMessage =
  | { type: 'progress'; fraction: number; stage: string }
  | { type: 'done'; result: FitResult }
  /** After `done`: the fitted model's response curves and their 90 % bands across its posterior. */
  | { type: 'curves'; curves: ChannelResponseCurve[]; bands: ResponseCurveBand[] }
  | { type: 'curves-error'; message: string }
  /** `row` and `column` where the problem is in the file (a HistoryError), else null. */
  | { type: 'error'; message: string; row: number | null; column: string | null };

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<FitRequest>) => {
  const { text, start, history, fit } = event.data;
  const post = (message: FitMessage) => scope.postMessage(message);
  try {
    const table = readHistory(text, start, history);
    const result = fitHistory(table, start, { ...fit, onProgress: (fraction, stage) => post({ type: 'progress', fraction, stage }) });
    post({ type: 'done', result });
    // The curves and their bands take a few hundred runs of the model per channel; they come
    // after the fit's figures, so those show at once.
    try {
      const curves = channelResponseCurves(result.model);
      post({ type: 'curves', curves, bands: responseCurveBands(result.model, curves) });
    } catch (error) {
      post({ type: 'curves-error', message: error instanceof Error ? error.message : 'The response curves could not be drawn' });
    }
  } catch (error) {
    post({
      type: 'error',
      message: error instanceof Error ? error.message : 'The fit failed',
      row: error instanceof HistoryError ? error.row : null,
      column: error instanceof HistoryError ? error.column : null,
    });
  }
};
