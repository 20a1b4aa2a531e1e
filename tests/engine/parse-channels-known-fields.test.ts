/**
 * A downstream channel's "not a known field" message lists only what a downstream channel may
 * have: `shortTerm` is an upstream channel's (it has a message of its own), so listing it as
 * known contradicted that message (the review of issue 11 found it).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ModelError, parseModel } from '../../src/engine/index.ts';

const example = JSON.parse(readFileSync(new URL('./fixtures/channel-example.json', import.meta.url), 'utf8'));

function messages(input: unknown): string[] {
  try {
    parseModel(input);
    return [];
  } catch (error) {
    if (error instanceof ModelError) return error.issues.map((issue) => issue.message);
    throw error;
  }
}

describe('unknown fields of a downstream channel', () => {
  it('an upstream setting on a downstream channel lists the downstream fields, without shortTerm', () => {
    const json = structuredClone(example);
    json.downstream.channels.Search.lagMonths = 2;
    expect(messages(json)).toEqual([
      'downstream.channels.Search.lagMonths is not a known field (known here: share, historyPerMonth, halfLifeMonths, halfSaturation, shape, maxConversionLift, bounds)',
    ]);
  });

  it('a shortTerm on a downstream channel gets its own message, once', () => {
    const json = structuredClone(example);
    json.downstream.channels.Search.shortTerm = { halfLifeMonths: 1, halfSaturation: 1, shape: 1, maxConversionLift: 0.01 };
    const found = messages(json);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^downstream\.channels\.Search\.shortTerm is not a known field: only upstream channels have a short-term effect/);
  });
});
