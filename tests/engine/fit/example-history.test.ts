import { readFileSync } from 'node:fs';
import { csvParse } from 'd3';
import { describe, expect, it } from 'vitest';
import { sampleCorrelation, sampleStandardDeviation, mean } from 'simple-statistics';
import { CONSUMER_EXAMPLE, HISTORY_FILE, START_FILE, TRUTH_FILE, consumerExample, truthFileText } from '../../../scripts/generate-example-history.ts';
import { generateHistory } from '../../../src/engine/fit/example-history.ts';
import { type ChannelModel, type Model, isChannelModel } from '../../../src/engine/model/model.ts';
import { parseModel } from '../../../src/engine/model/parse-model.ts';
import { settingOf } from '../../../src/engine/model/model-fields.ts';
import { simulate } from '../../../src/engine/sim/simulate.ts';

const start = parseModel(JSON.parse(readFileSync(START_FILE, 'utf8'))) as ChannelModel;
const upstreamNames = Object.keys(start.upstream.channels);
const downstreamNames = Object.keys(start.downstream.channels);
const channelNames = [...upstreamNames, ...downstreamNames];
const example = consumerExample();
const table = csvParse(example.csv);
const column = (name: string) => table.map((row) => Number(row[name]));

describe('the committed example', () => {
  it('the committed CSV is what the generator gives now (run npm run example-history after changing it)', () => {
    expect(readFileSync(HISTORY_FILE, 'utf8')).toBe(`${example.csv}\n`);
  });

  it('the committed truth is what the generator gives now, and reads back as the same model', () => {
    const text = readFileSync(TRUTH_FILE, 'utf8');
    expect(text).toBe(truthFileText(example));
    const { $schema: _schema, ...truth } = JSON.parse(text);
    expect(parseModel(truth)).toEqual(example.truth);
  });

  it('is three years of weeks from Monday 2 January 2023, with the columns named as the channels', () => {
    expect(example.rows).toBe(156);
    expect(table.columns).toEqual(['date', 'revenue', ...channelNames, 'price', 'promotion']);
    expect(table[0].date).toBe('2023-01-02');
    expect(new Date('2023-01-02T00:00:00Z').getUTCDay()).toBe(1);
    expect(table[155].date).toBe('2025-12-22'); // 155 weeks = 1085 days after 2023-01-02
    for (let t = 1; t < table.length; t += 1) {
      expect(Date.parse(table[t].date!) - Date.parse(table[t - 1].date!), table[t].date).toBe(7 * 86_400_000);
    }
  });

  it('writes money and price with two decimals', () => {
    for (const name of ['revenue', ...channelNames, 'price']) {
      for (const row of table) expect(row[name], name).toMatch(/^\d+\.\d\d$/);
    }
  });
});

describe('generateHistory: seeds', () => {
  it('the same seed gives the same CSV, another seed a different one', () => {
    expect(generateHistory(start, CONSUMER_EXAMPLE).csv).toBe(example.csv);
    expect(generateHistory(start, { ...CONSUMER_EXAMPLE, seed: CONSUMER_EXAMPLE.seed + 1 }).csv).not.toBe(example.csv);
  });

  it('changing the noise changes revenue only: spend, drivers and the truth keep their streams', () => {
    const quieter = generateHistory(start, { ...CONSUMER_EXAMPLE, noise: 0.03 });
    expect({ ...quieter.truth, description: '' }).toEqual({ ...example.truth, description: '' });
    expect(quieter.price).toEqual(example.price);
    expect(quieter.promotion).toEqual(example.promotion);
    expect(quieter.noiseless).toEqual(example.noiseless);
    expect(quieter.revenue).not.toEqual(example.revenue);
  });
});

