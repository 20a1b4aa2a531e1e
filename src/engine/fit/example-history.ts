import { csvFormat, randomInt, randomLogNormal, randomNormal, randomUniform } from 'd3';
import { type Budget, type Model, isChannelModel } from '../model/model.ts';
import { channelList, modelChannels } from '../model/model-channels.ts';
import { setSetting, settingOf } from '../model/model-fields.ts';
import { parseModel } from '../model/parse-model.ts';
import { simulate } from '../sim/simulate.ts';
import { drawSource, pathKey } from '../uncertainty/draw-seed.ts';
import { drawValues, uncertainFields } from '../uncertainty/uncertain-fields.ts';
import type { FitMetrics } from './fit-result.ts';
import { fitMetrics } from './fit-metrics.ts';
import { SPEND_SHAPES, type SpendPattern } from './example-spend.ts';

/** How an example history is generated. */
export interface ExampleHistoryOptions {
  /** Whole number 0 … 2^53 − 1: the same seed gives the same history, to the cent. */
  seed: number;
  /** Whole years of weekly rows, 1 … 5 (2 or 3 is typical of what planners have). */
  years: number;
  /** Standard deviation of the noise on log revenue, ≥ 0 (0.03 … 0.08 is typical). */
  noise: number;
  /** ISO yyyy-mm-dd of the first week (a Monday, such as 2023-01-02, by convention). */
  startDate: string;
  /**
   * Draw the truth (default true): settings with a range in the start's `uncertainty` (except
   * economics, budget, shares and history), the demand scale, growth and seasonality. False
   * keeps the start's settings, so that the truth is the start run over the history.
   */
  drawTruth?: boolean;
  /** Add the price and promotion drivers (default true). */
  drivers?: boolean;
  /**
   * Upstream channels that run a season a year (sponsorship-like) rather than flights; by default
   * those whose name contains "sponsor".
   */
  seasonalChannels?: readonly string[];
  /** Rows at the end over which `noiseFloor` is measured (the fit's default holdout); default 13. */
  holdout?: number;
}

/** A driver's true effect on revenue. */
export interface ExampleDriver {
  /** As the fit names it: the column, and for a text column the value ("promotion=bundle"). */
  name: string;
  /**
   * Log effect: for price, γ per unit in exp(γ · (price − mean price)); for a promotion, log of
   * its multiplier against a week without one.
   */
  logEffect: number;
  /** exp(logEffect) − 1: the fraction revenue changes by (per unit of price, or in a promotion week). */
  effect: number;
}

/** An example history and everything that went into it. */
export interface ExampleHistory {
  /**
   * The true model (validated): the start with its drawn settings, `horizonYears` = years and
   * the history's spend as its `plan`, so that `simulate(truth)` gives `simulated`. It has no
   * `uncertainty`: nothing about it is unsure.
   */
  truth: Model;
  /** The history as CSV: date, revenue, one column per channel (named as the channel), price, promotion. */
  csv: string;
  rows: number;
  /** The first day of each week. */
  dates: string[];
  /** Revenue as written in the CSV (rounded to cents). */
  revenue: Float64Array;
  /** The truth's revenue for the history, `simulate(truth).periods[t].revenue`: no drivers, no noise. */
  simulated: Float64Array;
  /** The revenue the truth expects: `simulated` times the drivers' effects, without noise. */
  noiseless: Float64Array;
  /** Price per week as written (2 decimals); empty without drivers. */
  price: Float64Array;
  /** Mean of `price` over all rows: the centre of its effect. */
  priceMean: number;
  /** "none", "discount" or "bundle" per week; empty without drivers. */
  promotion: string[];
  /** The drivers' true effects (price, promotion=discount, promotion=bundle); empty without drivers. */
  drivers: ExampleDriver[];
  /**
   * The true value of each estimated quantity, by the fit's parameter paths (FitParameter.path):
   * each setting with a range in the start's `uncertainty` that the fit estimates,
   * "market.inMarketPerMonth", "market.growthPerYear", "seasonality.cos1" … "seasonality.sin2"
   * (when drawn; the terms of log seasonality with k = t − 1 counted from the first row) and
   * "noise.sigma".
   */
  trueValues: Record<string, number>;
  /**
   * The error of the true model, `noiseless` against `revenue`, over the last `holdout` rows:
   * the best a fit can do on the holdout. Null with holdout 0.
   */
  noiseFloor: (FitMetrics & { periods: number }) | null;
}

