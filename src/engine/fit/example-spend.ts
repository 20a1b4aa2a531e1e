import { randomInt, randomNormal, randomUniform } from 'd3';

/**
 * Spend patterns of an example history, as media is really bought, so that a fit has something
 * to learn from: each pattern is a shape with mean 1 over the history, to be multiplied by the
 * channel's planned spend per period. Every random number comes from `random`, a seeded uniform
 * source, so a pattern is the same on every run.
 */
export type SpendPattern = 'flighted' | 'seasonal' | 'always-on';

/** Weeks in a year: the patterns are written for weekly histories. */
const WEEKS = 52;

/**
 * Brand media in bursts (flights): 4–8 weeks on at a level of 0.8–1.25 times the average
 * burst, ±10 % from week to week, then 3–8 weeks off (0), starting on or off at random, so
 * that two channels' flights fall at different times.
 */
export function flightedShape(periods: number, random: () => number): Float64Array {
  const uniform = randomUniform.source(random);
  const onWeeks = randomInt.source(random)(4, 9);
  const offWeeks = randomInt.source(random)(3, 9);
  const jitter = uniform(-0.1, 0.1);
  const burstLevel = uniform(0.8, 1.25);
  const shape = new Float64Array(periods);
  let on = uniform()() < 0.5;
  // The first segment is already under way when the history starts: a random part of it remains.
  let remaining = Math.max(1, Math.ceil(uniform()() * (on ? onWeeks() : offWeeks())));
  let level = burstLevel();
  for (let t = 0; t < periods; t += 1) {
    if (remaining === 0) {
      on = !on;
      remaining = on ? onWeeks() : offWeeks();
      level = burstLevel();
    }
    shape[t] = on ? level * (1 + jitter()) : 0;
    remaining -= 1;
  }
  return normalised(shape);
}

/**
 * A sponsorship-like channel: on through one season of 14–20 weeks each year (the same weeks
 * every year, starting at a random week), ±5 % from week to week, off (0) the rest of the year.
 */
export function seasonalShape(periods: number, random: () => number): Float64Array {
  const uniform = randomUniform.source(random);
  const seasonStart = randomInt.source(random)(0, WEEKS)();
  const seasonLength = randomInt.source(random)(14, 21)();
  const jitter = uniform(-0.05, 0.05);
  const shape = new Float64Array(periods);
  for (let t = 0; t < periods; t += 1) {
    const weekOfSeason = (((t - seasonStart) % WEEKS) + WEEKS) % WEEKS;
    shape[t] = weekOfSeason < seasonLength ? 1 + jitter() : 0;
  }
  return normalised(shape);
}

/**
 * Always-on performance media: never 0, with a seasonal push (a yearly cosine of amplitude
 * 0.10–0.20 in log terms, peaking in a random week of the channel's own) and week-to-week
 * variation of its own (an AR(1) in log terms, correlation 0.6 from week to week, sd 0.45), so
 * that two channels do not move together. The sd is what always-on channels show in public
 * marketing-mix data (0.33–0.67 in log terms); at 0.2 the curves were barely identified and a
 * fitted model planned hardly better than its starting guesses (quality:fit, 20 seeds: 7.5 %
 * against 9.6 % of the marketing's value lost; 6.3 % against 9.7 % at 0.45).
 */
export function alwaysOnShape(periods: number, random: () => number): Float64Array {
  const uniform = randomUniform.source(random);
  const peakWeek = uniform(0, WEEKS)();
  const amplitude = uniform(0.1, 0.2)();
  const persistence = 0.6;
  const stationarySd = 0.45;
  const innovation = randomNormal.source(random)(0, stationarySd * Math.sqrt(1 - persistence * persistence));
  const shape = new Float64Array(periods);
  let wander = randomNormal.source(random)(0, stationarySd)();
  for (let t = 0; t < periods; t += 1) {
    if (t > 0) wander = persistence * wander + innovation();
    shape[t] = Math.exp(amplitude * Math.cos((2 * Math.PI * (t - peakWeek)) / WEEKS) + wander);
  }
  return normalised(shape);
}

/** The shape of a pattern by name (a table, so that an unknown name throws). */
export const SPEND_SHAPES: Readonly<Record<SpendPattern, (periods: number, random: () => number) => Float64Array>> = {
  flighted: flightedShape,
  seasonal: seasonalShape,
  'always-on': alwaysOnShape,
};

/** The shape divided by its mean, so that it averages 1 (a shape of zeros stays zeros). */
function normalised(shape: Float64Array): Float64Array {
  let sum = 0;
  for (const value of shape) sum += value;
  if (sum === 0) return shape;
  const scale = shape.length / sum;
  for (let t = 0; t < shape.length; t += 1) shape[t] *= scale;
  return shape;
}
