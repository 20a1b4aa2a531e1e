import { afterAll, describe, expect, it } from 'vitest';
import { applyOverride, parseOverride } from '../../src/cli/set-override.ts';
import { channelExample } from '../engine/channel-bad-inputs.ts';
import { STACK_LINE, cliErrorMessage, runInProcess, temporaryFiles } from './cli-harness.ts';

// --set on a channel's setting (issue 11): `--set upstream.channels.TV.halfSaturation=50000`.

const applied = (...overrides: string[]) => {
  const json = channelExample();
  for (const override of overrides) applyOverride(json, parseOverride(override));
  return json;
};

const files = temporaryFiles({ 'channels.json': JSON.stringify(channelExample()) });
afterAll(() => files.remove());

describe('--set on channel settings', () => {
  it('writes a channel\'s setting, its short-term effect and its bounds by path', () => {
    const json = applied(
      'upstream.channels.TV.halfSaturation=50000',
      'downstream.channels.Search.share=0.5',
      'upstream.channels.Sponsorship.shortTerm={"halfLifeMonths":0.5,"halfSaturation":20000,"shape":1,"maxConversionLift":0.002}',
      'upstream.channels.Sponsorship.shortTerm.shape=1.5',
      'downstream.channels.Social.bounds.maxPerYear=100000',
    );
    expect(json.upstream.channels.TV.halfSaturation).toBe(50000);
    expect(json.downstream.channels.Search.share).toBe(0.5);
    expect(json.upstream.channels.Sponsorship.shortTerm).toEqual({ halfLifeMonths: 0.5, halfSaturation: 20000, shape: 1.5, maxConversionLift: 0.002 });
    expect(json.downstream.channels.Social.bounds).toEqual({ maxPerYear: 100000 });
  });

  it('adds a whole channel', () => {
    const json = applied('downstream.channels.Email={"share":0,"historyPerMonth":0,"halfLifeMonths":0.3,"halfSaturation":2000,"shape":1,"maxConversionLift":0.002}');
    expect(Object.keys(json.downstream.channels)).toEqual(['Search', 'Social', 'Email']);
  });

  it('refuses an unknown channel name, suggesting the closest', () => {
    expect(cliErrorMessage(() => applied('upstream.channels.Tv.halfSaturation=50000'))).toBe(
      'cannot apply --set upstream.channels.Tv.halfSaturation: there is no upstream channel named Tv; did you mean upstream.channels.TV.halfSaturation? (upstream channels: TV, Sponsorship)',
    );
    expect(cliErrorMessage(() => applied('downstream.channels.Radio.share=0.5'))).toBe(
      'cannot apply --set downstream.channels.Radio.share: there is no downstream channel named Radio (downstream channels: Search, Social)',
    );
  });

  it('refuses a channel of the other side, naming the path to write', () => {
    expect(cliErrorMessage(() => applied('upstream.channels.Search.share=0.5'))).toBe(
      'cannot apply --set upstream.channels.Search.share: Search is a downstream channel: write downstream.channels.Search.share',
    );
  });

  it('refuses a channel path in a two-lever file, naming the two-lever field', () => {
    const twoLever = { upstream: { halfSaturation: 60000 }, downstream: { halfSaturation: 15000 } };
    expect(cliErrorMessage(() => applyOverride(twoLever, parseOverride('upstream.channels.TV.halfSaturation=5')))).toBe(
      'cannot apply --set upstream.channels.TV.halfSaturation: the model is in the two-lever form, with no upstream channels; write upstream.halfSaturation',
    );
  });

  it('simulate --set upstream.channels.TV.halfSaturation=50000 runs the changed model', () => {
    const base = runInProcess(['simulate', files.path('channels.json'), '--format', 'json']);
    const changed = runInProcess(['simulate', files.path('channels.json'), '--set', 'upstream.channels.TV.halfSaturation=50000', '--format', 'json']);
    expect(base.exitCode, base.stderr).toBe(0);
    expect(changed.exitCode, changed.stderr).toBe(0);
    // A higher half-saturation point: TV builds less equity for the same spend, so revenue falls.
    expect(JSON.parse(changed.stdout).summary.totalRevenue).toBeLessThan(JSON.parse(base.stdout).summary.totalRevenue);
  });

  it('simulate --set on both downstream shares runs; on one, exits 2 saying the shares must sum to 1', () => {
    const both = runInProcess(['simulate', files.path('channels.json'), '--set', 'downstream.channels.Search.share=0.5', '--set', 'downstream.channels.Social.share=0.5', '--format', 'json']);
    expect(both.exitCode, both.stderr).toBe(0);
    const one = runInProcess(['simulate', files.path('channels.json'), '--set', 'downstream.channels.Search.share=0.5']);
    expect(one.exitCode).toBe(2);
    expect(one.stderr).toBe(`${files.path('channels.json')}: downstream.channels.Search.share must sum to 1 with the other downstream shares, got 0.9 (Search 0.5 + Social 0.4)\n`);
  });

  it('simulate with an unknown channel in --set exits 2 with the suggestion, no stack trace', () => {
    const run = runInProcess(['simulate', files.path('channels.json'), '--set', 'downstream.channels.Serch.halfSaturation=9000']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toBe('cannot apply --set downstream.channels.Serch.halfSaturation: there is no downstream channel named Serch; did you mean downstream.channels.Search.halfSaturation? (downstream channels: Search, Social)\n');
    expect(run.stderr).not.toMatch(STACK_LINE);
  });
});
