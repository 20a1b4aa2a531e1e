import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { ModelError, type TwoLeverModel, isChannelModel, parseModel } from '../../src/engine/index.ts';
import { STORAGE_FORMAT, ScenarioStore, StorageFullError } from '../../src/app/scenario-store.ts';
import { MemoryStorage } from './memory-storage.ts';
import { twoLeverModel } from './two-lever-model.ts';

const defaultModel = twoLeverModel(JSON.parse(readFileSync(new URL('../../models/default.json', import.meta.url), 'utf8')));
const named = (name: string, change: Partial<TwoLeverModel> = {}): TwoLeverModel => ({ ...defaultModel, ...change, name });

let storage: MemoryStorage;
let store: ScenarioStore;
let clock: number;
let ids: number;

beforeEach(() => {
  storage = new MemoryStorage();
  clock = Date.parse('2026-11-29T10:00:00Z');
  ids = 0;
  store = new ScenarioStore(storage, { now: () => new Date((clock += 1000)), newId: () => `id-${(ids += 1)}` });
});

describe('ScenarioStore', () => {
  it('saves scenarios and lists them newest first, as another store on the same storage sees them', () => {
    store.save(named('Our plan'));
    store.save(named('Brand-heavy', { budget: { perYear: 1200000, upstreamShare: 0.7 } }));
    store.save(named('Last year'));
    const { scenarios, setAside } = new ScenarioStore(storage).list();
    expect(scenarios.map((scenario) => scenario.model.name)).toEqual(['Last year', 'Brand-heavy', 'Our plan']);
    expect(scenarios[1].model.budget?.upstreamShare).toBe(0.7);
    expect(setAside).toEqual([]);
  });

  it('writes a format version with every entry', () => {
    store.save(named('Our plan'));
    const entry = JSON.parse(storage.getItem('budget-sim:scenario:id-1')!);
    expect(entry.format).toBe(STORAGE_FORMAT);
    expect(entry.model.name).toBe('Our plan');
  });

  it('keeps both saves when two tabs save at once', () => {
    const otherTab = new ScenarioStore(storage, { newId: () => 'other-tab' });
    store.save(named('From tab one'));
    otherTab.save(named('From tab two'));
    expect(store.list().scenarios.map((scenario) => scenario.model.name).sort()).toEqual(['From tab one', 'From tab two']);
  });

  it('renames, duplicates, and deletes with a way back', () => {
    const saved = store.save(named('Our plan'));
    store.rename(saved.id, 'Our plan v2');
    const copy = store.duplicate(saved.id);
    expect(copy.model.name).toBe('Our plan v2 (copy)');
    const removed = store.remove(saved.id);
    expect(store.list().scenarios.map((scenario) => scenario.model.name)).toEqual(['Our plan v2 (copy)']);
    store.restore(removed);
    expect(store.list().scenarios.map((scenario) => scenario.model.name).sort()).toEqual(['Our plan v2', 'Our plan v2 (copy)']);
  });

  it('refuses an invalid name without changing the stored scenario', () => {
    const saved = store.save(named('Our plan'));
    expect(() => store.rename(saved.id, '')).toThrow(ModelError);
    expect(() => store.rename(saved.id, 'x'.repeat(201))).toThrow(/at most 200 characters/);
    expect(store.get(saved.id).model.name).toBe('Our plan');
  });

  it.each([
    ['damaged JSON', '{"format":1,"savedAt":', /not valid JSON/],
    ['no format version', JSON.stringify({ savedAt: '2026-01-01T00:00:00Z', model: {} }), /no format version/],
    ['a newer format', JSON.stringify({ format: 99, savedAt: '2026-01-01T00:00:00Z', model: {} }), /newer version/],
    ['an invalid model', JSON.stringify({ format: 1, savedAt: '2026-01-01T00:00:00Z', model: { name: 'x' } }), /model is invalid/],
    ['a prototype-polluting model', '{"format":1,"savedAt":"2026-01-01T00:00:00Z","model":{"__proto__":{"polluted":true}}}', /model is invalid/],
  ])('sets aside an entry with %s, keeps its text, and still loads every other scenario', (_kind, raw, reason) => {
    store.save(named('Good one'));
    storage.setItem('budget-sim:scenario:broken', raw);
    store.save(named('Good two'));
    const { scenarios, setAside } = store.list();
    expect(scenarios.map((scenario) => scenario.model.name).sort()).toEqual(['Good one', 'Good two']);
    expect(setAside).toHaveLength(1);
    expect(setAside[0].reason).toMatch(reason);
    expect(storage.getItem('budget-sim:scenario:broken')).toBeNull();
    const asideKey = store.setAsideKeys()[0];
    expect(storage.getItem(asideKey)).toBe(raw);
    expect(store.list().setAside).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps a model in the channel form exactly as saved', () => {
    const channels = parseModel(JSON.parse(readFileSync(new URL('../../models/consumer-channels.json', import.meta.url), 'utf8')));
    expect(isChannelModel(channels)).toBe(true);
    const saved = store.save({ ...channels, name: 'By channel' });
    const reread = new ScenarioStore(storage).get(saved.id);
    expect(reread.model).toEqual({ ...channels, name: 'By channel' });
    expect(store.list().setAside).toEqual([]);
  });

  it('reports a full storage and writes nothing', () => {
    store.save(named('Fits'));
    storage.quota = storage.getItem('budget-sim:scenario:id-1')!.length + 100;
    expect(() => store.save(named('Too much'))).toThrow(StorageFullError);
    expect(() => store.save(named('Too much'))).toThrow(/storage is full, so “Too much” was not saved/);
    expect(store.list().scenarios.map((scenario) => scenario.model.name)).toEqual(['Fits']);
  });

  it('brings back each tab its own working state on reload, and a new tab the last one written', () => {
    const tabA = new MemoryStorage();
    const tabB = new MemoryStorage();
    const state = (horizonYears: number) => ({ draft: { ...defaultModel, horizonYears }, presetId: 'default', scenarioId: null });
    new ScenarioStore(storage, { tabStorage: tabA }).saveWorkingState(state(2));
    new ScenarioStore(storage, { tabStorage: tabB }).saveWorkingState(state(4));
    expect(new ScenarioStore(storage, { tabStorage: tabA }).loadWorkingState()).toEqual(state(2));
    expect(new ScenarioStore(storage, { tabStorage: tabB }).loadWorkingState()).toEqual(state(4));
    expect(new ScenarioStore(storage, { tabStorage: new MemoryStorage() }).loadWorkingState()).toEqual(state(4));
    // A damaged copy in the tab falls back to the shared one; a full tab storage still saves the shared one.
    tabA.setItem('budget-sim:working', '{damaged');
    expect(new ScenarioStore(storage, { tabStorage: tabA }).loadWorkingState()).toEqual(state(4));
    const fullTab = new MemoryStorage();
    fullTab.quota = 5;
    new ScenarioStore(storage, { tabStorage: fullTab }).saveWorkingState(state(3));
    expect(new ScenarioStore(storage).loadWorkingState()).toEqual(state(3));
  });

  it('keeps the working state across visits, and ignores a damaged one', () => {
    expect(store.loadWorkingState()).toBeUndefined();
    store.saveWorkingState({ draft: { ...defaultModel, horizonYears: 'abc' }, presetId: 'default', scenarioId: null });
    expect(new ScenarioStore(storage).loadWorkingState()).toEqual({ draft: { ...defaultModel, horizonYears: 'abc' }, presetId: 'default', scenarioId: null });
    storage.setItem('budget-sim:working', '{oops');
    expect(store.loadWorkingState()).toBeUndefined();
  });
});

