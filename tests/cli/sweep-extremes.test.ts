import { describe, expect, it } from 'vitest';
import { parseOverride, withOverride } from '../../src/cli/set-override.ts';
import { sweepValues } from '../../src/cli/sweep-values.ts';

describe('sweepValues at the ends of the doubles', () => {
  it('stays finite when to − from overflows, from the first value to the last', () => {
    // (1e308 − (−1e308)) is Infinity; the old formula gave NaN in the middle.
    expect(sweepValues(-1e308, 1e308, 3)).toEqual([-1e308, 0, 1e308]);
    expect(sweepValues(-Number.MAX_VALUE, Number.MAX_VALUE, 5).every(Number.isFinite)).toBe(true);
    const descending = sweepValues(1.5e308, -1.5e308, 4);
    [1.5e308, 5e307, -5e307, -1.5e308].forEach((expected, index) => expect(Math.abs(descending[index] / expected - 1)).toBeLessThan(1e-15));
  });

  it('keeps the exact decimal grid when the span is finite', () => {
    expect(sweepValues(0, 1, 101)[43]).toBe(0.43);
    expect(sweepValues(0, 1e308, 3)).toEqual([0, 5e307, 1e308]);
  });
});

describe('withOverride', () => {
  it('copies only the objects along the path and leaves the original as it was', () => {
    const root = { budget: { perYear: [1, 2], upstreamShare: 0.5 }, market: { inMarketPerMonth: 5 } };
    const changed = withOverride(root, { ...parseOverride('budget.perYear.1=0'), value: 7 }) as typeof root;
    expect(changed).toEqual({ budget: { perYear: [1, 7], upstreamShare: 0.5 }, market: { inMarketPerMonth: 5 } });
    expect(root.budget.perYear).toEqual([1, 2]);
    expect(changed.market).toBe(root.market);
  });

  it('creates a missing object, as applyOverride does, without touching the original', () => {
    const root = { name: 'x' };
    expect(withOverride(root, parseOverride('upstream.shape=2'))).toEqual({ name: 'x', upstream: { shape: 2 } });
    expect(root).toEqual({ name: 'x' });
  });

  it('shares a value nested 100,000 deep instead of copying it (a deep copy overflows the stack)', () => {
    let deep: unknown = 1;
    for (let depth = 0; depth < 100_000; depth += 1) deep = [deep];
    const root = { extra: deep, economics: { margin: 0.5 } };
    const changed = withOverride(root, { ...parseOverride('economics.margin=0'), value: 0.4 }) as typeof root;
    expect(changed.extra).toBe(deep);
    expect(changed.economics.margin).toBe(0.4);
  });

  it('keeps a "__proto__" key a plain key in the copy', () => {
    const root = JSON.parse('{"__proto__": {"polluted": true}, "a": {"b": 1}}');
    const changed = withOverride(root, parseOverride('a.b=2')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(changed)).toBe(Object.prototype);
    expect(Object.keys(changed)).toEqual(['__proto__', 'a']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
