/**
 * The fit's quality checks (issue 12, "Quality and speed"), over many seeded example histories:
 *
 *   npm run quality:fit                      40 seeds (1 … 40), two processes
 *   npm run quality:fit -- --seeds 10 --first 101 --jobs 1
 *   npm run quality:fit -- --json            the per-seed rows and the summary as JSON
 *   npm run quality:fit -- --years 5 --noise 0.01   every seed with these instead
 *   npm run quality:fit -- --robust 200      also the plan best on average over 200 posterior
 *                                            draws of the fitted model (slow: seconds per seed)
 *   npm run quality:fit -- --attribute       also which settings the planning loss comes from: each
 *                                            group (brand, upstream, downstream, market) set to the
 *                                            truth's in the fitted model, and to the fit's in the truth
 *   npm run quality:fit -- --overconfident 2 the truth drawn from the start's ranges made 2 times as
 *                                            wide, while the fit's priors stay the start's: starting
 *                                            guesses twice as sure of themselves as they should be
 *
 * Per seed: a weekly history from models/examples/consumer-weekly.json (generateHistory: years
 * alternating 3 and 2, noise drawn uniformly from 0.03 … 0.08, flighted brand media, a seasonal
 * sponsorship, always-on downstream, a price driver and promotions), read as a CSV and fitted
 * with the default holdout (13 weeks). Then:
 *
 * 1. Holdout error against the noise floor: the fit's holdout NRMSE and MAPE over the true
 *    model's on the same rows (noiseless revenue against the actuals); 1 is the best a fit can do
 *    on average (a ratio below 1 happens by chance on 13 rows).
 * 2. Coverage: whether each reported 90 % interval contains the truth: the settings with ranges,
 *    the market size at the history's first row, growth, the drivers' effects (the "core"
 *    parameters), and apart from them the seasonal terms and σ; the prior's 90 % range likewise.
 *    Also z = (truth − mode) / sd on the parameter's normal scale (sd from the interval's width):
 *    its mean shows bias, its root mean square calibration (1 if the intervals are right).
 * 3. Best upstream share (optimize, constant phasing, npvWithCarryover) of the truth, the
 *    fitted model and the starting model.
 * 4. Planning loss: the plan optimal under the fitted model, and under the starting model,
 *    scored under the truth, short of the truth's own optimum, as % of that optimum and as % of
 *    the marketing's value in it (its incrementalNpvWithCarryover). With --robust, also the plan
 *    that maximises the mean across the fitted model's posterior (optimize's `robust`), as the
 *    issue asks plans on a fitted model to be judged.
 *
 * The truth plans forward by the same rules as the fitted model: its forward model is built by
 * `fittedModel` itself (fitted-model.ts) from the truth's values instead of the posterior mode:
 * the truth's settings, its equity at the history's last row (the history run at the truth's
 * settings), its market size grown to the period after the last row, its growth and seasonality
 * continued, and each channel's spend before the horizon the same last-two-months average.
 * Budget, horizon and economics are the starting model's for all three. The starting model
 * plans from its own starting state (as a planner without the fit would); its plan is scored
 * under the truth's forward model. The script checks, per seed, that the history run at the
 * truth's values plus its market terms reproduces the generator's revenue (`truth check`).
 *
 * Not part of `npm test`: it takes minutes, and its figures are measurements, not pass/fail.
 */
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { setSetting, settingOf } from '../src/engine/model/model-fields.ts';
import { randomUniform } from 'd3';
import type { Model } from '../src/engine/model/model.ts';
import { toNormalScale } from '../src/engine/model/normal-scale.ts';
import { parseModel } from '../src/engine/model/parse-model.ts';
import { optimize } from '../src/engine/optimize/optimize.ts';
import { simulate } from '../src/engine/sim/simulate.ts';
import { generateHistory } from '../src/engine/fit/example-history.ts';
import { fitHistory } from '../src/engine/fit/fit-history.ts';
import type { FitResult } from '../src/engine/fit/fit-result.ts';
import { type FittedSetting, Z90, fittedSettings, settingValue } from '../src/engine/fit/fit-settings.ts';
import { fittedModel } from '../src/engine/fit/fitted-model.ts';
import { createHistoryRun } from '../src/engine/fit/history-run.ts';
import type { HistoryTable } from '../src/engine/fit/history-table.ts';
import { estimatesSeasonality, linearTerms } from '../src/engine/fit/linear-terms.ts';
import { readHistory } from '../src/engine/fit/read-history.ts';
import { drawSource, pathKey } from '../src/engine/uncertainty/draw-seed.ts';

