import { randomLcg, randomNormal } from 'd3';
import { inverse, normalEquations, solve, symmetrise } from './dense-matrix.ts';
import type { FittedSetting } from './fit-settings.ts';
import { insideRange, settingSlope, settingValue } from './fit-settings.ts';
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
 * Derivatives are exact: the linear terms' by construction, the settings' by the adjoint of the
 * engine's run (history-run.ts, through run-adjoint.ts). The search takes Levenberg–Marquardt steps with the exact
 * gradient (one reverse pass) and a curvature matrix that starts as the exact Gauss–Newton
 * matrix (the Jacobian: one reverse pass per row) and is then kept current by BFGS updates from
 * the gradients, refreshed from the Jacobian when a step fails. So a step costs about three
 * runs, not the 2 × settings + 1 of a Jacobian by differences.
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
   * μ, log R⁰ and ∂μ/∂y at y, every row; and the equity at the last row and its ∂/∂y (0 for the
   * linear terms), which the fitted model starts from. Exact (the run's adjoint, row by row).
   */
  withGradient(y: Float64Array): { mean: Float64Array; engineLog: Float64Array; gradient: Float64Array[]; finalEquity: number; finalEquityGradient: Float64Array };
  /** ∂μₜ/∂y at y for the first `rows` rows only (what a search's curvature reads), without μ. */
  jacobian(y: Float64Array, rows: number): Float64Array[];
  /** out[j] = Σₜ weights[t] · ∂μₜ/∂yⱼ at y: one reverse pass for the settings, exact sums for the linear terms. */
  weightedGradient(y: Float64Array, weights: Float64Array, out: Float64Array): void;
}

