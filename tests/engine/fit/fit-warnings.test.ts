import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type WarningInputs, fitWarnings } from '../../../src/engine/fit/fit-warnings.ts';
import { fittedSettings } from '../../../src/engine/fit/fit-settings.ts';
import { readHistory } from '../../../src/engine/fit/read-history.ts';
import type { HistoryTable } from '../../../src/engine/fit/history-table.ts';
import { parseModel } from '../../../src/engine/model/parse-model.ts';

const start = parseModel(JSON.parse(readFileSync(new URL('../../../models/examples/consumer-weekly.json', import.meta.url), 'utf8')));
const history = readHistory(readFileSync(new URL('../../../models/examples/consumer-history.csv', import.meta.url), 'utf8'), start);
const settings = fittedSettings(start);
const good = { r2: 0.9, nrmse: 0.05, mape: 0.03 };

/** Inputs under which no warning applies but the brand one (three years of history with brand channels). */
function inputs(change: Partial<WarningInputs> = {}): WarningInputs {
  return {
    start, history, settings, unknowns: 10, fittedRows: 143, settingSds: settings.map((setting) => setting.priorSd / 2),
    train: good, holdout: good, seasonalityEstimated: true, converged: true, brandGrowthCorrelation: 0.3, ...change,
  };
}
const codes = (change: Partial<WarningInputs> = {}) => fitWarnings(inputs(change)).map((warning) => warning.code);

