import { randomLcg, randomNormal } from 'd3';
import { inverse, normalEquations, solve, symmetrise } from './dense-matrix.ts';
import type { FittedSetting } from './fit-settings.ts';
import { insideRange, settingValue } from './fit-settings.ts';
import { toNormalScale } from '../model/normal-scale.ts';
import type { HistoryRun } from './history-run.ts';
import type { LinearTerm } from './linear-terms.ts';

/** What one fit estimates from the first `fittedRows` rows of a history. */
export interface FitProblem {
  /** log of the target in every row (held-out rows are never read). */
  logActual: Float64Array;
  fittedRows: number;
  settings: readonly FittedSetting[];
  terms: readonly LinearTerm[];
  run: HistoryRun;
}

/** The posterior mode and its Laplace approximation. Unknowns: the settings, then the linear terms, on their normal scale. */
export interface PosteriorMode {
  y: Float64Array;
  /** Covariance of y: the inverse of the Gauss–Newton Hessian of −log posterior at the mode. */
  covariance: number[][];
  /** The noise sd of log revenue: σ² = Σ residual² / (n − p_eff) over the n fitted rows. */
  sigma: number;
  /** n − p_eff: the fitted rows less the effective number of quantities the data determined. */
  degreesOfFreedom: number;
  /**
   * The rms error in log revenue of the starting model's settings over the fitted rows, with its
   * market terms and drivers solved for them: how well the start explained the history.
   */
  startSigma: number;
  /** μₜ = E[log revenue] at the mode, every row. */
  mean: Float64Array;
  /** log R⁰ₜ at the mode (the engine's part of μ), every row. */
  engineLog: Float64Array;
  /** ∂μₜ/∂y, every row (rows of length y). */
  gradient: Float64Array[];
  /** Brand equity at the last row at the mode, and its ∂/∂y (0 for the linear terms). */
  finalEquity: number;
  finalEquityGradient: Float64Array;
  /** −log posterior (σ profiled out) at the mode. */
  objective: number;
  converged: boolean;
  /** The objective each start reached, best first. */
  startObjectives: number[];
}

export interface ModeOptions {
  starts: number;
  seed: number;
  /** Called with the share of the work done (0 … 1). */
  onProgress?: (fraction: number) => void;
}

/** Step of the central differences that give the engine's ∂μ/∂y, on the normal scale. */
const DIFFERENCE_STEP = 1e-4;
/** Gauss–Newton steps for each start, and for polishing the best. */
const START_ITERATIONS = 25;
const POLISH_ITERATIONS = 200;
/** Re-estimates of σ around the Gauss–Newton steps. */
const NOISE_ROUNDS = 8;
/** Rounds that settle σ's degrees of freedom and the mode together. */
const DEGREES_OF_FREEDOM_ROUNDS = 4;

/**
 * The posterior mode of the observation model (docs/calibration.md):
 * log aₜ = μₜ(y) + εₜ, εₜ ~ N(0, σ²), μₜ = log R⁰ₜ(settings) + Σⱼ βⱼ xⱼ,ₜ, with a normal prior on
 * each unknown's normal scale. It minimises ½ Σₜ ((log aₜ − μₜ)/σ)² + ½ Σⱼ ((yⱼ − mⱼ)/sⱼ)² by
 * Levenberg–Marquardt with σ re-estimated between rounds (σ² = Σ residual² / (n − p_eff), see
 * below), from several starts: the starting model's values and draws
 * from the prior (seeded). The linear terms are solved exactly for each start's settings first.
 *
 * Derivatives: the linear terms' columns are exact; each setting's column is a central
 * difference of two engine runs over the history (2 × settings runs per step, each O(T · channels)).
 */
