import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseModel } from '../../../src/engine/index.ts';
import { runMonteCarlo } from '../../../src/engine/uncertainty/monte-carlo.ts';
import { mergeMonteCarloParts, runMonteCarloPart } from '../../../src/engine/uncertainty/monte-carlo-parts.ts';

const defaultModel = parseModel(JSON.parse(readFileSync(new URL('../../../models/default.json', import.meta.url), 'utf8')));

function inParts(draws: number, seed: number, cuts: number[]) {
  const bounds = [0, ...cuts, draws];
  const parts = bounds.slice(1).map((end, index) => runMonteCarloPart(defaultModel, { draws, seed, start: bounds[index], end }));
  return mergeMonteCarloParts(defaultModel, parts.reverse(), { draws, seed });
}

describe('Monte Carlo in parts', () => {
  it('gives exactly the one-run result, bands included, when every draw fits in the bands', () => {
    const whole = runMonteCarlo(defaultModel, { draws: 1800, seed: 7 });
    const merged = inParts(1800, 7, [1, 1000, 1799]);
    expect(merged.result).toEqual(whole.result);
    expect(merged.npv).toEqual(whole.npv);
  });

  it('gives exactly the one-run result for more draws than the bands keep, bands included', () => {
    const whole = runMonteCarlo(defaultModel, { draws: 12000, seed: 3 });
    const merged = inParts(12000, 3, [5000, 5001, 7777]);
    expect(merged.result).toEqual(whole.result);
    expect(merged.result.bandDraws).toBe(2000);
  });

  it('refuses parts that do not cover every draw once', () => {
    const part = runMonteCarloPart(defaultModel, { draws: 100, seed: 1, start: 0, end: 50 });
    expect(() => mergeMonteCarloParts(defaultModel, [part], { draws: 100, seed: 1 })).toThrow(/end at 49/);
    expect(() => mergeMonteCarloParts(defaultModel, [part, part], { draws: 100, seed: 1 })).toThrow(/repeated/);
  });

  it('stops early when asked, and says so', () => {
    const part = runMonteCarloPart(defaultModel, { draws: 2000, seed: 1, start: 0, end: 2000, shouldStop: () => true });
    expect(part.complete).toBe(false);
    expect(part.end).toBe(250);
    expect(part.figures.npv).toHaveLength(250);
  });
});