const START_FILE = new URL('../models/examples/consumer-weekly.json', import.meta.url);
const NOISE_RANGE: readonly [number, number] = [0.03, 0.08];
const START_DATE = '2023-01-02';

/** One parameter's check in one seed. */
interface ParameterCheck {
  path: string;
  group: 'core' | 'seasonality' | 'noise';
  truth: number;
  value: number;
  covered: boolean;
  /** Null where the fit reports no prior (drivers, σ). */
  priorCovered: boolean | null;
  /** (truth − mode) / sd on the normal scale. */
  z: number;
  /** mode − truth on the normal scale (for a log-scale setting, log(mode ÷ truth)). */
  error: number;
  /** The interval's width over the prior's, on the normal scale (how much the history taught); null without a prior. */
  narrowing: number | null;
}

/** How the histories are made and what is measured besides the defaults. */
interface QualityOptions {
  /** Every seed with this many years, instead of 3 and 2 alternating. */
  years?: number;
  /** Every seed with this noise, instead of one drawn from NOISE_RANGE. */
  noise?: number;
  /** Posterior draws for the robust plan; 0 for none. */
  robustDraws: number;
  /** Also attribute the planning loss to groups of settings (`attributeLoss`). */
  attribute?: boolean;
  /**
   * Draw the truth from the start's ranges widened this many times (1: the ranges themselves, so
   * that the truth is drawn from the fit's own priors). Above 1 the start's guesses, and the
   * priors the fit takes from them, are surer than they should be, as elicited guesses usually are.
   */
  overconfident: number;
}

/** What one seed measured. */
interface SeedRow {
  seed: number;
  years: number;
  noise: number;
  holdoutNrmse: number;
  floorNrmse: number;
  holdoutMape: number;
  floorMape: number;
  checks: ParameterCheck[];
  share: { truth: number; fitted: number; start: number };
  /** Objective (npvWithCarryover) under the truth's forward model of each plan. */
  value: { truth: number; fitted: number; start: number };
  /** Shortfall against the truth's optimum, as a fraction of it. */
  loss: { fitted: number; start: number };
  /**
   * The same shortfall as a fraction of the marketing's own value in the truth's optimum
   * (its incrementalNpvWithCarryover): npvWithCarryover also counts what the business earns
   * with no marketing, which no plan changes.
   */
  lossOfMarketingValue: { fitted: number; start: number };
  /** With --robust: the best share and the losses of the plan best on average over the fitted posterior. */
  robust?: { share: number; loss: number; lossOfMarketingValue: number };
  /** With --attribute: per group of settings, the planning loss (fraction of the optimum) of the mixes `attributeLoss` plans with. */
  attribution?: Record<string, { fittedWithTruth: number; truthWithFitted: number }>;
  fitMs: number;
  seedMs: number;
  /** Largest |Δ log revenue| between the truth rebuilt from its values and the generator's run. */
  truthCheck: number;
  warnings: string[];
}

function readStart(): Model {
  return parseModel(JSON.parse(readFileSync(START_FILE, 'utf8')));
}

/** Years alternate 3, 2, 3 …; noise from its own hashed stream of the seed (a bare LCG's first number barely moves with the seed). */
function historyOptions(seed: number, options: QualityOptions): { years: number; noise: number } {
  const noise = options.noise ?? randomUniform.source(drawSource(seed, 0, pathKey('fit-quality.noise')))(...NOISE_RANGE)();
  return { years: options.years ?? (seed % 2 === 1 ? 3 : 2), noise };
}

/**
 * The start with every range's spread (a lognormal's sigma, a normal's sd) times `factor`, to
 * draw the truth from: the same medians, so the guesses stay unbiased, only surer than they should be.
 */
