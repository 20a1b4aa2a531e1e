import { expect } from 'vitest';
import { PERIOD_FIELDS, type SimulationResult } from '../../../src/engine/sim/results.ts';
import { RELATIVE_TOLERANCE, expectClose } from '../expect-close.ts';

/**
 * The comparison of `simulate`'s results with a reference transcription's (reference-simulate.ts
 * for two-lever files, reference-channels.ts for the channel form), field by field, to the spec's
 * tolerance (top of the spec: 1e-9 relative to max(1, |value|); differences of runs relative to the
 * numbers they are differences of). Also records the worst relative error seen per field, so a test
 * can report it (`worstErrors`).
 */

/** Worst relative error seen per field since the last `resetWorstErrors`: |a − e| / max(1, |a|, |e|, scale). */
export const worstErrors = new Map<string, number>();

export function resetWorstErrors(): void {
  worstErrors.clear();
}

/** The worst errors as one line per field, largest first (for a test's log). */
export function describeWorstErrors(): string {
  return [...worstErrors.entries()].sort((a, b) => b[1] - a[1]).map(([field, error]) => `${field}: ${error.toExponential(2)}`).join('\n');
}

/** `expectClose`, recording the error; values within tolerance skip `expect` (thousands of calls per model add up). */
function close(actual: number | null, expected: number | null, field: string, label: string, scale = 0): void {
  if (actual !== null && expected !== null && Number.isFinite(actual) && Number.isFinite(expected)) {
    const error = Math.abs(actual - expected) / Math.max(1, Math.abs(actual), Math.abs(expected), Math.abs(scale));
    if (error > (worstErrors.get(field) ?? 0)) worstErrors.set(field, error);
    if (error <= RELATIVE_TOLERANCE) return;
  }
  expectClose(actual, expected, label, scale);
}

type ReferenceResult = { periods: Array<Record<string, any>>; summary: Record<string, any>; carryoverScale: number };

/**
 * Asserts that `actual` (from simulate) equals the reference's results for a model of
 * `horizonYears` years, with channels `channelNames` (upstream first, each side in file order).
 */
export function expectMatchesReference(actual: SimulationResult, expected: ReferenceResult, horizonYears: number, channelNames: readonly string[]): void {
  expect(actual.periods).toHaveLength(expected.periods.length);
  actual.periods.forEach((period, index) => {
    const reference = expected.periods[index];
    expect(Object.keys(period)).toEqual([...PERIOD_FIELDS, 'spend']);
    for (const field of PERIOD_FIELDS) {
      // Differences of larger numbers are judged against those numbers.
      const scale = field === 'profit' ? period.contribution + period.upstream + period.downstream
        : field.startsWith('revenue') ? period.revenue : 0;
      close(period[field] as number, reference[field], field, `period ${index + 1} ${field}`, scale);
    }
    // §9.4: spend by channel name, upstream channels first, each side in file order.
    expect(Object.keys(period.spend)).toEqual([...channelNames]);
    for (const name of channelNames) close(period.spend[name], reference.spend[name], 'spend (per period)', `period ${index + 1} spend.${name}`);
  });
  const summary = actual.summary;
  const reference = expected.summary;
  close(summary.totalSpend, reference.totalSpend, 'totalSpend', 'totalSpend');
  close(summary.totalRevenue, reference.totalRevenue, 'totalRevenue', 'totalRevenue');
  close(summary.finalEquity, reference.finalEquity, 'finalEquity', 'finalEquity');
  const profitScale = actual.periods.reduce((sum, period) => sum + Math.abs(period.contribution) + period.upstream + period.downstream, 0);
  close(summary.npv, reference.npv, 'npv', 'npv', profitScale);
  // The carryover is a difference of runs after the horizon: judged against their contributions
  // there (which fast growth can make far larger than the horizon's), as the spec's rule judges
  // differences of runs against the revenue they come from.
  const withCarryoverScale = profitScale + expected.carryoverScale;
  close(summary.carryoverValue, reference.carryoverValue, 'carryoverValue', 'carryoverValue', withCarryoverScale);
  close(summary.npvWithCarryover, reference.npvWithCarryover, 'npvWithCarryover', 'npvWithCarryover', withCarryoverScale);
  close(summary.incrementalNpv, reference.incrementalNpv, 'incrementalNpv', 'incrementalNpv', profitScale);
  close(summary.incrementalNpvWithCarryover, reference.incrementalNpvWithCarryover, 'incrementalNpvWithCarryover', 'incrementalNpvWithCarryover', withCarryoverScale);
  expectClose(summary.noSpendNpv + summary.incrementalNpv, summary.npv, 'noSpendNpv + incrementalNpv', profitScale);
  const roiScale = summary.totalSpend === 0 ? 0 : profitScale / summary.totalSpend;
  close(summary.roi, reference.roi, 'roi', 'roi', roiScale);
  const referenceByYear = reference.roiByYear as (number | null)[];
  expect(summary.roiByYear).toHaveLength(horizonYears);
  // Each year's ROI divides that year's difference of runs by that year's spend, which may be a
  // cent beside contributions of millions: its error is relative to the year's own scale.
  const periodsPerYear = actual.periods.length / horizonYears;
  summary.roiByYear.forEach((roi, year) => {
    const periods = actual.periods.slice(year * periodsPerYear, (year + 1) * periodsPerYear);
    const yearSpend = periods.reduce((sum, period) => sum + period.upstream + period.downstream, 0);
    const yearScale = periods.reduce((sum, period) => sum + Math.abs(period.contribution) + period.upstream + period.downstream, 0);
    close(roi, referenceByYear[year], 'roiByYear', `roiByYear[${year}]`, yearSpend === 0 ? 0 : yearScale / yearSpend);
  });
  expect(summary.paybackPeriod).toBe(reference.paybackPeriod);

  // §9.4: one entry per channel. incrementalRevenue and valueAdded are differences of runs: the
  // spec measures them against max(1, totalRevenue); valueAdded also subtracts the channel's spend
  // and adds the carryover, so it is judged against the profit's and the carryover's scale too.
  const channels = reference.channels as Array<Record<string, any>>;
  expect(summary.channels.map((channel) => channel.name)).toEqual([...channelNames]);
  expect(summary.channels).toHaveLength(channels.length);
  summary.channels.forEach((channel, index) => {
    const want = channels[index];
    const label = `channel ${channel.name}`;
    expect(Object.keys(channel)).toEqual(['name', 'side', 'spend', 'incrementalRevenue', 'roi', 'valueAdded']);
    expect(channel.name, label).toBe(want.name);
    expect(channel.side, label).toBe(want.side);
    close(channel.spend, want.spend, 'channel spend', `${label} spend`);
    close(channel.incrementalRevenue, want.incrementalRevenue, 'channel incrementalRevenue', `${label} incrementalRevenue`, summary.totalRevenue);
    const channelRoiScale = channel.spend === 0 ? 0 : profitScale / channel.spend;
    close(channel.roi, want.roi, 'channel roi', `${label} roi`, channelRoiScale);
    close(channel.valueAdded, want.valueAdded, 'channel valueAdded', `${label} valueAdded`, Math.max(summary.totalRevenue, withCarryoverScale));
  });
}

export { RELATIVE_TOLERANCE };
