import { describe, expect, it } from 'vitest';
import { SENSITIVITY_FIGURES, compareMonteCarlo, monteCarlo, sensitivity, simulate, truncatedQuantile, uncertainFields } from '../../../src/engine/index.ts';
import { defaultJson, defaultWith, relativelyClose, withSettings } from './fixtures.ts';

describe('compareMonteCarlo', () => {
  const model = defaultWith(defaultJson().uncertainty);

  it('gives a scenario compared with itself exactly equal chances', () => {
    const { probabilityBest } = compareMonteCarlo([model, model], { draws: 1000, seed: 4 });
    expect(probabilityBest.npv).toEqual([0.5, 0.5]);
    expect(probabilityBest.npvWithCarryover).toEqual([0.5, 0.5]);
    const three = compareMonteCarlo([model, model, model], { draws: 300, seed: 4 }).probabilityBest.npv;
    three.forEach((chance) => expect(chance).toBeCloseTo(1 / 3, 12));
  });

  it('uses the same draws for both (common random numbers): each scenario\'s result is its own monteCarlo', () => {
    const heavy = defaultWith(defaultJson().uncertainty, { budget: { perYear: 1200000, upstreamShare: 0.7 } });
    const comparison = compareMonteCarlo([model, heavy], { draws: 800, seed: 6 });
    expect(comparison.scenarios[1]).toEqual(monteCarlo(heavy, { draws: 800, seed: 6 }));
    const { npv, npvWithCarryover } = comparison.probabilityBest;
    expect(npv[0] + npv[1]).toBeCloseTo(1, 12);
    expect(npvWithCarryover[0] + npvWithCarryover[1]).toBeCloseTo(1, 12);
  });

  it('gives the chances of the marketing\'s own value too: the same as total NPV\'s for plans of one model, not for models that differ in margin', () => {
    const heavy = defaultWith(defaultJson().uncertainty, { budget: { perYear: 1200000, upstreamShare: 0.7 } });
    const plans = compareMonteCarlo([model, heavy], { draws: 500, seed: 6 }).probabilityBest;
    expect(plans.incrementalNpvWithCarryover).toEqual(plans.npvWithCarryover);
    expect(plans.incrementalNpv).toEqual(plans.npv);
    // A higher margin on a much lighter budget: more total NPV (the base business earns more),
    // while the marketing itself adds less.
    const json = defaultJson();
    const { 'economics.margin': _margin, ...others } = json.uncertainty;
    const richer = defaultWith(others, { economics: { ...json.economics, margin: 0.8 }, budget: { perYear: 300000, upstreamShare: 0.5 } });
    const base = defaultWith(others, { economics: { ...json.economics, margin: 0.6 } });
    const models = compareMonteCarlo([base, richer], { draws: 500, seed: 6 }).probabilityBest;
    expect(models.npvWithCarryover[1]).toBeGreaterThan(0.5);
    expect(models.incrementalNpvWithCarryover[0]).toBeGreaterThan(0.5);
  });

  it('judges like for like: a plan that wins at every draw\'s values has probability 1', () => {
    // A budget over 30 times the default's, at the same split, is far worse for NPV over 3 years
    // under every one of these draws' settings (saturation), so the baseline wins every draw.
    const huge = defaultWith(defaultJson().uncertainty, { budget: { perYear: 40_000_000, upstreamShare: 0.5 } });
    expect(compareMonteCarlo([model, huge], { draws: 300, seed: 2 }).probabilityBest.npv).toEqual([1, 0]);
  });
});

describe('sensitivity', () => {
  const model = defaultWith(defaultJson().uncertainty);
  const result = sensitivity(model);

  it('has one row per uncertain field, sorted by the swing of the marketing\'s NPV with carryover, largest first', () => {
    expect(result.sortedBy).toBe('incrementalNpvWithCarryover');
    expect(result.rows.map((row) => row.path).sort()).toEqual(Object.keys(defaultJson().uncertainty).sort());
    const swings = result.rows.map((row) => row.incrementalNpvWithCarryover.swing);
    expect(swings).toEqual([...swings].sort((a, b) => b - a));
    const byNpv = sensitivity(model, 'npv').rows.map((row) => row.npv.swing);
    expect(byNpv).toEqual([...byNpv].sort((a, b) => b - a));
  });

  it('moves each field to its 10th and 90th percentile with the others at their medians, as simulate would', () => {
    const fields = uncertainFields(model);
    const medians = Object.fromEntries(fields.map((field) => [field.path, truncatedQuantile(field, 0.5)]));
    const central = simulate(withSettings(model, medians)).summary;
    for (const figure of SENSITIVITY_FIGURES) expect(relativelyClose(result.central[figure], central[figure], 1e-11), figure).toBe(true);
    for (const row of result.rows.slice(0, 3)) {
      const field = fields.find((candidate) => candidate.path === row.path)!;
      expect(row.low).toBeCloseTo(truncatedQuantile(field, 0.1), 12);
      expect(row.high).toBeCloseTo(truncatedQuantile(field, 0.9), 12);
      expect(row.low).toBeLessThan(row.central);
      expect(row.central).toBeLessThan(row.high);
      const atHigh = simulate(withSettings(model, { ...medians, [row.path]: row.high })).summary;
      const atLow = simulate(withSettings(model, { ...medians, [row.path]: row.low })).summary;
      for (const figure of SENSITIVITY_FIGURES) {
        expect(relativelyClose(row[figure].high, atHigh[figure], 1e-11), `${figure} at 90th`).toBe(true);
        expect(relativelyClose(row[figure].low, atLow[figure], 1e-11), `${figure} at 10th`).toBe(true);
      }
    }
    // Margin moves what the business earns with no marketing too: the total NPV swings far more than the marketing's.
    const margin = result.rows.find((row) => row.path === 'economics.margin')!;
    expect(margin.npvWithCarryover.swing).toBeGreaterThan(2 * margin.incrementalNpvWithCarryover.swing);
  });

  it('gives a field with zero spread no swing, and refuses an unknown figure', () => {
    const fixed = defaultWith({ ...defaultJson().uncertainty, 'brand.conversionLift': { dist: 'normal', mean: 0.5, sd: 0 } });
    const row = sensitivity(fixed).rows.find((candidate) => candidate.path === 'brand.conversionLift')!;
    expect(row.npv.swing).toBe(0);
    expect(() => sensitivity(model, 'roi' as never)).toThrow(/invalid figure "roi"/);
  });

  it('keeps a bounded pair in order (initialEquity ≤ maxEquity) and says so', () => {
    const pair = defaultWith({
      'brand.initialEquity': { dist: 'uniform', min: 0.2, max: 0.9 },
      'brand.maxEquity': { dist: 'uniform', min: 0.5, max: 1 },
    }, { brand: { ...defaultJson().brand, initialEquity: 0.3 } });
    const rows = sensitivity(pair).rows;
    const initial = rows.find((row) => row.path === 'brand.initialEquity')!;
    const maximum = rows.find((row) => row.path === 'brand.maxEquity')!;
    expect(initial.high).toBeLessThanOrEqual(maximum.central);
    expect(maximum.low).toBeGreaterThanOrEqual(initial.central);
  });
});
