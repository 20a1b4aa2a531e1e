/**
 * The optimise table says which channel bounds the search kept: the model file's `bounds` as well
 * as `--bound`, which replaces them field by field (the table showed only `--bound` before, so a
 * plan held back by the file's bounds came with no reason).
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { runInProcess, temporaryFiles } from './cli-harness.ts';

const preset = JSON.parse(readFileSync(new URL('../../models/consumer-channels.json', import.meta.url), 'utf8'));
preset.upstream.channels.TV.bounds = { minPerYear: 400000 };
preset.downstream.channels.Search.bounds = { maxPerYear: 250000, minPerYear: 100000 };
const files = temporaryFiles({ 'bounded.json': JSON.stringify(preset) });
afterAll(() => files.remove());

describe('optimize shows the channel bounds it kept', () => {
  it('the file\'s bounds, and --bound replacing one of their fields', () => {
    const run = runInProcess(['optimize', files.path('bounded.json'), '--phasing', 'yearly', '--bound', 'Search=:300000']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('Channel bounds per year: TV at least 400,000; Search at least 100,000 and at most 300,000');
  });

  it('no line when nothing is bounded', () => {
    const run = runInProcess(['optimize', 'models/consumer-channels.json', '--phasing', 'constant']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).not.toContain('Channel bounds per year');
  });
});