export function findPosteriorMode(problem: FitProblem, options: ModeOptions): PosteriorMode {
  const { settings, terms, fittedRows } = problem;
  const unknowns = settings.length + terms.length;
  const priorMean = Float64Array.from([...settings.map((s) => s.priorMean), ...terms.map((t) => t.priorMean)]);
  const priorSd = Float64Array.from([...settings.map((s) => s.priorSd), ...terms.map((t) => t.priorSd)]);
  const evaluator = createEvaluator(problem);
  const normal = randomNormal.source(randomLcg(options.seed))();
  const totalWork = options.starts * START_ITERATIONS + POLISH_ITERATIONS / 4;
  let done = 0;
  const tick = () => {
    done += 1;
    options.onProgress?.(Math.min(1, done / totalWork));
  };

  const candidates: { y: Float64Array; sigma: number; objective: number; converged: boolean }[] = [];
  let startSquares = Number.NaN;
  for (let start = 0; start < options.starts; start += 1) {
    const y = new Float64Array(unknowns);
    settings.forEach((setting, index) => {
      y[index] = start === 0 ? (setting.priorSource === 'default' ? setting.priorMean : startOnScale(setting)) : setting.priorMean + setting.priorSd * normal();
    });
    solveLinearTerms(problem, evaluator, y, priorMean, priorSd);
    if (start === 0) startSquares = residualSquares(problem, evaluator.evaluate(y).mean);
    candidates.push(levenbergMarquardt(problem, evaluator, y, priorMean, priorSd, START_ITERATIONS, tick));
  }
  candidates.sort((a, b) => a.objective - b.objective);
  let best = levenbergMarquardt(problem, evaluator, candidates[0].y, priorMean, priorSd, POLISH_ITERATIONS, tick, fittedRows);
  let { mean, engineLog, gradient, finalEquity, finalEquityGradient } = evaluator.withGradient(best.y);
  const covarianceAt = (noise: number) => {
    const { gram } = penalisedEquations(unknowns, fittedRows, (t, j) => gradient[t][j], () => 0, noise, priorSd, priorMean, () => 0);
    return inverse(gram);
  };
  // σ² = RSS / n is biased low by the quantities fitted: divide by n − p_eff instead, where
  // p_eff = Σⱼ (1 − Cⱼⱼ / sⱼ²) is what the data (not the priors) determined (the effective
  // degrees of freedom of a ridge regression, exact for the linear terms), and take the
  // covariance at that σ.
  // p_eff depends on σ and the mode on σ, so the two are settled together, a few rounds from
  // a point that is already nearly there.
  let degreesOfFreedom = fittedRows;
  for (let round = 0; round < DEGREES_OF_FREEDOM_ROUNDS; round += 1) {
    const next = unbiasedNoise(fittedRows, covarianceAt(best.sigma), priorSd);
    const settled = Math.abs(next - degreesOfFreedom) <= 1e-3 * degreesOfFreedom;
    degreesOfFreedom = next;
    if (settled && round > 0) break;
    best = levenbergMarquardt(problem, evaluator, best.y, priorMean, priorSd, POLISH_ITERATIONS / 4, tick, degreesOfFreedom);
    ({ mean, engineLog, gradient, finalEquity, finalEquityGradient } = evaluator.withGradient(best.y));
  }
  const sigma = best.sigma;
  options.onProgress?.(1);
  return {
    y: best.y,
    covariance: covarianceAt(sigma),
    sigma,
    degreesOfFreedom,
    // On the same degrees of freedom as σ, so that the two compare.
    startSigma: Math.sqrt(startSquares / degreesOfFreedom),
    mean,
    engineLog,
    gradient,
    finalEquity,
    finalEquityGradient,
    objective: best.objective,
    converged: best.converged,
    startObjectives: candidates.map((candidate) => candidate.objective),
  };
}

/** A setting's starting value on its normal scale. */
function startOnScale(setting: FittedSetting): number {
  return toNormalScale(insideRange(setting.start, setting.range), setting.range);
}

interface Evaluator {
  /** μ and log R⁰ at y, every row. */
  evaluate(y: Float64Array): { mean: Float64Array; engineLog: Float64Array };
  /**
   * μ, log R⁰ and ∂μ/∂y at y, every row; and, from the same runs, the equity at the last row and
   * its ∂/∂y (0 for the linear terms), which the fitted model starts from.
   */
  withGradient(y: Float64Array): { mean: Float64Array; engineLog: Float64Array; gradient: Float64Array[]; finalEquity: number; finalEquityGradient: Float64Array };
}

