/**
 * What the fit view says while a fit runs: the time so far and, once the fit is far enough in
 * to tell, the time left, from its own pace: left = elapsed · (1 − f) / f, f the share done.
 *
 * Why only from 10 % and half a second in: the first steps of a fit (reading, the first
 * gradient in a fresh worker, before V8 has compiled the loops) run several times slower than
 * the rest, so an earlier guess would be far too long. The fit's stages are not equally long
 * either, so the words say "about" and are refined at each report.
 *
 * Never "NaN": a fraction outside (0, 1] or a time that is not finite gives no estimate.
 */

/** The share done from which the time left is estimated. */
const ESTIMATE_FROM_FRACTION = 0.1;
/** …and the time so far, in milliseconds. */
const ESTIMATE_FROM_MS = 500;

/** Milliseconds left at the pace so far, or undefined while it is too early to say. */
export function fitTimeLeftMs(elapsedMs: number, fraction: number): number | undefined {
  if (!Number.isFinite(elapsedMs) || !Number.isFinite(fraction) || fraction <= 0 || fraction > 1) return undefined;
  if (fraction < ESTIMATE_FROM_FRACTION || elapsedMs < ESTIMATE_FROM_MS) return undefined;
  return (elapsedMs * (1 - fraction)) / fraction;
}

/** 0.42 s → "0.4 s", 4.26 s → "4 s", 130 s → "2 min 10 s"; from milliseconds. */
export function durationWords(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  const seconds = ms / 1000;
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const whole = Math.round(seconds);
  const minutes = Math.floor(whole / 60);
  const rest = whole % 60;
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}

/** "2.1 s so far, about 3 s left" (or only the time so far while it is too early to say). */
export function describeFitProgress(elapsedMs: number, fraction: number): string {
  const left = fitTimeLeftMs(elapsedMs, fraction);
  const so = `${durationWords(elapsedMs)} so far`;
  return left === undefined ? so : `${so}, about ${durationWords(left)} left`;
}
