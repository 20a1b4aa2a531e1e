import { csvParse } from 'd3';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { marginalRoi, parseModel, simulate } from '../../src/engine/index.ts';
import { createNumberFormats } from '../../src/engine/io/number-formats.ts';
import { PROJECT_ROOT, STACK_LINE, runInProcess, temporaryFiles } from './cli-harness.ts';

// The channel form of spec 9.1 through every command that runs a model. The fixture is spec
// 9.1's example (TV 0.7 / Sponsorship 0.3 upstream, Search 0.6 / Social 0.4 downstream) on a
// budget of 1.2 million a year, half upstream, over 3 monthly years, TV with a short-term effect.
const FIXTURE = 'tests/cli/fixtures/channel-brand.json';
const fixtureJson = JSON.parse(readFileSync(`${PROJECT_ROOT}${FIXTURE}`, 'utf8'));
const model = parseModel(fixtureJson);
const result = simulate(model);
const marginal = marginalRoi(model);

// Spend by hand: 1.2e6 a year · 0.5 a side · the channel's share, over 3 years.
const SPEND_BY_HAND: Record<string, number> = { TV: 1_260_000, Sponsorship: 540_000, Search: 1_080_000, Social: 720_000 };

const files = temporaryFiles({
  'more-tv.json': JSON.stringify({
    ...fixtureJson,
    name: 'More TV',
    upstream: { ...fixtureJson.upstream, channels: {
      TV: { ...fixtureJson.upstream.channels.TV, share: 0.9 },
      Sponsorship: { ...fixtureJson.upstream.channels.Sponsorship, share: 0.1 },
    } },
  }),
});
afterAll(() => files.remove());

const succeeds = (argv: string[]) => {
  const run = runInProcess(argv);
  expect(run.stderr).not.toMatch(STACK_LINE);
  expect(run.exitCode, run.stderr).toBe(0);
  return run;
};

describe('simulate with channels', () => {
  it('the table has a row per channel: side, spend, incremental revenue, ROI, marginal ROI, value added', () => {
    const { stdout } = succeeds(['simulate', FIXTURE]);
    const lines = stdout.split('\n');
    const start = lines.indexOf('By channel');
    expect(start).toBeGreaterThan(lines.indexOf('Key figures'));
    expect(start).toBeLessThan(lines.indexOf('By year'));
    expect(lines[start + 1].trim().split(/ {3,}/)).toEqual(['Channel', 'Side', 'Spend', 'Incremental revenue', 'ROI', 'Marginal ROI', 'Value added']);
    const formats = createNumberFormats({});
    const signed = (value: number) => `${value > 0 ? '+' : ''}${formats.percent(value)}`;
    result.summary.channels.forEach((channel, index) => {
      expect(channel.spend).toBeCloseTo(SPEND_BY_HAND[channel.name], 6);
      expect(lines[start + 2 + index].trim().split(/ {3,}/)).toEqual([
        channel.name, channel.side, formats.money(SPEND_BY_HAND[channel.name]), formats.money(channel.incrementalRevenue),
        formats.percent(channel.roi), signed(marginal.channels[index].marginalRoi), formats.money(channel.valueAdded),
      ]);
    });
    expect(lines.slice(start + 2, start + 6).map((line) => line.trim().split(/ +/)[0])).toEqual(['TV', 'Sponsorship', 'Search', 'Social']);
  });

  it('a two-lever model\'s table has no channel table (its two channels are the sides)', () => {
    expect(succeeds(['simulate', 'models/default.json']).stdout).not.toMatch(/By channel/);
  });

  it('csv adds a spend:<name> column per channel at the end; the spend is each share of the budget', () => {
    const { stdout } = succeeds(['simulate', FIXTURE, '--format', 'csv']);
    const [header] = stdout.split('\n');
    expect(header).toBe('period,t,upstream,downstream,equity,demand,conversion,sales,revenue,contribution,profit,revenueBase,revenueUpstream,revenueDownstream,revenueSynergy,spend:TV,spend:Sponsorship,spend:Search,spend:Social');
    const rows = csvParse(stdout);
    expect(rows).toHaveLength(36);
    for (const row of rows) {
      // 100,000 a month: 50,000 a side, split 0.7 / 0.3 and 0.6 / 0.4 (by hand).
      expect([row['spend:TV'], row['spend:Sponsorship'], row['spend:Search'], row['spend:Social']].map(Number)).toEqual([35000, 15000, 30000, 20000]);
      expect(Number(row['spend:TV']) + Number(row['spend:Sponsorship'])).toBe(Number(row.upstream));
      expect(Number(row['spend:Search']) + Number(row['spend:Social'])).toBe(Number(row.downstream));
    }
  });

  it('csv of a two-lever model keeps exactly its columns', () => {
    const [header] = succeeds(['simulate', 'models/default.json', '--format', 'csv']).stdout.split('\n');
    expect(header).toBe('period,t,upstream,downstream,equity,demand,conversion,sales,revenue,contribution,profit,revenueBase,revenueUpstream,revenueDownstream,revenueSynergy');
  });

  it('json has each period\'s spend by channel, summary.channels and marginalRoi.channels, as the engine gives them', () => {
    const printed = JSON.parse(succeeds(['simulate', FIXTURE, '--format', 'json']).stdout);
    expect(printed.periods).toStrictEqual(result.periods);
    expect(printed.periods[0].spend).toEqual({ TV: 35000, Sponsorship: 15000, Search: 30000, Social: 20000 });
    expect(printed.summary.channels).toStrictEqual(result.summary.channels);
    expect(printed.marginalRoi.channels.map((channel: { name: string }) => channel.name)).toEqual(['TV', 'Sponsorship', 'Search', 'Social']);
    expect(printed.marginalRoi).toStrictEqual(JSON.parse(JSON.stringify(marginal)));
  });

  it('--set reaches a channel\'s setting by its path', () => {
    const printed = JSON.parse(succeeds(['simulate', FIXTURE, '--format', 'json', '--set', 'upstream.channels.TV.halfSaturation=90000']).stdout);
    const changed = simulate(parseModel({ ...fixtureJson, upstream: { ...fixtureJson.upstream, channels: {
      ...fixtureJson.upstream.channels, TV: { ...fixtureJson.upstream.channels.TV, halfSaturation: 90000 },
    } } }));
    expect(printed.summary).toStrictEqual(changed.summary);
    expect(printed.summary.npv).not.toBe(result.summary.npv);
  });
});