function createEvaluator(problem: FitProblem): Evaluator {
  const { settings, terms, run } = problem;
  const periods = run.periods;
  const values = new Float64Array(settings.length);
  const plus = new Float64Array(periods);
  const minus = new Float64Array(periods);
  const engine = (y: Float64Array, out: Float64Array) => {
    for (let index = 0; index < settings.length; index += 1) values[index] = settingValue(settings[index], y[index]);
    run.logRevenue(values, out);
  };
  const evaluate = (y: Float64Array) => {
    const engineLog = new Float64Array(periods);
    engine(y, engineLog);
    const mean = engineLog.slice();
    terms.forEach((term, index) => {
      const beta = y[settings.length + index];
      for (let t = 0; t < periods; t += 1) mean[t] += beta * term.values[t];
    });
    return { mean, engineLog };
  };
  return {
    evaluate,
    withGradient(y) {
      const gradient = Array.from({ length: periods }, () => new Float64Array(settings.length + terms.length));
      const finalEquityGradient = new Float64Array(settings.length + terms.length);
      const last = periods - 1;
      const shifted = y.slice();
      for (let j = 0; j < settings.length; j += 1) {
        shifted[j] = y[j] + DIFFERENCE_STEP;
        engine(shifted, plus);
        const equityUp = run.trace.equity[last];
        shifted[j] = y[j] - DIFFERENCE_STEP;
        engine(shifted, minus);
        shifted[j] = y[j];
        for (let t = 0; t < periods; t += 1) gradient[t][j] = (plus[t] - minus[t]) / (2 * DIFFERENCE_STEP);
        finalEquityGradient[j] = (equityUp - run.trace.equity[last]) / (2 * DIFFERENCE_STEP);
      }
      terms.forEach((term, index) => {
        for (let t = 0; t < periods; t += 1) gradient[t][settings.length + index] = term.values[t];
      });
      // Last, so that the run's trace is y's.
      const at = evaluate(y);
      return { ...at, gradient, finalEquity: run.trace.equity[last], finalEquityGradient };
    },
  };
}

/**
 * The normal equations of the penalised least squares ½ Σₜ (rₜ − gₜ·δ)²/σ² + ½ Σⱼ ((xⱼ + δⱼ − mⱼ)/sⱼ)²
 * for a step δ from x: gram = Σₜ gₜgₜᵀ/σ² + diag(1/sⱼ²) (symmetrised) and projected =
 * Σₜ gₜ rₜ/σ² − (xⱼ − mⱼ)/sⱼ². With x = 0 the solution is the unknowns themselves.
 * @param column gₜ,ⱼ, the derivative of row t's fitted value with respect to unknown j
 * @param residual rₜ, row t's actual less its fitted value
 * @param from xⱼ, the point the step is taken from
 */
function penalisedEquations(
  size: number, rows: number, column: (t: number, j: number) => number, residual: (t: number) => number,
  noise: number, priorSd: ArrayLike<number>, priorMean: ArrayLike<number>, from: (j: number) => number,
): { gram: number[][]; projected: Float64Array } {
  const equations = normalEquations(size);
  const row = new Float64Array(size);
  for (let t = 0; t < rows; t += 1) {
    for (let j = 0; j < size; j += 1) row[j] = column(t, j) / noise;
    equations.add(row, residual(t) / noise);
  }
  for (let j = 0; j < size; j += 1) {
    equations.gram[j][j] += 1 / priorSd[j] ** 2;
    equations.projected[j] -= (from(j) - priorMean[j]) / priorSd[j] ** 2;
  }
  return { gram: symmetrise(equations.gram), projected: equations.projected };
}

/** Sets y's linear terms to their exact posterior mode given its settings (a ridge regression). */
function solveLinearTerms(problem: FitProblem, evaluator: Evaluator, y: Float64Array, priorMean: Float64Array, priorSd: Float64Array): void {
  const { settings, terms, fittedRows, logActual } = problem;
  const { engineLog } = evaluator.evaluate(y);
  const first = settings.length;
  // With σ unknown, weigh the prior as if σ were 10 %: the start only needs to be sensible.
  const noise = 0.1;
  // β itself (the pull from 0), not a step from the current values.
  const { gram, projected } = penalisedEquations(terms.length, fittedRows, (t, k) => terms[k].values[t], (t) => logActual[t] - engineLog[t],
    noise, priorSd.subarray(first), priorMean.subarray(first), () => 0);
  const beta = solve(gram, projected);
  for (let k = 0; k < terms.length; k += 1) y[first + k] = beta[k];
}

