import { describe, expect, it } from 'vitest';
import { scenarioHash } from '../../src/engine/io/index.ts';
import { DEFAULT_PRESET_ID, findPreset } from '../../src/app/presets.ts';
import type { WorkingState } from '../../src/app/scenario-store.ts';
import { startingPoint } from '../../src/app/starting-plan.ts';

// What the app opens with: a link from elsewhere, this tab's own work on a reload, the last
// visit's working state, or the default preset; a damaged link or saved state never loses the
// rest.

const preset = findPreset(DEFAULT_PRESET_ID)!.model;
const other = { ...preset, name: 'From a colleague', horizonYears: 5 };
const ours = { ...preset, name: 'Our plan', horizonYears: 2 };
/** A working state whose draft is invalid as typed (the text stays in its field). */
const working = (change: Partial<WorkingState> = {}): WorkingState => ({
  draft: { ...ours, budget: { perYear: 'abc', upstreamShare: 0.5 } }, lastValid: ours, presetId: DEFAULT_PRESET_ID, scenarioId: 'saved-1', ...change,
});
const address = (hash = '') => ({ hash, href: `http://127.0.0.1/${hash}` });
const never = () => false;

describe('startingPoint', () => {
  it('opens the default preset when there is nothing else', () => {
    expect(startingPoint(undefined, address(), never)).toEqual({ plan: { kind: 'preset', presetId: DEFAULT_PRESET_ID } });
  });

  it('restores the last working state: the draft as typed, its last valid model, its preset and open scenario', () => {
    const start = startingPoint(working(), address(), never);
    expect(start.plan).toEqual({ kind: 'restore', draft: working().draft, lastValid: ours, presetId: DEFAULT_PRESET_ID, scenarioId: 'saved-1' });
    expect(start.linkFailure).toBeUndefined();
  });

  it('falls back to the preset’s model when the saved last valid model no longer reads, and to none when the preset is gone', () => {
    const start = startingPoint(working({ lastValid: { name: 'damaged' }, presetId: 'no-such-preset' }), address(), never);
    expect(start.plan).toMatchObject({ kind: 'restore', lastValid: preset, presetId: '' });
  });

  it('uses the last valid model as the draft when the saved draft is not an object', () => {
    const start = startingPoint(working({ draft: 'text' }), address(), never);
    expect(start.plan).toMatchObject({ kind: 'restore', draft: ours, lastValid: ours });
  });

  it('opens a link from elsewhere as a plan of no preset, over the working state', () => {
    const hash = scenarioHash(other);
    const start = startingPoint(working(), address(hash), never);
    expect(start).toEqual({ plan: { kind: 'link', draft: other, presetId: '' }, openedHash: hash });
  });

  it('opens a link to a model in the channel form as it is', () => {
    const channels = findPreset('consumer-channels')!.model;
    const hash = scenarioHash(channels);
    expect(startingPoint(undefined, address(hash), never).plan).toEqual({ kind: 'link', draft: channels, presetId: '' });
  });

  it('on a reload of this tab restores its own work, which may be a moment ahead of the address', () => {
    const behind = scenarioHash({ ...ours, horizonYears: 3 });
    // The address is this tab's own (it remembers writing it): the working state wins.
    expect(startingPoint(working(), address(behind), (hash) => hash === behind).plan).toMatchObject({ kind: 'restore', lastValid: ours });
    // Without that memory (no sessionStorage), the same model in the address is still recognised as ours.
    expect(startingPoint(working(), address(scenarioHash(ours)), never).plan).toMatchObject({ kind: 'restore', lastValid: ours });
  });

  it('reports a link that cannot be read and opens the next choice', () => {
    const start = startingPoint(working(), address('#scenario=1.garbage'), never);
    expect(start.linkFailure?.ok).toBe(false);
    expect(start.linkFailure?.message).toMatch(/link/i);
    expect(start.openedHash).toBeUndefined();
    expect(start.plan.kind).toBe('restore');
    expect(startingPoint(undefined, address('#scenario=1.garbage'), never).plan).toEqual({ kind: 'preset', presetId: DEFAULT_PRESET_ID });
  });
});
