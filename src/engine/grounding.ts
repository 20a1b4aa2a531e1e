import { channelList, modelChannels } from './model/model-channels.ts';
import { type Model, isChannelModel } from './model/model.ts';
import { channelSpend } from './sim/plan-spend.ts';
import { simulate } from './sim/simulate.ts';
import { startingEquity } from './sim/starting-equity.ts';

/**
 * How a model compares with published evidence on how advertising works: five measures, each
 * defined here in model terms so that a preset can be checked against the ranges of
 * `EVIDENCE_RANGES` (src/engine/evidence-ranges.ts; docs/evidence.md shows both with sources).
 *
 * Every measure but the first perturbs the model's own spend path and compares runs of the same
 * equations (`simulate`), so they are properties of the model around its plan, the way the
 * studies measure campaigns around a brand's actual spend:
 *
 * - the spend path is the plan for t ≤ T, then what the carryover assumes after the horizon
 *   (`economics.carryoverBaseline`: the history's spend per period, or nothing), for a window of
 *   36 months (`WINDOW_MONTHS`, the long-term window of Profit Ability);
 * - a "small" change is 1 % of the plan's average spend per month (`SMALL_CHANGE`), small enough
 *   to measure the slope of the response, large enough to stay far above rounding error; it is
 *   split between channels as the plan's spend over the horizon is (one channel a side in a
 *   two-lever model);
 * - durations are counted in months and converted to whole periods with at least one period:
 *   3 months are 13 weeks, 3 months or 1 quarter; one month is 4 weeks, 1 month or 1 quarter;
 * - money is not discounted (the studies compare undiscounted incremental profit).
 */
export interface Grounding {
  /**
   * (a) Share of revenue over the horizon that marketing adds: 1 − Σ revenueBase / Σ revenue
   * (spec §7: the base is the run with no spend from t = 1, history and starting equity kept).
   * This is what a marketing-mix model reports as the media "contribution" or "due-to" share:
   * sales above the base that would have happened anyway this year. Typical results 5–30 %.
   */
  marketingShareOfRevenue: number;
  /**
   * (b) Long- to short-term return: the incremental contribution that a small pulse of spend in
   * the first month earns over 36 months, divided by what it earns within the first 3 months.
   * The pulse is split between the sides as the plan's spend over the horizon. Profit Ability
   * (Thinkbox, Ebiquity and Gain Theory 2017) counts the short term as the first 3 months after a
   * campaign and the long term as the 3 years after it ("a million in the first three months
   * becomes two million in three years", Gain Theory); Nielsen's multiplier (Wood & Poltrack,
   * JAR 2015) likewise compares total and short-term effects. Null when the pulse earns nothing
   * in its first 3 months.
   */
  longToShortRoiRatio: number | null;
  /**
   * (c) Months until brand effects show: the end of the first period in which a sustained small
   * step of upstream spend, from month 1, has reached half of the relative lift in revenue it
   * gives in month 60 (when it has built up). Binet & Field (The Long and the Short of It, IPA
   * 2013; Media in Focus, IPA 2017) find that brand-building effects take about six months to
   * emerge and then keep growing for years. Half of the built-up effect is the model's nearest
   * quantity: it depends only on how fast brand spend works (its short-term effect, the lag, the
   * equity half-life), not on how the budget is split, which is what each preset's lesson is about
   * (a crossover of brand and activation money, their other chart, moves with the split). The
   * lift is relative (ΔR / R) so that growth and seasonality, which scale revenue, do not move
   * it. Null when the step never lifts revenue.
   */
  monthsForBrandEffects: number | null;
  /**
   * (d) Long-term elasticity of revenue to total spend: the relative change in revenue over
   * months 25–36 (year 3) when every period's spend (both sides) rises 1 % from month 1, divided
   * by 1 %. This is the sustained change of Sethuraman, Tellis & Briesch (JMR 2011), whose
   * long-term elasticity is the total effect of a lasting change once carryover has built up;
   * year 3 is where a sustained change has mostly worked through for brand half-lives up to
   * about two years, and it averages over any seasonality.
   */
  longTermElasticity: number;
  /**
   * (d) Short-term elasticity: the relative change in the first month's revenue when only the
   * first month's spend rises 1 %, divided by 1 % (their "current-period" elasticity). For a
   * quarterly model the first month is the first quarter, as for quarterly data in the studies.
   */
  shortTermElasticity: number;
  /**
   * (e) Distance from equilibrium: the starting equity minus the equity the history's constant
   * spend would sustain (`startingEquity` with `initialEquity: "history"`). 0 means the
   * business-as-usual run neither builds nor loses equity; a positive gap is equity that decays
   * even if spend continues as before, and a negative one equity that builds without any change.
   */
  equityGapFromHistory: number;
}

