import { normalEquations, solve, symmetrise } from './dense-matrix.ts';
import type { HistoryTable, NumericDriver } from './history-table.ts';

/**
 * The terms that enter log revenue linearly (the observation model of docs/calibration.md):
 * log Rₜ = log R⁰ₜ(settings) + Σⱼ βⱼ · xⱼ,ₜ + εₜ, where R⁰ is the engine's run with the starting
 * market size, no growth and no seasonality (history-run.ts). Each term has a normal prior.
 */
export interface LinearTerm {
  /** "market.inMarketPerMonth", "market.growthPerYear", "seasonality.cos1", a driver column, or "promotion=bundle". */
  name: string;
  kind: 'scale' | 'growth' | 'seasonality' | 'numeric-driver' | 'text-driver';
  /** The driver column, for driver terms. */
  column?: string;
  /** A numeric driver that enters as γ · (log z − mean log z), a power law (prefersLogForm); otherwise γ · (z − z̄). */
  logForm?: boolean;
  /** A numeric driver's standard deviation over the rows fitted (of log z in the log form), in its units. */
  spread?: number;
  /** xⱼ,ₜ for every row of the history (held-out rows too: their forecast uses them). */
  values: Float64Array;
  priorMean: number;
  priorSd: number;
  /** Where the prior came from: a range in the model's `uncertainty`, or the documented default. */
  priorSource: 'uncertainty' | 'default';
}

/** Prior sd of a seasonal term (a ±50 % swing over the year is at the edge of its 90 % range). */
export const SEASONAL_PRIOR_SD = 0.3;
/** Prior sd of a text driver value's effect, and of a numeric driver's per standard deviation. */
export const DRIVER_PRIOR_SD = 0.5;
/** Prior sd of log(market size ÷ the starting model's) when the model gives no range. */
export const SCALE_PRIOR_SD = 2;
/** Prior sd of log(1 + growth per year) when the model gives no range. */
export const GROWTH_PRIOR_SD = 0.1;

/** Seasonal harmonics per year: weekly 3, monthly 2, quarterly 1 (a quarterly year has room for one smooth wave). */
export function harmonicsFor(periodsPerYear: number): number {
  return periodsPerYear === 52 ? 3 : periodsPerYear === 12 ? 2 : 1;
}

/** Seasonality is estimated only from at least two years of history, so that a year's shape is seen twice. */
export function estimatesSeasonality(history: HistoryTable): boolean {
  return history.dates.length >= 2 * history.periodsPerYear;
}

/**
 * The seasonal index of a period (`phase` = (t − 1) / P, periods counted from the first row):
 * exp(Σₖ aₖ cos(2πk·phase) + bₖ sin(2πk·phase)), the form written into `market.seasonality`.
 */
export function seasonalLog(coefficients: readonly number[], phase: number): number {
  let sum = 0;
  for (let harmonic = 1; 2 * harmonic <= coefficients.length; harmonic += 1) {
    const angle = 2 * Math.PI * harmonic * phase;
    sum += coefficients[2 * harmonic - 2] * Math.cos(angle) + coefficients[2 * harmonic - 1] * Math.sin(angle);
  }
  return sum;
}

/**
 * Prior sd of a market term that --fixed holds at its starting value: the term stays (so every
 * fit has the same terms) but cannot move, and its posterior spread is nil.
 */
export const FIXED_PRIOR_SD = 1e-12;

export interface LinearPriors {
  /** log(median market size ÷ start) and its sd, from `uncertainty`, or undefined for the default. */
  scale?: { mean: number; sd: number };
  /** log(1 + growth): median and sd, from `uncertainty`, or undefined for the default. */
  growth?: { mean: number; sd: number };
  /** The starting model's growth per year (the default prior's centre). */
  startGrowth: number;
  /** Market size or growth held at the starting model's value (--fixed). */
  fixedScale?: boolean;
  fixedGrowth?: boolean;
}

/**
 * The linear terms for a history. Numeric drivers are centred on their mean over the rows being
 * fitted (`fittedRows`), so that held-out rows influence nothing, in the form (linear or log)
 * those rows prefer (prefersLogForm), or the form `logForms` names (the drivers in the log form:
 * a refit keeps the first fit's choice); a text driver's baseline is its most common value (the
 * reader's first level).
 */