export function widenedRanges(start: Model, factor: number): Model {
  if (factor === 1) return start;
  const copy = JSON.parse(JSON.stringify(start)) as Model;
  for (const [path, range] of Object.entries(copy.uncertainty ?? {})) {
    const spread = range as { dist: string; sigma?: number; sd?: number };
    if (spread.dist === 'lognormal') spread.sigma! *= factor;
    else if (spread.dist === 'normal') spread.sd! *= factor;
    else throw new RangeError(`--overconfident widens lognormal and normal ranges only; ${path} is ${spread.dist}`);
  }
  return parseModel(copy);
}

/** Every check of one seed. */
export function checkSeed(start: Model, seed: number, options: QualityOptions): SeedRow {
  const began = performance.now();
  const { years, noise } = historyOptions(seed, options);
  const example = generateHistory(widenedRanges(start, options.overconfident), { seed, years, noise, startDate: START_DATE });
  const history = readHistory(example.csv, start);
  const result = fitHistory(history, start, { source: `seed ${seed}` });
  const settings = fittedSettings(start);
  const checks = parameterChecks(result, settings, example.trueValues, example.drivers);

  const { model: truthForward, check } = truthForwardModel(start, history, settings, example.trueValues, example.simulated);
  const objectiveOf = (plan: unknown) => simulate(parseModel({ ...JSON.parse(JSON.stringify(truthForward)), plan })).summary.npvWithCarryover;
  const best = (model: Model) => optimize(model, { phasing: 'constant', objective: 'npvWithCarryover' });
  const truthBest = best(truthForward);
  const fittedBest = best(result.model);
  const startBest = best(start);
  const value = { truth: truthBest.value, fitted: objectiveOf(fittedBest.plan), start: objectiveOf(startBest.plan) };
  const marketingValue = truthBest.summary.incrementalNpvWithCarryover;
  const holdout = result.fit.holdout;
  const floor = example.noiseFloor;
  if (holdout === null || floor === null) throw new Error(`seed ${seed}: no holdout`);
  let robust: SeedRow['robust'];
  if (options.robustDraws > 0) {
    const plan = optimize(result.model, { phasing: 'constant', objective: 'npvWithCarryover', robust: { statistic: 'mean', draws: options.robustDraws, seed } });
    const shortfall = value.truth - objectiveOf(plan.plan);
    robust = { share: plan.upstreamShareByYear[0] ?? Number.NaN, loss: shortfall / Math.abs(value.truth), lossOfMarketingValue: shortfall / Math.abs(marketingValue) };
  }
  const attribution = options.attribute === true
    ? attributeLoss(result.model, truthForward, settings, (model) => (value.truth - objectiveOf(best(model).plan)) / Math.abs(value.truth))
    : undefined;
  return {
    seed, years, noise,
    holdoutNrmse: holdout.nrmse, floorNrmse: floor.nrmse, holdoutMape: holdout.mape, floorMape: floor.mape,
    checks,
    share: { truth: truthBest.upstreamShareByYear[0] ?? Number.NaN, fitted: fittedBest.upstreamShareByYear[0] ?? Number.NaN, start: startBest.upstreamShareByYear[0] ?? Number.NaN },
    value,
    loss: { fitted: (value.truth - value.fitted) / Math.abs(value.truth), start: (value.truth - value.start) / Math.abs(value.truth) },
    lossOfMarketingValue: { fitted: (value.truth - value.fitted) / Math.abs(marketingValue), start: (value.truth - value.start) / Math.abs(marketingValue) },
    fitMs: result.ms,
    seedMs: performance.now() - began,
    truthCheck: check,
    warnings: result.warnings.map((warning) => warning.code),
    ...(robust === undefined ? {} : { robust }),
    ...(attribution === undefined ? {} : { attribution }),
  };
}

/**
 * Which settings the planning loss comes from (--attribute): for each group (the brand's, the
 * upstream channels', the downstream channels', the market's size and growth), the loss of
 * planning with the fitted model with that group set to the truth's values, and with the truth
 * with that group set to the fit's. A group whose errors matter shows a small first number and a
 * large second one. Both models plan forward from the end of the history (`truthForwardModel`).
 */