describe('fitWarnings', () => {
  it('gives only the brand warning for a clean three-year fit, with the correlation it found', () => {
    const warnings = fitWarnings(inputs());
    expect(warnings.map((warning) => warning.code)).toEqual(['brand-long-run']);
    expect(warnings[0].message).toContain('3.0 years');
    expect(warnings[0].message).toContain('up to 0.30');
  });

  it('warns of few rows below 10 an estimated setting, counting every row (the refit uses them all), not at 10', () => {
    expect(codes({ unknowns: 16 })).toContain('few-rows');
    expect(codes({ unknowns: 15.6 })).not.toContain('few-rows');
    // The remedy is worded for where the person is: the command has --fixed, the app takes what has a range.
    const fewRows = (advice?: 'command' | 'table') => fitWarnings(inputs({ unknowns: 16, advice })).find((item) => item.code === 'few-rows')!.message;
    expect(fewRows()).toContain('fix some settings at their starting values (--fixed)');
    expect(fewRows('table')).toContain('take their ranges out of the starting model’s uncertainty');
    expect(fewRows('table')).not.toContain('--');
    expect(fitWarnings(inputs({ unknowns: 16 }))[0].message).toMatch(/^156 rows for 16 estimated settings \(9\.8 each;/);
  });

  it('names two channels whose spend moves together', () => {
    const twin: HistoryTable = { ...history, channels: history.channels.map((channel, index) => (index === 4 ? { ...channel, spend: history.channels[3].spend.map((value) => 2 * value + 1) } : channel)) };
    const warning = fitWarnings(inputs({ history: twin })).find((item) => item.code === 'collinear');
    expect(warning?.message).toMatch(/^Search and Social spend together \(correlation 1\.00\)/);
  });

  it('names a channel the plan spends beyond the most seen in the history', () => {
    const bigger = structuredClone(start);
    bigger.budget!.perYear = 5 * (bigger.budget!.perYear as number);
    const messages = fitWarnings(inputs({ start: bigger })).filter((item) => item.code === 'spend-beyond-history').map((item) => item.message);
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.every((message) => /a month, above the most in the history/.test(message))).toBe(true);
  });

  it('lists in one warning the settings the history narrowed little', () => {
    const sds = settings.map((setting, index) => (index < 2 ? setting.priorSd : setting.priorSd / 2));
    const wide = fitWarnings(inputs({ settingSds: sds })).filter((item) => item.code === 'wide-interval');
    expect(wide).toHaveLength(1);
    expect(wide[0].message).toContain(`these 2 settings`);
    expect(wide[0].message).toContain('Brand half-life and Demand lift.');
    // What it means: the intervals are the ranges' (docs/calibration.md "Priors").
    expect(wide[0].message).toContain("only as right as the starting model's ranges");
    // What to do about it: the history needs spend that moves.
    expect(wide[0].message).toMatch(/Spend that moves more teaches the fit most/);
  });

  it('warns when the holdout error is over twice the training error and over 2 %', () => {
    expect(codes({ holdout: { ...good, mape: 0.061 } })).toContain('holdout-error');
    expect(codes({ holdout: { ...good, mape: 0.059 } })).not.toContain('holdout-error');
    expect(codes({ train: { ...good, mape: 0.005 }, holdout: { ...good, mape: 0.015 } })).not.toContain('holdout-error');
  });

  it('gives the brand warning only with brand channels and under five years', () => {
    const downstreamOnly: HistoryTable = { ...history, channels: history.channels.filter((channel) => channel.side === 'downstream') };
    expect(codes({ history: downstreamOnly })).not.toContain('brand-long-run');
    const long: HistoryTable = { ...history, dates: Array.from({ length: 5 * 52 }, (_, index) => `d${index}`) };
    expect(codes({ history: long })).not.toContain('brand-long-run');
  });

  it('names a text value seen only in the held-out rows', () => {
    const promotion = history.drivers.find((driver) => driver.kind === 'text')!;
    const values = promotion.kind === 'text' ? promotion.values.map((value, index) => (index >= 150 ? 'clearance' : value === 'clearance' ? 'none' : value)) : [];
    const changed: HistoryTable = { ...history, drivers: history.drivers.map((driver) => (driver === promotion ? { ...promotion, kind: 'text', values, levels: [...(promotion as { levels: string[] }).levels, 'clearance'] } : driver)) };
    const warning = fitWarnings(inputs({ history: changed })).find((item) => item.code === 'unseen-driver-value');
    expect(warning?.message).toBe('promotion: "clearance" appears only in the held-out periods, so the first fit could not learn its effect and its forecast there assumes none.');
  });

  it('names a numeric driver that moves with revenue, as an outcome would', () => {
    const orders: HistoryTable = { ...history, drivers: [...history.drivers, { name: 'orders', kind: 'numeric', values: history.target.map((value, index) => value / 60 + (index % 5)) }] };
    const warning = fitWarnings(inputs({ history: orders })).find((item) => item.code === 'driver-like-target');
    expect(warning?.message).toMatch(/^orders moves with revenue \(correlation 1\.00\)/);
    expect(warning?.message).toContain('leave it out (--ignore "orders")');
    // In the app the remedy is the column table's, not the command's option.
    const inApp = fitWarnings(inputs({ history: orders, advice: 'table' })).find((item) => item.code === 'driver-like-target');
    expect(inApp?.message).toContain('leave it out (choose “Ignored” for column "orders" in the table)');
    expect(inApp?.message).not.toContain('--');
    expect(codes()).not.toContain('driver-like-target');
  });

  it('says when seasonality was not estimated and when the search did not settle', () => {
    expect(codes({ seasonalityEstimated: false, converged: false })).toEqual(expect.arrayContaining(['no-seasonality', 'not-converged']));
    // A holdout cut short for a short history says how short, and what it means; none when not cut.
    expect(codes()).not.toContain('short-holdout');
    const short = (periods: number) => fitWarnings(inputs({ shortenedHoldout: { periods, usual: 13 } })).find((item) => item.code === 'short-holdout')!.message;
    expect(short(4)).toBe(`${history.dates.length} weeks of history leave too few to hold out the usual 13 (at least 26 must be left to fit): `
      + 'only the last 4 could be held out, so the holdout error rests on few periods. A longer history checks the fit better.');
    expect(short(0)).toContain('none could be held out, so the fit is checked only on the periods it was fitted to');
  });
});