function createEvaluator(problem: FitProblem): Evaluator {
  const { settings, terms, run } = problem;
  const periods = run.periods;
  const values = new Float64Array(settings.length);
  const settingGradient = new Float64Array(settings.length);
  const toValues = (y: Float64Array) => {
    for (let index = 0; index < settings.length; index += 1) values[index] = settingValue(settings[index], y[index]);
    return values;
  };
  const evaluate = (y: Float64Array) => {
    const engineLog = new Float64Array(periods);
    run.logRevenue(toValues(y), engineLog);
    const mean = engineLog.slice();
    terms.forEach((term, index) => {
      const beta = y[settings.length + index];
      for (let t = 0; t < periods; t += 1) mean[t] += beta * term.values[t];
    });
    return { mean, engineLog };
  };
  // ∂μₜ/∂y for rows t < count, and ∂E_T/∂y into finalEquityGradient when given.
  const jacobian = (y: Float64Array, count: number, finalEquityGradient?: Float64Array) => {
    const gradient = Array.from({ length: count }, () => new Float64Array(settings.length + terms.length));
    run.jacobian(toValues(y), gradient, finalEquityGradient);
    // From the settings' units to their normal scale (the Jacobian wrote the first columns).
    settings.forEach((setting, j) => {
      const slope = settingSlope(setting, y[j]);
      for (let t = 0; t < count; t += 1) gradient[t][j] *= slope;
      if (finalEquityGradient !== undefined) finalEquityGradient[j] *= slope;
    });
    terms.forEach((term, index) => {
      for (let t = 0; t < count; t += 1) gradient[t][settings.length + index] = term.values[t];
    });
    return gradient;
  };
  return {
    evaluate,
    withGradient(y) {
      const at = evaluate(y);
      const finalEquity = run.trace.equity[periods - 1];
      const finalEquityGradient = new Float64Array(settings.length + terms.length);
      return { ...at, gradient: jacobian(y, periods, finalEquityGradient), finalEquity, finalEquityGradient };
    },
    jacobian,
    weightedGradient(y, weights, out) {
      run.gradient(toValues(y), weights, settingGradient);
      settings.forEach((setting, j) => { out[j] = settingGradient[j] * settingSlope(setting, y[j]); });
      terms.forEach((term, index) => {
        let sum = 0;
        for (let t = 0; t < periods; t += 1) sum += weights[t] * term.values[t];
        out[settings.length + index] = sum;
      });
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
 *
 * Each step solves (B + damping · diag B) δ = −∇f with the exact gradient ∇f (one reverse pass
 * of the run) and B the curvature: the exact Gauss–Newton matrix Σ gₜgₜᵀ/σ² + prior precision
 * when the search starts and whenever a step fails, and in between that matrix updated by BFGS
 * from each accepted step's change in gradient (so it tracks the Hessian without a Jacobian per
 * step). The gradient is exact, so the search stops at the true stationary point whatever B is.
 */
function levenbergMarquardt(
  problem: FitProblem, evaluator: Evaluator, start: Float64Array, priorMean: Float64Array, priorSd: Float64Array,
  iterations: number, tick: () => void, noiseDivisor = problem.fittedRows,
): { y: Float64Array; sigma: number; objective: number; converged: boolean } {
  const { fittedRows, logActual } = problem;
  const unknowns = start.length;
  const periods = logActual.length;
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
  // Σₜ rₜ·∂μₜ/∂y over the fitted rows (−σ² times the data's part of ∇f), kept for the current y.
  const residualWeights = new Float64Array(periods);
  const dataGradientAt = (mean: Float64Array, at: Float64Array) => {
    for (let t = 0; t < fittedRows; t += 1) residualWeights[t] = logActual[t] - mean[t];
    const out = new Float64Array(unknowns);
    evaluator.weightedGradient(at, residualWeights, out);
    return out;
  };
  // −∇f at σ: the right-hand side of the step's equations.
  const descent = (dataGradient: Float64Array, at: Float64Array, noise: number) => Float64Array.from(dataGradient,
    (value, j) => value / noise ** 2 - (at[j] - priorMean[j]) / priorSd[j] ** 2);
  let dataGradient = dataGradientAt(current.mean, y);
  let curvature: number[][] = [];
  let curvatureNoise = sigma;
  const refreshCurvature = () => {
    const gradient = evaluator.jacobian(y, fittedRows);
    curvature = penalisedEquations(unknowns, fittedRows, (t, j) => gradient[t][j], () => 0, sigma, priorSd, priorMean, () => 0).gram;
    curvatureNoise = sigma;
  };
  refreshCurvature();
  let fresh = true;
  for (let step = 0; step < iterations; step += 1) {
    tick();
    if (step > 0 && step % stepsPerRound === 0) {
      const next = Math.sqrt(Math.max(residualSquares(problem, current.mean) / noiseDivisor, 1e-24));
      const settled = Math.abs(next - sigma) <= 1e-4 * sigma;
      sigma = next;
      if (converged && settled) break;
      converged = false;
    }
    if (curvatureNoise !== sigma) {
      rescaleCurvature(curvature, curvatureNoise, sigma, priorSd);
      curvatureNoise = sigma;
    }
    const projected = descent(dataGradient, y, sigma);
    const before = penalised(current.mean, y, sigma);
    let improved = false;
    for (let attempt = 0; attempt < 12; attempt += 1) {
      const damped = curvature.map((gramRow, i) => gramRow.map((value, j) => (i === j ? value * (1 + damping) : value)));
      const delta = solve(damped, projected);
      const trial = y.map((value, j) => value + delta[j]);
      if (!trial.every(Number.isFinite)) { damping *= 10; continue; }
      const next = evaluator.evaluate(trial);
      const after = penalised(next.mean, trial, sigma);
      if (Number.isFinite(after) && after <= before) {
        const change = before - after;
        const nextDataGradient = dataGradientAt(next.mean, trial);
        // BFGS: the change in ∇f along the step (at this σ) corrects the curvature.
        const gradientChange = Float64Array.from(descent(nextDataGradient, trial, sigma), (value, j) => projected[j] - value);
        updateCurvature(curvature, delta, gradientChange);
        y = trial;
        current = next;
        dataGradient = nextDataGradient;
        damping = Math.max(damping / 3, 1e-9);
        improved = true;
        fresh = false;
        if (change <= 1e-10 * Math.max(1, before)) converged = true;
        break;
      }
      damping *= 10;
    }
    if (!improved && !fresh) {
      // The updated curvature may have misled the step: start again from the exact one.
      refreshCurvature();
      fresh = true;
      damping = 1e-3;
      continue;
    }
    // No step helps at this σ even with the exact curvature: nothing more to do until σ is next re-estimated.
    if (!improved) {
      converged = true;
      step = Math.ceil((step + 1) / stepsPerRound) * stepsPerRound - 1;
    }
  }
  // σ is returned as the last steps used it, so that y is the mode at exactly this σ.
  return { y, sigma, objective: profileObjective(residualSquares(problem, current.mean), fittedRows, y, priorMean, priorSd), converged };
}

/** The data's part of the curvature scales with 1/σ²: moves it from σ `from` to σ `to`, in place. */
function rescaleCurvature(curvature: number[][], from: number, to: number, priorSd: Float64Array): void {
  const scale = (from / to) ** 2;
  for (let i = 0; i < curvature.length; i += 1) {
    for (let j = 0; j < curvature.length; j += 1) {
      const prior = i === j ? 1 / priorSd[i] ** 2 : 0;
      curvature[i][j] = (curvature[i][j] - prior) * scale + prior;
    }
  }
}

/**
 * The BFGS update of a curvature matrix B (in place) from a step s and the change in gradient
 * g over it: B + ggᵀ/(gᵀs) − (Bs)(Bs)ᵀ/(sᵀBs), skipped when gᵀs is not clearly positive (the
 * update would lose positive definiteness).
 */
function updateCurvature(curvature: number[][], step: ArrayLike<number>, gradientChange: ArrayLike<number>): void {
  const size = curvature.length;
  const curvedStep = new Float64Array(size);
  let stepCurvature = 0;
  let gradientStep = 0;
  let stepNorm = 0;
  let gradientNorm = 0;
  for (let i = 0; i < size; i += 1) {
    let sum = 0;
    for (let j = 0; j < size; j += 1) sum += curvature[i][j] * step[j];
    curvedStep[i] = sum;
    stepCurvature += step[i] * sum;
    gradientStep += gradientChange[i] * step[i];
    stepNorm += step[i] ** 2;
    gradientNorm += gradientChange[i] ** 2;
  }
  if (!(gradientStep > 1e-10 * Math.sqrt(stepNorm * gradientNorm)) || !(stepCurvature > 0)) return;
  for (let i = 0; i < size; i += 1) {
    for (let j = 0; j < size; j += 1) {
      curvature[i][j] += (gradientChange[i] * gradientChange[j]) / gradientStep - (curvedStep[i] * curvedStep[j]) / stepCurvature;
    }
  }
}

/** n − p_eff: the rows less the effective number of quantities the data determined (see `findPosteriorMode`). */
function unbiasedNoise(rows: number, covariance: readonly number[][], priorSd: Float64Array): number {
  let fitted = 0;
  for (let j = 0; j < priorSd.length; j += 1) fitted += 1 - covariance[j][j] / priorSd[j] ** 2;
  return Math.max(1, rows - fitted);
}