function attributeLoss(fitted: Model, truth: Model, settings: readonly FittedSetting[], lossOf: (model: Model) => number): SeedRow['attribution'] {
  const paths = settings.map((setting) => setting.path);
  const groups: Record<string, string[]> = {
    brand: [...paths.filter((path) => path.startsWith('brand.')), 'brand.initialEquity'],
    upstream: paths.filter((path) => path.startsWith('upstream.')),
    downstream: paths.filter((path) => path.startsWith('downstream.')),
    market: ['market.inMarketPerMonth', 'market.growthPerYear'],
  };
  // A copy of `base` with `donor`'s values at `group`; planned at its values, so without ranges or posterior.
  const mixed = (base: Model, donor: Model, group: readonly string[]) => {
    const json = JSON.parse(JSON.stringify(base)) as Model;
    delete json.uncertainty;
    delete json.posterior;
    for (const path of group) setSetting(json, path, settingOf(donor, path));
    return parseModel(json);
  };
  return Object.fromEntries(Object.entries(groups).filter(([, group]) => group.length > 0).map(([name, group]) => [name, {
    fittedWithTruth: lossOf(mixed(fitted, truth, group)),
    truthWithFitted: lossOf(mixed(truth, fitted, group)),
  }]));
}

/**
 * Each reported parameter that has a true value, with whether its interval and its prior's cover
 * it, and its z on the normal scale (settings: their own; market size, σ: log; growth, drivers:
 * log(1 + x); seasonal terms: as they are).
 */
function parameterChecks(result: FitResult, settings: readonly FittedSetting[], trueValues: Record<string, number>, drivers: readonly { name: string; effect: number }[]): ParameterCheck[] {
  const byPath = new Map(settings.map((setting) => [setting.path, setting]));
  const scaleOf = (path: string): ((x: number) => number) => {
    const setting = byPath.get(path);
    if (setting !== undefined) return (x) => toNormalScale(x, setting.range);
    if (path === 'market.inMarketPerMonth' || path === 'noise.sigma') return Math.log;
    if (path === 'market.growthPerYear') return Math.log1p;
    return (x) => x;
  };
  const check = (path: string, truth: number, value: number, lower: number, upper: number, prior: { lower: number; upper: number } | null): ParameterCheck => {
    const g = scaleOf(path);
    const sd = (g(upper) - g(lower)) / (2 * Z90);
    const group = path.startsWith('seasonality.') ? 'seasonality' : path === 'noise.sigma' ? 'noise' : 'core';
    return {
      path, group, truth, value, covered: lower <= truth && truth <= upper,
      priorCovered: prior === null ? null : prior.lower <= truth && truth <= prior.upper,
      z: (g(truth) - g(value)) / sd,
      error: g(value) - g(truth),
      narrowing: prior === null ? null : (g(upper) - g(lower)) / (g(prior.upper) - g(prior.lower)),
    };
  };
  const out: ParameterCheck[] = [];
  for (const parameter of result.parameters) {
    // The truth has two seasonal harmonics; a third that the fit estimates is truly 0.
    const truth = trueValues[parameter.path] ?? (parameter.path.startsWith('seasonality.') ? 0 : undefined);
    if (truth === undefined) continue;
    out.push(check(parameter.path, truth, parameter.value, parameter.lower, parameter.upper, parameter.prior));
  }
  for (const driver of result.drivers) {
    const truth = drivers.find((candidate) => candidate.name === driver.name);
    if (truth !== undefined) out.push(check(driver.name, truth.effect, driver.effect, driver.lower, driver.upper, null));
  }
  return out;
}

/**
 * The truth planning forward from the end of the history, built by `fittedModel` from the
 * truth's values in place of the posterior mode (see the file's header). Also the largest
 * |Δ log revenue| between the history run at those values plus the market terms and the
 * generator's own run of the truth, which should be rounding.
 */
