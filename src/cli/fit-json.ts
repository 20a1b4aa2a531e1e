import type { FitDriver, FitMetrics, FitParameter, FitPeriod, FitResult, FitWarning } from '../engine/fit/fit-result.ts';
import type { Model } from '../engine/model/model.ts';

/** The fields every period has, in the order the JSON and the CSV give them. */
export const FIT_PERIOD_FIELDS = ['date', 'actual', 'fitted', 'lower', 'upper', 'holdout', 'base'] as const;

/** One column of the periods table: its key, and where its value comes from. */
export interface FitPeriodColumn {
  key: string;
  source: { kind: 'field'; field: (typeof FIT_PERIOD_FIELDS)[number] | 'interaction' }
    | { kind: 'channel' | 'driver'; name: string };
}

/** A period with its channels' and drivers' contributions as keys of its own. */
export type FlatFitPeriod = Record<string, string | number | boolean>;

/** What `budget-sim fit --format json` prints (the shape; `start` added to each parameter). */
export interface FitJson {
  model: Model;
  fit: { train: FitMetrics; holdout: ({ periods: number } & FitMetrics) | null };
  periods: FlatFitPeriod[];
  drivers: Pick<FitDriver, 'name' | 'effect' | 'lower' | 'upper' | 'form' | 'perSd'>[];
  parameters: Pick<FitParameter, 'path' | 'prior' | 'start' | 'value' | 'lower' | 'upper'>[];
  warnings: FitWarning[];
  ms: number;
}

/**
 * The columns of the periods table: date, actual, fitted, lower, upper, holdout, base, one per
 * channel (in the periods' order: upstream first), one per driver column, interaction.
 *
 * A channel or driver is keyed by its name, unless that name is already taken (a driver column
 * called "base", a channel called "date", a driver column that has a channel's name): then by
 * "channel:<name>" or "driver:<name>" (and should that be taken too, ":2", ":3" … after it), so
 * that no figure hides another.
 * @example fitPeriodColumns(periods).map((column) => column.key) // ['date', ..., 'base', 'TV', 'Search', 'price', 'interaction']
 */
export function fitPeriodColumns(periods: readonly FitPeriod[]): FitPeriodColumn[] {
  const columns: FitPeriodColumn[] = FIT_PERIOD_FIELDS.map((field) => ({ key: field, source: { kind: 'field', field } }));
  const taken = new Set<string>([...FIT_PERIOD_FIELDS, 'interaction']);
  const add = (kind: 'channel' | 'driver', name: string) => {
    if (columns.some((column) => column.source.kind === kind && column.source.name === name)) return;
    let key = taken.has(name) ? `${kind}:${name}` : name;
    // Only a name built to collide gets here ("channel:date" beside "date"); a number keeps it apart.
    for (let count = 2; taken.has(key); count += 1) key = `${kind}:${name}:${count}`;
    taken.add(key);
    columns.push({ key, source: { kind, name } });
  };
  // Every period has the same channels and drivers; the union keeps a stray one from being lost.
  for (const period of periods) for (const name of Object.keys(period.channels)) add('channel', name);
  for (const period of periods) for (const name of Object.keys(period.drivers)) add('driver', name);
  columns.push({ key: 'interaction', source: { kind: 'field', field: 'interaction' } });
  return columns;
}

/** A column's value in one period; undefined when the period lacks that channel or driver. */
export function fitPeriodValue(period: FitPeriod, column: FitPeriodColumn): string | number | boolean | undefined {
  const { source } = column;
  if (source.kind === 'field') return period[source.field];
  const values = source.kind === 'channel' ? period.channels : period.drivers;
  return Object.hasOwn(values, source.name) ? values[source.name] : undefined;
}

/**
 * The periods with channels and drivers flattened into each period's own keys (see
 * `fitPeriodColumns`). Built with `Object.fromEntries`, so a column named "__proto__" is an
 * ordinary key of the period rather than its prototype.
 */
export function flattenFitPeriods(periods: readonly FitPeriod[]): FlatFitPeriod[] {
  const columns = fitPeriodColumns(periods);
  return periods.map((period) => Object.fromEntries(columns.flatMap((column) => {
    const value = fitPeriodValue(period, column);
    return value === undefined ? [] : [[column.key, value]];
  })));
}

/**
 * A fit as `--format json` prints it: `{ model, fit: { train, holdout: { periods, r2, nrmse,
 * mape } | null }, periods, drivers, parameters, warnings, ms }`, fields picked in that order (so
 * the printed shape is this one even when the result carries more), ms to a tenth.
 */
export function fitJson(result: FitResult): FitJson {
  const metrics = ({ r2, nrmse, mape }: FitMetrics): FitMetrics => ({ r2, nrmse, mape });
  const { holdout } = result.fit;
  return {
    model: result.model,
    fit: {
      train: metrics(result.fit.train),
      holdout: holdout === null ? null : { periods: holdout.periods, ...metrics(holdout) },
    },
    periods: flattenFitPeriods(result.periods),
    drivers: result.drivers.map(({ name, effect, lower, upper, form, perSd }) => ({
      name, effect, lower, upper, ...(form === undefined ? {} : { form }), ...(perSd === undefined ? {} : { perSd }),
    })),
    parameters: result.parameters.map(({ path, prior, start, value, lower, upper }) => ({ path, prior, start, value, lower, upper })),
    warnings: result.warnings.map(({ code, message }) => ({ code, message })),
    ms: Math.round(result.ms * 10) / 10,
  };
}