describe('validate with channels', () => {
  it('counts each side\'s channels; a two-lever file\'s line is as before', () => {
    expect(succeeds(['validate', FIXTURE, 'models/default.json']).stdout).toBe([
      `OK: Channel brand (${FIXTURE}): 2 upstream channels, 2 downstream channels`,
      'OK: Consumer brand (default) (models/default.json)',
      '',
    ].join('\n'));
  });

  it('says 1 channel and 0 channels in words', () => {
    const oneSided = temporaryFiles({ 'one.json': JSON.stringify({
      ...fixtureJson,
      budget: { perYear: 1_200_000, upstreamShare: 0 },
      upstream: { insightFeedback: 0, channels: {} },
      downstream: { channels: { Search: { ...fixtureJson.downstream.channels.Search, share: 1 } } },
      uncertainty: undefined,
    }) });
    try {
      expect(succeeds(['validate', oneSided.path('one.json')]).stdout).toBe(`OK: Channel brand (${oneSided.path('one.json')}): 0 upstream channels, 1 downstream channel\n`);
    } finally {
      oneSided.remove();
    }
  });
});

describe('compare with channels', () => {
  it('adds rows by channel: each figure, and its difference from the first', () => {
    const { stdout } = succeeds(['compare', FIXTURE, files.path('more-tv.json')]);
    const lines = stdout.split('\n');
    const heading = lines.findIndex((line) => line.startsWith('Channel TV (upstream)'));
    expect(heading).toBeGreaterThan(lines.findIndex((line) => line.startsWith('Brand equity at the end')));
    // TV's spend: 1,260,000, and at a share of 0.9, 1.2e6 · 3 · 0.5 · 0.9 = 1,620,000: +360,000, +28.6 %.
    expect(lines[heading + 1].trim().split(/ {3,}/)).toEqual(['Spend', '1,260,000', '1,620,000', '+360,000 (+28.6%)']);
    expect(lines[heading + 2].trim().split(/ {3,}/)[0]).toBe('Incremental revenue');
    expect(lines[heading + 3].trim().split(/ {3,}/)[0]).toBe('ROI');
    expect(lines[heading + 3]).toMatch(/ pts$/);
    expect(lines[heading + 4].trim().split(/ {3,}/)[0]).toBe('Marginal ROI');
    expect(lines[heading + 5].trim().split(/ {3,}/)[0]).toBe('Value added');
    const sponsorship = lines.findIndex((line) => line.startsWith('Channel Sponsorship (upstream)'));
    expect(lines[sponsorship + 1].trim().split(/ {3,}/)).toEqual(['Spend', '540,000', '180,000', '-360,000 (-66.7%)']);
    expect(lines.filter((line) => line.startsWith('Channel '))).toEqual([
      'Channel TV (upstream)', 'Channel Sponsorship (upstream)', 'Channel Search (downstream)', 'Channel Social (downstream)',
    ]);
  });

  it('shows "—" for a channel that a model does not have', () => {
    const { stdout } = succeeds(['compare', FIXTURE, 'models/default.json']);
    const lines = stdout.split('\n');
    const heading = lines.findIndex((line) => line.startsWith('Channel TV (upstream)'));
    expect(lines[heading + 1].trim().split(/ {3,}/)).toEqual(['Spend', '1,260,000', '—', '—']);
    // The two-lever model's channels are its sides.
    const upstream = lines.findIndex((line) => line.startsWith('Channel upstream (upstream)'));
    expect(lines[upstream + 1].trim().split(/ {3,}/)).toEqual(['Spend', '—', '1,800,000', '—']);
  });

  it('two two-lever models have no rows by channel', () => {
    expect(succeeds(['compare', 'models/default.json', 'models/default.json']).stdout).not.toMatch(/^Channel /m);
  });

  it('json carries summary.channels and marginalRoi.channels', () => {
    const printed = JSON.parse(succeeds(['compare', FIXTURE, files.path('more-tv.json'), '--format', 'json']).stdout);
    expect(printed.scenarios[0].summary.channels).toStrictEqual(result.summary.channels);
    expect(printed.scenarios[1].summary.channels[0].spend).toBeCloseTo(1_620_000, 6);
    expect(printed.scenarios[0].marginalRoi.channels).toHaveLength(4);
  });
});

