/**
 * Undo and redo of the plan as the person edits it: a list of states behind the present and a
 * list ahead of it, each step named in the person's words ("Switch to preset “…”") so the Undo
 * button can say what it takes back.
 *
 * Pure and generic: the app keeps its drafts here (with the preset and the open scenario), the
 * tests keep numbers. States are stored as given, never copied or compared deeply: the app's
 * drafts are immutable, each edit makes a new one.
 *
 * - `record` makes a new step and forgets whatever was ahead (a new edit after an undo ends
 *   that branch, as in every editor).
 * - A burst of edits in one group (the steps of a slider drag, the keystrokes typed into one
 *   field) within `burstMs` of each other is one step: one Undo takes the whole drag back.
 * - At most `limit` steps are kept behind the present; the oldest go first.
 *
 * Complexity: O(1) per record, undo and redo (amortised; dropping the oldest step shifts the list
 * only when the limit is reached).
 *
 * @example
 * const history = new EditHistory(0);
 * history.record(1, 'Add one');
 * history.undo(); // { state: 0, label: 'Add one' }
 * history.redo(); // { state: 1, label: 'Add one' }
 */
export interface HistoryMove<T> {
  /** The state to show now. */
  state: T;
  /** The step taken back (undo) or made again (redo). */
  label: string;
}

export interface RecordOptions {
  /** Edits of one group in quick succession merge into one step (e.g. `field:budget.upstreamShare`). */
  group?: string;
}

export interface EditHistoryOptions {
  /** Steps kept behind the present; 100 unless given. At least 1. */
  limit?: number;
  /** Longest pause between two edits of a group that still merge; 1,000 ms unless given. */
  burstMs?: number;
  /** The clock, in milliseconds (tests pass their own). */
  now?: () => number;
}

interface Step<T> {
  /** The state on the other side of the step. */
  state: T;
  label: string;
}

export class EditHistory<T> {
  private pastSteps: Step<T>[] = [];
  private futureSteps: Step<T>[] = [];
  private presentState: T;
  private readonly limit: number;
  private readonly burstMs: number;
  private readonly now: () => number;
  /** The group and time of the last recorded edit, while a burst may still continue. */
  private burst: { group: string; at: number } | undefined;

  constructor(initial: T, options: EditHistoryOptions = {}) {
    const limit = options.limit ?? 100;
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`EditHistory limit must be a whole number of at least 1, got ${limit}`);
    this.presentState = initial;
    this.limit = limit;
    this.burstMs = options.burstMs ?? 1000;
    this.now = options.now ?? (() => Date.now());
  }

  get present(): T {
    return this.presentState;
  }

  get canUndo(): boolean {
    return this.pastSteps.length > 0;
  }

  get canRedo(): boolean {
    return this.futureSteps.length > 0;
  }

  /** The step Undo would take back, or undefined. */
  get undoLabel(): string | undefined {
    return this.pastSteps.at(-1)?.label;
  }

  /** The step Redo would make again, or undefined. */
  get redoLabel(): string | undefined {
    return this.futureSteps.at(-1)?.label;
  }

  /** Steps behind the present (at most `limit`). */
  get undoDepth(): number {
    return this.pastSteps.length;
  }

  /** Forgets every step: `state` is the new starting point (a reload, a fresh start). */
  reset(state: T): void {
    this.presentState = state;
    this.pastSteps = [];
    this.futureSteps = [];
    this.burst = undefined;
  }

  /**
   * Makes `state` the present as a new step named `label`, or, within a burst of its group,
   * as part of the step already made (which keeps its first label).
   */
  record(state: T, label: string, options: RecordOptions = {}): void {
    const at = this.now();
    const group = options.group;
    const continues = group !== undefined && this.burst !== undefined && this.burst.group === group
      && at - this.burst.at <= this.burstMs && this.futureSteps.length === 0 && this.pastSteps.length > 0;
    if (!continues) {
      this.pastSteps.push({ state: this.presentState, label });
      if (this.pastSteps.length > this.limit) this.pastSteps.splice(0, this.pastSteps.length - this.limit);
    }
    this.presentState = state;
    this.futureSteps = [];
    this.burst = group === undefined ? undefined : { group, at };
  }

  /**
   * Changes the present without a step: for changes that are not edits of the plan, such as the
   * open scenario getting a new id when saved, so that an undo does not take them back.
   */
  replacePresent(state: T): void {
    this.presentState = state;
  }

  /** Steps back; undefined when there is nothing to undo. */
  undo(): HistoryMove<T> | undefined {
    const step = this.pastSteps.pop();
    if (step === undefined) return undefined;
    this.futureSteps.push({ state: this.presentState, label: step.label });
    this.presentState = step.state;
    this.burst = undefined;
    return { state: step.state, label: step.label };
  }

  /** Steps forward again; undefined when there is nothing to redo. */
  redo(): HistoryMove<T> | undefined {
    const step = this.futureSteps.pop();
    if (step === undefined) return undefined;
    this.pastSteps.push({ state: this.presentState, label: step.label });
    this.presentState = step.state;
    this.burst = undefined;
    return { state: step.state, label: step.label };
  }
}