/** Weeks in a year: example histories are weekly. */
const WEEKS = 52;
/** Price about which the price driver moves. */
const PRICE_LEVEL = 10;
/** True drivers: −8 % per unit of price (log scale), +8 % in a discount week, +4 % in a bundle week. */
const PRICE_GAMMA = -0.08;
const PROMOTION_EFFECTS: readonly (readonly [string, number])[] = [['discount', 0.08], ['bundle', 0.04]];
/** lognormal(0, 0.2) on the demand level and N(0, 0.02) on growth per year. */
const DEMAND_SCALE_SIGMA = 0.2;
const GROWTH_SD = 0.02;
/** Amplitudes (log scale) of the first and second yearly harmonics of the true seasonality. */
const FIRST_HARMONIC: readonly [number, number] = [0.05, 0.12];
const SECOND_HARMONIC: readonly [number, number] = [0.03, 0.08];

/**
 * Simulates a weekly history of spend and revenue from a known channel model: the example data
 * of the README, the app's "Try with example data", the tests and the fit's quality checks.
 *
 * 1. The truth: the start with each setting that has a range in `uncertainty` drawn from it
 *    (seeded, as Monte Carlo draws them), except economics (never fitted), budget, shares and
 *    history (the plan and the past); the demand level times lognormal(0, 0.2) and growth plus
 *    N(0, 0.02) unless they have ranges of their own; seasonality exp(a₁ cos 2πk/52 + b₁ sin
 *    2πk/52 + a₂ cos 4πk/52 + b₂ sin 4πk/52), k = 0 … 51, with amplitudes 0.05–0.12 and 0.03–0.08.
 * 2. Spend per channel and week (example-spend.ts): upstream channels in flights, or through a
 *    season for sponsorship-like ones; downstream always on. Each averages the channel's planned
 *    spend per week in the start's first year (budget × side share × channel share / 52) and is
 *    rounded to cents, and that rounded spend is the truth's `plan`.
 * 3. Revenue: the truth run over the history (`simulate`), times exp(−0.08 · (price − mean
 *    price)) and 1.08 in discount weeks, 1.04 in bundle weeks, times exp(ε), ε ~ N(0, noise²).
 *
 * Every random number comes from its own seeded stream (`drawSource`), so a history is the same
 * on every machine, and changing one part (noise, drivers) leaves the others as they were.
 *
 * Cost: one `simulate` of the truth over the history, a few milliseconds.
 * @param start a validated weekly model (periodsPerYear 52) with a budget
 * @throws {RangeError} naming the option or the model field that is out of range
 * @throws {ModelError} if the truth drawn is not a valid model (a range in `uncertainty` that
 *   its fields' rules between them cannot take)
 * @example generateHistory(parseModel(json), { seed: 12, years: 3, noise: 0.05, startDate: '2023-01-02' }).csv
 */
