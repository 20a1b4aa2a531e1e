import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { channelShareTarget, withChannelShare } from '../../src/cli/sweep-channel-share.ts';
import { CliError } from '../../src/cli/cli-error.ts';

/** The message of the CliError that `action` throws (this file stays clear of the whole command, which it does not need). */
function cliErrorMessage(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    return (error as Error).message;
  }
  throw new Error('expected a CliError');
}

/** A model file's JSON with these upstream shares (channel name → share), two downstream channels fixed. */
const fileWith = (upstream: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  name: 'Shares',
  upstream: { insightFeedback: 0, channels: Object.fromEntries(Object.entries(upstream).map(([name, share]) => [name, { share, lagMonths: 1 }])) },
  downstream: { channels: { Search: { share: 0.6 }, Social: { share: 0.4 } } },
  ...extra,
});

type File = ReturnType<typeof fileWith>;
const sharesOf = (json: unknown) => Object.fromEntries(
  Object.entries((json as File).upstream.channels).map(([name, channel]) => [name, (channel as { share: unknown }).share]),
);
const sweepShare = (json: unknown, path: string, value: number) => withChannelShare(json, channelShareTarget(path)!, value, path);

describe('channelShareTarget', () => {
  it('reads the side, the channel and the year from a share path, and nothing from other paths', () => {
    expect(channelShareTarget('upstream.channels.TV.share')).toEqual({ side: 'upstream', channel: 'TV', year: undefined });
    expect(channelShareTarget('downstream.channels.Retail media.share.2')).toEqual({ side: 'downstream', channel: 'Retail media', year: 2 });
    expect(channelShareTarget('budget.upstreamShare')).toBeUndefined();
    expect(channelShareTarget('upstream.channels.TV.halfSaturation')).toBeUndefined();
    expect(channelShareTarget('upstream.channels.TV.share.01')).toBeUndefined();
  });
});