describe('sweep over a channel\'s share', () => {
  it('moves money between TV and sponsorship; the side\'s budget stays', () => {
    const printed = JSON.parse(succeeds(['sweep', FIXTURE, '--param', 'upstream.channels.TV.share', '--from', '0', '--to', '1', '--steps', '3']).stdout);
    expect(printed.param).toBe('upstream.channels.TV.share');
    const spendOf = (point: { summary: { channels: { name: string; spend: number }[] } }, name: string) => point.summary.channels.find((channel) => channel.name === name)!.spend;
    // 1.8 million upstream over 3 years: TV 0 / 0.9 / 1.8 million, sponsorship the rest.
    expect(printed.points.map((point: never) => spendOf(point, 'TV'))).toEqual([0, 900_000, 1_800_000].map((value) => expect.closeTo(value, 6)));
    expect(printed.points.map((point: never) => spendOf(point, 'Sponsorship'))).toEqual([1_800_000, 900_000, 0].map((value) => expect.closeTo(value, 6)));
    expect(printed.points.map((point: never) => spendOf(point, 'Search'))).toEqual([1_080_000, 1_080_000, 1_080_000].map((value) => expect.closeTo(value, 6)));
  });

  it('at the file\'s own share gives the file\'s results', () => {
    const printed = JSON.parse(succeeds(['sweep', FIXTURE, '--param', 'upstream.channels.TV.share', '--from', '0.7', '--to', '0.7', '--steps', '2']).stdout);
    for (const point of printed.points) {
      expect(point.summary.npvWithCarryover).toBeCloseTo(result.summary.npvWithCarryover, 4);
      expect(point.summary.channels[1].valueAdded).toBeCloseTo(result.summary.channels[1].valueAdded, 4);
    }
  });

  it('sweeps one year of shares given per year', () => {
    const printed = JSON.parse(succeeds(['sweep', FIXTURE, '--param', 'upstream.channels.TV.share.2', '--from', '0', '--to', '1', '--steps', '2',
      '--set', 'upstream.channels.TV.share=[0.7,0.5,0.1]', '--set', 'upstream.channels.Sponsorship.share=[0.3,0.5,0.9]']).stdout);
    const spendOf = (point: { summary: { channels: { name: string; spend: number }[] } }, name: string) => point.summary.channels.find((channel) => channel.name === name)!.spend;
    // 600,000 upstream a year: TV 0.7 + 0.5 + (0 or 1) of it, sponsorship 0.3 + 0.5 + (1 or 0).
    expect(spendOf(printed.points[0], 'TV')).toBeCloseTo(720_000, 6);
    expect(spendOf(printed.points[1], 'TV')).toBeCloseTo(1_320_000, 6);
    expect(spendOf(printed.points[0], 'Sponsorship')).toBeCloseTo(1_080_000, 6);
    expect(spendOf(printed.points[1], 'Sponsorship')).toBeCloseTo(480_000, 6);
  });

  it('csv adds each channel\'s figures after the usual columns', () => {
    const { stdout } = succeeds(['sweep', FIXTURE, '--param', 'downstream.channels.Search.share', '--from', '0', '--to', '1', '--steps', '5', '--format', 'csv']);
    const header = stdout.split('\n')[0].split(',');
    expect(header.slice(-20)).toEqual(['TV', 'Sponsorship', 'Search', 'Social'].flatMap((name) => ['spend', 'incrementalRevenue', 'roi', 'marginalRoi', 'valueAdded'].map((field) => `${field}:${name}`)));
    const rows = csvParse(stdout);
    // 1.8 million downstream: Search 0, 0.45, 0.9, 1.35, 1.8 million, Social the rest.
    expect(rows.map((row) => Number(row['spend:Search']))).toEqual([0, 450_000, 900_000, 1_350_000, 1_800_000].map((value) => expect.closeTo(value, 6)));
    expect(rows.map((row) => Number(row['spend:Social']))).toEqual([1_800_000, 1_350_000, 900_000, 450_000, 0].map((value) => expect.closeTo(value, 6)));
    // A channel that spends nothing has no ROI: an empty cell.
    expect(rows[0]['roi:Search']).toBe('');
  });

  it('a two-lever sweep keeps its columns', () => {
    const header = succeeds(['sweep', 'models/default.json', '--param', 'budget.upstreamShare', '--from', '0', '--to', '1', '--steps', '2', '--format', 'csv']).stdout.split('\n')[0];
    expect(header).not.toMatch(/:/);
  });

  it('refuses a channel that is not there, with exit status 2 and the side\'s channels', () => {
    const run = runInProcess(['sweep', FIXTURE, '--param', 'upstream.channels.Radio.share', '--from', '0', '--to', '1', '--steps', '2']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toBe("cannot sweep upstream.channels.Radio.share: no upstream channel 'Radio'; the upstream channels are TV, Sponsorship\n");
  });

  it('a share outside 0…1 is refused naming the value and the share', () => {
    const run = runInProcess(['sweep', FIXTURE, '--param', 'upstream.channels.TV.share', '--from', '0', '--to', '1.5', '--steps', '2']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/^sweep value 1.5 \(--to\) for upstream.channels.TV.share gives an invalid model:\n.*upstream.channels.TV.share must be between 0 and 1, got 1.5/);
  });
});

describe('frontier with channels', () => {
  it('csv adds each channel\'s spend in the best plan; they add up to the total spend', () => {
    const { stdout } = succeeds(['frontier', FIXTURE, '--from', '0.5', '--to', '1', '--steps', '2', '--format', 'csv']);
    const rows = csvParse(stdout);
    expect(rows.columns.slice(-4)).toEqual(['spend:TV', 'spend:Sponsorship', 'spend:Search', 'spend:Social']);
    for (const row of rows) {
      const channelTotal = ['TV', 'Sponsorship', 'Search', 'Social'].reduce((total, name) => total + Number(row[`spend:${name}`]), 0);
      expect(channelTotal).toBeCloseTo(Number(row.totalSpend), 3);
    }
    // Half the budget, then all of it: 1.8 and 3.6 million over 3 years.
    expect(rows.map((row) => Number(row.totalSpend))).toEqual([1_800_000, 3_600_000].map((value) => expect.closeTo(value, 3)));
  });

  it('a two-lever frontier keeps its columns', () => {
    const header = succeeds(['frontier', 'models/default.json', '--from', '0.5', '--to', '1', '--steps', '2', '--format', 'csv']).stdout.split('\n')[0];
    expect(header).toBe('multiplier,budgetPerYear,totalSpend,value,upstreamShare,roi,marginalValue,marginalRoi');
  });
});

describe('montecarlo and sensitivity with channels', () => {
  const channelUncertainty = 'uncertainty={"upstream.channels.TV.halfSaturation":{"dist":"lognormal","median":45000,"sigma":0.4},"downstream.channels.Search.maxConversionLift":{"dist":"lognormal","median":0.009,"sigma":0.3}}';

  it('montecarlo runs a channel model, its ranges on channel settings included', () => {
    const printed = JSON.parse(succeeds(['montecarlo', FIXTURE, '--draws', '200', '--seed', '3', '--set', channelUncertainty]).stdout);
    expect(printed.uncertainFields).toEqual(['upstream.channels.TV.halfSaturation', 'downstream.channels.Search.maxConversionLift']);
    expect(printed.summary.totalSpend.mean).toBeCloseTo(3_600_000, 4);
    expect(printed.summary.incrementalNpvWithCarryover.p10).toBeLessThan(printed.summary.incrementalNpvWithCarryover.p90);
    expect(succeeds(['montecarlo', FIXTURE, '--draws', '200', '--format', 'table']).stdout).toMatch(/^Uncertainty of Channel brand/);
  });

  it('sensitivity lists channel settings by their paths', () => {
    const printed = JSON.parse(succeeds(['sensitivity', FIXTURE, '--set', channelUncertainty, '--format', 'json']).stdout);
    expect(printed.rows.map((row: { path: string }) => row.path).sort()).toEqual(['downstream.channels.Search.maxConversionLift', 'upstream.channels.TV.halfSaturation']);
    expect(succeeds(['sensitivity', FIXTURE, '--set', channelUncertainty]).stdout).toMatch(/upstream\.channels\.TV\.halfSaturation/);
  });
});
