/**
 * The events controls send up to the app shell. Controls never change the model themselves:
 * they say what the person did, and the shell decides what the draft becomes.
 */

/** A field was edited: `value` is a number when the text reads as one, else the text itself. */
export interface FieldChangeDetail {
  path: string;
  /** The new value; `undefined` leaves an optional setting out (such as `upstream.shortTerm`). */
  value: unknown;
  /**
   * The step's name in the edit history, for a choice (a switch, a select) that is one step of
   * its own. Unset for typing, whose keystrokes in one field merge into one step named after it.
   */
  step?: string;
}

export function fieldChange(path: string, value: unknown, step?: string): CustomEvent<FieldChangeDetail> {
  const detail: FieldChangeDetail = step === undefined ? { path, value } : { path, value, step };
  return new CustomEvent('field-change', { detail, bubbles: true, composed: true });
}

/** Issues whose path is this field or inside it (`budget.perYear[2]` belongs to `budget.perYear`). */
export function messagesFor(issues: readonly { path: string; message: string }[], path: string): string[] {
  return issues
    .filter((issue) => issue.path === path || issue.path.startsWith(`${path}[`) || issue.path.startsWith(`${path}.`))
    .map((issue) => issue.message);
}