describe('withChannelShare', () => {
  it('rescales the other shares of the side in proportion: 0.5/0.3/0.2 with A at 0.8 gives 0.12 and 0.08', () => {
    const result = sweepShare(fileWith({ A: 0.5, B: 0.3, C: 0.2 }), 'upstream.channels.A.share', 0.8);
    const shares = sharesOf(result) as Record<string, number>;
    expect(shares.A).toBe(0.8);
    // (1 − 0.8) · 0.3 / 0.5 and (1 − 0.8) · 0.2 / 0.5, by hand
    expect(shares.B).toBeCloseTo(0.12, 15);
    expect(shares.C).toBeCloseTo(0.08, 15);
    // The other side is untouched.
    expect((result as File).downstream).toEqual({ channels: { Search: { share: 0.6 }, Social: { share: 0.4 } } });
  });

  it('splits the rest evenly when the others are all 0', () => {
    expect(sharesOf(sweepShare(fileWith({ A: 1, B: 0, C: 0 }), 'upstream.channels.A.share', 0.4))).toEqual({ A: 0.4, B: 0.3, C: 0.3 });
  });

  it('at 1 gives the others 0, and at 0 gives them everything in their proportions', () => {
    expect(sharesOf(sweepShare(fileWith({ TV: 0.7, Sponsorship: 0.3 }), 'upstream.channels.TV.share', 1))).toEqual({ TV: 1, Sponsorship: 0 });
    expect(sharesOf(sweepShare(fileWith({ A: 0.5, B: 0.125, C: 0.375 }), 'upstream.channels.A.share', 0))).toEqual({ A: 0, B: 0.25, C: 0.75 });
  });

  it('with shares per year, rescales each year; a number share that ends up different by year becomes a list', () => {
    const result = sharesOf(sweepShare(fileWith({ A: [0.5, 0.2], B: 0.25, C: [0.25, 0.55] }), 'upstream.channels.A.share', 0.6));
    expect(result.A).toBe(0.6);
    const [b, c] = [result.B as number[], result.C as number[]];
    // Year 1: B and C were 0.25 and 0.25 → 0.2 each; year 2: 0.25 and 0.55 → 0.4 · 0.25/0.8 and 0.4 · 0.55/0.8.
    expect(b).toHaveLength(2);
    expect(b[0]).toBeCloseTo(0.2, 15);
    expect(b[1]).toBeCloseTo(0.125, 15);
    expect(c[0]).toBeCloseTo(0.2, 15);
    expect(c[1]).toBeCloseTo(0.275, 15);
  });

  it('keeps a number a number when every year rescales it alike', () => {
    expect(sharesOf(sweepShare(fileWith({ A: [0.5, 0.5], B: 0.5 }), 'upstream.channels.A.share', 0.2))).toEqual({ A: 0.2, B: 0.8 });
  });

  it('with a year in the path, sets that year alone and rescales the others in that year alone', () => {
    const result = sharesOf(sweepShare(fileWith({ A: [0.5, 0.6, 0.7], B: [0.5, 0.4, 0.3] }), 'upstream.channels.A.share.1', 0.9));
    expect(result.A).toEqual([0.5, 0.9, 0.7]);
    expect((result.B as number[])[0]).toBe(0.5);
    expect((result.B as number[])[1]).toBeCloseTo(0.1, 15);
    expect((result.B as number[])[2]).toBe(0.3);
  });

  it('a number share of another channel becomes one per year when only one year changes', () => {
    const result = sharesOf(sweepShare(fileWith({ A: [0.5, 0.5], B: 0.5 }), 'upstream.channels.A.share.0', 0.25));
    expect(result).toEqual({ A: [0.25, 0.5], B: [0.75, 0.5] });
  });

  it('leaves the file it was given as it was, and copies only what changes', () => {
    const file = fileWith({ A: 0.5, B: 0.5 });
    const before = structuredClone(file);
    const result = sweepShare(file, 'upstream.channels.A.share', 0.1) as File;
    expect(file).toEqual(before);
    expect(result.downstream).toBe(file.downstream);
  });

  it('writes a value outside 0…1 without rescaling, so validation names the swept share', () => {
    expect(sharesOf(sweepShare(fileWith({ A: 0.5, B: 0.5 }), 'upstream.channels.A.share', 1.5))).toEqual({ A: 1.5, B: 0.5 });
    expect(sharesOf(sweepShare(fileWith({ A: 0.5, B: 'half' }), 'upstream.channels.A.share', 0.3))).toEqual({ A: 0.3, B: 'half' });
  });

  it('keeps a channel named __proto__ an own key and pollutes no prototype', () => {
    const file = JSON.parse('{"upstream":{"channels":{"__proto__":{"share":0.5},"TV":{"share":0.5}}},"downstream":{"channels":{}}}');
    const result = sweepShare(file, 'upstream.channels.TV.share', 0.2) as File;
    const channels = result.upstream.channels as Record<string, { share: number }>;
    expect(Object.keys(channels)).toEqual(['__proto__', 'TV']);
    expect(Object.getOwnPropertyDescriptor(channels, '__proto__')?.value.share).toBeCloseTo(0.8, 15);
    expect(Object.getPrototypeOf(channels)).toBe(Object.prototype);
    expect(({} as { share?: unknown }).share).toBeUndefined();
  });

  it('refuses a channel that is not there, naming the side\'s channels and the closest', () => {
    expect(cliErrorMessage(() => sweepShare(fileWith({ TV: 0.7, Sponsorship: 0.3 }), 'upstream.channels.Tv.share', 0.5)))
      .toBe("cannot sweep upstream.channels.Tv.share: no upstream channel 'Tv'; did you mean TV? the upstream channels are TV, Sponsorship");
    expect(cliErrorMessage(() => sweepShare(fileWith({ TV: 1 }), 'downstream.channels.TV.share', 0.5)))
      .toBe("cannot sweep downstream.channels.TV.share: no downstream channel 'TV'; the downstream channels are Search, Social");
  });

  it('refuses a two-lever file, a file with a plan, and a year of a share that is one number', () => {
    const twoLever = { upstream: { lagMonths: 1 }, downstream: { halfLifeMonths: 1 } };
    expect(cliErrorMessage(() => sweepShare(twoLever, 'upstream.channels.TV.share', 0.5))).toMatch(/^cannot sweep upstream.channels.TV.share: the model has no upstream.channels \(a two-lever model has no channel shares; its split is budget.upstreamShare\)$/);
    expect(cliErrorMessage(() => sweepShare(fileWith({ TV: 1 }, { plan: { TV: [1] } }), 'upstream.channels.TV.share', 0.5))).toMatch(/the model gives each channel's spend per period in "plan"/);
    expect(cliErrorMessage(() => sweepShare(fileWith({ TV: 0.5, Radio: 0.5 }), 'upstream.channels.TV.share.0', 0.5))).toMatch(/upstream.channels.TV.share is not a list of one share per year/);
  });

  it('property: each year\'s shares sum to 1, the swept one is the value, and the others keep their ratios', () => {
    const shareLists = fc.integer({ min: 1, max: 5 }).chain((years) => fc.array(
      fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: years, maxLength: years }),
      { minLength: 2, maxLength: 12 },
    ));
    fc.assert(fc.property(shareLists, fc.double({ min: 0, max: 1, noNaN: true }), (raw, value) => {
      const years = raw[0].length;
      // Normalise each year to sum 1, as a valid file has them.
      const sums = Array.from({ length: years }, (_, year) => raw.reduce((total, list) => total + list[year], 0));
      const shares = raw.map((list) => list.map((share, year) => share / sums[year]));
      const names = shares.map((_, index) => `C${index}`);
      const file = fileWith(Object.fromEntries(names.map((name, index) => [name, shares[index]])));
      const result = sharesOf(sweepShare(file, 'upstream.channels.C0.share', value));
      expect(result.C0).toBe(value);
      for (let year = 0; year < years; year += 1) {
        const inYear = (name: string) => { const share = result[name]; return Array.isArray(share) ? share[year] : share as number; };
        expect(Math.abs(names.reduce((total, name) => total + inYear(name), 0) - 1)).toBeLessThan(1e-12);
        if (value < 1) {
          for (let index = 2; index < names.length; index += 1) {
            expect(inYear(names[index]) / inYear('C1')).toBeCloseTo(shares[index][year] / shares[1][year], 9);
          }
        }
      }
    }), { numRuns: 300 });
  });
});
