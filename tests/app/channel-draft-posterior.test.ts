/**
 * The app's channel edits carry a fitted model's `posterior` (docs/model-files.md, "Posterior"):
 * renaming a channel renames its rows, removing or moving one marginalises its rows out, and
 * splitting a two-lever model into channels renames every row; each result is a valid model.
 * Other edits (a setting's value) keep the posterior as it is.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { splitIntoChannels, withMovedChannel, withRenamedChannel, withoutChannel } from '../../src/app/channel-draft.ts';
import { type Draft, checkDraft, draftFromModel, readField, withField } from '../../src/app/model-draft.ts';
import type { Posterior } from '../../src/engine/model/model.ts';
import { parseModel } from '../../src/engine/model/parse-model.ts';
import { channelExampleModel } from '../engine/channel-example-model.ts';

/** The channel example with ranges and a 3-D posterior over TV's and Search's half-saturation and the brand's half-life. */
function fitted(): Draft {
  const model = structuredClone(channelExampleModel()) as unknown as Record<string, any>;
  model.uncertainty = {
    'upstream.channels.TV.halfSaturation': { dist: 'lognormal', median: 60000, sigma: 0.3 },
    'downstream.channels.Search.halfSaturation': { dist: 'lognormal', median: 30000, sigma: 0.3 },
    'brand.halfLifeMonths': { dist: 'lognormal', median: 13, sigma: 0.3 },
  };
  model.posterior = {
    paths: ['upstream.channels.TV.halfSaturation', 'downstream.channels.Search.halfSaturation', 'brand.halfLifeMonths'],
    mean: [-18.9, -19.6, -4.5],
    cholesky: [[0.3], [0.1, 0.2], [0.05, -0.05, 0.25]],
  };
  return draftFromModel(parseModel(model));
}

const posteriorOf = (draft: Draft) => readField(draft, 'posterior') as Posterior | undefined;

describe('channel edits keep the posterior describing the model', () => {
  it('a renamed channel renames its row', () => {
    const next = withRenamedChannel(fitted(), 'upstream', 'TV', 'Television');
    expect(posteriorOf(next)?.paths).toEqual(['upstream.channels.Television.halfSaturation', 'downstream.channels.Search.halfSaturation', 'brand.halfLifeMonths']);
    expect(posteriorOf(next)?.cholesky).toEqual(posteriorOf(fitted())?.cholesky);
    expect(checkDraft(next).issues).toEqual([]);
  });

  it('a removed channel takes its row out, leaving the others\' joint distribution', () => {
    const upstreamCount = Object.keys(channelExampleModel().upstream.channels).length;
    expect(upstreamCount).toBeGreaterThan(1);
    const next = withoutChannel(fitted(), 'upstream', 'TV');
    const posterior = posteriorOf(next)!;
    expect(posterior.paths).toEqual(['downstream.channels.Search.halfSaturation', 'brand.halfLifeMonths']);
    expect(posterior.mean).toEqual([-19.6, -4.5]);
    // Σ without TV: var(Search) = 0.1² + 0.2² = 0.05, cov = 0.1·0.05 − 0.2·0.05 = −0.005, var(half-life) = 0.0025 + 0.0025 + 0.0625 = 0.0675.
    const [[s00], [s10, s11]] = posterior.cholesky;
    expect(s00 ** 2).toBeCloseTo(0.05, 15);
    expect(s10 * s00).toBeCloseTo(-0.005, 15);
    expect(s10 ** 2 + s11 ** 2).toBeCloseTo(0.0675, 15);
    expect(checkDraft(next).issues).toEqual([]);
  });

  it('a channel moved to the other side leaves the posterior, as it leaves its range', () => {
    const next = withMovedChannel(fitted(), 'downstream', 'Search');
    expect(posteriorOf(next)?.paths).toEqual(['upstream.channels.TV.halfSaturation', 'brand.halfLifeMonths']);
    expect(checkDraft(next).issues).toEqual([]);
  });

  it('a model whose every posterior row goes loses its posterior', () => {
    const model = structuredClone(channelExampleModel()) as unknown as Record<string, any>;
    model.uncertainty = { 'upstream.channels.TV.halfSaturation': { dist: 'lognormal', median: 60000, sigma: 0.3 } };
    model.posterior = { paths: ['upstream.channels.TV.halfSaturation'], mean: [-18.9], cholesky: [[0.3]] };
    const next = withoutChannel(draftFromModel(parseModel(model)), 'upstream', 'TV');
    expect(Object.hasOwn(next, 'posterior')).toBe(false);
    expect(checkDraft(next).issues).toEqual([]);
  });

  it('splitting a two-lever model into channels renames its rows to the channels\' paths', () => {
    const model = JSON.parse(readFileSync(new URL('../../models/default.json', import.meta.url), 'utf8'));
    model.uncertainty = {
      'upstream.halfSaturation': { dist: 'lognormal', median: model.upstream.halfSaturation, sigma: 0.3 },
      'brand.halfLifeMonths': { dist: 'lognormal', median: model.brand.halfLifeMonths, sigma: 0.3 },
    };
    model.posterior = { paths: ['upstream.halfSaturation', 'brand.halfLifeMonths'], mean: [-18, -4.5], cholesky: [[0.3], [0.2, 0.1]] };
    const next = splitIntoChannels(draftFromModel(parseModel(model)));
    expect(posteriorOf(next)?.paths).toEqual(['upstream.channels.upstream.halfSaturation', 'brand.halfLifeMonths']);
    expect(checkDraft(next).issues).toEqual([]);
  });

  it('an edit of a posterior setting\'s value keeps the posterior (it describes the setting, not the value written)', () => {
    const next = withField(fitted(), 'brand.halfLifeMonths', 20);
    expect(posteriorOf(next)).toEqual(posteriorOf(fitted()));
    expect(checkDraft(next).model?.posterior).toEqual(posteriorOf(fitted()));
  });
});