/** The window of the long-term measures: 3 years, Profit Ability's long term. */
export const WINDOW_MONTHS = 36;
/** The month at which a sustained step of brand spend counts as built up (5 years). */
export const BUILT_UP_MONTHS = 60;
/** Profit Ability's short term: the first 3 months after the spend. */
export const SHORT_TERM_MONTHS = 3;
/** The relative size of the small changes (1 %). */
export const SMALL_CHANGE = 0.01;

/**
 * The five grounding measures of a validated model. Cost: a handful of simulations of 36 months.
 *
 * @param model a model returned by `parseModel` (budget or plan)
 * @throws Error when the plan spends nothing over the horizon (no small change can be sized)
 * @example grounding(parseModel(json)).marketingShareOfRevenue // 0.21
 */
export function grounding(model: Model): Grounding {
  const path = spendPath(model);
  const base = revenueAndContribution(model, path);
  return {
    marketingShareOfRevenue: marketingShareOfRevenue(model),
    longToShortRoiRatio: longToShortRoiRatio(model, path, base),
    monthsForBrandEffects: monthsForBrandEffects(model),
    longTermElasticity: longTermElasticity(model, path, base),
    shortTermElasticity: shortTermElasticity(model, path, base),
    equityGapFromHistory: equityGapFromHistory(model),
  };
}

/**
 * Spend per channel and period over the measurement window (one row per channel, upstream
 * channels first, as `channelSpend`): the plan, then the carryover's baseline.
 */
export type SpendPath = Float64Array[];

/** Periods in a duration of whole months, at least one (13 weeks for 3 months). */
export function periodsIn(model: Model, months: number): number {
  return Math.max(1, Math.round((months * model.periodsPerYear) / 12));
}

/**
 * The plan's spend for t ≤ T and, after the horizon, the spend the carryover assumes: the
 * history's per period with `carryoverBaseline: "history"`, else nothing (spec §6).
 */
export function spendPath(model: Model, months = WINDOW_MONTHS): SpendPath {
  const length = periodsIn(model, months);
  const plan = channelSpend(model);
  const periodsPerMonth = model.periodsPerYear / 12;
  const afterHorizon = model.economics.carryoverBaseline === 'history';
  return channelList(modelChannels(model)).map((channel, index) => {
    const row = new Float64Array(length);
    const planned = plan[index];
    for (let period = 0; period < length; period += 1) {
      if (period < planned.length) row[period] = planned[period];
      else if (afterHorizon) row[period] = channel.historyPerMonth / periodsPerMonth;
    }
    return row;
  });
}

interface Run {
  revenue: Float64Array;
  contribution: Float64Array;
}

/**
 * Revenue and contribution per period of the model run with the given spend over the window:
 * the same model, its plan replaced by this spend, horizon set to the window, no carryover.
 * The window is whole years (36 or 60 months), so demand (growth, seasonality) is the model's own.
 */
function revenueAndContribution(model: Model, spend: SpendPath): Run {
  // The plan in the model file's form: by channel name, or by side in a two-lever file.
  const names = channelList(modelChannels(model)).map((channel) => channel.name);
  const plan = isChannelModel(model)
    ? Object.fromEntries(names.map((name, index) => [name, Array.from(spend[index])]))
    : { upstream: Array.from(spend[0]), downstream: Array.from(spend[1]) };
  const measured = {
    ...model,
    horizonYears: spend[0].length / model.periodsPerYear,
    plan,
    economics: { ...model.economics, carryoverYears: 0 },
  } as Model;
  const { periods } = simulate(measured);
  return {
    revenue: Float64Array.from(periods, (period) => period.revenue),
    contribution: Float64Array.from(periods, (period) => period.contribution),
  };
}

function sum(values: Float64Array, from: number, to: number): number {
  let total = 0;
  for (let index = from; index < to; index += 1) total += values[index];
  return total;
}

/**
 * 1 % of the plan's average spend per period; each channel's share of the plan's spend; and each
 * upstream channel's share of the plan's upstream spend (even when the side spends nothing).
 */