describe('the kept comparison', () => {
  it('comes back as saved, in order, with its baseline', () => {
    store.saveComparison({ ids: ['b', 'a'], baselineId: 'a' });
    expect(new ScenarioStore(storage).loadComparison(new Set(['a', 'b', 'c']), 4)).toEqual({ ids: ['b', 'a'], baselineId: 'a' });
  });

  it('drops ids of scenarios deleted since, repeats and extras, and falls back to the first as baseline', () => {
    store.saveComparison({ ids: ['gone', 'a', 'a', 'b', 'c', 'd', 'e'], baselineId: 'gone' });
    expect(store.loadComparison(new Set(['a', 'b', 'c', 'd', 'e']), 4)).toEqual({ ids: ['a', 'b', 'c', 'd'], baselineId: 'a' });
  });

  it('ignores anything it cannot trust: damaged text, another format, wrong types, an overlong id', () => {
    const none = { ids: [], baselineId: '' };
    const saved = new Set(['a', 'x'.repeat(101)]);
    for (const raw of ['{not json', 'null', '[]', JSON.stringify({ format: 99, ids: ['a'] }), JSON.stringify({ format: STORAGE_FORMAT, ids: 'a' })]) {
      storage.setItem('budget-sim:comparison', raw);
      expect(store.loadComparison(saved, 4), raw).toEqual(none);
    }
    storage.setItem('budget-sim:comparison', JSON.stringify({ format: STORAGE_FORMAT, ids: [1, { id: 'a' }, 'x'.repeat(101), 'a'], baselineId: 7 }));
    expect(store.loadComparison(saved, 4)).toEqual({ ids: ['a'], baselineId: 'a' });
  });

  it('is simply not kept when storage is full', () => {
    storage.quota = 10;
    expect(() => store.saveComparison({ ids: ['a', 'b'], baselineId: 'a' })).not.toThrow();
    expect(store.loadComparison(new Set(['a', 'b']), 4)).toEqual({ ids: [], baselineId: '' });
  });
});