export function generateHistory(start: Model, options: ExampleHistoryOptions): ExampleHistory {
  checkOptions(start, options);
  const { seed, years, noise } = options;
  const rows = years * WEEKS;
  const stream = (topic: string) => drawSource(seed, 0, pathKey(`example-history.${topic}`));
  const channels = channelList(modelChannels(start));

  const plannedPerWeek = plannedSpendPerWeek(start);
  const seasonal = options.seasonalChannels ?? channels.filter((channel) => channel.side === 'upstream' && /sponsor/i.test(channel.name)).map((channel) => channel.name);
  const plan: Record<string, number[]> = {};
  for (const channel of channels) {
    const pattern: SpendPattern = channel.side === 'downstream' ? 'always-on' : seasonal.includes(channel.name) ? 'seasonal' : 'flighted';
    const shape = SPEND_SHAPES[pattern](rows, stream(`spend.${channel.name}`));
    Object.defineProperty(plan, channel.name, {
      value: Array.from(shape, (value) => cents(value * plannedPerWeek[channel.name])), enumerable: true, writable: true, configurable: true,
    });
  }

  const { truth, trueValues } = truthFor(start, options, stream, plan);
  trueValues['noise.sigma'] = noise;
  const simulated = Float64Array.from(simulate(truth).periods, (period) => period.revenue);

  const withDrivers = options.drivers ?? true;
  const price = withDrivers ? priceSeries(rows, stream('price')) : new Float64Array(0);
  const promotion = withDrivers ? promotionSeries(rows, stream('promotion')) : [];
  const priceMean = price.length > 0 ? price.reduce((sum, value) => sum + value, 0) / price.length : 0;
  const promotionLog = new Map(PROMOTION_EFFECTS.map(([value, effect]) => [value, Math.log(1 + effect)]));
  const noiseless = new Float64Array(rows);
  const revenue = new Float64Array(rows);
  const epsilon = randomNormal.source(stream('noise'))(0, noise);
  for (let t = 0; t < rows; t += 1) {
    const driverLog = withDrivers ? PRICE_GAMMA * (price[t] - priceMean) + (promotionLog.get(promotion[t]) ?? 0) : 0;
    noiseless[t] = simulated[t] * Math.exp(driverLog);
    revenue[t] = cents(noise > 0 ? noiseless[t] * Math.exp(epsilon()) : noiseless[t]);
  }

  const dates = weeklyDates(options.startDate, rows);
  const columns = ['date', 'revenue', ...channels.map((channel) => channel.name), ...(withDrivers ? ['price', 'promotion'] : [])];
  const csv = csvFormat(dates.map((date, t) => {
    const row: Record<string, string> = Object.create(null);
    row.date = date;
    row.revenue = revenue[t].toFixed(2);
    for (const channel of channels) row[channel.name] = plan[channel.name][t].toFixed(2);
    if (withDrivers) {
      row.price = price[t].toFixed(2);
      row.promotion = promotion[t];
    }
    return row;
  }), columns);

  const holdout = Math.min(options.holdout ?? 13, rows);
  const drivers: ExampleDriver[] = withDrivers
    ? [{ name: 'price', logEffect: PRICE_GAMMA, effect: Math.expm1(PRICE_GAMMA) },
      ...PROMOTION_EFFECTS.map(([value, effect]) => ({ name: `promotion=${value}`, logEffect: Math.log(1 + effect), effect }))]
    : [];
  return {
    truth, csv, rows, dates, revenue, simulated, noiseless, price, priceMean, promotion, drivers, trueValues,
    noiseFloor: holdout > 0 ? { periods: holdout, ...fitMetrics(revenue.subarray(rows - holdout), noiseless.subarray(rows - holdout)) } : null,
  };
}

/** Settings never drawn for the truth: economics is never fitted; budget, shares and history are the plan and the past. */
function isDrawn(path: string): boolean {
  return !/^(economics|budget|history)\./.test(path) && !/\.(share|historyPerMonth)$/.test(path);
}

