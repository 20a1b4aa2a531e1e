/** How long a Monte Carlo run should take, and of what. */
export interface RunTimeEstimate {
  /** Expected wall time of the whole run, in seconds, from its start. */
  seconds: number;
  draws: number;
  /** T: periods per draw over the horizon (the carryover runs too, but people think in T). */
  periods: number;
}

/** Estimates a run's time from its own first draws (see `createRunTimeEstimator`). */
export interface RunTimeEstimator {
  /**
   * Reports that `done` draws of the run are finished (called from the run's progress, every
   * few hundred draws). Returns the estimate once the pace has settled, and undefined before.
   */
  observe(done: number): RunTimeEstimate | undefined;
}

/**
 * The run's work beyond its draws (percentiles of every figure, the bands, merging the Web
 * Workers' parts), added to the time the remaining draws take: a few per cent of a run.
 */
const FINISHING = 1.05;

/** The pace has settled when two intervals in a row agree within this share. */
const STEADY = 0.2;

/**
 * Says how long a Monte Carlo run will take, early in the run, from the pace of its own draws:
 * a calibration that costs nothing, since the timed draws are the run's. Why not time a few
 * draws before the run: in a fresh process (the command, a new Web Worker) the first draws are
 * 10 to 50 times slower than the rest, until V8 has compiled the loop, and how long that lasts
 * depends on the machine and its load; a few draws timed beforehand were off by factors of 5
 * to 70 on a busy machine. The run's own pace says it after a few hundred to a few thousand
 * draws, typically within the first 2 % of a long run.
 *
 * The estimate: the time so far plus the remaining draws at the latest interval's pace, plus
 * 5 % for the statistics at the end,
 *
 *   seconds = (elapsed + (N − done) · Δt/Δdone · 1.05) / 1000,
 *
 * given once three intervals have been seen and the last two agree within 20 % (the code is
 * warm and the machine's load steady), or once a tenth of the draws is done.
 *
 * @param draws N, the run's draws
 * @param periods T, for the words (`describeRunTime`)
 * @param clock milliseconds now (default `performance.now`); the clock at creation is the run's start
 * @example const estimator = createRunTimeEstimator(100000, 260); monteCarlo(model, options, (done) => estimator.observe(done))
 */
export function createRunTimeEstimator(draws: number, periods: number, clock: () => number = () => performance.now()): RunTimeEstimator {
  const started = clock();
  let lastTime = started;
  let lastDone = 0;
  let lastPace = Number.NaN;
  let intervals = 0;
  return {
    observe(done) {
      const now = clock();
      if (!(done > lastDone)) return undefined;
      const pace = (now - lastTime) / (done - lastDone);
      const settled = intervals >= 2 && Math.abs(pace - lastPace) <= STEADY * lastPace;
      intervals += 1;
      lastTime = now;
      lastDone = done;
      lastPace = pace;
      if (!settled && done < draws / 10) return undefined;
      const remainingMs = Math.max(0, draws - done) * pace;
      return { seconds: ((now - started) + remainingMs * FINISHING) / 1000, draws, periods };
    },
  };
}

/**
 * The estimate in words, for the command's stderr and the app's risk panel:
 * "About 4 s for 100,000 draws of 260 periods", "About 0.34 s for …", "About 2 min 10 s for …".
 * @param cores how many cores share the run (the app's Web Workers), said when more than one
 */
export function describeRunTime(estimate: RunTimeEstimate, cores = 1): string {
  const what = `${estimate.draws.toLocaleString('en-US')} draws of ${estimate.periods.toLocaleString('en-US')} periods`;
  return `About ${durationText(estimate.seconds)} for ${what}${cores > 1 ? ` on ${cores} cores` : ''}`;
}

/** 0.337 → "0.34 s" (two significant digits below 1 s), 4.26 → "4 s", 130 → "2 min 10 s". */
function durationText(seconds: number): string {
  if (seconds < 1) return `${Number(seconds.toPrecision(seconds < 0.01 ? 1 : 2))} s`;
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const whole = Math.round(seconds);
  const minutes = Math.floor(whole / 60);
  const rest = whole % 60;
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}