export function truthForwardModel(
  start: Model, history: HistoryTable, settings: readonly FittedSetting[], trueValues: Record<string, number>, simulated: Float64Array,
): { model: Model; check: number } {
  const periods = history.dates.length;
  const terms = linearTerms(history, periods, { startGrowth: start.market.growthPerYear });
  const y = new Float64Array(settings.length + terms.length);
  settings.forEach((setting, index) => {
    const truth = trueValues[setting.path];
    if (truth === undefined) throw new Error(`the generator gave no true value of ${setting.path}`);
    y[index] = toNormalScale(truth, setting.range);
  });
  terms.forEach((term, index) => {
    const k = settings.length + index;
    if (term.kind === 'scale') y[k] = Math.log(trueValues['market.inMarketPerMonth'] / start.market.inMarketPerMonth);
    else if (term.kind === 'growth') y[k] = Math.log1p(trueValues['market.growthPerYear']);
    else if (term.kind === 'seasonality') y[k] = trueValues[term.name] ?? 0;
  });

  const run = createHistoryRun(start, history, settings.map((setting) => setting.path));
  const logRevenue = new Float64Array(periods);
  run.logRevenue(Float64Array.from(settings, (setting, index) => settingValue(setting, y[index])), logRevenue);
  let check = 0;
  for (let t = 0; t < periods; t += 1) {
    let log = logRevenue[t];
    terms.forEach((term, index) => { if (term.column === undefined) log += y[settings.length + index] * term.values[t]; });
    check = Math.max(check, Math.abs(log - Math.log(simulated[t])));
  }

  const unknowns = y.length;
  const covariance = Array.from({ length: unknowns }, (_, row) => Array.from({ length: unknowns }, (_, column) => (row === column ? 1e-12 : 0)));
  const model = fittedModel({
    start, history, settings, terms, y, covariance,
    finalEquity: run.trace.equity[periods - 1], finalEquityGradient: new Float64Array(unknowns),
    seasonalityEstimated: estimatesSeasonality(history), source: 'truth',
  });
  // Nothing about the truth is unsure: plan at its values.
  delete model.uncertainty;
  delete model.posterior;
  return { model, check };
}

// ---------------------------------------------------------------------------------------------
// The summary

function median(values: readonly number[]): number {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function quantile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * p;
  const low = Math.floor(position);
  return sorted[low] + (sorted[Math.min(low + 1, sorted.length - 1)] - sorted[low]) * (position - low);
}

const percent = (value: number, digits = 1) => `${(100 * value).toFixed(digits)} %`;
const fixed = (value: number, digits = 2) => value.toFixed(digits);
const pad = (text: string, width: number) => (text.length >= width ? text : ' '.repeat(width - text.length) + text);

function table(header: readonly string[], rows: readonly (readonly string[])[], leftColumns = 1): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (row: readonly string[]) => row.map((cell, column) => (column < leftColumns ? cell.padEnd(widths[column]) : pad(cell, widths[column]))).join('  ');
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

function seedTable(rows: readonly SeedRow[]): string {
  return table(
    ['seed', 'yrs', 'noise', 'NRMSE fit/floor', 'MAPE fit/floor', 'covered', 'share truth', 'fit', 'start', 'loss fit', 'loss start', 'fit s', 'truth check',
      ...(rows[0]?.robust === undefined ? [] : ['robust share', 'robust loss'])],
    rows.map((row) => {
      const core = row.checks.filter((check) => check.group === 'core');
      const robust = row.robust === undefined ? [] : [fixed(row.robust.share, 3), percent(row.robust.loss, 2)];
      return [
        String(row.seed), String(row.years), fixed(row.noise, 3),
        `${fixed(row.holdoutNrmse, 3)}/${fixed(row.floorNrmse, 3)}=${fixed(row.holdoutNrmse / row.floorNrmse)}`,
        `${percent(row.holdoutMape, 2)}/${percent(row.floorMape, 2)}=${fixed(row.holdoutMape / row.floorMape)}`,
        `${core.filter((check) => check.covered).length}/${core.length}`,
        fixed(row.share.truth, 3), fixed(row.share.fitted, 3), fixed(row.share.start, 3),
        percent(row.loss.fitted, 2), percent(row.loss.start, 2), fixed(row.fitMs / 1000), row.truthCheck.toExponential(0), ...robust,
      ];
    }),
    0,
  );
}

