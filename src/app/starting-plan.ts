import type { Model } from '../engine/index.ts';
import { type ModelReadResult, hasScenario, readModelText, readScenarioLink } from '../engine/io/index.ts';
import { type Draft, draftFromModel } from './model-draft.ts';
import { DEFAULT_PRESET_ID, findPreset } from './presets.ts';
import type { WorkingState } from './scenario-store.ts';

/** What the app opens with. */
export type StartingPlan =
  /** A link from elsewhere: its model, as a plan of no preset. */
  | { kind: 'link'; draft: Draft; presetId: '' }
  /** The working state of the last visit (or of this tab, reloaded), with any invalid text still in its fields. */
  | { kind: 'restore'; draft: Draft; lastValid: Model; presetId: string; scenarioId: string | null }
  /** A preset, when there is nothing else. */
  | { kind: 'preset'; presetId: string };

export interface StartingPoint {
  plan: StartingPlan;
  /** The address's link when it was opened (or was this tab's own), so it is not opened again. */
  openedHash?: string;
  /** Why the address's link could not be opened, to tell the person (the plan is then the next choice). */
  linkFailure?: ModelReadResult & { ok: false };
}

/**
 * Decides what the app opens, in order of precedence: a scenario in the URL (unless it is this
 * browser's own last plan, reloaded: then its working state, which may be a moment ahead of the
 * address), the last working state, the default preset. A link that cannot be read is reported
 * and the next choice opens; a working state whose last valid model no longer reads falls back
 * to its preset's model. Reads nothing but its arguments.
 *
 * @param working the saved working state, if any (ScenarioStore.loadWorkingState)
 * @param address the page's `location.hash` and `location.href`
 * @param isOwnLink whether this tab wrote the hash itself (scenario-link-controller.ts)
 */
export function startingPoint(working: WorkingState | undefined, address: { hash: string; href: string }, isOwnLink: (hash: string) => boolean): StartingPoint {
  const lastValid = working === undefined ? undefined : readModelText(JSON.stringify(working.lastValid ?? null), 'The saved plan');
  let linkFailure: (ModelReadResult & { ok: false }) | undefined;
  if (hasScenario(address.hash)) {
    const read = readScenarioLink(address.href);
    if (read.ok) {
      // A reload of this tab: the address holds a link this tab wrote itself (possibly a moment
      // behind its last edits, which the working state has), not one from elsewhere.
      const ownPlan = working !== undefined && lastValid?.ok === true
        && (isOwnLink(address.hash) || JSON.stringify(lastValid.model) === JSON.stringify(read.model));
      const plan: StartingPlan = ownPlan ? restored(working, lastValid.model) : { kind: 'link', draft: draftFromModel(read.model), presetId: '' };
      return { plan, openedHash: address.hash };
    }
    linkFailure = read;
  }
  const failure = linkFailure === undefined ? {} : { linkFailure };
  if (working !== undefined) {
    const fallback = lastValid?.ok ? lastValid.model : (findPreset(working.presetId) ?? findPreset(DEFAULT_PRESET_ID)!).model;
    return { plan: restored(working, fallback), ...failure };
  }
  return { plan: { kind: 'preset', presetId: DEFAULT_PRESET_ID }, ...failure };
}

/** The working state as it is put back: a preset that no longer exists becomes none, a damaged draft the last valid model. */
function restored(working: WorkingState, lastValid: Model): StartingPlan {
  return {
    kind: 'restore',
    draft: typeof working.draft === 'object' && working.draft !== null ? working.draft as Draft : draftFromModel(lastValid),
    lastValid,
    presetId: working.presetId === '' || findPreset(working.presetId) !== undefined ? working.presetId : '',
    scenarioId: working.scenarioId,
  };
}
