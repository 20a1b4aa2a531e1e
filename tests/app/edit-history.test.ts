import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EditHistory } from '../../src/app/edit-history.ts';

/** A clock the test moves by hand. */
function manualClock(start = 0) {
  let time = start;
  return { now: () => time, advance: (ms: number) => { time += ms; } };
}

describe('EditHistory', () => {
  it('undo takes back each step in turn and redo makes them again', () => {
    const history = new EditHistory('a');
    history.record('b', 'to b');
    history.record('c', 'to c');
    expect(history.undoLabel).toBe('to c');
    expect(history.undo()).toEqual({ state: 'b', label: 'to c' });
    expect(history.undo()).toEqual({ state: 'a', label: 'to b' });
    expect(history.undo()).toBeUndefined();
    expect(history.present).toBe('a');
    expect(history.redoLabel).toBe('to b');
    expect(history.redo()).toEqual({ state: 'b', label: 'to b' });
    expect(history.redo()).toEqual({ state: 'c', label: 'to c' });
    expect(history.redo()).toBeUndefined();
    expect(history.canRedo).toBe(false);
  });

  it('a new edit after an undo forgets the steps ahead', () => {
    const history = new EditHistory(0);
    history.record(1, 'one');
    history.record(2, 'two');
    history.undo();
    history.record(5, 'five');
    expect(history.canRedo).toBe(false);
    expect(history.undo()).toEqual({ state: 1, label: 'five' });
    expect(history.undo()).toEqual({ state: 0, label: 'one' });
  });

  it('keeps at most `limit` steps, dropping the oldest', () => {
    const history = new EditHistory(0, { limit: 100 });
    for (let value = 1; value <= 150; value += 1) history.record(value, `to ${value}`);
    expect(history.undoDepth).toBe(100);
    let last: number | undefined;
    while (history.canUndo) last = history.undo()!.state;
    // 150 edits, the 100 latest kept: the earliest state still reachable is 50.
    expect(last).toBe(50);
    expect(history.present).toBe(50);
  });

  it('refuses a limit that is not a whole number of at least 1', () => {
    expect(() => new EditHistory(0, { limit: 0 })).toThrow('EditHistory limit must be a whole number of at least 1, got 0');
  });

  it('merges a burst of one group into one step, keeping its first label', () => {
    const clock = manualClock();
    const history = new EditHistory(50, { burstMs: 1000, now: clock.now });
    for (let share = 51; share <= 58; share += 1) {
      history.record(share, 'Move the upstream share', { group: 'field:budget.upstreamShare' });
      clock.advance(16);
    }
    expect(history.present).toBe(58);
    expect(history.undoDepth).toBe(1);
    expect(history.undo()).toEqual({ state: 50, label: 'Move the upstream share' });
  });

  it('starts a new step after a pause longer than the burst, or in another group', () => {
    const clock = manualClock();
    const history = new EditHistory(0, { burstMs: 1000, now: clock.now });
    history.record(1, 'share', { group: 'share' });
    clock.advance(1000);
    history.record(2, 'share', { group: 'share' }); // exactly the burst: still one step
    clock.advance(1001);
    history.record(3, 'share', { group: 'share' });
    history.record(4, 'half-life', { group: 'half-life' });
    history.record(5, 'preset'); // no group: always its own step
    history.record(6, 'preset');
    expect([history.undo()?.state, history.undo()?.state, history.undo()?.state, history.undo()?.state, history.undo()?.state])
      .toEqual([5, 4, 3, 2, 0]);
  });

  it('does not merge an edit into a step taken back and made again', () => {
    const clock = manualClock();
    const history = new EditHistory(0, { now: clock.now });
    history.record(1, 'share', { group: 'share' });
    history.undo();
    history.redo();
    history.record(2, 'share', { group: 'share' });
    expect(history.undo()?.state).toBe(1);
  });

  it('replacePresent changes the present without a step', () => {
    const history = new EditHistory({ id: null as string | null, value: 0 });
    history.record({ id: null, value: 1 }, 'edit');
    history.replacePresent({ id: 'saved', value: 1 });
    expect(history.present).toEqual({ id: 'saved', value: 1 });
    expect(history.undoDepth).toBe(1);
    history.undo();
    expect(history.redo()?.state).toEqual({ id: 'saved', value: 1 });
  });

  it('reset forgets every step', () => {
    const history = new EditHistory(0);
    history.record(1, 'one');
    history.undo();
    history.reset(9);
    expect([history.present, history.canUndo, history.canRedo]).toEqual([9, false, false]);
  });

  it('property: undoing every step walks back through the recorded states, and redoing walks forward again', () => {
    fc.assert(fc.property(fc.array(fc.integer(), { minLength: 0, maxLength: 40 }), fc.integer({ min: 1, max: 50 }), (values, limit) => {
      const history = new EditHistory(-1, { limit });
      values.forEach((value, index) => history.record(value, `step ${index}`));
      const states = [-1, ...values];
      const kept = Math.min(values.length, limit);
      const back: number[] = [];
      while (history.canUndo) back.push(history.undo()!.state);
      expect(back).toEqual(states.slice(states.length - 1 - kept, states.length - 1).reverse());
      const forward: number[] = [];
      while (history.canRedo) forward.push(history.redo()!.state);
      expect(forward).toEqual(states.slice(states.length - kept));
      expect(history.present).toBe(states.at(-1));
    }));
  });

  it('property: any mix of records, undos and redos matches a simple model of two stacks', () => {
    const action = fc.oneof(
      fc.record({ kind: fc.constant('record' as const), value: fc.integer() }),
      fc.constant({ kind: 'undo' as const }),
      fc.constant({ kind: 'redo' as const }),
    );
    fc.assert(fc.property(fc.array(action, { maxLength: 60 }), (actions) => {
      const history = new EditHistory(0, { limit: 10 });
      let past: number[] = [];
      let future: number[] = [];
      let present = 0;
      for (const next of actions) {
        if (next.kind === 'record') {
          history.record(next.value, 'edit');
          past = [...past, present].slice(-10);
          future = [];
          present = next.value;
        } else if (next.kind === 'undo' && past.length > 0) {
          expect(history.undo()?.state).toBe(past.at(-1));
          future = [...future, present];
          present = past.pop()!;
        } else if (next.kind === 'redo' && future.length > 0) {
          expect(history.redo()?.state).toBe(future.at(-1));
          past = [...past, present];
          present = future.pop()!;
        } else {
          expect(next.kind === 'undo' ? history.undo() : history.redo()).toBeUndefined();
        }
        expect(history.present).toBe(present);
        expect([history.canUndo, history.canRedo]).toEqual([past.length > 0, future.length > 0]);
      }
    }));
  });
});
