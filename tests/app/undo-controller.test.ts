import { describe, expect, it } from 'vitest';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { APPLY_PLAN_STEP, type PlanSnapshot, UndoController, fieldStepLabel } from '../../src/app/undo-controller.ts';

/** A host that only counts updates: the controller's keyboard listener is not connected here. */
function fakeHost(): ReactiveControllerHost & { updates: number } {
  return {
    updates: 0,
    addController(_controller: ReactiveController) {},
    removeController(_controller: ReactiveController) {},
    requestUpdate() { this.updates += 1; },
    updateComplete: Promise.resolve(true),
  };
}

const snapshot = (halfLife: number, presetId = 'default', scenarioId: string | null = null): PlanSnapshot => ({
  draft: { name: 'Plan', brand: { halfLifeMonths: halfLife } }, presetId, scenarioId,
});

describe('UndoController', () => {
  it('restores the snapshot before a step, says what it undid, and offers Redo', () => {
    const restored: PlanSnapshot[] = [];
    const undo = new UndoController(fakeHost(), (state) => restored.push(state));
    undo.start(snapshot(24));
    undo.record(snapshot(30), 'Edit brand half-life', { group: 'field:brand.halfLifeMonths' });
    undo.record(snapshot(30, 'new-product-launch'), 'Switch to the preset “New product launch”', { announce: 'Switched to the preset “New product launch”.' });
    expect(undo.toast).toMatchObject({ text: 'Switched to the preset “New product launch”.', offer: 'undo' });
    undo.undo();
    expect(restored.at(-1)).toEqual(snapshot(30));
    expect(undo.toast).toMatchObject({ text: 'Undone: Switch to the preset “New product launch”.', offer: 'redo' });
    undo.undo();
    expect(restored.at(-1)).toEqual(snapshot(24));
    undo.redo();
    expect(undo.toast).toMatchObject({ text: 'Redone: Edit brand half-life.', offer: 'undo' });
  });

  it('takes no step for a change that changes nothing, but still says what was done', () => {
    const undo = new UndoController(fakeHost(), () => {});
    undo.start(snapshot(24));
    undo.record(snapshot(24), 'Reset to preset', { announce: 'Reset to the preset “Consumer brand (default)”.' });
    expect(undo.history.canUndo).toBe(false);
    expect(undo.toast).toMatchObject({ text: 'Reset to the preset “Consumer brand (default)”.', offer: undefined });
    // The open scenario alone is a change (opening a saved copy of what is on screen).
    undo.record(snapshot(24, 'default', 'saved-id'), 'Open “Plan”');
    expect(undo.history.undoLabel).toBe('Open “Plan”');
  });

  it('lets the optimiser panel know when applying its plan is the step Undo takes back', () => {
    const undo = new UndoController(fakeHost(), () => {});
    undo.start(snapshot(24));
    undo.record(snapshot(25), APPLY_PLAN_STEP);
    expect(undo.history.undoLabel).toBe(APPLY_PLAN_STEP);
  });

  it('names field steps in the field’s own words', () => {
    expect(fieldStepLabel('brand.halfLifeMonths')).toBe('Edit brand half-life');
    expect(fieldStepLabel('budget.upstreamShare')).toBe('Edit upstream share');
    expect(fieldStepLabel('name')).toBe('Edit the scenario name');
  });
});
