import { type Model, isChannelModel } from '../model/model.ts';
import type { OptimizedPlan } from './optimize-result.ts';

/** What a plan found (channel rows) reads as in a result: the file's form, and shares by year. */
export interface PlanReadings {
  plan: OptimizedPlan;
  upstreamShareByYear: (number | null)[];
  channelShareByYear: Record<string, (number | null)[]>;
  sides: { upstream: number[]; downstream: number[] };
}

/**
 * A plan given as channel rows (upstream channels first) in the model file's form — two-lever
 * `{ upstream, downstream }`, or channel name → spend per period — with each year's upstream
 * share and each channel's share of its side by year.
 * @param names the channels in row order
 */
export function readPlan(model: Model, names: readonly string[], upstreamCount: number, spend: readonly Float64Array[]): PlanReadings {
  const periodsPerYear = model.periodsPerYear;
  const years = model.horizonYears;
  const periods = periodsPerYear * years;
  const upstream = new Array<number>(periods).fill(0);
  const downstream = new Array<number>(periods).fill(0);
  spend.forEach((row, channel) => {
    const side = channel < upstreamCount ? upstream : downstream;
    for (let index = 0; index < periods; index += 1) side[index] += row[index];
  });
  const plan: OptimizedPlan = isChannelModel(model)
    ? Object.fromEntries(names.map((name, channel) => [name, Array.from(spend[channel])]))
    : { upstream: Array.from(spend[0]), downstream: Array.from(spend[1]) };
  const yearSum = (row: ArrayLike<number>, year: number) => {
    let total = 0;
    for (let index = year * periodsPerYear; index < (year + 1) * periodsPerYear; index += 1) total += row[index];
    return total;
  };
  const upstreamShareByYear = Array.from({ length: years }, (_, year) => {
    const up = yearSum(upstream, year);
    const total = up + yearSum(downstream, year);
    return total > 0 ? up / total : null;
  });
  const channelShareByYear: Record<string, (number | null)[]> = {};
  names.forEach((name, channel) => {
    const side = channel < upstreamCount ? upstream : downstream;
    channelShareByYear[name] = Array.from({ length: years }, (_, year) => {
      const sideTotal = yearSum(side, year);
      return sideTotal > 0 ? yearSum(spend[channel], year) / sideTotal : null;
    });
  });
  return { plan, upstreamShareByYear, channelShareByYear, sides: { upstream, downstream } };
}
