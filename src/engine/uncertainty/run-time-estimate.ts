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
   * few hundred draws). Returns the estimate from half a second (or a tenth of the draws) into
   * the run, and undefined before.
   */
  observe(done: number): RunTimeEstimate | undefined;
}

/**
 * The run's work beyond its draws (percentiles of every figure, the bands, merging the Web
 * Workers' parts), added to the time the remaining draws take: a few per cent of a run.
 */
const FINISHING = 1.05;

/**
 * The estimate is given from this many milliseconds into the run (or a tenth of its draws, if
 * sooner), once the second half of the time so far holds at least MIN_INTERVALS reports.
 */
const FIRST_ESTIMATE_MS = 500;
const MIN_INTERVALS = 4;

/**
 * Says how long a Monte Carlo run will take, early in the run, from the pace of its own draws:
 * a calibration that costs nothing, since the timed draws are the run's. Why not time a few
 * draws before the run: in a fresh process (the command, a new Web Worker) the first draws are
 * 10 to 50 times slower than the rest until V8 has compiled the loop, which took up to 5,000
 * draws (half a second) on this busy machine; a few draws timed beforehand were off by factors
 * of 5 to 70, and so was the pace of the first few hundred draws of the run itself.
 *
 * How: the run reports its progress (every 250 draws). From half a second into the run, or a
 * tenth of its draws if that comes sooner, the pace is the median of the intervals' paces over
 * the second half of the time so far (which leaves out the slow start, and in which a stall
 * counts as one interval; at least 4 intervals), and the estimate is the time so far plus the
 * remaining draws at that pace, plus 5 % for the statistics at the end:
 *
 *   seconds = (elapsed + (N − done) · pace · 1.05) / 1000.
 *
 * Each later report refines it (the app shows it as it goes; the command says the first). A
 * machine whose load changes during the run makes any estimate wrong by as much;
 * tests/bench/uncertainty.bench.ts prints the estimate against the actual time.
 *
 * @param draws N, the run's draws
 * @param periods T, for the words (`describeRunTime`)
 * @param clock milliseconds now (default `performance.now`); the clock at creation is the run's start
 * @example const estimator = createRunTimeEstimator(100000, 260); monteCarlo(model, options, (done) => estimator.observe(done))
 */
export function createRunTimeEstimator(draws: number, periods: number, clock: () => number = () => performance.now()): RunTimeEstimator {
  const started = clock();
  // Every report so far: [time, done], starting with the run's start.
  const reports: [number, number][] = [[started, 0]];
  return {
    observe(done) {
      const now = clock();
      if (!(done > reports[reports.length - 1][1])) return undefined;
      reports.push([now, done]);
      const elapsed = now - started;
      if (elapsed < FIRST_ESTIMATE_MS && done < draws / 10) return undefined;
      // The intervals in the second half of the time so far; their median pace, so that a
      // stall (other work, a long garbage collection) weighs no more than any other interval.
      const from = reports.findIndex(([time]) => time >= started + elapsed / 2);
      const paces: number[] = [];
      for (let index = Math.max(1, from); index < reports.length; index += 1) {
        paces.push((reports[index][0] - reports[index - 1][0]) / (reports[index][1] - reports[index - 1][1]));
      }
      if (paces.length < MIN_INTERVALS) return undefined;
      paces.sort((a, b) => a - b);
      const middle = paces.length >> 1;
      const pace = paces.length % 2 === 1 ? paces[middle] : (paces[middle - 1] + paces[middle]) / 2;
      return { seconds: (elapsed + Math.max(0, draws - done) * pace * FINISHING) / 1000, draws, periods };
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
