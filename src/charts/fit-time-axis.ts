import { type ScaleTime, scaleUtc } from 'd3';
import { svg, type SVGTemplateResult } from 'lit';
import type { FitPeriod } from '../engine/fit/fit-result.ts';
import { FIT_COLOURS } from './palette.ts';

/**
 * What the two fit charts over time (fit-over-time, fit-decomposition) share: the history's
 * dates on a UTC time axis, the held-out periods as spans, and the period nearest the pointer.
 */

/** A run of consecutive held-out periods, by index (inclusive). */
export interface HeldOutSpan {
  first: number;
  last: number;
}

/** Milliseconds since the epoch of each period's ISO date ("2024-01-01"), read as UTC midnight. */
export function periodTimes(periods: readonly FitPeriod[]): number[] {
  return periods.map((period) => Date.parse(`${period.date}T00:00:00Z`));
}

/**
 * The held-out periods as runs of consecutive indices: normally one run at the end (the last N
 * periods), but any pattern is drawn as it is.
 * @example heldOutSpans([{ holdout: false }, { holdout: true }, { holdout: true }]) // [{ first: 1, last: 2 }]
 */
export function heldOutSpans(periods: readonly Pick<FitPeriod, 'holdout'>[]): HeldOutSpan[] {
  const spans: HeldOutSpan[] = [];
  periods.forEach((period, index) => {
    if (!period.holdout) return;
    const open = spans.at(-1);
    if (open !== undefined && open.last === index - 1) open.last = index;
    else spans.push({ first: index, last: index });
  });
  return spans;
}

/**
 * The x scale of a history: each period's date, with half a period of room at both ends so the
 * first and last periods' shading and dots are not cut by the axis.
 */
export function historyScale(times: readonly number[], left: number, right: number): ScaleTime<number, number> {
  const first = times[0] ?? 0;
  const last = times.at(-1) ?? first;
  const step = times.length > 1 ? (last - first) / (times.length - 1) : 86_400_000;
  return scaleUtc().domain([new Date(first - step / 2), new Date(last + step / 2)]).range([left, right]);
}

/**
 * The index of the period whose date is nearest `time` (binary search over sorted times), or
 * undefined for no periods.
 */
export function nearestIndex(times: readonly number[], time: number): number | undefined {
  if (times.length === 0) return undefined;
  let low = 0;
  let high = times.length - 1;
  while (high - low > 1) {
    const middle = (low + high) >> 1;
    if (times[middle] <= time) low = middle;
    else high = middle;
  }
  return Math.abs(times[high] - time) < Math.abs(time - times[low]) ? high : low;
}

/**
 * The held-out spans as grey ground from half a period before the first to half a period after
 * the last, each labelled "Held out" at its top (inside when there is room, else above it).
 */
export function heldOutShading(
  spans: readonly HeldOutSpan[], times: readonly number[], x: ScaleTime<number, number>, top: number, bottom: number, label = true,
): SVGTemplateResult[] {
  const step = times.length > 1 ? (times.at(-1)! - times[0]) / (times.length - 1) : 86_400_000;
  return spans.map((span) => {
    const from = x(new Date(times[span.first] - step / 2));
    const to = x(new Date(times[span.last] + step / 2));
    const wide = to - from >= 56;
    return svg`<g class="held-out">
      <rect x=${from} y=${top} width=${Math.max(1, to - from)} height=${Math.max(0, bottom - top)} fill=${FIT_COLOURS.heldOut}></rect>
      ${label ? svg`<text class="annotation" x=${wide ? (from + to) / 2 : to} y=${top + 12} text-anchor=${wide ? 'middle' : 'end'}
        fill=${FIT_COLOURS.heldOutText}>Held out</text>` : null}
    </g>`;
  });
}

/** Date ticks for an axis `width` pixels wide: about one per 90 px, d3's calendar-aware choice. */
export function dateTicks(x: ScaleTime<number, number>, width: number): { ticks: number[]; format: (value: number) => string } {
  const dates = x.ticks(Math.max(2, Math.floor(width / 90)));
  const format = x.tickFormat();
  return { ticks: dates.map((date) => date.getTime()), format: (value) => format(new Date(value)) };
}

/**
 * What was fitted, as it begins a label: the history's target column with a capital first letter
 * ("revenue" → "Revenue"), "Revenue" when none is given.
 */
export function targetLabel(target: string): string {
  const name = target.trim();
  return name === '' ? 'Revenue' : `${name[0].toUpperCase()}${name.slice(1)}`;
}