describe('generateHistory: spend', () => {
  const seeds = [CONSUMER_EXAMPLE.seed, 1, 2, 3, 4, 5, 6, 7];
  const histories = seeds.map((seed) => generateHistory(start, { ...CONSUMER_EXAMPLE, seed }));

  it('brand media is flighted: every upstream channel has weeks off (0) and weeks on', () => {
    for (const history of histories) {
      for (const name of upstreamNames) {
        const spend = (history.truth.plan as Record<string, number[]>)[name];
        expect(spend.some((value) => value === 0), name).toBe(true);
        expect(spend.filter((value) => value > 0).length, name).toBeGreaterThan(20);
      }
    }
  });

  it('sponsorship runs a season of 14–20 weeks, the same weeks every year', () => {
    for (const history of histories) {
      const spend = (history.truth.plan as Record<string, number[]>).Sponsorship;
      const on = spend.map((value) => value > 0);
      expect(on.filter(Boolean).length).toBeGreaterThanOrEqual(3 * 14);
      expect(on.filter(Boolean).length).toBeLessThanOrEqual(3 * 20);
      for (let t = 52; t < on.length; t += 1) expect(on[t], `week ${t}`).toBe(on[t - 52]);
    }
  });

  it('performance media is always on: no downstream week is 0, and its log spend moves with an sd near 0.45, as in real data', () => {
    for (const history of histories) {
      for (const name of downstreamNames) {
        const spend = (history.truth.plan as Record<string, number[]>)[name];
        expect(Math.min(...spend), name).toBeGreaterThan(0);
        const spread = sampleStandardDeviation(spend.map(Math.log));
        // AR(1) sd 0.45 plus a seasonal swing, measured over two or three years of weeks.
        expect(spread, name).toBeGreaterThan(0.3);
        expect(spread, name).toBeLessThan(0.7);
      }
    }
  });

  it('each channel spends on average its planned spend per week (budget × side share × channel share / 52)', () => {
    const perYear = 1_200_000;
    for (const history of histories) {
      for (const [name, channel] of Object.entries(start.upstream.channels)) {
        const planned = (perYear * 0.5 * (channel.share as number)) / 52;
        // The shape averages 1 exactly; rounding each week to the cent moves the mean by at most half a cent.
        expect(Math.abs(mean((history.truth.plan as Record<string, number[]>)[name]) - planned), name).toBeLessThanOrEqual(0.005 + 1e-9);
      }
      for (const [name, channel] of Object.entries(start.downstream.channels)) {
        const planned = (perYear * 0.5 * (channel.share as number)) / 52;
        expect(Math.abs(mean((history.truth.plan as Record<string, number[]>)[name]) - planned), name).toBeLessThanOrEqual(0.005 + 1e-9);
      }
    }
  });

  it('no two channels move together: pairwise correlation of weekly spend below 0.8', () => {
    for (const history of histories) {
      const plan = history.truth.plan as Record<string, number[]>;
      for (let i = 0; i < channelNames.length; i += 1) {
        for (let j = i + 1; j < channelNames.length; j += 1) {
          const r = sampleCorrelation(plan[channelNames[i]], plan[channelNames[j]]);
          expect(Math.abs(r), `${channelNames[i]} and ${channelNames[j]}`).toBeLessThan(0.8);
        }
      }
    }
  });

  it('the CSV spend columns are the truth plan', () => {
    for (const name of channelNames) expect(column(name)).toEqual((example.truth.plan as Record<string, number[]>)[name]);
  });
});

