import type { Model, Side } from './model/model.ts';
import { compileModel } from './sim/compile-model.ts';
import { channelSpend } from './sim/plan-spend.ts';
import { channelSpendBuffers, createRunTrace, runModel } from './sim/run-model.ts';

/** One point of a response curve: a level of spend and what it earns, both per month. */
export interface ResponsePoint {
  /** The channel's average spend per month over the horizon. */
  spendPerMonth: number;
  /**
   * The contribution (revenue × margin) this spend earns beyond the channel spending nothing,
   * per month of the horizon: Σ_{t ≤ T} (Cₜ − C⁻ⁱₜ) / (12 · horizonYears).
   */
  contributionPerMonth: number;
}

/** One channel's response curve (see `channelResponseCurves`). */
export interface ChannelResponseCurve {
  name: string;
  side: Side;
  /** From 0 spend upwards, sorted by spend; the current (and optimum) points are among them. */
  points: ResponsePoint[];
  /** The plan as it is. */
  current: ResponsePoint;
  /** The spend the caller marks as the optimum, on the same curve; undefined when none was given. */
  optimum: ResponsePoint | undefined;
}

export interface ResponseCurveOptions {
  /** Points spread evenly from 0 to the end of the curve (besides the current and optimum ones); default 33. */
  samples?: number;
  /** How far the curve reaches, as a multiple of the current spend; default 2.5. */
  reach?: number;
  /**
   * Spend per month (average over the horizon) to mark as the optimum, by channel name: the
   * optimiser's plan, say. The curve reaches 20 % beyond it.
   */
  optimumPerMonth?: Readonly<Record<string, number>>;
  /**
   * Spends per month at which to draw a channel's curve instead of the even samples, by channel
   * name (the current and optimum points are still added where missing): the same curve under
   * other settings, at the same points, such as each posterior draw of a fitted model
   * (fit/response-curve-bands.ts).
   */
  spendsPerMonth?: Readonly<Record<string, readonly number[]>>;
}

const DEFAULT_SAMPLES = 33;
const DEFAULT_REACH = 2.5;
/** How far past the optimum the curve goes, so the optimum never sits on the edge. */
const PAST_OPTIMUM = 1.2;
/** A channel that spends nothing has no scale of its own: its curve reaches this many half-saturations. */
const HALF_SATURATIONS_WHEN_IDLE = 3;

/**
 * Each channel's response curve, the chart MMM users look at first: incremental contribution per
 * month against the channel's spend per month, holding the rest of the plan fixed (docs/app.md,
 * "Channels").
 *
 * The channel's spend is its own plan scaled by one factor, so its phasing over the horizon stays
 * as planned (a channel that spends nothing is spread evenly); the x value is the average spend per
 * month over the horizon, the y value the extra contribution over the horizon per month, against
 * the run in which this channel alone spends nothing (history and every other channel unchanged:
 * spec §9.4's counterfactual). So at the current point, y · months is the channel's
 * `incrementalRevenue` × margin in `simulate`'s summary, and the curve lies above the line y = x
 * exactly where the channel's ROI over the horizon would be positive. What the channel earns after
 * the horizon (brand equity carried over) is not in the curve: it is in the channel's value added.
 *
 * Cost: one run of the equations over the horizon per point (the kernel, `runModel`, reusing its
 * buffers), so (channels · (samples + 2) + 1) runs: under 10 ms for 8 channels monthly over
 * 3 years (tests/engine/channel-response-curve.test.ts measures it).
 *
 * @param model a model returned by `parseModel`, in either form (a two-lever model has two channels)
 * @example channelResponseCurves(model)[0].current.contributionPerMonth
 */