function coverageTable(rows: readonly SeedRow[]): string {
  const paths = [...new Set(rows.flatMap((row) => row.checks.map((check) => check.path)))];
  const body = paths.map((path) => {
    const checks = rows.flatMap((row) => row.checks.filter((check) => check.path === path));
    const priors = checks.filter((check) => check.priorCovered !== null);
    const zs = checks.map((check) => check.z);
    const rms = Math.sqrt(mean(zs.map((z) => z * z)));
    const errors = checks.map((check) => check.error);
    const narrowing = checks.flatMap((check) => (check.narrowing === null ? [] : [check.narrowing]));
    return [
      path, String(checks.length), percent(mean(checks.map((check) => (check.covered ? 1 : 0))), 0),
      priors.length === 0 ? '–' : percent(mean(priors.map((check) => (check.priorCovered ? 1 : 0))), 0),
      fixed(mean(zs)), fixed(rms), fixed(median(errors), 3), fixed(Math.sqrt(mean(errors.map((e) => e * e))), 3),
      narrowing.length === 0 ? '–' : fixed(median(narrowing)),
    ];
  });
  const group = (name: string, belongs: (check: ParameterCheck) => boolean) => {
    const checks = rows.flatMap((row) => row.checks.filter(belongs));
    const priors = checks.filter((check) => check.priorCovered !== null);
    return [
      `ALL ${name}`, String(checks.length), percent(mean(checks.map((check) => (check.covered ? 1 : 0))), 1),
      priors.length === 0 ? '–' : percent(mean(priors.map((check) => (check.priorCovered ? 1 : 0))), 1),
      fixed(mean(checks.map((check) => check.z))), fixed(Math.sqrt(mean(checks.map((check) => check.z * check.z)))), '', '', '',
    ];
  };
  // The core split three ways, because they learn differently: the settings with ranges (mostly
  // their priors' in 2–3 years), the market's size and growth (wide default priors, pinned by the
  // history), the drivers (no prior).
  const market = (check: ParameterCheck) => check.path.startsWith('market.');
  const groups = [
    group('core', (check) => check.group === 'core'),
    group('core: settings with ranges', (check) => check.group === 'core' && check.priorCovered !== null && !market(check)),
    group('core: market size, growth', (check) => check.group === 'core' && market(check)),
    group('core: drivers', (check) => check.group === 'core' && check.priorCovered === null),
    group('seasonality', (check) => check.group === 'seasonality'),
    group('noise', (check) => check.group === 'noise'),
  ];
  return table(['parameter', 'n', '90% covers', 'prior covers', 'mean z', 'rms z', 'median err', 'rms err', 'width/prior'], [...body, ...groups]);
}