function smallChange(model: Model): { perPeriod: number; shares: number[]; upstreamShares: number[] } {
  const plan = channelSpend(model);
  const upstreamCount = modelChannels(model).upstream.length;
  const totals = plan.map((row) => sum(row, 0, row.length));
  const total = totals.reduce((all, channel) => all + channel, 0);
  if (!(total > 0)) throw new Error('grounding requires a plan that spends something over the horizon');
  const upstreamTotal = totals.slice(0, upstreamCount).reduce((all, channel) => all + channel, 0);
  return {
    perPeriod: (SMALL_CHANGE * total) / plan[0].length,
    shares: totals.map((channel) => channel / total),
    upstreamShares: totals.slice(0, upstreamCount).map((channel) => (upstreamTotal > 0 ? channel / upstreamTotal : 1 / upstreamCount)),
  };
}

/** (a) 1 − Σ revenueBase / Σ revenue over the horizon. */
export function marketingShareOfRevenue(model: Model): number {
  const { periods } = simulate(model);
  let revenue = 0;
  let base = 0;
  for (const period of periods) {
    revenue += period.revenue;
    base += period.revenueBase;
  }
  return 1 - base / revenue;
}

/** (b) Incremental contribution of a first-month pulse over 36 months ÷ over the first 3 months. */
export function longToShortRoiRatio(model: Model, path = spendPath(model), base = revenueAndContribution(model, path)): number | null {
  const { perPeriod, shares } = smallChange(model);
  const pulsePeriods = periodsIn(model, 1);
  const pulsedPath = path.map((row, channel) => row.map((spend, index) => (index < pulsePeriods ? spend + perPeriod * shares[channel] : spend)));
  const pulsed = revenueAndContribution(model, pulsedPath);
  const shortEnd = periodsIn(model, SHORT_TERM_MONTHS);
  const longEnd = base.contribution.length;
  const shortTerm = sum(pulsed.contribution, 0, shortEnd) - sum(base.contribution, 0, shortEnd);
  const longTerm = sum(pulsed.contribution, 0, longEnd) - sum(base.contribution, 0, longEnd);
  return shortTerm > 0 ? longTerm / shortTerm : null;
}

/**
 * (c) Months until a sustained upstream step reaches half of its relative lift in month 60; the
 * step is split between upstream channels as the plan's upstream spend (evenly when there is
 * none). Null without upstream channels.
 */
export function monthsForBrandEffects(model: Model): number | null {
  const { perPeriod, upstreamShares } = smallChange(model);
  if (upstreamShares.length === 0) return null;
  const path = spendPath(model, BUILT_UP_MONTHS);
  const base = revenueAndContribution(model, path).revenue;
  const stepped = revenueAndContribution(model, path.map((row, channel) => (channel < upstreamShares.length ? row.map((spend) => spend + perPeriod * upstreamShares[channel]) : row))).revenue;
  const last = base.length - 1;
  const builtUp = stepped[last] / base[last] - 1;
  if (!(builtUp > 0)) return null;
  for (let index = 0; index <= last; index += 1) {
    if (stepped[index] / base[index] - 1 >= builtUp / 2) return ((index + 1) * 12) / model.periodsPerYear;
  }
  return null;
}

/** (d) Relative change in year-3 revenue per 1 % sustained rise in all spend. */
export function longTermElasticity(model: Model, path = spendPath(model), base = revenueAndContribution(model, path)): number {
  const raised = revenueAndContribution(model, path.map((row) => row.map((spend) => spend * (1 + SMALL_CHANGE))));
  const from = periodsIn(model, WINDOW_MONTHS - 12);
  const to = base.revenue.length;
  const before = sum(base.revenue, from, to);
  return (sum(raised.revenue, from, to) - before) / before / SMALL_CHANGE;
}

/** (d) Relative change in the first month's revenue per 1 % rise in the first month's spend. */
export function shortTermElasticity(model: Model, path = spendPath(model), base = revenueAndContribution(model, path)): number {
  const month = periodsIn(model, 1);
  const raised = revenueAndContribution(model, path.map((row) => row.map((spend, index) => (index < month ? spend * (1 + SMALL_CHANGE) : spend))));
  const before = sum(base.revenue, 0, month);
  return (sum(raised.revenue, 0, month) - before) / before / SMALL_CHANGE;
}

/** (e) Starting equity minus the equity the history sustains. */
export function equityGapFromHistory(model: Model): number {
  const implied = startingEquity({ ...model, brand: { ...model.brand, initialEquity: 'history' } });
  return startingEquity(model) - implied;
}

