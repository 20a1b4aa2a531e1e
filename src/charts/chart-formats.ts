import { type NumberFormats, createNumberFormats } from '../engine/io/number-formats.ts';

/**
 * How a chart writes its numbers: money (with the model's currency symbol), percentages, equity,
 * period labels. Charts receive it as their `formats` property, built once per model by the
 * app (`formatsFor(model)` in src/app/format.ts), and import nothing from the app.
 */
export type ChartFormats = NumberFormats;

const fallbacks = new Map<string, NumberFormats>();

/**
 * The formats a chart draws with: the ones it was given, or, until it is given some, plain ones
 * (no currency) for its own periods and start year.
 */
export function chartFormats(given: ChartFormats | undefined, periodsPerYear = 12, startYear?: number): ChartFormats {
  if (given !== undefined) return given;
  const key = `${periodsPerYear}|${startYear ?? ''}`;
  let formats = fallbacks.get(key);
  if (formats === undefined) {
    formats = createNumberFormats({ periodsPerYear, startYear });
    fallbacks.set(key, formats);
  }
  return formats;
}
