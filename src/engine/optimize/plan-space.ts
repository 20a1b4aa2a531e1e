import type { CompiledModel } from '../sim/compile-model.ts';
import { type PlanChannel, hasChannelBounds } from './channel-bounds.ts';
import type { OptimizeSettings } from './optimize-options.ts';
import { type RowsObjective, createRowsObjective } from './plan-objective.ts';

/**
 * Everything a phasing needs to search for a plan: the model's periods and years, each year's
 * budget, the channels and their bounds, and the objective with its gradient over channel rows
 * (one row per channel, upstream channels first, index t − 1), each run counted. Every phasing,
 * robust ones included, searches a `PlanSpace`; only the objective differs.
 */
export interface PlanSpace {
  settings: OptimizeSettings;
  periodsPerYear: number;
  years: number;
  /** T = years · periodsPerYear. */
  periods: number;
  /** The budget of each year. */
  budgets: readonly number[];
  /** Each period's share of its year's budget if spread evenly: budget / periodsPerYear. */
  averagePeriodBudget: Float64Array;
  /** Σ budgets: the money scale of the problem (stopping tolerances are relative to it). */
  totalBudget: number;
  /** The channels in row order, with their bounds per year. */
  channels: readonly PlanChannel[];
  /** Channels 0 … upstreamCount − 1 are upstream, the rest downstream. */
  upstreamCount: number;
  channelCount: number;
  /** True when some channel has a bound that can act. */
  bounded: boolean;
  /**
   * Each channel's share of its side, to start from where a search needs one: the model's own
   * plan's over the horizon, or even within a side that the plan does not spend on.
   */
  withinSide: Float64Array;
  /** The objective for a plan; one run of the equations. */
  value(spend: readonly Float64Array[]): number;
  /** ∂objective/∂spend of every channel and period at the plan last scored; about one run. */
  gradient(out: Float64Array[]): void;
  /** Runs of the equations so far (a value is one, a gradient is counted as one more). */
  readonly runs: number;
  /**
   * How closely a search must settle, relative to the money at stake: 1e-10 for the objective
   * itself; looser for a statistic across draws, whose own sampling error is far larger.
   */
  tolerance: number;
}

/** What a plan space is built from besides the model, the budgets and the settings. */
export interface PlanSpaceParts {
  /** The channels with their bounds; default the model's channels, unbounded. */
  channels?: readonly PlanChannel[];
  /** What to maximise: default `settings.objective` at the model's own settings. */
  objective?: RowsObjective;
  /** See `PlanSpace.tolerance`; default 1e-10. */
  tolerance?: number;
  /** The model's own plan (rows), for `withinSide`. */
  ownPlan?: readonly Float64Array[];
}

/**
 * Sets up the search space for a compiled model with the given yearly budgets.
 * @param budgets one per year of the model's horizon, each ≥ 0
 */
export function createPlanSpace(model: CompiledModel, budgets: readonly number[], settings: OptimizeSettings, parts: PlanSpaceParts = {}): PlanSpace {
  const { periodsPerYear, periods } = model;
  const years = periods / periodsPerYear;
  if (budgets.length !== years) throw new RangeError(`need ${years} yearly budgets, got ${budgets.length}`);
  const averagePeriodBudget = new Float64Array(periods);
  for (let index = 0; index < periods; index += 1) averagePeriodBudget[index] = budgets[Math.floor(index / periodsPerYear)] / periodsPerYear;
  const upstreamCount = model.upstreamChannels.length;
  const channels = parts.channels ?? [
    ...model.upstreamChannels.map((channel) => ({ name: channel.name, side: 'upstream' as const, minPerYear: 0, maxPerYear: Infinity })),
    ...model.downstreamChannels.map((channel) => ({ name: channel.name, side: 'downstream' as const, minPerYear: 0, maxPerYear: Infinity })),
  ];
  const objective = parts.objective ?? createRowsObjective(model, settings.objective);
  return {
    settings,
    periodsPerYear,
    years,
    periods,
    budgets,
    averagePeriodBudget,
    totalBudget: budgets.reduce((sum, budget) => sum + budget, 0),
    channels,
    upstreamCount,
    channelCount: channels.length,
    bounded: hasChannelBounds(channels),
    withinSide: withinSideShares(upstreamCount, channels.length, parts.ownPlan),
    value: (spend) => objective.value(spend),
    gradient: (out) => objective.gradient(out),
    get runs() { return objective.runs; },
    tolerance: parts.tolerance ?? 1e-10,
  };
}

/** Each channel's share of its side's spend in `plan` (even where a side spends nothing). */
function withinSideShares(upstreamCount: number, channelCount: number, plan: readonly Float64Array[] | undefined): Float64Array {
  const shares = new Float64Array(channelCount);
  for (const [from, to] of [[0, upstreamCount], [upstreamCount, channelCount]]) {
    let side = 0;
    for (let channel = from; channel < to; channel += 1) {
      let total = 0;
      for (const spend of plan?.[channel] ?? []) total += spend;
      shares[channel] = total;
      side += total;
    }
    for (let channel = from; channel < to; channel += 1) shares[channel] = side > 0 ? shares[channel] / side : 1 / (to - from);
  }
  return shares;
}

/** The same space with another objective (e.g. a statistic's other search direction for one phasing). */
export function withObjective(space: PlanSpace, objective: RowsObjective): PlanSpace {
  return {
    ...space,
    value: (spend) => objective.value(spend),
    gradient: (out) => objective.gradient(out),
    get runs() { return objective.runs; },
  };
}

/** New rows of zeros, one per channel of the space. */
export function planRows(space: Pick<PlanSpace, 'channelCount' | 'periods'>): Float64Array[] {
  return Array.from({ length: space.channelCount }, () => new Float64Array(space.periods));
}

/** Copies of rows. */
export function copyRows(rows: readonly Float64Array[]): Float64Array[] {
  return rows.map((row) => Float64Array.from(row));
}

/**
 * Lower and upper bounds on each channel's share of a period's budget when the spend is spread
 * evenly over a year: minPerYear / budget and maxPerYear / budget (0 and Infinity for a year
 * with no budget, where nothing is spent anyway).
 */
export function yearShareBounds(space: PlanSpace, year: number): { lower: Float64Array; upper: Float64Array } {
  const budget = space.budgets[year];
  const lower = new Float64Array(space.channelCount);
  const upper = new Float64Array(space.channelCount);
  space.channels.forEach((channel, index) => {
    lower[index] = budget > 0 ? channel.minPerYear / budget : 0;
    upper[index] = budget > 0 ? channel.maxPerYear / budget : Infinity;
  });
  return { lower, upper };
}