function summaryTable(rows: readonly SeedRow[]): string {
  const nrmse = rows.map((row) => row.holdoutNrmse / row.floorNrmse);
  const mape = rows.map((row) => row.holdoutMape / row.floorMape);
  const shareFit = rows.map((row) => Math.abs(row.share.fitted - row.share.truth));
  const shareStart = rows.map((row) => Math.abs(row.share.start - row.share.truth));
  const lossFit = rows.map((row) => row.loss.fitted);
  const lossStart = rows.map((row) => row.loss.start);
  const core = rows.flatMap((row) => row.checks.filter((check) => check.group === 'core'));
  const corePrior = core.filter((check) => check.priorCovered !== null);
  const seconds = rows.map((row) => row.fitMs / 1000);
  const line = (name: string, values: readonly number[], format: (value: number) => string) =>
    [name, format(median(values)), format(mean(values)), format(quantile(values, 0.9)), format(Math.max(...values))];
  return [
    table(['measure (over seeds)', 'median', 'mean', 'p90', 'max'], [
      line('holdout NRMSE, fit / true model', nrmse, (value) => fixed(value)),
      line('holdout MAPE, fit / true model', mape, (value) => fixed(value)),
      line('|best upstream share − truth|, fitted', shareFit, (value) => fixed(value, 3)),
      line('|best upstream share − truth|, start', shareStart, (value) => fixed(value, 3)),
      line('planning loss, fitted (% of optimum)', lossFit, (value) => percent(value, 2)),
      line('planning loss, start (% of optimum)', lossStart, (value) => percent(value, 2)),
      line('loss, fitted (% of marketing value)', rows.map((row) => row.lossOfMarketingValue.fitted), (value) => percent(value, 1)),
      line('loss, start (% of marketing value)', rows.map((row) => row.lossOfMarketingValue.start), (value) => percent(value, 1)),
      ...(rows[0]?.robust === undefined ? [] : [
        line('|best upstream share − truth|, robust', rows.map((row) => Math.abs(row.robust!.share - row.share.truth)), (value) => fixed(value, 3)),
        line('planning loss, robust (% of optimum)', rows.map((row) => row.robust!.loss), (value) => percent(value, 2)),
        line('loss, robust (% of marketing value)', rows.map((row) => row.robust!.lossOfMarketingValue), (value) => percent(value, 1)),
      ]),
      ...Object.keys(rows[0]?.attribution ?? {}).flatMap((group) => [
        line(`loss, fitted with the truth's ${group} (% of opt.)`, rows.map((row) => row.attribution![group].fittedWithTruth), (value) => percent(value, 2)),
        line(`loss, truth with the fitted ${group} (% of opt.)`, rows.map((row) => row.attribution![group].truthWithFitted), (value) => percent(value, 2)),
      ]),
      line('time per fit (s)', seconds, (value) => fixed(value)),
    ]),
    '',
    `90 % intervals cover the truth: ${percent(mean(core.map((check) => (check.covered ? 1 : 0))))} of ${core.length} (core parameters: settings with ranges, market size, growth, drivers); `
    + `the prior's 90 % range: ${percent(mean(corePrior.map((check) => (check.priorCovered ? 1 : 0))))} of ${corePrior.length} (those with a prior)`,
    `correlation across seeds of the fitted model's best upstream share with the truth's: ${fixed(correlation(rows.map((row) => row.share.fitted), rows.map((row) => row.share.truth)))} `
    + '(the start is the same model in every seed, so its best share is one number)',
    `planning with the fitted model lost less than with the start in ${rows.filter((row) => row.loss.fitted < row.loss.start).length} of ${rows.length} seeds; `
    + `truth check (rebuilt truth against the generator's run), largest |Δ log revenue|: ${Math.max(...rows.map((row) => row.truthCheck)).toExponential(1)}`,
    `warnings raised: ${[...countWarnings(rows)].map(([code, count]) => `${code} ${count}`).join(', ') || 'none'}`,
  ].join('\n');
}

/** Pearson's correlation; NaN when either side is constant. */
function correlation(a: readonly number[], b: readonly number[]): number {
  const ma = mean(a);
  const mb = mean(b);
  let ab = 0;
  let aa = 0;
  let bb = 0;
  a.forEach((value, index) => {
    ab += (value - ma) * (b[index] - mb);
    aa += (value - ma) ** 2;
    bb += (b[index] - mb) ** 2;
  });
  return ab / Math.sqrt(aa * bb);
}

function countWarnings(rows: readonly SeedRow[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) for (const code of new Set(row.warnings)) counts.set(code, (counts.get(code) ?? 0) + 1);
  return counts;
}

// ---------------------------------------------------------------------------------------------
// The command: the parent splits the seeds among worker processes (this file, with --worker),
// each of which checks its seeds and sends back the rows.