export function channelResponseCurves(model: Model, options: ResponseCurveOptions = {}): ChannelResponseCurve[] {
  const samples = Math.max(2, Math.floor(options.samples ?? DEFAULT_SAMPLES));
  const reach = options.reach ?? DEFAULT_REACH;
  const compiled = compileModel(model);
  const { periods, lagWindow, channelCount } = compiled;
  const months = 12 * model.horizonYears;
  const plan = channelSpend(model);
  const buffers = channelSpendBuffers(compiled, plan, periods);
  const trace = createRunTrace(periods);
  const channels = [...compiled.upstreamChannels, ...compiled.downstreamChannels];
  const upstreamCount = compiled.upstreamChannels.length;

  /** Σ_{t ≤ T} contribution with the buffers as they are. */
  const horizonContribution = (): number => {
    runModel(compiled, buffers, periods, trace);
    let total = 0;
    for (let index = 0; index < periods; index += 1) total += trace.contribution[index];
    return total;
  };

  const curves: ChannelResponseCurve[] = new Array(channelCount);
  for (let channel = 0; channel < channelCount; channel += 1) {
    const row = plan[channel];
    const buffer = buffers[channel];
    let planned = 0;
    for (let index = 0; index < periods; index += 1) planned += row[index];
    // The phasing the curve scales: the plan's own, or even spread when the plan spends nothing.
    const phasing = planned > 0 ? row : new Float64Array(periods).fill(1);
    const phasingPerMonth = (planned > 0 ? planned : periods) / months;

    const contributionAt = (spendPerMonth: number): number => {
      const factor = spendPerMonth / phasingPerMonth;
      for (let index = 0; index < periods; index += 1) buffer[lagWindow + index] = phasing[index] * factor;
      return horizonContribution();
    };

    const without = contributionAt(0);
    const point = (spendPerMonth: number): ResponsePoint => ({
      spendPerMonth,
      contributionPerMonth: (contributionAt(spendPerMonth) - without) / months,
    });

    const currentPerMonth = planned / months;
    const optimumPerMonth = options.optimumPerMonth?.[channels[channel].name];
    const hasOptimum = optimumPerMonth !== undefined && Number.isFinite(optimumPerMonth) && optimumPerMonth >= 0;
    const idleEnd = HALF_SATURATIONS_WHEN_IDLE * channels[channel].halfSaturation * (periods / months);
    let end = currentPerMonth > 0 ? reach * currentPerMonth : idleEnd;
    if (hasOptimum) end = Math.max(end, PAST_OPTIMUM * optimumPerMonth);
    if (!(end > 0)) end = 1;

    const points: ResponsePoint[] = [];
    const given = options.spendsPerMonth !== undefined && Object.hasOwn(options.spendsPerMonth, channels[channel].name) ? options.spendsPerMonth[channels[channel].name] : undefined;
    if (given !== undefined) {
      for (const spendPerMonth of given) points.push(spendPerMonth === 0 ? { spendPerMonth: 0, contributionPerMonth: 0 } : point(spendPerMonth));
    } else {
      for (let sample = 0; sample < samples; sample += 1) {
        const spendPerMonth = (end * sample) / (samples - 1);
        points.push(sample === 0 ? { spendPerMonth: 0, contributionPerMonth: 0 } : point(spendPerMonth));
      }
    }
    const current = point(currentPerMonth);
    const optimum = hasOptimum ? (optimumPerMonth === currentPerMonth ? current : point(optimumPerMonth)) : undefined;
    // The marked points are the curve's own objects (a sample at the same spend gives way), so
    // a chart can tell them by identity.
    for (const marked of optimum === undefined ? [current] : [current, optimum]) {
      const same = points.findIndex((existing) => existing.spendPerMonth === marked.spendPerMonth);
      if (same >= 0) points[same] = marked;
      else points.push(marked);
    }
    points.sort((a, b) => a.spendPerMonth - b.spendPerMonth);

    // Put the channel's planned spend back before the next channel's curve.
    buffer.set(row, lagWindow);
    curves[channel] = {
      name: channels[channel].name,
      side: channel < upstreamCount ? 'upstream' : 'downstream',
      points,
      current,
      optimum,
    };
  }
  return curves;
}

/**
 * A plan's average spend per month on each channel, by name: what `optimumPerMonth` takes, from
 * the optimiser's plan (in the model file's form: channel name → spend per period, or a two-lever
 * plan's `upstream` and `downstream` rows, which are its channels' names).
 * @example spendPerMonthByChannel(model, optimized.plan) // { TV: 41000, Search: 22000, … }
 */
export function spendPerMonthByChannel(model: Pick<Model, 'horizonYears'>, plan: Readonly<Record<string, readonly number[]>>): Record<string, number> {
  const months = 12 * model.horizonYears;
  const perMonth: Record<string, number> = {};
  for (const [name, row] of Object.entries(plan)) {
    let total = 0;
    for (const spend of row) total += spend;
    Object.defineProperty(perMonth, name, { value: total / months, enumerable: true, writable: true, configurable: true });
  }
  return perMonth;
}
