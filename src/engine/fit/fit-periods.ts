import { bilinear } from './dense-matrix.ts';
import type { FitPeriod } from './fit-result.ts';
import { Z90 } from './fit-settings.ts';
import type { HistoryRun } from './history-run.ts';
import type { HistoryTable } from './history-table.ts';
import type { LinearTerm } from './linear-terms.ts';
import type { PosteriorMode } from './posterior-mode.ts';

/**
 * The history period by period, from a fit on the first `fittedRows` rows (the held-out rows
 * after them are forecast with their actual spend and drivers, and their actuals read only into
 * `actual`). Fitted is the median of the observation model, exp(μₜ); its 90 % interval adds the
 * posterior's spread of μₜ (gᵀ C g, g = ∂μₜ/∂y) to the noise's σ².
 *
 * The decomposition is additive and sums to `fitted`, with M the market's factor (size, growth,
 * seasonality), R the engine's revenue and D the drivers' log effect:
 * base = M·R(no spend), channel i = M·(R − R(channel i off)), drivers = M·R·(e^D − 1) shared
 * between the columns in proportion to each one's part of D, interaction = what is left.
 * Call it with the run at the mode (its last `logRevenue`).
 */
export function fitPeriods(history: HistoryTable, terms: readonly LinearTerm[], mode: PosteriorMode, run: HistoryRun, fittedRows: number): FitPeriod[] {
  const periods = history.dates.length;
  const settingsCount = mode.y.length - terms.length;
  const withoutAll = new Float64Array(periods);
  run.revenueWithout(-1, withoutAll);
  const withoutChannel = history.channels.map((_, channel) => {
    const out = new Float64Array(periods);
    run.revenueWithout(channel, out);
    return out;
  });
  const driverColumns = [...new Set(terms.filter((term) => term.column !== undefined).map((term) => term.column!))];
  const rows: FitPeriod[] = [];
  for (let t = 0; t < periods; t += 1) {
    let market = 0;
    const driverLog = new Map<string, number>(driverColumns.map((column) => [column, 0]));
    terms.forEach((term, index) => {
      const part = mode.y[settingsCount + index] * term.values[t];
      if (term.column === undefined) market += part;
      else driverLog.set(term.column, driverLog.get(term.column)! + part);
    });
    const factor = Math.exp(market);
    const revenue = Math.exp(mode.engineLog[t]);
    const totalDriverLog = [...driverLog.values()].reduce((sum, value) => sum + value, 0);
    const fitted = Math.exp(mode.mean[t]);
    const driverEffect = factor * revenue * Math.expm1(totalDriverLog);
    const drivers: Record<string, number> = {};
    for (const [column, value] of driverLog) {
      drivers[column] = Math.abs(totalDriverLog) > 1e-12 ? driverEffect * (value / totalDriverLog) : factor * revenue * value;
    }
    const channels: Record<string, number> = {};
    // A channel that spent nothing adds nothing; its two runs differ only by rounding, shown as 0.
    history.channels.forEach((channel, index) => {
      const added = factor * (revenue - withoutChannel[index][t]);
      channels[channel.name] = Math.abs(added) <= 1e-9 * fitted ? 0 : added;
    });
    const base = factor * withoutAll[t];
    const explained = base + Object.values(channels).reduce((a, b) => a + b, 0) + Object.values(drivers).reduce((a, b) => a + b, 0);
    const spread = Math.sqrt(mode.sigma ** 2 + Math.max(0, bilinear(mode.gradient[t], mode.covariance, mode.gradient[t])));
    rows.push({
      date: history.dates[t],
      actual: history.target[t],
      fitted,
      lower: Math.exp(mode.mean[t] - Z90 * spread),
      upper: Math.exp(mode.mean[t] + Z90 * spread),
      holdout: t >= fittedRows,
      base,
      channels,
      drivers,
      interaction: fitted - explained,
    });
  }
  return rows;
}
