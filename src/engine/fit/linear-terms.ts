import type { HistoryTable } from './history-table.ts';

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
 * fitted (`fittedRows`), so that held-out rows influence nothing; a text driver's baseline is its
 * most common value (the reader's first level).
 */
export function linearTerms(history: HistoryTable, fittedRows: number, priors: LinearPriors): LinearTerm[] {
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
      const fitted = driver.values.subarray(0, fittedRows);
      const mean = fitted.reduce((sum, value) => sum + value, 0) / fittedRows;
      const spread = Math.sqrt(fitted.reduce((sum, value) => sum + (value - mean) ** 2, 0) / fittedRows);
      terms.push({
        name: driver.name, kind: 'numeric-driver', column: driver.name, values: driver.values.map((value) => value - mean),
        priorMean: 0, priorSd: DRIVER_PRIOR_SD / (spread > 0 ? spread : 1), priorSource: 'default',
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
