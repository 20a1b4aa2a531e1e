/**
 * Two-lever models get the plans they got before the optimiser learnt channels: the values the
 * optimiser of commit eb624cf gave (recorded then, exact best plans, and the default smoothed and
 * practical-limit plans of the default model). Since then only the order of some sums in the
 * engine's adjoint changed, which moves a search's path by rounding: measured agreement 5.4e-10
 * relative for the best plans, 5.5e-6 for smoothed ones (whose tolerance is 1e-3).
 */
import { describe, expect, it } from 'vitest';
import { optimize, type ObjectiveName, type OptimizeOptions, type PhasingName } from '../../../src/engine/optimize/index.ts';
import { MODEL_FILES } from './model-files.ts';

const BEFORE: readonly [file: string, objective: ObjectiveName, phasing: PhasingName, extra: OptimizeOptions, value: number, tolerance: number][] = [
  ['default.json', 'npvWithCarryover', 'constant', {}, 26249092.119041428, 1e-9],
  ['default.json', 'npvWithCarryover', 'yearly', {}, 26263131.763181888, 1e-9],
  ['default.json', 'npvWithCarryover', 'period', {}, 26266327.47630691, 1e-9],
  ['default.json', 'npvWithCarryover', 'flighting', {}, 26273346.28618896, 1e-9],
  ['default.json', 'npv', 'constant', {}, 25369676.666470867, 1e-9],
  ['default.json', 'npv', 'yearly', {}, 25443202.86808906, 1e-9],
  ['default.json', 'npv', 'period', {}, 25459513.23075439, 1e-9],
  ['default.json', 'npv', 'flighting', {}, 25499275.330235858, 1e-9],
  ['default.json', 'totalRevenue', 'constant', {}, 53491959.771152504, 1e-9],
  ['default.json', 'totalRevenue', 'yearly', {}, 53657115.3590122, 1e-9],
  ['default.json', 'totalRevenue', 'period', {}, 53692710.485089734, 1e-9],
  ['default.json', 'totalRevenue', 'flighting', {}, 53765074.106395714, 1e-9],
  ['default.json', 'npvWithCarryover', 'period', { exactBest: false }, 26265838.661872372, 1e-5],
  ['default.json', 'npvWithCarryover', 'flighting', { exactBest: false }, 26271454.490592483, 1e-5],
  ['default.json', 'npvWithCarryover', 'flighting', { maxStep: 0.25, minFlight: 2 }, 26272242.252786957, 1e-9],
  ['new-market-entry.json', 'npv', 'yearly', {}, 20777262.327844888, 1e-9],
  ['new-product-launch.json', 'totalRevenue', 'period', {}, 50722642.70996224, 1e-9],
];

describe('two-lever models, as before channels', () => {
  it.each(BEFORE)('%s, %s, %s %j: the value it had', (file, objective, phasing, extra, value, tolerance) => {
    const model = MODEL_FILES.find((entry) => entry.file === file)!.model;
    const found = optimize(model, { objective, phasing, exactBest: true, ...extra }).value;
    expect(Math.abs(found - value)).toBeLessThanOrEqual(tolerance * Math.abs(value));
  });
});