/** −log posterior with σ at its mode for these residuals: (n/2)·log(RSS/n) + ½ Σ prior terms². */
function profileObjective(residualSquares: number, rows: number, y: Float64Array, priorMean: Float64Array, priorSd: Float64Array): number {
  let prior = 0;
  for (let j = 0; j < y.length; j += 1) prior += ((y[j] - priorMean[j]) / priorSd[j]) ** 2;
  return 0.5 * rows * Math.log(Math.max(residualSquares, 1e-300) / rows) + 0.5 * prior;
}

function residualSquares(problem: FitProblem, mean: Float64Array): number {
  let sum = 0;
  for (let t = 0; t < problem.fittedRows; t += 1) sum += (problem.logActual[t] - mean[t]) ** 2;
  return sum;
}

/**
 * Levenberg–Marquardt (Marquardt's scaling by the diagonal) on the penalised residuals, with σ
 * re-estimated from the residuals every few steps; at most `iterations` steps in all.
 */
function levenbergMarquardt(
  problem: FitProblem, evaluator: Evaluator, start: Float64Array, priorMean: Float64Array, priorSd: Float64Array,
  iterations: number, tick: () => void, noiseDivisor = problem.fittedRows,
): { y: Float64Array; sigma: number; objective: number; converged: boolean } {
  const { fittedRows, logActual } = problem;
  const unknowns = start.length;
  let y = start.slice();
  let current = evaluator.evaluate(y);
  let sigma = Math.sqrt(Math.max(residualSquares(problem, current.mean) / noiseDivisor, 1e-24));
  let damping = 1e-3;
  let converged = false;
  const stepsPerRound = Math.max(3, Math.ceil(iterations / NOISE_ROUNDS));
  const penalised = (mean: Float64Array, at: Float64Array, noise: number) => {
    let sum = residualSquares(problem, mean) / noise ** 2;
    for (let j = 0; j < unknowns; j += 1) sum += ((at[j] - priorMean[j]) / priorSd[j]) ** 2;
    return sum;
  };
  for (let step = 0; step < iterations; step += 1) {
    tick();
    if (step > 0 && step % stepsPerRound === 0) {
      const next = Math.sqrt(Math.max(residualSquares(problem, current.mean) / noiseDivisor, 1e-24));
      const settled = Math.abs(next - sigma) <= 1e-4 * sigma;
      sigma = next;
      if (converged && settled) break;
      converged = false;
    }
    const { gradient } = evaluator.withGradient(y);
    const equations = penalisedEquations(unknowns, fittedRows, (t, j) => gradient[t][j], (t) => logActual[t] - current.mean[t], sigma, priorSd, priorMean, (j) => y[j]);
    const before = penalised(current.mean, y, sigma);
    let improved = false;
    for (let attempt = 0; attempt < 12; attempt += 1) {
      const damped = equations.gram.map((gramRow, i) => gramRow.map((value, j) => (i === j ? value * (1 + damping) : value)));
      const delta = solve(damped, equations.projected);
      const trial = y.map((value, j) => value + delta[j]);
      if (!trial.every(Number.isFinite)) { damping *= 10; continue; }
      const next = evaluator.evaluate(trial);
      const after = penalised(next.mean, trial, sigma);
      if (Number.isFinite(after) && after <= before) {
        const change = before - after;
        y = trial;
        current = next;
        damping = Math.max(damping / 3, 1e-9);
        improved = true;
        if (change <= 1e-10 * Math.max(1, before)) converged = true;
        break;
      }
      damping *= 10;
    }
    // No step helps at this σ: nothing more to do until σ is next re-estimated.
    if (!improved) {
      converged = true;
      step = Math.ceil((step + 1) / stepsPerRound) * stepsPerRound - 1;
    }
  }
  // σ is returned as the last steps used it, so that y is the mode at exactly this σ.
  return { y, sigma, objective: profileObjective(residualSquares(problem, current.mean), fittedRows, y, priorMean, priorSd), converged };
}

/** n − p_eff: the rows less the effective number of quantities the data determined (see `findPosteriorMode`). */
function unbiasedNoise(rows: number, covariance: readonly number[][], priorSd: Float64Array): number {
  let fitted = 0;
  for (let j = 0; j < priorSd.length; j += 1) fitted += 1 - covariance[j][j] / priorSd[j] ** 2;
  return Math.max(1, rows - fitted);
}