export function linearTerms(history: HistoryTable, fittedRows: number, priors: LinearPriors, logForms?: ReadonlySet<string>): LinearTerm[] {
  const periods = history.dates.length;
  const P = history.periodsPerYear;
  const terms: LinearTerm[] = [];
  terms.push({
    name: 'market.inMarketPerMonth', kind: 'scale', values: new Float64Array(periods).fill(1),
    priorMean: priors.fixedScale ? 0 : priors.scale?.mean ?? 0,
    priorSd: priors.fixedScale ? FIXED_PRIOR_SD : priors.scale?.sd ?? SCALE_PRIOR_SD,
    priorSource: priors.scale ? 'uncertainty' : 'default',
  });
  terms.push({
    name: 'market.growthPerYear', kind: 'growth', values: Float64Array.from({ length: periods }, (_, index) => index / P),
    priorMean: priors.fixedGrowth ? Math.log1p(priors.startGrowth) : priors.growth?.mean ?? Math.log1p(priors.startGrowth),
    priorSd: priors.fixedGrowth ? FIXED_PRIOR_SD : priors.growth?.sd ?? GROWTH_PRIOR_SD,
    priorSource: priors.growth ? 'uncertainty' : 'default',
  });
  if (estimatesSeasonality(history)) {
    for (let harmonic = 1; harmonic <= harmonicsFor(P); harmonic += 1) {
      for (const [wave, trig] of [['cos', Math.cos], ['sin', Math.sin]] as const) {
        terms.push({
          name: `seasonality.${wave}${harmonic}`, kind: 'seasonality',
          values: Float64Array.from({ length: periods }, (_, index) => trig(2 * Math.PI * harmonic * index / P)),
          priorMean: 0, priorSd: SEASONAL_PRIOR_SD, priorSource: 'default',
        });
      }
    }
  }
  for (const driver of history.drivers) {
    if (driver.kind === 'numeric') {
      const logForm = logForms === undefined ? prefersLogForm(history, fittedRows, driver) : logForms.has(driver.name);
      const z = logForm ? driver.values.map(Math.log) : driver.values;
      const { mean, spread } = meanAndSpread(z.subarray(0, fittedRows));
      terms.push({
        name: driver.name, kind: 'numeric-driver', column: driver.name, values: z.map((value) => value - mean),
        priorMean: 0, priorSd: DRIVER_PRIOR_SD / (spread > 0 ? spread : 1), priorSource: 'default', spread,
        ...(logForm ? { logForm } : {}),
      });
    } else {
      for (const level of driver.levels.slice(1)) {
        terms.push({
          name: `${driver.name}=${level}`, kind: 'text-driver', column: driver.name,
          values: Float64Array.from(driver.values, (value) => (value === level ? 1 : 0)),
          priorMean: 0, priorSd: DRIVER_PRIOR_SD, priorSource: 'default',
        });
      }
    }
  }
  return terms;
}

/** Log-likelihood (nats) by which the log form must beat the linear one to be chosen: a likelihood ratio of e² ≈ 7.4. */
export const LOG_FORM_MARGIN = 2;

/**
 * Whether a numeric driver enters log revenue as γ · log z (a power law: revenue ∝ z^γ, an
 * elasticity, the usual form for price or a competitor's sales) rather than γ · z. Both forms
 * have one coefficient, so the choice is a likelihood comparison on the rows before the holdout
 * (so held-out rows influence nothing): least squares of log revenue on an intercept, the trend,
 * the seasonal waves (when estimated), each channel's spend and the other drivers, plus the
 * driver in each form; the log form needs every value > 0 (held-out rows too: their forecast
 * takes its log) and must win by
 * LOG_FORM_MARGIN nats, (n / 2) · log(RSS linear ÷ RSS log). A driver with a narrow relative
 * range (price moving a few %) gives nearly the same column both ways, so it stays linear.
 * Cost: two least-squares fits of n rows by (channels + drivers + 2 + 2·harmonics) columns.
 */
export function prefersLogForm(history: HistoryTable, fittedRows: number, driver: NumericDriver): boolean {
  // Every row, held-out ones too, must have a log: their forecast uses the term. A driver is an
  // input the forecast is given, not a held-out actual, so reading it there is allowed.
  if (!driver.values.every((value) => value > 0)) return false;
  const own = driver.values.slice(0, fittedRows);
  const P = history.periodsPerYear;
  const columns: Float64Array[] = [Float64Array.from({ length: fittedRows }, (_, t) => t / P)];
  if (estimatesSeasonality(history)) {
    for (let harmonic = 1; harmonic <= harmonicsFor(P); harmonic += 1) {
      columns.push(Float64Array.from({ length: fittedRows }, (_, t) => Math.cos(2 * Math.PI * harmonic * t / P)));
      columns.push(Float64Array.from({ length: fittedRows }, (_, t) => Math.sin(2 * Math.PI * harmonic * t / P)));
    }
  }
  for (const channel of history.channels) columns.push(channel.spend.slice(0, fittedRows));
  for (const other of history.drivers) {
    if (other === driver) continue;
    if (other.kind === 'numeric') columns.push(other.values.slice(0, fittedRows));
    else for (const level of other.levels.slice(1)) columns.push(Float64Array.from(other.values.slice(0, fittedRows), (value) => (value === level ? 1 : 0)));
  }
  const logRevenue = Float64Array.from(history.target.subarray(0, fittedRows), Math.log);
  const linear = residualSquares([...columns, own], logRevenue);
  const logged = residualSquares([...columns, own.map(Math.log)], logRevenue);
  return (fittedRows / 2) * Math.log(linear / logged) > LOG_FORM_MARGIN;
}

/**
 * Σ residual² of the least-squares fit of y on an intercept and `columns`, each centred and
 * scaled (a constant column is dropped); a ridge of 1e-8 per row keeps collinear columns solvable.
 */
function residualSquares(columns: readonly Float64Array[], y: Float64Array): number {
  const n = y.length;
  const standard = columns.flatMap((column) => {
    const { mean, spread } = meanAndSpread(column);
    return spread > 0 ? [column.map((value) => (value - mean) / spread)] : [];
  });
  const yMean = meanAndSpread(y).mean;
  const equations = normalEquations(standard.length);
  const row = new Float64Array(standard.length);
  for (let t = 0; t < n; t += 1) {
    for (let j = 0; j < standard.length; j += 1) row[j] = standard[j][t];
    equations.add(row, y[t] - yMean);
  }
  for (let j = 0; j < standard.length; j += 1) equations.gram[j][j] += 1e-8 * n;
  const beta = standard.length === 0 ? new Float64Array(0) : solve(symmetrise(equations.gram), equations.projected);
  let squares = 0;
  for (let t = 0; t < n; t += 1) {
    let fit = yMean;
    for (let j = 0; j < standard.length; j += 1) fit += beta[j] * standard[j][t];
    squares += (y[t] - fit) ** 2;
  }
  return squares;
}

/** The mean and the standard deviation (over n, not n − 1) of a column. */
function meanAndSpread(values: Float64Array): { mean: number; spread: number } {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  return { mean, spread: Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length) };
}
