import { describe, expect, it } from 'vitest';
import { sensitivity } from '../../src/engine/index.ts';
import { loadModel } from '../../src/cli/load-model.ts';
import { STACK_LINE, runInProcess } from './cli-harness.ts';

describe('sensitivity command', () => {
  it('prints a table: one row per uncertain setting, largest swing first', () => {
    const run = runInProcess(['sensitivity', 'models/default.json']);
    expect(run.exitCode).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('Sensitivity of Consumer brand (default): each uncertain setting at its 10th and 90th percentile, the others at their medians.');
    // The marketing's own value first, the business's total beside it.
    expect(lines[1]).toMatch(/^Central Marketing NPV with carryover [\d,]+, Total NPV with carryover [\d,]+\. Sorted by Marketing NPV with carryover swing/);
    expect(lines[3]).toMatch(/^Setting\s+10th\s+90th\s+Mktg NPV \+ carryover at 10th\s+at 90th\s+Mktg NPV \+ carryover swing\s+Total NPV \+ carryover swing$/);
    const expected = sensitivity(loadModel('models/default.json', []));
    expect(expected.sortedBy).toBe('incrementalNpvWithCarryover');
    const first = lines[4].trim().split(/\s{3,}/);
    expect(first.slice(-2)).toEqual([expected.rows[0].incrementalNpvWithCarryover.swing, expected.rows[0].npvWithCarryover.swing].map((swing) => Math.round(swing).toLocaleString('en-US')));
    expect(lines.slice(4, 4 + expected.rows.length).map((line) => line.match(/\(([\w.]+)\)/)![1])).toEqual(expected.rows.map((row) => row.path));
  });

  it('prints json with --format json, sorted by npv with --by npv', () => {
    const run = runInProcess(['sensitivity', 'models/default.json', '--by', 'npv', '--format', 'json']);
    expect(run.exitCode).toBe(0);
    const printed = JSON.parse(run.stdout);
    expect(Object.keys(printed)).toEqual(['model', 'sortedBy', 'central', 'rows']);
    expect(printed.sortedBy).toBe('npv');
    expect(printed).toEqual({ model: 'Consumer brand (default)', ...JSON.parse(JSON.stringify(sensitivity(loadModel('models/default.json', []), 'npv'))) });
    expect(Object.keys(printed.rows[0])).toEqual(['path', 'label', 'unit', 'low', 'central', 'high', 'incrementalNpvWithCarryover', 'incrementalNpv', 'npvWithCarryover', 'npv', 'limited']);
  });

  it('refuses an unknown --by and a missing file with exit status 2', () => {
    const by = runInProcess(['sensitivity', 'models/default.json', '--by', 'roi']);
    expect(by.exitCode).toBe(2);
    expect(by.stderr).toBe("unknown figure 'roi' for --by; choose incrementalNpvWithCarryover, incrementalNpv, npvWithCarryover or npv\n");
    const missing = runInProcess(['sensitivity']);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).not.toMatch(STACK_LINE);
  });
});