async function inWorkers(seeds: readonly number[], jobs: number, forwarded: readonly string[], onRow: (row: SeedRow) => void): Promise<SeedRow[]> {
  const file = fileURLToPath(import.meta.url);
  const parts = Array.from({ length: jobs }, (_, job) => seeds.filter((_, index) => index % jobs === job)).filter((part) => part.length > 0);
  const results = await Promise.all(parts.map((part) => new Promise<SeedRow[]>((resolve, reject) => {
    const child = fork(file, ['--worker', part.join(','), ...forwarded], { execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const rows: SeedRow[] = [];
    child.on('message', (row: SeedRow) => { rows.push(row); onRow(row); });
    child.on('exit', (code) => (code === 0 ? resolve(rows) : reject(new Error(`a worker exited with code ${code}`))));
  })));
  return results.flat().sort((a, b) => a.seed - b.seed);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seeds: { type: 'string', default: '40' },
      first: { type: 'string', default: '1' },
      jobs: { type: 'string', default: '2' },
      json: { type: 'boolean', default: false },
      years: { type: 'string' },
      noise: { type: 'string' },
      robust: { type: 'string', default: '0' },
      attribute: { type: 'boolean', default: false },
      overconfident: { type: 'string', default: '1' },
      worker: { type: 'string' },
    },
  });
  const start = readStart();
  const options: QualityOptions = { robustDraws: Number(values.robust), attribute: values.attribute, overconfident: Number(values.overconfident) };
  if (values.years !== undefined) options.years = Number(values.years);
  if (values.noise !== undefined) options.noise = Number(values.noise);
  if (options.years !== undefined && !(Number.isInteger(options.years) && options.years >= 2 && options.years <= 5)) throw new RangeError(`--years must be a whole number from 2 to 5, got ${values.years}`);
  if (options.noise !== undefined && !(options.noise >= 0)) throw new RangeError(`--noise must be a number ≥ 0, got ${values.noise}`);
  if (!(options.overconfident >= 1 && options.overconfident <= 10)) throw new RangeError(`--overconfident must be a number from 1 to 10, got ${values.overconfident}`);
  if (!(Number.isInteger(options.robustDraws) && options.robustDraws >= 0)) throw new RangeError(`--robust must be a whole number of draws ≥ 0, got ${values.robust}`);
  const forwarded = ['--robust', String(options.robustDraws), '--overconfident', String(options.overconfident), ...(values.attribute ? ['--attribute'] : []), ...(values.years === undefined ? [] : ['--years', values.years]), ...(values.noise === undefined ? [] : ['--noise', values.noise])];
  if (values.worker !== undefined) {
    for (const seed of values.worker.split(',').map(Number)) process.send?.(checkSeed(start, seed, options));
    return;
  }
  const count = Number(values.seeds);
  const first = Number(values.first);
  const jobs = Number(values.jobs);
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`--seeds must be a whole number ≥ 1, got ${values.seeds}`);
  if (!Number.isInteger(first) || first < 0) throw new RangeError(`--first must be a whole number ≥ 0, got ${values.first}`);
  if (!Number.isInteger(jobs) || jobs < 1) throw new RangeError(`--jobs must be a whole number ≥ 1, got ${values.jobs}`);
  const seeds = Array.from({ length: count }, (_, index) => first + index);
  const began = performance.now();
  let done = 0;
  const rows = jobs === 1
    ? seeds.map((seed) => { const row = checkSeed(start, seed, options); process.stderr.write(`\rseed ${seed} done (${++done}/${count})`); return row; })
    : await inWorkers(seeds, jobs, forwarded, (row) => process.stderr.write(`\rseed ${row.seed} done (${++done}/${count})`));
  process.stderr.write('\n');
  if (values.json) {
    console.log(JSON.stringify({ rows, seconds: (performance.now() - began) / 1000 }, null, 2));
    return;
  }
  const made = `${options.years === undefined ? '3 / 2 years alternating' : `${options.years} years`}, noise ${options.noise ?? NOISE_RANGE.join(' … ')}`
    + (options.overconfident === 1 ? '' : `, truth drawn from the start's ranges ${options.overconfident} times as wide`);
  console.log(`Fit quality over ${count} seeded example histories (seeds ${first} … ${first + count - 1}; weekly, ${made}, holdout 13 weeks), start ${fileURLToPath(START_FILE)}\n`);
  console.log(seedTable(rows));
  console.log('\nCoverage by parameter (on the normal scale: z = (truth − mode) / sd, whose mean shows bias and rms ≈ 1 when intervals are right; err = mode − truth, for a log-scale setting log(mode ÷ truth); width/prior: median of the interval’s width over the prior’s)\n');
  console.log(coverageTable(rows));
  console.log('\nSummary\n');
  console.log(summaryTable(rows));
  console.log(`\n${count} seeds in ${((performance.now() - began) / 1000).toFixed(0)} s with ${jobs} process${jobs === 1 ? '' : 'es'}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.stack ?? error.message : String(error));
    process.exit(1);
  });
}