/** The true model and the true values of what the fit estimates (see `generateHistory`, step 1). */
function truthFor(
  start: Model, options: ExampleHistoryOptions, stream: (topic: string) => () => number, plan: Record<string, number[]>,
): { truth: Model; trueValues: Record<string, number> } {
  const draft = JSON.parse(JSON.stringify(start)) as Model & { uncertainty?: unknown; lesson?: unknown; posterior?: unknown; $schema?: unknown };
  const ranged = Object.keys(start.uncertainty ?? {}).filter(isDrawn);
  const trueValues: Record<string, number> = Object.create(null);
  if (options.drawTruth ?? true) {
    const fields = uncertainFields(start);
    const values = new Float64Array(fields.length);
    drawValues(fields, options.seed, 0, values);
    fields.forEach((field, index) => { if (isDrawn(field.path)) setSetting(draft, field.path, values[index]); });
    if (!ranged.includes('market.inMarketPerMonth')) draft.market.inMarketPerMonth *= randomLogNormal.source(stream('demand'))(0, DEMAND_SCALE_SIGMA)();
    if (!ranged.includes('market.growthPerYear')) draft.market.growthPerYear += randomNormal.source(stream('growth'))(0, GROWTH_SD)();
    const uniform = randomUniform.source(stream('seasonality'));
    const first = uniform(...FIRST_HARMONIC)();
    const second = uniform(...SECOND_HARMONIC)();
    const [phase1, phase2] = [uniform(0, 2 * Math.PI)(), uniform(0, 2 * Math.PI)()];
    const terms = { cos1: first * Math.cos(phase1), sin1: first * Math.sin(phase1), cos2: second * Math.cos(phase2), sin2: second * Math.sin(phase2) };
    draft.market.seasonality = Array.from({ length: WEEKS }, (_, k) => {
      const angle = (2 * Math.PI * k) / WEEKS;
      return Math.exp(terms.cos1 * Math.cos(angle) + terms.sin1 * Math.sin(angle) + terms.cos2 * Math.cos(2 * angle) + terms.sin2 * Math.sin(2 * angle));
    });
    for (const [name, value] of Object.entries(terms)) trueValues[`seasonality.${name}`] = value;
  }
  delete draft.uncertainty;
  delete draft.lesson;
  delete draft.posterior;
  delete draft.$schema;
  draft.name = `Truth behind an example history (seed ${options.seed})`;
  draft.description = `The model an example history was simulated from (generateHistory: seed ${options.seed}, ${options.years} years weekly from ${options.startDate}, noise ${options.noise}), with that history's spend as its plan. Compare a model fitted to the history with its settings.`;
  draft.horizonYears = options.years;
  if (draft.budget !== undefined) draft.budget = firstYearBudget(draft.budget);
  for (const channel of Object.values(isChannelModel(draft) ? { ...draft.upstream.channels, ...draft.downstream.channels } : {})) {
    if (Array.isArray(channel.share)) channel.share = channel.share[0];
  }
  (draft as { plan?: unknown }).plan = plan;
  const truth = parseModel(draft);
  for (const path of ranged) trueValues[path] = settingOf(truth, path);
  trueValues['market.inMarketPerMonth'] = truth.market.inMarketPerMonth;
  trueValues['market.growthPerYear'] = truth.market.growthPerYear;
  return { truth, trueValues };
}

/** The budget of the start's first year, as one amount and share for every year of the history. */
function firstYearBudget(budget: Budget): { perYear: number; upstreamShare: number } {
  const first = (value: number | number[]) => (Array.isArray(value) ? value[0] : value);
  return { perYear: first(budget.perYear), upstreamShare: first(budget.upstreamShare) };
}

/** Each channel's planned spend per week in the start's first year: budget × side share × channel share / 52. */
function plannedSpendPerWeek(start: Model): Record<string, number> {
  if (start.budget === undefined) throw new RangeError('generateHistory: the starting model needs a budget (budget.perYear and budget.upstreamShare) to size the spend around');
  const { perYear, upstreamShare } = firstYearBudget(start.budget);
  const planned: Record<string, number> = Object.create(null);
  for (const channel of channelList(modelChannels(start))) {
    const share = channel.share === undefined ? 0 : typeof channel.share === 'number' ? channel.share : channel.share[0];
    const sideShare = channel.side === 'upstream' ? upstreamShare : 1 - upstreamShare;
    planned[channel.name] = (perYear * sideShare * share) / WEEKS;
  }
  return planned;
}