describe('generateHistory: revenue', () => {
  it('noise: the sd of log(revenue / noiseless) is the noise asked for, within sampling error', () => {
    for (const noise of [0.03, 0.05, 0.08]) {
      for (const seed of [1, 2]) {
        const history = generateHistory(start, { ...CONSUMER_EXAMPLE, seed, noise });
        const residuals = Array.from(history.revenue, (value, t) => Math.log(value / history.noiseless[t]));
        // The sample sd of n normal values has standard error σ / √(2(n − 1)); the mean, σ / √n.
        const n = residuals.length;
        expect(Math.abs(sampleStandardDeviation(residuals) - noise), `noise ${noise}, seed ${seed}`).toBeLessThan((3 * noise) / Math.sqrt(2 * (n - 1)));
        expect(Math.abs(mean(residuals)), `noise ${noise}, seed ${seed}`).toBeLessThan((3 * noise) / Math.sqrt(n));
      }
    }
  });

  it('noise 0, no drivers, the truth undrawn: revenue is simulate’s for the start run over the CSV spend as its plan', () => {
    const history = generateHistory(start, { ...CONSUMER_EXAMPLE, noise: 0, drivers: false, drawTruth: false });
    const rows = csvParse(history.csv);
    expect(rows.columns).toEqual(['date', 'revenue', ...channelNames]);
    const plan = Object.fromEntries(channelNames.map((name) => [name, rows.map((row) => Number(row[name]))]));
    const { uncertainty: _uncertainty, ...settings } = start;
    const replay = simulate(parseModel({ ...settings, horizonYears: 3, plan }));
    replay.periods.forEach((period, t) => {
      expect(history.simulated[t], `week ${t + 1}`).toBe(period.revenue);
      expect(history.noiseless[t], `week ${t + 1}`).toBe(period.revenue);
      expect(Number(rows[t].revenue), `week ${t + 1}`).toBe(Math.round(period.revenue * 100) / 100);
    });
  });

  it('drivers: noiseless = simulated · exp(−0.08 · (price − mean price)) · 1.08 in discount weeks, 1.04 in bundle weeks', () => {
    const price = column('price');
    const priceMean = mean(price);
    expect(example.priceMean).toBeCloseTo(priceMean, 12);
    const multiplier: Record<string, number> = { none: 1, discount: 1.08, bundle: 1.04 };
    table.forEach((row, t) => {
      const expected = example.simulated[t] * Math.exp(-0.08 * (price[t] - priceMean)) * multiplier[row.promotion!];
      expect(Math.abs(example.noiseless[t] / expected - 1), `week ${t + 1}`).toBeLessThan(1e-12);
    });
    expect(example.drivers).toEqual([
      { name: 'price', logEffect: -0.08, effect: Math.expm1(-0.08) },
      { name: 'promotion=discount', logEffect: Math.log(1.08), effect: 0.08 },
      { name: 'promotion=bundle', logEffect: Math.log(1.04), effect: 0.04 },
    ]);
  });

  it('price stays about 10 with cuts, and "none" is the most common promotion', () => {
    const price = column('price');
    expect(Math.min(...price)).toBeGreaterThan(6);
    expect(Math.max(...price)).toBeLessThan(13);
    expect(price.some((value, t) => t > 0 && value < 0.9 * price[t - 1])).toBe(true);
    const counts = new Map<string, number>();
    for (const row of table) counts.set(row.promotion!, (counts.get(row.promotion!) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual(['bundle', 'discount', 'none']);
    expect(counts.get('none')!).toBeGreaterThan(0.7 * table.length);
  });

  it('simulated is simulate(truth)’s revenue, bit for bit', () => {
    simulate(example.truth).periods.forEach((period, t) => expect(example.simulated[t]).toBe(period.revenue));
  });

  it('the noise floor is the error of noiseless against revenue over the last 13 weeks', () => {
    const floor = example.noiseFloor!;
    expect(floor.periods).toBe(13);
    const last = Array.from({ length: 13 }, (_, k) => 143 + k);
    const mape = mean(last.map((t) => Math.abs(example.revenue[t] - example.noiseless[t]) / example.revenue[t]));
    expect(floor.mape).toBeCloseTo(mape, 12);
    // With 5 % noise the mean absolute log error is about 0.05 · √(2/π) ≈ 0.04.
    expect(floor.mape).toBeGreaterThan(0.02);
    expect(floor.mape).toBeLessThan(0.07);
    expect(generateHistory(start, { ...CONSUMER_EXAMPLE, holdout: 0 }).noiseFloor).toBeNull();
  });
});

describe('generateHistory: the truth', () => {
  const ranged = Object.keys(start.uncertainty!);
  const fitted = ranged.filter((path) => !path.startsWith('economics.'));

  it('draws each setting with a range except economics, and keeps every other setting, history and economics', () => {
    const truth = example.truth as ChannelModel;
    for (const path of fitted) {
      expect(settingOf(truth, path), path).not.toBe(settingOf(start, path));
      expect(example.trueValues[path], path).toBe(settingOf(truth, path));
    }
    expect(truth.economics).toEqual(start.economics);
    expect(truth.brand.initialEquity).toBe('history');
    for (const name of upstreamNames) {
      const { halfSaturation: _drawn, ...kept } = truth.upstream.channels[name];
      const { halfSaturation: _start, ...expected } = start.upstream.channels[name];
      expect(kept, name).toEqual(expected);
    }
    for (const name of downstreamNames) {
      const { halfSaturation: _a, maxConversionLift: _b, halfLifeMonths: _e, ...kept } = truth.downstream.channels[name];
      const { halfSaturation: _c, maxConversionLift: _d, halfLifeMonths: _f, ...expected } = start.downstream.channels[name];
      expect(kept, name).toEqual(expected);
    }
    expect(truth.uncertainty).toBeUndefined();
    expect(truth.horizonYears).toBe(3);
    expect(isChannelModel(truth)).toBe(true);
  });

  it('draws settings from their ranges: over 300 seeds the log of each lognormal draw has the range’s median and sigma', () => {
    const draws = Array.from({ length: 300 }, (_, seed) => generateHistory(start, { ...CONSUMER_EXAMPLE, years: 1, seed, drivers: false }).truth);
    for (const path of fitted) {
      const range = start.uncertainty![path] as { median: number; sigma: number };
      const logs = draws.map((truth) => Math.log(settingOf(truth, path) / range.median));
      // Standard errors: σ / √300 for the mean, σ / √598 for the sd.
      expect(Math.abs(mean(logs)), path).toBeLessThan((4 * range.sigma) / Math.sqrt(300));
      expect(Math.abs(sampleStandardDeviation(logs) - range.sigma), path).toBeLessThan((4 * range.sigma) / Math.sqrt(598));
    }
    const demand = draws.map((truth) => Math.log(truth.market.inMarketPerMonth / start.market.inMarketPerMonth));
    expect(Math.abs(sampleStandardDeviation(demand) - 0.2)).toBeLessThan((4 * 0.2) / Math.sqrt(598));
    const growth = draws.map((truth) => truth.market.growthPerYear - start.market.growthPerYear);
    expect(Math.abs(sampleStandardDeviation(growth) - 0.02)).toBeLessThan((4 * 0.02) / Math.sqrt(598));
  });

  it('seasonality is exp of two yearly harmonics, from index 0 at the first week, with the first amplitude 0.05–0.12', () => {
    const { 'seasonality.cos1': a1, 'seasonality.sin1': b1, 'seasonality.cos2': a2, 'seasonality.sin2': b2 } = example.trueValues;
    const seasonality = example.truth.market.seasonality!;
    expect(seasonality).toHaveLength(52);
    seasonality.forEach((value, k) => {
      const angle = (2 * Math.PI * k) / 52;
      expect(Math.log(value)).toBeCloseTo(a1 * Math.cos(angle) + b1 * Math.sin(angle) + a2 * Math.cos(2 * angle) + b2 * Math.sin(2 * angle), 12);
    });
    expect(Math.hypot(a1, b1)).toBeGreaterThanOrEqual(0.05);
    expect(Math.hypot(a1, b1)).toBeLessThanOrEqual(0.12);
    expect(Math.hypot(a2, b2)).toBeGreaterThanOrEqual(0.03);
    expect(Math.hypot(a2, b2)).toBeLessThanOrEqual(0.08);
  });

  it('without drawing, the truth is the start with the history as its plan', () => {
    const history = generateHistory(start, { ...CONSUMER_EXAMPLE, drawTruth: false });
    const { name: _a, description: _b, plan, horizonYears, ...truth } = history.truth as ChannelModel;
    const { name: _c, description: _d, uncertainty: _e, horizonYears: _f, $schema: _g, ...expected } = start as ChannelModel & { $schema?: string };
    expect(truth).toEqual(expected);
    expect(horizonYears).toBe(3);
    expect(Object.keys(plan!)).toEqual(channelNames);
  });
});

describe('generateHistory: bad options', () => {
  const cases: [string, Partial<Parameters<typeof generateHistory>[1]>, RegExp][] = [
    ['a fractional seed', { seed: 1.5 }, /seed must be a whole number/],
    ['six years', { years: 6 }, /years must be a whole number from 1 to 5, got 6/],
    ['negative noise', { noise: -0.1 }, /noise must be a finite number ≥ 0/],
    ['a date that does not exist', { startDate: '2023-02-30' }, /startDate must be an ISO date yyyy-mm-dd, got "2023-02-30"/],
    ['a date written another way', { startDate: '02/01/2023' }, /startDate must be an ISO date/],
    ['a negative holdout', { holdout: -1 }, /holdout must be a whole number ≥ 0/],
    ['a seasonal channel that is not upstream', { seasonalChannels: ['Search'] }, /seasonalChannels names "Search", which is not an upstream channel/],
  ];
  it.each(cases)('refuses %s, naming the option', (_, change, message) => {
    expect(() => generateHistory(start, { ...CONSUMER_EXAMPLE, ...change })).toThrow(message);
  });

  it('refuses a monthly model: the history is weekly', () => {
    const monthly: Model = parseModel(JSON.parse(readFileSync(new URL('../../../models/consumer-channels.json', import.meta.url), 'utf8')));
    expect(() => generateHistory(monthly, CONSUMER_EXAMPLE)).toThrow(/must be weekly \(periodsPerYear 52\), got periodsPerYear 12/);
  });
});
