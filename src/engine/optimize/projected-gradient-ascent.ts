/**
 * A smooth maximisation problem over a closed convex set, as the projected-gradient ascent
 * sees it. Points are plain arrays of `size` numbers.
 */
export interface AscentProblem {
  size: number;
  /** The objective at `point`; remembers the point for `gradient`. */
  value(point: Float64Array): number;
  /** The objective's gradient at the point last passed to `value`. */
  gradient(out: Float64Array): void;
  /** Moves `point` in place to the nearest feasible point. */
  project(point: Float64Array): void;
}

export interface AscentSettings {
  /** Upper limit on iterations (each costs a value, a gradient and sometimes a few more values). */
  maxIterations: number;
  /**
   * Stop when the best value has not risen by more than `tolerance · scale` over `patience`
   * iterations in a row.
   */
  tolerance: number;
  /** The size of the objective's typical change, e.g. |value| + money spent. */
  scale: number;
  patience: number;
  /**
   * A search that reaches `maxIterations` still counts as converged when its best value rose by
   * less than `settledTolerance · scale` over its last `patience` iterations.
   */
  settledTolerance: number;
  /** Checked once per iteration; when it returns true the search stops with the best point so far. */
  shouldStop?: () => boolean;
  /** Called once per iteration with the share of `maxIterations` used. */
  onProgress?: (fraction: number) => void;
}

export interface AscentResult {
  /** The best point found (feasible). */
  point: Float64Array;
  value: number;
  iterations: number;
  /**
   * True when the value had stopped rising: it stopped on `tolerance`, at a stationary point, or
   * on `maxIterations` with the value settled to `settledTolerance`. False when stopped early.
   */
  converged: boolean;
  cancelled: boolean;
}

/** How many past values the non-monotone line search compares with (Grippo et al. use 10). */
const MEMORY = 10;
/** Sufficient-increase constant of the Armijo condition. */
const SUFFICIENT_INCREASE = 1e-4;
const MAX_BACKTRACKS = 40;
const MIN_STEP = 1e-30;
const MAX_STEP = 1e30;

/**
 * Maximises over a convex set by the spectral projected gradient method (SPG2 of Birgin,
 * Martínez & Raydan 2000, "Nonmonotone spectral projected gradient methods on convex sets",
 * SIAM J. Optim. 10(4)), written for ascent: step along the gradient by the Barzilai–Borwein
 * length, project, then backtrack along the projected direction (safeguarded quadratic
 * interpolation) until a non-monotone Armijo condition holds. The Barzilai–Borwein length
 * adapts to the objective's scale, so shares (0…1) and spend (money) need no tuning.
 *
 * Each iteration costs one value and one gradient at the accepted point, plus one value per
 * backtrack (rare once the step length has adapted). The best point seen is returned, so the
 * result is never worse than the (projected) start.
 *
 * @param start the starting point (projected first if infeasible); not modified
 */
export function projectedGradientAscent(problem: AscentProblem, start: Float64Array, settings: AscentSettings): AscentResult {
  const size = problem.size;
  let point = Float64Array.from(start);
  problem.project(point);
  let value = problem.value(point);
  let gradient = new Float64Array(size);
  problem.gradient(gradient);

  let trial = new Float64Array(size);
  let trialGradient = new Float64Array(size);
  const direction = new Float64Array(size);
  const best = Float64Array.from(point);
  let bestValue = value;
  const recent = new Float64Array(MEMORY).fill(value);

  // First step: one that moves the point by about 1 in its largest coordinate.
  for (let index = 0; index < size; index += 1) trial[index] = point[index] + gradient[index];
  problem.project(trial);
  let largestMove = 0;
  for (let index = 0; index < size; index += 1) largestMove = Math.max(largestMove, Math.abs(trial[index] - point[index]));
  let stepLength = clamp(largestMove > 0 ? 1 / largestMove : 1, MIN_STEP, MAX_STEP);

  let referenceValue = bestValue;
  let referenceIteration = 0;
  // The best value `patience` iterations ago, to judge at the iteration limit whether it settled.
  const bestHistory = new Float64Array(Math.max(1, settings.patience)).fill(bestValue);
  let converged = false;
  let cancelled = false;
  let iteration = 0;
  for (; iteration < settings.maxIterations; iteration += 1) {
    if (settings.shouldStop?.()) { cancelled = true; break; }
    settings.onProgress?.(iteration / settings.maxIterations);

    // The projected direction d = P(x + λg) − x; moving along it stays feasible (convexity).
    for (let index = 0; index < size; index += 1) trial[index] = point[index] + stepLength * gradient[index];
    problem.project(trial);
    let slope = 0;
    let moves = false;
    for (let index = 0; index < size; index += 1) {
      direction[index] = trial[index] - point[index];
      slope += gradient[index] * direction[index];
      if (direction[index] !== 0) moves = true;
    }
    if (!moves || !(slope > 0)) { converged = true; break; } // stationary: no feasible ascent

    let lowestRecent = recent[0];
    for (let index = 1; index < MEMORY; index += 1) lowestRecent = Math.min(lowestRecent, recent[index]);
    let fraction = 1;
    let trialValue = -Infinity;
    let accepted = false;
    for (let backtrack = 0; backtrack < MAX_BACKTRACKS; backtrack += 1) {
      for (let index = 0; index < size; index += 1) trial[index] = point[index] + fraction * direction[index];
      trialValue = problem.value(trial);
      if (trialValue >= lowestRecent + SUFFICIENT_INCREASE * fraction * slope) { accepted = true; break; }
      // The parabola through value, slope and this trial peaks at −slope / (2·curvature).
      const curvature = (trialValue - value - fraction * slope) / (fraction * fraction);
      const peak = curvature < 0 ? -slope / (2 * curvature) : 0.5 * fraction;
      fraction = clamp(peak, 0.1 * fraction, 0.5 * fraction);
    }
    if (!accepted) { converged = true; break; } // no increase left that rounding can resolve

    problem.gradient(trialGradient);
    let stepSquared = 0;
    let stepDotChange = 0;
    for (let index = 0; index < size; index += 1) {
      const step = trial[index] - point[index];
      stepSquared += step * step;
      stepDotChange += step * (trialGradient[index] - gradient[index]);
    }
    // Barzilai–Borwein: the inverse of the curvature along the last step (ascent: it must be < 0).
    stepLength = stepDotChange < 0 ? clamp(stepSquared / -stepDotChange, MIN_STEP, MAX_STEP) : MAX_STEP;

    [point, trial] = [trial, point];
    [gradient, trialGradient] = [trialGradient, gradient];
    value = trialValue;
    recent[(iteration + 1) % MEMORY] = value;
    if (value > bestValue) {
      bestValue = value;
      best.set(point);
    }
    const slot = iteration % bestHistory.length;
    const bestEarlier = bestHistory[slot];
    bestHistory[slot] = bestValue;
    if (iteration + 1 === settings.maxIterations && iteration + 1 >= bestHistory.length) {
      converged = bestValue - bestEarlier <= settings.settledTolerance * settings.scale;
    }
    if (bestValue > referenceValue + settings.tolerance * settings.scale) {
      referenceValue = bestValue;
      referenceIteration = iteration;
    } else if (iteration - referenceIteration >= settings.patience) {
      converged = true;
      iteration += 1;
      break;
    }
  }
  return { point: best, value: bestValue, iterations: iteration, converged, cancelled };
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