/**
 * Price per week, 2 decimals: about 10, drifting slowly (an AR(1) in log terms, correlation 0.97
 * from week to week, sd 0.04) with occasional cuts (5 % of weeks start one: 10–20 % off for
 * 1–3 weeks).
 */
function priceSeries(rows: number, random: () => number): Float64Array {
  const uniform = randomUniform.source(random);
  const innovation = randomNormal.source(random)(0, 0.04 * Math.sqrt(1 - 0.97 * 0.97));
  const cutLength = randomInt.source(random)(1, 4);
  const cutDepth = uniform(0.1, 0.2);
  const chance = uniform();
  const price = new Float64Array(rows);
  let drift = 0;
  let cutWeeksLeft = 0;
  let cut = 0;
  for (let t = 0; t < rows; t += 1) {
    drift = 0.97 * drift + innovation();
    if (cutWeeksLeft === 0 && chance() < 0.05) {
      cutWeeksLeft = cutLength();
      cut = cutDepth();
    }
    const factor = cutWeeksLeft > 0 ? 1 - cut : 1;
    if (cutWeeksLeft > 0) cutWeeksLeft -= 1;
    price[t] = cents(PRICE_LEVEL * Math.exp(drift) * factor);
  }
  return price;
}

/** Promotion per week: "discount" in about 8 % of weeks, "bundle" in about 6 %, "none" otherwise. */
function promotionSeries(rows: number, random: () => number): string[] {
  return Array.from({ length: rows }, () => {
    const u = random();
    return u < 0.08 ? 'discount' : u < 0.14 ? 'bundle' : 'none';
  });
}

/** `count` ISO dates a week apart from `startDate` (UTC, so no daylight saving shift). */
function weeklyDates(startDate: string, count: number): string[] {
  const first = Date.parse(`${startDate}T00:00:00Z`);
  return Array.from({ length: count }, (_, week) => new Date(first + week * 7 * 86_400_000).toISOString().slice(0, 10));
}

/** Rounded to the cent, as the CSV writes money. */
function cents(value: number): number {
  return Math.round(value * 100) / 100;
}

function checkOptions(start: Model, options: ExampleHistoryOptions): void {
  const { seed, years, noise, startDate, holdout } = options;
  if (start.periodsPerYear !== WEEKS) throw new RangeError(`generateHistory: the starting model must be weekly (periodsPerYear 52), got periodsPerYear ${start.periodsPerYear}`);
  if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`generateHistory: seed must be a whole number from 0 to 2^53 − 1, got ${seed}`);
  if (!Number.isInteger(years) || years < 1 || years > 5) throw new RangeError(`generateHistory: years must be a whole number from 1 to 5, got ${years}`);
  if (!Number.isFinite(noise) || noise < 0) throw new RangeError(`generateHistory: noise must be a finite number ≥ 0 (the sd of log revenue), got ${noise}`);
  if (holdout !== undefined && (!Number.isInteger(holdout) || holdout < 0)) throw new RangeError(`generateHistory: holdout must be a whole number ≥ 0, got ${holdout}`);
  const upstream = new Set(modelChannels(start).upstream.map((channel) => channel.name));
  for (const name of options.seasonalChannels ?? []) {
    if (!upstream.has(name)) throw new RangeError(`generateHistory: seasonalChannels names "${name}", which is not an upstream channel of the model`);
  }
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(startDate) ? new Date(`${startDate}T00:00:00Z`) : undefined;
  if (parsed === undefined || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== startDate) {
    throw new RangeError(`generateHistory: startDate must be an ISO date yyyy-mm-dd, got "${startDate}"`);
  }
}
