import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/index.ts';
import { type DraftChange, AppStateStore } from '../../src/app/app-state-store.ts';
import { draftFromModel, withField } from '../../src/app/model-draft.ts';
import { DEFAULT_PRESET_ID, findPreset } from '../../src/app/presets.ts';

// The plan on screen changes in one place: each draft is validated, an invalid one keeps the last
// valid model and its results (nothing shows NaN), and the host and listeners hear of each change.

const preset = findPreset(DEFAULT_PRESET_ID)!.model;

function storeWithHost() {
  const host = { updates: 0, requestUpdate() { this.updates += 1; } };
  const store = new AppStateStore(host);
  const heard: DraftChange[] = [];
  store.onDraftChange((change) => heard.push(change));
  return { host, store, heard };
}

describe('AppStateStore', () => {
  it('shows a valid draft: its model, the engine’s results for it, no problems', () => {
    const { host, store, heard } = storeWithHost();
    store.setDraft(draftFromModel(preset));
    expect(store.model).toEqual(preset);
    expect(store.results.result.summary).toEqual(simulate(preset).summary);
    expect(store.issues).toEqual([]);
    expect(store.stale).toBe(false);
    expect(host.updates).toBe(1);
    expect(heard).toEqual([{ draft: draftFromModel(preset), validModel: preset }]);
  });

  it('keeps the last valid model and results while the draft is invalid, with the problem by its field', () => {
    const { store, heard } = storeWithHost();
    store.setDraft(draftFromModel(preset));
    const before = store.results;
    const invalid = withField(draftFromModel(preset), 'brand.halfLifeMonths', 'abc');
    store.setDraft(invalid);
    expect(store.draft).toBe(invalid);
    expect(store.model).toEqual(preset);
    expect(store.results).toBe(before);
    expect(store.stale).toBe(true);
    expect(store.issues.map((issue) => issue.path)).toEqual(['brand.halfLifeMonths']);
    expect(heard.at(-1)).toEqual({ draft: invalid, validModel: undefined });
  });

  it('restores a saved draft that is invalid on top of the last valid model it had', () => {
    const { store } = storeWithHost();
    const lastValid = { ...preset, horizonYears: 5 };
    store.restore(withField(draftFromModel(lastValid), 'budget.perYear', -5), lastValid);
    expect(store.model).toEqual(lastValid);
    expect(store.results.result.summary).toEqual(simulate(lastValid).summary);
    expect(store.stale).toBe(true);
  });

  it('reuses the trade-off curve when only the share or the horizon changes, and recomputes it otherwise', () => {
    const { store } = storeWithHost();
    store.setDraft(draftFromModel(preset));
    const curve = store.results.curve;
    store.setDraft(withField(withField(draftFromModel(preset), 'budget.upstreamShare', 0.3), 'horizonYears', 2));
    expect(store.results.curve).toBe(curve);
    store.setDraft(withField(draftFromModel(preset), 'brand.halfLifeMonths', 30));
    expect(store.results.curve).not.toBe(curve);
  });

  it('the preset is part of the state the listeners read', () => {
    const { store, heard } = storeWithHost();
    store.setPresetId('');
    store.setDraft(draftFromModel(preset));
    expect(store.presetId).toBe('');
    expect(heard).toHaveLength(1);
  });
});
